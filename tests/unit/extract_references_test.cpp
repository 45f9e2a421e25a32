// The references interpreter (src/extract/references.h) alone: section
// references carry the section's theme to the case.
#include <catch2/catch.hpp>

#include "extract/cases.h"
#include "extract/facts.h"
#include "extract/oordelen.h"
#include "extract/organisation.h"
#include "extract/references.h"
#include "extract/themes.h"
#include "extract/units.h"
#include "extract/zaaknummers.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

namespace {
void before_references(interp::Context& c) {
  run_doctype(c);
  run_organisation(c);
  run_dates(c);
  run_units(c);
  run_themes(c);
  run_oordelen(c);
  run_zaaknummers(c);
  run_title(c);
  run_cases(c);
}

const std::string kReport =
    "## 2.1 Communicatie\n\nDe ombudsman zag dit vaker (zie zaaknummer 406).\n\n"
    "## 3. Zaken\n\n"
    "406 - Vergunning\n\nDe klacht over de termijn.\n";
}  // namespace

TEST_CASE("references: a reference outside the cases gives its section's theme to the case") {
  test::ExtractCtx x(kReport);
  before_references(*x);
  REQUIRE(x.out.cases.size() == 1);
  std::vector<std::string> before = x.out.cases[0].themes;
  CHECK(std::find(before.begin(), before.end(), "communicatie") == before.end());
  run_references(*x);
  const auto& th = x.out.cases[0].themes;
  CHECK(std::find(th.begin(), th.end(), "communicatie") != th.end());
  REQUIRE(x->extra.size() == 1);
  const Tag& t = x->extra[0];
  CHECK(t.type == "theme");
  CHECK(t.value == "communicatie");
  CHECK(t.rule == "theme.section-reference");
  CHECK(t.case_index == 0);
  CHECK(x.at(t) == "zaaknummer 406");
}

TEST_CASE("references: none for a number that is no case, or without a heading above") {
  test::ExtractCtx x("## 2.1 Communicatie\n\nZie zaaknummer 999.\n\n406 - Geen reactie\n\nDe klacht.\n");
  before_references(*x);
  run_references(*x);
  CHECK(x->extra.empty());

  test::ExtractCtx y("Zie zaaknummer 406 over communicatie.\n\n406 - Geen reactie\n\nDe klacht.\n");
  before_references(*y);
  run_references(*y);
  CHECK(y->extra.empty());
}

TEST_CASE("references: a reference inside a case is none") {
  test::ExtractCtx x("## Communicatie\n\n406 - Geen reactie\n\nZie ook zaaknummer 406.\n");
  before_references(*x);
  REQUIRE(x.out.cases.size() == 1);
  run_references(*x);
  CHECK(x->extra.empty());
}
