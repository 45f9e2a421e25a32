#include "normalize/chars.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace omb::pass {

bool only_invisible(std::string_view s, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; i += std::min(seq_len(s, i), e - i)) {
    if (is_space(s, i)) continue;
    if (auto fx = char_fix(s, i); fx && (fx->first[0] == ' ' || fx->first[0] == '\0')) continue;
    std::size_t n = seq_len(s, i);
    if (n == 2 && U(s[i]) == 0xC2 && U(s[i + 1]) == 0xAD) continue;  // soft hyphen
    if (n == 3 && U(s[i]) == 0xE2 && U(s[i + 1]) == 0x80 && U(s[i + 2]) >= 0x8B && U(s[i + 2]) <= 0x8D) continue;  // ZW*
    return false;
  }
  return true;
}

std::string nfc(const std::string& s) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(st);
  if (U_FAILURE(st)) return s;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  icu::UnicodeString out = n->normalize(u, st);
  if (U_FAILURE(st)) return s;
  std::string r;
  out.toUTF8String(r);
  return r;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = U(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((U(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace omb::pass
