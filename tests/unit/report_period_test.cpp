// tests/unit/report_period_test.cpp — issue #18: the year a report covers
// comes from its title or its report number, not from a letter's date in
// its text; a report with a number is a rapport.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "extract/extract.h"
#include "normalize/normalize.h"
#include "testutil.h"

using namespace omb;

namespace {

// "doctype year" of a short document: the title, a paragraph, a dated letter line.
std::string facts(const std::string& title) {
  Normalized n = test::normalizer().normalize(
      title + "\n\nDe ombudsman behandelde in dit jaar veel klachten over de gemeente.\n\nBrief van 12 maart 2023.\n");
  Extraction x = test::extractor().extract(n.text, n.blocks);
  return x.facts.doctype + " " + (x.facts.year ? std::to_string(*x.facts.year) : "-");
}

}  // namespace

TEST_CASE("period: the title's year, wherever it stands on the title line") {
  CHECK(facts("Jaarverslag van de Ombudscommissie Oosterholt 1995") == "jaarverslag 1995");
  CHECK(facts("Verslag over het jaar 2005") == "jaarverslag 2005");
  CHECK(facts("Jaarverslag over 2017") == "jaarverslag 2017");
  CHECK(facts("Jaarverslag klachtbehandeling 2022") == "jaarverslag 2022");
}

TEST_CASE("period: a report's number gives its year and its doctype") {
  CHECK(facts("Rapport 2017/064") == "rapport 2017");
  CHECK(facts("De Nationale ombudsman, rapport 2017/064") == "rapport 2017");
  CHECK(facts("Rapportnummer: 2014/166") == "rapport 2014");
}

// Regression (#19): a title whose year the PDF put on the next line, or
// after a blank line a hard wrap became, had no year: "2005" stood alone.
TEST_CASE("period regression: a title split across lines keeps its year") {
  CHECK(facts("Verslag over het jaar\n2005") == "jaarverslag 2005");
  CHECK(facts("Verslag over het jaar\n\n2005") == "jaarverslag 2005");
  CHECK(facts("Jaarverslag klachtbehandeling over het\n\njaar 2016") == "jaarverslag 2016");
}
