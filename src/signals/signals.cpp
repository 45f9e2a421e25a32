#include "signals/signals.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <span>

#include "signals/change_point.h"
#include "signals/significance.h"
#include "store/read.h"
#include "text/fold.h"

namespace omb {
namespace {

constexpr int kRecentPeriods = 4;  // the guard's "last 4 periods"

struct Unit {
  std::size_t source = 0;           // index into the SignalUnits
  std::size_t org = 0;
  std::vector<std::string> themes;  // distinct
  int period = -1;                  // -1: no period at this grain
};

using Key = std::pair<std::string, std::string>;  // (afdeling, theme); "" = all

// One series: the reports of one kind (doctype) of one organisation. Cases of
// quarterly reports and single investigation reports are not one series.
struct Org {
  std::string name;
  std::string doctype;
  std::vector<int> periods;  // observed period indices, ascending
  std::map<int, std::size_t> pos;
  std::vector<std::int64_t> total;
  std::map<std::string, std::vector<std::int64_t>> afdeling_total;
  std::map<Key, std::vector<std::int64_t>> count;

  // A cell's series starts where its afdeling first has cases: before that the
  // organisation's reports did not cover it (missing, not zero).
  std::size_t first(const Key& k) const {
    if (k.first.empty()) return 0;
    const auto& at = afdeling_total.at(k.first);
    std::size_t i = 0;
    while (i < at.size() && at[i] == 0) ++i;
    return i;
  }
  const std::vector<std::int64_t>& exposure(const Key& k) const {
    if (!k.first.empty() && !k.second.empty()) return afdeling_total.at(k.first);
    return total;
  }
};

int period_of(Grain g, std::optional<int> year, std::optional<int> quarter, std::string_view date) {
  int y = year.value_or(0), q = quarter.value_or(0);
  if (date.size() >= 7 && (y == 0 || q == 0)) {
    int dy = 0, dm = 0;
    if (std::sscanf(std::string(date.substr(0, 7)).c_str(), "%d-%d", &dy, &dm) == 2) {
      if (y == 0) y = dy;
      if (q == 0 && dy == y && dm >= 1 && dm <= 12) q = (dm - 1) / 3 + 1;
    }
  }
  if (y <= 0) return -1;
  if (g == Grain::year) return y;
  if (q < 1 || q > 4) return -1;
  return y * 4 + q - 1;
}

bool matches_any(const std::vector<std::string>& wanted, const std::string& value, bool substring) {
  if (wanted.empty()) return true;
  const std::string v = fold_key(value);
  for (const auto& w : wanted) {
    const std::string f = fold_key(w);
    if (substring ? v.find(f) != std::string::npos : v == f) return true;
  }
  return false;
}

// The sentence of `body` around bytes [at, to), by ICU's sentence rules, with
// [at, to) between kMarkOpen and kMarkClose when to > at; at most ~400 bytes.
std::string sentence_around(const std::string& body_in, std::size_t at, std::size_t to) {
  if (body_in.empty()) return {};
  at = std::min(at, body_in.size() - 1);
  to = std::min(std::max(to, at), body_in.size());
  std::string body = body_in;
  if (to > at) {
    body.insert(to, 1, kMarkClose);
    body.insert(at, 1, kMarkOpen);
  }
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createSentenceInstance(icu::Locale("nl"), st));
  UText* ut = utext_openUTF8(nullptr, body.data(), static_cast<int64_t>(body.size()), &st);
  if (U_FAILURE(st) || !bi) {
    if (ut) utext_close(ut);
    return collapse_space(body.substr(at, 200));
  }
  bi->setText(ut, st);
  int32_t end = bi->following(static_cast<int32_t>(at));
  int32_t start = bi->previous();
  if (start == icu::BreakIterator::DONE) start = 0;
  if (end == icu::BreakIterator::DONE) end = static_cast<int32_t>(body.size());
  utext_close(ut);
  std::string s = collapse_space(body.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
  if (s.size() > 400) {
    // A window of about 400 bytes around the mark, cut at character boundaries.
    auto boundary = [&](std::size_t i) {
      while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
      return i;
    };
    const std::size_t mark = s.find(kMarkOpen);
    std::size_t from = boundary(mark == std::string::npos || mark < 150 ? 0 : mark - 150);
    std::size_t until = boundary(std::min(s.size(), from + 400));
    std::string w = (from > 0 ? "…" : "") + s.substr(from, until - from) + (until < s.size() ? "…" : "");
    const bool open = w.find(kMarkOpen) != std::string::npos;
    const bool closed = w.find(kMarkClose) != std::string::npos;
    if (open && !closed) w += kMarkClose;
    if (!open && closed) w.erase(w.find(kMarkClose), 1);
    s = std::move(w);
  }
  return s;
}

struct Test {
  std::size_t org;
  Key key;
  std::size_t pos;
  SignalKind kind;
  double observed = 0;
  std::optional<double> expected, ratio, lo, hi, threshold;
  double p = 1;
  bool candidate = false;  // the detector's own condition and the guard hold
  bool ran = true;         // false: could not be run (explain only), `stopped` says why
  std::string stopped;     // why not a candidate: failed guards and condition
  std::string detail;
  std::vector<std::size_t> evidence_pos;  // periods whose cases are the evidence
  std::optional<ShiftFacts> shift;
};

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

// "a; b", skipping empty parts.
std::string joined(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "; " + b;
}

class Engine {
 public:
  Engine(const std::vector<SignalUnit>& units, const SignalOptions& o) : in_(units), o_(o) {}

  Result<SignalReport> run();

 private:
  void load();
  void count();
  void evaluate(std::size_t oi, const Key& key, std::size_t pos, std::vector<Test>& out) const;
  void evaluate_shift(std::size_t oi, const Key& key, std::size_t last, std::vector<Test>& out) const;
  // Why a test could not be run on a cell (kept only when explaining).
  void not_run(std::size_t oi, const Key& key, std::size_t pos, SignalKind k, std::string why,
               std::vector<Test>& out) const {
    if (!o_.explain) return;
    Test t{oi, key, pos, k};
    t.ran = false;
    t.stopped = "not run: " + std::move(why);
    out.push_back(std::move(t));
  }
  bool wanted(SignalKind k) const {
    return o_.kinds.empty() || std::find(o_.kinds.begin(), o_.kinds.end(), k) != o_.kinds.end();
  }
  int baseline() const { return o_.baseline > 0 ? o_.baseline : (o_.grain == Grain::quarter ? 12 : 3); }
  int per_year() const { return o_.grain == Grain::quarter ? 4 : 1; }
  std::vector<SeriesPoint> series(const Org& org, const Key& key) const;
  void evidence(Signal& s, const Org& org, const Key& key, const std::vector<std::size_t>& positions) const;
  // The cells --theme and --afdeling name (all when they name none).
  bool named(const Key& key) const {
    const bool theme_cell = !key.second.empty(), afdeling_cell = !key.first.empty();
    if (!o_.themes.empty() && (!theme_cell || !matches_any(o_.themes, key.second, false))) return false;
    if (!o_.afdelingen.empty() && (!afdeling_cell || !matches_any(o_.afdelingen, key.first, false))) return false;
    return true;
  }
  Signal to_signal(const Test& t, double q, bool alert) const;
  const std::string& afdeling(const Unit& u) const { return in_[u.source].afdeling; }

  const std::vector<SignalUnit>& in_;
  const SignalOptions& o_;
  std::vector<Unit> units_;
  std::vector<Org> orgs_;
  std::size_t unplaced_ = 0;
};

void Engine::load() {
  std::map<std::string, std::size_t> org_ids;
  for (std::size_t i = 0; i < in_.size(); ++i) {
    const SignalUnit& su = in_[i];
    if (!matches_any(o_.orgs, su.organisation, true)) continue;
    auto [it, fresh] = org_ids.emplace(su.organisation + '\x1f' + su.doctype, orgs_.size());
    if (fresh) {
      orgs_.push_back(Org{su.organisation});
      orgs_.back().doctype = su.doctype;
    }
    Unit u;
    u.source = i;
    u.org = it->second;
    u.period = period_of(o_.grain, su.year, su.quarter, su.date);
    std::set<std::string> themes(su.themes.begin(), su.themes.end());
    u.themes.assign(themes.begin(), themes.end());
    units_.push_back(std::move(u));
  }
}

void Engine::count() {
  for (const Unit& u : units_) {
    if (u.period < 0) { ++unplaced_; continue; }
    Org& org = orgs_[u.org];
    if (!org.pos.count(u.period)) org.pos[u.period] = 0;
  }
  for (Org& org : orgs_) {
    std::size_t i = 0;
    for (auto& [period, pos] : org.pos) {
      pos = i++;
      org.periods.push_back(period);
    }
    org.total.assign(org.periods.size(), 0);
  }
  for (const Unit& u : units_) {
    if (u.period < 0) continue;
    Org& org = orgs_[u.org];
    const std::size_t pos = org.pos.at(u.period);
    const std::size_t n = org.periods.size();
    auto bump = [&](const Key& k) {
      auto& v = org.count[k];
      if (v.empty()) v.assign(n, 0);
      ++v[pos];
    };
    ++org.total[pos];
    const auto& themes = u.themes;
    if (!afdeling(u).empty()) {
      auto& at = org.afdeling_total[afdeling(u)];
      if (at.empty()) at.assign(n, 0);
      ++at[pos];
      bump({afdeling(u), ""});
      for (const auto& t : themes) bump({afdeling(u), t});
    }
    for (const auto& t : themes) bump({"", t});
  }
}

void Engine::evaluate(std::size_t oi, const Key& key, std::size_t pos, std::vector<Test>& out) const {
  const Org& org = orgs_[oi];
  const auto& y = org.count.at(key);
  const auto& n = org.exposure(key);
  const int idx = org.periods[pos];
  const std::size_t start = org.first(key);
  if (pos < start) return;
  const std::int64_t x = y[pos], nt = n[pos];
  auto from = [&](std::size_t len) { return std::max(start, pos + 1 >= len ? pos + 1 - len : 0); };
  std::int64_t recent = 0;
  for (std::size_t i = from(kRecentPeriods); i <= pos; ++i) recent += y[i];
  const bool guard = x >= o_.min_count && recent >= o_.min_recent;
  std::string guard_why;
  if (x < o_.min_count)
    guard_why = std::to_string(x) + " cases in the period, under --min-count " + std::to_string(o_.min_count);
  if (recent < o_.min_recent)
    guard_why = joined(guard_why, std::to_string(recent) + " in the last " + std::to_string(kRecentPeriods) +
                                      " periods, under --min-recent " + std::to_string(o_.min_recent));
  auto stop = [&](bool cond, const std::string& cond_why) { return joined(guard_why, cond ? "" : cond_why); };

  if (wanted(SignalKind::rising)) {
    std::int64_t x0 = 0, t0 = 0;
    for (std::size_t i = start; i < pos; ++i)
      if (org.periods[i] >= idx - baseline()) { x0 += y[i]; t0 += n[i]; }
    auto r = significance::rate_ratio_test(x, static_cast<double>(nt), x0, static_cast<double>(t0));
    if (r.valid) {
      Test t{oi, key, pos, SignalKind::rising};
      t.observed = static_cast<double>(x);
      t.expected = r.expected;
      if (std::isfinite(r.ratio)) t.ratio = r.ratio;
      t.lo = r.lo;
      if (std::isfinite(r.hi)) t.hi = r.hi;
      t.p = r.p_greater;
      t.candidate = guard && r.ratio > 1;
      t.stopped = stop(r.ratio > 1, "no rise (ratio " + fmt("%.2f", r.ratio) + ")");
      t.detail = std::to_string(x) + " of " + std::to_string(nt) + " against " + std::to_string(x0) + " of " +
                 std::to_string(t0) + " in the " + std::to_string(baseline()) +
                 (o_.grain == Grain::quarter ? " quarters" : " years") + " before; mid-p " + fmt("%.4g", r.mid_p);
      t.evidence_pos = {pos};
      out.push_back(std::move(t));
    } else {
      not_run(oi, key, pos, SignalKind::rising, "no cases, now or in the " + std::to_string(baseline()) +
                                                    " periods before, to compare", out);
    }
  }
  if (wanted(SignalKind::unusual)) {
    const std::size_t w = o_.grain == Grain::quarter ? 6 : 3;
    if (pos >= start + 3) {
      double s = 0, exposure = 0;
      std::vector<double> ref;
      for (std::size_t i = std::max(start, pos >= w ? pos - w : 0); i < pos; ++i) {
        s += static_cast<double>(y[i]);
        exposure += static_cast<double>(n[i]);
        ref.push_back(static_cast<double>(y[i]));
      }
      auto b = significance::bayes_exposure(s, exposure, static_cast<double>(nt), x, o_.alpha);
      if (b.valid) {
        auto e = significance::ears(ref, static_cast<double>(x), 0.001, 1.0);
        Test t{oi, key, pos, SignalKind::unusual};
        t.observed = static_cast<double>(x);
        t.expected = b.expected;
        if (b.expected > 0) t.ratio = static_cast<double>(x) / b.expected;
        t.threshold = static_cast<double>(b.upper);
        t.p = b.p;
        t.candidate = guard && b.alarm;
        t.stopped = stop(b.alarm, std::to_string(x) + " cases, not above the bound " + std::to_string(b.upper));
        t.detail = "bound " + std::to_string(b.upper) + " (NegBin " + fmt("%.1f", b.size) + ", " +
                   fmt("%.3f", b.prob) + ", " + std::to_string(ref.size()) + " periods before); EARS C1 bound " +
                   fmt("%.2f", e.upper) + (e.alarm ? " exceeded" : " not exceeded");
        t.evidence_pos = {pos};
        out.push_back(std::move(t));
      } else {
        not_run(oi, key, pos, SignalKind::unusual, "no cases in the periods before to predict from", out);
      }
    } else {
      not_run(oi, key, pos, SignalKind::unusual, "fewer than 3 periods before this one", out);
    }
  }
  if (wanted(SignalKind::recurring)) {
    const std::size_t m = static_cast<std::size_t>(o_.recur_m);
    if (pos + 1 >= m && pos + 1 - m >= start + 4) {
      const std::size_t first = pos + 1 - m;
      int present = 0, hist_present = 0;
      std::vector<std::size_t> ev;
      for (std::size_t i = first; i <= pos; ++i)
        if (y[i] > 0) { ++present; ev.push_back(i); }
      for (std::size_t i = start; i < first; ++i) hist_present += y[i] > 0;
      const double h = static_cast<double>(first - start);
      const double phat = (hist_present + 0.5) / (h + 1);
      Test t{oi, key, pos, SignalKind::recurring};
      t.observed = present;
      t.expected = phat * static_cast<double>(m);
      t.ratio = present / (phat * static_cast<double>(m));
      t.p = significance::binom_tail_ge(present, static_cast<std::int64_t>(m), phat);
      t.candidate = guard && present >= o_.recur_k;
      t.stopped = stop(present >= o_.recur_k, "present in " + std::to_string(present) + " of the last " +
                                                 std::to_string(m) + " periods, under " + std::to_string(o_.recur_k));
      t.detail = "present in " + std::to_string(present) + " of the last " + std::to_string(m) +
                 " periods; before them in " + std::to_string(hist_present) + " of " + std::to_string(first - start);
      t.evidence_pos = std::move(ev);
      out.push_back(std::move(t));
    } else {
      not_run(oi, key, pos, SignalKind::recurring,
              "fewer than " + std::to_string(m + 4) + " periods (the last " + std::to_string(m) + " and 4 before)", out);
    }
  }
  if (wanted(SignalKind::trend)) {
    const std::size_t win = o_.grain == Grain::quarter ? 12 : 8;
    std::vector<double> tt, rate, yy, nn;
    std::vector<std::size_t> ev;
    for (std::size_t i = from(win); i <= pos; ++i) {
      if (n[i] <= 0) continue;
      const double years = static_cast<double>(org.periods[i]) / per_year();
      tt.push_back(years);
      rate.push_back(static_cast<double>(y[i]) / static_cast<double>(n[i]));
      yy.push_back(static_cast<double>(y[i]));
      nn.push_back(static_cast<double>(n[i]));
      if (y[i] > 0) ev.push_back(i);
    }
    auto mk = significance::mann_kendall(tt, rate);
    if (mk.valid) {
      Test t{oi, key, pos, SignalKind::trend};
      t.observed = static_cast<double>(x);
      auto g = significance::poisson_trend(tt, yy, nn);
      if (g.valid) {
        t.ratio = std::exp(g.b1);
        t.lo = std::exp(g.b1 - 1.959964 * g.se);
        t.hi = std::exp(g.b1 + 1.959964 * g.se);
      }
      t.p = mk.p_greater;
      t.candidate = guard && mk.s > 0;
      t.stopped = stop(mk.s > 0, "no upward trend (Mann-Kendall S " + fmt("%.0f", mk.s) + ")");
      t.detail = "Mann-Kendall S " + fmt("%.0f", mk.s) + " over " + std::to_string(mk.n) + " periods (" +
                 (mk.exact ? "exact" : "normal") + " p), Sen slope " + fmt("%+.3f", mk.sen) +
                 " per year in the rate" + (g.valid ? ", Poisson x" + fmt("%.2f", std::exp(g.b1)) + " per year" : "");
      t.evidence_pos = std::move(ev);
      out.push_back(std::move(t));
    } else {
      not_run(oi, key, pos, SignalKind::trend,
              "fewer than 5 periods with cases of the afdeling among the last " + std::to_string(win), out);
    }
  }
  if (wanted(SignalKind::profile) && !key.first.empty() && !key.second.empty()) {
    std::int64_t a = 0, na = 0, nt_theme = 0, all = 0;
    const auto& theme_all = org.count.at(Key{"", key.second});
    std::vector<std::size_t> ev;
    for (std::size_t i = start; i <= pos; ++i) {
      if (org.periods[i] <= idx - per_year()) continue;
      a += y[i];
      na += n[i];
      nt_theme += theme_all[i];
      all += org.total[i];
      if (y[i] > 0) ev.push_back(i);
    }
    const std::int64_t b = na - a, c = nt_theme - a, d = all - na - c;
    auto dp = significance::disproportion(a, b, c, d);
    if (dp.valid && a > 0) {
      Test t{oi, key, pos, SignalKind::profile};
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
                 std::to_string(c) + " of " + std::to_string(b + c + d - b) + " elsewhere in the last " +
                 (o_.grain == Grain::quarter ? "4 quarters" : "year") + "; IC " + fmt("%.2f", dp.ic) + " [" +
                 fmt("%.2f", dp.ic_lo) + ", " + fmt("%.2f", dp.ic_hi) + "]";
      t.evidence_pos = std::move(ev);
      out.push_back(std::move(t));
    } else {
      not_run(oi, key, pos, SignalKind::profile, "no case with the theme in the afdeling in the last year", out);
    }
  }
}

// A lasting change wherever it began (issue #17): the best single change point
// of the cell's rate over its whole series up to `last`, one-sided (a rise),
// with the exact conditional p of significance::shift_test. At least 3 periods with
// cases on each side. Its guard: cases in the whole series (blind to where the
// change lies), some cases after it, and a rate after at least 1.5 times the
// rate before; the evidence is the cases since.
void Engine::evaluate_shift(std::size_t oi, const Key& key, std::size_t last, std::vector<Test>& out) const {
  const Org& org = orgs_[oi];
  const auto& y = org.count.at(key);
  const auto& n = org.exposure(key);
  const std::size_t start = org.first(key);
  if (last < start) return;
  const std::span<const std::int64_t> ys = std::span(y).subspan(start, last + 1 - start);
  const std::span<const std::int64_t> ns = std::span(n).subspan(start, last + 1 - start);
  // The exact p only where an alert is possible: the guard below first.
  significance::Shift sh = significance::shift_test(ys, ns, true, 3, false);
  if (!sh.valid) return not_run(oi, key, last, SignalKind::shift, "fewer than 6 periods with cases (3 on each side)", out);
  if (sh.max_lr <= 0) return not_run(oi, key, last, SignalKind::shift, "the rate rises at no split", out);
  std::int64_t total = 0;
  for (auto v : ys) total += v;
  const std::size_t tau = start + sh.tau;
  Test t{oi, key, last, SignalKind::shift};
  t.observed = static_cast<double>(sh.y_after);
  t.expected = sh.rate_before * static_cast<double>(sh.n_after);
  if (sh.rate_before > 0) t.ratio = sh.rate_after / sh.rate_before;
  // On a large archive a rise from 6.1% to 7.3% is significant and of no
  // interest to anyone: an alert also needs the rate to rise by half.
  t.candidate = total >= o_.min_recent && sh.y_after >= o_.min_count && sh.rate_after >= 1.5 * sh.rate_before;
  // A test that cannot alert enters Benjamini-Hochberg with p = 1 instead of
  // its exact p: a larger p never lowers another test's q, and the exact p's
  // dynamic program was two thirds of a run on a large archive (#17).
  if (t.candidate) sh.p = significance::shift_test(ys, ns, true, 3, true).p;
  t.p = sh.p;
  if (total < o_.min_recent)
    t.stopped = std::to_string(total) + " cases in the whole series, under --min-recent " + std::to_string(o_.min_recent);
  if (sh.y_after < o_.min_count)
    t.stopped = joined(t.stopped, std::to_string(sh.y_after) + " cases since the change, under --min-count " +
                                      std::to_string(o_.min_count));
  if (sh.rate_after < 1.5 * sh.rate_before)
    t.stopped = joined(t.stopped, "the rate rose only x" + fmt("%.2f", sh.rate_before > 0 ? sh.rate_after / sh.rate_before : 0) +
                                      ", under x1.5");
  if (!t.candidate) t.stopped = joined(t.stopped, "so its exact p was not computed (p taken as 1)");
  ShiftFacts f;
  f.since_index = org.periods[tau];
  f.since = period_label(f.since_index, o_.grain);
  f.before = {sh.y_before, sh.n_before, sh.rate_before, sh.lo_before, sh.hi_before};
  f.after = {sh.y_after, sh.n_after, sh.rate_after, sh.lo_after, sh.hi_after};
  f.statistic = sh.max_lr;
  f.latest = period_label(org.periods[last], o_.grain);
  f.still_up = n[last] > 0 && static_cast<double>(y[last]) / static_cast<double>(n[last]) > sh.hi_before;
  t.detail = "since " + f.since + " " + std::to_string(sh.y_after) + " of " + std::to_string(sh.n_after) + " (" +
             fmt("%.0f%%", 100 * sh.rate_after) + ") against " + std::to_string(sh.y_before) + " of " +
             std::to_string(sh.n_before) + " (" + fmt("%.0f%%", 100 * sh.rate_before) + ") before; LR " +
             fmt("%.2f", sh.max_lr) + " over " + std::to_string(sh.lr.size()) + " possible changes, exact p";
  for (std::size_t i = tau; i <= last; ++i)
    if (y[i] > 0) t.evidence_pos.push_back(i);
  t.shift = std::move(f);
  out.push_back(std::move(t));
}

std::vector<SeriesPoint> Engine::series(const Org& org, const Key& key) const {
  const auto& y = org.count.at(key);
  const auto& n = org.exposure(key);
  const std::size_t w = o_.grain == Grain::quarter ? 6 : 3;
  const std::size_t start = org.first(key);
  std::vector<SeriesPoint> out;
  for (std::size_t i = start; i < y.size(); ++i) {
    SeriesPoint p;
    p.index = org.periods[i];
    p.period = period_label(p.index, o_.grain);
    p.count = y[i];
    p.exposure = n[i];
    if (i >= start + 3) {
      double s = 0, e = 0;
      for (std::size_t j = std::max(start, i >= w ? i - w : 0); j < i; ++j) { s += static_cast<double>(y[j]); e += static_cast<double>(n[j]); }
      auto b = significance::bayes_exposure(s, e, static_cast<double>(n[i]), y[i], o_.alpha);
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

void Engine::evidence(Signal& s, const Org& org, const Key& key, const std::vector<std::size_t>& positions) const {
  std::set<int> periods;
  for (std::size_t p : positions) periods.insert(org.periods[p]);
  std::vector<const Unit*> chosen;
  for (const Unit& u : units_) {
    if (&orgs_[u.org] != &org || !periods.count(u.period)) continue;
    if (!key.first.empty() && afdeling(u) != key.first) continue;
    if (!key.second.empty() && !std::binary_search(u.themes.begin(), u.themes.end(), key.second)) continue;
    chosen.push_back(&u);
  }
  // Newest first: the analyst checks the current period first.
  std::stable_sort(chosen.begin(), chosen.end(), [](const Unit* a, const Unit* b) { return a->period > b->period; });
  s.evidence_total = chosen.size();
  if (o_.evidence_limit && chosen.size() > o_.evidence_limit) chosen.resize(o_.evidence_limit);
  for (const Unit* u : chosen) {
    const SignalUnit& su = in_[u->source];
    Evidence e;
    e.document_id = su.document_id;
    e.case_id = su.case_id;
    e.period = period_label(u->period, o_.grain);
    e.afdeling = su.afdeling;
    e.themes = u->themes;
    s.evidence.push_back(std::move(e));
  }
}

Signal Engine::to_signal(const Test& t, double q, bool alert) const {
  const Org& org = orgs_[t.org];
  Signal s;
  s.organisation = org.name;
  s.doctype = org.doctype;
  s.afdeling = t.key.first;
  s.theme = t.key.second;
  s.period_index = org.periods[t.pos];
  s.period = period_label(s.period_index, o_.grain);
  s.kind = t.kind;
  s.observed = t.observed;
  s.expected = t.expected;
  s.ratio = t.ratio;
  s.lo = t.lo;
  s.hi = t.hi;
  s.threshold = t.threshold;
  s.p = t.p;
  s.q = q;
  s.alert = alert;
  s.ran = t.ran;
  if (!alert) s.stopped = t.stopped;
  s.detail = t.detail;
  s.shift = t.shift;
  // Context: persistence and trend over the cell, whatever the kind.
  const auto& y = org.count.at(t.key);
  const auto& n = org.exposure(t.key);
  const std::size_t m = static_cast<std::size_t>(o_.recur_m);
  const std::size_t start = org.first(t.key);
  s.window = t.pos + 1 >= start ? static_cast<int>(std::min(m, t.pos + 1 - start)) : 0;
  for (std::size_t j = t.pos + 1 - static_cast<std::size_t>(s.window); j <= t.pos && s.window > 0; ++j) s.present += y[j] > 0;
  std::vector<double> tt, rate;
  const std::size_t win = o_.grain == Grain::quarter ? 12 : 8;
  for (std::size_t j = std::max(start, t.pos + 1 >= win ? t.pos + 1 - win : 0); j <= t.pos; ++j)
    if (n[j] > 0) {
      tt.push_back(static_cast<double>(org.periods[j]) / per_year());
      rate.push_back(static_cast<double>(y[j]) / static_cast<double>(n[j]));
    }
  auto mk = significance::mann_kendall(tt, rate);
  if (mk.valid) { s.trend_slope = mk.sen; s.trend_p = mk.p_greater; }
  s.series = series(org, t.key);
  evidence(s, org, t.key, t.evidence_pos);
  return s;
}

Result<SignalReport> Engine::run() {
  load();
  count();
  SignalReport rep;
  rep.grain = o_.grain;
  rep.units = units_.size();
  rep.unplaced = unplaced_;
  std::optional<int> from, to;
  if (!o_.from.empty()) { OMB_TRY_ASSIGN(f, parse_period(o_.from, o_.grain, false)); from = f; }
  if (!o_.to.empty()) { OMB_TRY_ASSIGN(t, parse_period(o_.to, o_.grain, true)); to = t; }
  if (from && to && *from > *to)
    return make_error(Errc::usage, "signals: --from " + o_.from + " is after --to " + o_.to);

  std::vector<Test> tests;
  for (std::size_t oi = 0; oi < orgs_.size(); ++oi) {
    const Org& org = orgs_[oi];
    if (org.periods.empty()) continue;
    std::vector<std::size_t> eval;
    for (std::size_t i = 0; i < org.periods.size(); ++i) {
      if (!from && !to) { if (i + 1 == org.periods.size()) eval.push_back(i); continue; }
      if (from && org.periods[i] < *from) continue;
      if (to && org.periods[i] > *to) continue;
      eval.push_back(i);
    }
    for (const auto& [key, ys] : org.count) {
      // Explaining, every cell is tested (q as in a run without the names).
      if (!o_.explain && !named(key)) continue;
      ++rep.cells;
      for (std::size_t pos : eval) evaluate(oi, key, pos, tests);
      if (wanted(SignalKind::shift) && !eval.empty()) evaluate_shift(oi, key, eval.back(), tests);
    }
  }
  // Benjamini-Hochberg over every test that ran.
  std::vector<double> ps;
  std::vector<std::size_t> ran;
  for (std::size_t i = 0; i < tests.size(); ++i)
    if (tests[i].ran) { ps.push_back(tests[i].p); ran.push_back(i); }
  rep.tests = ran.size();
  rep.q_level = o_.q;
  std::vector<double> qs(tests.size(), 1.0);
  {
    const auto adjusted = significance::bh_adjust(ps);
    for (std::size_t k = 0; k < ran.size(); ++k) qs[ran[k]] = adjusted[k];
  }
  std::vector<bool> alert(tests.size(), false);
  std::optional<std::size_t> closest;
  for (std::size_t i : ran) {
    Test& t = tests[i];
    alert[i] = t.candidate && qs[i] <= o_.q;
    if (qs[i] <= o_.q) { ++rep.bh_passed; rep.bh_cutoff = std::max(rep.bh_cutoff, t.p); }
    if (qs[i] > o_.q) t.stopped = joined(t.stopped, "q " + fmt("%.3g", qs[i]) + " above --q " + fmt("%.3g", o_.q));
    if (!alert[i] && (!closest || qs[i] < qs[*closest] || (qs[i] == qs[*closest] && t.p < tests[*closest].p)))
      closest = i;
  }

  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (o_.explain ? named(tests[i].key) : (alert[i] || o_.all)) keep.push_back(i);
  }
  std::sort(keep.begin(), keep.end(), [&](std::size_t a, std::size_t b) {
    if (tests[a].ran != tests[b].ran) return tests[a].ran;
    if (qs[a] != qs[b]) return qs[a] < qs[b];
    const double ra = tests[a].ratio.value_or(0), rb = tests[b].ratio.value_or(0);
    if (ra != rb) return ra > rb;
    return a < b;
  });
  rep.explained = o_.explain;
  for (std::size_t i : keep) rep.signals.push_back(to_signal(tests[i], qs[i], alert[i]));
  if (closest) {
    rep.closest = to_signal(tests[*closest], qs[*closest], false);
    // Its cases are counted, not listed: no output shows them, and a shift's
    // are every case since the change (reading their sentences took seconds).
    rep.closest->evidence.clear();
  }

  // Heatmap: theme x afdeling cells (and theme overall), rate per period.
  std::set<int> cols;
  for (const Org& org : orgs_) cols.insert(org.periods.begin(), org.periods.end());
  std::vector<int> colv(cols.begin(), cols.end());
  for (int c : colv) rep.columns.push_back(period_label(c, o_.grain));
  for (const Org& org : orgs_)
    for (const auto& [key, ys] : org.count) {
      if (key.second.empty() || !named(key)) continue;
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
      rep.heatmap.push_back(std::move(row));
    }
  return rep;
}

}  // namespace

const char* kind_name(SignalKind k) {
  switch (k) {
    case SignalKind::shift: return "shift";
    case SignalKind::rising: return "rising";
    case SignalKind::unusual: return "unusual";
    case SignalKind::recurring: return "recurring";
    case SignalKind::trend: return "trend";
    case SignalKind::profile: return "profile";
  }
  return "?";
}

const char* kind_question(SignalKind k) {
  switch (k) {
    case SignalKind::shift: return "What changed for good, and since when?";
    case SignalKind::rising: return "Is the latest period higher than the periods before it?";
    case SignalKind::unusual: return "Is the latest period above what the recent past predicts?";
    case SignalKind::recurring: return "Does it keep coming back, period after period?";
    case SignalKind::trend: return "Is it climbing steadily?";
    case SignalKind::profile: return "Is it more common in this afdeling than elsewhere?";
  }
  return "?";
}

Result<SignalKind> parse_kind(std::string_view name) {
  for (SignalKind k : kAllKinds)
    if (name == kind_name(k)) return k;
  return make_error(Errc::usage, "signals: unknown kind '" + std::string(name) +
                                     "' (shift, rising, unusual, recurring, trend or profile)");
}

std::string period_label(int index, Grain g) {
  if (g == Grain::year) return std::to_string(index);
  return std::to_string(index / 4) + "Q" + std::to_string(index % 4 + 1);
}

Result<int> parse_period(std::string_view text, Grain g, bool end) {
  std::string s;
  for (char c : text)
    if (c != ' ' && c != '-') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int year = 0, quarter = 0;
  char extra = 0;
  const bool ok = (s.size() == 4 && std::sscanf(s.c_str(), "%4d%c", &year, &extra) == 1) ||
                  (s.size() == 6 && std::sscanf(s.c_str(), "%4dQ%1d%c", &year, &quarter, &extra) == 2 &&
                   quarter >= 1 && quarter <= 4);
  if (!ok || year < 1900 || year > 2200)
    return make_error(Errc::usage, "signals: period '" + std::string(text) + "' is not a year (2021) or a quarter (2021Q3)");
  if (g == Grain::year) return year;
  if (quarter == 0) quarter = end ? 4 : 1;
  return year * 4 + quarter - 1;
}

Result<std::vector<SignalUnit>> load_signal_units(Database& db) {
  std::vector<SignalUnit> out;

  auto period = [](SignalUnit& u, Stmt& s, int col) {
    if (!s.is_null(col)) u.year = static_cast<int>(s.int64(col));
    if (!s.is_null(col + 1)) u.quarter = static_cast<int>(s.int64(col + 1));
    u.date = s.text(col + 2);
  };
  OMB_TRY_ASSIGN(cases, db.prepare(
      "SELECT c.id, c.document_id, c.afdeling, c.themes, d.organisation, d.year, d.quarter, IFNULL(d.date, ''), "
      " d.doctype "
      "FROM cases c JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.ordinal"));
  while (true) {
    OMB_TRY_ASSIGN(row, cases.step());
    if (!row) break;
    SignalUnit u;
    u.case_id = cases.int64(0);
    u.document_id = cases.int64(1);
    u.afdeling = cases.text(2);
    u.themes = parse_theme_list(cases.view(3));
    u.organisation = cases.text(4);
    period(u, cases, 5);
    u.doctype = cases.text(8);
    out.push_back(std::move(u));
  }
  // Reports without cases: one unit each, with the document's themes; its
  // afdeling only where the report names exactly one.
  OMB_TRY_ASSIGN(docs, db.prepare(
      "SELECT d.id, d.organisation, d.year, d.quarter, IFNULL(d.date, ''), "
      " (SELECT json_group_array(value) FROM (SELECT DISTINCT value FROM tags t "
      "   WHERE t.document_id = d.id AND t.type = 'theme' ORDER BY value)), "
      " (SELECT CASE WHEN COUNT(DISTINCT value) = 1 THEN MAX(value) ELSE '' END FROM tags t "
      "   WHERE t.document_id = d.id AND t.type = 'afdeling'), d.doctype "
      "FROM documents d WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.document_id = d.id) ORDER BY d.id"));
  while (true) {
    OMB_TRY_ASSIGN(row, docs.step());
    if (!row) break;
    SignalUnit u;
    u.document_id = docs.int64(0);
    u.organisation = docs.text(1);
    period(u, docs, 2);
    u.themes = parse_theme_list(docs.view(5));
    u.afdeling = docs.text(6);
    u.doctype = docs.text(7);
    out.push_back(std::move(u));
  }
  return out;
}

Result<SignalReport> detect_signals(const std::vector<SignalUnit>& units, const SignalOptions& options) {
  if (!(options.q > 0 && options.q <= 1)) return make_error(Errc::usage, "signals: --q must be in (0, 1]");
  if (options.recur_k < 1 || options.recur_m < options.recur_k)
    return make_error(Errc::usage, "signals: recurring needs 1 <= k <= m");
  if (!(options.alpha > 0 && options.alpha < 1)) return make_error(Errc::usage, "signals: alpha must be in (0, 1)");
  Engine e(units, options);
  return e.run();
}

Status attach_evidence(Database& db, SignalReport& report) {
  OMB_TRY_ASSIGN(cs, db.prepare("SELECT zaaknummer, title FROM cases WHERE id = ?"));
  OMB_TRY_ASSIGN(ds, db.prepare("SELECT title FROM documents WHERE id = ?"));
  OMB_TRY_ASSIGN(src, db.prepare("SELECT path FROM sources WHERE document_id = ? ORDER BY path"));
  // The theme's first tag, inside the case's own text before references to
  // it, in a paragraph before other passages.
  OMB_TRY_ASSIGN(tag, db.prepare(
      "SELECT p.page, p.line, p.start, p.body, t.start, t.end, t.rule FROM tags t JOIN passages p "
      " ON p.document_id = t.document_id AND t.start >= p.start AND t.start < p.end "
      " LEFT JOIN cases c ON c.id = t.case_id "
      "WHERE t.document_id = ?1 AND t.type = 'theme' AND (?2 = '' OR t.value = ?2) "
      " AND (t.case_id = ?3 OR (?3 IS NULL AND t.case_id IS NULL)) "
      "ORDER BY NOT (c.id IS NULL OR (t.start >= c.start AND t.start < c.end)), p.kind <> 'paragraph', t.start "
      "LIMIT 1"));
  OMB_TRY_ASSIGN(first, db.prepare(
      "SELECT p.page, p.line, p.start, p.body, p.start, p.start, '' FROM passages p "
      "WHERE p.document_id = ?1 AND (?2 IS NULL OR p.case_id = ?2) AND p.kind = 'paragraph' "
      "ORDER BY p.ordinal LIMIT 1"));
  std::vector<Signal*> all;
  for (Signal& s : report.signals) all.push_back(&s);
  if (report.closest) all.push_back(&*report.closest);
  for (Signal* sp : all)
    for (Evidence& e : sp->evidence) {
      if (e.case_id) {
        cs.reset();
        cs.bind(1, *e.case_id);
        OMB_TRY_ASSIGN(row, cs.step());
        if (row) { e.zaaknummer = cs.text(0); e.title = cs.text(1); }
      }
      ds.reset();
      ds.bind(1, e.document_id);
      OMB_TRY_ASSIGN(drow, ds.step());
      if (drow) e.document_title = ds.text(0);
      if (e.title.empty()) e.title = e.document_title;
      src.reset();
      src.bind(1, e.document_id);
      e.sources.clear();
      while (true) {
        OMB_TRY_ASSIGN(r, src.step());
        if (!r) break;
        e.sources.push_back(src.text(0));
      }
      for (Stmt* st : {&tag, &first}) {
        st->reset();
        st->bind(1, e.document_id);
        if (st == &tag) {
          st->bind(2, sp->theme);
          if (e.case_id) st->bind(3, *e.case_id); else st->bind_null(3);
        } else {
          if (e.case_id) st->bind(2, *e.case_id); else st->bind_null(2);
        }
        OMB_TRY_ASSIGN(r, st->step());
        if (!r) continue;
        e.page = static_cast<int>(st->int64(0));
        e.line = static_cast<int>(st->int64(1));
        const std::string body = st->text(3);
        const std::int64_t pstart = st->int64(2);
        const auto at = static_cast<std::size_t>(std::max<std::int64_t>(0, st->int64(4) - pstart));
        const auto to = static_cast<std::size_t>(std::max<std::int64_t>(0, st->int64(5) - pstart));
        e.sentence = sentence_around(body, at, to);
        e.rule = st->text(6);
        break;
      }
    }
  return {};
}

Result<SignalReport> find_signals(Database& db, const SignalOptions& options) {
  OMB_TRY_ASSIGN(units, load_signal_units(db));
  OMB_TRY_ASSIGN(report, detect_signals(units, options));
  OMB_TRY(attach_evidence(db, report));
  return report;
}

}  // namespace omb
