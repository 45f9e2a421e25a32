#include "normalize/word_repair.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "normalize/chars.h"

namespace omb::pass {
namespace {

bool has_digit(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(U(c)); });
}

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// OCR confusions: tried in this order, each occurrence alone; the first
// candidate that is a known word wins.
struct Confusion { std::string_view from; std::string_view to; bool lowercase_only; };
const Confusion kConfusions[] = {
    {"é", "ë", false}, {"é", "ê", false}, {"é", "ö", false}, {"é", "è", false}, {"è", "ë", false},
    {"ê", "ë", false}, {"í", "ï", false}, {"ó", "ö", false}, {"ú", "ü", false},
    {"fth", "fh", true}, {"th", "fh", true}, {"th", "ff", true},
};

const char* add_diaeresis(char v) {
  switch (v) {
    case 'e': return "ë";
    case 'i': return "ï";
    case 'o': return "ö";
    case 'u': return "ü";
    default: return nullptr;
  }
}
bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

// Word repair: `w` is the cleaned word. Returns the repaired word and rule, if any.
std::optional<std::pair<std::string, std::string>> repair_word(const Lexicon& lex, const std::string& w) {
  if (w.size() < 3 || has_digit(w)) return std::nullopt;
  bool cap = is_upper_ascii(w[0]);
  // Acronyms and names with inner capitals are left alone.
  for (std::size_t i = 1; i < w.size(); ++i)
    if (is_upper_ascii(w[i])) return std::nullopt;
  bool maybe = false;
  for (const Confusion& c : kConfusions)
    if ((!cap || !c.lowercase_only) && w.find(c.from) != std::string::npos) { maybe = true; break; }
  bool pair = false;
  if (!cap)
    for (std::size_t i = 0; i + 1 < w.size(); ++i)
      if (vowel(w[i]) && add_diaeresis(w[i + 1]) && !(w[i] == w[i + 1]) && !(w[i] == 'o' && w[i + 1] == 'e') &&
          !(w[i] == 'i' && w[i + 1] == 'e') && !(w[i] == 'e' && w[i + 1] == 'i') && !(w[i] == 'e' && w[i + 1] == 'u') &&
          !(w[i] == 'u' && w[i + 1] == 'i') && !(w[i] == 'o' && w[i + 1] == 'u') && !(w[i] == 'a' && w[i + 1] == 'u'))
        pair = true;
  // geinformeerd: "ei" is a common digraph, so it is tried too, but last.
  bool ei = !cap && w.find("ei") != std::string::npos;
  if (!maybe && !pair && !ei) return std::nullopt;
  if (lex.known(w)) return std::nullopt;
  auto ok = [&](const std::string& cand) {
    if (cap ? lex.listed(cand) : lex.known(cand)) return true;
    // A footnote marker glued to the word: "enquéteresultatenii".
    for (std::size_t k = 1; k <= 3 && k < cand.size(); ++k) {
      if (cand[cand.size() - k] != 'i') break;
      if (lex.listed(cand.substr(0, cand.size() - k))) return true;
    }
    return false;
  };
  for (const Confusion& c : kConfusions) {
    if (cap && c.lowercase_only) continue;
    std::size_t flen = c.from.size();
    for (std::size_t p = w.find(c.from); p != std::string::npos; p = w.find(c.from, p + 1)) {
      std::string cand = w.substr(0, p);
      cand += c.to;
      cand += w.substr(p + flen);
      if (ok(cand)) return std::make_pair(cand, "ocr:" + std::string(c.from) + ">" + std::string(c.to));
    }
    if (w.find(c.from) != w.rfind(c.from)) {  // every occurrence at once
      std::string cand = w;
      for (std::size_t p = cand.find(c.from); p != std::string::npos; p = cand.find(c.from, p + c.to.size()))
        cand.replace(p, flen, c.to);
      if (ok(cand)) return std::make_pair(cand, "ocr:" + std::string(c.from) + ">" + std::string(c.to));
    }
  }
  if (!cap) {
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      if (!vowel(w[i]) || !add_diaeresis(w[i + 1])) continue;
      std::string cand = w.substr(0, i + 1) + add_diaeresis(w[i + 1]) + w.substr(i + 2);
      if (lex.known(cand)) return std::make_pair(cand, std::string("ocr:diaeresis"));
    }
  }
  return std::nullopt;
}

// The verdict on a word type, cached per thread: word frequencies are Zipfian,
// so most words are looked up once. The cache is per Lexicon generation.
const WordVerdict& verdict(const Lexicon& lex, const std::string& w) {
  thread_local const Lexicon* owner = nullptr;
  thread_local std::unordered_map<std::string, WordVerdict> cache;
  if (owner != &lex || cache.size() > 400000) {
    cache.clear();
    owner = &lex;
  }
  auto it = cache.find(w);
  if (it != cache.end()) return it->second;
  WordVerdict v;
  if (auto r = repair_word(lex, w)) {
    v.repaired = true;
    v.to = std::move(r->first);
    v.rule = std::move(r->second);
    v.known = true;  // what it stands for is a word
  } else {
    v.known = w.size() >= 2 && lex.known(w);
  }
  return cache.emplace(w, std::move(v)).first->second;
}

}  // namespace omb::pass
