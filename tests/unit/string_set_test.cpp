// base/string_set: the same answers as std::unordered_set over the same adds.
#include "base/string_set.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_set>

using omb::StringSet;

TEST_CASE("string_set: adds, duplicates, empty and long entries", "[string_set]") {
  StringSet s;
  CHECK_FALSE(s.contains("klacht"));
  s.add("klacht");
  s.add("klacht");
  s.add("");
  std::string long_entry(400000, 'a');  // longer than a quarter block: a block of its own
  s.add(long_entry);
  s.add("klachten");  // after the long entry: goes in the shared block again
  CHECK(s.size() == 4);
  CHECK(s.contains("klacht"));
  CHECK(s.contains("klachten"));
  CHECK(s.contains(""));
  CHECK(s.contains(long_entry));
  CHECK_FALSE(s.contains("klach"));
  CHECK_FALSE(s.contains(std::string(399999, 'a')));
}

TEST_CASE("string_set: property: agrees with std::unordered_set", "[string_set][property]") {
  std::mt19937 rng(20261204);
  std::uniform_int_distribution<int> len(0, 12), ch('a', 'f');
  auto word = [&] {
    std::string w(static_cast<std::size_t>(len(rng)), 'x');
    for (char& c : w) c = static_cast<char>(ch(rng));
    return w;
  };
  StringSet s;
  std::unordered_set<std::string> ref;
  s.reserve(1000);  // then grows past it
  for (int i = 0; i < 60000; ++i) {
    std::string w = word();
    s.add(w);
    ref.insert(w);
  }
  CHECK(s.size() == ref.size());
  for (const std::string& w : ref) REQUIRE(s.contains(w));
  int agree = 0;
  for (int i = 0; i < 60000; ++i) {
    std::string w = word();
    agree += s.contains(w) == (ref.count(w) > 0);
  }
  CHECK(agree == 60000);
}
