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

// The facts of a short document: the title, a paragraph, a dated letter line.
DocFacts facts_of(const std::string& title) {
  Normalized n = test::normalizer().normalize(
      title + "\n\nDe ombudsman behandelde in dit jaar veel klachten over de gemeente.\n\nBrief van 12 maart 2023.\n");
  return test::extractor().extract(n.text, n.blocks).facts;
}

// "doctype year" of that document.
std::string facts(const std::string& title) {
  DocFacts f = facts_of(title);
  return f.doctype + " " + (f.year ? std::to_string(*f.year) : "-");
}

// "doctype covers" of that document: the period it covers, or "" after the
// doctype for none.
std::string covers(const std::string& title) {
  DocFacts f = facts_of(title);
  return f.doctype + " " + f.period;
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
  // The year alone was read as a table row with the next line that ends in
  // a number, the date it was adopted (dev6, session 25).
  CHECK(facts("Jaarverslag over het jaar\n2019\n\nVastgesteld in de vergadering van 26 februari 2020") == "jaarverslag 2019");
  // A title too long for a heading: a paragraph that opens with it (dev12).
  CHECK(facts("JAARVERSLAG van de klachtencommissie over haar werkzaamheden in het jaar\n1982\n\nHaverdonk, 28 maart 1983") ==
        "jaarverslag 1982");
}

TEST_CASE("period: a half-year report covers its half, written in any of the usual ways") {
  CHECK(covers("Halfjaarverslag\njanuari tot en met juni 2023") == "halfjaarverslag 2023-H1");
  CHECK(covers("Halfjaarverslag klachten\njuli t/m december 2021") == "halfjaarverslag 2021-H2");
  CHECK(covers("Halfjaarrapportage klachten tweede halfjaar 2020") == "halfjaarverslag 2020-H2");
  CHECK(covers("Halfjaarverslag ombudsman, eerste helft van 2019") == "halfjaarverslag 2019-H1");
  CHECK(covers("Halfjaarrapportage Q1 + Q2 2022") == "halfjaarverslag 2022-H1");
  CHECK(covers("Halfjaarverslag H2 2018") == "halfjaarverslag 2018-H2");
}

TEST_CASE("period: a half or quarter named in another kind of report covers its year") {
  CHECK(covers("Jaarverslag klachten 2022\n\nIn het eerste halfjaar 2022 kwamen minder klachten binnen.") ==
        "jaarverslag 2022");
  CHECK(covers("Kwartaalrapportage klachten\n\nderde kwartaal 2020") == "kwartaalrapportage 2020-Q3");
}

TEST_CASE("period: a single case, a letter or a newsletter covers no period; its year is its date's") {
  CHECK(covers("Rapport 2017/064") == "rapport ");
  CHECK(facts("Rapport 2017/064") == "rapport 2017");
  CHECK(covers("Nieuwsbrief nummer 2022/3") == "nieuwsbrief ");
  CHECK(facts("Nieuwsbrief nummer 2022/3") == "nieuwsbrief 2023");
}

TEST_CASE("period: an annual report without a year in its title covers its date's year") {
  CHECK(covers("Jaarverslag klachtbehandeling") == "jaarverslag 2023");
}

// #18 (dev3 omgevingsdienst, the shared audit study): a year from July to
// June, or two whole years, had no form: the report got its first year only.
TEST_CASE("period: a report across two calendar years covers both") {
  CHECK(covers("Jaarrapportage klachten\njuli 2022 tot en met juni 2023") == "jaarverslag 2022-H2/2023-H1");
  CHECK(facts("Jaarrapportage klachten\njuli 2022 tot en met juni 2023") == "jaarverslag 2022");
  CHECK(covers("Jaarverslag klachten over de jaren 2019 en 2020") == "jaarverslag 2019-2020");
  // A single case names two years without covering them.
  CHECK(covers("Rapport 2017/064\n\nOver de jaren 2015 en 2016 kreeg verzoeker te veel.") == "rapport ");
}
