// extract/text_util.h — small text and tag utilities shared by the
// interpreters of extract/ (context.h): trimming, spans of lines, a set of
// covered byte ranges, month names and years, heading numbering, organisation
// names, table counts as JSON, whole-word mentions of many names, a stable
// sort of tags.
// Internal to extract/.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/document.h"

namespace omb::interp {

// `s` without leading and trailing spaces, newlines and tabs.
std::string_view trim(std::string_view s);

// Whether `s` starts with an upper-case (or title-case) letter.
bool is_upper_start(std::string_view s);

// A table cell that is a number: digits with . , % - * only.
bool is_number_token(std::string_view t);

// A Dutch month's name in lower case ("januari" … "december").
bool is_month_name(std::string_view w);

// Four digits that begin with 19 or 20: a year ("2023").
bool is_year(std::string_view w);

// Whether a word of `text`, folded (text/fold.h) and cut at every byte that
// is no letter, is one of `words` (folded): "Klachtencommissie Provincie X"
// holds "klachtencommissie".
bool has_listed_word(std::string_view text, const std::vector<std::string>& words);

// A set of byte ranges that answers "does [s, e) overlap any of them?" in
// O(log n); ranges may be added in any order.
class Coverage {
 public:
  void add(std::size_t s, std::size_t e);
  bool overlaps(std::size_t s, std::size_t e) const;

 private:
  std::map<std::size_t, std::size_t> ranges_;  // start -> end, disjoint
};

// A line of the text and where it starts.
struct Line {
  std::size_t start, end;
};

// The non-empty lines of text[a, b).
std::vector<Line> lines_of(std::string_view text, std::size_t a, std::size_t b);

// A heading without "#", its number ("2.1 ") and a trailing ":" or ".".
std::string strip_numbering(std::string_view s);

// An organisation's name as a value: no leading article, an all-caps name
// in title case, an upper-case first letter.
std::string tidy_org(std::string v);

// {"counts":{header: number, ...}} of a table row's cells, "" without numbers.
std::string json_counts(const std::vector<std::string>& header, const std::vector<std::string>& cells);

// Sorts tags stably by start (and, with `by_end_type`, then by end, longest
// first, then by type), as std::stable_sort on the tags would: small keys are
// sorted and each tag moved once, not the tags with their strings at every
// step (a dense text has millions).
void stable_sort_tags(std::vector<Tag>& tags, bool by_end_type);

// Where each of `names` stands in `text` as a whole word (no `word` byte
// just before or after it), overlapping mentions included: positions per
// name, ascending. A few names are found with find(); many (a table dump of
// departments) in one pass over the text that looks up, at each word start
// whose byte begins a name, the spans up to the longest name ending before a
// non-word byte, so the time does not grow with names × text (#15).
template <class Word>
std::vector<std::vector<std::size_t>> mentions(std::string_view text, const std::vector<std::pair<std::string, std::string>>& names,
                                               Word word) {
  std::vector<std::vector<std::size_t>> at(names.size());
  auto whole = [&](std::size_t p, std::size_t e) { return !(p > 0 && word(text[p - 1])) && !(e < text.size() && word(text[e])); };
  if (names.size() <= 8) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::string& name = names[k].first;
      for (std::size_t p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1))
        if (whole(p, p + name.size())) at[k].push_back(p);
    }
    return at;
  }
  std::unordered_map<std::string_view, std::size_t> index;
  bool first[256] = {}, last[256] = {};
  std::size_t longest = 0;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string& name = names[k].first;
    if (name.empty()) continue;
    index.emplace(name, k);
    first[static_cast<unsigned char>(name.front())] = true;
    last[static_cast<unsigned char>(name.back())] = true;
    longest = std::max(longest, name.size());
  }
  for (std::size_t p = 0; p < text.size(); ++p) {
    if (!first[static_cast<unsigned char>(text[p])] || (p > 0 && word(text[p - 1]))) continue;
    std::size_t stop = std::min(text.size(), p + longest);
    for (std::size_t e = p + 1; e <= stop; ++e) {
      if (!last[static_cast<unsigned char>(text[e - 1])] || (e < text.size() && word(text[e]))) continue;
      auto it = index.find(text.substr(p, e - p));
      if (it != index.end()) at[it->second].push_back(p);
    }
  }
  return at;
}

}  // namespace omb::interp
