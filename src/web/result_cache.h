// web/result_cache.h — what the web server keeps between requests: ranked
// result sets and the search catalog, both dropped when the database changes.
//
// A search page costs what ranking all its hits costs (search/search.h:
// rank()); showing page 2, going back, following a shared link or exporting
// the same result asks for the same ranking again. ResultCache keeps the last
// `capacity` RankedHits by key (the query, its filters and its order) and
// hands them to any worker thread; fetching one page from a kept set is cheap.
//
// Freshness: the cache owns a connection to the database (`watch`) and asks
// it `PRAGMA data_version` at every lookup. When another connection (an
// ingest in another process) has committed since the last lookup, every kept
// set is dropped, and a set being ranked while that happened is not kept.
// So a page never shows a result older than the last commit seen.
//
// The catalog (store/catalog.h) is shared by all workers the same way: read
// once with the asking worker's connection, kept until a commit is seen.
//
// Thread-safe. `make` runs without the lock, and once per key at a time:
// a request for a key that another thread is ranking waits for that ranking
// (eight clients asking for a new query at once rank it once, not eight
// times). Errors of `make` pass through and nothing is kept; a failing
// data_version query empties the cache and ranks afresh.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/result.h"
#include "store/catalog.h"
#include "search/search.h"
#include "store/db.h"

namespace omb::web {

class ResultCache {
 public:
  // capacity 0: no ranked set is kept or shared (the catalog still is).
  ResultCache(std::unique_ptr<Database> watch, std::size_t capacity = 32);

  using Make = std::function<Result<std::shared_ptr<const RankedHits>>()>;
  // The set for `key`, ranked at least up to `upto` hits (0: all of them),
  // kept or made by `make`.
  Result<std::shared_ptr<const RankedHits>> get(const std::string& key, std::size_t upto, const Make& make);

  // The catalog for searches without filters; null when it cannot be read
  // (search then joins). `db` reads it when there is none or it is stale.
  std::shared_ptr<const Catalog> catalog(Database& db);

  struct Counts {
    std::size_t hits = 0, misses = 0, dropped = 0;  // dropped: times the database changed
  };
  Counts counts() const;

 private:
  void check_fresh();  // with mu_ held

  mutable std::mutex mu_;
  std::unique_ptr<Database> watch_;
  std::int64_t data_version_ = -1;
  std::uint64_t epoch_ = 0;  // bumped whenever the kept sets are dropped
  std::size_t capacity_;
  std::list<std::pair<std::string, std::shared_ptr<const RankedHits>>> lru_;  // most recent first
  std::unordered_map<std::string, decltype(lru_)::iterator> index_;
  struct Flight {
    std::size_t upto;
    std::shared_future<Result<std::shared_ptr<const RankedHits>>> done;
  };
  std::unordered_map<std::string, Flight> inflight_;  // keys being ranked now
  std::shared_ptr<const Catalog> catalog_;
  std::uint64_t catalog_epoch_ = 0;
  Counts counts_;
};

}  // namespace omb::web
