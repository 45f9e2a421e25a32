// base/string_set.h — a large set of strings built once and then only read.
//
// For word lists of hundreds of thousands of entries (the Dutch word list is
// 400,000+): the set owns its text in a few large buffers and indexes it with
// one open-addressing table of 32-bit slots, so building it makes no
// allocation per word and dropping it frees a handful of blocks. A
// std::unordered_set<std::string> of the same list made every command that
// loads the lexicon spend most of its start in malloc and free (0.8 s of an
// `extract` of one small file in the release build, 2 s under ASan).
//
// add() copies the text in; contains() is safe to call from many threads
// once adding is over.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace omb {

class StringSet {
 public:
  void reserve(std::size_t n);
  void add(std::string_view s);  // a second add of the same text is a no-op
  bool contains(std::string_view s) const;
  std::size_t size() const { return items_.size(); }

 private:
  std::string_view store(std::string_view s);
  std::size_t find_slot(std::string_view s, std::uint64_t h) const;
  void rehash(std::size_t slots);

  std::vector<std::unique_ptr<char[]>> blocks_;  // the text; never moves
  char* cur_ = nullptr;  // where the next entry goes, in the newest shared block
  std::size_t cur_left_ = 0;
  std::vector<std::string_view> items_;
  std::vector<std::uint32_t> slots_;  // index into items_ + 1; 0 is empty
};

}  // namespace omb
