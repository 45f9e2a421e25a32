// normalize/blocks.h — internal pass of the normaliser: which lines make one
// block, and how a word hyphenated across a line end is written.
//
// group_blocks() runs after classify_lines. Blank and debris lines belong to
// no block. Every other line starts a block of its own kind, except a text
// line that continues the text or list item block before it, which it does
// when the last line of that block does not end a sentence and the line
// starts in lower case, or the last line ends in "-", or (block at least 60
// bytes, last line not ending in ",") the line starts with a digit once
// repaired; or else when no blank line and no page break or debris lies
// between them, the last line is not a short one (under 50 bytes, or ended
// where the next line's first word would have fitted with a sixth of the
// text's wrap width to spare; next not lower case, not ending in ",") and
// no stray space after a full stop marks
// a new page, and the block is text or the line starts in lower case.
// A hard wrap that became a blank line (a text or heading block whose last
// line ends in no sentence end or comma; a page break between is no
// matter, the next pass reads it as a blank line; neither is a numbered or
// case heading) goes on
// with a text or heading line that starts in lower case, after a last word
// that is a glue word (glue-words.txt: "de", "van", "over"), or that is a
// year alone after a title (block ≤ 100 bytes). A line cut from the one
// before it (hard_start, split.h) always starts a block, and so does a
// field (a label of one or two words and a colon: "Afdeling: Vastgoed")
// after a field, or a letter's field (letter-fields.txt) after anything.
// A letter's field alone on its line, as pdftotext's default mode sets it
// apart ("Datum" ⏎⏎ "14 november 2023"), goes on with its value: the next
// line, across blank lines, short (≤ 40 bytes), no sentence, no field or
// salutation, with a digit, a code's mark, initials or an address, or in
// lower case, or of three words at most; the block becomes text.
// A table's header row as PDF-to-text sets it out (cells apart by column
// gaps, none over three words, at most 10 words, no count, colon or
// sentence end, not in lower case) neither continues the text before it
// (a caption) nor is continued by a line that is no such row (its first
// row), unless a word is broken at a hyphen there.
// A table row's label broken at a hyphen ("Werkplein Hoogerzande-", which
// classify.h made a row) goes on in the row of the next line. Blocks keep
// the source order of their lines. Cost: linear in the lines.
//
// join_hyphenated() decides how "left-" at a line end and "right" at the
// start of the next line are written: "left- right" before en/of/tot
// ("terug- en invordering"), else the hyphenated form where only it is a
// word (re-integratie), else the joined form where it is a word, else
// hyphenated before a capital or digit, else the joined form (or its word
// repair). The rule is "dehyphenate" for the joined form, "hyphen-kept"
// otherwise. The emitter finds the halves (emit.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/knowledge.h"
#include "normalize/lines.h"
#include "normalize/word_repair.h"

namespace omb::pass {

// `len`: the block's content bytes plus one per line, kept as lines are
// added (summing them for every candidate line was quadratic, #15).
struct BlockLines {
  LineKind kind;
  std::vector<std::size_t> lines;  // indexes into the lines
  std::size_t len = 0;
};

std::vector<BlockLines> group_blocks(std::string_view src, const Knowledge& k, const std::vector<Line>& lines);

struct HyphenJoin {
  std::string text;       // what stands for "left-", the line end and "right"
  std::string_view rule;  // "dehyphenate" or "hyphen-kept"
};

// `left` is the cleaned (and repaired) left half, `right` the right half as written.
HyphenJoin join_hyphenated(const WordRepair& words, const std::string& left, const std::string& right);

}  // namespace omb::pass
