// The oordelen interpreter (src/extract/oordelen.h) alone.
#include <catch2/catch.hpp>

#include "extract/oordelen.h"
#include "extract/units.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

TEST_CASE("oordelen: an outcome row's label from table.labels, else an entry's value") {
  const RuleFile& oo = test::rule_file("oordeel");
  CHECK(outcome_value(oo, "Deels gegrond") == "gedeeltelijk gegrond");
  CHECK(outcome_value(oo, "Onontvankelijk") == "niet ontvankelijk");
  CHECK(outcome_value(oo, "Gegrond") == "gegrond");
  CHECK(outcome_value(oo, "**Ongegrond**").empty());
  CHECK(outcome_value(oo, "Totaal").empty());
}

TEST_CASE("oordelen: outcome rows first, with counts; no plain hit on their labels") {
  test::ExtractCtx x("| Uitkomst | Aantal |\n|---|---|\n| Gegrond | 3 |\n| Totaal | 3 |\n\nDe klacht is ongegrond.\n");
  run_units(*x);
  REQUIRE(x->outcome_rows.size() == 2);
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel gegrond [34,41) oordeel.table",
                                             "oordeel ongegrond [77,86) oordeel.ongegrond/ongegrond"});
  CHECK(x.out.tags[0].detail == "{\"counts\":{\"Aantal\":3}}");
}

TEST_CASE("oordelen: without outcome rows every hit is a tag") {
  test::ExtractCtx x("Gegrond | 3\n\nDe klacht is gegrond.\n");
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel gegrond [0,7) oordeel.gegrond/gegrond",
                                             "oordeel gegrond [26,33) oordeel.gegrond/gegrond"});
}

TEST_CASE("oordelen: a row whose label names no oordeel covers nothing") {
  test::ExtractCtx x("De klacht is gegrond.\n");
  x->outcome_rows.push_back({"gegrond", 13, 20, ""});
  x->outcome_rows.push_back({"Totaal", 0, 21, ""});
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel gegrond [13,20) oordeel.table"});
}
