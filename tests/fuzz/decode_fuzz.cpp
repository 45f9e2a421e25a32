// tests/fuzz/decode_fuzz.cpp — decode_text() and PassThroughCheck on any bytes.
//
// Properties (ingest/decode.h):
//  - decode_text never crashes; an error is Errc::decode with a message;
//  - its text is valid UTF-8, and `replaced` is 0 unless the input was UTF-8 with damage;
//  - when PassThroughCheck passes a file (fed whole), decode_text passes it
//    through unchanged (same text, less the BOM it names, encoding "UTF-8" or
//    "UTF-8 (BOM)");
//  - its answer does not depend on where later pieces are cut. Its contract
//    asks for a first piece that holds the first MiB (the BOM and binary tests
//    look only there; ingest feeds 8 MiB pieces), so the cut feed keeps a
//    first piece of at least 3 bytes and is compared only for inputs without
//    the control characters the binary test counts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "ingest/decode.h"

using namespace omb;

namespace {

// Fed whole (first == 0), or as a first piece of `first` bytes and the rest
// in pieces of step, step+1, ..., wrapping at 7.
bool pass_through(std::string_view in, std::size_t first, std::size_t step, std::size_t* bom) {
  PassThroughCheck c;
  if (first == 0) {
    c.feed(in);
  } else {
    std::size_t i = std::min(first, in.size()), n = step;
    c.feed(in.substr(0, i));
    while (i < in.size()) {
      std::size_t take = std::min(n, in.size() - i);
      c.feed(in.substr(i, take));
      i += take;
      n = n % 7 + 1;
    }
  }
  bool ok = c.finish();
  *bom = c.bom();
  return ok;
}

// A control character looks_binary() counts.
bool has_counted_control(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  auto r = decode_text(std::string(in));
  if (r.ok()) {
    FUZZ_CHECK(is_valid_utf8(r->text), "decode_text gave invalid UTF-8 (" + r->encoding + ")");
    FUZZ_CHECK(!r->encoding.empty(), "no encoding named");
    if (r->replaced > 0) FUZZ_CHECK(r->encoding.rfind("UTF-8", 0) == 0, "replacements outside UTF-8: " + r->encoding);
  } else {
    FUZZ_CHECK(r.error().code == Errc::decode, "error code " + std::string(errc_name(r.error().code)));
    FUZZ_CHECK(!r.error().message.empty(), "empty message");
  }

  std::size_t bom = 0, bom2 = 0;
  bool whole = pass_through(in, 0, 0, &bom);
  if (size > 3 && !has_counted_control(in)) {
    // The cuts come from the input's last bytes, so the fuzzer varies them too.
    std::size_t first = 3 + data[size - 1] % 29, step = data[size - 2] % 7 + 1;
    bool cut = pass_through(in, first, step, &bom2);
    FUZZ_CHECK(whole == cut, "PassThroughCheck depends on the cut (first piece " + std::to_string(first) + ", then " +
                                 std::to_string(step) + ")");
    FUZZ_CHECK(bom == bom2, "BOM differs by cut");
  }
  if (whole) {
    FUZZ_CHECK(r.ok(), "PassThroughCheck passed a file decode_text refuses: " + r.error().message);
    FUZZ_CHECK(r->text == in.substr(bom), "PassThroughCheck passed a file decode_text changes (" + r->encoding + ")");
    FUZZ_CHECK(r->encoding == (bom ? "UTF-8 (BOM)" : "UTF-8"), "encoding " + r->encoding);
  }
  return 0;
}
