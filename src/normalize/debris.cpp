#include "normalize/debris.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "normalize/chars.h"
#include "normalize/fragments.h"
#include "normalize/repairs.h"
#include "normalize/word_repair.h"

namespace omb::pass {
namespace {

// Strips punctuation around a token for a dictionary check.
std::string_view word_core(std::string_view t) {
  auto is_punct = [](unsigned char c) { return c < 0x80 && !std::isalnum(c); };
  // Typographic quotes: ‘ ’ “ ” „ (E2 80 98/99/9C/9D/9E).
  auto quote_at = [&](std::size_t i) {
    return i + 3 <= t.size() && U(t[i]) == 0xE2 && U(t[i + 1]) == 0x80 &&
           (U(t[i + 2]) == 0x98 || U(t[i + 2]) == 0x99 || U(t[i + 2]) == 0x9C || U(t[i + 2]) == 0x9D || U(t[i + 2]) == 0x9E);
  };
  for (bool more = true; more && !t.empty();) {
    more = false;
    if (is_punct(U(t.front()))) { t.remove_prefix(1); more = true; }
    else if (quote_at(0)) { t.remove_prefix(3); more = true; }
    if (t.empty()) break;
    if (is_punct(U(t.back()))) { t.remove_suffix(1); more = true; }
    else if (t.size() >= 3 && quote_at(t.size() - 3)) { t.remove_suffix(3); more = true; }
  }
  return t;
}

// A name as a sentence writes one: a capital, then lower-case letters, 4
// bytes or more ("Keerdonk", "Ommerzand"), or parts of a capital and one or
// more lower-case letters joined by hyphens ("Essendonk-Zuid", "Aa-Veld");
// OCR debris is rarely so regular.
bool proper_name(std::string_view w) {
  if (w.size() < 4) return false;
  // Parts joined by hyphens, each a capital and small letters: "Essendonk-Zuid", "Noord-Brabant".
  for (std::size_t b = 0; b <= w.size();) {
    const std::size_t e = std::min(w.find('-', b), w.size());
    if (e - b < 2 || !(w[b] >= 'A' && w[b] <= 'Z') ||
        !std::all_of(w.begin() + static_cast<std::ptrdiff_t>(b) + 1, w.begin() + static_cast<std::ptrdiff_t>(e),
                     [](char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }))
      return false;
    b = e + 1;
  }
  return true;
}

// A compound joined by hyphens whose parts are all words (or repair to one).
bool hyphen_parts_known(const WordRepair& words, std::string_view w) {
  if (w.find('-') == std::string_view::npos) return false;
  bool any = false;
  for (std::size_t b = 0; b <= w.size();) {
    std::size_t e = w.find('-', b);
    if (e == std::string_view::npos) e = w.size();
    if (e > b) {
      if (!verdict(words, w.substr(b, e - b)).known) return false;
      any = true;
    }
    b = e + 1;
  }
  return any;
}

// A case or report number: letters and at least three digits joined by
// . / - ("KL.2021.0345", "Z/21/007736", "2022-OF-017"). A case heading made
// of one and a unit ("KL.2021.0345 – team Reiniging") is text, not noise.
bool code_token(std::string_view w) {
  if (w.size() < 4 || !std::isalnum(static_cast<unsigned char>(w[0]))) return false;
  int digits = 0;
  for (char ch : w) {
    if (std::isdigit(static_cast<unsigned char>(ch))) ++digits;
    else if (!std::isalpha(static_cast<unsigned char>(ch)) && ch != '.' && ch != '/' && ch != '-') return false;
  }
  return digits >= 3;
}

// ASCII character classes for the quick looks at a line below.
enum : unsigned char { kDigit = 1, kLower = 2, kUpper = 4, kMark = 8, kSpace = 16, kLetter = kLower | kUpper };
const std::array<unsigned char, 256> kClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  t['.'] = t[':'] = t[';'] = kMark;
  t[' '] = t['\t'] = kSpace;
  return t;
}();

// The line with the spaces the emitter writes where a number and a word, or
// a mark and a word, are glued (fragments.h: glued_number, glued_before):
// the next pass reads them, so the share of words is counted over them.
// Empty when there are none.
std::string glue_spaced(const WordRepair& words, std::string_view s) {
  std::string out;
  std::size_t last = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    const unsigned char c = kClass[U(s[i])], p = kClass[U(s[i - 1])];
    bool cut = false;
    if ((c & kDigit) && (p & kLetter)) {
      cut = glued_number(words, s, 0, i, s.size());
    } else if ((c & kLetter) && (p & (kDigit | kMark))) {
      std::size_t j = i;
      while (j < s.size() && word_char(s, j)) j += std::min(seq_len(s, j), s.size() - j);
      cut = glued_before(words, s, 0, i, j, std::string(s.substr(i, j - i)));
    }
    if (!cut) continue;
    out.append(s.substr(last, i - last));
    out += ' ';
    last = i;
  }
  if (last == 0) return {};
  out.append(s.substr(last));
  return out;
}

// A token with OCR's digit for a letter or letters for digits that the
// emitter repairs (fragments.h: "K1acht", "Be1astingen", "2OO3/027",
// "0UDWOLDE"): it counts as the word it becomes, so that a line of them is
// no noise in the first pass either.
bool ocr_digit_token(const WordRepair& words, std::string_view w) {
  std::size_t d = w.find_first_of("10");
  if (d == std::string_view::npos) return false;
  if (d > 0 && (w[d] == '1' || w[d] == '0') && std::isalpha(U(w[d - 1])) && !std::isdigit(U(w[0])))
    return one_for_l(words, w, 0, d, w.size()).has_value();  // the lexicon has judged it
  if (d != 0 && !std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(d), [](char c) { return std::isdigit(U(c)); }))
    return false;
  // What the fix makes must itself be good: a number, or a known word.
  auto f = letters_in_number(words, w, 0, w.size());
  if (!f) return false;
  if (std::all_of(f->text.begin(), f->text.end(), [](char c) { return std::isdigit(U(c)); })) return true;
  const WordVerdict& v = verdict(words, f->text);
  return v.known && !v.repaired;
}

// A run of letter-spaced fragments the emitter joins into one word, from a
// single letter: s[b, e), `tokens` tokens.
struct SpacedRun {
  std::size_t b = 0, e = 0;
  int tokens = 0;
};

std::vector<SpacedRun> spaced_runs(const WordRepair& words, std::string_view s) {
  std::vector<SpacedRun> runs;
  auto single = [&](std::size_t b) {
    return (kClass[U(s[b])] & kLetter) && (b == 0 || (kClass[U(s[b - 1])] & kSpace)) &&
           (b + 1 == s.size() || (kClass[U(s[b + 1])] & kSpace));
  };
  for (std::size_t b = 0; b < s.size(); ++b) {
    if (!single(b)) continue;
    auto f = join_fragments(words, s, b, b + 1, s.size(), std::string(1, s[b]));
    if (!f || f->end <= b + 1) continue;
    int tokens = 1;
    for (std::size_t k = b + 1; k + 1 < f->end; ++k) tokens += (kClass[U(s[k])] & kSpace) && !(kClass[U(s[k + 1])] & kSpace);
    runs.push_back({b, f->end, tokens});
    b = f->end;
  }
  return runs;
}

}  // namespace

// Chart and figure debris: too few tokens are words or numbers (under 60 %).
// Tokens are walked in place; the walk stops as soon as the verdict is sure.
// Two tokens that make a word together are two words.
bool noise_line(const WordRepair& words, std::string_view line) {
  // One look at the line counts its tokens and says whether anything is
  // glued or split at a capital (most lines: nothing, and no more work).
  bool inner_caps = false, glued = false, single = false;
  int tokens = 0;
  unsigned char p = kSpace;
  const std::size_t n = line.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = kClass[U(line[i])];
    if ((p & kSpace) && !(c & kSpace)) {
      ++tokens;
      single |= (c & kLetter) && (i + 1 == n || (kClass[U(line[i + 1])] & kSpace));  // a one-letter token
    }
    inner_caps |= (c & kUpper) && (p & kLower);
    glued |= ((c & kDigit) && (p & kLetter)) || ((c & kLetter) && (p & (kDigit | kMark)));
    p = c;
  }
  if (!glued && !inner_caps && tokens < 4) return false;
  const std::string spaced = glued ? glue_spaced(words, line) : std::string();
  const std::string_view s = spaced.empty() ? line : std::string_view(spaced);
  auto next_token = [&](std::size_t& i) -> std::string_view {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    std::string_view t = s.substr(i, j - i);
    i = j;
    return t;
  };
  // A token the emitter splits at its capitals ("olijkNatIt" → "olijk Nat
  // It") counts as its parts, as the next pass reads them: else the share
  // of good tokens changes between passes (no fixpoint).
  std::string key;
  auto split_parts = [&](std::string_view w) -> std::string_view {
    if (!inner_caps) return {};
    bool inner = false;
    for (std::size_t a = 1; a < w.size() && !inner; ++a) inner = w[a] >= 'A' && w[a] <= 'Z' && w[a - 1] >= 'a' && w[a - 1] <= 'z';
    if (!inner) return {};
    key.assign(w.data(), w.size());
    const WordVerdict& v = verdict(words, key);
    return v.repaired && v.rule == "split" ? std::string_view(v.to) : std::string_view();
  };
  // A letter-spaced run the emitter joins ("K L A C H T E N", "h aan":
  // fragments.h, join_fragments) counts as the one word it becomes.
  std::vector<SpacedRun> runs;
  if (single) runs = spaced_runs(words, s);
  int total = tokens, splits = 0;
  if (glued || inner_caps) {
    total = 0;
    for (std::size_t i = 0;;) {
      std::string_view t = next_token(i);
      if (t.empty()) break;
      ++total;
      std::string_view parts = split_parts(word_core(t));
      if (!parts.empty()) { total += static_cast<int>(std::count(parts.begin(), parts.end(), ' ')); ++splits; }
    }
  }
  for (const SpacedRun& r : runs) total -= r.tokens - 1;
  if (total < 4) return false;
  int good = 0, seen = 0;
  std::size_t run = 0;
  for (std::size_t i = 0; seen < total; ++seen) {
    if (good * 10 >= total * 6) return false;                  // enough good tokens already
    if ((good + (total - seen)) * 10 < total * 6) return true;  // cannot reach the share any more
    std::string_view raw = next_token(i);
    if (run < runs.size() && static_cast<std::size_t>(raw.data() - s.data()) == runs[run].b) {
      ++good;
      i = runs[run++].e;
      continue;
    }
    // A dash or a bar between parts ("KL/HZ/2025/004 – afdeling VTH") is
    // neither word nor debris: it leaves the count; other marks alone count
    // against the line.
    if (raw == "-" || raw == "\xE2\x80\x93" || raw == "\xE2\x80\x94" || raw == "|") {
      --total;
      --seen;
      continue;
    }
    std::string_view w = word_core(raw);
    if (w.empty()) continue;
    if (splits > 0) {
      if (std::string parts(split_parts(w)); !parts.empty()) {
        for (std::size_t b = 0; b <= parts.size();) {
          std::size_t e = std::min(parts.find(' ', b), parts.size());
          key.assign(parts, b, e - b);
          if (e > b && verdict(words, key).known) ++good;
          if (e < parts.size()) ++seen;
          b = e + 1;
        }
        continue;
      }
    }
    if (number_token(w) || code_token(w)) { ++good; continue; }
    if (w.size() < 2) continue;
    // A period's or a code's short name: a letter and a number ("Q1 + Q2 2022", "H2").
    if (w.size() <= 3 && std::isalpha(static_cast<unsigned char>(w[0])) && std::all_of(w.begin() + 1, w.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      ++good;
      continue;
    }
    if (proper_name(w)) { ++good; continue; }  // "gemeenten Keerdonk, Ommerzand en Wolderveen"
    key.assign(w.data(), w.size());
    if (verdict(words, key).known) { ++good; continue; }  // damaged words count too
    // A compound joined by hyphens counts as its parts, which the emitter
    // repairs one by one ("provincie-eente": "provincie", "een te").
    if (hyphen_parts_known(words, w)) { ++good; continue; }
    if (ocr_digit_token(words, w)) { ++good; continue; }  // "K1acht", "2OO3/027": the emitter repairs them
    // A word spaced apart ("alsn og") counts as the word the emitter joins
    // it into (fragments.h): else the line is noise until the join, and a
    // text line after the next pass (no fixpoint). Any two tokens that make
    // a word count, more than the emitter joins, so both passes agree.
    std::size_t after = i;
    std::string_view t = word_core(next_token(after));
    if (seen + 1 < total && !t.empty() && words.lex().known(key.append(t.data(), t.size()))) {
      good += 2;
      ++seen;
      i = after;
    }
  }
  return good * 10 < total * 6;
}

bool chart_debris(const Knowledge& k, std::string_view c) {
  if (!noise_line(k.words, c)) return false;
  // Judge the line as it will read once repaired (ligatures, context repairs).
  std::string fixed = k.repairs.apply(c);
  for (std::size_t k = 0; k < fixed.size(); ++k)
    if (const char* lig = ligature(fixed, k)) { fixed.replace(k, 3, lig); }
  return noise_line(k.words, fixed);
}

}  // namespace omb::pass
