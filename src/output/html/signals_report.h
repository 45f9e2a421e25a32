// output/html/signals_report.h — signals as HTML: the report `ombudsmine
// signals --format html` writes, and the parts the web's /signals page embeds.
//
//  - signals_document(): one self-contained page (no external resources):
//    `title` as <title> and <h1>, then signals_body() and the script.
//  - signals_body(): the summary (alerts at q, tests, cells, units, grain),
//    the legend, the heatmap, one <section class="signal"> per signal (its
//    figures, chart, evidence with the sentence's marks as <mark>), or
//    "Nothing stands out" with the closest test. `link` gives each evidence
//    item's href ("" or an empty function: no link).
//  - signals_style(), signals_script(): its style sheet and its script (which
//    records on load how many points each chart rendered, in
//    data-rendered-points, for the browser test).
// Pure; all text escaped.
#pragma once

#include <functional>
#include <string>

#include "signals/signals.h"

namespace omb::html {

using EvidenceLink = std::function<std::string(const Evidence&)>;

std::string signals_document(const SignalReport& r, const std::string& title, double q);
std::string signals_body(const SignalReport& r, double q, const EvidenceLink& link);
const char* signals_style();
const char* signals_script();

}  // namespace omb::html
