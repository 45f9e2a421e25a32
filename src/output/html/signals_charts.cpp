#include "output/html/signals_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "output/html/escape.h"
#include "output/signals_format.h"

namespace omb::html {
namespace {

using sigfmt::cell_name;
using sigfmt::num;

std::string heat_color(double rate) {
  // White to deep red, by rate 0..1 (square root, so low rates still show).
  const double t = std::sqrt(std::clamp(rate, 0.0, 1.0));
  const int r = static_cast<int>(255 - t * (255 - 165));
  const int g = static_cast<int>(255 - t * 255);
  const int bl = static_cast<int>(255 - t * 255 + t * 38);
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, std::max(g, 0), std::max(std::min(bl, 255), 0));
  return buf;
}

}  // namespace

std::string chart_svg(const Signal& s, std::size_t id) {
  const auto& pts = s.series;
  const double w = 720, h = 220, left = 40, right = 12, top = 14, bottom = 40;
  double ymax = 1;
  for (const auto& p : pts) {
    ymax = std::max(ymax, static_cast<double>(p.count));
    if (p.threshold) ymax = std::max(ymax, *p.threshold);
  }
  ymax = std::ceil(ymax * 1.1);
  const std::size_t n = pts.size();
  const double step = n > 1 ? (w - left - right) / static_cast<double>(n - 1) : 0;
  auto X = [&](std::size_t i) { return left + step * static_cast<double>(i) + (n == 1 ? (w - left - right) / 2 : 0); };
  auto Y = [&](double v) { return top + (h - top - bottom) * (1 - v / ymax); };
  std::string out = "<svg class=\"chart\" id=\"chart-" + std::to_string(id) + "\" data-points=\"" +
                    std::to_string(n) + "\" viewBox=\"0 0 " + num(w, "%.0f") + " " + num(h, "%.0f") +
                    "\" width=\"" + num(w, "%.0f") + "\" height=\"" + num(h, "%.0f") +
                    "\" role=\"img\" aria-labelledby=\"chart-" + std::to_string(id) + "-title\">";
  out += "<title id=\"chart-" + std::to_string(id) + "-title\">" +
         html_escape(cell_name(s) + ": observed per period, bound, alarms and bursts") + "</title>";
  // Burst shading: runs of burst periods.
  for (std::size_t i = 0; i < n;) {
    if (!pts[i].burst) { ++i; continue; }
    std::size_t j = i;
    while (j + 1 < n && pts[j + 1].burst) ++j;
    const double x0 = X(i) - step / 2, x1 = X(j) + step / 2;
    out += "<rect class=\"burst\" x=\"" + num(std::max(left, x0), "%.1f") + "\" y=\"" + num(top, "%.1f") +
           "\" width=\"" + num(std::min(w - right, x1) - std::max(left, x0), "%.1f") + "\" height=\"" +
           num(h - top - bottom, "%.1f") + "\"><title>burst " + html_escape(pts[i].period) + "–" +
           html_escape(pts[j].period) + "</title></rect>";
    i = j + 1;
  }
  // A lasting change: the periods since it began, shaded, with the rate before and after.
  if (s.shift) {
    std::size_t i = 0;
    while (i < n && pts[i].index < s.shift->since_index) ++i;
    if (i < n) {
      const double x0 = std::max(left, X(i) - step / 2);
      out += "<rect class=\"since\" x=\"" + num(x0, "%.1f") + "\" y=\"" + num(top, "%.1f") + "\" width=\"" +
             num(w - right - x0, "%.1f") + "\" height=\"" + num(h - top - bottom, "%.1f") + "\"><title>" +
             html_escape("since " + s.shift->since + ": " + num(100 * s.shift->after.rate, "%.0f") + "% of cases, " +
                         num(100 * s.shift->before.rate, "%.0f") + "% before") +
             "</title></rect>";
    }
  }
  // Axes and grid.
  out += "<line class=\"axis\" x1=\"" + num(left, "%.1f") + "\" y1=\"" + num(Y(0), "%.1f") + "\" x2=\"" +
         num(w - right, "%.1f") + "\" y2=\"" + num(Y(0), "%.1f") + "\"/>";
  const int ticks = static_cast<int>(std::min(5.0, ymax));
  for (int k = 0; k <= ticks; ++k) {
    const double v = ymax * k / std::max(ticks, 1);
    out += "<text class=\"ylab\" x=\"" + num(left - 6, "%.1f") + "\" y=\"" + num(Y(v) + 4, "%.1f") + "\">" +
           num(std::round(v), "%.0f") + "</text>";
  }
  const std::size_t every = std::max<std::size_t>(1, (n + 11) / 12);
  for (std::size_t i = 0; i < n; i += every)
    out += "<text class=\"xlab\" x=\"" + num(X(i), "%.1f") + "\" y=\"" + num(h - bottom + 16, "%.1f") + "\">" +
           html_escape(pts[i].period) + "</text>";
  // Threshold line.
  std::string thr;
  for (std::size_t i = 0; i < n; ++i)
    if (pts[i].threshold) thr += num(X(i), "%.1f") + "," + num(Y(*pts[i].threshold), "%.1f") + " ";
  if (!thr.empty()) out += "<polyline class=\"threshold\" points=\"" + thr + "\"><title>bound</title></polyline>";
  // Observed.
  std::string obs;
  for (std::size_t i = 0; i < n; ++i) obs += num(X(i), "%.1f") + "," + num(Y(static_cast<double>(pts[i].count)), "%.1f") + " ";
  out += "<polyline class=\"observed\" points=\"" + obs + "\"/>";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = pts[i];
    out += std::string("<circle class=\"point") + (p.alarm ? " alarm" : "") + "\" cx=\"" + num(X(i), "%.1f") +
           "\" cy=\"" + num(Y(static_cast<double>(p.count)), "%.1f") + "\" r=\"" + (p.alarm ? "5" : "3") +
           "\"><title>" + html_escape(p.period) + ": " + std::to_string(p.count) + " of " +
           std::to_string(p.exposure) + (p.threshold ? ", bound " + num(*p.threshold, "%.0f") : std::string()) +
           (p.alarm ? ", alarm" : "") + "</title></circle>";
  }
  out += "</svg>";
  return out;
}

std::string heatmap_svg(const SignalReport& r) {
  const std::size_t rows = r.heatmap.size(), cols = r.columns.size();
  // A label row above each series (organisation and kind of report).
  std::size_t groups = 0;
  for (std::size_t i = 0; i < rows; ++i)
    if (i == 0 || r.heatmap[i].organisation != r.heatmap[i - 1].organisation ||
        r.heatmap[i].doctype != r.heatmap[i - 1].doctype)
      ++groups;
  const double label = 330, cw = std::max(8.0, std::min(28.0, 640.0 / std::max<std::size_t>(cols, 1))), ch = 16,
               top = 54, gh = 22;
  const double w = label + cw * static_cast<double>(cols) + 10,
               h = top + ch * static_cast<double>(rows) + gh * static_cast<double>(groups) + 10;
  std::string out = "<svg class=\"heatmap\" data-rows=\"" + std::to_string(rows) + "\" data-cols=\"" +
                    std::to_string(cols) + "\" viewBox=\"0 0 " + num(w, "%.0f") + " " + num(h, "%.0f") +
                    "\" width=\"" + num(w, "%.0f") + "\" height=\"" + num(h, "%.0f") +
                    "\" role=\"img\" aria-labelledby=\"heatmap-title\"><title id=\"heatmap-title\">Share of cases "
                    "with each theme per afdeling and period</title>";
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(40.0 / cw)));
  for (std::size_t c = 0; c < cols; c += every)
    out += "<text class=\"xlab\" transform=\"translate(" + num(label + cw * static_cast<double>(c) + cw / 2, "%.1f") +
           "," + num(top - 6, "%.1f") + ") rotate(-45)\">" + html_escape(r.columns[c]) + "</text>";
  double y = top;
  for (std::size_t i = 0; i < rows; ++i) {
    const auto& row = r.heatmap[i];
    if (i == 0 || row.organisation != r.heatmap[i - 1].organisation || row.doctype != r.heatmap[i - 1].doctype) {
      out += "<text class=\"glab\" x=\"4\" y=\"" + num(y + gh - 6, "%.1f") + "\">" +
             html_escape(row.organisation + " — " + row.doctype) + "</text>";
      y += gh;
    }
    std::string name = row.theme + " · " + (row.afdeling.empty() ? "(alle afdelingen)" : row.afdeling);
    out += "<text class=\"rlab\" x=\"" + num(label - 6, "%.1f") + "\" y=\"" + num(y + ch - 4, "%.1f") + "\">" +
           html_escape(name) + "</text>";
    for (std::size_t c = 0; c < cols; ++c) {
      const double x = label + cw * static_cast<double>(c);
      if (!row.rate[c]) {
        const bool none = row.count[c] < 0;  // no report then; else no case of the afdeling
        out += "<rect class=\"" + std::string(none ? "missing" : "zero") + "\" x=\"" + num(x, "%.1f") + "\" y=\"" +
               num(y, "%.1f") + "\" width=\"" + num(cw - 1, "%.1f") + "\" height=\"" + num(ch - 1, "%.1f") +
               "\"><title>" + html_escape(name + " " + r.columns[c] + (none ? ": no report" : ": no case of the afdeling")) +
               "</title></rect>";
        continue;
      }
      out += "<rect class=\"cell\" x=\"" + num(x, "%.1f") + "\" y=\"" + num(y, "%.1f") + "\" width=\"" +
             num(cw - 1, "%.1f") + "\" height=\"" + num(ch - 1, "%.1f") + "\" fill=\"" + heat_color(*row.rate[c]) +
             "\"><title>" + html_escape(name + " " + r.columns[c] + ": " + std::to_string(row.count[c]) + " (" +
                                        num(100 * *row.rate[c], "%.0f") + "%)") +
             "</title></rect>";
    }
    y += ch;
  }
  out += "</svg>";
  return out;
}

}  // namespace omb::html
