// ombudsmine similar ZAAK — the cases most like a given one.
#include <unistd.h>

#include <cstdio>

#include "cli/common.h"
#include "output/search_out.h"
#include "search/similar.h"

namespace omb::cli {

Runner add_similar(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("similar", "The cases most like a given one: have we seen this before?");
  struct Opts {
    std::string zaak, format;
    std::size_t limit = 10;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("ZAAK", o->zaak, "The zaaknummer of the case (406, 2023/0456, RA1056992)")->required();
  sub->add_option("--limit", o->limit, "Cases to show (default 10)")->check(CLI::Range(1, 1000));
  sub->add_option("--format", o->format, "table (default), json (JSON Lines) or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  sub->footer(
      "Reads the case, picks its most telling words (rare in the archive, frequent in\n"
      "the case; no numbers or codes), searches them, and ranks the other cases by\n"
      "those shared words first, shared themes and the same afdeling next.\n\n"
      "Examples:\n  ombudsmine similar 406\n  ombudsmine similar 2023/0456 --format json | jq .zaaknummer\n\n"
      "Exit status: 0 found (or nothing like it); 1 no such case or the database could not be read.");
  return [o, &g]() -> int {
    auto db = open_db(g, false);
    if (!db.ok()) return report(db.error());
    SimilarOptions so;
    so.zaak = o->zaak;
    so.limit = o->limit;
    auto r = similar(*db, so);
    if (!r.ok()) return report(r.error());
    SearchFormat fmt = SearchFormat::table;
    if (o->format == "json") fmt = SearchFormat::json;
    else if (o->format == "csv") fmt = SearchFormat::csv;
    if (fmt == SearchFormat::table && !g.quiet) {
      std::string themes;
      for (const auto& t : r->of.themes) themes += (themes.empty() ? "" : ", ") + t;
      std::string words;
      for (const auto& w : r->words) words += (words.empty() ? "" : ", ") + w;
      std::fprintf(stderr, "cases like zaak %s – %s (%s%s%s)\nby the words: %s\n\n", r->of.zaaknummer.c_str(),
                   r->of.case_title.c_str(), r->of.afdeling.c_str(), themes.empty() ? "" : "; ", themes.c_str(),
                   words.empty() ? "(none telling enough)" : words.c_str());
    }
    bool tty = isatty(STDOUT_FILENO);
    std::string s = render_search(r->result, fmt, tty && fmt == SearchFormat::table, 0, false);
    std::fwrite(s.data(), 1, s.size(), stdout);
    if (fmt == SearchFormat::table && r->result.hits.empty() && !g.quiet) std::fprintf(stderr, "nothing like it\n");
    return kExitOk;
  };
}

}  // namespace omb::cli
