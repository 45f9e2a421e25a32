// normalize/emit.h — internal pass of the normaliser: the normalised text
// and its offset map, written left to right over the source.
//
// An Emitter walks the source once, never backwards. edit() writes a text
// standing for a source span (or, when the text equals the span, copies it);
// process() writes a span of a line with its characters fixed (chars.h:
// ligatures, odd spaces, controls, zero-width characters, soft hyphens, NFC),
// context repairs applied (repairs.h) and words repaired (word_repair.h).
// Whitespace is held back until the next visible character: a run of spaces,
// tabs and odd spaces, with any invisible characters removed inside it,
// becomes one space, or none at the start of a line or (when `line_end`) at
// its end. Bytes written unchanged are copied in runs (one map entry each).
// In a noise block (chart debris, classify.h) process() fixes characters and
// spans but repairs no words: noise_line() judged the line as written, and
// the next pass must judge it the same.
// Every source byte up to pos() is accounted for in the map; finish()
// accounts for the rest.
//
// emit_blocks() writes the blocks of group_blocks: the source between two
// blocks becomes "\n" between rows of one list or table and "\n\n" otherwise
// (rule "page-debris" when it holds a page break, "layout" otherwise); a list
// item's bullet "• " (rule "bullet"); the line ends inside a block one space
// ("join-lines"; "page-debris" when a debris line lies between), or, for a word hyphenated across one, what
// join_hyphenated (blocks.h) picks; after the last block "\n" (nothing for an
// empty text). It records each Block (kind, span in the text, source line and
// page; its column gaps: where two spaces or more in a table row, or a tab,
// became one space, and in a line of another block (a table's header above
// its rows: no cell over three words) three spaces or more; a table row's
// indentation).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize/blocks.h"
#include "normalize/knowledge.h"
#include "normalize/lines.h"
#include "normalize/normalize.h"

namespace omb::pass {

inline constexpr int kSiteHead = 1, kSiteTail = 2;

class Emitter {
 public:
  Emitter(std::string_view src, const Knowledge& k, Normalized& out) : src_(src), k_(k), out_(out) {}

  // Writes `text` for src[b, e) (copies the span if it equals `text`).
  void edit(std::size_t b, std::size_t e, std::string_view text, std::string_view rule);
  // Writes src[b, e) fixed and repaired (see above). `site_edges`: kSiteHead
  // when src[b, e) begins a block, kSiteTail when it ends one: a site's words
  // glued before its first sentence or after its last go (site_lines.h).
  void process(std::size_t b, std::size_t e, bool line_end = true, int site_edges = 0);
  // A word, cleaned and repaired; the result replaces src[b, e). *rule gets
  // the rules applied ("" if none; several joined with "+").
  std::string clean_word(std::size_t b, std::size_t e, std::string* rule) const;
  // clean_word()'s first step: ligatures, soft hyphens, zero-width marks
  // and NFC, without the word's repair.
  std::string clean_chars(std::size_t b, std::size_t e, std::string* rule) const;
  // Whether the block being written is noise (see above).
  void set_noise(bool noise) { noise_ = noise; }
  // Whether the block being written is a table row: its column gaps are
  // kept (Block::gaps); take_gaps() hands them over and starts anew.
  void set_table(bool table) { table_ = table; }
  std::vector<std::size_t> take_gaps() { return std::exchange(gaps_, {}); }
  // Where a text block's first word begins (a sentence's start, whatever
  // the line before it: "Hetaantal" under a heading), or kNone; not set for
  // headings, list items and table rows.
  void set_paragraph_start(std::size_t at) { paragraph_start_ = at; }
  // Writes what waits to be copied; finish() also maps the source to its end.
  void flush();
  void finish();
  // The source position up to which the output is written.
  std::size_t pos() const { return pos_; }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

 private:
  void hold(std::size_t b, std::size_t e);
  bool at_line_start() const;
  void visible();
  void drop_held();
  void pending(std::size_t e);
  void flush_copy(std::size_t upto);
  bool number_glued(std::size_t line_b, std::size_t i, std::size_t stop);
  // Whether the text written up to source offset i ends in a space.
  bool space_written(std::size_t i);

  std::string_view src_;
  const Knowledge& k_;
  Normalized& out_;
  std::size_t pos_ = 0;
  // Source bytes [copy_from_, pending_end_) wait to be copied unchanged.
  std::size_t copy_from_ = kNone, pending_end_ = 0;
  // Held whitespace: source span [held_b_, held_e_), nothing emitted yet.
  bool held_space_ = false;
  std::size_t held_b_ = kNone, held_e_ = kNone;
  bool noise_ = false;
  bool table_ = false;
  std::vector<std::size_t> gaps_;
  std::size_t paragraph_start_ = kNone;
};

// Writes `blocks` into `out` (text, map, blocks). Moves lines[].cb past the
// right half of a word hyphenated across a line end.
void emit_blocks(std::string_view src, const Knowledge& k, std::vector<Line>& lines,
                 const std::vector<BlockLines>& blocks, Normalized& out);

}  // namespace omb::pass
