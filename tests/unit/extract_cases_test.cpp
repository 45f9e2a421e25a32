// The cases interpreter (src/extract/cases.h) alone: case boundaries, the
// one-case report, each case's afdeling, themes, status and oordeel.
#include <catch2/catch.hpp>

#include "extract/cases.h"
#include "extract/facts.h"
#include "extract/oordelen.h"
#include "extract/organisation.h"
#include "extract/themes.h"
#include "extract/units.h"
#include "extract/zaaknummers.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

namespace {
// Every interpreter before the cases, in the order of Extractor::extract.
void before_cases(interp::Context& c) {
  run_doctype(c);
  run_organisation(c);
  run_dates(c);
  run_units(c);
  run_themes(c);
  run_oordelen(c);
  run_zaaknummers(c);
  run_title(c);
}

Tag tag(const char* type, const char* value, std::size_t start, const char* rule = "x.y") {
  Tag t;
  t.type = intern(type);
  t.value = value;
  t.start = start;
  t.end = start + 1;
  t.rule = intern(rule);
  return t;
}
}  // namespace

TEST_CASE("cases: a title from the heading's line, else the next short line") {
  std::string a = "406 – Geen beleid\n";
  CHECK(case_title(a, 3, a.size() - 1, 100) == "Geen beleid");
  std::string b = "406\n\nGeen   reactie op een brief\nDe tekst.";
  CHECK(case_title(b, 3, 3, 100) == "Geen reactie op een brief");
  CHECK(case_title(b, 3, 3, 10).empty());
  std::string c = "406:\nEen zin die eindigt.\n";
  CHECK(case_title(c, 3, 4, 100).empty());
}

TEST_CASE("cases: a case runs to the next case, a numbered section or a closing paragraph") {
  test::ExtractCtx x(
      "406 - Geen beleid\n\nDe klacht gaat over beleid.\n\n"
      "389 - Mis communicatie\n\nDe klacht gaat over communicatie.\n\n"
      "3. Aanbevelingen\n\nMeer doen.\n");
  before_cases(*x);
  find_cases(*x);
  REQUIRE(x.out.cases.size() == 2);
  const Case& a = x.out.cases[0];
  const Case& b = x.out.cases[1];
  CHECK(a.zaaknummer == "406");
  CHECK(a.title == "Geen beleid");
  CHECK(x.text.substr(a.start, a.end - a.start) == "406 - Geen beleid\n\nDe klacht gaat over beleid.");
  CHECK(b.zaaknummer == "389");
  CHECK(x.text.substr(b.start, b.end - b.start) == "389 - Mis communicatie\n\nDe klacht gaat over communicatie.");

  test::ExtractCtx y("406 - Geen beleid\n\nDe klacht.\n\nHeeft u vragen over deze rapportage? Bel ons.\n");
  before_cases(*y);
  find_cases(*y);
  REQUIRE(y.out.cases.size() == 1);
  CHECK(y.out.cases[0].end == std::string("406 - Geen beleid\n\nDe klacht.").size());
}

// dev6 (a hospital committee) and dev5 (a 1996 scan) tell their cases under
// "3. Uit de praktijk", each under a heading of its own and no number.
TEST_CASE("cases: unnumbered headings in a section of cases are cases; elsewhere they are not") {
  test::ExtractCtx x(
      "2. Cijfers\n\nDe commissie ontving 40 klachten.\n\n"
      "3. Uit de praktijk\n\nHieronder twee klachten.\n\n"
      "Geen bericht over de uitslag\n\nEen man wachtte vijf weken op de uitslag van zijn test.\n\n"
      "Lang wachten op de Spoedeisende Hulp\n\nEen vrouw wachtte vijf uur en niemand vertelde haar waarom.\n\n"
      "4. Aanbevelingen\n\nBel patiënten terug.\n");
  before_cases(*x);
  find_cases(*x);
  REQUIRE(x.out.cases.size() == 2);
  CHECK(x.out.cases[0].zaaknummer.empty());
  CHECK(x.out.cases[0].title == "Geen bericht over de uitslag");
  CHECK(x.out.cases[1].title == "Lang wachten op de Spoedeisende Hulp");
  CHECK(x.text.substr(x.out.cases[1].start, x.out.cases[1].end - x.out.cases[1].start) ==
        "Lang wachten op de Spoedeisende Hulp\n\nEen vrouw wachtte vijf uur en niemand vertelde haar waarom.");
  // The same headings under a section that is not about cases: no cases.
  test::ExtractCtx y(
      "3. Werkwijze\n\nZo werken wij.\n\n"
      "Het hoorgesprek\n\nDe commissie nodigt beide partijen uit.\n\n"
      "Het advies\n\nDe commissie schrijft een advies.\n");
  before_cases(*y);
  find_cases(*y);
  CHECK(y.out.cases.empty());
}

// Regression (#18, dev18 1991 scan, session 28): the header field "Klacht
// over : de provincie …" was taken for the complaint's section, so the case
// started in the header; the section "1. DE KLACHT" starts it. A report
// number of two digits a side ("91/14") is one too.
TEST_CASE("cases: a header field about the complaint does not start the case") {
  const std::string text =
      "PROVINCIALE OMBUDSMAN\n\nRAPPORT\n\nRapportnummer   : 91/14\nKlacht over     : de provincie, dienst Water\n\n"
      "1. DE KLACHT\n\nVerzoeker klaagt erover dat de dienst niet antwoordde.\n";
  test::ExtractCtx x(text);
  before_cases(*x);
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 1);
  CHECK(x.out.cases[0].zaaknummer == "91/14");
  CHECK(x.out.cases[0].start == x.text.find("1. DE KLACHT"));
}

TEST_CASE("cases: an investigation report with a report number is one case") {
  const std::string text = "Rapport Gemeentelijke Ombudsman\n\nRapportnummer: 2019/0456\n\nDe afdeling Burgerzaken reageerde niet.\n";
  test::ExtractCtx x(text);
  before_cases(*x);
  REQUIRE(x.out.facts.doctype == "rapport");
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 1);
  CHECK(x.out.cases[0].zaaknummer == "2019/0456");
  CHECK(x.out.cases[0].start == 0);
  CHECK(x.out.cases[0].end == x.text.size());
  CHECK(x.out.cases[0].title == x.out.facts.title);
  CHECK(x.out.cases[0].afdeling == "Burgerzaken");
  for (const Tag& t : x.out.tags) CHECK(t.case_index == 0);

  test::ExtractCtx y("Jaarverslag klachtbehandeling 2022\n\nRapportnummer: 2019/0456\n");  // not a rapport: no case
  before_cases(*y);
  REQUIRE(y.out.facts.doctype == "jaarverslag");
  run_cases(*y);
  CHECK(y.out.cases.empty());
}

// The eval gold puts a report's one case where it states the complaint
// ("Wat is de klacht?", "1 De klacht"); it began at the title page, and the
// title page's last block was then read as the section naming its afdeling.
TEST_CASE("cases: a report on one complaint starts its case where it states the complaint") {
  const std::string head = "Rapport Gemeentelijke Ombudsman\n\nRapportnummer: 2019/0456\nDatum: 3 mei 2019\n\n";
  for (const char* section : {"Wat is de klacht?", "1 De klacht", "Klachtomschrijving", "Wat ging er vooraf?"}) {
    const std::string text = head + section + "\n\nDe afdeling Burgerzaken reageerde niet op zijn brief.\n";
    test::ExtractCtx x(text);
    before_cases(*x);
    run_cases(*x);
    INFO(section);
    REQUIRE(x.out.cases.size() == 1);
    CHECK(x.out.cases[0].start == x.text.find(section));
    CHECK(x.out.cases[0].afdeling == "Burgerzaken");
    for (const Tag& t : x.out.tags) CHECK(t.value != "Rapportnummer: 2019/0456");
  }
  // "De klachten" in a long paragraph is no section.
  test::ExtractCtx y(head + "De klachtbehandeling van de gemeente duurde lang en de afdeling Burgerzaken reageerde niet.\n");
  before_cases(*y);
  run_cases(*y);
  REQUIRE(y.out.cases.size() == 1);
  CHECK(y.out.cases[0].start == 0);
}

// Regression (#18, dev and dev3): a report without a report number and a
// letter on one complaint made no case, though their header fields give its
// number ("Dossiernummer: OV-2022-0318", "Klachtnummer: 2024-0418").
TEST_CASE("cases: a report or letter on one complaint is numbered by its header field") {
  const std::string fields = "Datum: 6 februari 2025\nKenmerk: KF/25/0031\nKlachtnummer: 2024-0418\n"
                             "Betreft: uw klacht over de afdeling Orthopedie\n\n";
  const std::string body = "Uw klacht\n\nU klaagde dat de afdeling Orthopedie u niet terugbelde.\n";
  // A letter: one case from its complaint section, numbered by the field.
  test::ExtractCtx x("Ziekenhuis De Wielingen\n\n" + fields + "Geachte mevrouw Jansen,\n\n" + body);
  before_cases(*x);
  REQUIRE(x.out.facts.doctype == "brief");
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 1);
  CHECK(x.out.cases[0].zaaknummer == "2024-0418");
  CHECK(x.out.cases[0].start == x.text.find("Uw klacht\n"));
  CHECK(x.out.cases[0].afdeling == "Orthopedie");
  // A letter without a section on the complaint is no case.
  test::ExtractCtx y("Ziekenhuis De Wielingen\n\n" + fields + "Geachte mevrouw Jansen,\n\nHierbij de cijfers over 2024.\n");
  before_cases(*y);
  run_cases(*y);
  CHECK(y.out.cases.empty());
  // A letter's own reference ("Kenmerk") numbers no case.
  test::ExtractCtx z("Ziekenhuis De Wielingen\n\nDatum: 6 februari 2025\nKenmerk: KF/25/0031\n\nGeachte mevrouw Jansen,\n\n" + body);
  before_cases(*z);
  run_cases(*z);
  CHECK(z.out.cases.empty());
  // A report without a report number: the number of its header.
  test::ExtractCtx r("OMBUDSMAN HOOGSLOTEN\n\nRAPPORT\n\nDossiernummer: OH 2024-0219\nDatum: 9 september 2024\n\n"
                     "1 De klacht\n\nDe afdeling Jeugd reageerde niet op hun brieven.\n");
  before_cases(*r);
  REQUIRE(r.out.facts.doctype == "rapport");
  run_cases(*r);
  REQUIRE(r.out.cases.size() == 1);
  CHECK(r.out.cases[0].zaaknummer == "OH 2024-0219");
  CHECK(r.out.cases[0].start == r.text.find("1 De klacht"));
}

TEST_CASE("cases: the oordeel is the first in the last section, else the last") {
  std::vector<Tag> tags{tag("oordeel", "gegrond", 10), tag("oordeel", "ongegrond", 20), tag("theme", "bejegening", 25),
                        tag("oordeel", "niet ontvankelijk", 30, "oordeel.table"), tag("oordeel", "ingetrokken", 40),
                        tag("oordeel", "gedeeltelijk gegrond", 50)};
  CHECK(pick_oordeel(tags, 0, tags.size(), 15, 45) == "ongegrond");
  CHECK(pick_oordeel(tags, 0, tags.size(), 30, 35).empty() == false);
  CHECK(pick_oordeel(tags, 0, tags.size(), 30, 35) == "gedeeltelijk gegrond");  // a table's oordeel is none
  CHECK(pick_oordeel(tags, 0, tags.size(), 0, 0) == "gedeeltelijk gegrond");
  CHECK(pick_oordeel(tags, 0, 2, 0, 0) == "ongegrond");
  CHECK(pick_oordeel(tags, 2, 4, 0, 100).empty());
}

TEST_CASE("cases: a section heading names the afdeling; themes, status and the oordeel section from inside") {
  test::ExtractCtx x(
      "# Team Burgerzaken\n\n"
      "406 - Geen reactie\n\nDe communicatie was slecht. De klacht is gegrond.\n\n"
      "## Oordeel\n\nDe klacht is ongegrond.\n");
  before_cases(*x);
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 1);
  const Case& c = x.out.cases[0];
  CHECK(c.afdeling == "Burgerzaken");
  CHECK(c.themes == std::vector<std::string>{"communicatie"});  // "Geen reactie" and the text (#18: no reply is communicatie)
  CHECK(c.oordeel == "ongegrond");
  CHECK(x->extra.empty());  // the heading's name is already an after-unit tag
  REQUIRE(!x.out.tags.empty());
  CHECK(std::is_sorted(x.out.tags.begin(), x.out.tags.end(), [](const Tag& a, const Tag& b) { return a.start < b.start; }));
}

TEST_CASE("cases: a heading without a unit word becomes an afdeling tag of its own") {
  test::ExtractCtx x("# Belastingen\n\n406 - Geen reactie\n\nDe klacht.\n");
  before_cases(*x);
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 1);
  CHECK(x.out.cases[0].afdeling == "Belastingen");
  REQUIRE(x->extra.size() == 1);
  CHECK(x->extra[0].rule == "afdeling.case-section");
  CHECK(x->extra[0].detail == "{\"unit\":\"afdeling\",\"level\":\"afdeling\"}");
  CHECK(x->extra[0].case_index == -1);
  CHECK(x.at(x->extra[0]) == "Belastingen");
}

// Regression (#18, dev3 omgevingsdienst): every case under "4 Enkele klachten
// uitgelicht" got that heading as its afdeling, and the heading an afdeling
// tag, though each case's own heading named its team.
TEST_CASE("cases: the unit in a case's own heading beats the section heading above it") {
  test::ExtractCtx x(
      "4 Enkele klachten uitgelicht\n\n"
      "Klacht ODM-K22-041 – team Bedrijven en Agrarisch\n\nEen bewoner meldde elf keer geurhinder. Oordeel: gegrond.\n\n"
      "Klacht ODM-K22-058 – team Omgevingsvergunningen\n\nEen ondernemer vroeg een vergunning aan. Oordeel: ongegrond.\n");
  before_cases(*x);
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 2);
  CHECK(x.out.cases[0].afdeling == "Bedrijven en Agrarisch");
  CHECK(x.out.cases[1].afdeling == "Omgevingsvergunningen");
  CHECK(x->extra.empty());  // the section heading is no unit
}

// Regression (dev5, dev7, dev9, dev10 eval documents, session 24): a case
// that names an afdeling and its team ("Afdeling: Vastgoed en Onderhoud,
// team Reparatieonderhoud") took the afdeling; the lowest unit it names is
// its unit. A unit further on in the sentence is not the heading's.
TEST_CASE("cases: a case's unit is the lowest of the units its line names in a row") {
  test::ExtractCtx x(
      "3 Behandelde klachten\n\n"
      "Klachtnummer: 23-003\nAfdeling: Vastgoed en Onderhoud, team Reparatieonderhoud\n"
      "Een huurster meldde een lekkage. Oordeel: gegrond.\n\n"
      "Klachtnummer: 23-009\nDe afdeling Verhuur liet een huurder wachten; het team Woonfraude belde. Oordeel: ongegrond.\n\n"
      "Klachtnummer: 23-011\nDe afdeling Verhuur vroeg het team Woonfraude om een controle. Oordeel: ongegrond.\n");
  before_cases(*x);
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 3);
  CHECK(x.out.cases[0].afdeling == "Reparatieonderhoud");
  CHECK(x.out.cases[1].afdeling == "Verhuur");
  CHECK(x.out.cases[2].afdeling == "Verhuur");  // a verb between: no listing (review, session 24)
}

// Regression (#18, dev3 studiefinanciering): "Casus 1 – afdeling X" with
// "Dossiernummer: 2023-004511" on the next line made no case, since the
// heading holds no case number; 8 of 8 cases were missed.
TEST_CASE("cases: a numbered case heading takes its number from its line or the next") {
  test::ExtractCtx x(
      "5 Uit de dossiers\n\n"
      "Casus 1 – afdeling Studiefinanciering\n\nDossiernummer: 2023-004511\n\nEen student wachtte lang. Oordeel: gegrond.\n\n"
      "Casus 2 (dossier 2023-008870) – team Invordering en Beslag\n\nEen man kreeg beslag op zijn loon. Oordeel: gegrond.\n\n"
      "Voorbeeld 3: een boete\n\nEen vrouw kreeg een boete. Oordeel: ongegrond.\n\n"
      "Casus 12 laat zien dat het beter kan.\n");
  before_cases(*x);
  run_cases(*x);
  // "Voorbeeld 3" has no case number at once: an example, no case.
  REQUIRE(x.out.cases.size() == 2);
  CHECK(x.out.cases[0].zaaknummer == "2023-004511");
  CHECK(x.out.cases[0].title == "afdeling Studiefinanciering");
  CHECK(x.out.cases[0].afdeling == "Studiefinanciering");
  CHECK(x.out.cases[1].zaaknummer == "2023-008870");
  CHECK(x.out.cases[1].afdeling == "Invordering en Beslag");
}

// dev5 (session 17): a committee's summaries open with their number as a
// field; an annual report numbers the section of each dossier.
TEST_CASE("cases: a series of blocks opening with a number field; a dossier under a section number") {
  test::ExtractCtx x(
      "3 Behandelde klachten\n\n"
      "Klachtnummer: 23-003\nAfdeling: Vastgoed, team Onderhoud\nOnderwerp: lekkage\nEen huurster meldde een lekkage. Oordeel: gegrond.\n\n"
      "Klachtnummer: 23-009\nAfdeling: Verhuur\nOnderwerp: geluid\nEen huurder had last van muziek. Oordeel: ongegrond.\n");
  before_cases(*x);
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 2);
  CHECK(x.out.cases[0].zaaknummer == "23-003");
  CHECK(x.out.cases[1].zaaknummer == "23-009");
  // One such field is a letter's header, no series.
  test::ExtractCtx one("Klachtnummer: 23-003\n\nGeachte mevrouw Smit,\n\nUw klacht is gegrond.\n");
  before_cases(*one);
  run_cases(*one);
  CHECK(one.out.cases.empty());
  test::ExtractCtx sec(
      "3.1  Dossier KC16-008 \xe2\x80\x93 directie Mobiliteit\nEen weg ging dicht zonder bericht. Ik vind de klacht gegrond.\n\n"
      "3.2  Dossier KC16-015 \xe2\x80\x93 afdeling Ruimte\nEen inwoner kreeg geen antwoord. Ik vind de klacht ongegrond.\n");
  before_cases(*sec);
  run_cases(*sec);
  REQUIRE(sec.out.cases.size() == 2);
  CHECK(sec.out.cases[0].zaaknummer == "KC16-008");
  CHECK(sec.out.cases[1].zaaknummer == "KC16-015");
}

TEST_CASE("cases: numbered headings count only as a series, and not in a numbered report") {
  // One "Casus 1" is no series.
  test::ExtractCtx one("Casus 1 – team Beslag\n\nDossiernummer: 2023-004511\n\nEen man kreeg beslag.\n");
  before_cases(*one);
  run_cases(*one);
  CHECK(one.out.cases.empty());
  // A report with a report number is one case; its "Klacht 1" and "Klacht 2" are its parts.
  test::ExtractCtx rap(
      "Rapport\n\nRapportnummer: 2019/0456\n\nKlacht 1 – de duur\n\nZaaknummer: 2019-0001\n\nHet duurde lang.\n\n"
      "Klacht 2 – de toon\n\nZaaknummer: 2019-0002\n\nDe toon was grof.\n");
  before_cases(*rap);
  run_cases(*rap);
  REQUIRE(rap.out.cases.size() == 1);
  CHECK(rap.out.cases[0].zaaknummer == "2019/0456");
}

TEST_CASE("cases: a title the text runs on from is cut at a word's end") {
  std::string t = "Casus 4 – team Beslag Een man kreeg beslag op zijn loon, terwijl hij eerder een regeling had afgesproken.\n";
  CHECK(case_title(t, 8, t.size() - 1, 40) == "team Beslag Een man kreeg beslag op zijn…");
}

// Regression (dev5 1996 scan, session 24): "III. ENKELE VERZOEKEN NADER
// BEKEKEN" told six cases numbered "1." to "6." under it; a roman section
// number was no section, "bekeken" no word of a section of cases, and a
// numbered heading under it ended the section instead of starting a case.
TEST_CASE("cases: numbered headings under a roman section of cases are its cases") {
  test::ExtractCtx x(
      "III. ENKELE VERZOEKEN NADER BEKEKEN\n\nHieronder volgen enkele verzoeken.\n\n"
      "1. Sector Sociale Zaken, afdeling Bijstand\n\nVerzoekster kreeg geen uitkering. De commissie acht het verzoek gegrond.\n\n"
      "2. Sector Middelen, afdeling Belastingen\n\nVerzoeker kreeg een aanslag te veel. Het verzoek is ongegrond.\n\n"
      "IV. DE KLACHTBEHANDELING DOOR DE GEMEENTE\n\nDe gemeente behandelt klachten zelf.\n");
  before_cases(*x);
  run_cases(*x);
  REQUIRE(x.out.cases.size() == 2);
  CHECK(x.out.cases[0].afdeling == "Bijstand");
  CHECK(x.out.cases[1].afdeling == "Belastingen");
  // The roman section after them ends the last case.
  CHECK(x.text.substr(x.out.cases[1].start, x.out.cases[1].end - x.out.cases[1].start).find("IV.") == std::string::npos);
}
