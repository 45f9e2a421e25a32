#include "extract/lower_names.h"

#include <algorithm>
#include <cctype>

namespace omb::interp {

namespace {

// A letter of Latin-1 Supplement or Latin Extended-A, B (two bytes, C3–C9
// lead): "ë", "é". Quotes, dashes and other UTF-8 are no word bytes.
bool utf8_letter(std::string_view text, std::size_t p) {
  auto b = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0; };
  unsigned char c = b(p);
  if (c >= 0xC3 && c <= 0xC9) return true;  // a lead byte of U+00C0–U+024F
  if (c >= 0x80 && c <= 0xBF && p > 0) {    // a continuation: its lead decides
    unsigned char lead = b(p - 1);
    return lead >= 0xC3 && lead <= 0xC9;
  }
  return false;
}

bool word_byte_at(std::string_view text, std::size_t p) {
  char c = text[p];
  return (c >= 'a' && c <= 'z') || c == '-' || utf8_letter(text, p);
}
bool upper(char c) { return c >= 'A' && c <= 'Z'; }

// The lower-case word at `p` ("" when none): its end in `end`.
std::string_view word_at(std::string_view text, std::size_t p, std::size_t& end) {
  if (p >= text.size() || !(text[p] >= 'a' && text[p] <= 'z')) return {};
  end = p;
  while (end < text.size() && word_byte_at(text, end)) ++end;
  if (end < text.size() && (upper(text[end]) || (text[end] >= '0' && text[end] <= '9'))) return {};  // "werkA1": no word
  return text.substr(p, end - p);
}

// A past participle: "ge…d", "ge…t", also after a particle ("doorgestuurd",
// "afgewezen" is no name either: "ge…en" after a particle).
bool participle(std::string_view w) {
  std::size_t at = 0;
  for (std::string_view part : {"door", "over", "terug", "samen", "voor", "toe", "mee", "aan", "uit", "weg", "bij",
                                "op", "af", "in", "na", "om"})
    if (w.size() > part.size() + 4 && w.starts_with(part) && w.substr(part.size(), 2) == "ge") {
      at = part.size();
      break;
    }
  if (w.size() > at + 4 && w.substr(at, 2) == "ge") return w.back() == 'd' || w.back() == 't' || (at > 0 && w.ends_with("en"));
  // A verb with an unstressed prefix takes no "ge": "besproken", "behandeld",
  // "verstuurd", "ontvangen". Not "beleid" or "veiligheid" (-eid), nor
  // "belastingen" or "vergunningen" (-ingen).
  for (std::string_view pre : {"be", "ver", "ont", "her"}) {
    if (!w.starts_with(pre) || w.size() < pre.size() + 4) continue;
    if (w.ends_with("eid")) return false;
    if (w.back() == 'd' || w.back() == 't') return true;
    return w.ends_with("en") && !w.ends_with("ingen") && w.size() <= 10;
  }
  return false;
}

// A word a name may hold: not a stop word, no verb form. After an adjective
// a word in -de or -te is its noun ("openbare ruimte"), not a past tense.
bool name_word(std::string_view w, const LowerNameRules& rules, bool after_adjective = false) {
  if (w.size() < 3 || w.back() == '-' || rules.stop.count(std::string(w))) return false;
  // An uninflected word in -lijk alone is an adverb: "de afdeling
  // uitdrukkelijk gevraagd", "de afdeling waarschijnlijk".
  if (w.ends_with("lijk")) return false;
  if (!after_adjective)
    for (std::string_view past : {"de", "te", "den", "ten"})
      if (w.ends_with(past)) return false;
  return !participle(w);
}

// An adjective before the word it qualifies: "openbare", "sociaal", "ruimtelijk".
// Not a word in -de or -te: after "de afdeling" that is a past tense
// ("werkte", "meldde"), far more often than "goede" or "grote".
bool adjective(std::string_view w) {
  if (w.ends_with("de") || w.ends_with("te")) return false;
  for (std::string_view e : {"e", "aal", "eel", "lijk", "isch"})
    if (w.ends_with(e)) return true;
  return false;
}

// One item at `p`: a word, or an adjective and its word. Its end in `end`.
bool item_at(std::string_view text, std::size_t p, const LowerNameRules& rules, std::size_t& end) {
  std::size_t e1 = 0;
  std::string_view w1 = word_at(text, p, e1);
  if (w1.empty()) return false;
  std::size_t e2 = 0;
  std::string_view w2 = e1 + 1 < text.size() && text[e1] == ' ' ? word_at(text, e1 + 1, e2) : std::string_view{};
  if (adjective(w1) && !w2.empty() && name_word(w2, rules, true) && !rules.stop.count(std::string(w1))) {
    end = e2;
    return true;
  }
  if (!name_word(w1, rules)) return false;
  end = e1;
  return true;
}

// The name at `p`: an item, or a coordination "a, b en c". Its end, or 0.
std::size_t name_at(std::string_view text, std::size_t p, const LowerNameRules& rules) {
  std::size_t first = 0;
  if (!item_at(text, p, rules, first)) return 0;
  std::size_t q = first, e = 0;
  while (q + 2 < text.size() && text.compare(q, 2, ", ") == 0 && item_at(text, q + 2, rules, e)) q = e;
  if (q + 4 < text.size() && text.compare(q, 4, " en ") == 0 && item_at(text, q + 4, rules, e)) return e;
  return first;  // commas without "en": no coordination of names
}

// `s` with each word's first letter in upper case, except "en", "van",
// "de", "der", "voor", "naar", "het", "op", "in".
std::string name_case(std::string_view s) {
  static const std::unordered_set<std::string_view> kSmall = {"en", "van", "de", "der", "voor", "naar", "het", "op", "in"};
  std::string out(s);
  for (std::size_t a = 0; a < out.size();) {
    std::size_t e = out.find(' ', a);
    if (e == std::string::npos) e = out.size();
    std::string_view w = std::string_view(out).substr(a, e - a);
    if (!kSmall.count(w) && out[a] >= 'a' && out[a] <= 'z') out[a] = static_cast<char>(out[a] - 'a' + 'A');
    a = e + 1;
  }
  return out;
}

// Quotes a report puts around an abbreviation: (“VTH”), ('VTH').
constexpr std::string_view kQuotes[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\"", "'"};

// The size of the quote at `at` in `text`, 0 when none stands there.
std::size_t quote_at(std::string_view text, std::size_t at) {
  for (std::string_view q : kQuotes)
    if (text.compare(at, q.size(), q) == 0) return q.size();
  return 0;
}

}  // namespace

std::vector<LowerName> lower_case_names(std::string_view text, const LowerNameRules& rules) {
  std::vector<LowerName> out;
  for (const std::string& uw : rules.unit_words) {
    for (std::size_t p = text.find(uw); p != std::string_view::npos; p = text.find(uw, p + 1)) {
      std::size_t after = p + uw.size();
      if ((p > 0 && (word_byte_at(text, p - 1) || upper(text[p - 1]))) || after + 1 >= text.size() || text[after] != ' ') continue;
      std::size_t e = name_at(text, after + 1, rules);
      if (e == 0) continue;
      out.push_back({after + 1, e, name_case(text.substr(after + 1, e - after - 1)), uw});
    }
  }
  std::sort(out.begin(), out.end(), [](const LowerName& a, const LowerName& b) { return a.start < b.start; });
  return out;
}


std::string_view bracketed_abbreviation(std::string_view text, std::size_t end) {
  std::size_t p = end;
  if (p + 3 >= text.size() || text.compare(p, 2, " (") != 0) return {};
  p += 2;
  p += quote_at(text, p);
  std::size_t a = p;
  while (p < text.size() && (upper(text[p]) || text[p] == '&')) ++p;
  if (p - a < 2 || p - a > 6) return {};
  const std::size_t z = p + quote_at(text, p);
  if (z >= text.size() || text[z] != ')') return {};
  return text.substr(a, p - a);
}

std::string_view hereafter_name(std::string_view text, std::size_t end) {
  std::size_t p = end;
  auto take = [&](std::string_view w) {
    if (text.compare(p, w.size(), w) != 0) return false;
    p += w.size();
    return true;
  };
  if (!take(" (") || !take("hierna")) return {};
  take(" te noemen");
  take(":");
  while (p < text.size() && text[p] == ' ') ++p;
  // An article before the short name: "(hierna: de ODBZ)".
  for (std::string_view article : {"de ", "het "})
    if (text.compare(p, article.size(), article) == 0 && p + article.size() < text.size() && upper(text[p + article.size()]))
      p += article.size();
  p += quote_at(text, p);
  const std::size_t a = p;
  if (a >= text.size() || !upper(text[a])) return {};
  int words = 1;
  // Up to the bracket, or a closing quote before it.
  while (p < text.size() && text[p] != ')' && text[p] != '\n' && p - a <= 60) {
    const std::size_t q = quote_at(text, p);
    if (q > 0 && p + q < text.size() && text[p + q] == ')') break;
    const unsigned char c = static_cast<unsigned char>(text[p]);
    if (c == ' ') ++words;
    else if (!(std::isalnum(c) || c == '-' || c >= 0x80)) break;
    ++p;
  }
  const std::size_t z = p + quote_at(text, p);
  if (z >= text.size() || text[z] != ')' || words > 4 || p - a < 2) return {};
  return text.substr(a, p - a);
}

bool after_open_bracket(std::string_view text, std::size_t p) {
  for (std::string_view q : kQuotes)
    if (p >= q.size() && text.substr(p - q.size(), q.size()) == q) {
      p -= q.size();
      break;
    }
  if (p >= 2 && text[p - 1] == '(' && text[p - 2] == ' ') return true;
  // " (hierna: KCC)", " (hierna te noemen KCC)": the short name being given
  // (the leads hereafter_name reads, with or without the colon).
  std::string_view before = text.substr(0, p);
  while (before.ends_with(' ')) before.remove_suffix(1);
  if (before.ends_with(':')) before.remove_suffix(1);
  return before.ends_with(" (hierna") || before.ends_with(" (hierna te noemen");
}

}  // namespace omb::interp
