// extract/word_match.cpp — matching word rules (word_rules.h) over text:
// words and their classes, sentences and clauses, the two kinds of pattern,
// the guards, and overlaps.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>

#include "extract/word_rules.h"
#include "extract/word_rules_impl.h"
#include "text/fold.h"
#include "text/stem.h"

namespace omb {

using words::ClassId;
using words::CompiledRule;
using words::Item;

void WordRules::Impl::index_classes() {
  by_word.clear();
  by_stem.clear();
  affixes.clear();
  for (std::size_t i = 0; i < classes.size(); ++i) {
    auto id = static_cast<ClassId>(i);
    const words::ClassDef& c = classes[i];
    for (const std::string& w : c.words) by_word[w].push_back(id);
    for (const std::string& s : c.stems) by_stem[s].push_back(id);
    for (const std::string& a : c.prefixes) affixes.push_back({a, id, 0});
    for (const std::string& a : c.suffixes) affixes.push_back({a, id, 1});
    for (const std::string& a : c.infixes) affixes.push_back({a, id, 2});
  }
  rules_by_anchor.assign(classes.size(), {});
  guard_class.assign(classes.size(), false);
  needs.assign(rules.size(), {});
  for (std::size_t r = 0; r < rules.size(); ++r) {
    rules_by_anchor[rules[r].items.front().cls].push_back(r);
    for (std::size_t i = 1; i < rules[r].items.size(); ++i) {
      const Item& it = rules[r].items[i];
      if (!it.gap && !it.optional && it.cls != rules[r].items.front().cls) needs[r].push_back(it.cls);
    }
    std::sort(needs[r].begin(), needs[r].end());
    needs[r].erase(std::unique(needs[r].begin(), needs[r].end()), needs[r].end());
    const words::Guards& g = rules[r].guards;
    for (const auto* v : {&g.unless_near, &g.unless_in_sentence, &g.if_in_sentence, &g.if_next_sentence})
      for (ClassId c : *v) guard_class[c] = true;
  }
}

namespace {

// A word's classes: where they are in the cache's pool, and whether one of
// them is [scope]'s clause-end, not-after or abbreviation class (asked of
// every word).
struct WordClasses {
  std::uint32_t off = 0, count = 0;
  bool ends_clause = false, keeps_clause = false, abbreviation = false;
};

// The classes of the words one thread has seen, per loaded file: most words
// of a text are in no class, and a word is looked up once, not stemmed again.
struct WordCache {
  std::uint64_t serial = 0;
  std::unordered_map<std::string, WordClasses> index;  // word -> its classes
  std::vector<ClassId> pool;
  Stemmer stemmer;
  // In front of `index`: a direct-mapped table of short words by a hash of
  // their bytes ("de", "het", "niet" come back on every line).
  struct Recent {
    char word[24];
    std::uint8_t len = 0xFF;  // 0xFF: empty
    WordClasses at;
  };
  std::vector<Recent> recent = std::vector<Recent>(4096);
};

// FNV-1a over a word's bytes; its low bits pick the word's Recent slot.
constexpr std::uint32_t kFnvStart = 2166136261u;
inline std::uint32_t fnv_step(std::uint32_t h, char c) { return (h ^ static_cast<unsigned char>(c)) * 16777619u; }

constexpr std::size_t kWordCacheSize = 200000;

WordCache& cache_for(std::uint64_t serial) {
  thread_local std::vector<std::unique_ptr<WordCache>> caches;
  for (auto& c : caches)
    if (c->serial == serial) return *c;
  if (caches.size() >= 8) caches.erase(caches.begin());
  caches.push_back(std::make_unique<WordCache>());
  caches.back()->serial = serial;
  return *caches.back();
}

// `hash`: the word's FNV-1a hash, which the tokenizer makes as it reads it.
WordClasses classes_of(const WordRules::Impl& impl, WordCache& cache, std::string_view word, std::uint32_t hash) {
  WordCache::Recent* r = nullptr;
  if (word.size() <= sizeof r->word) {
    r = &cache.recent[hash & 4095u];
    if (r->len == word.size() && std::memcmp(r->word, word.data(), word.size()) == 0) return r->at;
  }
  auto remember = [&](const WordClasses& at) {
    if (r) {
      std::memcpy(r->word, word.data(), word.size());
      r->len = static_cast<std::uint8_t>(word.size());
      r->at = at;
    }
    return at;
  };
  std::string key(word);
  if (auto it = cache.index.find(key); it != cache.index.end()) return remember(it->second);
  std::vector<ClassId> found;
  if (auto it = impl.by_word.find(key); it != impl.by_word.end()) found = it->second;
  if (!impl.by_stem.empty())
    if (auto it = impl.by_stem.find(cache.stemmer.stem(word)); it != impl.by_stem.end())
      found.insert(found.end(), it->second.begin(), it->second.end());
  for (const auto& a : impl.affixes) {
    bool hit = a.kind == 0   ? word.size() >= a.text.size() && word.compare(0, a.text.size(), a.text) == 0
               : a.kind == 1 ? word.size() >= a.text.size() && word.compare(word.size() - a.text.size(), a.text.size(), a.text) == 0
                             : word.find(a.text) != std::string_view::npos;
    if (hit) found.push_back(a.cls);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  auto in = [&](int cls) { return cls >= 0 && std::binary_search(found.begin(), found.end(), static_cast<ClassId>(cls)); };
  WordClasses at{static_cast<std::uint32_t>(cache.pool.size()), static_cast<std::uint32_t>(found.size()),
                 in(impl.clause_end_class), in(impl.clause_keep_class), in(impl.abbreviation_class)};
  cache.pool.insert(cache.pool.end(), found.begin(), found.end());
  cache.index.emplace(std::move(key), at);
  return remember(at);
}

// A word of the span: where it is (folded offsets), its sentence and clause.
struct Tok {
  std::uint32_t fs, fe;
  std::uint32_t sentence, clause;
  std::uint32_t off, count;  // its classes in the cache's pool
};

// Whether word t is of class c (-1: no class, never).
bool of_class(const Tok& t, const std::vector<ClassId>& pool, int c) {
  auto b = pool.begin() + t.off, e = b + t.count;
  return c >= 0 && std::binary_search(b, e, static_cast<ClassId>(c));
}

// A byte of a word: a folded letter or digit, or any byte of a non-ASCII character.
constexpr std::array<bool, 256> kTokenByte = [] {
  std::array<bool, 256> t{};
  for (int b = 0; b < 256; ++b) t[static_cast<std::size_t>(b)] = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
  return t;
}();
bool token_byte(char c) { return kTokenByte[static_cast<unsigned char>(c)]; }

// A comma or point between digits is part of a number ("€ 18,40",
// "2.340,00"), not the end of a clause or sentence.
bool in_number(std::string_view t, std::size_t j, std::size_t fe) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return (t[j] == ',' || t[j] == '.') && j > 0 && digit(t[j - 1]) && j + 1 < fe && digit(t[j + 1]);
}

// A verb after a separable particle and "te" ("om het dossier in te zien",
// "terug te bellen") also has the classes of the verb written as one word
// ("inzien", "terugbellen"), as [scope] particles says. `toks` holds the
// words before `w`; the union is kept in the cache under "particle verb".
WordClasses with_particle(const WordRules::Impl& impl, WordCache& cache, std::string_view t, const std::vector<Tok>& toks,
                          std::string_view w, WordClasses wc) {
  const Tok& te = toks.back();
  const Tok& particle = toks[toks.size() - 2];
  if (impl.particle_class < 0 || t.substr(te.fs, te.fe - te.fs) != "te" || particle.sentence != te.sentence ||
      particle.clause != te.clause || !of_class(particle, cache.pool, impl.particle_class))
    return wc;
  std::string_view p = t.substr(particle.fs, particle.fe - particle.fs);
  std::string key = std::string(p) + ' ' + std::string(w);
  if (auto it = cache.index.find(key); it != cache.index.end()) return it->second;
  std::string joined = std::string(p) + std::string(w);
  std::uint32_t h = kFnvStart;
  for (char c : joined) h = fnv_step(h, c);
  WordClasses jc = classes_of(impl, cache, joined, h);
  std::vector<ClassId> merged(cache.pool.begin() + wc.off, cache.pool.begin() + wc.off + wc.count);
  merged.insert(merged.end(), cache.pool.begin() + jc.off, cache.pool.begin() + jc.off + jc.count);
  std::sort(merged.begin(), merged.end());
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
  WordClasses at{static_cast<std::uint32_t>(cache.pool.size()), static_cast<std::uint32_t>(merged.size()), wc.ends_clause,
                 wc.keeps_clause, wc.abbreviation};
  cache.pool.insert(cache.pool.end(), merged.begin(), merged.end());
  cache.index.emplace(std::move(key), at);
  return at;
}

// The words of folded[fs, fe) with their classes; `question[s]` says whether
// sentence s ends in "?", `quoted[s]` whether it holds a quotation mark.
void tokenize_words(const WordRules::Impl& impl, WordCache& cache, std::string_view t, std::size_t fs, std::size_t fe,
              std::vector<Tok>& toks, std::vector<bool>& question, std::vector<bool>& quoted) {
  std::uint32_t sentence = 0, clause = 0;
  bool keeps = false;  // the last word keeps a clause-end word after it from ending its clause
  std::size_t abbreviation_end = SIZE_MAX;  // where the last word of [scope] abbreviations ends ("mw.")
  question.assign(1, false);
  quoted.assign(1, false);
  auto end_sentence = [&](bool q) {
    if (toks.empty() || toks.back().sentence != sentence) return;
    question[sentence] = q;
    ++sentence;
    ++clause;
    question.push_back(false);
    quoted.push_back(false);
  };
  std::size_t i = fs;
  while (i < fe) {
    char c = t[i];
    if (token_byte(c)) {
      // The word: word bytes, and a - or ' between word bytes, or a , or .
      // inside a number; hashed as it is read.
      std::uint32_t h = fnv_step(kFnvStart, c);
      std::size_t j = i + 1;
      for (;;) {
        while (j < fe && token_byte(t[j])) h = fnv_step(h, t[j++]);
        if (j < fe && (((t[j] == '-' || t[j] == '\'') && j + 1 < fe && token_byte(t[j + 1])) || in_number(t, j, fe))) {
          h = fnv_step(h, t[j++]);
          continue;
        }
        break;
      }
      std::string_view w = t.substr(i, j - i);
      WordClasses wc = classes_of(impl, cache, w, h);
      if (toks.size() >= 2 && toks.back().sentence == sentence && toks.back().clause == clause)
        wc = with_particle(impl, cache, t, toks, w, wc);  // "te" right before, in this clause
      bool kept = keeps && !toks.empty() && toks.back().sentence == sentence && toks.back().clause == clause;
      if (!kept && wc.ends_clause) ++clause;
      toks.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), sentence, clause, wc.off, wc.count});
      keeps = wc.keeps_clause;
      if (wc.abbreviation) abbreviation_end = j;
      i = j;
      continue;
    }
    auto sentence_end = [&] {  // a full stop after a word ends a sentence only before a space or quote
      if (c == '.' && i == abbreviation_end) return false;  // "Mw. is nooit teruggebeld": no end after "mw"
      // The last letter of a dotted abbreviation ("i.v.m. de termijn", "o.a. de brief").
      if (c == '.' && i >= fs + 3 && t[i - 2] == '.' && token_byte(t[i - 1]) && token_byte(t[i - 3])) return false;
      bool after_word = i > fs && token_byte(t[i - 1]);
      bool space_after = i + 1 >= fe || t[i + 1] == ' ' || t[i + 1] == '\n' || t[i + 1] == '"' || t[i + 1] == '\'';
      return space_after || !after_word;
    };
    // A quotation mark outside a word (folding made every kind ' or "): the
    // sentence quotes someone ("zei dat hij 'niet zo moest zeuren'"). Not an
    // elision ('s middags, 't, 'n) nor an apostrophe after a word (Hans'
    // auto); a mark that closes the sentence before it ('Het klopt.' …)
    // belongs to that sentence.
    if (c == '"' || c == '\'') {
      const bool after_word = i > fs && token_byte(t[i - 1]);
      const bool elision = c == '\'' && i + 2 < fe && (t[i + 1] == 's' || t[i + 1] == 't' || t[i + 1] == 'n') &&
                           (t[i + 2] == ' ' || t[i + 2] == '-');
      const bool trailing_apostrophe = c == '\'' && after_word && (i + 1 >= fe || t[i + 1] == ' ');
      if (!elision && !(trailing_apostrophe && !quoted[sentence])) {
        const bool opens_new = sentence > 0 && (toks.empty() || toks.back().sentence != sentence);
        quoted[opens_new && !(i + 1 < fe && token_byte(t[i + 1])) ? sentence - 1 : sentence] = true;
      }
    }
    if (c == '\n') end_sentence(false);
    else if ((c == '.' || c == '!' || c == '?') && sentence_end()) end_sentence(c == '?');
    else if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') ++clause;
    ++i;
  }
}

// How many words of each guard class a sentence holds, so that a sentence
// guard costs a lookup, not a walk over the sentence (a table dumped on one
// line is one sentence with a hit every few words). A sentence is counted
// when a guard first asks about it: most sentences never are.
class SentenceGuards {
 public:
  SentenceGuards(const WordRules::Impl& impl, const std::vector<Tok>& toks, const std::vector<ClassId>& pool, std::size_t sentences)
      : impl_(impl), toks_(toks), pool_(pool), sentences_(sentences) {}
  std::uint32_t count(std::uint32_t sentence, ClassId c) {
    if (range_.empty()) range_.assign(sentences_, {kNone, kNone});
    auto& [b, e] = range_[sentence];
    if (b == kNone) std::tie(b, e) = add(sentence);
    auto first = counts_.begin() + b, last = counts_.begin() + e;
    auto it = std::lower_bound(first, last, std::pair<ClassId, std::uint32_t>{c, 0});
    return it != last && it->first == c ? it->second : 0;
  }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::pair<std::uint32_t, std::uint32_t> add(std::uint32_t sentence) {
    auto p = static_cast<std::size_t>(std::lower_bound(toks_.begin(), toks_.end(), sentence,
                                                       [](const Tok& t, std::uint32_t s) { return t.sentence < s; }) -
                                      toks_.begin());
    one_.clear();
    for (; p < toks_.size() && toks_[p].sentence == sentence; ++p)
      for (std::uint32_t k = 0; k < toks_[p].count; ++k)
        if (ClassId c = pool_[toks_[p].off + k]; impl_.guard_class[c]) one_.push_back(c);
    std::sort(one_.begin(), one_.end());
    auto b = static_cast<std::uint32_t>(counts_.size());
    for (ClassId c : one_) {
      if (counts_.size() > b && counts_.back().first == c) ++counts_.back().second;
      else counts_.emplace_back(c, 1);
    }
    return {b, static_cast<std::uint32_t>(counts_.size())};
  }
  const WordRules::Impl& impl_;
  const std::vector<Tok>& toks_;
  const std::vector<ClassId>& pool_;
  std::size_t sentences_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> range_;  // sentence -> its counts in counts_
  std::vector<std::pair<ClassId, std::uint32_t>> counts_;       // per sentence, sorted by class
  std::vector<ClassId> one_;
};

constexpr std::uint32_t kNoCondition = UINT32_MAX, kWholeSentence = UINT32_MAX - 1;

// Per sentence: a condition's clause, when the sentence opens with one
// ([scope] if_starts: "Als de gemeente niet reageert, ..."), whose words
// state no fact; kWholeSentence when the main clause after it is advice
// ([scope] if_thens: "..., kunt u een herinnering sturen"), and when a
// subject with a relative clause opens it and advice follows ([scope]
// relatives: "Inwoners die niet tevreden zijn over onze klachtbehandeling,
// kunnen terecht bij ..."); else kNoCondition.
void conditions(const WordRules::Impl& impl, const std::vector<Tok>& toks, const std::vector<ClassId>& pool,
                std::size_t sentences, std::vector<std::uint32_t>& out) {
  out.assign(sentences, kNoCondition);
  if (impl.if_start_class < 0 && impl.relative_class < 0) return;
  auto has = [&](std::size_t p, int c) { return c >= 0 && of_class(toks[p], pool, c); };
  // The first token after the clause that holds p, when it is advice.
  auto advice_after = [&](std::size_t p) {
    std::size_t q = p + 1;
    while (q < toks.size() && toks[q].sentence == toks[p].sentence && toks[q].clause == toks[p].clause) ++q;
    return q < toks.size() && toks[q].sentence == toks[p].sentence && has(q, impl.if_then_class);
  };
  for (std::size_t p = 0; p < toks.size(); ++p) {
    bool first = p == 0 || toks[p - 1].sentence != toks[p].sentence;
    if (!first) continue;
    std::uint32_t& o = out[toks[p].sentence];
    if (has(p, impl.if_start_class)) {
      o = toks[p].clause;
      if (advice_after(p)) o = kWholeSentence;
      continue;
    }
    // "Inwoners die ...," / "Ouders van leerlingen die ...,": a relative
    // pronoun among the first four words, in the first clause. The next
    // clause is advice only without a negation ([scope] advice_nots):
    // "Inwoners die bellen, kunnen vaak niemand bereiken" states a fact.
    for (std::size_t r = p + 1; r < toks.size() && r <= p + 3; ++r) {
      if (toks[r].sentence != toks[p].sentence || toks[r].clause != toks[p].clause) break;
      if (!has(r, impl.relative_class)) continue;
      if (!advice_after(p)) break;
      std::size_t q = r;
      while (q < toks.size() && toks[q].sentence == toks[p].sentence && toks[q].clause == toks[p].clause) ++q;
      bool negated = false;
      for (std::size_t n = q; n < toks.size() && toks[n].sentence == toks[p].sentence && toks[n].clause == toks[q].clause; ++n)
        negated |= has(n, impl.advice_not_class);
      if (!negated) o = kWholeSentence;
      break;
    }
  }
}

// Per sentence: the clause from which on it tells the citizen's own doing
// ([scope] own_subjects, own_doings): "Klager heeft zelf zijn nummer niet
// doorgegeven, waardoor de school hem niet kon bereiken" states no fault of
// the organisation from "zelf" on; an effort or burden ([scope] own_musts
// within 3 words: "moest zelf", "belden zij zelf") does; kNoCondition else.
void own_doings(const WordRules::Impl& impl, const std::vector<Tok>& toks, const std::vector<ClassId>& pool,
                std::size_t sentences, std::vector<std::uint32_t>& out) {
  out.assign(sentences, kNoCondition);
  if (impl.own_doing_class < 0) return;
  auto has = [&](std::size_t p, int c) { return of_class(toks[p], pool, c); };
  for (std::size_t p = 0; p < toks.size(); ++p) {
    if (!has(p, impl.own_doing_class)) continue;
    const std::uint32_t s = toks[p].sentence;
    bool burden = false, subject = false;
    for (std::size_t q = p >= 3 ? p - 3 : 0; q < toks.size() && q <= p + 3; ++q) {
      if (q == p || toks[q].sentence != s) continue;
      burden |= has(q, impl.own_must_class);
      subject |= q < p && has(q, impl.own_subject_class);
    }
    if (subject && !burden) out[s] = std::min(out[s], toks[p].clause);
  }
}

// One span's words and what the matcher needs of them.
struct WordSpan {
  const WordRules::Impl& impl;
  const std::vector<Tok>& toks;
  const std::vector<ClassId>& pool;
  const std::vector<bool>& question;
  const std::vector<bool>& quoted;               // per sentence: it holds a quotation mark
  const std::vector<std::uint32_t>& condition;  // per sentence: see conditions()
  const std::vector<std::uint32_t>& own_from;   // per sentence: see own_doings()
  const std::vector<ClassId>& section;          // the section's classes, sorted (if_in_section)
  mutable SentenceGuards sentence_guards{impl, toks, pool, question.size()};

  // Words of class c in sentence s, not counting the matched words `used`.
  std::uint32_t in_sentence(std::uint32_t s, ClassId c, const std::vector<std::size_t>& used) const {
    std::uint32_t n = sentence_guards.count(s, c);
    for (std::size_t q : used) n -= has(q, c) ? 1 : 0;
    return n;
  }

  bool has(std::size_t p, ClassId c) const { return of_class(toks[p], pool, c); }
  bool has_any(std::size_t p, const std::vector<ClassId>& cs) const {
    for (ClassId c : cs)
      if (has(p, c)) return true;
    return false;
  }

  // Items[i..] from word p on, in order; `used` collects the matched words.
  bool sequence(const CompiledRule& r, std::size_t i, std::size_t p, std::vector<std::size_t>& used) const {
    if (i == r.items.size()) return true;
    const Item& it = r.items[i];
    std::uint32_t c = toks[used.front()].clause;  // a sequence stays in its clause
    if (it.gap) {
      for (int k = 0; k <= it.max_gap; ++k) {
        if (k > 0 && (p + k - 1 >= toks.size() || toks[p + k - 1].clause != c)) break;
        if (sequence(r, i + 1, p + static_cast<std::size_t>(k), used)) return true;
      }
      return false;
    }
    if (p < toks.size() && toks[p].clause == c && has(p, it.cls)) {
      used.push_back(p);
      if (sequence(r, i + 1, p + 1, used)) return true;
      used.pop_back();
    }
    return it.optional && sequence(r, i + 1, p, used);
  }

  // Every required item within the window around word p (the first item), in any order.
  bool bag(const CompiledRule& r, std::size_t p, std::vector<std::size_t>& used) const {
    std::uint32_t s = toks[p].sentence;
    auto w = static_cast<std::size_t>(r.window);
    std::size_t lo = p >= w - 1 ? p - (w - 1) : 0, hi = std::min(toks.size(), p + w);
    for (std::size_t i = 1; i < r.items.size(); ++i) {
      const Item& it = r.items[i];
      std::size_t best = SIZE_MAX, dist = SIZE_MAX;
      for (std::size_t q = lo; q < hi; ++q) {
        if (toks[q].sentence != s || !has(q, it.cls) || std::find(used.begin(), used.end(), q) != used.end()) continue;
        std::size_t d = q > p ? q - p : p - q;
        if (d < dist) best = q, dist = d;
      }
      if (best == SIZE_MAX) {
        if (it.optional) continue;
        return false;
      }
      used.push_back(best);
    }
    auto [mn, mx] = std::minmax_element(used.begin(), used.end());
    return *mx - *mn + 1 <= w;
  }

  // False when a guard of the rule cancels the match of words `used`.
  bool guards_pass(const CompiledRule& r, const std::vector<std::size_t>& used, const std::vector<bool>& question) const {
    const words::Guards& g = r.guards;
    auto [mn, mx] = std::minmax_element(used.begin(), used.end());
    std::size_t first = *mn, last = *mx;
    std::uint32_t s = toks[first].sentence;
    if (g.quoted && !quoted[s]) return false;
    if (!g.questions && (question[s] || condition[s] == kWholeSentence || condition[s] == toks[last].clause ||
                         (own_from[s] != kNoCondition && toks[last].clause >= own_from[s])))
      return false;
    auto matched = [&](std::size_t q) { return std::find(used.begin(), used.end(), q) != used.end(); };
    if (!g.unless_near.empty()) {
      auto n = static_cast<std::size_t>(g.near);
      std::size_t lo = first >= n ? first - n : 0, hi = std::min(toks.size(), last + n + 1);
      for (std::size_t q = lo; q < hi; ++q) {
        if (q > last && of_class(toks[q], pool, impl.conjunction_class)) break;  // "onheus en niet ...": the next conjunct's
        if (matched(q) || toks[q].sentence != s) continue;
        bool outside_clause = (q < first && toks[q].clause != toks[first].clause) || (q > last && toks[q].clause != toks[last].clause);
        if (!outside_clause && has_any(q, g.unless_near)) return false;
      }
    }
    auto in = [&](std::uint32_t t) { return [&, t](ClassId c) { return sentence_guards.count(t, c) > 0; }; };
    if (!g.if_in_sentence.empty() && std::none_of(g.if_in_sentence.begin(), g.if_in_sentence.end(), in(s))) return false;
    auto in_section = [&](ClassId c) { return std::binary_search(section.begin(), section.end(), c); };
    if (!g.if_in_section.empty() && std::none_of(g.if_in_section.begin(), g.if_in_section.end(), in_section)) return false;
    // The next sentence of the block, a word of each class ("... zou terugbellen. Dat gebeurde niet.").
    const auto& next = g.if_next_sentence;
    if (!next.empty() && (s + 1 >= question.size() || !std::all_of(next.begin(), next.end(), in(s + 1)))) return false;
    for (ClassId c : g.unless_in_sentence)
      if (in_sentence(s, c, used) > 0) return false;
    return true;
  }
};

// The classes that the words of one sentence hold, for the rules' `needs`.
// A stamp per class, not a set cleared per sentence: marking costs the
// sentence's classes, and asking costs one load per class asked about.
class SentenceClasses {
 public:
  explicit SentenceClasses(std::size_t classes) {
    thread_local std::vector<std::uint32_t> stamps;
    thread_local std::uint32_t last = 0;
    if (stamps.size() < classes) stamps.resize(classes, 0);
    if (last == UINT32_MAX) std::fill(stamps.begin(), stamps.end(), 0), last = 0;
    stamps_ = &stamps;
    last_ = &last;
  }
  // Marks the classes of the sentence that starts at word p; returns the
  // index of the sentence's last word + 1.
  std::size_t mark(const std::vector<Tok>& toks, const std::vector<ClassId>& pool, std::size_t p) {
    now_ = ++*last_;
    std::uint32_t s = toks[p].sentence;
    for (; p < toks.size() && toks[p].sentence == s; ++p)
      for (std::uint32_t k = 0; k < toks[p].count; ++k) (*stamps_)[pool[toks[p].off + k]] = now_;
    return p;
  }
  bool all(const std::vector<ClassId>& cs) const {
    for (ClassId c : cs)
      if ((*stamps_)[c] != now_) return false;
    return true;
  }

 private:
  std::vector<std::uint32_t>* stamps_;
  std::uint32_t* last_;
  std::uint32_t now_ = 0;
};

}  // namespace

void WordRules::Impl::match_span(const Folded& folded, std::size_t fs, std::size_t fe, const words::SpanAt& at, long only,
                                 std::vector<Hit>& out) const {
  static const std::vector<ClassId> kNoSection;
  WordCache& cache = cache_for(serial);
  // A full cache is emptied before a span, never inside one: the span's
  // words point into the pool (a span's own words may take it past the size).
  if (cache.index.size() >= kWordCacheSize) {
    cache.index.clear();
    cache.pool.clear();
    for (auto& e : cache.recent) e.len = 0xFF;
  }
  thread_local std::vector<Tok> toks;
  thread_local std::vector<bool> question, quoted;
  thread_local std::vector<std::uint32_t> condition, own_from;
  toks.clear();
  tokenize_words(*this, cache, folded.text, fs, fe, toks, question, quoted);
  conditions(*this, toks, cache.pool, question.size(), condition);
  own_doings(*this, toks, cache.pool, question.size(), own_from);
  WordSpan span{*this, toks, cache.pool, question, quoted, condition, own_from, at.section ? *at.section : kNoSection};
  SentenceClasses present(classes.size());
  std::vector<Hit> hits;
  std::vector<std::size_t> used;
  for (std::size_t p = 0, sentence_end = 0; p < toks.size(); ++p) {
    const Tok& t = toks[p];
    if (p == sentence_end) sentence_end = present.mark(toks, cache.pool, p);
    for (std::uint32_t k = 0; k < t.count; ++k) {
      for (std::size_t ri : rules_by_anchor[cache.pool[t.off + k]]) {
        if (only >= 0 && ri != static_cast<std::size_t>(only)) continue;
        const CompiledRule& r = rules[ri];
        if ((!r.blocks.empty() || r.numbered) && std::find(r.blocks.begin(), r.blocks.end(), at.kind) == r.blocks.end() &&
            !(r.numbered && at.numbered))
          continue;
        if (!present.all(needs[ri])) continue;
        used.assign(1, p);
        bool ok = r.any_order ? span.bag(r, p, used) : span.sequence(r, 1, p + 1, used);
        if (!ok || !span.guards_pass(r, used, question)) continue;
        auto [mn, mx] = std::minmax_element(used.begin(), used.end());
        Hit h;
        h.rule = static_cast<int>(ri);
        h.start = h.match_start = folded.source(toks[*mn].fs);
        h.end = h.match_end = folded.source(toks[*mx].fe);
        h.value = r.info.value;
        for (const std::string& v : r.info.also) {
          hits.push_back(h);
          hits.back().value = v;
        }
        hits.push_back(std::move(h));
      }
    }
  }
  if (at.resolve) resolve_word_overlaps(*this, hits, only >= 0);
  out.insert(out.end(), std::make_move_iterator(hits.begin()), std::make_move_iterator(hits.end()));
}

void WordRules::Impl::classes_in(const Folded& folded, std::size_t fs, std::size_t fe, std::vector<ClassId>& out) const {
  WordCache& cache = cache_for(serial);
  thread_local std::vector<Tok> toks;
  thread_local std::vector<bool> question, quoted;
  toks.clear();
  tokenize_words(*this, cache, folded.text, fs, fe, toks, question, quoted);
  out.clear();
  for (const Tok& t : toks) out.insert(out.end(), cache.pool.begin() + t.off, cache.pool.begin() + t.off + t.count);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace omb
