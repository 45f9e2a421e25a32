// ombudsmine serve — the web interface over the same database and core.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/common.h"
#include "web/web.h"

namespace omb::cli {

Runner add_serve(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("serve", "Search, read cases and see signals in the browser (a local web server)");
  auto o = std::make_shared<web::ServeOptions>();
  sub->add_option("--port", o->port, "Port (default 8080)")->check(CLI::Range(1, 65535));
  sub->add_option("--host", o->host, "Address to listen on (default 127.0.0.1: this machine only)");
  sub->add_option("--threads", o->threads,
                  "Requests worked on at once (default 8), each with a read-only database connection of its own. "
                  "A request takes one only once it has been read: connections are carried by other threads (up to "
                  "512 at once), so slow or idle clients never hold one")
      ->check(CLI::Range(1, 256));
  sub->add_option("--cache", o->cache_entries,
                  "Ranked result sets kept for paging, going back and export (default 32; 0: none, every page ranks)")
      ->check(CLI::Range(0, 100000));
  sub->footer(
      "Pages: /search?q=…&year=…&afdeling=…&theme=…&oordeel=… (and /), /doc/ID,\n"
      "/case/ZAAKNUMMER, /signals, /status, /export.csv?… and /export.jsonl?… with the\n"
      "parameters of /search. The query language is that of 'ombudsmine search'.\n"
      "The database is only read; an ingest may run in another process meanwhile\n"
      "(its commits empty the cache of ranked results, so pages stay current).\n"
      "A client has 10 s to send a request (5 s at most between two of its bytes) and may\n"
      "keep a connection open 2 s between requests; the server cuts it off after that.\n\n"
      "Examples:\n"
      "  ombudsmine --db rapporten.db serve\n"
      "  ombudsmine serve --port 9000\n\n"
      "Exit status: 1 when the database cannot be opened or the port is taken; 2 bad options.");
  return [o, &g]() -> int {
    {
      auto db = open_db(g, false);  // says "no database here" with a hint when missing
      if (!db.ok()) return report(db.error());
    }
    if (!g.serve) {
      // This program has no server linked in: run the one that has, beside it.
      std::error_code ec;
      const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
      const std::string server = (ec ? std::filesystem::path(".") : self.parent_path()) / "ombudsmine-serve";
      if (::access(server.c_str(), X_OK) != 0)
        return report(make_error(Errc::not_found, "the web server program is missing (build it: scripts/demo builds it "
                                                  "beside ombudsmine)", server));
      ::execv(server.c_str(), g.argv);
      return report(make_error(Errc::io, std::string("cannot start the web server: ") + std::strerror(errno), server));
    }
    o->db_path = g.db_path;
    const bool loopback = o->host == "127.0.0.1" || o->host == "localhost" || o->host == "::1";
    if (!loopback)
      std::fprintf(stderr,
                   "ombudsmine: warning: listening on %s, not only this machine: anyone who can reach it can read "
                   "the database\n", o->host.c_str());
    Status s = g.serve(*o, [&](const std::string& url) {
      std::fprintf(stderr, "ombudsmine: serving %s at %s (Ctrl-C stops)\n", g.db_path.c_str(), url.c_str());
    });
    if (!s.ok()) return report(s.error());
    return kExitOk;
  };
}

}  // namespace omb::cli
