// The plain tags (src/extract/zaaknummers.h) alone: zaaknummers and every
// type without an interpreter of its own.
#include <catch2/catch.hpp>

#include "extract/zaaknummers.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

TEST_CASE("zaaknummers: which types are plain") {
  for (const char* t : {"zaaknummer", "status", "vereiste", "anything"}) CHECK(is_plain_type(t));
  for (const char* t : {"doctype", "organisation", "date", "period", "afdeling", "theme", "oordeel"}) CHECK_FALSE(is_plain_type(t));
}

TEST_CASE("zaaknummers: a mention and a case heading are tags as they are") {
  test::ExtractCtx x("406 - Geen beleid\n\nZie zaaknummer 389.\n");
  run_zaaknummers(*x);
  CHECK(x.tags() == std::vector<std::string>{"zaaknummer 406 [0,3) zaaknummer.case-heading",
                                             "zaaknummer 389 [23,37) zaaknummer.label-number"});
}

TEST_CASE("zaaknummers: counts and years are none") {
  test::ExtractCtx x("In 2019 kwamen 48 verzoeken binnen; 12 zaken.\n");
  run_zaaknummers(*x);
  CHECK(x.out.tags.empty());
}

TEST_CASE("zaaknummers: plain types in the order of the rule files, each in text order") {
  test::ExtractCtx x("Zie zaaknummer 389. De klacht is gegrond. Zie dossier 4711.\n");
  run_zaaknummers(*x);
  std::vector<std::string> types;
  for (const Tag& t : x.out.tags) types.emplace_back(t.type);
  CHECK(std::is_sorted(types.begin(), types.end()));
  REQUIRE(x.out.tags.size() >= 2);
  CHECK(x.out.tags[x.out.tags.size() - 2].value == "389");
  CHECK(x.out.tags.back().value == "4711");
}
