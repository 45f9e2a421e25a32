#include "normalize/fragments.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "normalize/chars.h"
#include "normalize/lexicon.h"
#include "normalize/lines.h"

namespace omb::pass {
namespace {


// Whether every byte of `w` is a capital (a small letter) in ASCII; true for "".
bool all_upper(std::string_view w) { return std::all_of(w.begin(), w.end(), [](char c) { return std::isupper(U(c)); }); }
bool all_lower(std::string_view w) { return std::all_of(w.begin(), w.end(), [](char c) { return std::islower(U(c)); }); }

// The end of the word starting at i (word characters only).
std::size_t word_end(std::string_view s, std::size_t i, std::size_t stop) {
  while (i < stop && word_char(s, i)) i += std::min(seq_len(s, i), stop - i);
  return i;
}

std::size_t letters(std::string_view w) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < w.size(); i += seq_len(w, i)) ++n;
  return n;
}

// A fragment of a broken word: a single letter, two letters that are no
// closed-class word ("ge", "be": the lexicon lists such pieces, but "en",
// "de", "in" and "nu" are words, so "en de" is never joined), or not a word.
bool not_a_word(const WordRepair& words, std::string_view t) {
  if (t.size() == 2 && U(t[0]) < 0x80 && U(t[1]) < 0x80) {  // two ASCII letters, lowered in place
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; };
    const char low[2] = {lower(t[0]), lower(t[1])};
    return !words.sentence_start(std::string_view(low, 2));  // a closed-class word is a word
  }
  std::size_t n = letters(t);
  return n == 1 || (n == 2 && !words.sentence_start(lower_latin(t))) || !verdict(words, t).known;
}

bool capital_after_small(std::string_view w) {
  bool small = false;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') small = true;
    else if (c >= 'A' && c <= 'Z' && small) return true;
  }
  return false;
}

// A fragment that is no short word: three letters or more, unknown ("buds").
bool long_fragment(const WordRepair& words, std::string_view t) { return letters(t) >= 3 && !verdict(words, t).known; }

std::optional<SpanFix> apostrophe(const WordRepair& words, std::string_view src, std::size_t j, std::size_t stop,
                                  const std::string& w) {
  if (!(j + 2 <= stop && src[j] == ' ' && src[j + 1] == 's' && (j + 2 == stop || !word_char(src, j + 2))))
    return std::nullopt;
  std::string with = w + "'s";
  if (!words.lex().listed(with)) return std::nullopt;
  return SpanFix{j + 2, with, "apostrophe"};
}

std::optional<SpanFix> broken(const WordRepair& words, std::string_view src, std::size_t j, std::size_t stop,
                              const std::string& w) {
  // One space or more: a column gap too, which the text writes as one space
  // (a second pass would join there).
  std::size_t k = j + 1;
  while (k < stop && (src[k] == ' ' || src[k] == '\t')) ++k;
  if (!(j < stop && src[j] == '-' && k > j + 1 && k < stop && word_char(src, k))) return std::nullopt;
  std::size_t re = word_end(src, k, stop);
  std::string r(src.substr(k, re - k));
  // In capitals too: "DE RE- ACTIE VAN HET BESTUURSORGAAN" (both sides hold letters).
  const bool caps = all_upper(w) && all_upper(r);
  const std::string rl = caps ? lower_latin(r) : r;
  if (rl == "en" || rl == "of" || rl == "tot" || rl == "noch" || !(caps || (r[0] >= 'a' && r[0] <= 'z'))) return std::nullopt;
  std::string joined = w + r;
  if (!words.lex().known(caps ? lower_latin(joined) : joined)) return std::nullopt;
  return SpanFix{re, joined, "join-broken"};
}

// Words too common to be half of a broken one: "er op", "in dien", "te veel"
// are written so. Compared without allocating: this runs for every word.
bool common_word(std::string_view t) {
  static constexpr std::string_view kCommon[] = {"de", "het", "een", "en", "of", "in", "op", "er", "te", "is", "dat", "die",
                                                 "van", "voor", "met", "zo", "als", "door", "om", "toe", "bij", "uit", "wel", "niet"};
  if (t.size() < 2 || t.size() > 4) return false;
  for (std::string_view c : kCommon) {
    if (c.size() != t.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < c.size() && same; ++i) same = (t[i] | 0x20) == c[i];
    if (same) return true;
  }
  return false;
}

// A space between fragments; a tab too, which PDF-to-text leaves between
// the letters of a spaced word ("heef\tt").
bool gap(char c) { return c == ' ' || c == '\t'; }

// Two words in a row, the common case: no join, except a name broken in two
// that the word list has whole, and only as a name: "In Rotter dam" →
// "Rotterdam" (a capitalised word, then a lower-case one that is no
// closed-class word or name particle: "Werk en", "Van der" stay).
std::optional<SpanFix> broken_name(const WordRepair& words, const std::string& w, std::string_view next,
                                   std::size_t next_end) {
  if (!(w[0] >= 'A' && w[0] <= 'Z' && starts_lower(next) && letters(next) >= 2 && !words.sentence_start(next) &&
        !name_particle(next)))
    return std::nullopt;
  std::string name = w + std::string(next);
  if (words.lex().listed(name) && !words.lex().known(lower_latin(name))) return SpanFix{next_end, name, "join-spaced"};
  return std::nullopt;
}

// A separable particle and a past participle in a row, which Dutch always
// writes as one word: "op genomen" → "opgenomen", "toe gezegd" →
// "toegezegd", when the lexicon knows the whole. Only a participle of the
// shape ge…d, ge…t or ge…en: "op gezette tijden" and "in geval" stay.
std::optional<SpanFix> broken_participle(const WordRepair& words, const std::string& w, std::string_view next,
                                         std::size_t next_end) {
  static constexpr std::string_view kParticles[] = {"aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over",
                                                    "toe", "uit", "terug", "weg", "vast", "neer", "los"};
  const bool en = next.size() >= 2 && next.substr(next.size() - 2) == "en";
  const bool shape = next.size() >= 5 && next[0] == 'g' && next[1] == 'e' && (next.back() == 'd' || next.back() == 't' || en);
  if (!shape || w.size() > 5) return std::nullopt;
  if (std::find(std::begin(kParticles), std::end(kParticles), std::string_view(w)) == std::end(kParticles)) return std::nullopt;
  // A ge...en word after a preposition is as often a plural noun: "in
  // gevallen waarin", "na gesprekken met" stay; after a particle that is no
  // preposition it is a participle ("toe gegeven", "terug gekomen").
  static constexpr std::string_view kAdverbs[] = {"toe", "terug", "weg", "vast", "neer", "los", "mee"};
  if (en && std::find(std::begin(kAdverbs), std::end(kAdverbs), std::string_view(w)) == std::end(kAdverbs)) return std::nullopt;
  std::string joined = w + std::string(next);
  if (!words.lex().known(joined)) return std::nullopt;
  return SpanFix{next_end, joined, "join-spaced"};
}

// A letter of a letter-spaced word: one letter, two capitals a font kerned
// together ("B R I E F VA N"), or, two letters into a run (`pos` ≥ 2), two
// small letters: spaced small capitals ("K l a c h ta d v i e s").
bool spaced_letter(std::string_view t, std::size_t pos = 0) {
  if (letters(t) == 1) return true;
  if (t.size() != 2 || !std::isalpha(U(t[0])) || !std::isalpha(U(t[1]))) return false;
  return (std::isupper(U(t[0])) && std::isupper(U(t[1]))) || (pos >= 2 && std::islower(U(t[0])) && std::islower(U(t[1])));
}

std::optional<SpanFix> spaced(const WordRepair& words, std::string_view src, std::size_t j, std::size_t stop,
                              const std::string& w) {
  if (!(j + 1 < stop && gap(src[j]) && word_char(src, j + 1))) return std::nullopt;
  // A run of single letters ("K L A C H T E N") goes on to its end (a double
  // space ends a word there); other runs hold up to 6 tokens and end at
  // their second word ("be slis sing", where the lexicon knows "slis").
  // This runs for every word: the tokens are views of the source, in arrays
  // on the stack.
  constexpr std::size_t kMaxRun = 24;
  std::size_t ends[kMaxRun];
  std::string_view parts[kMaxRun];
  bool frags[kMaxRun];  // not_a_word of each part, asked once
  std::size_t n = 0;
  bool singles_run = spaced_letter(w);
  int words_in_run = 0;
  const bool w_fragment = not_a_word(words, w);
  for (std::size_t at = j; n < (singles_run ? kMaxRun : 6u) && at + 1 < stop && gap(src[at]) && word_char(src, at + 1);) {
    std::size_t e = word_end(src, at + 1, stop);
    if (e < stop && !(gap(src[e]) || std::ispunct(U(src[e])))) break;  // a token with more in it
    if (e + 1 < stop && src[e] == '-' && word_char(src, e + 1)) break;  // "e-mail": a hyphenated word, no fragment
    std::string_view t = src.substr(at + 1, e - at - 1);
    bool frag = not_a_word(words, t);
    // Two words never join: "Resultaat Verantwoordelijke", "enquête vragen".
    if (n == 0 && !w_fragment && !frag) {
      if (auto f = broken_participle(words, w, t, e)) return f;
      return broken_name(words, w, t, e);
    }
    singles_run &= spaced_letter(t, n + 1);
    parts[n] = t;
    frags[n] = frag;
    ends[n] = e;
    ++n;
    if (!frag && (++words_in_run == 2 || !w_fragment)) break;
    at = e;
    if (e < stop && !gap(src[e])) break;
  }
  if (n == 0) return std::nullopt;
  for (std::size_t k = n; k >= 1; --k) {
    std::string joined = w;
    bool singles = spaced_letter(w), fragment = w_fragment, common = common_word(w);
    bool unknown_piece = w_fragment && long_fragment(words, w);
    for (std::size_t p = 0; p < k; ++p) {
      joined += parts[p];
      singles &= spaced_letter(parts[p], p + 1);
      fragment |= frags[p];
      common |= common_word(parts[p]);
      unknown_piece |= frags[p] && long_fragment(words, parts[p]);
    }
    if (singles ? k + 1 < 4 && !words.glue_word(lower_latin(joined)) : letters(joined) < 4) continue;
    // A capital after a small letter is a case boundary that word repair
    // splits again ("vo Or" → "voOr" → "vo Or"): no fixpoint.
    if (capital_after_small(joined)) continue;
    // A common word joins only beside a piece that is surely no word:
    // "om buds man", not "te veel".
    if (fragment && (!common || unknown_piece) && words.lex().known(joined)) return SpanFix{ends[k - 1], joined, "join-spaced"};
  }
  return std::nullopt;
}

// A capitalised word that the lexicon knows. `w` is the word as repaired,
// so a split one ("WaterkwaliteitPeilbeheer") is judged by its first part.
bool capitalised_word(const WordRepair& words, const std::string& w) {
  if (w.size() < 3 || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  std::size_t sp = w.find(' ');
  if (sp == std::string::npos) {
    for (std::size_t i = 1; i < w.size(); ++i)
      if (w[i] >= 'A' && w[i] <= 'Z') return false;
    return verdict(words, w).known;
  }
  std::string first = w.substr(0, sp);
  if (first.size() < 3 || !(first[0] >= 'A' && first[0] <= 'Z')) return false;
  for (std::size_t i = 1; i < first.size(); ++i)
    if (first[i] >= 'A' && first[i] <= 'Z') return false;
  return verdict(words, first).known;
}

}  // namespace

std::optional<SpanFix> join_fragments(const WordRepair& words, std::string_view src, std::size_t i, std::size_t j,
                                      std::size_t stop, const std::string& w) {
  if (w.empty() || j >= stop) return std::nullopt;
  bool starts_token = i == 0 || gap(src[i - 1]) || src[i - 1] == '(' || src[i - 1] == '\n';
  if (auto f = apostrophe(words, src, j, stop, w)) return f;
  if (auto f = broken(words, src, j, stop, w)) return f;
  if (!starts_token) return std::nullopt;  // "memo's naar": the s is no fragment
  return spaced(words, src, j, stop, w);
}

namespace {

// A known word in lower case glued after what closes something: a bracket
// opened after a space ("(zie paragraaf 4.2)blijkt", "(Awb)en"; not a
// word's optional part, "(her)beoordeling", "(ex-)partner"), a percentage ("35%van"), a closing single quote whose
// opening one follows a space ("‘onzorgvuldig’genoemd"; not "auto’s", "’t").
// A closing double quote is repairs.tsv's (quote-close-glue).
bool closing_mark_glued(const WordRepair& words, std::string_view src, std::size_t line_b, std::size_t i,
                        const std::string& w) {
  if (w.size() < 2 || w[0] < 'a' || w[0] > 'z' || w.find(' ') != std::string::npos) return false;
  const char p = src[i - 1];
  const std::string_view line = src.substr(line_b, i - line_b);
  auto opened_after_space = [&](std::string_view open, std::size_t close_at) {
    const std::size_t o = line.rfind(open, close_at);
    return o != std::string_view::npos && (o == 0 || line[o - 1] == ' ');
  };
  bool mark = false;
  if (p == ')') {
    // Not a word's optional part: "(her)beoordeling", "(groot)ouders",
    // "(ex-)partner" (small letters and hyphens only).
    const std::size_t o = line.rfind('(');
    const std::string_view inside = o == std::string_view::npos ? std::string_view{} : line.substr(o + 1, line.size() - o - 2);
    const bool part = !inside.empty() && std::all_of(inside.begin(), inside.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
    mark = !part && opened_after_space("(", line.size() - 1);
  }
  else if (p == '%') mark = i >= line_b + 2 && std::isdigit(U(src[i - 2]));
  else if (line.size() >= 3 && line.substr(line.size() - 3) == "\xE2\x80\x99")
    mark = w.size() >= 3 && opened_after_space("\xE2\x80\x98", line.size() - 3);
  return mark && verdict(words, w).known;
}

}  // namespace

bool glued_before(const WordRepair& words, std::string_view src, std::size_t line_b, std::size_t i, std::size_t j,
                  const std::string& w) {
  if (i <= line_b) return false;
  if (j + 1 < src.size() && (src[j] == '.' || src[j] == '@') && word_char(src, j + 1)) return false;  // an address
  const char p = src[i - 1];
  if (closing_mark_glued(words, src, line_b, i, w)) return true;
  if (!std::isdigit(U(p)) && p != '.' && p != ':' && p != ';') return false;  // nothing glued: no lookup
  // A sentence start of two letters ("De", "Zo") after a full stop.
  const bool short_start = w.size() == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'a' && w[1] <= 'z' && p == '.' &&
                           words.sentence_start(lower_latin(w));
  const bool cap = short_start || capitalised_word(words, w);
  // A word in lower case: after a number only of 4 letters or more ("14weken";
  // "3de", "2e", "10km" stay), or a glue word after a year ("2018tot"), after
  // a semicolon of 2 or more ("gemeente;de").
  const bool after_year = i >= line_b + 4 && (src.compare(i - 4, 2, "19") == 0 || src.compare(i - 4, 2, "20") == 0) &&
                          std::isdigit(U(src[i - 2])) && std::isdigit(U(src[i - 1])) &&
                          (i == line_b + 4 || !std::isalnum(U(src[i - 5]))) && words.glue_word(w);
  const bool lower = !cap && (p == ';' || (std::isdigit(U(p)) && (w.size() >= 4 || after_year))) && w.size() >= 2 &&
                     w[0] >= 'a' && w[0] <= 'z' && w.find(' ') == std::string::npos && verdict(words, w).known;
  if (!cap && !lower) return false;
  if (std::isdigit(U(p))) {
    std::size_t k = i - 1;
    while (k > line_b && (std::isdigit(U(src[k - 1])) || src[k - 1] == '.')) --k;
    if (lower && (i - k > 4 || src.substr(k, i - k).find('.') != std::string_view::npos)) return false;
    // "§5Bezwaar": a section mark before the number.
    const bool section_mark = k >= line_b + 2 && src[k - 2] == '\xC2' && src[k - 1] == '\xA7';
    // "Hoofdstuk4Klachten": a number glued_number() cuts from the word before.
    const bool cut_before = k > line_b && std::isalpha(U(src[k - 1])) && glued_number(words, src, line_b, k, j);
    // "ombudsman.7Daarnaast": a footnote mark glued_digit() cuts from the sentence.
    std::size_t d = i - 1;
    while (d > line_b && std::isdigit(U(src[d - 1]))) --d;
    return k == line_b || src[k - 1] == ' ' || src[k - 1] == '(' || section_mark || cut_before || glued_digit(src, line_b, d);
  }
  if (lower && p != ';') return false;
  if (i < line_b + 3) return false;
  std::size_t k = i - 1;  // the token before the mark: at least 2 characters, not "www"
  std::size_t b = k;
  while (b > line_b && src[b - 1] != ' ') --b;
  std::string_view before = src.substr(b, k - b);
  if (before.size() < (short_start ? 3u : 2u) || before == "www" || before.find('@') != std::string_view::npos ||
      before.find('/') != std::string_view::npos)
    return false;
  char q = before.back();
  return std::isalnum(U(q)) || q == ')' || (U(q) & 0x80);
}

bool glued_digit(std::string_view src, std::size_t line_b, std::size_t i) {
  if (!(i >= line_b + 2 && src[i - 1] == '.' && digit_at(src, i))) return false;
  if (src[i - 2] == ')') return true;
  // A footnote mark glued between a sentence and the next: "ombudsman.7Daarnaast"
  // (1-2 digits, then a capital and two small letters; after a word of 3).
  std::size_t e = i;
  while (e < src.size() && digit_at(src, e)) ++e;
  if (e - i > 2 || e + 2 >= src.size() || !std::isupper(U(src[e])) || !std::islower(U(src[e + 1])) ||
      !std::islower(U(src[e + 2])))
    return false;
  std::size_t b = i - 1;
  while (b > line_b && std::islower(U(src[b - 1]))) --b;
  return i - 1 - b >= 3;
}

bool glued_number(const WordRepair& words, std::string_view src, std::size_t line_b, std::size_t i, std::size_t stop) {
  if (i <= line_b || !digit_at(src, i) || !std::isalpha(U(src[i - 1]))) return false;
  std::size_t e = i;
  while (e < stop && digit_at(src, e)) ++e;
  // A capitalised word after the number is a title glued on ("Hoofdstuk4Klachten").
  bool title_after = false;
  if (e < stop && std::isupper(U(src[e]))) {
    std::size_t f = e + 1;
    while (f < stop && std::islower(U(src[f]))) ++f;
    title_after = f - e >= 3 && !(f < src.size() && std::isalnum(U(src[f]))) &&
                  capitalised_word(words, std::string(src.substr(e, f - e)));
  }
  if (!title_after && e < stop &&
      (std::isalnum(U(src[e])) || (U(src[e]) & 0x80) || src[e] == '-' || src[e] == '/' ||
       ((src[e] == '.' || src[e] == ',') && e + 1 < stop && digit_at(src, e + 1))))
    return false;  // a code or a number goes on: "Wmo2015-0381", "art5.2"
  std::size_t k = i;
  while (k > line_b && std::isalpha(U(src[k - 1]))) --k;
  if (k > line_b && ((U(src[k - 1]) & 0x80) || std::isdigit(U(src[k - 1])) || src[k - 1] == '-' || src[k - 1] == '_'))
    return false;  // part of a longer token
  std::string w(src.substr(k, i - k));
  std::size_t digits = e - i;
  const bool year = digits == 4 && (src.compare(i, 2, "19") == 0 || src.compare(i, 2, "20") == 0);
  // Capitals inside make a code ("COVID19", "PostNL2"), except a word in
  // capitals of 6 letters or more before a year: a title ("JAARVERSLAG2022").
  const bool all_caps = all_upper(w);
  for (std::size_t a = 1; a < w.size(); ++a)
    if (std::isupper(U(w[a])) && !(all_caps && year && w.size() >= 6)) return false;
  std::string low = lower_latin(w);
  // A year after a glue word ("in2020") or a word of 3 letters or more
  // ("maart2021"); 1-3 digits after a glue word ("op12 maart") or a word of 4.
  if (year) return words.glue_word(low) || (w.size() >= 3 && (words.lex().known(low) || words.lex().known(w)));
  return digits <= 3 && (words.glue_word(low) || (w.size() >= 4 && (words.lex().known(low) || words.lex().known(w))));
}

std::optional<SpanFix> one_for_l(const WordRepair& words, std::string_view src, std::size_t i, std::size_t j,
                                 std::size_t stop) {
  if (j >= stop || (src[j] != '1' && src[j] != '0')) return std::nullopt;
  const bool zero = src[j] == '0';
  std::size_t e = j + 1;
  while (e < stop && (word_char(src, e) || src[e] == src[j])) e += std::min(seq_len(src, e), stop - e);
  // The same digit again is the same letter ("k1achtenrege1ing"); another
  // digit after it makes a code ("A1B2", "fase12").
  if (e < stop && std::isdigit(U(src[e]))) return std::nullopt;
  std::string_view before = src.substr(i, j - i), after = src.substr(j + 1, e - j - 1);
  const bool caps = all_upper(before) && all_upper(after);
  // In capitals the 1 is an I or an L ("KLACHTBEHANDEL1NG"), else an l
  // ("consu1ent", and at a word's end "artike1").
  // At a word's end the part before must be no word: "Fase1" is a phase's
  // number, "artike1" a broken word.
  if (after.empty() && verdict(words, std::string(before)).known) return std::nullopt;
  for (char letter : zero ? (caps ? std::string_view("O") : std::string_view("o"))
                          : caps ? std::string_view("IL") : std::string_view("l")) {
    std::string cand(before);
    cand += letter;
    for (char c : after) cand += c == src[j] ? letter : c;
    if (cand.size() < 5) return std::nullopt;
    // A word once OCR's other confusions are repaired too ("gedee1te1iik":
    // ii for ij), as the next pass would repair it; not by a guess.
    const WordVerdict& v = verdict(words, cand);
    if (v.known && !v.guessed) return SpanFix{e, v.repaired ? v.to : cand, zero ? "ocr:0>O" : "ocr:1>l"};
    // In a word of capitals, a 0 with two letters or more on either side is
    // an O, a name's too, which no list holds ("STAVERW0LD"; codes hold more
    // digits: "KOM014").
    if (zero && caps && before.size() >= 2 && after.size() >= 2 && cand.size() >= 7 &&
        std::all_of(after.begin(), after.end(), [](char c) { return std::isupper(U(c)); }))
      return SpanFix{e, cand, "ocr:0>O"};
    // In a name, a capital and small letters, a 1 between small letters is
    // an l, a name's too, which no list holds ("He1derveen", "Zwo1le"): no
    // code is written so.
    // A known word before it is a number glued between words ("Hoofdstuk1van").
    if (!zero && !caps && before.size() >= 2 && after.size() >= 2 && cand.size() >= 6 && std::isupper(U(before[0])) &&
        std::all_of(before.begin() + 1, before.end(), [](char c) { return std::islower(U(c)); }) &&
        std::all_of(after.begin(), after.end(), [](char c) { return std::islower(U(c)); }) &&
        (before.size() < 4 || !verdict(words, std::string(before)).known))
      return SpanFix{e, cand, "ocr:1>l"};
  }
  return std::nullopt;
}

std::optional<SpanFix> letters_in_number(const WordRepair& words, std::string_view src, std::size_t i, std::size_t stop) {
  if (i > 0 && std::isalnum(U(src[i - 1]))) return std::nullopt;
  std::size_t e = i;
  while (e < stop && std::isalnum(U(src[e]))) ++e;
  if (e < stop && (static_cast<unsigned char>(src[e]) & 0x80)) return std::nullopt;  // a letter with an accent
  std::string_view t = src.substr(i, e - i);
  auto is_o = [](char c) { return c == 'O' || c == 'o'; };
  // A number with O for 0: "25O", "1.2OO", after a figure's separator
  // "2005/O214", "25O,OO".
  const bool after_figure = i >= 2 && std::string_view("/.,-").find(src[i - 1]) != std::string_view::npos &&
                            (digit_at(src, i - 2) || is_o(src[i - 2]));
  // (A small o only beside a capital O or after a separator: "20o" may be a
  // degree sign.)
  const bool big_o = std::any_of(t.begin(), t.end(), [](char c) { return c == 'O'; });
  if (std::all_of(t.begin(), t.end(), [&](char c) { return std::isdigit(U(c)) || is_o(c); }) &&
      (big_o || after_figure) && (std::isdigit(U(t[0])) || after_figure) &&
      (std::any_of(t.begin(), t.end(), [](char c) { return std::isdigit(U(c)); }) || (after_figure && src[i - 1] == ','))) {
    std::string n(t);
    for (char& c : n) c = is_o(c) ? '0' : c;
    return SpanFix{e, n, "ocr:letter>digit"};
  }
  // A year with O for 0 or l/I for 1: "2OO3", "2O19", "20l8", "l997".
  if (t.size() == 4 && std::any_of(t.begin(), t.end(), [](char c) { return std::isalpha(U(c)); })) {
    std::string y;
    for (char c : t) y += c == 'O' || c == 'o' ? '0' : c == 'l' || c == 'I' ? '1' : c;
    bool year = std::all_of(y.begin(), y.end(), [](char c) { return std::isdigit(U(c)); }) &&
                (y.compare(0, 2, "19") == 0 || y.compare(0, 2, "20") == 0);
    if (year) return SpanFix{e, y, "ocr:letter>digit"};
  }
  // A word that starts with 0 for O: a word in capitals of 4 letters or
  // more ("0UDWOLDE": a name, which no list may hold), one in small letters
  // the lexicon knows as it stands ("0nderzoek"; "0weken" is a number glued
  // to a word), or a name in small letters that no word is ("0udwolde").
  if (t.size() >= 4 && t[0] == '0') {
    std::string_view rest = t.substr(1);
    const bool upper = all_upper(rest), lower = all_lower(rest);
    std::string w(1, 'o');  // built in place: GCC 12 misreads "o" + std::string (-Wrestrict)
    w.append(rest);
    if (upper && (rest.size() >= 4 || words.lex().known(lower_latin(w)))) {
      w[0] = 'O';
      return SpanFix{e, w, "ocr:0>O"};
    }
    if (!lower) return std::nullopt;
    const WordVerdict& v = verdict(words, w);
    if (v.repaired) return std::nullopt;
    // The 0 has a capital's shape: at a line's or a sentence's start it is
    // one ("0verig" in a table's first column, "… juni. 0nderzoek"), and
    // so it is in a name: before a word with a capital ("bij 0penbare
    // Werken", "sector 0penbare Ruimte"), or when neither the word nor
    // its rest is a word ("gemeente 0udwolde"; "0weken" is a number glued
    // to "weken" and stays).
    if (!v.known) {
      if (rest.size() < 5) return std::nullopt;
      const WordVerdict& r = verdict(words, std::string(rest));  // "0klachtcn": a number and a damaged word
      if (r.known || r.repaired) return std::nullopt;
      w[0] = 'O';
      // As the next pass reads it: a name it would repair is no name.
      if (verdict(words, w).repaired) return std::nullopt;
      return SpanFix{e, w, "ocr:0>O"};
    }
    std::size_t p = i;
    while (p > 0 && (src[p - 1] == ' ' || src[p - 1] == '\t')) --p;
    std::size_t n = e;
    while (n < stop && (src[n] == ' ' || src[n] == '\t')) ++n;
    // Not a short word nor a glue word before a name ("klachten 0ver UWV").
    const bool name_next = n > e && n < stop && std::isupper(U(src[n])) && rest.size() >= 5 &&
                           !words.glue_word(lower_latin(w));
    if (p == 0 || std::string_view("\n\f.!?").find(src[p - 1]) != std::string_view::npos || name_next) w[0] = 'O';
    return SpanFix{e, w, "ocr:0>O"};
  }
  // A word in small letters that starts with 1 for l, when the l makes a
  // word the lexicon knows as it stands ("1aten" → "laten", though "aten"
  // is a word too); "1jaar" stays a number glued to a word.
  if (t.size() >= 4 && t[0] == '1' && all_lower(t.substr(1))) {
    std::string w(1, 'l');
    w.append(t.substr(1));
    const WordVerdict& v = verdict(words, w);
    if (v.known && !v.repaired && !v.guessed) return SpanFix{e, w, "ocr:1>l"};
  }
  return std::nullopt;
}

}  // namespace omb::pass
