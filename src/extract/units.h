// extract/units.h — the units (afdelingen, the dienst/rve/cluster above
// them, their teams) a report names (context.h): afdeling hits (entries, a
// name after a unit word, lists of names), unit tables (a header or caption
// that names units: "Afdeling", "Team", "Klachten per cluster"; and the rows
// of outcome tables, for extract/oordelen.h: unit_tables.h), and the other mentions of the
// names found so. Every tag is type afdeling with its detail
// {"unit":"<unit>","level":"<level>"}: the unit its word or table names (no
// "unit" where none does) and that unit's level (context.h's kLevels, from
// the afdeling file's [levels]; "afdeling" where no unit is named).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/context.h"
#include "extract/table.h"

namespace omb::interp {

// The afdeling file's settings about names: what a found name is worth and
// its canonical value. Cases (section headings) use it too.
class UnitNames {
 public:
  UnitNames(const RuleFile& afdeling, const Lookups& look);
  // The unit a word names ([units] <folded word>; an abbreviation's point
  // aside: "afd."), or "".
  std::string unit_of(std::string_view word) const;
  // Whether a unit word is a plural ("afdelingen", "teams", "faculteiten"):
  // the word less "en", "s" or "'s" is a unit word too.
  bool plural_unit_word(std::string_view word) const;
  // A department's name: upper-case start, at most 60 bytes and 6 words,
  // not one of discover.not_names, not starting with a discover.not_first word,
  // holding no discover.not_words word and no number ("Jaarverslag 2021 … 6").
  bool valid_name(std::string_view name) const;
  // Whether a heading holds a discover.case_section_words word: a section
  // about the cases under it ("Uit de praktijk"), not a unit.
  bool about_cases(std::string_view heading) const;
  // The canonical value of a found name and the unit it is: a known variant's
  // entry, with entry_unit()'s unit (`unit` is the word before it); for a units.prefix unit,
  // "<unit word> <name>" (canonical if known); else the name itself.
  std::pair<std::string, std::string> canonical(std::string_view name, const std::string& unit, std::string_view unit_word) const;
  // The unit of a known name (entry `value` with its `role`): the unit word
  // right before it says its level in this report ("team Burgerzaken",
  // "sector Publiekszaken"), unless the name holds its own ("Dienst Werk en
  // Inkomen", also as "team DWI"); without one, the entry's role does.
  std::string entry_unit(const std::string& value, const std::string& role, const std::string& unit_before) const;
  // Whether a list item (articles het/de dropped) is a known variant.
  bool known(std::string_view part) const;
  // The level of a unit ([levels]; a unit named as a level is that level),
  // "afdeling" for "" or a unit without one.
  std::string level_of(const std::string& unit) const;
  // The unit a table's header label or caption names: the label itself is a
  // unit word ("Team", "Programmaonderdeel"), or a unit word follows "per"
  // ("Klachten per cluster (uitvoering)"); else "".
  std::string unit_named_in(std::string_view label) const;
  // The second unit a caption names after "per": "Klachten per cluster en
  // afdeling" → "afdeling" (the rows below a cluster's row); a word of
  // [table] second_levels there ("per cluster en school") → "afdeling";
  // "" for another word ("per cluster en onderwerp": the rows below a
  // cluster's row are no units); nullopt for no "per <unit word> en".
  std::optional<std::string> sub_unit_named_in(std::string_view caption) const;
  // {"unit":"<unit>","level":"<level_of(unit)>"}, or {"level":"afdeling"}
  // for no unit.
  std::string unit_detail(const std::string& unit) const;

 private:
  const RuleFile& af_;
  const Lookups& look_;
  std::vector<std::string> prefix_units_, not_first_, not_names_, not_words_, case_section_words_, second_levels_;
};

// The items of a list of names ("A, B en C"): split at commas. A last item
// after ", en" is one name ("A, B, en Beleid Werk en Inkomen"); else the
// last item holds "X en Y", split at the first " en " where a side is
// `known`, else at the last " en ". Items trimmed, a leading "het "/"de "
// dropped; views into `list`.
std::vector<std::string_view> list_items(std::string_view list, const std::function<bool(std::string_view)>& known);

// Tables that follow each other in one block: a row (after the first) whose
// label `is_header` starts the next one.
std::vector<std::vector<Row>> split_tables(const std::vector<Row>& rows, const std::function<bool(const Row&)>& is_header);

// Afdeling hits, tables and named-in-report mentions as tags; the rows of
// outcome tables into ctx.outcome_rows. Reads the hits, the spans and the
// table rows' column gaps. A table row whose level its caption or header
// gave takes the unit word the report writes before the same name
// elsewhere, when those mentions agree ("het team Invordering").
void run_units(Context& ctx);

}  // namespace omb::interp
