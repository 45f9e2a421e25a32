// base/string_set: the same answers as std::unordered_set (and, for the
// indices, std::unordered_map) over the same adds.
#include "base/string_set.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_map>
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

TEST_CASE("string_set: each item keeps the index of its first add; clear empties", "[string_set]") {
  StringSet s;
  CHECK(s.find("klacht") == StringSet::npos);
  CHECK(s.add("klacht") == 0);
  CHECK(s.add("oordeel") == 1);
  CHECK(s.add("klacht") == 0);  // a second add: the first index
  CHECK(s.add("") == 2);
  CHECK(s.find("oordeel") == 1);
  CHECK(s.find("") == 2);
  CHECK(s.item(1) == "oordeel");
  CHECK(s.find("oordelen") == StringSet::npos);
  s.clear();
  CHECK(s.size() == 0);
  CHECK(s.find("klacht") == StringSet::npos);
  CHECK_FALSE(s.contains(""));
  CHECK(s.add("gegrond") == 0);  // usable again after clear
  CHECK(s.contains("gegrond"));
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
  std::unordered_map<std::string, std::size_t> index;  // the index of each word's first add
  s.reserve(1000);  // then grows past it
  for (int i = 0; i < 60000; ++i) {
    std::string w = word();
    std::size_t at = s.add(w);
    index.emplace(w, index.size());
    REQUIRE(at == index.at(w));
    ref.insert(w);
  }
  CHECK(s.size() == ref.size());
  for (const std::string& w : ref) {
    REQUIRE(s.contains(w));
    REQUIRE(s.find(w) == index.at(w));
    REQUIRE(s.item(index.at(w)) == w);
  }
  int agree = 0;
  for (int i = 0; i < 60000; ++i) {
    std::string w = word();
    agree += s.contains(w) == (ref.count(w) > 0);
  }
  CHECK(agree == 60000);
}
