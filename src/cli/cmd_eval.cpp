// ombudsmine eval GOLD... — extraction against hand-written gold, per tag type.
#include <cstdio>

#include "cli/common.h"
#include "eval/eval.h"
#include "output/eval_out.h"

namespace omb::cli {

Runner add_eval(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("eval", "Measure extraction against hand-written gold: precision, recall, F1 per type");
  struct Opts {
    std::vector<std::string> gold;
    bool json = false, brief = false, rules = false;
    double min = -1;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("GOLD", o->gold, "Gold files (report.gold.toml beside report.txt), or folders holding them")
      ->required();
  sub->add_flag("--json", o->json, "One JSON object: scores, and every miss and false tag (for scripts)");
  sub->add_flag("--brief", o->brief, "Scores only, without the list of misses and false tags");
  sub->add_flag("--rules", o->rules,
                "Also a table of the rules that made findings: found, right, false, precision (most false first)");
  sub->add_option("--min", o->min, "Exit 1 when the micro F1 is under this (0 to 1), e.g. in CI")
      ->check(CLI::Range(0.0, 1.0));
  sub->footer(
      "A gold file lists what a reader finds in its text: the document's organisation,\n"
      "doctype and period, and each unit (with its level), theme, oordeel, zaaknummer\n"
      "and case with its line; tests/eval/README.md has the format. eval runs the\n"
      "same normaliser and rules as ingest (--dictionaries to try other rules) and\n"
      "prints, per type, precision, recall and F1, the micro F1 over units, themes,\n"
      "oordelen and zaaknummers, the facts right per field, and every miss and false\n"
      "tag with its file:line and the rule that fired. A gold file kept apart from its\n"
      "text names it ([document] text = \"path\") and may cover some lines only\n"
      "([document] lines = [\"1-500\"]).\n\n"
      "Examples:\n"
      "  ombudsmine eval tests/eval/dev\n"
      "  ombudsmine eval --min 0.9 tests/eval/dev rapport.gold.toml\n"
      "  ombudsmine eval --brief --rules tests/eval/dev   # which rules earn their keep\n"
      "  ombudsmine --dictionaries mijn-regels eval --json tests/eval/dev | jq .micro\n\n"
      "Exit status: 0 done; 1 under --min, or a file could not be read; 2 a gold file\n"
      "or rule file is wrong (file:line says where), or bad options.");
  return [o, &g]() -> int {
    const std::string dict = find_dictionaries(g.dict_dir);
    auto norm = Normalizer::create(dict);
    if (!norm.ok()) return report(norm.error());
    auto ex = Extractor::load(dict);
    if (!ex.ok()) return report(ex.error());
    auto paths = find_gold(o->gold);
    if (!paths.ok()) return report(paths.error());
    auto r = evaluate(*paths, **norm, **ex);
    if (!r.ok()) return report(r.error());
    EvalRenderOptions ro;
    ro.json = o->json;
    ro.details = !o->brief;
    ro.rules = o->rules;
    const std::string text = render_eval(*r, ro);
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (o->min >= 0 && r->micro.f1() < o->min) {
      std::fprintf(stderr, "ombudsmine: eval: micro F1 %.3f is under --min %.3f\n", r->micro.f1(), o->min);
      return kExitFailure;
    }
    return kExitOk;
  };
}

}  // namespace omb::cli
