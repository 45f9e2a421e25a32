#include "signals/series.h"

#include <algorithm>
#include <set>
#include <span>

#include "signals/change_point.h"
#include "signals/significance.h"

namespace omb::detect {

std::vector<SeriesPoint> chart_series(const Series& org, const Key& key, const SignalOptions& o) {
  const auto& y = org.count.at(key);
  const auto& n = org.exposure(key);
  const std::size_t w = o.grain == Grain::quarter ? 6 : 3;
  const std::size_t start = org.first(key);
  std::vector<SeriesPoint> out;
  for (std::size_t i = start; i < y.size(); ++i) {
    SeriesPoint p;
    p.index = org.periods[i];
    p.period = period_label(p.index, o.grain);
    p.count = y[i];
    p.exposure = n[i];
    if (i >= start + 3) {
      double s = 0, e = 0;
      for (std::size_t j = std::max(start, i >= w ? i - w : 0); j < i; ++j) { s += static_cast<double>(y[j]); e += static_cast<double>(n[j]); }
      auto b = significance::bayes_exposure(s, e, static_cast<double>(n[i]), y[i], o.alpha);
      if (b.valid) {
        p.threshold = static_cast<double>(b.upper);
        p.alarm = b.alarm;
      }
    }
    out.push_back(std::move(p));
  }
  std::span<const std::int64_t> ys(y), ns(n);
  auto burst = significance::kleinberg(ys.subspan(start), ns.subspan(start));
  if (burst.valid)
    for (std::size_t i = 0; i < out.size(); ++i) out[i].burst = burst.state[i] == 1;
  return out;
}

void add_context(Signal& s, const Series& org, const Key& key, std::size_t pos, const SignalOptions& o) {
  const auto& y = org.count.at(key);
  const auto& n = org.exposure(key);
  const std::size_t m = static_cast<std::size_t>(o.recur_m);
  const std::size_t start = org.first(key);
  const int per_year = o.grain == Grain::quarter ? 4 : 1;
  s.window = pos + 1 >= start ? static_cast<int>(std::min(m, pos + 1 - start)) : 0;
  for (std::size_t j = pos + 1 - static_cast<std::size_t>(s.window); j <= pos && s.window > 0; ++j) s.present += y[j] > 0;
  std::vector<double> tt, rate;
  const std::size_t win = o.grain == Grain::quarter ? 12 : 8;
  for (std::size_t j = std::max(start, pos + 1 >= win ? pos + 1 - win : 0); j <= pos; ++j)
    if (n[j] > 0) {
      tt.push_back(static_cast<double>(org.periods[j]) / per_year);
      rate.push_back(static_cast<double>(y[j]) / static_cast<double>(n[j]));
    }
  auto mk = significance::mann_kendall(tt, rate);
  if (mk.valid) { s.trend_slope = mk.sen; s.trend_p = mk.p_greater; }
}

void heatmap(const Cells& cells, const SignalOptions& o, std::vector<std::string>& columns,
             std::vector<HeatmapRow>& rows) {
  std::set<int> cols;
  for (const Series& org : cells.series) cols.insert(org.periods.begin(), org.periods.end());
  std::vector<int> colv(cols.begin(), cols.end());
  for (int c : colv) columns.push_back(period_label(c, o.grain));
  for (const Series& org : cells.series)
    for (const auto& [key, ys] : org.count) {
      if (key.second.empty() || !named(key, o)) continue;
      std::int64_t total = 0;
      for (auto v : ys) total += v;
      if (total == 0) continue;
      HeatmapRow row{org.name, org.doctype, key.first, key.second};
      const auto& n = org.exposure(key);
      const std::size_t start = org.first(key);
      for (int c : colv) {
        auto it = org.pos.find(c);
        if (it == org.pos.end() || it->second < start) { row.rate.push_back(std::nullopt); row.count.push_back(-1); continue; }
        const std::size_t p = it->second;
        row.count.push_back(ys[p]);
        if (n[p] > 0) row.rate.push_back(static_cast<double>(ys[p]) / static_cast<double>(n[p]));
        else row.rate.push_back(std::nullopt);
      }
      rows.push_back(std::move(row));
    }
}

}  // namespace omb::detect
