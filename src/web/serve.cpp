// web/serve.cpp — serve(): the cpp-httplib server around handle(). Kept in
// its own library (omb_serve) and program (ombudsmine-serve): cpp-httplib
// brings OpenSSL, zlib and brotli, whose loading cost every other command
// ~2.5 ms at start (bench/RESULTS.md).
#include <httplib.h>

#include <algorithm>
#include <memory>

#include "web/result_cache.h"
#include "web/web.h"

namespace omb::web {

Status serve(const ServeOptions& o, const std::function<void(const std::string&)>& ready) {
  // Open once here so a bad database fails before the socket is bound.
  auto probe = Database::open(o.db_path, OpenOptions{.read_only = true});
  if (!probe.ok()) return probe.error();
  // Ranked result sets shared by the workers; the probe connection watches for commits.
  auto cache = std::make_shared<ResultCache>(std::make_unique<Database>(std::move(*probe)), o.cache_entries);
  httplib::Server svr;
  svr.new_task_queue = [n = o.threads] { return new httplib::ThreadPool(static_cast<std::size_t>(n)); };
  svr.set_payload_max_length(64 * 1024);
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(10, 0);
  svr.set_keep_alive_max_count(100);
  svr.set_tcp_nodelay(true);  // small responses: no 40 ms Nagle/delayed-ACK stall
  const std::string db_path = o.db_path;
  auto handler = [db_path, cache](const httplib::Request& hreq, httplib::Response& hres) {
    // One read-only connection per worker thread, opened on first use.
    thread_local std::unique_ptr<Database> db;
    Response r;
    try {
      if (!db) {
        auto d = Database::open(db_path, OpenOptions{.read_only = true});
        if (!d.ok()) {
          r = error_response(500, d.error().message);
        } else {
          db = std::make_unique<Database>(std::move(*d));
        }
      }
      if (db) {
        Request req;
        req.path = hreq.path;
        for (const auto& [k, v] : hreq.params) req.params.emplace(k, v);
        // The shared catalog of passages (store/catalog.h); without one
        // (it could not be read) search joins as the CLI does.
        std::shared_ptr<const Catalog> catalog;
        if (hreq.path == "/" || hreq.path == "/search" || hreq.path.rfind("/export.", 0) == 0)
          catalog = cache->catalog(*db);
        r = handle(*db, req, cache.get(), catalog.get());
      }
    } catch (const std::exception& e) {
      r = error_response(500, std::string("internal error: ") + e.what());
    }
    hres.status = r.status;
    hres.set_header("X-Content-Type-Options", "nosniff");
    hres.set_header("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
                    "form-action 'self'; base-uri 'none'");
    if (!r.filename.empty()) {
      hres.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
      auto body = std::make_shared<std::string>(std::move(r.body));
      hres.set_chunked_content_provider(r.content_type, [body](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= body->size()) {
          sink.done();
          return true;
        }
        const std::size_t n = std::min<std::size_t>(64 * 1024, body->size() - offset);
        return sink.write(body->data() + offset, n);
      });
    } else {
      hres.set_content(std::move(r.body), r.content_type);
    }
  };
  svr.Get(R"(/.*)", handler);
  svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty() && res.status >= 400 && !res.has_header("Content-Disposition"))
      res.set_content(error_response(res.status, "request refused (" + std::to_string(res.status) + ")").body, "text/html; charset=utf-8");
  });
  if (!svr.bind_to_port(o.host, o.port))
    return make_error(Errc::io, "cannot listen on " + o.host + ":" + std::to_string(o.port) + " (in use, or not allowed)");
  ready("http://" + (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) + ":" + std::to_string(o.port) + "/");
  if (!svr.listen_after_bind()) return make_error(Errc::io, "the server stopped with an error");
  return {};
}

}  // namespace omb::web
