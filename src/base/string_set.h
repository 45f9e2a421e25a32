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
// add() copies the text in; contains() and find() are safe to call from many
// threads once adding is over. Each item keeps the index add() gave it, so a
// vector beside the set can hold a value per item (a map built the same way).
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
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // The item's index, 0, 1, 2 … in the order of first adding; a second add
  // of the same text returns the first one's index.
  std::size_t add(std::string_view s);
  bool contains(std::string_view s) const { return find(s) != npos; }
  std::size_t find(std::string_view s) const;  // the index, or npos
  std::size_t size() const { return items_.size(); }
  std::string_view item(std::size_t i) const { return items_[i]; }
  void clear();

 private:
  std::string_view store(std::string_view s);
  std::size_t find_slot(std::string_view s, std::uint64_t h) const;
  void rehash(std::size_t slots);

  std::vector<std::unique_ptr<char[]>> blocks_;  // the text; never moves
  char* cur_ = nullptr;  // where the next entry goes, in the newest shared block
  std::size_t cur_left_ = 0;
  std::vector<std::string_view> items_;
  // Each slot: the top 32 bits of the item's hash, then its index into
  // items_ + 1 (0 is empty). The hash bits spare a look at the text of
  // every other item on the probe path.
  std::vector<std::uint64_t> slots_;
};

}  // namespace omb
