#include "signals/detectors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "signals/significance.h"

namespace omb::detect {
namespace {

// One cell of one series at the period tested, with the guard every
// per-period detector shares: cases in the period and in the last periods.
struct PeriodCell {
  const Context& c;
  std::size_t oi;
  const Key& key;
  std::size_t pos;
  const Series& org;
  const std::vector<std::int64_t>& y;  // the cell's counts
  const std::vector<std::int64_t>& n;  // their exposure
  int idx;                             // the period's index
  std::size_t start;                   // the cell's first period
  std::int64_t x, nt;                  // count and exposure in the period
  bool guard = false;
  std::string guard_why;

  PeriodCell(const Context& ctx, std::size_t s, const Key& k, std::size_t p)
      : c(ctx), oi(s), key(k), pos(p), org(ctx.cells.series[s]), y(org.count.at(k)), n(org.exposure(k)),
        idx(org.periods[p]), start(org.first(k)), x(y[p]), nt(n[p]) {
    const SignalOptions& o = c.o;
    std::int64_t recent = 0;
    for (std::size_t i = from(kRecentPeriods); i <= pos; ++i) recent += y[i];
    guard = x >= o.min_count && recent >= o.min_recent;
    if (x < o.min_count)
      guard_why = std::to_string(x) + " cases in the period, under --min-count " + std::to_string(o.min_count);
    if (recent < o.min_recent)
      guard_why = joined(guard_why, std::to_string(recent) + " in the last " + std::to_string(kRecentPeriods) +
                                        " periods, under --min-recent " + std::to_string(o.min_recent));
  }
  // The first of the last `len` periods, not before the cell's start.
  std::size_t from(std::size_t len) const { return std::max(start, pos + 1 >= len ? pos + 1 - len : 0); }
  // What stopped a test: the failed guard, and its condition's words if it failed.
  std::string stop(bool cond, const std::string& cond_why) const { return joined(guard_why, cond ? "" : cond_why); }
  Test test(SignalKind k) const { return Test{oi, key, pos, k}; }
  void not_run(SignalKind k, std::string why, std::vector<Test>& out) const {
    c.not_run(oi, key, pos, k, std::move(why), out);
  }
};

void rising(const PeriodCell& cell, std::vector<Test>& out) {
  const Context& c = cell.c;
  const auto& y = cell.y;
  const auto& n = cell.n;
  std::int64_t x0 = 0, t0 = 0;
  for (std::size_t i = cell.start; i < cell.pos; ++i)
    if (cell.org.periods[i] >= cell.idx - c.baseline()) { x0 += y[i]; t0 += n[i]; }
  auto r = significance::rate_ratio_test(cell.x, static_cast<double>(cell.nt), x0, static_cast<double>(t0));
  if (!r.valid)
    return cell.not_run(SignalKind::rising, "no cases, now or in the " + std::to_string(c.baseline()) +
                                                " periods before, to compare", out);
  Test t = cell.test(SignalKind::rising);
  t.observed = static_cast<double>(cell.x);
  t.expected = r.expected;
  if (std::isfinite(r.ratio)) t.ratio = r.ratio;
  t.lo = r.lo;
  if (std::isfinite(r.hi)) t.hi = r.hi;
  t.p = r.p_greater;
  t.candidate = cell.guard && r.ratio > 1;
  t.stopped = cell.stop(r.ratio > 1, "no rise (ratio " + fmt("%.2f", r.ratio) + ")");
  t.detail = std::to_string(cell.x) + " of " + std::to_string(cell.nt) + " against " + std::to_string(x0) + " of " +
             std::to_string(t0) + " in the " + std::to_string(c.baseline()) +
             (c.o.grain == Grain::quarter ? " quarters" : " years") + " before; mid-p " + fmt("%.4g", r.mid_p);
  t.evidence_pos = {cell.pos};
  out.push_back(std::move(t));
}

void unusual(const PeriodCell& cell, std::vector<Test>& out) {
  const SignalOptions& o = cell.c.o;
  const std::size_t w = o.grain == Grain::quarter ? 6 : 3;
  const std::size_t start = cell.start, pos = cell.pos;
  if (pos < start + 3) return cell.not_run(SignalKind::unusual, "fewer than 3 periods before this one", out);
  double s = 0, exposure = 0;
  std::vector<double> ref;
  for (std::size_t i = std::max(start, pos >= w ? pos - w : 0); i < pos; ++i) {
    s += static_cast<double>(cell.y[i]);
    exposure += static_cast<double>(cell.n[i]);
    ref.push_back(static_cast<double>(cell.y[i]));
  }
  auto b = significance::bayes_exposure(s, exposure, static_cast<double>(cell.nt), cell.x, o.alpha);
  if (!b.valid)
    return cell.not_run(SignalKind::unusual, "no cases in the periods before to predict from", out);
  auto e = significance::ears(ref, static_cast<double>(cell.x), 0.001, 1.0);
  Test t = cell.test(SignalKind::unusual);
  t.observed = static_cast<double>(cell.x);
  t.expected = b.expected;
  if (b.expected > 0) t.ratio = static_cast<double>(cell.x) / b.expected;
  t.threshold = static_cast<double>(b.upper);
  t.p = b.p;
  t.candidate = cell.guard && b.alarm;
  t.stopped = cell.stop(b.alarm, std::to_string(cell.x) + " cases, not above the bound " + std::to_string(b.upper));
  t.detail = "bound " + std::to_string(b.upper) + " (NegBin " + fmt("%.1f", b.size) + ", " + fmt("%.3f", b.prob) +
             ", " + std::to_string(ref.size()) + " periods before); EARS C1 bound " + fmt("%.2f", e.upper) +
             (e.alarm ? " exceeded" : " not exceeded");
  t.evidence_pos = {pos};
  out.push_back(std::move(t));
}

void recurring(const PeriodCell& cell, std::vector<Test>& out) {
  const SignalOptions& o = cell.c.o;
  const std::size_t m = static_cast<std::size_t>(o.recur_m);
  const std::size_t start = cell.start, pos = cell.pos;
  if (!(pos + 1 >= m && pos + 1 - m >= start + 4))
    return cell.not_run(SignalKind::recurring, "fewer than " + std::to_string(m + 4) + " periods (the last " +
                                                   std::to_string(m) + " and 4 before)", out);
  const std::size_t first = pos + 1 - m;
  int present = 0, hist_present = 0;
  std::vector<std::size_t> ev;
  for (std::size_t i = first; i <= pos; ++i)
    if (cell.y[i] > 0) { ++present; ev.push_back(i); }
  for (std::size_t i = start; i < first; ++i) hist_present += cell.y[i] > 0;
  const double h = static_cast<double>(first - start);
  const double phat = (hist_present + 0.5) / (h + 1);
  Test t = cell.test(SignalKind::recurring);
  t.observed = present;
  t.expected = phat * static_cast<double>(m);
  t.ratio = present / (phat * static_cast<double>(m));
  t.p = significance::binom_tail_ge(present, static_cast<std::int64_t>(m), phat);
  t.candidate = cell.guard && present >= o.recur_k;
  t.stopped = cell.stop(present >= o.recur_k, "present in " + std::to_string(present) + " of the last " +
                                                  std::to_string(m) + " periods, under " + std::to_string(o.recur_k));
  t.detail = "present in " + std::to_string(present) + " of the last " + std::to_string(m) +
             " periods; before them in " + std::to_string(hist_present) + " of " + std::to_string(first - start);
  t.evidence_pos = std::move(ev);
  out.push_back(std::move(t));
}

void trend(const PeriodCell& cell, std::vector<Test>& out) {
  const Context& c = cell.c;
  const std::size_t win = c.o.grain == Grain::quarter ? 12 : 8;
  const auto& y = cell.y;
  const auto& n = cell.n;
  std::vector<double> tt, rate, yy, nn;
  std::vector<std::size_t> ev;
  for (std::size_t i = cell.from(win); i <= cell.pos; ++i) {
    if (n[i] <= 0) continue;
    const double years = static_cast<double>(cell.org.periods[i]) / c.per_year();
    tt.push_back(years);
    rate.push_back(static_cast<double>(y[i]) / static_cast<double>(n[i]));
    yy.push_back(static_cast<double>(y[i]));
    nn.push_back(static_cast<double>(n[i]));
    if (y[i] > 0) ev.push_back(i);
  }
  auto mk = significance::mann_kendall(tt, rate);
  if (!mk.valid)
    return cell.not_run(SignalKind::trend, "fewer than 5 periods with cases of the afdeling among the last " +
                                               std::to_string(win), out);
  Test t = cell.test(SignalKind::trend);
  t.observed = static_cast<double>(cell.x);
  auto g = significance::poisson_trend(tt, yy, nn);
  if (g.valid) {
    t.ratio = std::exp(g.b1);
    t.lo = std::exp(g.b1 - 1.959964 * g.se);
    t.hi = std::exp(g.b1 + 1.959964 * g.se);
  }
  t.p = mk.p_greater;
  t.candidate = cell.guard && mk.s > 0;
  t.stopped = cell.stop(mk.s > 0, "no upward trend (Mann-Kendall S " + fmt("%.0f", mk.s) + ")");
  t.detail = "Mann-Kendall S " + fmt("%.0f", mk.s) + " over " + std::to_string(mk.n) + " periods (" +
             (mk.exact ? "exact" : "normal") + " p), Sen slope " + fmt("%+.3f", mk.sen) + " per year in the rate" +
             (g.valid ? ", Poisson x" + fmt("%.2f", std::exp(g.b1)) + " per year" : "");
  t.evidence_pos = std::move(ev);
  out.push_back(std::move(t));
}

// Only on a theme within an afdeling.
void profile(const PeriodCell& cell, std::vector<Test>& out) {
  const Context& c = cell.c;
  const Series& org = cell.org;
  std::int64_t a = 0, na = 0, nt_theme = 0, all = 0;
  const auto& theme_all = org.count.at(Key{"", cell.key.second});
  std::vector<std::size_t> ev;
  for (std::size_t i = cell.start; i <= cell.pos; ++i) {
    if (org.periods[i] <= cell.idx - c.per_year()) continue;
    a += cell.y[i];
    na += cell.n[i];
    nt_theme += theme_all[i];
    all += org.total[i];
    if (cell.y[i] > 0) ev.push_back(i);
  }
  const std::int64_t b = na - a, cc = nt_theme - a, d = all - na - cc;
  auto dp = significance::disproportion(a, b, cc, d);
  if (!(dp.valid && a > 0))
    return cell.not_run(SignalKind::profile, "no case with the theme in the afdeling in the last year", out);
  Test t = cell.test(SignalKind::profile);
  t.observed = static_cast<double>(a);
  t.expected = dp.expected;
  t.ratio = dp.prr;
  t.lo = dp.prr_lo;
  t.hi = dp.prr_hi;
  t.p = dp.fisher_p;
  t.candidate = a >= 3 && dp.ic_lo > 0;
  t.stopped = joined(a >= 3 ? "" : std::to_string(a) + " cases in the last year, under 3",
                     dp.ic_lo > 0 ? "" : "IC lower bound " + fmt("%.2f", dp.ic_lo) + ", not above 0");
  t.detail = std::to_string(a) + " of " + std::to_string(na) + " cases of the afdeling against " +
             std::to_string(cc) + " of " + std::to_string(b + cc + d - b) + " elsewhere in the last " +
             (c.o.grain == Grain::quarter ? "4 quarters" : "year") + "; IC " + fmt("%.2f", dp.ic) + " [" +
             fmt("%.2f", dp.ic_lo) + ", " + fmt("%.2f", dp.ic_hi) + "]";
  t.evidence_pos = std::move(ev);
  out.push_back(std::move(t));
}

}  // namespace

bool Context::wanted(SignalKind k) const {
  return o.kinds.empty() || std::find(o.kinds.begin(), o.kinds.end(), k) != o.kinds.end();
}

void Context::not_run(std::size_t s, const Key& key, std::size_t pos, SignalKind k, std::string why,
                      std::vector<Test>& out) const {
  if (!o.explain) return;
  Test t{s, key, pos, k};
  t.ran = false;
  t.stopped = "not run: " + std::move(why);
  out.push_back(std::move(t));
}

void test_period(const Context& c, std::size_t s, const Key& key, std::size_t pos, std::vector<Test>& out) {
  const Series& org = c.cells.series[s];
  if (pos < org.first(key)) return;
  const PeriodCell cell(c, s, key, pos);
  if (c.wanted(SignalKind::rising)) rising(cell, out);
  if (c.wanted(SignalKind::unusual)) unusual(cell, out);
  if (c.wanted(SignalKind::recurring)) recurring(cell, out);
  if (c.wanted(SignalKind::trend)) trend(cell, out);
  if (c.wanted(SignalKind::profile) && !key.first.empty() && !key.second.empty()) profile(cell, out);
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string joined(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "; " + b;
}

}  // namespace omb::detect
