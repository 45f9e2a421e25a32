// base/hash.h — the content hash that identifies a document's bytes.
//
// Hex XXH3-128 (32 lower-case hex digits) of a file's bytes, at once or in
// pieces: StreamHash over the pieces of a file gives the same digest as
// content_hash() over the whole. Neither fails.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace omb {

std::string content_hash(std::string_view bytes);

class StreamHash {
 public:
  StreamHash();
  ~StreamHash();
  StreamHash(const StreamHash&) = delete;
  StreamHash& operator=(const StreamHash&) = delete;

  void update(std::string_view bytes);
  std::string hex() const;  // digest of everything so far

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace omb
