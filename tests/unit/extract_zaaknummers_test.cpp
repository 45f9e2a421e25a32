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

// Regression (dev5, dev8 eval documents, session 24): a list of open
// complaints ("99/034  Sociale Zaken  2 juni 1999") and "verschenen:
// 2019.0301 (...) en 2019.0344" name case numbers without a word before
// them; the document's labelled numbers ("Klacht nr. 99/017") have their shape.
TEST_CASE("zaaknummers: numbers of the shape of the document's case numbers") {
  test::ExtractCtx x(
      "Klacht nr. 99/017 - afdeling Belastingen\n\nDe klacht is gegrond.\n\n"
      "Open klachten\n99/034 Sociale Zaken 2 juni 1999\n99/036 Belastingen 9 juni 1999\n\n"
      "In 1998/99 en 1999-2000 kwamen 12/034 en 99/03 niet voor; zie ook 99/041.\n");
  run_zaaknummers(*x);
  std::vector<std::string> v;
  for (const Tag& t : x.out.tags) v.push_back(t.value + " " + std::string(t.rule));
  // "12/034" has the shape but not the first part: a ratio, a phone number.
  CHECK(v == std::vector<std::string>{"99/017 zaaknummer.label-heading", "99/034 zaaknummer.same-shape",
                                      "99/036 zaaknummer.same-shape", "99/041 zaaknummer.same-shape"});
  test::ExtractCtx w("Klacht nr. 2022-0163 - team Noord\n\nBel 0800-1351 of 0900-8844; 2022-0170 volgt.\n");
  run_zaaknummers(*w);
  REQUIRE(w.out.tags.size() == 2);
  CHECK(w.out.tags[1].value == "2022-0170");
  // Too short a shape teaches nothing; two years are a period.
  test::ExtractCtx y("Zaak 2019/12 - afdeling Werk\n\nIn het schooljaar 2019/20 en in 2020/2021 niet.\n");
  run_zaaknummers(*y);
  REQUIRE(y.out.tags.size() == 1);
  CHECK(y.out.tags[0].value == "2019/12");
  test::ExtractCtx z("Zaak 2021/0123 - afdeling Werk\n\nIn 2020/2021 en 2021-2022 niet, wel 2021/0456.\n");
  run_zaaknummers(*z);
  REQUIRE(z.out.tags.size() == 2);
  CHECK(z.out.tags[1].value == "2021/0456");
}

// dev13 (session 26, written blind): a prison committee's case numbers
// carry a prefix ("BC 24/117"); its text names them in running sentences,
// last year's too ("zaak BC 23/188"). A letter's own reference of the same
// shape ("Kenmerk: KC 93/117") is none.
TEST_CASE("zaaknummers: numbers with the prefix of the document's case numbers") {
  test::ExtractCtx b("BC 24/017 \xE2\x80\x93 paviljoen Vlier\nKlager kreeg geen bezoek.\n\n"
                     "In het vorige jaarverslag noemden wij zaak BC 23/188 al; en 24/555 is geen zaak.\n");
  run_zaaknummers(*b);
  std::vector<std::string> bv;
  for (const Tag& t : b.out.tags) bv.push_back(t.value);
  CHECK(bv == std::vector<std::string>{"BC 24/017", "BC 23/188"});
  // Letters inside the number tell it too: last year's "22.KL.05530".
  test::ExtractCtx k("23.KL.00318 \xE2\x80\x93 directie Medische Beoordeling\nEen man wachtte.\n\n"
                     "Eerder schreven wij over klacht 22.KL.05530; bel 088 - 804 11 90.\n");
  run_zaaknummers(*k);
  std::vector<std::string> kv;
  for (const Tag& t : k.out.tags) kv.push_back(t.value);
  CHECK(kv == std::vector<std::string>{"23.KL.00318", "22.KL.05530"});
  test::ExtractCtx x("Klacht nr. 99/017 - afdeling Werk\n\nKenmerk: KC 99/117\n\nZie ook 99/041.\n");
  run_zaaknummers(*x);
  std::vector<std::string> v;
  for (const Tag& t : x.out.tags) v.push_back(t.value);
  CHECK(v == std::vector<std::string>{"99/017", "99/041"});
}
