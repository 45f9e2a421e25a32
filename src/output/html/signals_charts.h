// output/html/signals_charts.h — the inline SVG of the signals report.
//
//  - chart_svg(): one signal's series: observed per period (polyline and a
//    circle per point, alarms larger and red), the unusual detector's bound
//    (dashed), Kleinberg burst periods shaded, the periods since a lasting
//    change shaded; y axis with up to 6 ticks, at most ~12 x labels. The
//    <svg class="chart" id="chart-ID" data-points="N"> carries what the
//    browser test checks.
//  - heatmap_svg(): theme x afdeling rows (grouped under organisation —
//    doctype label rows) by period columns, each cell coloured by its rate
//    (white to deep red, square-root scale), grey where there was no report,
//    white with a border where the afdeling had no case; a <title> per cell.
// Pure; all text escaped.
#pragma once

#include <cstddef>
#include <string>

#include "signals/signals.h"

namespace omb::html {

std::string chart_svg(const Signal& s, std::size_t id);
std::string heatmap_svg(const SignalReport& r);

}  // namespace omb::html
