// signals/cells.h — the units of analysis counted per series, cell and period
// (internal to signals/: find_signals' first step after reading).
//
// build_cells() keeps the units of the organisations --org names, gives each a
// period at the grain (period_of) and groups them into series: the reports of
// one kind (doctype) of one organisation, since the cases of quarterly reports
// and single investigation reports are not one series. A series knows the
// periods in which it published (ascending; a period without reports is
// missing, not zero), its units per period, per afdeling and period, and the
// count of every cell per period: (afdeling, theme), (afdeling, "") and
// ("", theme). Pure: reads only its arguments, which must outlive the result.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "signals/signals.h"

namespace omb::detect {

struct Unit {
  std::size_t source = 0;           // index into the SignalUnits
  std::size_t org = 0;              // index into Cells::series
  std::vector<std::string> themes;  // distinct, sorted
  int period = -1;                  // -1: no period at this grain
};

using Key = std::pair<std::string, std::string>;  // (afdeling, theme); "" = all

// One series: the reports of one kind (doctype) of one organisation.
struct Series {
  std::string name;
  std::string doctype;
  std::vector<int> periods;  // observed period indices, ascending
  std::map<int, std::size_t> pos;
  std::vector<std::int64_t> total;
  std::map<std::string, std::vector<std::int64_t>> afdeling_total;
  std::map<Key, std::vector<std::int64_t>> count;

  // A cell's series starts where its afdeling first has cases: before that the
  // organisation's reports did not cover it (missing, not zero).
  std::size_t first(const Key& k) const;
  // A theme within an afdeling is measured against the afdeling's units;
  // everything else against all units of the series.
  const std::vector<std::int64_t>& exposure(const Key& k) const;
};

struct Cells {
  const std::vector<SignalUnit>& in;
  std::vector<Unit> units;     // those of the organisations asked for, in input order
  std::vector<Series> series;  // in order of first appearance
  std::size_t unplaced = 0;    // units without a period at the grain

  const std::string& afdeling(const Unit& u) const { return in[u.source].afdeling; }
};

Cells build_cells(const std::vector<SignalUnit>& in, const SignalOptions& o);

// The period (see period_label) of a report's year and quarter; where one is
// missing, from its date (YYYY-MM…; a quarter only when the date's year is
// the report's). -1 where there is none at the grain.
int period_of(Grain g, std::optional<int> year, std::optional<int> quarter, std::string_view date);

// Whether `value` is one of `wanted` (folded; `substring`: contains one);
// an empty list wants everything.
bool matches_any(const std::vector<std::string>& wanted, const std::string& value, bool substring);

// The cells --theme and --afdeling name (all when they name none).
bool named(const Key& key, const SignalOptions& o);

}  // namespace omb::detect
