// output/signals_out.h — signals for people and for scripts.
//
//  - table: numbered signals (theme · afdeling · period · kind), their figures
//    (observed, expected, ratio with CI, p and q), persistence and trend, and
//    the evidence: period, zaaknummer, title, path:line and the sentence;
//  - json: JSON Lines, one object per signal (with its evidence and series);
//  - csv: RFC 4180, a header row, one row per signal, evidence as zaaknummers;
//  - html: one self-contained page (no external resources), written by
//    output/html/signals_report.h: a chart per signal as inline SVG (observed
//    per period, the unusual-detector bound, alarm markers, Kleinberg burst
//    shading) and a heatmap of theme x afdeling over time. A small script
//    records on load how many points each chart rendered
//    (data-rendered-points), which the browser test reads.
// Pure functions of the report: no I/O. html_escape() (which callers of this
// header have used) is output/html/escape.h's, included here.
#pragma once

#include <string>

#include "output/html/escape.h"
#include "signals/signals.h"

namespace omb {

enum class SignalFormat { table, json, csv, html };

struct SignalRenderOptions {
  SignalFormat format = SignalFormat::table;
  bool color = false;            // table: bold headings on a terminal
  std::size_t evidence_shown = 5;  // table: evidence lines per signal (0 = all)
  double q = 0.10;               // for the header line
  std::string title = "ombudsmine — signalen";
};

std::string render_signals(const SignalReport& r, const SignalRenderOptions& o);

}  // namespace omb
