// web/web.h — `ombudsmine serve`: the search, case, signals and status pages
// in the browser, over the same core as the command line.
//
// Two layers:
//  - handle(): a pure request → response function over one open database
//    (read only). Every page is server-rendered HTML, written by
//    output/html/ from what handle() read; all text is escaped there;
//    every SQL value is a bound parameter; file paths shown come from the
//    database, no path from a request is ever opened. A malformed query gives
//    the CLI's message with status 400; an unknown document or case 404.
//  - serve(): an HTTP server (cpp-httplib) that binds host:port and calls
//    handle() for each request once it has been read, with one of `threads`
//    read-only connections (WAL: an ingest in another process may run
//    meanwhile); connections are carried by threads of their own, with the
//    timeouts of web/http_server.h (a request must arrive within 10 s, an
//    idle connection ends after 2 s), so slow or idle clients never hold a
//    database connection (issue #15). Request bodies over 64 KB are
//    refused. Ranked result sets are
//    kept in a ResultCache (paging, going back, exporting reuse them; a commit
//    by an ingest empties it). Returns when the server
//    stops; fails with Errc::io when the address cannot be bound.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/catalog.h"
#include "store/db.h"

namespace omb::web {

struct Request {
  std::string path;                                   // "/search", "/doc/12", …
  std::multimap<std::string, std::string> params;     // decoded query parameters
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string filename;                               // set: a download (Content-Disposition)
  std::string location;                               // set: a redirect (Location), with a 3xx status
};

class ResultCache;  // web/result_cache.h

// `cache` (may be null) keeps ranked result sets between requests: the search
// page, its other pages and its exports share one (see web/result_cache.h).
// `catalog` (may be null; fresh for `db`) lets searches without filters
// rank from arrays instead of joins (store/catalog.h).
Response handle(Database& db, const Request& req, ResultCache* cache = nullptr, const Catalog* catalog = nullptr);

// POST requests: the only writes the web makes (web/watch_pages.cpp), over
// `db` opened for writing by the caller. POST /watch (parameters name, q and
// the filters of search/filters.h) saves the search as a watch
// (watch/watch.h create_watch) and answers 303 to /watches?added=NAME; a bad
// name or query is 400 with the message, a name taken 409; any other path 404.
Response handle_post(Database& db, const Request& req);

// GET /watches: the watches and their news, marking nothing (watch_pages.cpp).
Response watches_response(Database& db, const Request& req);

struct ServeOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 8;                 // requests worked on at once (database connections)
  std::size_t cache_entries = 32;  // ranked result sets kept (web/result_cache.h); 0: none
};

// The page for an error: `message` escaped, with this status.
Response error_response(int status, const std::string& message);

// Runs until the process is stopped. `ready` is called once the socket is
// bound. Defined in web/serve.cpp, in the library omb_serve (not omb_core).
Status serve(const ServeOptions& o, const std::function<void(const std::string& url)>& ready);

}  // namespace omb::web
