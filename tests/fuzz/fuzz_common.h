// tests/fuzz/fuzz_common.h — what the libFuzzer harnesses share.
//
// FUZZ_CHECK(cond, what) reports a broken property and aborts, so libFuzzer
// keeps the input as a crash. The word lists and rules are loaded once from
// the source tree (OMB_SOURCE_DIR, a compile definition; the environment
// variable of that name overrides it).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

#define FUZZ_CHECK(cond, what)                                                                      \
  do {                                                                                              \
    if (!(cond)) {                                                                                  \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n  %s\n", __FILE__, __LINE__, #cond,     \
                   std::string(what).c_str());                                                      \
      std::abort();                                                                                 \
    }                                                                                               \
  } while (0)

namespace omb::fuzz {

inline std::string source_dir() {
  const char* e = std::getenv("OMB_SOURCE_DIR");
  return e && *e ? e : OMB_SOURCE_DIR;
}

inline std::string dictionaries() { return source_dir() + "/dictionaries"; }

// A loader's Result, or exit(1) with its error: a harness without its word
// lists fuzzes nothing.
template <class T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

// Where a UTF-8 character starts (not a continuation byte), or the end.
inline bool char_boundary(std::string_view s, std::size_t i) {
  return i == 0 || i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

}  // namespace omb::fuzz
