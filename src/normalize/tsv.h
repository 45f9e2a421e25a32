// normalize/tsv.h — internal: reading the data files of dictionaries/normalize
// (repairs.tsv, debris.tsv, confusions.tsv, glue-words.txt, glued-pairs.tsv,
// sentence-starts.txt): lines of
// TAB-separated columns; a line starting with '#' and a blank line are
// comments; a trailing \r is dropped.
#pragma once

#include <string_view>
#include <vector>

namespace omb {

struct TsvRow {
  int line = 0;                        // 1-based line in the file
  std::vector<std::string_view> cols;  // views into the file's text
};

// The rows of `text`, comments left out.
std::vector<TsvRow> tsv_rows(std::string_view text);

}  // namespace omb
