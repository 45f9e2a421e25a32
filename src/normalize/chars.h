// normalize/chars.h — internal: the character classes the normaliser's
// passes ask about, on UTF-8 bytes. Invalid UTF-8 never stops them: a byte
// that starts no whole sequence is a character of one byte.
//
//  - word_char: the characters of a word (letters, combining marks,
//    ligatures; soft hyphens and zero-width characters, which the emitter
//    takes out of the word);
//  - char_fix: what the emitter writes for another character (odd spaces
//    become a space, controls and zero-width characters nothing);
//  - is_space / only_invisible: what the line reader trims and calls blank;
//  - trailing_hyphen: a word's break at a line end ("-", or U+2010);
//  - ligature: "ﬁ" → "fi"; nfc: ICU's NFC, the input back on any error.
// The small ones are inline: they run for every byte.
#pragma once

#include <unicode/umachine.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace omb::pass {

// The code point at s[i] (negative for invalid UTF-8), and in *next where
// the one after it starts.
inline UChar32 code_point_at(std::string_view s, std::size_t i, std::size_t* next) {
  std::int32_t k = static_cast<std::int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), k, static_cast<std::int32_t>(s.size()), c);
  *next = static_cast<std::size_t>(k);
  return c;
}

inline unsigned char U(char c) { return static_cast<unsigned char>(c); }

// An ASCII digit at s[i] (false past the end).
inline bool digit_at(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// Length of the UTF-8 sequence starting at s[i] (1 for invalid bytes).
inline std::size_t seq_len(std::string_view s, std::size_t i) {
  unsigned char c = U(s[i]);
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return i + n <= s.size() ? n : 1;
}

// Does the sequence at s[i] belong to a word? ASCII letters; Latin letters
// U+00C0–U+024F (bar × and ÷); combining marks U+0300–U+036F; ligatures
// U+FB00–U+FB06; soft hyphen and zero-width characters (removed inside words).
inline bool word_char(std::string_view s, std::size_t i) {
  unsigned char c = U(s[i]);
  if (c < 0x80) return static_cast<unsigned char>((c | 0x20) - 'a') < 26;  // std::isalpha in the "C" locale
  std::size_t n = seq_len(s, i);
  if (n == 2) {
    unsigned char d = U(s[i + 1]);
    if (c == 0xC3) return d != 0x97 && d != 0xB7;
    if (c >= 0xC4 && c <= 0xC9) return true;
    if (c == 0xCC || (c == 0xCD && d <= 0xAF)) return true;
    if (c == 0xC2 && d == 0xAD) return true;  // soft hyphen
    return false;
  }
  if (n == 3) {
    if (c == 0xEF && U(s[i + 1]) == 0xAC && U(s[i + 2]) <= 0x86) return true;  // ligatures
    if (c == 0xE2 && U(s[i + 1]) == 0x80 && U(s[i + 2]) >= 0x8B && U(s[i + 2]) <= 0x8D) return true;  // ZW*
  }
  return false;
}

// The hyphen that ends `line` where a word breaks: "-", or U+2010 HYPHEN
// as pdftotext writes a soft hyphen at a line's end, with the soft hyphen
// (U+00AD) before either one; its length in bytes, 0 when none.
inline std::size_t trailing_hyphen(std::string_view line) {
  std::size_t n = 0;
  if (!line.empty() && line.back() == '-') n = 1;
  else if (line.size() >= 3 && line.compare(line.size() - 3, 3, "\xE2\x80\x90") == 0) n = 3;
  else return 0;
  if (line.size() >= n + 2 && line.compare(line.size() - n - 2, 2, "\xC2\xAD") == 0) n += 2;
  return n;
}

inline const char* ligature(std::string_view s, std::size_t i) {
  if (seq_len(s, i) != 3 || U(s[i]) != 0xEF || U(s[i + 1]) != 0xAC) return nullptr;
  static const char* k[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  unsigned char d = U(s[i + 2]);
  return d >= 0x80 && d <= 0x86 ? k[d - 0x80] : nullptr;
}

// Replacement for a non-word character inside a line, or nullopt to keep it.
inline std::optional<std::pair<const char*, const char*>> char_fix(std::string_view s, std::size_t i) {
  unsigned char c = U(s[i]);
  if (c == '\t') return std::make_pair(" ", "space");
  if (c < 0x20 || c == 0x7F) return std::make_pair("", "control");
  std::size_t n = seq_len(s, i);
  if (n == 2 && c == 0xC2) {
    unsigned char d = U(s[i + 1]);
    if (d == 0xA0) return std::make_pair(" ", "space");
    if (d >= 0x80 && d <= 0x9F) return std::make_pair("", "control");
  }
  if (n == 3 && c == 0xE2 && U(s[i + 1]) == 0x80) {
    unsigned char d = U(s[i + 2]);
    if (d <= 0x8A || d == 0xAF) return std::make_pair(" ", "space");
    if (d >= 0x8B && d <= 0x8F) return std::make_pair("", "zero-width");
  }
  if (n == 3 && c == 0xE2 && U(s[i + 1]) == 0x81 && U(s[i + 2]) == 0x9F) return std::make_pair(" ", "space");
  if (n == 3 && c == 0xE2 && U(s[i + 1]) == 0x81 && U(s[i + 2]) == 0xA0) return std::make_pair("", "zero-width");
  if (n == 3 && c == 0xEF && U(s[i + 1]) == 0xBB && U(s[i + 2]) == 0xBF) return std::make_pair("", "zero-width");
  if (n == 3 && c == 0xE3 && U(s[i + 1]) == 0x80 && U(s[i + 2]) == 0x80) return std::make_pair(" ", "space");
  return std::nullopt;
}

inline bool is_space(std::string_view s, std::size_t i) {
  unsigned char c = U(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\v') return true;
  return c == 0xC2 && i + 1 < s.size() && U(s[i + 1]) == 0xA0;
}

// Nothing in s[b, e) stays visible: spaces, controls, zero-width characters
// and soft hyphens only, all of which the emitter removes. Such a line is
// blank: as a line of text it gave an empty block, or split a paragraph that
// a second pass then read differently.
bool only_invisible(std::string_view s, std::size_t b, std::size_t e);

// Well-formed UTF-8 (no overlong two-byte leads, no cut sequences).
bool valid_utf8(std::string_view s);

// The NFC form of `s` (ICU); `s` itself if ICU fails.
std::string nfc(const std::string& s);

}  // namespace omb::pass
