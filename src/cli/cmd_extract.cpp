// ombudsmine extract FILE... — what the rules find: facts, cases, tags.
#include <cstdio>
#include <iostream>

#include "base/fs.h"
#include "cli/common.h"
#include "ingest/analyze.h"
#include "ingest/decode.h"
#include "output/extract_json.h"

namespace omb::cli {

Runner add_extract(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("extract", "List what the rules find in files: facts, cases, afdelingen, themes, oordelen");
  struct Opts { std::vector<std::string> files; bool json = false; bool pretty = false; };
  auto o = std::make_shared<Opts>();
  sub->add_option("FILE", o->files, "One or more .txt or .md files (PDF-to-text output)")->required();
  sub->add_flag("--json", o->json, "One JSON object per file, one per line (the contract scripts rely on)");
  sub->add_flag("--pretty", o->pretty, "With --json: indent the JSON");
  sub->footer(
      "Rules live in dictionaries/extract/*.toml (one file per tag type); every tag names the rule that fired.\n"
      "Examples:\n"
      "  ombudsmine extract rapport.txt                 # readable listing\n"
      "  ombudsmine extract --json corpus/2019/*.txt | jq '.cases[].zaaknummer'\n"
      "  ombudsmine --dictionaries mijn-regels extract rapport.txt");
  return [o, &g]() -> int {
    auto analyzer = Analyzer::create(find_dictionaries(g.dict_dir));
    if (!analyzer.ok()) return report(analyzer.error());
    int rc = kExitOk;
    for (const std::string& path : o->files) {
      auto bytes = read_file(path);
      if (!bytes.ok()) {
        rc = report(bytes.error());
        continue;
      }
      auto dec = decode_text(std::move(bytes).value());
      if (!dec.ok()) {
        Error e = dec.error();
        e.file = path;
        rc = report(e);
        continue;
      }
      DocumentRecord rec;
      rec.path = path;
      rec.raw = std::move(dec->text);
      (*analyzer)->analyze(rec);
      if (o->json) {
        std::string s = extraction_json(path, rec).dump(o->pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::fwrite(s.data(), 1, s.size(), stdout);
        std::fputc('\n', stdout);
      } else {
        std::string s = extraction_text(path, rec);
        std::fwrite(s.data(), 1, s.size(), stdout);
      }
    }
    return rc;
  };
}

}  // namespace omb::cli
