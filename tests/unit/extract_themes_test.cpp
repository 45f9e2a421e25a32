// The themes interpreter (src/extract/themes.h) alone.
#include <catch2/catch.hpp>

#include "extract/organisation.h"
#include "extract/themes.h"
#include "extract/units.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

TEST_CASE("themes: every theme hit is a tag") {
  test::ExtractCtx x("De communicatie was slecht en de bejegening onvriendelijk.\n");
  run_themes(*x);
  CHECK(x.tags() == std::vector<std::string>{"theme communicatie [3,26) theme.communicatie/slecht-gecommuniceerd",
                                             "theme bejegening [33,43) theme.bejegening/naam",
                                             "theme bejegening [44,57) theme.bejegening/onheus"});
}

TEST_CASE("themes: none inside the name of a department") {
  test::ExtractCtx x("Het team Communicatie reageerde niet. De communicatie was slecht.\n");
  run_units(*x);
  REQUIRE(x.out.tags.size() == 1);
  run_themes(*x);
  CHECK(x.tags() == std::vector<std::string>{"afdeling Communicatie [9,21) afdeling.after-unit",
                                             "theme communicatie [22,36) theme.communicatie/terugbellen-niet",
                                             "theme communicatie [41,64) theme.communicatie/slecht-gecommuniceerd"});
}

TEST_CASE("themes: none inside the name of an organisation") {
  test::ExtractCtx x("De Klachtencommissie Communicatie Oosterholt besliste over klachten.\n");
  run_themes(*x);
  std::size_t all = x.out.tags.size();
  test::ExtractCtx y("De Klachtencommissie Communicatie Oosterholt besliste over klachten.\n");
  run_organisation(*y);
  std::size_t orgs = y.out.tags.size();
  run_themes(*y);
  CHECK(all == 1);
  CHECK(orgs == 1);
  CHECK(y.out.tags.size() == orgs);
}

TEST_CASE("themes: a hit only partly inside a name is dropped too") {
  test::ExtractCtx x("Team Klachtbehandeling\n");
  run_units(*x);
  // Tag the unit name only up to its middle: the theme hit overlaps it.
  REQUIRE(x.out.tags.size() == 1);
  x.out.tags[0].end = x.out.tags[0].start + 3;
  run_themes(*x);
  CHECK(x.out.tags.size() == 1);
}

// Session 22: a unit's name wholly inside a theme's words is who acted; a hit
// that starts or ends inside a name is the name ("team Communicatie").
TEST_CASE("themes: a name inside the hit stays a theme; a hit inside a name does not") {
  test::ExtractCtx x(
      "De ombudsman beveelt aan: laat het team Leerlingenvervoer e-mails binnen vijf werkdagen beantwoorden.\n\n"
      "Het team Communicatie schreef een nieuwe folder.\n");
  run_units(*x);
  run_themes(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "theme") got.push_back(t.value + ": " + std::string(x->text.substr(t.start, t.end - t.start)));
  CHECK(got == std::vector<std::string>{
                   "communicatie: beveelt aan: laat het team Leerlingenvervoer e-mails binnen vijf werkdagen beantwoorden"});
}

// Session 26: a match that starts inside a unit's name ("Inkomen had de
// uitkering stopgezet") beat the right one it overlaps, and was then dropped
// with the name, taking the theme with it. The names go first now, the
// overlaps are resolved after.
TEST_CASE("themes regression: a match inside a name no longer beats the right one") {
  test::ExtractCtx x("Het team Inkomen had de uitkering stopgezet omdat een formulier ontbrak.\n");
  run_units(*x);
  run_themes(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "theme") got.push_back(t.value + ": " + x.text.substr(t.start, t.end - t.start));
  REQUIRE(got.size() == 1);
  CHECK(got[0].rfind("financiële gevolgen: ", 0) == 0);
  CHECK(got[0].find("Inkomen") == std::string::npos);
}
