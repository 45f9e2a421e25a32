#include "normalize/tsv.h"

namespace omb {

std::vector<TsvRow> tsv_rows(std::string_view all) {
  std::vector<TsvRow> rows;
  std::size_t pos = 0;
  int line = 0;
  while (pos < all.size()) {
    std::size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    std::string_view l = all.substr(pos, nl - pos);
    pos = nl + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l[0] == '#') continue;
    TsvRow row;
    row.line = line;
    std::size_t c = 0;
    for (;;) {
      std::size_t tab = l.find('\t', c);
      row.cols.push_back(l.substr(c, tab == std::string_view::npos ? std::string_view::npos : tab - c));
      if (tab == std::string_view::npos) break;
      c = tab + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace omb
