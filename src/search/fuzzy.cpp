#include "search/fuzzy.h"

#include <unicode/utf8.h>

#include <algorithm>

#include "index/fts5_dutch.h"  // term_list_phrase
#include "index/tokenizer.h"
#include "store/db.h"
#include "store/vocab.h"

namespace omb {

namespace {

void decode_into(std::string_view s, std::u32string& out) {
  out.clear();
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(s.size()); i < n;) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
  }
}

// Endings a Dutch word may have beyond its stem (klacht-en, bejegen-ing,
// woning-en, afspraak-je). They only propose spellings: a term plus an
// ending counts only when the index's stemmer gives the term back for it
// (TailCheck), so the list may hold more than the stemmer takes off.
constexpr std::string_view kEndings[] = {"e",  "en", "s",     "es",   "er",    "ers", "ing",  "ingen", "heid",
                                         "heden", "te", "ten", "de", "den", "t",  "d",  "je", "jes",
                                         "tje", "tjes", "lijk", "lijke", "isch", "ische"};
constexpr std::size_t kLongestEnding = 5;

// Rows of the optimal-string-alignment table of one query against the
// prefixes of the term at hand: row d holds the distances of the term's
// first d code points to each prefix of the query.
class EditRows {
 public:
  EditRows(std::u32string query, int bound)
      : q_(std::move(query)), width_(q_.size() + 1), bound_(bound),
        cells_((q_.size() + bound + 2 + kLongestEnding) * width_) {
    for (std::size_t j = 0; j < width_; ++j) cells_[j] = static_cast<int>(j);
  }
  // The deepest row that can hold a distance within the bound.
  std::size_t max_depth() const { return q_.size() + static_cast<std::size_t>(bound_) + 1; }
  // Fills row d for the term `t` (rows below d are those of t's prefix);
  // returns the smallest distance in it.
  int fill(std::size_t d, const std::u32string& t) {
    int* row = &cells_[d * width_];
    const int* up = row - width_;
    const int* up2 = d >= 2 ? up - width_ : nullptr;
    const char32_t c = t[d - 1];
    row[0] = static_cast<int>(d);
    int best = row[0];
    for (std::size_t j = 1; j < width_; ++j) {
      int v = std::min(up[j] + 1, row[j - 1] + 1);
      v = std::min(v, up[j - 1] + (c == q_[j - 1] ? 0 : 1));
      if (up2 && j >= 2 && c == q_[j - 2] && t[d - 2] == q_[j - 1]) v = std::min(v, up2[j - 2] + 1);
      row[j] = v;
      best = std::min(best, v);
    }
    return best;
  }
  int distance(std::size_t d) const { return cells_[d * width_ + width_ - 1]; }
  int cell(std::size_t d, std::size_t j) const { return cells_[d * width_ + j]; }

 private:
  std::u32string q_;
  std::size_t width_;
  int bound_;
  std::vector<int> cells_;
};

std::size_t common_prefix(const std::u32string& a, const std::u32string& b) {
  std::size_t n = std::min(a.size(), b.size()), i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

// The bytes of the first `points` code points of `s`.
std::string_view prefix_bytes(std::string_view s, std::size_t points) {
  std::int32_t i = 0;
  const std::int32_t n = static_cast<std::int32_t>(s.size());
  for (std::size_t p = 0; p < points && i < n; ++p) U8_FWD_1(s.data(), i, n);
  return s.substr(0, static_cast<std::size_t>(i));
}

}  // namespace

FuzzyMatches match_terms(const Vocabulary& vocab, std::string_view term, int distance, std::size_t limit,
                         const TailCheck* tail) {
  std::vector<TermMatch> found;
  std::u32string q;
  decode_into(term, q);
  std::vector<std::size_t> at;  // byte offset of each code point of `term`, and its end
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(term.size()); i < n;) {
    at.push_back(static_cast<std::size_t>(i));
    U8_FWD_1(term.data(), i, n);
  }
  at.push_back(term.size());
  // The distance of the term at hand (rows filled to `len`), an ending of
  // `term` free when the stemmer takes it off.
  std::u32string ext;
  auto best_distance = [&](std::size_t len, std::string_view t, const std::u32string& cur, EditRows& rows) {
    int best = rows.distance(len);
    if (!tail || best == 0) return best;
    // The typed word's own ending, free.
    const std::size_t m = q.size();
    for (std::size_t j = m > kMaxTail ? m - kMaxTail : 0; j < m; ++j)
      if (rows.cell(len, j) < best && rows.cell(len, j) <= distance && (*tail)(t, term.substr(at[j])))
        best = rows.cell(len, j);
    // Or an ending of the language, spelt out (bejegenign: bejegen + ing).
    for (std::string_view e : kEndings) {
      ext = cur;
      for (char c : e) ext.push_back(static_cast<unsigned char>(c));
      for (std::size_t k = len + 1; k <= ext.size(); ++k) rows.fill(k, ext);
      const int d = rows.distance(ext.size());
      if (d < best && (*tail)(t, e)) best = d;
    }
    return best;
  };
  distance = std::clamp(distance, 0, 2);
  EditRows rows(q, distance);
  std::u32string prev, cur;
  std::size_t valid = 0;  // rows 0..valid hold prev's prefixes
  for (std::size_t i = 0; i < vocab.size();) {
    const std::string_view t = vocab.term(i);
    decode_into(t, cur);
    std::size_t d = std::min(common_prefix(prev, cur), valid);
    bool dead = false;
    const std::size_t depth = std::min(cur.size(), rows.max_depth());
    while (d < depth) {
      ++d;
      if (rows.fill(d, cur) > distance) {
        dead = true;
        break;
      }
    }
    valid = d;
    prev.swap(cur);
    if (dead) {
      // No term beginning with these d code points is within reach.
      std::string key(prefix_bytes(t, d));
      key += '\xFF';  // after every term that begins with the prefix (UTF-8 has no 0xFF)
      i = std::max(i + 1, vocab.lower_bound(key));
      continue;
    }
    if (prev.size() <= rows.max_depth()) {
      const int d_best = best_distance(prev.size(), t, prev, rows);
      if (d_best <= distance) found.push_back({std::string(t), vocab.docs(i), d_best});
    }
    ++i;
  }
  std::sort(found.begin(), found.end(), [](const TermMatch& a, const TermMatch& b) {
    if ((a.distance == 0) != (b.distance == 0)) return a.distance == 0;
    if (a.docs != b.docs) return a.docs > b.docs;
    if (a.distance != b.distance) return a.distance < b.distance;
    return a.term < b.term;
  });
  FuzzyMatches out;
  if (found.size() > limit) {
    out.more = found.size() - limit;
    found.resize(limit);
  }
  out.terms = std::move(found);
  return out;
}

int edit_distance(std::string_view a, std::string_view b) {
  std::u32string x, y;
  decode_into(a, x);
  decode_into(b, y);
  std::vector<std::vector<int>> t(x.size() + 1, std::vector<int>(y.size() + 1));
  for (std::size_t i = 0; i <= x.size(); ++i) t[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= y.size(); ++j) t[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= x.size(); ++i)
    for (std::size_t j = 1; j <= y.size(); ++j) {
      int v = std::min({t[i - 1][j] + 1, t[i][j - 1] + 1, t[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      if (i >= 2 && j >= 2 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) v = std::min(v, t[i - 2][j - 2] + 1);
      t[i][j] = v;
    }
  return t[x.size()][y.size()];
}

std::string fold_word(Tokenizer& tok, std::string_view word) {
  std::string out;
  tok.tokenize(word, Tokenizer::Mode::prefix, [&](std::string_view t, std::size_t, std::size_t, bool) {
    out = t;
    return false;
  });
  return out;
}

TailCheck stem_tail(Tokenizer& tok) {
  return [&tok](std::string_view term, std::string_view tail) {
    std::string w(term);
    w += tail;
    return tok.term(w) == term;
  };
}

void expand_fuzzy(const Vocabulary& vocab, Tokenizer& tok, ParsedQuery& q) {
  if (q.expanded) return;
  const TailCheck tails = stem_tail(tok);
  for (std::size_t i = 0; i < q.fuzzy.size(); ++i) {
    FuzzyWord& f = q.fuzzy[i];
    f.term = tok.term(f.word);
    const std::string folded = fold_word(tok, f.word);
    FuzzyMatches m = match_terms(vocab, folded.empty() ? f.term : folded, f.distance, kMaxFuzzyTerms, &tails);
    f.terms.clear();
    for (TermMatch& t : m.terms) f.terms.push_back(std::move(t.term));
    f.more = m.more;
    const std::string list = term_list_phrase(f.terms.empty() ? std::vector<std::string>{f.term} : f.terms);
    const std::string slot = fuzzy_slot(i);
    if (std::size_t at = q.fts.find(slot); at != std::string::npos) q.fts.replace(at, slot.size(), list);
  }
  q.expanded = true;
}

Status expand_fuzzy(Database& db, ParsedQuery& q) {
  if (q.expanded) return {};
  OMB_TRY_ASSIGN(vocab, Vocabulary::load(db));
  Tokenizer tok(db.search_lexicon_ptr());
  expand_fuzzy(*vocab, tok, q);
  return {};
}

}  // namespace omb
