#include "extract/table.h"

#include <algorithm>

#include "extract/text_util.h"

namespace omb::interp {

namespace {

// A markdown row "| a | b |" of `line` (starting at `line_start`); false for
// a separator row (| --- | :-: |).
bool markdown_row(std::string_view line, std::size_t line_start, Row& row) {
  std::string_view rest = trim(line);
  std::size_t at = line_start + static_cast<std::size_t>(rest.data() - line.data());
  bool first = true, separator = true;
  std::size_t i = 1;
  while (i < rest.size()) {
    std::size_t bar = rest.find('|', i);
    if (bar == std::string_view::npos) bar = rest.size();
    std::string_view cell = rest.substr(i, bar - i);
    std::string_view t = trim(cell);
    while (t.size() >= 2 && t.substr(0, 2) == "**") t.remove_prefix(2);
    while (t.size() >= 2 && t.substr(t.size() - 2) == "**") t.remove_suffix(2);
    for (char c : t) separator &= (c == '-' || c == ':' || c == ' ');
    if (first) {
      row.label = std::string(t);
      row.label_start = at + static_cast<std::size_t>(t.data() - rest.data());
      row.label_end = row.label_start + t.size();
      first = false;
    } else if (!t.empty()) {
      row.cells.emplace_back(t);
    }
    i = bar + 1;
  }
  return !separator;
}

// A plain row: words up to the first number, or up to a column gap (one
// of `gaps`, offsets in the text), are the label. The words of text columns
// after a gap and before the first number ("Hoogerbeek") are no cells, but
// counted (row.text_columns), so that the numbers meet their header cells;
// in a row without numbers (a header) they are cells.
void plain_row(std::string_view line, std::size_t line_start, Row& row, std::span<const std::size_t> gaps = {}) {
  std::size_t i = 0, label_end = 0, columns = 0;
  bool in_label = true, text_column = false;
  std::vector<std::string> pending;  // the text columns' words
  auto at_gap = [&](std::size_t p) { return p > 0 && std::binary_search(gaps.begin(), gaps.end(), line_start + p - 1); };
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t j = line.find(' ', i);
    if (j == std::string_view::npos) j = line.size();
    std::string_view tok = line.substr(i, j - i);
    if (tok.empty()) break;
    // The leader dots between a label and its count, apart or glued to the
    // label's last word ("Dienst Stadswerken ..... 17", "Dienst Wonen.....
    // 14"): part of neither.
    if (const std::size_t d = tok.find_last_not_of('.') + 1; tok.size() - d >= 3) {
      if (d == 0) {
        i = j;
        continue;
      }
      tok = tok.substr(0, d);
      j = i + d;
    }
    if (in_label && label_end > 0 && at_gap(i)) {
      in_label = false;
      text_column = true;
    }
    if (text_column && is_number_token(tok)) {
      text_column = false;
      row.text_columns = columns;
      pending.clear();
    }
    if (in_label && !is_number_token(tok)) {
      label_end = j;
    } else if (text_column) {
      columns += pending.empty() || at_gap(i);
      if (columns == 1) {  // the first text column: its words and span
        if (row.second.empty()) row.second_start = line_start + i;
        else row.second += ' ';
        row.second += tok;
        row.second_end = line_start + j;
      }
      pending.emplace_back(tok);
    } else {
      in_label = false;
      row.cells.emplace_back(tok);
    }
    i = j;
  }
  row.cells.insert(row.cells.end(), pending.begin(), pending.end());
  if (!pending.empty()) row.second.clear();  // no numbers followed: a header's cells, no text column
  std::string_view lab = trim(line.substr(0, label_end));
  row.label = std::string(lab);
  row.label_start = line_start + static_cast<std::size_t>(lab.data() - line.data());
  row.label_end = row.label_start + lab.size();
}

// A label the next line goes on with: it ends in a word that joins two
// parts of a name ("Vergunningen, Toezicht en" | "Handhaving (VTH)"), in a
// word broken at a hyphen ("Dienst Regionale Informatie-" | "organisatie"),
// or in an adjective that waits for its noun ("Dienst Regionale
// Operationele" | "Samenwerking").
bool open_label(std::string_view label) {
  for (std::string_view w : {" en", " van", " voor", " of", " &", ","})
    if (label.size() > w.size() && label.substr(label.size() - w.size()) == w) return true;
  if (label.size() > 3 && label.back() == '-' && std::isalpha(static_cast<unsigned char>(label[label.size() - 2])))
    return true;
  const std::size_t sp = label.rfind(' ');
  if (sp == std::string_view::npos) return false;  // one word: a name of its own ("Regionale")
  const std::string_view last = label.substr(sp + 1);
  if (last.size() < 7 || !std::isupper(static_cast<unsigned char>(last[0]))) return false;
  for (std::string_view end : {"ale", "ele", "ische", "lijke", "ieve"})
    if (last.ends_with(end)) return true;
  return false;
}

// Appends a label's end to the label left open: after a hyphen and a
// word in lower case, the word goes on ("Informatie-" + "organisatie").
void close_label(std::string& label, std::string_view end) {
  if (label.back() == '-' && !end.empty() && std::islower(static_cast<unsigned char>(end[0]))) {
    label.pop_back();
  } else {
    label += ' ';
  }
  label += end;
}

// `part` without an abbreviation in brackets after it: "Handhaving (VTH)".
std::string_view without_bracketed_tail(std::string_view part) {
  if (part.empty() || part.back() != ')') return part;
  std::size_t open = part.rfind(" (");
  return open == std::string_view::npos || open == 0 ? part : part.substr(0, open);
}

}  // namespace

std::vector<Row> parse_table(std::string_view text, std::size_t a, std::size_t b, std::span<const std::size_t> gaps,
                             std::span<const std::pair<std::size_t, std::size_t>> indents) {
  std::vector<Row> rows;
  for (const Line& ln : lines_of(text, a, b)) {
    std::string_view line = text.substr(ln.start, ln.end - ln.start);
    Row row;
    auto in = std::lower_bound(indents.begin(), indents.end(), std::pair<std::size_t, std::size_t>{ln.start, 0});
    if (in != indents.end() && in->first == ln.start) row.indent = in->second;
    if (!trim(line).empty() && trim(line).front() == '|') {
      if (!markdown_row(line, ln.start, row)) continue;
    } else {
      plain_row(line, ln.start, row, gaps);
      // A row without cells after a label left open is that label's end.
      // Its span stays the first line's part (the cells stand between).
      if (row.cells.empty() && !rows.empty() && open_label(rows.back().label) && !row.label.empty()) {
        close_label(rows.back().label, without_bracketed_tail(row.label));
        continue;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<FoldedBlock> table_spans(std::string_view text, const std::vector<FoldedBlock>& spans,
                                     std::span<const std::size_t> gaps) {
  std::vector<FoldedBlock> tables;
  bool continued = false;  // the last span ends with a label's end line
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const FoldedBlock& b = spans[i];
    bool row = b.kind == PassageKind::table_row;
    bool after_row = !tables.empty() && tables.back().kind == PassageKind::table_row;
    if (row && after_row && b.start <= tables.back().end + (continued ? 2 : 1)) {
      tables.back().end = b.end;
      continued = false;
      continue;
    }
    continued = false;
    // The end of a row's label on a line of its own, which the normaliser
    // could not tell from a paragraph ("Vergunningen, Toezicht en 27 19 8" |
    // "Handhaving (VTH)"), between two rows: part of the table.
    // (The row after it may stand alone, a total the normaliser read as
    // text: "Totaal 176 151 25".)
    auto row_like = [&](const FoldedBlock& n) {
      if (n.kind == PassageKind::table_row) return true;
      std::string_view t = trim(text.substr(n.start, n.end - n.start));
      Row r;
      if (t.size() > 80 || t.find('\n') != std::string_view::npos) return false;
      plain_row(t, 0, r);
      return !r.cells.empty() && !r.label.empty();
    };
    if (!row && after_row && i + 1 < spans.size() && row_like(spans[i + 1])) {
      std::string_view last = text.substr(tables.back().start, tables.back().end - tables.back().start);
      if (std::size_t nl = last.rfind('\n'); nl != std::string_view::npos) last.remove_prefix(nl + 1);
      Row r;
      plain_row(last, static_cast<std::size_t>(last.data() - text.data()), r, gaps);
      std::string_view line = trim(text.substr(b.start, b.end - b.start));
      if (open_label(r.label) && line.size() <= 60 && line.find('\n') == std::string_view::npos) {
        tables.back().end = b.end;
        continued = true;
        continue;
      }
    }
    tables.push_back(b);
  }
  return tables;
}

}  // namespace omb::interp
