// web/serve.cpp — serve(): the cpp-httplib server around handle(). Kept in
// its own library (omb_serve) and program (ombudsmine-serve): cpp-httplib
// brings OpenSSL, zlib and brotli, whose loading cost every other command
// ~2.5 ms at start (bench/RESULTS.md).
//
// Connections and work are bounded apart (issue #15): HttpServer
// (web/http_server.h) carries each connection on a thread of its own, up to
// 512, and cuts one that takes too long to send a request; only a request
// that has been read takes one of `threads` work slots, each a read-only
// database connection (WorkSlots below). So slow or idle clients hold I/O
// threads, never the database, and fast clients keep being answered.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "web/http_server.h"
#include "web/result_cache.h"
#include "web/web.h"

namespace omb::web {

namespace {

// `n` read-only connections to the database, opened on first use and kept;
// at most `n` requests do work at once. A request waits up to `wait` for one.
class WorkSlots {
 public:
  WorkSlots(std::string db_path, std::size_t n) : db_path_(std::move(db_path)), free_slots_(n) {
    idle_.reserve(n);
  }

  class Lease {
   public:
    Lease() = default;
    Lease(WorkSlots* owner, std::unique_ptr<Database> db) : owner_(owner), db_(std::move(db)) {}
    Lease(Lease&& o) noexcept : owner_(std::exchange(o.owner_, nullptr)), db_(std::move(o.db_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (owner_) owner_->give_back(std::move(db_));
    }
    bool held() const { return owner_ != nullptr; }
    Database* db() const { return db_.get(); }
    void set(std::unique_ptr<Database> db) { db_ = std::move(db); }

   private:
    WorkSlots* owner_ = nullptr;
    std::unique_ptr<Database> db_;  // null: not opened yet
  };

  // A slot, or none (not held) when none came free within `wait`. Slots go
  // to waiting requests in the order they came (first come, first served:
  // with a plain condition variable some waited seconds while others passed).
  Lease take(std::chrono::milliseconds wait) {
    std::unique_lock lk(mu_);
    if (free_slots_ == 0 || !waiting_.empty()) {
      Waiter me;
      waiting_.push_back(&me);
      if (!me.cv.wait_for(lk, wait, [&] { return me.granted; })) {
        waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &me));
        return {};
      }
    } else {
      --free_slots_;
    }
    std::unique_ptr<Database> db;
    if (!idle_.empty()) {
      db = std::move(idle_.back());
      idle_.pop_back();
    }
    return Lease(this, std::move(db));
  }

  const std::string& db_path() const { return db_path_; }

 private:
  struct Waiter {
    std::condition_variable cv;
    bool granted = false;  // the slot is handed over, with mu_
  };

  void give_back(std::unique_ptr<Database> db) noexcept {
    std::lock_guard lk(mu_);
    try {
      if (db) idle_.push_back(std::move(db));  // reserved for n: never reallocates
    } catch (...) {
    }
    if (waiting_.empty()) {
      ++free_slots_;
      return;
    }
    Waiter* next = waiting_.front();  // the slot passes to it directly
    waiting_.pop_front();
    next->granted = true;
    next->cv.notify_one();
  }

  const std::string db_path_;
  std::mutex mu_;
  std::size_t free_slots_;
  std::deque<Waiter*> waiting_;  // oldest first
  std::vector<std::unique_ptr<Database>> idle_;
};

// A request waits this long for a work slot before it is answered 503.
constexpr std::chrono::seconds kWorkWait{30};

void set_headers(httplib::Response& hres) {
  hres.set_header("X-Content-Type-Options", "nosniff");
  hres.set_header("Content-Security-Policy",
                  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
                  "form-action 'self'; base-uri 'none'");
}

// The work of one request, holding a slot (with its connection) while it runs.
Response work(WorkSlots& slots, ResultCache& cache, const httplib::Request& hreq) {
  WorkSlots::Lease lease = slots.take(kWorkWait);
  if (!lease.held()) return error_response(503, "the server is busy; try again in a moment");
  if (!lease.db()) {
    auto d = Database::open(slots.db_path(), OpenOptions{.read_only = true});
    if (!d.ok()) return error_response(500, d.error().message);
    lease.set(std::make_unique<Database>(std::move(*d)));
  }
  Database& db = *lease.db();
  Request req;
  req.path = hreq.path;
  for (const auto& [k, v] : hreq.params) req.params.emplace(k, v);
  // The shared catalog of passages (store/catalog.h); without one
  // (it could not be read) search joins as the CLI does.
  std::shared_ptr<const Catalog> catalog;
  if (hreq.path == "/" || hreq.path == "/search" || hreq.path.rfind("/export.", 0) == 0)
    catalog = cache.catalog(db);
  return handle(db, req, &cache, catalog.get());
}

// Whether a POST comes from a page of this site: its Origin (or, without
// one, its Referer) names the Host it was sent to. A request without either
// (curl, a script on this machine) is let through.
bool same_site(const httplib::Request& hreq) {
  const std::string host = hreq.get_header_value("Host");
  auto from_site = [&](const std::string& url) {
    for (const char* scheme : {"http://", "https://"}) {
      const std::string want = scheme + host;
      if (url.compare(0, want.size(), want) == 0 && (url.size() == want.size() || url[want.size()] == '/'))
        return true;
    }
    return false;
  };
  if (hreq.has_header("Origin")) return from_site(hreq.get_header_value("Origin"));
  if (hreq.has_header("Referer")) return from_site(hreq.get_header_value("Referer"));
  return true;
}

std::function<Response(const httplib::Request&)> post_handler(std::string db_path) {
  return [db_path](const httplib::Request& hreq) -> Response {
    if (!same_site(hreq)) return error_response(403, "a form of another site may not change this database");
    OpenOptions w;
    w.create = false;
    auto db = Database::open(db_path, w);
    if (!db.ok()) return error_response(db.error().code == Errc::db_readonly ? 403 : 500, db.error().message);
    Request req;
    req.path = hreq.path;
    for (const auto& [k, v] : hreq.params) req.params.emplace(k, v);
    return handle_post(*db, req);
  };
}

}  // namespace

Status serve(const ServeOptions& o, const std::function<void(const std::string&)>& ready) {
  // Open once here so a bad database fails before the socket is bound.
  auto probe = Database::open(o.db_path, OpenOptions{.read_only = true});
  if (!probe.ok()) return probe.error();
  // Ranked result sets shared by the workers; the probe connection watches for commits.
  auto cache = std::make_shared<ResultCache>(std::make_unique<Database>(std::move(*probe)), o.cache_entries);
  auto slots = std::make_shared<WorkSlots>(o.db_path, static_cast<std::size_t>(std::max(1, o.threads)));
  // Timeouts and limits of connections: HttpLimits (web/http_server.h).
  HttpServer svr;
  svr.set_payload_max_length(64 * 1024);
  svr.set_tcp_nodelay(true);  // small responses: no 40 ms Nagle/delayed-ACK stall
  auto handler = [slots, cache](const httplib::Request& hreq, httplib::Response& hres) {
    Response r;
    {
      HttpServer::Working working;  // the request is read: its connection's clock stops
      try {
        r = work(*slots, *cache, hreq);
      } catch (const std::exception& e) {
        r = error_response(500, std::string("internal error: ") + e.what());
      } catch (...) {
        r = error_response(500, "internal error");
      }
    }
    try {
      hres.status = r.status;
      set_headers(hres);
      if (r.status == 503) hres.set_header("Retry-After", "1");
      if (!r.location.empty()) hres.set_header("Location", r.location);
      if (!r.filename.empty()) {
        hres.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
        auto body = std::make_shared<std::string>(std::move(r.body));
        hres.set_chunked_content_provider(r.content_type, [body](std::size_t offset, httplib::DataSink& sink) {
          HttpServer::progress();  // a download that keeps moving is not cut
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
    } catch (...) {  // bad_alloc: cpp-httplib answers 500
      hres.status = 500;
    }
  };
  svr.Get(R"(/.*)", handler);
  // The one write (web.h handle_post: save a search as a watch), on a
  // connection of its own opened for writing, and only from this site's own
  // pages: a browser names the page's origin on a POST, and one from another
  // site (which could make watches in a user's database) is refused.
  svr.Post(R"(/.*)", [slots, handler_post = post_handler(o.db_path)](const httplib::Request& hreq,
                                                                     httplib::Response& hres) {
    Response r;
    {
      HttpServer::Working working;
      try {
        WorkSlots::Lease lease = slots->take(kWorkWait);  // its work counts with the others'
        r = lease.held() ? handler_post(hreq) : error_response(503, "the server is busy; try again in a moment");
      } catch (...) {
        r = error_response(500, "internal error");
      }
    }
    try {
      hres.status = r.status;
      set_headers(hres);
      if (!r.location.empty()) hres.set_header("Location", r.location);
      hres.set_content(std::move(r.body), r.content_type);
    } catch (...) {
      hres.status = 500;
    }
  });
  svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    try {
      if (res.body.empty() && res.status >= 400 && !res.has_header("Content-Disposition"))
        res.set_content(error_response(res.status, "request refused (" + std::to_string(res.status) + ")").body,
                        "text/html; charset=utf-8");
    } catch (...) {
    }
  });
  if (!svr.bind(o.host, o.port))
    return make_error(Errc::io, "cannot listen on " + o.host + ":" + std::to_string(o.port) + " (in use, or not allowed)");
  ready("http://" + (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) + ":" + std::to_string(o.port) + "/");
  if (!svr.listen_after_bind()) return make_error(Errc::io, "the server stopped with an error");
  return {};
}

}  // namespace omb::web
