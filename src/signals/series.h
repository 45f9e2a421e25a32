// signals/series.h — what a signal shows of its cell beyond its test, and
// the heatmap (internal to signals/).
//
// chart_series(): the cell's whole series from its first period, each point
// with its count and exposure, the unusual detector's Bayes bound where it
// has 3 periods before it (the 6 quarters or 3 years before) and whether the
// count is above it, and Kleinberg's burst state over the series.
// add_context(): a signal's persistence (periods with the cell among the
// last --recur-m, from its start) and trend (Mann-Kendall with Sen's slope
// of the rate per year over the last 12 quarters or 8 years), whatever its
// kind. heatmap(): the period labels of every series' periods (the columns)
// and a row per theme cell (theme within an afdeling, and theme overall) the
// options name and that has any case: its rate per column, and its count
// (-1 where the series has no report then or the cell had not started).
// Pure.
#pragma once

#include <string>
#include <vector>

#include "signals/cells.h"
#include "signals/signals.h"

namespace omb::detect {

std::vector<SeriesPoint> chart_series(const Series& org, const Key& key, const SignalOptions& o);

void add_context(Signal& s, const Series& org, const Key& key, std::size_t pos, const SignalOptions& o);

void heatmap(const Cells& cells, const SignalOptions& o, std::vector<std::string>& columns,
             std::vector<HeatmapRow>& rows);

}  // namespace omb::detect
