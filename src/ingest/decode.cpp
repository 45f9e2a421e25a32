#include "ingest/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <cstring>
#include <memory>

namespace omb {
namespace {

struct Utf8Scan {
  std::size_t multibyte = 0;  // valid multi-byte sequences
  std::size_t invalid = 0;    // invalid sequences
  std::size_t first_invalid = std::string::npos;
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan r;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < len) {
    // Fast path: 8 ASCII bytes at a time.
    if (i + 8 <= len) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) { i += 8; continue; }
    }
    if (p[i] < 0x80) { ++i; continue; }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) {
      if (r.invalid == 0) r.first_invalid = static_cast<std::size_t>(start);
      ++r.invalid;
    } else {
      ++r.multibyte;
    }
  }
  return r;
}

std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) out += "\xEF\xBF\xBD";
    else out.append(s.data() + start, static_cast<std::size_t>(i - start));
  }
  return out;
}

// Converts with an ICU converter; substitutes unmappable bytes.
Result<std::string> convert_to_utf8(std::string_view bytes, const char* charset) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &st), &ucnv_close);
  if (U_FAILURE(st)) return make_error(Errc::internal, std::string("ICU has no converter for ") + charset);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("UTF-8", &st), &ucnv_close);
  if (U_FAILURE(st)) return make_error(Errc::internal, "ICU has no UTF-8 converter");
  // Worst case: each input byte becomes 3 UTF-8 bytes (BMP), UTF-16 pairs 4.
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8.get(), conv.get(), &target, out.data() + out.size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true, &st);
  if (U_FAILURE(st)) return make_error(Errc::decode, std::string("cannot convert from ") + charset + ": " + u_errorName(st));
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

// Share of control characters other than tab, newline, CR, FF, VT, ESC.
bool looks_binary(std::string_view s, std::size_t* offset) {
  std::size_t ctrl = 0;
  std::size_t n = s.size() < (1u << 20) ? s.size() : (1u << 20);  // the first MiB tells
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) {
      if (ctrl == 0) *offset = i;
      ++ctrl;
    }
  }
  return n > 0 && ctrl * 100 > n;  // more than 1%
}

}  // namespace

bool is_valid_utf8(std::string_view s) { return scan_utf8(s).invalid == 0; }

void PassThroughCheck::feed(std::string_view piece) {
  if (!ok_ || piece.empty()) return;
  if (first_) {
    first_ = false;
    if (piece.size() >= 2 && (piece.substr(0, 2) == "\xFF\xFE" || piece.substr(0, 2) == "\xFE\xFF")) { ok_ = false; return; }
    if (piece.size() >= 3 && piece.substr(0, 3) == "\xEF\xBB\xBF") bom_ = 3;
    std::size_t off = 0;
    if (looks_binary(piece, &off)) { ok_ = false; return; }  // it looks at the first MiB only, as decode_text does
    piece.remove_prefix(bom_);
  }
  if (std::memchr(piece.data(), '\0', piece.size())) { ok_ = false; return; }
  body_ += piece.size();
  auto length = [](unsigned char lead) -> std::size_t { return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1; };
  if (!carry_.empty()) {  // complete the sequence the last piece cut off
    std::size_t take = std::min(length(static_cast<unsigned char>(carry_[0])) - carry_.size(), piece.size());
    carry_.append(piece.substr(0, take));
    piece.remove_prefix(take);
    if (carry_.size() < length(static_cast<unsigned char>(carry_[0]))) return;  // a piece of a byte or two
    if (scan_utf8(carry_).invalid != 0) { ok_ = false; return; }
    carry_.clear();
  }
  // Keep back a sequence the piece cuts off; check the rest.
  std::size_t end = piece.size(), back = 0;
  while (back < 3 && back < end && (static_cast<unsigned char>(piece[end - 1 - back]) & 0xC0) == 0x80) ++back;
  if (back < end) {
    std::size_t lead = end - back - 1;
    if (length(static_cast<unsigned char>(piece[lead])) > back + 1) end = lead;  // incomplete: wait for the next piece
  }
  if (scan_utf8(piece.substr(0, end)).invalid != 0) { ok_ = false; return; }
  carry_ = std::string(piece.substr(end));
}

bool PassThroughCheck::finish() { return ok_ && carry_.empty() && body_ > 0; }

Result<Decoded> decode_text(std::string bytes) {
  if (bytes.empty()) return make_error(Errc::decode, "empty file");
  auto starts = [&](const char* bom, std::size_t n) {
    return bytes.size() >= n && std::memcmp(bytes.data(), bom, n) == 0;
  };
  Decoded d;
  if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2)) {
    bool le = starts("\xFF\xFE", 2);
    d.encoding = le ? "UTF-16LE" : "UTF-16BE";
    std::string_view body(bytes.data() + 2, bytes.size() - 2);
    if (body.size() % 2 != 0) body.remove_suffix(1);
    auto conv = convert_to_utf8(body, le ? "UTF-16LE" : "UTF-16BE");
    if (!conv.ok()) return conv.error();
    d.text = std::move(conv).value();
    Utf8Scan sc = scan_utf8(d.text);
    (void)sc;
    std::size_t off = 0;
    if (d.text.empty()) return make_error(Errc::decode, "empty file (only a byte order mark)");
    if (looks_binary(d.text, &off)) return make_error(Errc::decode, "not text: control characters near byte " + std::to_string(off));
    return d;
  }
  std::size_t skip = 0;
  if (starts("\xEF\xBB\xBF", 3)) { skip = 3; d.encoding = "UTF-8 (BOM)"; }

  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    auto off = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    return make_error(Errc::decode, "not text: NUL byte at offset " + std::to_string(off) +
                                        " (binary file, or UTF-16 without a byte order mark)");
  }
  std::size_t ctrl_off = 0;
  if (looks_binary(bytes, &ctrl_off))
    return make_error(Errc::decode, "not text: control characters near byte " + std::to_string(ctrl_off));

  std::string_view body(bytes.data() + skip, bytes.size() - skip);
  if (body.empty()) return make_error(Errc::decode, "empty file (only a byte order mark)");
  Utf8Scan sc = scan_utf8(body);
  if (sc.invalid == 0) {
    if (skip) bytes.erase(0, skip);
    d.text = std::move(bytes);
    if (d.encoding.empty()) d.encoding = "UTF-8";
    return d;
  }
  // UTF-8 with damage: keep it UTF-8, replace the bad sequences. (Real
  // Windows-1252 text practically never holds a valid multi-byte sequence.)
  if (skip || (sc.multibyte > 0 && sc.multibyte >= sc.invalid)) {
    d.text = replace_invalid_utf8(body);
    d.replaced = sc.invalid;
    if (d.encoding.empty()) d.encoding = "UTF-8";
    return d;
  }
  // A single-byte Western encoding. Ask ICU's detector which one; decode both
  // as windows-1252, its superset for printable characters.
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&st), &ucsdet_close);
  std::string name = "windows-1252";
  if (U_SUCCESS(st)) {
    int32_t n = static_cast<int32_t>(body.size() < (1u << 20) ? body.size() : (1u << 20));
    ucsdet_setText(det.get(), body.data(), n, &st);
    const UCharsetMatch* m = ucsdet_detect(det.get(), &st);
    if (U_SUCCESS(st) && m) {
      const char* got = ucsdet_getName(m, &st);
      if (U_SUCCESS(st) && got && std::strcmp(got, "ISO-8859-1") == 0) name = "ISO-8859-1";
    }
  }
  auto conv = convert_to_utf8(body, "windows-1252");
  if (!conv.ok()) return conv.error();
  d.text = std::move(conv).value();
  d.encoding = name;
  return d;
}

}  // namespace omb
