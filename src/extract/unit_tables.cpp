#include "extract/unit_tables.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "extract/table.h"
#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

namespace {

bool listed(const std::vector<std::string>& list, std::string_view w) { return std::find(list.begin(), list.end(), w) != list.end(); }

// A unit's detail with a row's counts ({"unit":…,"level":…} and
// {"counts":{…}} as one object); the detail alone without counts.
std::string with_counts(std::string detail, const std::string& counts) {
  if (!counts.empty()) detail = detail.substr(0, detail.size() - 1) + "," + counts.substr(1);
  return detail;
}

// The second level's name in a row's text column ("Heffen en Innen ⟨gap⟩
// Heffingen ⟨gap⟩ 22" in a table per cluster en team): a tag of `sub`,
// with the row's counts, which are its own.
void second_column_tag(Context& ctx, const UnitNames& un, const Row& row, const std::string& sub, const std::string& counts) {
  if (row.second.empty() || !un.valid_name(row.second)) return;
  auto [value, u] = un.canonical(row.second, sub, "");
  if (value != row.second && !un.known(value)) value = row.second;
  const std::string detail = with_counts(un.unit_detail(u), counts);
  std::erase_if(ctx.tags, [&](const Tag& t) { return t.type == "afdeling" && t.start == row.second_start && t.end == row.second_end; });
  ctx.add("afdeling", value, row.second_start, row.second_end, "afdeling.table", detail);
}

// A row's label that is a name with its article, as schools and homes are
// named ("De Schelpenkamp", "Het Reigershof"): the article in capitals, a
// valid name after it. Running text has no such names (a sentence opens
// with "De"); a table's first cell does.
bool article_name(const UnitNames& un, std::string_view label) {
  for (std::string_view art : {"De ", "Het "})
    if (label.starts_with(art) && un.valid_name(label.substr(art.size()))) return true;
  return false;
}

// The tag of a row's label, or of one part of it, at [start, end): a
// label that opens with a unit word of its own has that word's level
// ("Basisteam Rietmond" under "District Hoogwater" in a table per district en
// dienst), and its name is then the rest, as a unit word in running text
// gives it ("Rietmond"; "dienst Regionale Recherche" for a word that stays);
// else it is of `level`. The label or, after its own unit word, the name
// must be valid: "afdeling Wegen en Vaarwegen", an indented row in lower
// case, is a row as "Afdeling Burgerzaken" is. The tag, with `counts`,
// replaces a known name's at its span. Returns whether it made one.
bool label_tag(Context& ctx, const UnitNames& un, std::string_view label, std::size_t start, std::size_t end,
               const std::string& level, const std::string& counts) {
  const std::size_t space = label.find(' ');
  const std::string own = space == std::string_view::npos ? "" : un.unit_of(fold_key(label.substr(0, space)));
  if (!un.valid_name(label) && (own.empty() || !un.valid_name(label.substr(space + 1))) && !article_name(un, label)) return false;
  auto [value, u] = own.empty() ? un.canonical(label, level, "")
                                : un.canonical(label.substr(space + 1), own, label.substr(0, space));
  // A row names the unit as the table writes it: "Werk" in a table per
  // cluster, unless "cluster Werk" is a known entry.
  if (own.empty() && value != label && !un.known(value)) value = std::string(label);
  // A word that stays in the name stays as the table writes it ("Cluster Ruimte").
  if (!own.empty() && !un.known(value) && fold_key(value) == fold_key(label)) value = std::string(label);
  std::erase_if(ctx.tags, [&](const Tag& t) {
    return t.type == "afdeling" && (own.empty() ? t.start == start && t.end == end : t.start >= start && t.end <= end);
  });
  ctx.add("afdeling", value, start, end, "afdeling.table", with_counts(un.unit_detail(u), counts));
  return true;
}

// Where a label names a unit and, after a comma, the unit under it
// ("Dienst Financiën, afd. Belastingen"): the comma's offset, else npos.
std::size_t unit_after_comma(const UnitNames& un, std::string_view label) {
  const std::size_t comma = label.find(", ");
  if (comma == std::string_view::npos || comma == 0) return std::string_view::npos;
  std::string_view rest = label.substr(comma + 2);
  const std::size_t space = rest.find(' ');
  if (space == std::string_view::npos || un.unit_of(fold_key(rest.substr(0, space))).empty()) return std::string_view::npos;
  return comma;
}

// The rows of one table: a unit table's as afdeling tags of `unit` (the
// unit its header or caption names, "" for none; with the row's counts), an
// outcome table's into ctx.outcome_rows.
// In a table of two levels (`sub`, the caption's "per cluster en
// afdeling"), the rows that open with the first level's word are that
// level, and the rows between them the second; where no row opens so, the
// layout tells: a row indented deeper than the table's least is the second
// level, and so is a name in a row's text column (second_column_tag). With
// `other_second` (the caption's second word is no unit: "per cluster en
// onderwerp") the indented rows are no units.
void table_rows(Context& ctx, const UnitNames& un, const std::vector<Row>& rows, bool dept, const std::string& unit,
                const std::string& sub, bool other_second) {
  auto opens_with_unit = [&](const Row& row) {
    std::string_view l = row.label;
    return !unit.empty() && un.unit_of(l.substr(0, l.find(' '))) == unit;
  };
  const bool two_levels = !sub.empty() && std::any_of(rows.begin() + 1, rows.end(), opens_with_unit);
  const bool by_layout = !sub.empty() && !two_levels;
  std::size_t least = static_cast<std::size_t>(-1);
  for (std::size_t i = 1; i < rows.size(); ++i) least = std::min(least, rows[i].indent);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const Row& row = rows[i];
    if (row.label.empty()) continue;
    // Under a unit's row, what the caption's second word names ("per
    // cluster en onderwerp"): no unit.
    if (other_second && row.indent > least + 1) continue;
    // The header's cells from the row's first number on: past the header
    // cells of the text columns the row left out and the header did not
    // ("locatie" over "Hoogerbeek", when the header kept it as a cell).
    const std::vector<std::string>& head = rows[0].cells;
    const std::size_t skip = row.text_columns - std::min(row.text_columns, rows[0].text_columns);
    std::string counts = json_counts(
        skip < head.size() ? std::vector<std::string>(head.begin() + static_cast<std::ptrdiff_t>(skip), head.end())
                           : std::vector<std::string>{},
        row.cells);
    if (dept) {
      const bool second_level = two_levels ? !opens_with_unit(row) : by_layout && row.indent > least + 1;
      const std::string& level = second_level ? sub : unit;
      const bool second_column = by_layout && !row.second.empty() && un.valid_name(row.second);
      // "Dienst Stadsontwikkeling, afd. Woningverdeling": the dienst, and the
      // afdeling under it with the row's counts.
      // (Only where the label is the text at its span, not closed with the next line's words.)
      const std::size_t comma = unit_after_comma(un, row.label);
      if (comma != std::string_view::npos && row.label.size() == row.label_end - row.label_start) {
        label_tag(ctx, un, std::string_view(row.label).substr(0, comma), row.label_start, row.label_start + comma, level, "");
        label_tag(ctx, un, std::string_view(row.label).substr(comma + 2), row.label_start + comma + 2, row.label_end, level,
                  counts);
        continue;
      }
      if (!label_tag(ctx, un, row.label, row.label_start, row.label_end, level, second_column ? std::string() : counts))
        continue;
      if (second_column) second_column_tag(ctx, un, row, sub, counts);
    } else {
      ctx.outcome_rows.push_back({row.label, row.label_start, row.label_end, std::move(counts)});
    }
  }
}

// The caption of the table that starts at `start`: the last line of the
// block just before it, if that is no table row.
std::string_view caption_before(const Context& ctx, std::size_t start) {
  auto it = std::lower_bound(ctx.spans.begin(), ctx.spans.end(), start,
                             [](const FoldedBlock& b, std::size_t p) { return b.start < p; });
  if (it == ctx.spans.begin()) return {};
  const FoldedBlock& prev = *(it - 1);
  if (prev.kind == PassageKind::table_row || prev.end > start) return {};
  std::string_view block = ctx.text.substr(prev.start, prev.end - prev.start);
  while (!block.empty() && (block.back() == '\n' || block.back() == ' ')) block.remove_suffix(1);
  std::size_t nl = block.rfind('\n');
  return nl == std::string_view::npos ? block : block.substr(nl + 1);
}

// Whether `s` ends as a sentence does (. ! ? or :).
bool ends_sentence_mark(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return !s.empty() && std::string_view(".!?:").find(s.back()) != std::string_view::npos;
}

// The words of a header line, split at spaces.
std::vector<std::string_view> space_words(std::string_view line) {
  std::vector<std::string_view> words;
  for (std::size_t a = 0; a < line.size();) {
    std::size_t e = line.find(' ', a);
    if (e == std::string_view::npos) e = line.size();
    if (e > a) words.push_back(line.substr(a, e - a));
    a = e + 1;
  }
  return words;
}

// A row of column names alone ("Q1 Q2 totaal", "aantal gegrond"): 2 to 8
// words without punctuation, as a header row without a label.
std::optional<Row> column_header(std::string_view line) {
  const std::vector<std::string_view> words = space_words(line);
  if (words.size() < 2 || words.size() > 8) return std::nullopt;
  Row header;
  for (std::string_view w : words) {
    if (w.find_first_of(".,:;()") != std::string_view::npos) return std::nullopt;
    header.cells.emplace_back(w);
  }
  return header;
}

// A header row set apart from its table by a blank line ("Directie aantal
// gegrond ongegrond overig"): a unit word, then at most 7 words in lower
// case or digits, no punctuation. Its first word is the label.
std::optional<Row> detached_header(std::string_view caption, const UnitNames& un) {
  const std::vector<std::string_view> words = space_words(caption);
  if (words.size() < 2 || words.size() > 8 || un.unit_of(words[0]).empty()) return std::nullopt;
  Row header;
  header.label = std::string(words[0]);
  for (std::size_t i = 1; i < words.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(words[i][0]);
    if (!std::islower(c) && !std::isdigit(c)) return std::nullopt;
    if (words[i].find_first_of(".,:;()") != std::string_view::npos) return std::nullopt;
    header.cells.emplace_back(words[i]);
  }
  return header;
}

// A header row set apart by a blank line whose column gaps split it into a
// unit word and as many cells as the rows have ("Cluster ⟨gap⟩ Ontvangen
// ⟨gap⟩ waarvan onderzoek" over "Ruimte  15  2"): the cells may be
// capitalised, as the gaps, not the case, tell them.
std::optional<Row> gapped_header(const Context& ctx, std::string_view caption, const UnitNames& un, std::size_t columns) {
  if (caption.empty() || columns == 0) return std::nullopt;
  const std::size_t a = static_cast<std::size_t>(caption.data() - ctx.text.data()), e = a + caption.size();
  std::vector<std::string_view> cells;
  std::size_t from = a;
  for (auto g = std::upper_bound(ctx.gaps.begin(), ctx.gaps.end(), a); g != ctx.gaps.end() && *g < e; ++g) {
    cells.push_back(ctx.text.substr(from, *g - from));
    from = *g + 1;
  }
  cells.push_back(ctx.text.substr(from, e - from));
  if (cells.size() != columns + 1 || un.unit_of(fold_key(cells[0])).empty()) return std::nullopt;
  Row header;
  header.label = std::string(cells[0]);
  for (std::size_t i = 1; i < cells.size(); ++i) {
    if (cells[i].empty() || cells[i].find_first_of("0123456789.,:;()") != std::string_view::npos) return std::nullopt;
    header.cells.emplace_back(cells[i]);
  }
  return header;
}

// Tables of units and of outcomes: a table has a header row whose label is
// one of the oordeel file's table.headers (outcomes), or names units: one of
// the afdeling file's table.headers, a unit word, "per <unit word>"; or its
// caption says "per <unit word>", or is its detached header. The unit named
// gives the rows' level.
// The label a table's numbered caption leaves as a row: "Tabel", "Figuur".
bool numbered_caption(std::string_view label) {
  const std::string k = fold_key(label);
  return k == "tabel" || k == "figuur" || k == "grafiek" || k == "overzicht";
}

}  // namespace

void unit_tables(Context& ctx, const UnitNames& un) {
  std::vector<std::string> af_headers = ctx.file("afdeling").strings("table.headers");
  std::vector<std::string> oo_headers = ctx.file("oordeel").strings("table.headers");
  // A row with a count in it is data, whatever its label names ("District
  // Hoogwater  61  52  9"); a header's cells are words or years.
  auto counts = [](const Row& r) {
    return std::any_of(r.cells.begin(), r.cells.end(), [](const std::string& c) {
      const bool digits = !c.empty() && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      return digits && !(c.size() == 4 && (c.starts_with("19") || c.starts_with("20")));
    });
  };
  auto is_header = [&](const Row& r) {
    if (counts(r)) return false;
    std::string k = fold_key(r.label);
    return listed(af_headers, k) || listed(oo_headers, k) || !un.unit_named_in(r.label).empty();
  };
  for (const FoldedBlock& b : table_spans(ctx.text, ctx.spans, ctx.gaps)) {
    std::size_t nl = ctx.text.find('\n', b.start);
    if (nl == std::string_view::npos || nl >= b.end) continue;  // a table has a header and rows
    std::string_view caption = caption_before(ctx, b.start);
    std::string caption_unit = un.unit_named_in(caption);
    // A column header set apart ("Q1 Q2 totaal") between the caption and
    // the rows: the caption is the line above it, and the column header is
    // the table's header row.
    std::optional<Row> columns;
    std::string_view naming = caption;  // the caption that names the unit
    if (caption_unit.empty() && !caption.empty() && caption.size() <= 100 && !ends_sentence_mark(caption)) {
      naming = caption_before(ctx, static_cast<std::size_t>(caption.data() - ctx.text.data()));
      caption_unit = un.unit_named_in(naming);
      if (!caption_unit.empty()) columns = column_header(caption);
    }
    // A numbered caption with numbers in it ("Tabel 1  Klachten per
    // afdeling  2020  2021") reads as the table's first row: its line is
    // the caption.
    std::vector<Row> parsed = parse_table(ctx.text, b.start, b.end, ctx.gaps, ctx.indents);
    if (!parsed.empty() && numbered_caption(parsed[0].label)) {
      const std::size_t at = parsed[0].label_start;
      caption = naming = ctx.text.substr(at, ctx.line_end(at) - at);
      caption_unit = un.unit_named_in(caption);
      parsed.erase(parsed.begin());
      // Its rows follow at once: a header row of the unit it names.
      if (!caption_unit.empty() && !parsed.empty() && !is_header(parsed[0])) {
        Row h;
        h.label = caption_unit;
        parsed.insert(parsed.begin(), std::move(h));
      }
    }
    // The next table's numbered caption read as this one's last row
    // ("Tabel 4  Stralendijk: verzoeken per cluster, 2023") is no unit.
    if (parsed.size() > 1 && numbered_caption(parsed.back().label)) parsed.pop_back();
    bool first = true;
    for (std::vector<Row> rows : split_tables(std::move(parsed), is_header)) {
      if (first && !is_header(rows[0]) && !rows[0].cells.empty()) {
        if (std::optional<Row> h = detached_header(caption, un)) rows.insert(rows.begin(), std::move(*h));
        else if (std::optional<Row> g = gapped_header(ctx, caption, un, rows[0].cells.size())) rows.insert(rows.begin(), std::move(*g));
        else if (columns) rows.insert(rows.begin(), *columns);
        else if (!caption_unit.empty() && counts(rows[0])) {  // the caption heads the rows
          Row h;
          h.label = caption_unit;
          rows.insert(rows.begin(), std::move(h));
        }
      }
      std::string head = fold_key(rows[0].label);
      std::string unit = un.unit_named_in(rows[0].label);
      if (unit.empty() && first) unit = caption_unit;
      first = false;
      if (rows.size() < 2) continue;
      bool outcome = listed(oo_headers, head);
      bool dept = !outcome && (listed(af_headers, head) || !unit.empty());
      if (!dept && !outcome) continue;
      const std::optional<std::string> sub = unit == caption_unit ? un.sub_unit_named_in(naming) : std::nullopt;
      table_rows(ctx, un, rows, dept, unit, sub.value_or(""), sub && sub->empty());
    }
  }
}


}  // namespace omb::interp
