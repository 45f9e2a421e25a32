#include "normalize/word_repair.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "base/fs.h"
#include "normalize/chars.h"
#include "normalize/tsv.h"

namespace omb::pass {
namespace {

bool has_digit(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(U(c)); });
}

// A capital at w[i]: A-Z, or À-Þ (bar ×) in UTF-8.
bool upper_at(std::string_view w, std::size_t i) {
  unsigned char c = U(w[i]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && i + 1 < w.size() && U(w[i + 1]) >= 0x80 && U(w[i + 1]) <= 0x9E && U(w[i + 1]) != 0x97;
}
bool lower_at(std::string_view w, std::size_t i) {
  unsigned char c = U(w[i]);
  if (c >= 'a' && c <= 'z') return true;
  return c == 0xC3 && i + 1 < w.size() && U(w[i + 1]) >= 0x9F && U(w[i + 1]) != 0xB7;
}

enum class Case { lower, capitalised, upper, mixed };
Case case_of(std::string_view w) {
  bool first = upper_at(w, 0), inner_upper = false, inner_lower = false;
  for (std::size_t i = seq_len(w, 0); i < w.size(); i += seq_len(w, i)) {
    inner_upper |= upper_at(w, i);
    inner_lower |= lower_at(w, i);
  }
  if (!inner_upper) return first ? Case::capitalised : Case::lower;
  if (first && !inner_lower) return Case::upper;
  return Case::mixed;
}

const char* add_diaeresis(char v) {
  switch (v) {
    case 'e': return "ë";
    case 'i': return "ï";
    case 'o': return "ö";
    case 'u': return "ü";
    default: return nullptr;
  }
}
// A roman numeral of a list ("vii", "XIV"): never repaired.
bool roman(std::string_view w) {
  if (w.size() > 5) return false;
  for (char c : w)
    if (!std::strchr("ivxlcdmIVXLCDM", c)) return false;
  return true;
}

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
// A vowel pair whose second vowel may have lost its diaeresis (ideeen,
// geinformeerd).
bool diaeresis_pair(char a, char b) { return vowel(a) && add_diaeresis(b); }

constexpr double kDiaeresisCost = 0.15;

// Calls `row` on each row of the file at `path`, when there is one; the
// first error stops the walk and is returned.
Status each_row(const std::filesystem::path& path, const std::function<Status(const TsvRow&, const std::string&)>& row) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  auto data = read_file(path.string());
  if (!data.ok()) return data.error();
  for (const TsvRow& r : tsv_rows(*data)) OMB_TRY(row(r, path.string()));
  return {};
}

bool one_lower_word(std::string_view w) {
  return !w.empty() && w.find(' ') == std::string_view::npos && lower_latin(w) == w;
}

Error not_one_word(std::string_view w, const std::string& file, int line) {
  return make_error(Errc::parse, "expected one word in lower case a line, got '" + std::string(w) + "'", file, line);
}

}  // namespace

WordRepair::~WordRepair() = default;

Result<std::unique_ptr<WordRepair>> WordRepair::load(std::shared_ptr<const Lexicon> lex, const std::string& dir) {
  namespace fs = std::filesystem;
  std::unique_ptr<WordRepair> w(new WordRepair());
  w->lex_ = std::move(lex);
  std::error_code ec;
  if (!dir.empty()) {
    const fs::path nd = fs::path(dir) / "normalize";
    OMB_TRY(each_row(nd / "glue-words.txt", [&](const TsvRow& row, const std::string& file) -> Status {
      std::string_view word = row.cols[0];
      if (row.cols.size() > 2 || !one_lower_word(word)) return not_one_word(word, file, row.line);
      if (row.cols.size() == 2 && row.cols[1] != "prefix")
        return make_error(Errc::parse, "the second column can only say 'prefix', got '" + std::string(row.cols[1]) + "'",
                          file, row.line);
      w->glue_.add(word);
      w->starts_.add(word);
      if (row.cols.size() == 2) w->prefix_.add(word);
      w->longest_glue_ = std::max(w->longest_glue_, word.size());
      return {};
    }));
    OMB_TRY(each_row(nd / "glued-pairs.tsv", [&](const TsvRow& row, const std::string& file) -> Status {
      std::string_view token = row.cols[0];
      std::string letters;
      if (row.cols.size() == 2)
        for (char ch : row.cols[1])
          if (ch != ' ') letters += ch;
      if (row.cols.size() != 2 || token.empty() || lower_latin(token) != token || letters != token ||
          std::count(row.cols[1].begin(), row.cols[1].end(), ' ') != 1)
        return make_error(Errc::parse, "expected a token in lower case, a TAB, and the same letters as two words, got '" +
                                           std::string(token) + "'",
                          file, row.line);
      w->glued_pairs_.emplace(std::string(token), std::string(row.cols[1]));
      return {};
    }));
    OMB_TRY(each_row(nd / "sentence-starts.txt", [&](const TsvRow& row, const std::string& file) -> Status {
      if (row.cols.size() > 2 || !one_lower_word(row.cols[0])) return not_one_word(row.cols[0], file, row.line);
      if (row.cols.size() == 2 && row.cols[1] != "question" && row.cols[1] != "title")
        return make_error(Errc::parse, "the second column can only say 'question' or 'title', got '" +
                                           std::string(row.cols[1]) + "'",
                          file, row.line);
      w->starts_.add(row.cols[0]);
      if (row.cols.size() == 2) (row.cols[1] == "question" ? w->questions_ : w->titles_).add(row.cols[0]);
      return {};
    }));
  }
  fs::path conf = fs::path(dir) / "normalize" / "confusions.tsv";
  if (!dir.empty() && fs::exists(conf, ec)) {
    auto c = Confusions::load(conf.string());
    if (!c.ok()) return c.error();
    w->conf_ = std::move(c).value();
    for (const Confusions::Example& e : w->conf_.examples()) {
      auto got = w->repair(e.in);
      std::string out = got ? got->first : e.in;
      if (out != e.out)
        return make_error(Errc::parse, "example does not hold: '" + e.in + "' gives '" + out + "', expected '" + e.out + "'",
                          conf.string(), e.line);
    }
  }
  return w;
}

std::optional<std::pair<std::string, std::string>> WordRepair::repair(const std::string& w) const {
  if (w.size() < 3 || has_digit(w) || roman(w)) return std::nullopt;
  Case c = case_of(w);
  if (c == Case::mixed) {
    // OCR's capital I for an l between small letters ("juIi", "kIacht"):
    // the word with an l, when the lexicon knows it.
    std::size_t at = w.find('I');
    if (at != std::string::npos && at > 0 && at + 1 < w.size() && w.find('I', at + 1) == std::string::npos &&
        std::islower(static_cast<unsigned char>(w[at - 1])) && std::islower(static_cast<unsigned char>(w[at + 1]))) {
      std::string l = w;
      l[at] = 'l';
      if (case_of(l) != Case::mixed && lex_->known(l)) return std::make_pair(l, std::string("ocr:I>l"));
    }
    if (auto s = split_case(w)) return std::make_pair(*s, std::string("split"));
    return std::nullopt;
  }
  // A listed pair of glued closed-class words, before the lexicon is asked.
  if (!glued_pairs_.empty()) {
    auto it = glued_pairs_.find(lower_latin(w));
    if (it != glued_pairs_.end()) {
      std::string out = it->second;
      if (c == Case::upper)
        for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      else if (c == Case::capitalised) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
      return std::make_pair(out, std::string("split"));
    }
  }
  if (c == Case::upper) {
    std::string low = lower_latin(w), name = low;
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    // A word, or a name in capitals ("ENSCHEDE" is no "EN SCHEDE").
    if (lex_->known(low) || lex_->known(name)) return std::nullopt;
    if (auto s = split_glue(w)) return std::make_pair(*s, std::string("split"));
    return std::nullopt;
  }
  bool cap = c == Case::capitalised;
  if (lex_->known(w)) return std::nullopt;
  // Two closed-class words glued ("bijhet", "omdatde") before an OCR
  // confusion that happens to make a rare word of them ("bijzet").
  if (auto s = split_two_glue(w)) return std::make_pair(*s, std::string("split"));
  if (auto r = confused(w, cap, false)) return r;
  if (!cap) {
    if (auto e = one_edit(w)) return std::make_pair(*e, std::string("ocr:edit"));
    if (auto s = split_glue(w)) return std::make_pair(*s, std::string("split"));
  }
  // Last: two confusions at once, where nothing simpler made a word.
  if (w.size() >= kTwoConfusionsMin && conf_.may_apply(w, false))
    if (auto r = confused(w, cap, true)) return r;
  return std::nullopt;
}

// Before step 2: a word written in lower case or capitalised that is two
// glue words of 2 letters or more, and only one such split.
std::optional<std::string> WordRepair::split_two_glue(const std::string& w) const {
  const std::string low = lower_latin(w);
  std::optional<std::string> out;
  for (std::size_t p = 2; p + 2 <= low.size(); ++p) {
    if (!glue_.contains(std::string_view(low).substr(0, p)) || !glue_.contains(std::string_view(low).substr(p))) continue;
    if (out) return std::nullopt;
    out = w.substr(0, p) + " " + w.substr(p);
  }
  return out;
}

// Step 5: two different confusions in one word ("Gerneentebedriiven": rn
// for m and ii for ij), for a word of kTwoConfusionsMin bytes or more that
// no step before repairs: each candidate of one confusion takes each of a second,
// at the sum of their costs; a capitalised word keeps its first letter. A
// short word is too near too many others for two changes.
void WordRepair::two_confusions(const std::string& w, bool cap,
                                const std::function<void(const std::string&, double, const std::string&)>& consider) const {
  std::vector<std::tuple<std::string, double, std::string>> firsts;
  conf_.each(w, false, [&](const std::string& cand, double cost, const std::string& rule) { firsts.emplace_back(cand, cost, rule); });
  // So many places to change: no one clear candidate can be told.
  if (firsts.size() > kTwoConfusionsFirsts) return;
  for (const auto& f : firsts) {
    // Named apart: clang 14 takes no structured binding into a lambda.
    const std::string& first = std::get<0>(f);
    const double cost1 = std::get<1>(f);
    const std::string& rule1 = std::get<2>(f);
    if (!conf_.may_apply(first, false)) continue;
    conf_.each(first, false, [&](const std::string& cand, double cost2, const std::string& rule2) {
      if (rule2 == rule1 || (cap && cand[0] != w[0])) return;
      consider(cand, cost1 + cost2, rule1 + "+" + rule2);
    });
  }
}

// Step 2: the cheapest confusion candidate that is a word, if it is the only
// one at its cost.
std::optional<std::pair<std::string, std::string>> WordRepair::confused(const std::string& w, bool cap, bool two) const {
  bool compound = false;  // a long capitalised word's candidate may be a compound (below)
  // Two confusions at once make a listed word (or, in a long capitalised
  // word, a compound): the lexicon's list, not its compound analysis, for
  // the many candidates of an unknown lower-case word.
  if (two) compound = cap && w.size() >= 16;
  auto ok = [&](const std::string& cand) {
    if (cap || two ? lex_->listed(cand) || (compound && lex_->known(cand)) : lex_->known(cand)) return true;
    // A footnote marker glued to the word as written: "enquéteresultatenii".
    for (std::size_t k = 1; k <= 3 && k + 6 <= cand.size(); ++k) {
      if (cand[cand.size() - k] != 'i' || w[w.size() - k] != 'i') break;
      if (lex_->listed(std::string_view(cand).substr(0, cand.size() - k))) return true;
    }
    return false;
  };
  std::string best, best_rule;
  double best_cost = 1e9;
  bool tie = false;
  auto consider = [&](const std::string& cand, double cost, const std::string& rule) {
    if (cost > best_cost || cand == best || !ok(cand)) return;
    if (cost == best_cost) { tie = true; return; }
    best = cand;
    best_rule = rule;
    best_cost = cost;
    tie = false;
  };
  if (two) {
    two_confusions(w, cap, consider);
    if (best.empty() || tie) return std::nullopt;
    return std::make_pair(best, best_rule);
  }
  if (conf_.may_apply(w, cap)) conf_.each(w, cap, consider);
  // A capitalised word of 6 bytes or more also takes the small letters'
  // confusions behind its capital, to a listed word only: a table's first
  // column and a sentence's first word are capitalised by their place
  // ("Cardiologle", "Gerneente"); a name that long is rarely
  // one confusion from a listed word, as short ones are ("Storn").
  // One of 16 bytes or more may become a compound the lexicon knows
  // ("Patiëntenadrninistratie"): a name that long is not one confusion from one.
  if (cap && best.empty() && w.size() >= 6 && conf_.may_apply(w, false)) {
    compound = w.size() >= 16;
    conf_.each(w, false, [&](const std::string& cand, double cost, const std::string& rule) {
      if (!cand.empty() && cand[0] == w[0]) consider(cand, cost, rule);
    });
  }
  if (!cap)
    for (std::size_t i = 0; i + 1 < w.size(); ++i)
      if (diaeresis_pair(w[i], w[i + 1]))
        consider(w.substr(0, i + 1) + add_diaeresis(w[i + 1]) + w.substr(i + 2), kDiaeresisCost, "ocr:diaeresis");
  if (best.empty() || tie) return std::nullopt;
  return std::make_pair(best, best_rule);
}

// Step 3: the one listed word within one edit of an ASCII lower-case word.
std::optional<std::string> WordRepair::one_edit(const std::string& w) const {
  const Confusions::Generic& g = conf_.generic();
  if (!g.on || w.size() < g.min_letters) return std::nullopt;
  for (char ch : w)
    if (ch < 'a' || ch > 'z') return std::nullopt;
  std::string found, cand;
  bool two = false;
  auto try_cand = [&](const std::string& c) {
    if (two || c == found || !lex_->listed(c)) return;
    if (!found.empty()) { two = true; return; }
    found = c;
  };
  // Never at the last letter: "afstemmings-" is the first part of a compound,
  // not a misspelt "afstemming"; no letter added before it ("controls").
  for (std::size_t i = 0; i + 1 < w.size() && !two; ++i) {
    cand = w;
    cand.erase(i, 1);
    try_cand(cand);
    if (i + 1 < w.size() && w[i] != w[i + 1]) {
      cand = w;
      std::swap(cand[i], cand[i + 1]);
      try_cand(cand);
    }
    for (char ch = 'a'; ch <= 'z' && !two; ++ch) {
      if (ch == w[i]) continue;
      cand = w;
      cand[i] = ch;
      try_cand(cand);
    }
  }
  for (std::size_t i = 0; i + 1 < w.size() && !two; ++i)
    for (char ch = 'a'; ch <= 'z' && !two; ++ch) {
      cand = w;
      cand.insert(cand.begin() + static_cast<std::ptrdiff_t>(i), ch);
      try_cand(cand);
    }
  if (two || found.empty()) return std::nullopt;
  return found;
}

// Step 1: parts at every lower→upper boundary, each a word of ≥ 2 letters.
std::optional<std::string> WordRepair::split_case(const std::string& w) const {
  std::vector<std::size_t> cuts;
  for (std::size_t i = seq_len(w, 0), prev = 0; i < w.size(); prev = i, i += seq_len(w, i))
    if (upper_at(w, i) && lower_at(w, prev)) cuts.push_back(i);
  if (cuts.empty()) return std::nullopt;
  cuts.push_back(w.size());
  std::string out;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    std::string part = w.substr(from, cut - from);
    if (part.size() < 2 || case_of(part) == Case::mixed || !lex_->known(part)) return std::nullopt;
    if (!out.empty()) out += ' ';
    out += part;
    from = cut;
  }
  return out;
}

// Step 4: glue words in front (up to two) or one behind a word.
std::optional<std::string> WordRepair::split_sentence_start(const std::string& w) const {
  if (w.size() < 6 || case_of(w) != Case::capitalised || lex_->known(w)) return std::nullopt;
  const std::string low = lower_latin(w);
  // A glue word, then a word: "Deklager", "Metbetrekking", "Tenaanzien".
  for (std::size_t g = std::min(longest_glue_, low.size() - 3); g >= 2; --g)
    if (glue_.contains(std::string_view(low).substr(0, g)) && lex_->known(low.substr(g)))
      return w.substr(0, g) + " " + w.substr(g);
  // A word, then a glue word of 3 letters or more: "Tijdenshet".
  for (std::size_t g = 3; g + 3 <= low.size() && g <= longest_glue_; ++g)
    if (glue_.contains(std::string_view(low).substr(low.size() - g)) && lex_->known(low.substr(0, low.size() - g)))
      return w.substr(0, w.size() - g) + " " + w.substr(w.size() - g);
  return std::nullopt;
}

std::optional<std::string> WordRepair::split_glue(const std::string& w) const {
  if (glue_.size() == 0 || w.size() < 4) return std::nullopt;
  std::string low = lower_latin(w);
  auto word = [&](std::string_view s) { return s.size() >= 3 && lex_->known(s); };
  auto cut_at = [&](std::initializer_list<std::size_t> cuts) {
    std::string out;
    std::size_t from = 0;
    for (std::size_t c : cuts) {
      out.append(w, from, c - from);
      out += ' ';
      from = c;
    }
    out.append(w, from);
    return out;
  };
  std::string_view lv(low);
  // A glue word that also begins compounds splits only beside another one.
  auto alone = [&](std::string_view g) { return glue_.contains(g) && !prefix_.contains(g); };
  for (std::size_t g = std::min(longest_glue_, lv.size() - 2); g >= 1; --g) {
    std::string_view first = lv.substr(0, g);
    if (!glue_.contains(first)) continue;
    std::string_view rest = lv.substr(g);
    if (glue_.contains(rest) || (alone(first) && word(rest))) return cut_at({g});
    for (std::size_t g2 = std::min(longest_glue_, rest.size() - 1); g2 >= 1; --g2)
      if (glue_.contains(rest.substr(0, g2)) && word(rest.substr(g2))) return cut_at({g, g + g2});
  }
  // Behind a word only a glue word of 3 letters or more: "en", "er" and
  // "de" end many words ("bruteren"). One that begins compounds may end a
  // glued pair too when it has 4 letters or more ("KLACHTENOVER",
  // "MELDINGENDOOR"): the words that end in "over", "door" or "naar"
  // ("daarover", "waardoor") are words of their own.
  auto behind = [&](std::string_view g) { return alone(g) || (g.size() >= 4 && glue_.contains(g)); };
  for (std::size_t g = std::min(longest_glue_, lv.size() - 3); g >= 3; --g)
    if (behind(lv.substr(lv.size() - g)) && word(lv.substr(0, lv.size() - g))) return cut_at({lv.size() - g});
  return std::nullopt;
}

// The verdict on a word type, cached per thread: word frequencies are Zipfian,
// so most words are looked up once. The emitter asks two or three times for
// every word it writes, so the cache is a StringSet of the words with their
// verdicts beside it in the order of the set's indices (a deque: a verdict
// does not move when more are added).
const WordVerdict& verdict(const WordRepair& words, std::string_view w) {
  // The same word is asked for two or three times in a row (as a word, as
  // the next one's neighbour): the last two answers are tried before a hash.
  struct Cache {
    const WordRepair* owner = nullptr;
    StringSet types;
    std::deque<WordVerdict> verdicts;  // verdicts[i] for types' item i
    std::size_t recent[2] = {StringSet::npos, StringSet::npos};
  };
  thread_local Cache cache;
  if (cache.owner != &words || cache.types.size() >= 400000) {
    cache.types.clear();
    cache.verdicts.clear();
    cache.recent[0] = cache.recent[1] = StringSet::npos;
    cache.owner = &words;
  }
  for (std::size_t r : cache.recent)
    if (r != StringSet::npos && cache.types.item(r) == w) return cache.verdicts[r];
  auto remember = [&](std::size_t i) -> const WordVerdict& {
    cache.recent[1] = cache.recent[0];
    cache.recent[0] = i;
    return cache.verdicts[i];
  };
  if (std::size_t i = cache.types.find(w); i != StringSet::npos) return remember(i);
  WordVerdict v;
  std::string word(w);
  if (auto r = words.repair(word)) {
    v.repaired = true;
    v.guessed = r->second == "ocr:edit" || r->second == "split";
    v.to = std::move(r->first);
    v.rule = std::move(r->second);
    v.known = true;  // what it stands for is a word (or words)
  } else {
    v.known = word.size() >= 2 && words.lex().known(word);
  }
  cache.verdicts.push_back(std::move(v));
  return remember(cache.types.add(w));
}

}  // namespace omb::pass
