// search/filters.h — the search filters, each defined once.
//
// A filter narrows a search to the reports or cases whose fact (store/
// fields.h) compares with the value(s) given. kFilters is the one table of
// them; everything a filter is follows from its row:
//  - the SQL condition (store/hits.h, from its Field and Compare);
//  - the in-memory test over the catalog (search/catalog_filter.h);
//  - the CLI option --NAME with its help (cli/cmd_search.cpp, add_filter_options);
//  - the inline NAME:value syntax of the query language, with its aliases
//    (search/query.h);
//  - the web parameter ?NAME= (web/web.cpp);
//  - the result cache's key (filters_key());
//  - the facet, when the row has a facet label (search.h's facets, the web's
//    facet list).
// Values: a number filter holds one number in [min, max] (given twice, the
// last wins); a text filter any number of texts, and a hit matches any of
// them. Different filters must all match.
//
// Adding a filter: a member of QueryFilters and a row of kFilters (and its
// tests). Its Field must be one that store/fields.h names.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/fields.h"

namespace omb {

struct QueryFilters {
  std::optional<int> year, from, to, quarter;
  // Each list: any of its values (OR); different fields: all (AND).
  std::vector<std::string> afdeling, theme, oordeel, doctype, org, zaak;
  bool empty() const;       // no filter set
  bool case_level() const;  // a filter on a case fact is set
};

struct FilterDef {
  std::string_view name;                    // --name, name:, ?name=, the facet's key
  std::array<std::string_view, 2> aliases;  // further names in the query language ("" : none)
  std::string_view help;                    // the CLI option's help
  // The value: one number (`number` set, in [min, max]) or texts (`texts` set).
  std::optional<int> QueryFilters::*number = nullptr;
  std::vector<std::string> QueryFilters::*texts = nullptr;
  int min = 0, max = 0;
  std::string_view strip_prefix;  // a number may be written after this letter (Q2)
  bool lowered = false;           // texts are lower-cased (the fact is stored so)
  Field field;
  Compare compare;
  std::string_view facet;  // the facet's label on the web; empty: no facet
};

// In the order of the CLI's help, the web's facet list and the SQL's conditions.
inline constexpr FilterDef kFilters[] = {
    {"year", {"jaar", ""}, "Reports of this year", &QueryFilters::year, nullptr, 1900, 2200, "", false,
     Field::doc_year, Compare::equal, "Jaar"},
    {"from", {"van", ""}, "Reports from this year on", &QueryFilters::from, nullptr, 1900, 2200, "", false,
     Field::doc_year, Compare::at_least, ""},
    {"to", {"tot", ""}, "Reports up to this year", &QueryFilters::to, nullptr, 1900, 2200, "", false,
     Field::doc_year, Compare::at_most, ""},
    {"quarter", {"kwartaal", ""}, "Quarter 1-4", &QueryFilters::quarter, nullptr, 1, 4, "q", false,
     Field::doc_quarter, Compare::equal, "Kwartaal"},
    {"afdeling", {"", ""}, "Cases of this afdeling (repeat for any of several)", nullptr, &QueryFilters::afdeling, 0,
     0, "", false, Field::case_afdeling, Compare::equal_nocase, "Afdeling"},
    {"theme", {"thema", ""}, "Cases with this theme (communicatie, bejegening, …)", nullptr, &QueryFilters::theme, 0,
     0, "", true, Field::case_themes, Compare::equal, "Thema"},
    {"oordeel", {"", ""}, "Cases with this oordeel (gegrond, niet behoorlijk, …)", nullptr, &QueryFilters::oordeel, 0,
     0, "", true, Field::case_oordeel, Compare::equal_nocase, "Oordeel"},
    {"doctype", {"type", ""}, "kwartaalrapportage, rapport, jaarverslag, rekenkameronderzoek, overig", nullptr,
     &QueryFilters::doctype, 0, 0, "", true, Field::doc_doctype, Compare::equal, "Soort rapport"},
    {"org", {"organisatie", "organisation"}, "Organisation (part of its name)", nullptr, &QueryFilters::org, 0, 0, "",
     false, Field::doc_organisation, Compare::contains, ""},
    {"zaak", {"zaaknummer", ""}, "Zaaknummer", nullptr, &QueryFilters::zaak, 0, 0, "", false, Field::case_zaaknummer,
     Compare::equal_nocase, ""},
};

// The filter named `name` or one of its aliases (ASCII case ignored), or nullptr.
const FilterDef* find_filter(std::string_view name);

// Sets filter `field` (a name or alias as a user writes it) to `value`:
// checked and, for a number, parsed; for a text filter, added to its list.
// Errc::usage on an unknown field, an empty value or a number out of range.
Status set_filter(QueryFilters& f, std::string_view field, const std::string& value);

// Whether filter `def` has a value in `f`.
bool filter_set(const QueryFilters& f, const FilterDef& def);

// The values of filter `def` in `f` as texts (a number as its digits): what
// the web shows and what the result cache's key is made of.
std::vector<std::string> filter_values(const QueryFilters& f, const FilterDef& def);

// The filters as one string, equal for equal filters (the values of a text
// filter in any order): the result cache's key for them.
std::string filters_key(const QueryFilters& f);

}  // namespace omb
