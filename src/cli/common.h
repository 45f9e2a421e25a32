// cli/common.h — internal: what the subcommands share.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "base/result.h"
#include "cli/cli.h"
#include "store/db.h"

namespace omb::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct Globals {
  std::string db_path;     // --db, $OMBUDSMINE_DB, or ./ombudsmine.db
  std::string dict_dir;    // --dictionaries, $OMBUDSMINE_DICTIONARIES, or found beside the binary
  bool quiet = false;
  ServeFn serve = nullptr;  // the web server, when linked in (cli.h)
  char** argv = nullptr;    // as the program was started
};

// Prints "ombudsmine: <error>" to stderr; returns the exit code for it.
int report(const Error& e);
int exit_code_for(const Error& e);

// Opens the database for a subcommand, reporting failures.
Result<Database> open_db(const Globals& g, bool write);

// Where the dictionaries are: --dictionaries, $OMBUDSMINE_DICTIONARIES, a
// dictionaries/ folder beside or above the executable, or ./dictionaries.
std::string find_dictionaries(const std::string& given);

bool stderr_is_tty();
std::string human_bytes(double bytes);

// Subcommands: each adds itself to `app` and returns what to run when chosen.
using Runner = std::function<int()>;
Runner add_ingest(CLI::App& app, Globals& g);
Runner add_stats(CLI::App& app, Globals& g);
Runner add_normalize(CLI::App& app, Globals& g);
Runner add_extract(CLI::App& app, Globals& g);
Runner add_eval(CLI::App& app, Globals& g);
Runner add_reindex(CLI::App& app, Globals& g);
Runner add_search(CLI::App& app, Globals& g);
Runner add_show(CLI::App& app, Globals& g);
Runner add_similar(CLI::App& app, Globals& g);
Runner add_signals(CLI::App& app, Globals& g);
Runner add_serve(CLI::App& app, Globals& g);
Runner add_watch(CLI::App& app, Globals& g);

// ingest's last lines: one per watch with news (cmd_watch.cpp); counts only,
// nothing marked. A failure is a warning on stderr.
void print_watch_lines(Database& db, std::FILE* out);

}  // namespace omb::cli
