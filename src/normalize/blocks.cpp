#include "normalize/blocks.h"

#include <cctype>

#include "normalize/chars.h"
#include "normalize/word_repair.h"

namespace omb::pass {

std::vector<BlockLines> group_blocks(std::string_view src, const std::vector<Line>& lines) {
  std::vector<BlockLines> blocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.kind == LineKind::blank || l.kind == LineKind::debris) continue;
    std::string_view c = content(src, l);
    if (!blocks.empty()) {
      BlockLines& cur = blocks.back();
      const Line& last = lines[cur.lines.back()];
      std::string_view lc = content(src, last);
      bool adjacent = true;  // no blank line between
      bool crossed_page = false;
      for (std::size_t j = cur.lines.back() + 1; j < i; ++j) {
        if (lines[j].kind == LineKind::blank) adjacent = false;
        if (lines[j].kind == LineKind::debris) crossed_page = true;
      }
      if (lines[cur.lines.back()].page != l.page) crossed_page = true;
      std::size_t block_len = cur.len;  // the block so far: the same in raw text and in its normalised form
      bool continues = !ends_sentence(lc) && (starts_lower(c) || (!lc.empty() && lc.back() == '-') ||
                                              (block_len >= 60 && lc.back() != ',' && std::isdigit(U(as_repaired(c)[0]))));
      // A short line, or a new page's stray space after a full stop, ends a paragraph.
      bool line_break_meant = (lc.size() < 50 && !starts_lower(c) && lc.back() != ',') ||
                              (l.stray_space && ends_sentence(lc));
      if (l.kind == LineKind::text && (cur.kind == LineKind::text || cur.kind == LineKind::list_item) &&
          ((adjacent && !crossed_page && !line_break_meant && (cur.kind == LineKind::text || starts_lower(c))) || continues)) {
        cur.lines.push_back(i);
        cur.len += l.ce - l.cb + 1;
        continue;
      }
    }
    blocks.push_back({l.kind, {i}, l.ce - l.cb + 1});
  }
  return blocks;
}

HyphenJoin join_hyphenated(const WordRepair& words, const std::string& left, const std::string& right) {
  const Lexicon& lex = words.lex();
  std::string joined = left + right, hyph = left + "-" + right;
  std::string pick;
  if (right == "en" || right == "of" || right == "tot") pick = left + "- " + right;  // "terug- en invordering"
  else if (lex.known(hyph) && !lex.known(joined)) pick = hyph;
  else if (lex.known(joined)) pick = joined;
  else if (starts_upper_or_digit(right)) pick = hyph;
  else {
    // Unknown either way: rejoin, then let the word repair try.
    pick = joined;
    if (auto rep = words.repair(joined)) pick = rep->first;
  }
  std::string_view rule = pick == joined ? "dehyphenate" : "hyphen-kept";
  return {std::move(pick), rule};
}

}  // namespace omb::pass
