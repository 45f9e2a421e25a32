#include "web/result_cache.h"

namespace omb::web {

ResultCache::ResultCache(std::unique_ptr<Database> watch, std::size_t capacity)
    : watch_(std::move(watch)), capacity_(capacity == 0 ? 1 : capacity) {}

void ResultCache::check_fresh() {
  std::int64_t v = -2;  // unknown: treat as changed
  if (auto st = watch_->prepare("PRAGMA data_version"); st.ok()) {
    if (auto row = st->step(); row.ok() && *row) v = st->int64(0);
  }
  if (v == data_version_ && v >= 0) return;
  if (data_version_ != -1 || v < 0) {  // not the first look: something committed
    if (!lru_.empty()) ++counts_.dropped;
    lru_.clear();
    index_.clear();
    ++epoch_;
  }
  data_version_ = v;
}

Result<std::shared_ptr<const RankedHits>> ResultCache::get(const std::string& key, std::size_t upto, const Make& make) {
  std::uint64_t epoch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    check_fresh();
    if (auto it = index_.find(key); it != index_.end()) {
      const auto& kept = it->second->second;
      const bool enough = upto == 0 ? kept->ordered() == kept->total()
                                    : kept->ordered() >= std::min(upto, kept->total());
      if (enough) {
        lru_.splice(lru_.begin(), lru_, it->second);
        ++counts_.hits;
        return kept;
      }
    }
    ++counts_.misses;
    epoch = epoch_;
  }
  auto made = make();
  if (!made.ok()) return made;
  std::lock_guard<std::mutex> lock(mu_);
  if (epoch != epoch_) return made;  // the database changed meanwhile: do not keep it
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

ResultCache::Counts ResultCache::counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

}  // namespace omb::web
