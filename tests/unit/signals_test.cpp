// signals/signals.h: the detectors on generated case series (planted rise,
// planted recurrence, flat controls, many seeds), on the sample archive, and
// with bad options. The statistics themselves are in significance_test.cpp and
// change_point_test.cpp; the steps in cells_test, fdr_test and evidence_test.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <random>
#include <set>

#include "ingest/ingest.h"
#include "output/signals_out.h"
#include "signals/signals.h"
#include "store/db.h"
#include "testutil.h"

using namespace omb;

namespace {

const std::vector<std::string> kThemes = {"communicatie", "bejegening", "afhandelingsduur", "bereikbaarheid",
                                          "privacy"};
const std::vector<std::string> kAfdelingen = {"Werk", "Inkomen", "Schuldhulp", "Jeugd"};

struct Plan {
  bool rise = true;        // communicatie in Werk: 10% of cases, 65% in the last 2 quarters
  bool recurrence = true;  // bejegening in Inkomen: 1% of cases, 45% in the last 6 quarters
};

// 24 quarters (2017Q1-2022Q4), 4 afdelingen with about 12 cases a quarter
// each, every theme on 10% of cases unless planted otherwise.
std::vector<SignalUnit> generate(unsigned seed, Plan plan) {
  std::mt19937 rng(seed);
  std::poisson_distribution<int> cases(12.0);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<SignalUnit> out;
  std::int64_t id = 0;
  for (int t = 0; t < 24; ++t)
    for (const auto& a : kAfdelingen) {
      const int n = cases(rng);
      for (int i = 0; i < n; ++i) {
        SignalUnit su;
        su.document_id = 1 + t;
        su.case_id = ++id;
        su.organisation = "Ombudsman Simulatie";
        su.doctype = "kwartaalrapportage";
        su.afdeling = a;
        su.year = 2017 + t / 4;
        su.quarter = t % 4 + 1;
        for (const auto& th : kThemes) {
          double p = 0.10;
          if (plan.rise && a == "Werk" && th == "communicatie" && t >= 22) p = 0.65;
          if (plan.recurrence && a == "Inkomen" && th == "bejegening") p = t >= 18 ? 0.45 : 0.01;
          if (u(rng) < p) su.themes.push_back(th);
        }
        out.push_back(std::move(su));
      }
    }
  return out;
}

bool planted(const Signal& s) {
  // The planted cells, and the overall cells they lift.
  if (s.theme == "communicatie" && (s.afdeling == "Werk" || s.afdeling.empty())) return true;
  if (s.theme == "bejegening" && (s.afdeling == "Inkomen" || s.afdeling.empty())) return true;
  if (s.theme.empty() && (s.afdeling == "Werk" || s.afdeling == "Inkomen")) return true;
  return false;
}

}  // namespace

TEST_CASE("Planted rise and recurrence are found across seeds; flat cells stay quiet", "[signals][simulation]") {
  const int seeds = 60;
  int rise_found = 0, recurrence_found = 0, runs_with_false = 0;
  double fdp_sum = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    auto units = generate(static_cast<unsigned>(seed), Plan{});
    SignalOptions o;
    o.from = "2022Q3";  // the two quarters of the rise, as an analyst running signals each quarter sees them
    auto r = detect_signals(units, o);
    REQUIRE(r.ok());
    bool rise = false, recur = false;
    int alerts = 0, false_alerts = 0;
    for (const auto& s : r->signals) {
      REQUIRE(s.alert);
      REQUIRE(s.q <= 0.10);
      ++alerts;
      if (s.theme == "communicatie" && s.afdeling == "Werk" &&
          (s.kind == SignalKind::rising || s.kind == SignalKind::unusual || s.kind == SignalKind::trend))
        rise = true;
      if (s.theme == "bejegening" && s.afdeling == "Inkomen" && s.kind == SignalKind::recurring) recur = true;
      if (!planted(s)) ++false_alerts;
    }
    rise_found += rise;
    recurrence_found += recur;
    runs_with_false += false_alerts > 0;
    fdp_sum += alerts ? static_cast<double>(false_alerts) / alerts : 0.0;
  }
  INFO("rise " << rise_found << ", recurrence " << recurrence_found << ", runs with a false alert "
               << runs_with_false << ", mean false discovery proportion " << fdp_sum / seeds);
  CHECK(rise_found >= seeds * 9 / 10);
  CHECK(recurrence_found >= seeds * 8 / 10);
  CHECK(fdp_sum / seeds <= 0.10);  // BH at q = 0.10 controls the false discovery rate
}

TEST_CASE("On flat series the share of runs with any alert after BH is at most q", "[signals][simulation]") {
  const int seeds = 100;
  int runs_with_alert = 0;
  std::size_t tests = 0;
  for (int seed = 1000; seed < 1000 + seeds; ++seed) {
    auto units = generate(static_cast<unsigned>(seed), Plan{false, false});
    SignalOptions o;
    o.from = "2021Q1";  // eight periods evaluated per cell: many tests
    o.to = "2022Q4";
    auto r = detect_signals(units, o);
    REQUIRE(r.ok());
    tests += r->tests;
    runs_with_alert += !r->signals.empty();
  }
  INFO(runs_with_alert << " of " << seeds << " flat runs had an alert; " << tests / seeds << " tests a run");
  CHECK(tests / seeds > 500);
  CHECK(runs_with_alert <= seeds / 10);
}

TEST_CASE("Exposure: the same share in a busier afdeling is not a rise", "[signals]") {
  // Werk: 2 of 10 cases with the theme every quarter, then 6 of 30 in a busy quarter.
  std::vector<SignalUnit> units;
  std::int64_t id = 0;
  for (int t = 0; t < 16; ++t) {
    const int n = t == 15 ? 30 : 10, k = t == 15 ? 6 : 2;
    for (int i = 0; i < n; ++i) {
      SignalUnit su;
      su.document_id = t + 1;
      su.case_id = ++id;
      su.organisation = "O";
      su.doctype = "kwartaalrapportage";
      su.afdeling = "Werk";
      su.year = 2019 + t / 4;
      su.quarter = t % 4 + 1;
      if (i < k) su.themes.push_back("communicatie");
      units.push_back(su);
    }
  }
  SignalOptions o;
  o.all = true;
  o.themes = {"communicatie"};
  o.afdelingen = {"Werk"};
  auto r = detect_signals(units, o);
  REQUIRE(r.ok());
  bool saw_rising = false;
  for (const auto& s : r->signals) {
    CHECK_FALSE(s.alert);
    if (s.kind == SignalKind::rising) {
      saw_rising = true;
      CHECK(s.observed == 6);
      CHECK(*s.ratio == Approx(1.0));  // 6/30 against 24/120
      CHECK(*s.expected == Approx(6.0));
    }
    if (s.kind == SignalKind::unusual) CHECK(*s.threshold >= 6);  // the bound grows with the exposure
  }
  CHECK(saw_rising);
}

TEST_CASE("Periods without reports are missing, not zero; reports without cases are one unit", "[signals]") {
  std::vector<SignalUnit> units;
  std::int64_t id = 0;
  for (int year : {2015, 2016, 2018, 2019}) {  // nothing published in 2017
    for (int i = 0; i < 4; ++i) {
      SignalUnit su;
      su.document_id = year;
      su.case_id = ++id;
      su.organisation = "O";
      su.doctype = "jaarverslag";
      su.afdeling = "Werk";
      su.year = year;
      su.themes = {"communicatie"};
      units.push_back(su);
    }
  }
  SignalUnit report;  // an audit study without cases, dated
  report.document_id = 99;
  report.organisation = "R";
  report.doctype = "rekenkameronderzoek";
  report.themes = {"communicatie", "bejegening"};
  report.date = "2019-05-02";
  units.push_back(report);
  SignalOptions o;
  o.grain = Grain::year;
  o.all = true;
  auto r = detect_signals(units, o);
  REQUIRE(r.ok());
  CHECK(r->units == 17);
  CHECK(r->unplaced == 0);
  REQUIRE_FALSE(r->signals.empty());
  const Signal& s = r->signals.front();
  std::vector<std::string> periods;
  for (const auto& p : (s.organisation == "O" ? s : r->signals.back()).series) periods.push_back(p.period);
  CHECK(periods == std::vector<std::string>{"2015", "2016", "2018", "2019"});
  CHECK(r->columns == std::vector<std::string>{"2015", "2016", "2018", "2019"});
  bool audit_row = false;
  for (const auto& row : r->heatmap)
    if (row.organisation == "R" && row.theme == "bejegening") {
      audit_row = true;
      CHECK_FALSE(row.rate[0].has_value());  // no report of R in 2015
      CHECK(row.rate[3] == Approx(1.0));     // 1 of 1 unit in 2019
    }
  CHECK(audit_row);
  // By quarter the annual reports have no quarter; the audit study has its date.
  o.grain = Grain::quarter;
  auto q = detect_signals(units, o);
  REQUIRE(q.ok());
  CHECK(q->unplaced == 16);
}

TEST_CASE("Bad signal options are usage errors that say what is wrong", "[signals][errors]") {
  std::vector<SignalUnit> none;
  SignalOptions o;
  o.from = "2021Q5";
  auto r = detect_signals(none, o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::usage);
  CHECK(r.error().message == "signals: period '2021Q5' is not a year (2021) or a quarter (2021Q3)");
  o.from = "2022";
  o.to = "2021Q2";
  r = detect_signals(none, o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "signals: --from 2022 is after --to 2021Q2");
  o = {};
  o.q = 0;
  CHECK_FALSE(detect_signals(none, o).ok());
  CHECK(parse_kind("rising").ok());
  CHECK(parse_kind("spike").error().message ==
        "signals: unknown kind 'spike' (shift, rising, unusual, recurring, trend or profile)");
  CHECK(*parse_period("2021-q3", Grain::quarter, false) == 2021 * 4 + 2);
  CHECK(*parse_period("2021", Grain::quarter, true) == 2021 * 4 + 3);
  CHECK(*parse_period("2021Q3", Grain::year, false) == 2021);
  // An empty database has no signals and says so without failing.
  auto empty = detect_signals(none, SignalOptions{});
  REQUIRE(empty.ok());
  CHECK(empty->signals.empty());
  CHECK(render_signals(*empty, {}).find("Nothing stands out at q 0.10 over 0 tests of 0 cells.\n") != std::string::npos);
}

TEST_CASE("The sample archive: the planted communicatie signal, with its evidence", "[signals][corpus]") {
  test::TempDir dir;
  auto db = Database::open(dir.file("s.db"));
  REQUIRE(db.ok());
  auto an = Analyzer::create(test::source_dir() + "/dictionaries");
  REQUIRE(an.ok());
  IngestOptions io;
  io.jobs = 2;
  auto ing = ingest(*db, {test::source_dir() + "/corpus"}, *an, io);
  REQUIRE(ing.ok());

  auto units = load_signal_units(*db);
  REQUIRE(units.ok());
  auto count = db->prepare("SELECT (SELECT COUNT(*) FROM cases) + (SELECT COUNT(*) FROM documents d "
                           "WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.document_id = d.id))");
  REQUIRE(count.ok());
  REQUIRE(*count->step());
  CHECK(units->size() == static_cast<std::size_t>(count->int64(0)));

  auto r = find_signals(*db, SignalOptions{});
  REQUIRE(r.ok());
  std::vector<std::string> got;
  for (const auto& s : r->signals) got.push_back(s.theme + "|" + s.afdeling + "|" + s.period + "|" + kind_name(s.kind));
  std::sort(got.begin(), got.end());
  // The default answers both questions (#17): what changed for good (shift,
  // over the whole archive) and what stands out in the latest quarter.
  CHECK(got == std::vector<std::string>{"communicatie|Werk en Re-integratie|2022Q4|recurring",
                                        "communicatie|Werk en Re-integratie|2022Q4|shift",
                                        "communicatie|Werk en Re-integratie|2022Q4|trend",
                                        "communicatie||2022Q4|shift", "communicatie||2022Q4|trend"});
  // The planted signal began in 2021Q3 (corpus/README.md): the shift says so.
  const Signal* sh = nullptr;
  for (const auto& s : r->signals)
    if (s.kind == SignalKind::shift && !s.afdeling.empty()) sh = &s;
  REQUIRE(sh);
  REQUIRE(sh->shift);
  CHECK(sh->shift->since == "2021Q3");
  CHECK(sh->shift->before.count == 3);
  CHECK(sh->shift->before.exposure == 20);
  CHECK(sh->shift->after.count == 21);
  CHECK(sh->shift->after.exposure == 27);
  CHECK(sh->shift->still_up);
  CHECK(sh->evidence_total == 21);
  const Signal* rec = nullptr;
  for (const auto& s : r->signals)
    if (s.kind == SignalKind::recurring) rec = &s;
  REQUIRE(rec);
  CHECK(rec->organisation == "Ombudsman Amstelveld");
  CHECK(rec->doctype == "kwartaalrapportage");
  CHECK(rec->observed == 6);
  CHECK(rec->present == 6);
  CHECK(rec->window == 6);
  // The planted counts 2, 3, 3, 4, 4, 5 from 2021Q3 on are the evidence.
  CHECK(rec->evidence_total == 21);
  std::map<std::string, int> per_period;
  for (const auto& e : rec->evidence) {
    ++per_period[e.period];
    CHECK(e.case_id.has_value());
    CHECK_FALSE(e.zaaknummer.empty());
    CHECK_FALSE(e.title.empty());
    CHECK(e.afdeling == "Werk en Re-integratie");
    REQUIRE(e.sources.size() >= 1);
    CHECK(e.sources.front().find("kwartaalrapportage-" + e.period.substr(0, 4) + "-q") != std::string::npos);
    CHECK(e.sentence.find(kMarkOpen) != std::string::npos);
    CHECK(e.rule.rfind("theme.", 0) == 0);
    CHECK(e.line > 1);
  }
  CHECK(per_period == std::map<std::string, int>{{"2021Q3", 2}, {"2021Q4", 3}, {"2022Q1", 3},
                                                 {"2022Q2", 4}, {"2022Q3", 4}, {"2022Q4", 5}});
  CHECK(rec->evidence.front().period == "2022Q4");  // newest first
  // The series for the chart: 2018Q1 .. 2022Q4, no gaps, the bound after three periods of reference.
  REQUIRE(rec->series.size() == 20);
  CHECK(rec->series.front().period == "2018Q1");
  CHECK_FALSE(rec->series[2].threshold.has_value());
  CHECK_FALSE(rec->series[3].threshold.has_value());  // 2018Q4: no case of the afdeling, no exposure
  CHECK(rec->series[4].threshold.has_value());
  CHECK(rec->series.back().count == 5);

  // JSON Lines: one record per signal with the fields the issue names.
  SignalRenderOptions ro;
  ro.format = SignalFormat::json;
  std::string json = render_signals(*r, ro);
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = json.find('\n', at)) != std::string::npos; ++at) ++lines;
  CHECK(lines == r->signals.size());
  auto first = nlohmann::json::parse(json.substr(0, json.find('\n')));
  for (const char* k : {"theme", "afdeling", "period", "kind", "observed", "expected", "ratio", "ci", "p", "q",
                        "persistence", "trend", "evidence"})
    CHECK(first.contains(k));
  // CSV: a header and one row per signal.
  ro.format = SignalFormat::csv;
  std::string csv = render_signals(*r, ro);
  CHECK(csv.rfind("theme,afdeling,organisation,doctype,period,kind,alert,", 0) == 0);
  // HTML: one chart per signal with a point per period, escaped text.
  ro.format = SignalFormat::html;
  std::string html = render_signals(*r, ro);
  std::size_t charts = 0;
  for (std::size_t at = 0; (at = html.find("<svg class=\"chart\"", at)) != std::string::npos; ++at) ++charts;
  CHECK(charts == r->signals.size());
  CHECK(html.find("data-points=\"20\"") != std::string::npos);
  CHECK(html.find("<mark>") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);  // self-contained: nothing to fetch
}

TEST_CASE("HTML output escapes what the documents say", "[signals][html]") {
  SignalReport r;
  Signal s;
  s.theme = "<script>alert(1)</script>";
  s.afdeling = "A & B";
  s.period = "2022Q4";
  s.alert = true;
  Evidence e;
  e.title = "\"quoted\" <b>";
  e.sentence = std::string("een ") + kMarkOpen + "<img src=x onerror=alert(1)>" + kMarkClose;
  e.sources = {"a<b>.txt"};
  s.evidence.push_back(e);
  s.evidence_total = 1;
  s.series.push_back(SeriesPoint{"2022Q4", 2022 * 4 + 3, 1, 2});
  r.signals.push_back(s);
  SignalRenderOptions o;
  o.format = SignalFormat::html;
  std::string html = render_signals(r, o);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<mark>&lt;img src=x onerror=alert(1)&gt;</mark>") != std::string::npos);
  CHECK(html.find("A &amp; B") != std::string::npos);
  CHECK(html_escape("'\"<>&") == "&#39;&quot;&lt;&gt;&amp;");
}

// ---------------------------------------------------------------- shift (#17)
namespace {

// 44 quarters (2012Q1-2022Q4), four afdelingen with 5-10 cases a quarter,
// each case with one main theme (communicatie on about 20%). From `change`
// on, Jeugd gets twice its cases and about 65% of them are about
// communicatie. Tags are imperfect as on real reports: a quarter of the
// theme's cases lack the tag, and a tenth of the other cases carry it.
std::vector<SignalUnit> generate_shift(unsigned seed, int change /* -1: none */) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> cases(5, 10);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<SignalUnit> out;
  std::int64_t id = 0;
  for (int t = 0; t < 44; ++t)
    for (const auto& a : kAfdelingen) {
      const bool after = change >= 0 && t >= change && a == "Jeugd";
      const int n = cases(rng) * (after ? 2 : 1);
      for (int i = 0; i < n; ++i) {
        SignalUnit su;
        su.document_id = 1 + t;
        su.case_id = ++id;
        su.organisation = "Ombudsman Simulatie";
        su.doctype = "kwartaalrapportage";
        su.afdeling = a;
        su.year = 2012 + t / 4;
        su.quarter = t % 4 + 1;
        const bool communicatie = u(rng) < (after ? 0.65 : 0.20);
        const std::string main = communicatie ? "communicatie" : kThemes[1 + rng() % (kThemes.size() - 1)];
        // The tagger: misses a quarter of the theme's cases, adds it to a tenth of the others.
        if (communicatie ? u(rng) >= 0.25 : u(rng) < 0.10) su.themes.push_back("communicatie");
        if (!communicatie) su.themes.push_back(main);
        out.push_back(std::move(su));
      }
    }
  return out;
}

}  // namespace

TEST_CASE("A lasting change is found wherever it began, with its start, under imperfect tags", "[signals][simulation][shift]") {
  const int seeds = 60;
  int flagged = 0, start_right = 0, shift_found = 0;
  double fdp_sum = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    std::mt19937 pick(static_cast<unsigned>(seed) * 7919u);
    const int change = 44 - (4 + static_cast<int>(pick() % 9));  // 4 to 12 periods before the end
    auto r = detect_signals(generate_shift(static_cast<unsigned>(seed), change), SignalOptions{});
    REQUIRE(r.ok());
    bool any = false, right = false;
    int alerts = 0, false_alerts = 0;
    for (const auto& s : r->signals) {
      REQUIRE(s.alert);
      ++alerts;
      const bool cell = s.theme == "communicatie" && s.afdeling == "Jeugd";
      // The change lifts Jeugd's share of all cases and communicatie overall too.
      const bool lifted = cell || (s.theme == "communicatie" && s.afdeling.empty()) ||
                          (s.theme.empty() && s.afdeling == "Jeugd");
      if (!lifted) ++false_alerts;
      any |= cell;
      if (cell && s.shift) {
        REQUIRE(s.kind == SignalKind::shift);
        const int start = (2012 + change / 4) * 4 + change % 4;
        right |= std::abs(s.shift->since_index - start) <= 1;
        CHECK(s.shift->after.rate > s.shift->before.rate);
        CHECK(s.shift->before.lo <= s.shift->before.rate);
        CHECK(s.shift->after.hi >= s.shift->after.rate);
      }
    }
    flagged += any;
    start_right += right;
    shift_found += right || std::any_of(r->signals.begin(), r->signals.end(), [](const Signal& s) {
                     return s.shift && s.theme == "communicatie" && s.afdeling == "Jeugd";
                   });
    fdp_sum += alerts ? static_cast<double>(false_alerts) / alerts : 0.0;
  }
  WARN("flagged " << flagged << " of " << seeds << ", as a shift " << shift_found << ", start within 1 quarter "
                  << start_right << ", mean false discovery proportion " << fdp_sum / seeds);
  CHECK(flagged >= 55);
  CHECK(start_right >= 45);
  CHECK(fdp_sum / seeds <= 0.10);
}

TEST_CASE("Flat archives with imperfect tags: at most one run in ten has any alert", "[signals][simulation][shift]") {
  const int seeds = 100;
  int runs_with_alert = 0;
  double fdp_sum = 0;
  for (int seed = 5000; seed < 5000 + seeds; ++seed) {
    auto r = detect_signals(generate_shift(static_cast<unsigned>(seed), -1), SignalOptions{});
    REQUIRE(r.ok());
    runs_with_alert += !r->signals.empty();
    fdp_sum += r->signals.empty() ? 0.0 : 1.0;  // every alert on a flat archive is false
  }
  WARN(runs_with_alert << " of " << seeds << " flat runs had an alert; mean false discovery proportion "
                       << fdp_sum / seeds);
  CHECK(runs_with_alert <= 10);
}

TEST_CASE("Shift: bad series give no alert, no NaN, no crash", "[signals][shift]") {
  auto unit = [](int year, int quarter, bool theme) {
    SignalUnit su;
    su.document_id = year * 10 + quarter;
    su.case_id = su.document_id * 100 + (theme ? 1 : 0);
    su.organisation = "O";
    su.doctype = "kwartaalrapportage";
    su.afdeling = "Werk";
    su.year = year;
    su.quarter = quarter;
    if (theme) su.themes.push_back("communicatie");
    return su;
  };
  SignalOptions o;
  o.kinds = {SignalKind::shift};
  o.all = true;
  // One period; a single report; all zeros; a series with gaps of years.
  std::vector<std::vector<SignalUnit>> bad = {
      {unit(2020, 1, true), unit(2020, 1, false)},
      {unit(2020, 2, true)},
      {},
  };
  std::vector<SignalUnit> zeros, gaps;
  for (int t = 0; t < 12; ++t) zeros.push_back(unit(2018 + t / 4, t % 4 + 1, false));
  for (int y : {2010, 2013, 2019, 2020, 2021, 2022, 2023})
    for (int q = 1; q <= 4; q += 3) gaps.push_back(unit(y, q, y >= 2021 && q == 4));
  bad.push_back(zeros);
  bad.push_back(gaps);
  for (const auto& units : bad) {
    auto r = detect_signals(units, o);
    REQUIRE(r.ok());
    for (const auto& s : r->signals) {
      CHECK_FALSE(s.alert);
      CHECK(std::isfinite(s.p));
      CHECK(std::isfinite(s.q));
      if (s.shift) {
        CHECK(std::isfinite(s.shift->before.rate));
        CHECK(std::isfinite(s.shift->after.rate));
      }
    }
    SignalRenderOptions ro;
    std::string text = render_signals(*r, ro);
    CHECK(text.find("nan") == std::string::npos);
    CHECK(text.find("inf") == std::string::npos);
    ro.format = SignalFormat::json;
    std::string json = render_signals(*r, ro);
    CHECK(json.find("nan") == std::string::npos);
  }
}

TEST_CASE("Signals --explain: every test of the named cell, with q of the whole run and what stopped it", "[signals][explain]") {
  // Seed 3 of the shift simulation, the change 8 quarters before the end.
  const auto units = generate_shift(3, 36);
  auto full = detect_signals(units, SignalOptions{});
  REQUIRE(full.ok());
  SignalOptions o;
  o.explain = true;
  o.themes = {"communicatie"};
  o.afdelingen = {"Jeugd"};
  auto r = detect_signals(units, o);
  REQUIRE(r.ok());
  CHECK(r->explained);
  // Every cell was still tested: the family of p-values is the whole run's.
  CHECK(r->tests == full->tests);
  CHECK(r->cells == full->cells);
  // One test of each kind on the one cell, every kind ran (44 periods).
  REQUIRE(r->signals.size() == 6);
  std::set<SignalKind> kinds;
  for (const auto& s : r->signals) {
    CHECK(s.theme == "communicatie");
    CHECK(s.afdeling == "Jeugd");
    CHECK(s.ran);
    kinds.insert(s.kind);
    // An alert has nothing that stopped it; any other test says what did.
    CHECK(s.alert == s.stopped.empty());
    // q is the q the same test has in the run without --explain.
    for (const auto& f : full->signals)
      if (f.kind == s.kind && f.theme == s.theme && f.afdeling == s.afdeling) CHECK(f.q == s.q);
  }
  CHECK(kinds.size() == 6);
  const Signal& shift = r->signals.front();
  CHECK(shift.kind == SignalKind::shift);
  CHECK(shift.alert);
  CHECK(r->bh_passed >= 1);
  CHECK(r->bh_cutoff >= shift.p);
  const std::string text = render_signals(*r, {});
  CHECK(text.find("Benjamini-Hochberg adjusted the p of all " + std::to_string(full->tests) + " tests") !=
        std::string::npos);
  CHECK(text.find("communicatie · Jeugd (Ombudsman Simulatie, kwartaalrapportage; units at level afdeling)") != std::string::npos);
  CHECK(text.find("  shift      2022Q4  p ") != std::string::npos);
}

TEST_CASE("Signals --explain: guards and tests that could not run are named", "[signals][explain]") {
  // Five quarters, two cases a quarter, one of them about communicatie.
  std::vector<SignalUnit> units;
  for (int t = 0; t < 5; ++t)
    for (int i = 0; i < 2; ++i) {
      SignalUnit su;
      su.document_id = 1 + t;
      su.case_id = 10 * t + i;
      su.organisation = "O";
      su.doctype = "kwartaalrapportage";
      su.afdeling = "Werk";
      su.year = 2021 + t / 4;
      su.quarter = t % 4 + 1;
      if (i == 0) su.themes.push_back("communicatie");
      units.push_back(su);
    }
  SignalOptions o;
  o.explain = true;
  o.themes = {"communicatie"};
  o.afdelingen = {"Werk"};
  auto r = detect_signals(units, o);
  REQUIRE(r.ok());
  std::map<SignalKind, const Signal*> by;
  for (const auto& s : r->signals) by[s.kind] = &s;
  REQUIRE(by.count(SignalKind::shift));
  CHECK_FALSE(by[SignalKind::shift]->ran);
  CHECK(by[SignalKind::shift]->stopped == "not run: fewer than 6 periods with cases (3 on each side)");
  REQUIRE(by.count(SignalKind::recurring));
  CHECK(by[SignalKind::recurring]->stopped == "not run: fewer than 10 periods (the last 6 and 4 before)");
  REQUIRE(by.count(SignalKind::rising));
  const Signal& rising = *by[SignalKind::rising];
  CHECK(rising.ran);
  CHECK_FALSE(rising.alert);
  // One case in the period, 4 in the last 4 periods; the rate did not rise.
  CHECK(rising.stopped.rfind("1 cases in the period, under --min-count 3; 4 in the last 4 periods, under --min-recent 5; "
                             "no rise (ratio 1.00)", 0) == 0);
  // Tests not run are not in the Benjamini-Hochberg family.
  std::size_t ran = 0;
  for (const auto& s : r->signals) ran += s.ran;
  CHECK(r->tests >= ran);
  const std::string text = render_signals(*r, {});
  CHECK(text.find("  shift      2022Q1  not run: fewer than 6 periods with cases (3 on each side)\n") != std::string::npos);
}

TEST_CASE("Nothing stands out: it says what was tested and which test came closest", "[signals][explain]") {
  auto r = detect_signals(generate_shift(5001, -1), SignalOptions{});
  REQUIRE(r.ok());
  REQUIRE(r->signals.empty());
  REQUIRE(r->closest);
  CHECK_FALSE(r->closest->alert);
  CHECK_FALSE(r->closest->stopped.empty());
  const std::string text = render_signals(*r, {});
  CHECK(text.find("Nothing stands out at q 0.10 over " + std::to_string(r->tests) + " tests of " +
                  std::to_string(r->cells) + " cells.\nClosest: ") != std::string::npos);
  std::string cmd = "Every test of that cell: ombudsmine signals --explain";
  if (!r->closest->theme.empty()) cmd += " --theme " + r->closest->theme;
  if (!r->closest->afdeling.empty()) cmd += " --afdeling " + r->closest->afdeling;
  CHECK(text.find(cmd + "\n") != std::string::npos);
}

TEST_CASE("signals: --level chooses the units counted as afdelingen", "[signals]") {
  test::TempDir dir;
  // A quarter of the sample archive (cases under afdelingen of the rve Werk)
  // and a report without cases that names a dienst, an afdeling and a team.
  for (const char* q : {"q1", "q2"}) {
    const std::string name = std::string("kwartaalrapportage-2018-") + q + "-rve-werk.txt";
    std::ifstream in(test::source_dir() + "/corpus/2018/" + name, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    dir.write("in/" + name, body);
  }
  dir.write("in/brief.txt",
            "Jaarverslag klachten 2020\n\nGemeente Lindehoven\n\n"
            "De Dienst Werk en Inkomen ontving klachten. Bij de afdeling Burgerzaken kwamen er vier binnen,\n"
            "waarvan twee over team Paspoorten.\n");
  auto db = Database::open(dir.file("s.db"));
  REQUIRE(db.ok());
  auto an = Analyzer::create(test::source_dir() + "/dictionaries");
  REQUIRE(an.ok());
  IngestOptions io;
  io.jobs = 1;
  REQUIRE(ingest(*db, {dir.file("in")}, *an, io).ok());

  auto afdelingen = [&](std::string_view level) {
    std::vector<std::string> v;
    auto units = load_signal_units(*db, level);
    REQUIRE(units.ok());
    for (const SignalUnit& u : *units) v.push_back((u.case_id ? "case " : "report ") + u.afdeling);
    return v;
  };
  const std::vector<std::string> cases = {"case Koers naar Werk",       "case Werk en Re-integratie", "case Werk en Re-integratie",
                                          "case Koers naar Werk",       "case Werk en Re-integratie", "case Werk en Re-integratie"};
  auto with = [](std::vector<std::string> v, const std::string& last) {
    v.push_back(last);
    return v;
  };
  const std::vector<std::string> no_case(6, "case ");
  CHECK(afdelingen("afdeling") == with(cases, "report Burgerzaken"));
  CHECK(afdelingen("dienst") == with(no_case, "report Dienst Werk en Inkomen"));
  CHECK(afdelingen("team") == with(no_case, "report Paspoorten"));
  CHECK(afdelingen("organisation") == with(no_case, "report "));
  // Every level: the cases keep their afdeling; the report names three units, so none.
  CHECK(afdelingen("all") == with(cases, "report "));
  CHECK_FALSE(load_signal_units(*db, "district").ok());
  SignalOptions o;
  o.level = "dienst";
  auto r = find_signals(*db, o);
  REQUIRE(r.ok());
  CHECK(r->level == "dienst");
  for (const Signal& s : r->signals) CHECK(s.level == "dienst");
}
