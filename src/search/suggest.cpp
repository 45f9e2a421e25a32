#include "search/suggest.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "index/tokenizer.h"
#include "search/fuzzy.h"
#include "store/db.h"
#include "store/vocab.h"

namespace omb {

namespace {

struct Word {
  std::size_t offset = 0, size = 0;
  std::string replacement;
};

// Letters in `w`, and whether it holds a digit.
std::size_t letters(std::string_view w, bool* digit) {
  std::size_t n = 0;
  for (std::int32_t i = 0, len = static_cast<std::int32_t>(w.size()); i < len;) {
    UChar32 c;
    U8_NEXT(w.data(), i, len, c);
    if (c >= 0 && u_isdigit(c)) *digit = true;
    if (c >= 0 && u_isalpha(c)) ++n;
  }
  return n;
}

// The word forms of index term `term` in the passages that hold it
// (folded, each once), with how often each was seen there.
Result<std::vector<std::pair<std::string, int>>> forms_of(Database& db, Tokenizer& tok, const std::string& term) {
  OMB_TRY_ASSIGN(texts, texts_with_term(db, term, 20));
  std::vector<std::pair<std::string, int>> forms;
  for (const std::string& text : texts)
    tok.tokenize(text, Tokenizer::Mode::document, [&](std::string_view t, std::size_t a, std::size_t b, bool colocated) {
      if (colocated || t != term) return true;
      std::string w = fold_word(tok, std::string_view(text).substr(a, b - a));
      if (w.empty() || tok.term(w) != term) return true;  // a compound's part: not a word of its own
      auto it = std::find_if(forms.begin(), forms.end(), [&](const auto& f) { return f.first == w; });
      if (it == forms.end()) forms.emplace_back(std::move(w), 1);
      else ++it->second;
      return true;
    });
  return forms;
}

// The correction of one typed word, if it needs one: the form, of the
// chosen term, closest to what was typed.
Result<std::optional<std::string>> correct(Database& db, const Vocabulary& vocab, Tokenizer& tok, std::string_view typed) {
  using Out = std::optional<std::string>;
  bool digit = false;
  if (letters(typed, &digit) < 4 || digit) return Out();
  const std::string own = tok.term(typed), folded = fold_word(tok, typed);
  if (own.empty() || folded.empty()) return Out();
  const std::uint32_t own_docs = vocab.docs_of(own);
  const TailCheck tails = stem_tail(tok);
  FuzzyMatches m = match_terms(vocab, folded, default_fuzzy_distance(typed), 1000, &tails);
  std::vector<TermMatch> c;
  for (TermMatch& t : m.terms)
    if (t.distance > 0 && t.term != own && t.docs >= std::max<std::uint64_t>(1, std::uint64_t{kCommoner} * own_docs))
      c.push_back(std::move(t));
  auto weight = [](const TermMatch& t) { return static_cast<double>(t.docs) * (t.distance == 1 ? 10.0 : 1.0); };
  std::stable_sort(c.begin(), c.end(), [&](const TermMatch& a, const TermMatch& b) { return weight(a) > weight(b); });
  for (const TermMatch& t : c) {
    OMB_TRY_ASSIGN(forms, forms_of(db, tok, t.term));
    if (forms.empty()) continue;
    const auto best = std::min_element(forms.begin(), forms.end(), [&](const auto& a, const auto& b) {
      const int da = edit_distance(folded, a.first), db_ = edit_distance(folded, b.first);
      return da != db_ ? da < db_ : a.second > b.second;
    });
    std::string w = best->first;
    // Keep a capital first letter (an ASCII one: a folded word is lower case).
    if (typed[0] >= 'A' && typed[0] <= 'Z' && !w.empty() && w[0] >= 'a' && w[0] <= 'z')
      w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return Out(std::move(w));
  }
  return Out();
}

}  // namespace

Result<std::optional<SearchResult::Proposal>> did_you_mean(Database& db, std::string_view query,
                                                           const SearchOptions& opts, std::size_t total) {
  using Out = std::optional<SearchResult::Proposal>;
  if (total >= kFewHits || opts.query.spans.empty()) return Out();
  OMB_TRY_ASSIGN(vocab, Vocabulary::load(db));
  Tokenizer tok(db.search_lexicon_ptr());
  std::vector<Word> fixes;
  for (const QueryWord& w : opts.query.spans) {
    if (!w.plain || w.offset + w.size > query.size()) continue;
    const std::string_view typed = query.substr(w.offset, w.size);
    OMB_TRY_ASSIGN(r, correct(db, *vocab, tok, typed));
    if (r && *r != typed) fixes.push_back({w.offset, w.size, *r});
  }
  if (fixes.empty()) return Out();
  std::string fixed(query);
  for (auto it = fixes.rbegin(); it != fixes.rend(); ++it) fixed.replace(it->offset, it->size, it->replacement);
  auto parsed = parse_query(fixed);
  if (!parsed.ok()) return Out();
  SearchOptions again = opts;
  parsed->filters = opts.query.filters;  // the same filters: inline ones and those given beside the query
  again.query = std::move(*parsed);
  again.facets = false;
  OMB_TRY_ASSIGN(ranked, rank(db, again, 1));
  const std::size_t found = ranked->total();
  if (found == 0 || found < std::max<std::size_t>(1, total) * kCommoner) {
    if (!(total == 0 && found > 0)) return Out();
  }
  return Out(SearchResult::Proposal{fixed, found});
}

}  // namespace omb
