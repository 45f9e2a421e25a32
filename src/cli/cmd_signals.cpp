// ombudsmine signals — recurring and rising themes per afdeling, with the evidence.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/common.h"
#include "output/signals_out.h"
#include "signals/signals.h"

namespace omb::cli {

// The help's text below the options.
constexpr const char* kSignalsFooter =
      "A cell is a theme in an afdeling (or a theme overall, or an afdeling overall)\n"
      "in one organisation (afdelingen are the units the reports tag at the afdeling\n"
      "level; --level counts the diensten, teams or every unit instead); its count per\n"
      "period is set against all cases of that afdeling (the exposure), so a busy\n"
      "quarter is not a signal by itself.\n"
      "With no options it answers two questions: what changed for good, and since\n"
      "when (shift: the best single change point of each cell's rate over the whole\n"
      "archive, one-sided, with an exact p for taking the best of all splits; at\n"
      "least 3 periods on each side), and what stands out in the latest period:\n"
      "rising (exact Poisson rate-ratio test against the baseline),\n"
      "unusual (Bayes negative-binomial predictive bound; EARS C1 alongside),\n"
      "recurring (present in 5 of the last 6 periods, binomial tail), trend\n"
      "(Mann-Kendall on the rate, Sen's slope; 5 periods at least), profile (PRR\n"
      "and IC of the theme in the afdeling against the others). p-values of all\n"
      "tests of a run are adjusted together (Benjamini-Hochberg); an alert needs\n"
      "q <= --q and at least 3 cases now and 5 in the last 4 periods.\n"
      "When nothing stands out, it names the test that came closest and what\n"
      "stopped it; --explain shows every test of the cells you name.\n"
      "docs/signals.md explains the methods.\n\n"
      "Examples:\n"
      "  ombudsmine signals\n"
      "  ombudsmine signals --theme communicatie --by year\n"
      "  ombudsmine signals --level dienst                 # per dienst, rve or cluster\n"
      "  ombudsmine signals --from 2021Q1 --to 2022Q4 --kind rising --kind recurring\n"
      "  ombudsmine signals --format html -o signalen.html\n"
      "  ombudsmine signals --explain --theme communicatie --afdeling 'Werk en Inkomen'\n"
      "  ombudsmine signals --format json | jq '.evidence[].zaaknummer'\n\n"
      "Exit status: 0 done (with or without signals); 1 the database could not be read; 2 bad options.";

Runner add_signals(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("signals", "Find recurring and rising themes per afdeling, with the cases behind them");
  struct Opts {
    std::string by = "quarter", from, to, format, output, level = "afdeling";
    std::vector<std::string> theme, afdeling, org, kind;
    double q = 0.10;
    int min_count = 3, min_recent = 5, baseline = 0;
    std::size_t evidence = 0;
    bool all = false, explain = false;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("--by", o->by, "Periods: quarter (default) or year")->check(CLI::IsMember({"quarter", "year"}));
  sub->add_option("--theme", o->theme, "Only this theme (repeat for several)");
  sub->add_option("--afdeling", o->afdeling, "Only this afdeling (repeat for several)");
  sub->add_option("--level", o->level,
                  "Count units of this level as the afdelingen: organisation, dienst (rve, cluster, directie, "
                  "programma, sector), afdeling (default), team, or all")
      ->check(CLI::IsMember({"organisation", "dienst", "afdeling", "team", "all"}));
  sub->add_option("--org", o->org, "Only organisations whose name contains this");
  sub->add_option("--from", o->from, "Evaluate every period from this one (2021, 2021Q3)");
  sub->add_option("--to", o->to, "... up to this one (default: each organisation's latest period only)");
  sub->add_option("--kind", o->kind, "shift, rising, unusual, recurring, trend or profile (repeat; default all)")
      ->check(CLI::IsMember({"shift", "rising", "unusual", "recurring", "trend", "profile"}));
  sub->add_option("--q", o->q, "False discovery rate for Benjamini-Hochberg (default 0.10)")->check(CLI::Range(1e-9, 1.0));
  sub->add_option("--min-count", o->min_count, "No alert under this many cases in the period (default 3)")
      ->check(CLI::Range(0, 1000000));
  sub->add_option("--min-recent", o->min_recent, "... nor under this many in the last 4 periods (default 5)")
      ->check(CLI::Range(0, 1000000));
  sub->add_option("--baseline", o->baseline, "rising: periods before to compare with (default 12 quarters / 3 years)")
      ->check(CLI::Range(1, 400));
  sub->add_flag("--all", o->all, "List every test, alert or not (for scripts and for checking)");
  sub->add_flag("--explain", o->explain,
                "For the cells named by --theme/--afdeling: every test, its p and q, what Benjamini-Hochberg did, "
                "and what stopped an alert (the run still tests every cell)");
  sub->add_option("--evidence", o->evidence, "Cases shown per signal (default 5 in a table; all otherwise)");
  sub->add_option("--format", o->format, "table (default), json (JSON Lines), csv, or html (a report file)")
      ->check(CLI::IsMember({"table", "json", "csv", "html"}));
  sub->add_option("-o,--output", o->output, "Write to this file (html default: ombudsmine-signals.html)");
  sub->footer(kSignalsFooter);
  return [o, &g]() -> int {
    SignalOptions so;
    so.grain = o->by == "year" ? Grain::year : Grain::quarter;
    so.themes = o->theme;
    so.afdelingen = o->afdeling;
    so.level = o->level;
    so.orgs = o->org;
    so.from = o->from;
    so.to = o->to;
    for (const auto& k : o->kind) {
      auto kind = parse_kind(k);
      if (!kind.ok()) return report(kind.error());
      so.kinds.push_back(*kind);
    }
    so.q = o->q;
    so.min_count = o->min_count;
    so.min_recent = o->min_recent;
    so.baseline = o->baseline;
    so.all = o->all;
    so.explain = o->explain;
    if (o->explain && o->theme.empty() && o->afdeling.empty())
      return report(make_error(Errc::usage, "signals: --explain needs --theme or --afdeling to name the cells to explain"));
    SignalRenderOptions ro;
    ro.format = SignalFormat::table;
    if (o->format == "json") ro.format = SignalFormat::json;
    else if (o->format == "csv") ro.format = SignalFormat::csv;
    else if (o->format == "html") ro.format = SignalFormat::html;
    so.evidence_limit = o->evidence;
    ro.evidence_shown = ro.format == SignalFormat::table ? (o->evidence ? o->evidence : 5) : 0;
    ro.q = o->q;
    std::string out_path = o->output;
    if (ro.format == SignalFormat::html && out_path.empty()) out_path = "ombudsmine-signals.html";

    auto db = open_db(g, false);
    if (!db.ok()) return report(db.error());
    auto r = find_signals(*db, so);
    if (!r.ok()) return report(r.error());
    const std::string text = render_signals(*r, ro);
    if (out_path.empty() || out_path == "-") {
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else {
      const std::string tmp = out_path + ".tmp";
      {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << text;
        f.close();
        if (!f) return report(make_error(Errc::io, "cannot write the report", out_path));
      }
      if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
        std::remove(tmp.c_str());
        return report(make_error(Errc::io, "cannot write the report", out_path));
      }
      if (!g.quiet) {
        std::size_t alerts = 0;
        for (const auto& s : r->signals) alerts += s.alert;
        std::fprintf(stderr, "wrote %s: %zu signal%s\n", out_path.c_str(), alerts, alerts == 1 ? "" : "s");
      }
    }
    return kExitOk;
  };
}

}  // namespace omb::cli
