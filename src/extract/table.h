// extract/table.h — reading a block of the normalised text as a table, for
// the department and outcome tables of extract/units.h. Internal to extract/.
#pragma once

#include <cstddef>
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
};

// Reads text[a, b) as a table: markdown rows (| a | b |, separator rows
// left out, ** around a cell dropped) or plain rows (the words up to the
// first number are the label, the rest are cells). Returns header + rows.
std::vector<Row> parse_table(std::string_view text, std::size_t a, std::size_t b);

// The tables among `spans` (sorted by start): consecutive table rows (the
// normaliser makes each row a block, one byte apart at most) merged into
// one span; every other block is a span of its own (one block of several
// lines may be a table too).
std::vector<FoldedBlock> table_spans(const std::vector<FoldedBlock>& spans);

}  // namespace omb::interp
