// search/fuzzy.h — fuzzy words: the index terms within a few edits of a word.
//
// match_terms() finds the terms of a vocabulary (store/vocab.h) within
// `distance` edits of `term`: insertions, deletions, substitutions and the
// transposition of two neighbouring letters (the optimal string alignment
// distance), counted in Unicode code points. It walks the sorted term list
// as a trie: a term reuses the rows of edit distances of the prefix it shares
// with the one before, and a prefix whose row holds no distance within the
// bound ends the walk of every term that begins with it (one binary search
// skips them). So a query costs about as many rows as the trie has nodes
// within reach, not one full table per term.
//
// The matches are ordered: the term itself first (when the index has it),
// then by the passages holding them (most first), distance, term. At most
// `limit` are kept; `more` counts the rest.
//
// expand_fuzzy() folds each fuzzy word of a parsed query (search/query.h)
// as the index's tokenizer does (so case, accents and OCR's é for ë cost no
// edit), matches it against the database's vocabulary with the stemmer's
// endings free (a term is matched as a word), and writes the matches as one term list
// (index/fts5_dutch.h: kTermListMark) in place of the word's placeholder.
// A word that matches nothing searches its own term (and finds nothing).
//
// Errors: the database's, while reading the vocabulary.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "search/query.h"

namespace omb {

class Database;
class Vocabulary;
class Tokenizer;

inline constexpr std::size_t kMaxFuzzyTerms = 50;

struct TermMatch {
  std::string term;
  std::uint32_t docs = 0;  // passages holding it
  int distance = 0;
  bool operator==(const TermMatch&) const = default;
};

struct FuzzyMatches {
  std::vector<TermMatch> terms;
  std::size_t more = 0;  // matches beyond `limit`
};

// Whether `term` followed by `tail` is a word whose index term is `term`
// (klacht + en: klachten stems to klacht).
using TailCheck = std::function<bool(std::string_view term, std::string_view tail)>;

// With `tail`, `word` is a folded word rather than a term, and a term is
// matched as the words it stands for: an ending of `word` (up to kMaxTail
// code points) that the stemmer takes off costs no edit, and a term may
// have one of Dutch's endings (-en, -ing, -heid, …) spelt out when the
// stemmer takes that off. So communciatie is 1 edit from communicati
// (communicatie's stem), bejegenign 1 from bejegen (bejegening's).
inline constexpr std::size_t kMaxTail = 5;
FuzzyMatches match_terms(const Vocabulary& vocab, std::string_view word, int distance,
                         std::size_t limit = kMaxFuzzyTerms, const TailCheck* tail = nullptr);

// The edit distance match_terms() counts (for tests and "did you mean").
int edit_distance(std::string_view a, std::string_view b);

// A word folded as the index's tokenizer folds it, not stemmed ("" for none).
std::string fold_word(Tokenizer& tok, std::string_view word);
// The TailCheck of the index's stemmer.
TailCheck stem_tail(Tokenizer& tok);

// Expands q's fuzzy words (nothing to do when q.expanded); sets q.expanded.
Status expand_fuzzy(Database& db, ParsedQuery& q);
// The same with a given vocabulary and tokenizer (the index's lexicon).
void expand_fuzzy(const Vocabulary& vocab, Tokenizer& tok, ParsedQuery& q);

}  // namespace omb
