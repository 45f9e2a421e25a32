// extract/table.h — reading a block of the normalised text as a table, for
// the department and outcome tables of extract/units.h. Internal to extract/.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/rules.h"

namespace omb::interp {

// One row of a table: its label (first cell) with its span, and the other cells.
struct Row {
  std::string label;
  std::size_t label_start = 0, label_end = 0;
  std::vector<std::string> cells;
  // Text columns left out between the label and the first number (a
  // location beside the name): the header's cells for them come first.
  std::size_t text_columns = 0;
  // The first text column's words and span ("Heffingen" beside "Heffen en
  // Innen"), "" for none; and the row's indentation (Block::indent).
  std::string second;
  std::size_t second_start = 0, second_end = 0;
  std::size_t indent = 0;
};

// Reads text[a, b) as a table: markdown rows (| a | b |, separator rows
// left out, ** around a cell dropped) or plain rows (the words up to the
// first number are the label, the rest are cells; a column gap of the
// source, one of `gaps`, also ends the label: "afdeling Intensieve Zorg
// ⟨gap⟩ Hoogerbeek 5 4 2" has the label "afdeling Intensieve Zorg" and the
// cells 5 4 2, the text column's words left out). A plain line without
// cells after a label that ends in "en", "van", "voor", "of", "&" or ","
// ends that label (an abbreviation in brackets after it left out; the
// label's span stays on its first line). Returns header + rows.
std::vector<Row> parse_table(std::string_view text, std::size_t a, std::size_t b, std::span<const std::size_t> gaps = {},
                             std::span<const std::pair<std::size_t, std::size_t>> indents = {});

// The tables among `spans` (sorted by start) of `text`: consecutive table
// rows (the normaliser makes each row a block, one byte apart at most)
// merged into one span, with a short line between two rows that ends the
// label of the row before ("… Toezicht en 27 19 8" | "Handhaving (VTH)");
// every other block is a span of its own (one block of several lines may be
// a table too). parse_table() joins such a line to its row's label. `gaps`
// (Block::gaps) end the label of the row before such a line, as in
// parse_table().
std::vector<FoldedBlock> table_spans(std::string_view text, const std::vector<FoldedBlock>& spans,
                                     std::span<const std::size_t> gaps = {});

}  // namespace omb::interp
