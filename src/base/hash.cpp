#include "base/hash.h"

#include <xxhash.h>

#include <cstdio>

namespace omb {
namespace {

std::string hex_of(XXH128_hash_t h) {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

}  // namespace

std::string content_hash(std::string_view bytes) { return hex_of(XXH3_128bits(bytes.data(), bytes.size())); }

struct StreamHash::State {
  XXH3_state_t* st = XXH3_createState();
  ~State() { XXH3_freeState(st); }
};

StreamHash::StreamHash() : s_(std::make_unique<State>()) { XXH3_128bits_reset(s_->st); }
StreamHash::~StreamHash() = default;

void StreamHash::update(std::string_view bytes) { XXH3_128bits_update(s_->st, bytes.data(), bytes.size()); }

std::string StreamHash::hex() const { return hex_of(XXH3_128bits_digest(s_->st)); }

}  // namespace omb
