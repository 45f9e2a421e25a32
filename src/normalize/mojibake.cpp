#include "normalize/mojibake.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "normalize/chars.h"

namespace omb::pass {
namespace {

// A UTF-8 lead byte that Windows-1252 shows as a letter a word rarely has
// before a symbol: Â Ã Ä Å Æ (C3 82–86) and â ã (C3 A2–A3).
bool lead_at(std::string_view s, std::size_t i) {
  if (U(s[i]) != 0xC3 || i + 1 >= s.size()) return false;
  unsigned char d = U(s[i + 1]);
  return (d >= 0x82 && d <= 0x86) || d == 0xA2 || d == 0xA3;
}

// A character that Windows-1252 writes as one byte of 0x80 or more: U+0080–
// U+00FF, or one of its 27 characters outside Latin-1 (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹
// Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ). Its length in bytes, or 0.
std::size_t high_len(std::string_view s, std::size_t i) {
  unsigned char c = U(s[i]);
  std::size_t n = seq_len(s, i);
  if (n == 2 && (c == 0xC2 || c == 0xC3)) return 2;
  if (n == 2 && (c == 0xC5 || c == 0xC6 || c == 0xCB)) {
    unsigned char d = U(s[i + 1]);
    if (c == 0xC5) return d == 0x92 || d == 0x93 || d == 0xA0 || d == 0xA1 || d == 0xB8 || d == 0xBD || d == 0xBE ? 2 : 0;
    if (c == 0xC6) return d == 0x92 ? 2 : 0;
    return d == 0x86 || d == 0x9C ? 2 : 0;
  }
  if (n == 3 && c == 0xE2) {
    unsigned char d = U(s[i + 1]), e = U(s[i + 2]);
    if (d == 0x80) return (e >= 0x93 && e <= 0x94) || (e >= 0x98 && e <= 0x9A) || (e >= 0x9C && e <= 0x9E) ||
                          (e >= 0xA0 && e <= 0xA2) || e == 0xA6 || e == 0xB0 || e == 0xB9 || e == 0xBA ? 3 : 0;
    if (d == 0x82) return e == 0xAC ? 3 : 0;
    if (d == 0x84) return e == 0xA2 ? 3 : 0;
  }
  return 0;
}

struct ConverterClose {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// `s` written in Windows-1252, if every character has a byte there.
std::optional<std::string> to_cp1252(std::string_view s) {
  thread_local std::unique_ptr<UConverter, ConverterClose> conv;
  UErrorCode st = U_ZERO_ERROR;
  if (!conv) {
    conv.reset(ucnv_open("windows-1252", &st));
    if (U_FAILURE(st)) { conv.reset(); return std::nullopt; }
    ucnv_setFromUCallBack(conv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
    if (U_FAILURE(st)) { conv.reset(); return std::nullopt; }
  }
  st = U_ZERO_ERROR;
  ucnv_reset(conv.get());
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::string out(static_cast<std::size_t>(u.length()) * 2 + 4, '\0');
  int32_t n = ucnv_fromUChars(conv.get(), out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &st);
  if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) return std::nullopt;
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The run undone, layer by layer (at most three), or nullopt.
std::optional<std::string> undo(std::string_view run) {
  std::string cur(run);
  bool changed = false;
  for (int layer = 0; layer < 3; ++layer) {
    std::optional<std::string> bytes = to_cp1252(cur);
    if (!bytes || *bytes == cur || !valid_utf8(*bytes)) break;
    cur = std::move(*bytes);
    changed = true;
    bool more = false;
    for (std::size_t i = 0; i < cur.size() && !more; i += seq_len(cur, i)) more = lead_at(cur, i);
    if (!more) break;
  }
  if (!changed) return std::nullopt;
  return cur;
}

bool has_letter(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); i += seq_len(s, i))
    if (word_char(s, i)) return true;
  return false;
}

}  // namespace

std::vector<RepairHit> find_mojibake(const WordRepair& words, std::string_view t) {
  std::vector<RepairHit> hits;
  std::size_t i = 0;
  while (i < t.size()) {
    const void* p = std::memchr(t.data() + i, 0xC3, t.size() - i);
    if (!p) break;
    i = static_cast<std::size_t>(static_cast<const char*>(p) - t.data());
    if (!lead_at(t, i) || (!hits.empty() && i < hits.back().end)) { ++i; continue; }
    std::size_t e = i;
    std::vector<std::size_t> ends;
    for (std::size_t n; e < t.size() && (n = high_len(t, e)) > 0; e += n) ends.push_back(e + n);
    std::optional<std::string> fixed;
    while (ends.size() >= 2 && !(fixed = undo(t.substr(i, ends.back() - i)))) ends.pop_back();
    if (!fixed) { i += 2; continue; }
    e = ends.back();
    if (!has_letter(*fixed)) {
      hits.push_back({i, e, *fixed, "mojibake"});
      i = e;
      continue;
    }
    // Letters: the word around them must be Dutch.
    std::size_t wb = i, we = e;
    while (wb > 0) {
      std::size_t k = wb - 1;
      while (k > 0 && (U(t[k]) & 0xC0) == 0x80) --k;
      if (!word_char(t, k)) break;
      wb = k;
    }
    while (we < t.size() && word_char(t, we)) we += seq_len(t, we);
    std::string word(t.substr(wb, i - wb));
    word += *fixed;
    word.append(t.substr(e, we - e));
    const WordVerdict& v = verdict(words, word);
    if (v.known) {
      hits.push_back({wb, we, v.repaired ? v.to : word, "mojibake"});
      i = we;
    } else {
      i = e;
    }
  }
  return hits;
}

}  // namespace omb::pass
