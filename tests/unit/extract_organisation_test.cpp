// The organisation interpreter (src/extract/organisation.h) alone.
#include <catch2/catch.hpp>

#include "extract/organisation.h"
#include "extract/text_util.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

namespace {
Hit hit(std::size_t start, const std::string& value) {
  Hit h;
  h.start = start;
  h.end = start + value.size();
  h.value = value;
  return h;
}
}  // namespace

TEST_CASE("organisation: an issuer in the window, else another there, else an issuer, else any") {
  std::vector<Hit> hits{hit(10, "gemeente A"), hit(100, "Ombudsman B"), hit(5000, "Ombudsman C"), hit(6000, "gemeente D")};
  CHECK(pick_organisation(hits, {false, true, true, false}, 3000)->value == "Ombudsman B");
  CHECK(pick_organisation(hits, {false, false, true, false}, 3000)->value == "gemeente A");
  CHECK(pick_organisation(hits, {false, false, true, false}, 5)->value == "Ombudsman C");
  CHECK(pick_organisation(hits, {false, false, false, false}, 5)->value == "gemeente A");
  CHECK(pick_organisation({}, {}, 3000) == nullptr);
}

TEST_CASE("organisation: tidy_org drops the article and title-cases capitals") {
  CHECK(tidy_org("DE GEMEENTELIJKE OMBUDSMAN") == "De Gemeentelijke Ombudsman");  // only "De "/"de " are articles
  CHECK(tidy_org("GEMEENTELIJKE OMBUDSMAN") == "Gemeentelijke Ombudsman");
  CHECK(tidy_org("OMBUDSMAN OOSTMARKE-ZUID") == "Ombudsman Oostmarke-Zuid");
  CHECK(tidy_org("het college") == "College");
  CHECK(tidy_org("gemeente Amsterdam") == "Gemeente Amsterdam");
}

TEST_CASE("organisation: every hit is a tag; the issuer is the report's") {
  test::ExtractCtx x("De gemeente Amsterdam vroeg het.\n\nDe Nationale ombudsman heeft onderzocht.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Nationale ombudsman");
  CHECK(x.tags() == std::vector<std::string>{"organisation Gemeente Amsterdam [3,21) organisation.gemeente",
                                             "organisation Nationale ombudsman [37,56) organisation.ombudsman"});
}

TEST_CASE("organisation: a letterhead publishes the report") {
  // Alone on its line, or opening it (a line joined with the one under it).
  std::string text = "\nVEILIGHEIDSREGIO LINDEVALLEI\n\nJaarverslag 2020\n";
  std::vector<Hit> hits{hit(1, "VEILIGHEIDSREGIO LINDEVALLEI")};
  REQUIRE(letterhead(text, hits, 4) != nullptr);
  std::string joined = "Belastingsamenwerking Oeverland gemeenschappelijke regeling van drie gemeenten\n";
  CHECK(letterhead(joined, {hit(0, "Belastingsamenwerking Oeverland")}, 4) != nullptr);
  // Inside a sentence, or under the first lines: no letterhead.
  std::string inside = "Rapport over de klachten bij de gemeente Stavelhoek in 2019\n";
  CHECK(letterhead(inside, {hit(31, "gemeente Stavelhoek")}, 4) == nullptr);
  std::string late = "a\nb\nc\nd\nGemeente Stavelhoek\n";
  CHECK(letterhead(late, {hit(8, "Gemeente Stavelhoek")}, 4) == nullptr);
  CHECK(letterhead(late, {hit(8, "Gemeente Stavelhoek")}, 5) != nullptr);
}

TEST_CASE("organisation: a letterhead wins over an ombudsman the report quotes") {
  test::ExtractCtx x("VEILIGHEIDSREGIO LINDEVALLEI\n\nJaarverslag van de klachtencommissaris\n\n"
                     "De Nationale ombudsman oordeelde in een zaak.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Veiligheidsregio Lindevallei");
}

// Regression (#18, dev17 1998 scan, session 28): a committee's letterhead
// over its body's name was cut to "Klachtencommissie Huurders"; and the
// normaliser had joined the body's line to the field under it.
TEST_CASE("organisation: a committee's letterhead over its body's name is one name") {
  test::ExtractCtx x("  KLACHTENCOMMISSIE HUURDERS\n  WOONSTICHTING WENTERDIJK\n\n  secretariaat: Postbus 87, 7461 BK Wenterdijk\n\n"
                     "  J A A R V E R S L A G   1 9 9 8\n\nHierbij biedt de Klachtencommissie Huurders haar verslag aan.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Klachtencommissie Huurders Woonstichting Wenterdijk");
  // An ombudsman over the body it writes to keeps its own name.
  test::ExtractCtx y("OMBUDSMAN OOSTMARKE\nGEMEENTE KEPPELWAARD\n\nRapport over een klacht.\n");
  run_organisation(*y);
  CHECK(y.out.facts.organisation == "Ombudsman Oostmarke");
}

TEST_CASE("organisation: a short sentence is no letterhead") {
  std::string text = "De gemeente Amsterdam vroeg het.\n";
  CHECK(letterhead(text, {hit(3, "gemeente Amsterdam")}, 4) == nullptr);
}

// dev12 (session 25, written blind): a joint body's letterhead ran on into
// the line of its tasks, and a title in capitals (a compound of a title
// word) was taken for a name.
TEST_CASE("organisation regression: a joint body named with its tasks; a title in capitals is no name") {
  test::ExtractCtx x("Intergemeentelijke Dienst Werk en Inkomen Breukhoven\n"
                     "uitvoering van de Participatiewet voor de gemeenten Breukhoven en Eikenrode\n\n"
                     "KWARTAALRAPPORTAGE KLACHTEN\n\nDerde kwartaal 2025\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Intergemeentelijke Dienst Werk en Inkomen Breukhoven");
  for (const Tag& t : x.out.tags) CHECK(t.value != "Kwartaalrapportage Klachten");
}

// dev13 (session 26, written blind): a committee or an ombudsfunctionaris
// that publishes under the letterhead of the body it serves was replaced by
// that body.
TEST_CASE("organisation: a watchdog under its body's letterhead publishes the report") {
  test::ExtractCtx under("PROVINCIE ZUIDERMARKEN\nKlachtencommissie\nPostbus 905\n\nKWARTAALVERSLAG 1993\n");
  run_organisation(*under);
  CHECK(under.out.facts.organisation == "Klachtencommissie Provincie Zuidermarken");
  test::ExtractCtx titled("UNIVERSITEIT ELDERMAAS\n\nJaarverslag 2024 van de Ombudsfunctionaris Studenten\n\n"
                          "Universiteit Eldermaas\n\nDe ombudsfunctionaris kreeg 80 klachten.\n");
  run_organisation(*titled);
  CHECK(titled.out.facts.organisation == "Ombudsfunctionaris Studenten Universiteit Eldermaas");
  // A unit under the letterhead is no watchdog: the body publishes.
  test::ExtractCtx unit("Gemeente Lindehoven\nAfdeling Publiekszaken\n\nJaarverslag klachten 2022\n");
  run_organisation(*unit);
  CHECK(unit.out.facts.organisation == "Gemeente Lindehoven");
}

TEST_CASE("organisation: a ministry and a committee named by its task") {
  test::ExtractCtx m("Ministerie van Ruimte, Water en Mobiliteit\nDirectie Wetgeving\n\nJaaroverzicht klachtbehandeling 2024\n");
  run_organisation(*m);
  CHECK(m.out.facts.organisation == "Ministerie van Ruimte, Water en Mobiliteit");
  test::ExtractCtx c("Commissie van Toezicht bij de Penitentiaire Inrichting Heerenbroek\n\nJAARVERSLAG 2024\n");
  run_organisation(*c);
  CHECK(c.out.facts.organisation == "Commissie van Toezicht bij de Penitentiaire Inrichting Heerenbroek");
}

TEST_CASE("organisation: a title under the letterhead is no watchdog's name") {
  test::ExtractCtx x("PROVINCIE ZUIDERMARKEN\nKlachtencommissie Jaarverslag 2022\n\nDe commissie kreeg 23 klachten.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Provincie Zuidermarken");
}
