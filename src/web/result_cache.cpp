#include "web/result_cache.h"

namespace omb::web {

ResultCache::ResultCache(std::unique_ptr<Database> watch, std::size_t capacity)
    : watch_(std::move(watch)), capacity_(capacity) {}

void ResultCache::check_fresh() {
  std::int64_t v = -2;  // unknown: treat as changed
  if (auto r = watch_->data_version(); r.ok() && *r >= 0) v = *r;
  if (v == data_version_ && v >= 0) return;
  if (data_version_ != -1 || v < 0) {  // not the first look: something committed
    if (!lru_.empty()) ++counts_.dropped;
    lru_.clear();
    index_.clear();
    ++epoch_;
  }
  data_version_ = v;
}

namespace {
bool covers(const RankedHits& r, std::size_t upto) {
  return upto == 0 ? r.ordered() == r.total() : r.ordered() >= std::min(upto, r.total());
}
}  // namespace

Result<std::shared_ptr<const RankedHits>> ResultCache::get(const std::string& key, std::size_t upto, const Make& make) {
  using Ranked = Result<std::shared_ptr<const RankedHits>>;
  if (capacity_ == 0) {  // nothing kept, nothing shared: every request ranks
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++counts_.misses;
    }
    return make();
  }
  std::uint64_t epoch;
  std::promise<Ranked> promise;
  {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      check_fresh();
      if (auto it = index_.find(key); it != index_.end() && covers(*it->second->second, upto)) {
        lru_.splice(lru_.begin(), lru_, it->second);
        ++counts_.hits;
        return it->second->second;
      }
      auto f = inflight_.find(key);
      if (f == inflight_.end()) break;
      // Another thread ranks this key: wait for it, then look again.
      auto done = f->second.done;
      const bool enough = f->second.upto == 0 || (upto != 0 && f->second.upto >= upto);
      lock.unlock();
      const Ranked& r = done.get();
      lock.lock();
      if (enough && r.ok()) {
        ++counts_.hits;
        return r;
      }
    }
    ++counts_.misses;
    epoch = epoch_;
    inflight_.emplace(key, Flight{upto, promise.get_future().share()});
  }
  Ranked made = make_error(Errc::db, "ranking failed");
  try {
    made = make();
  } catch (const std::exception& e) {  // out of memory: say so, and let the waiters go
    made = make_error(Errc::db, std::string("ranking failed: ") + e.what());
  }
  promise.set_value(made);
  std::lock_guard<std::mutex> lock(mu_);
  inflight_.erase(key);
  if (!made.ok() || epoch != epoch_) return made;  // failed, or the database changed meanwhile: keep nothing
  if (auto it = index_.find(key); it != index_.end()) {
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.emplace_front(key, *made);
  index_[key] = lru_.begin();
  while (lru_.size() > capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
  return made;
}

std::shared_ptr<const Catalog> ResultCache::catalog(Database& db) {
  std::lock_guard<std::mutex> lock(mu_);
  check_fresh();
  if (!catalog_ || catalog_epoch_ != epoch_) {
    // Read under the lock: the workers that ask meanwhile wait for this one
    // read instead of each making their own.
    auto c = Catalog::load(db);
    catalog_ = c.ok() ? *c : nullptr;
    catalog_epoch_ = epoch_;
  }
  return catalog_;
}

ResultCache::Counts ResultCache::counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

}  // namespace omb::web
