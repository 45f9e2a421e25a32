#include "cli/cli.h"

#include <cstdlib>
#include <iostream>
#include <map>

#include "cli/common.h"

namespace omb::cli {

int run(int argc, char** argv, ServeFn serve) {
  CLI::App app{
      "ombudsmine — text mining over Dutch ombudsman reports and dossiers.\n"
      "Ingest PDFs-as-text into one SQLite database, then search it and find signals."};
  app.name("ombudsmine");
  app.require_subcommand(1);
  app.fallthrough();
  Globals g;
  g.serve = serve;
  g.argv = argv;
  const char* env_db = std::getenv("OMBUDSMINE_DB");
  g.db_path = env_db && *env_db ? env_db : "ombudsmine.db";
  app.add_option("--db", g.db_path, "Database file (default: $OMBUDSMINE_DB or ./ombudsmine.db)");
  app.add_option("--dictionaries", g.dict_dir, "Folder of dictionaries and rules (default: ./dictionaries)");
  app.add_flag("-q,--quiet", g.quiet, "No progress output; errors only");
  app.footer(
      "Start here:\n"
      "  ombudsmine ingest archief/          store every .txt/.md file below archief/\n"
      "  ombudsmine stats                    what the database holds\n"
      "  ombudsmine search klantmanager      past dossiers, ranked, with snippets and sources\n"
      "  ombudsmine signals                  recurring and rising themes per afdeling\n"
      "  ombudsmine watch add NAME QUERY     save a search; 'ombudsmine watch' tells what is new\n"
      "  ombudsmine serve                    all of it in the browser at http://127.0.0.1:8080/\n"
      "Run 'ombudsmine COMMAND --help' for each command's options and examples.");

  std::map<CLI::App*, Runner> runners;
  auto add = [&](Runner r) { runners[app.get_subcommands({}).back()] = std::move(r); };
  add(add_ingest(app, g));
  add(add_normalize(app, g));
  add(add_extract(app, g));
  add(add_eval(app, g));
  add(add_search(app, g));
  add(add_show(app, g));
  add(add_similar(app, g));
  add(add_signals(app, g));
  add(add_serve(app, g));
  add(add_stats(app, g));
  add(add_reindex(app, g));
  add(add_watch(app, g));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    // A query that starts with '-' reads as an option (#15): say how to search it.
    std::cerr << "ombudsmine: " << e.what() << "\n";
    for (const char* query_cmd : {"search", "show", "similar"})
      if (app.got_subcommand(query_cmd))
        std::cerr << "ombudsmine: to search for words that start with '-', put -- before the query: "
                     "ombudsmine " << query_cmd << " -- -woord\n";
    std::cerr << "Run with --help for more information.\n";
    return kExitUsage;
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);  // prints help or the message
    return rc == 0 ? kExitOk : kExitUsage;
  }
  for (CLI::App* sub : app.get_subcommands()) {
    auto it = runners.find(sub);
    if (it != runners.end()) return it->second();
  }
  std::cerr << app.help();
  return kExitUsage;
}

}  // namespace omb::cli
