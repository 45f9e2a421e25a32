#include "base/string_set.h"

#include <cstring>

#include <xxhash.h>

namespace omb {

namespace {

constexpr std::size_t kBlock = 1 << 20;

std::uint64_t hash_of(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

}  // namespace

void StringSet::reserve(std::size_t n) {
  items_.reserve(n);
  std::size_t want = 16;
  while (want < 2 * n) want *= 2;
  if (want > slots_.size()) rehash(want);
}

std::string_view StringSet::store(std::string_view s) {
  if (s.size() > kBlock / 4) {  // a rare long entry gets a block of its own
    blocks_.emplace_back(new char[s.size()]);
    std::memcpy(blocks_.back().get(), s.data(), s.size());
    return {blocks_.back().get(), s.size()};
  }
  if (cur_ == nullptr || s.size() > cur_left_) {
    blocks_.emplace_back(new char[kBlock]);
    cur_ = blocks_.back().get();
    cur_left_ = kBlock;
  }
  char* at = cur_;
  if (!s.empty()) std::memcpy(at, s.data(), s.size());
  cur_ += s.size();
  cur_left_ -= s.size();
  return {at, s.size()};
}

std::size_t StringSet::find_slot(std::string_view s, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = h >> 32;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    std::uint64_t v = slots_[i];
    if (v == 0 || ((v >> 32) == tag && items_[(v & 0xFFFFFFFFu) - 1] == s)) return i;
  }
}

void StringSet::rehash(std::size_t slots) {
  slots_.assign(slots, 0);
  for (std::size_t k = 0; k < items_.size(); ++k) {
    std::uint64_t h = hash_of(items_[k]);
    slots_[find_slot(items_[k], h)] = ((h >> 32) << 32) | static_cast<std::uint32_t>(k + 1);
  }
}

std::size_t StringSet::add(std::string_view s) {
  if (2 * (items_.size() + 1) > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
  std::uint64_t h = hash_of(s);
  std::size_t i = find_slot(s, h);
  if (slots_[i] != 0) return (slots_[i] & 0xFFFFFFFFu) - 1;
  items_.push_back(store(s));
  slots_[i] = ((h >> 32) << 32) | static_cast<std::uint32_t>(items_.size());
  return items_.size() - 1;
}

std::size_t StringSet::find(std::string_view s) const {
  if (slots_.empty()) return npos;
  std::uint64_t v = slots_[find_slot(s, hash_of(s))];
  return v == 0 ? npos : (v & 0xFFFFFFFFu) - 1;
}

void StringSet::clear() {
  blocks_.clear();
  cur_ = nullptr;
  cur_left_ = 0;
  items_.clear();
  slots_.clear();
}

}  // namespace omb
