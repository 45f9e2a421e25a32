// search/filters.h: the one table of filters, and base/word_list.h.
#include <catch2/catch.hpp>

#include <set>

#include "base/word_list.h"
#include "search/filters.h"
#include "search/query.h"

using namespace omb;
using Strings = std::vector<std::string>;

TEST_CASE("filters: every filter is found by its name and its aliases, in any case", "[filters]") {
  std::set<std::string_view> names;
  for (const FilterDef& def : kFilters) {
    CHECK(names.insert(def.name).second);  // no name twice
    CHECK(find_filter(def.name) == &def);
    for (std::string_view a : def.aliases) {
      if (a.empty()) continue;
      CHECK(names.insert(a).second);
      CHECK(find_filter(a) == &def);
    }
    CHECK((def.number != nullptr) != (def.texts != nullptr));  // a number or texts, never both
    if (def.number) CHECK(def.min < def.max);
  }
  CHECK(find_filter("JAAR") == find_filter("year"));
  CHECK(find_filter("Thema") == find_filter("theme"));
  CHECK(find_filter("kleur") == nullptr);
}

TEST_CASE("filters: set_filter parses numbers in range, lowers what is stored lower-cased", "[filters]") {
  QueryFilters f;
  CHECK(f.empty());
  REQUIRE(set_filter(f, "kwartaal", "Q2").ok());
  REQUIRE(set_filter(f, "jaar", " 2016").ok());
  REQUIRE(set_filter(f, "thema", "Communicatie").ok());
  REQUIRE(set_filter(f, "afdeling", "Koers naar Werk").ok());
  CHECK(f.quarter == 2);
  CHECK(f.year == 2016);
  CHECK(f.theme == Strings{"communicatie"});
  CHECK(f.afdeling == Strings{"Koers naar Werk"});  // compared NOCASE, kept as written
  CHECK(f.case_level());
  CHECK_FALSE(f.empty());

  auto err = set_filter(f, "Jaar", "1800");
  REQUIRE_FALSE(err.ok());
  CHECK(err.error().message == "jaar: '1800' is not a number from 1900 to 2200");
  CHECK(set_filter(f, "kwartaal", "Q5").error().message == "kwartaal: 'Q5' is not a number from 1 to 4");
  CHECK(set_filter(f, "year", "2016x").error().message == "year: '2016x' is not a number from 1900 to 2200");
  CHECK(set_filter(f, "zaak", "").error().message == "zaak: needs a value");
  CHECK(set_filter(f, "kleur", "rood").error().message == "unknown filter 'kleur'");
}

TEST_CASE("filters: a document filter alone is not case level", "[filters]") {
  QueryFilters f;
  REQUIRE(set_filter(f, "doctype", "Rapport").ok());
  REQUIRE(set_filter(f, "org", "Amstelveld").ok());
  CHECK(f.doctype == Strings{"rapport"});
  CHECK(f.org == Strings{"Amstelveld"});
  CHECK_FALSE(f.case_level());
}

TEST_CASE("filters: the cache key is the same for the same filters in any order", "[filters]") {
  QueryFilters a, b, c;
  for (auto [k, v] : {std::pair{"theme", "communicatie"}, {"theme", "bejegening"}, {"year", "2020"}})
    REQUIRE(set_filter(a, k, v).ok());
  for (auto [k, v] : {std::pair{"jaar", "2020"}, {"thema", "bejegening"}, {"thema", "communicatie"}})
    REQUIRE(set_filter(b, k, v).ok());
  REQUIRE(set_filter(c, "theme", "communicatie").ok());
  CHECK(filters_key(a) == filters_key(b));
  CHECK(filters_key(a) != filters_key(c));
  CHECK(filters_key(QueryFilters{}).empty());
  CHECK(filter_values(a, *find_filter("year")) == Strings{"2020"});
}

TEST_CASE("filters: the query language takes every filter by name and alias", "[filters][query]") {
  for (const FilterDef& def : kFilters) {
    const std::string value = def.number ? std::to_string(def.max) : "x";
    for (std::string_view name : {def.name, def.aliases[0], def.aliases[1]}) {
      if (name.empty()) continue;
      auto p = parse_query("klacht " + std::string(name) + ":" + value);
      INFO(name);
      REQUIRE(p.ok());
      CHECK(filter_values(p->filters, def) == Strings{value});
    }
  }
}

TEST_CASE("word_list: comments, trimming, one word a line, with line numbers", "[word_list]") {
  Strings got;
  std::vector<int> lines;
  auto collect = [&](std::string_view w, int line) -> Status {
    got.emplace_back(w);
    lines.push_back(line);
    return {};
  };
  REQUIRE(read_word_list("# kop\nklacht\r\n\n  afdeling  # uitleg\n\tzaak", "w.txt", {}, collect).ok());
  CHECK(got == Strings{"klacht", "afdeling", "zaak"});
  CHECK(lines == std::vector<int>{2, 4, 5});

  auto bad = read_word_list("klacht\ntwee woorden\n", "w.txt", {}, collect);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().to_string().find("w.txt:2") != std::string::npos);
  CHECK(bad.error().message == "expected one word a line, got 'twee woorden'");

  got.clear();
  REQUIRE(read_word_list("a priori\r\n#geen commentaar\n", "dutch", WordListFormat{false, false}, collect).ok());
  CHECK(got == Strings{"a priori", "#geen commentaar"});
}
