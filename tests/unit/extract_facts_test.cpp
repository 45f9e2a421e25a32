// The facts interpreter (src/extract/facts.h) alone: doctype, date, period, title.
#include <catch2/catch.hpp>

#include "extract/facts.h"
#include "extract/organisation.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

TEST_CASE("facts: the doctype of the highest priority wins; none is overig") {
  test::ExtractCtx x("Jaarverslag klachtbehandeling 2022\n\nDit is de eerste kwartaalrapportage van 2016.\n");
  run_doctype(*x);
  CHECK(x.out.facts.doctype == "kwartaalrapportage");
  REQUIRE(x.out.tags.size() == 1);
  CHECK(x.out.tags[0].rule == "doctype.kwartaal");

  test::ExtractCtx none("Een brief zonder soort.\n");
  run_doctype(*none);
  CHECK(none.out.facts.doctype == "overig");
  CHECK(none.out.tags.empty());
}

// dev5 (session 17): a half-year report names its quarters in its text.
TEST_CASE("facts: the doctype the head names beats one the text mentions") {
  const std::string para =
      "Deze rapportage gaat over het eerste en tweede kwartaal van 2023. Over heel 2023 verschijnt in februari 2024 "
      "het jaarverslag van de commissie.\n";
  test::ExtractCtx x("Klachtencommissie Woonstichting Lindehof\n\nRapportage Q1 + Q2 2023\n\n" + para);
  run_doctype(*x);
  CHECK(x.out.facts.doctype == "halfjaarverslag");
  // Without the title, the text's quarters decide.
  test::ExtractCtx y("Klachtencommissie Woonstichting Lindehof\n\n" + para);
  run_doctype(*y);
  CHECK(y.out.facts.doctype == "kwartaalrapportage");
}

// dev9 (session 21): a title over a label line that ends in a year too
// reads as two rows of a table; the half in it still names the report.
TEST_CASE("facts: a half-year title over a period line is a halfjaarverslag") {
  test::ExtractCtx x("GGD Vlieterland\n\nKlachtenrapportage tweede halfjaar 2024\n\nPeriode: juli tot en met december 2024\n\n"
                     "Twee keer per jaar rapporteert de klachtenfunctionaris over de klachten.\n");
  run_doctype(*x);
  CHECK(x.out.facts.doctype == "halfjaarverslag");
}

// The shared audit study (session 17): its years stand in its method
// section, far past the document's window.
TEST_CASE("facts: a study's years, stated past the window, are its period") {
  std::string text = "Rekenkamercommissie Aardam\n\nOnderzoek naar de bejegening\n\n17 november 2021\n\n";
  for (int i = 0; i < 40; ++i) text += "Dit is een zin over de aanpak van het onderzoek en de gesprekken die zijn gevoerd.\n\n";
  text += "De periode waarop het onderzoek betrekking heeft zijn de jaren 2019 en 2020.\n";
  test::ExtractCtx x(text);
  run_doctype(*x);
  run_dates(*x);
  CHECK(x.out.facts.doctype == "rekenkameronderzoek");
  CHECK(x.out.facts.period == "2019-2020");
}

// dev5 (session 17): a rekenkamer's letter is a letter; a study sent with a
// cover letter stays a study.
TEST_CASE("facts: a whole letter is a brief, whoever sends it") {
  const std::string para = "In het voorjaar heeft de rekenkamercommissie een verkennend onderzoek gedaan naar de manier waarop "
                           "de gemeente klachten van inwoners behandelt.\n\n";
  test::ExtractCtx x("REKENKAMERCOMMISSIE AARDAM\n\nGeachte leden van de raad,\n\n" + para +
                     "Met vriendelijke groet,\n\nde voorzitter\n");
  run_doctype(*x);
  CHECK(x.out.facts.doctype == "brief");
  std::string study = "REKENKAMERCOMMISSIE AARDAM\n\nGeachte leden van de raad,\n\n" + para + "Met vriendelijke groet,\n\n";
  for (int i = 0; i < 40; ++i) study += "Hoofdstuk over de bevindingen van het onderzoek en de gesprekken met de afdelingen.\n\n";
  test::ExtractCtx y(study);
  run_doctype(*y);
  CHECK(y.out.facts.doctype == "rekenkameronderzoek");
}

TEST_CASE("facts: the quarter only for a kwartaalrapportage, else the year") {
  const std::string text = "Dit is de eerste kwartaalrapportage van 2016.\n";
  test::ExtractCtx q(text);
  run_doctype(*q);
  run_dates(*q);
  CHECK(q.out.facts.year == 2016);
  CHECK(q.out.facts.quarter == 1);
  CHECK(q.tags() == std::vector<std::string>{"doctype kwartaalrapportage [17,35) doctype.kwartaal",
                                             "period 2016-Q1 [10,44) period.quarter-words"});

  test::ExtractCtx y(text);  // the same period, read without the doctype
  run_dates(*y);
  CHECK(y.out.facts.year == 2016);
  CHECK_FALSE(y.out.facts.quarter.has_value());
}

namespace {
std::vector<FoldedBlock> line_spans(const std::string& text) {
  std::vector<FoldedBlock> spans;
  for (std::size_t a = 0, b; a < text.size(); a = b + 1) {
    b = text.find('\n', a);
    spans.push_back({a, b, PassageKind::paragraph});
  }
  return spans;
}
}  // namespace

TEST_CASE("facts: pick_title skips a skip word, a numbered section, a count and covered lines") {
  std::string text = "# Inhoud\n1 Aanleiding\n6 verzoeken\nGemeente Zuiderhaven\nKlachten over parkeren\nEen alinea. Met zinnen.\n";
  std::vector<FoldedBlock> spans = line_spans(text);
  std::size_t org = text.find("Gemeente");
  std::vector<std::pair<std::size_t, std::size_t>> cover{{org, org + 20}};
  const auto& re = *test::lookups().section_re;
  CHECK(pick_title(text, spans, cover, {"inhoud"}, re) == "Klachten over parkeren");
  CHECK(pick_title(text, spans, {}, {"inhoud"}, re) == "Gemeente Zuiderhaven");
  CHECK(pick_title(text, spans, {}, {}, re) == "Inhoud");
  spans[0].kind = PassageKind::list_item;  // a list item is never the title
  CHECK(pick_title(text, spans, {}, {}, re) == "Gemeente Zuiderhaven");
}

TEST_CASE("facts: pick_title stops at the first paragraph; the fallback says what the report is") {
  std::string text = "Een lange alinea. Met twee zinnen.\nTitel daarna\n";
  std::vector<FoldedBlock> spans{{0, 34, PassageKind::paragraph}, {35, 47, PassageKind::heading}};
  CHECK(pick_title(text, spans, {}, {}, *test::lookups().section_re).empty());
  // "1. Aanleiding" has ". " in it: it ends the search like a paragraph does.
  std::string numbered = "1. Aanleiding\nKlachten over parkeren\n";
  CHECK(pick_title(numbered, line_spans(numbered), {}, {}, *test::lookups().section_re).empty());

  DocFacts f;
  f.doctype = "kwartaalrapportage";
  f.year = 2016;
  f.quarter = 1;
  f.organisation = "Gemeentelijke Ombudsman";
  CHECK(fallback_title(f) == "Kwartaalrapportage 2016 Q1, Gemeentelijke Ombudsman");
  f.quarter.reset();
  f.organisation.clear();
  CHECK(fallback_title(f) == "Kwartaalrapportage 2016");
  f.doctype = "overig";
  CHECK(fallback_title(f).empty());
}

TEST_CASE("facts: run_title takes the first line, else the fallback") {
  test::ExtractCtx x("Klachten over parkeren\n\nDit is de eerste kwartaalrapportage van 2016. Meer tekst.\n");
  run_doctype(*x);
  run_organisation(*x);
  run_dates(*x);
  run_title(*x);
  CHECK(x.out.facts.title == "Klachten over parkeren");

  test::ExtractCtx y("Dit is de eerste kwartaalrapportage van 2016. Meer tekst.\n");
  run_doctype(*y);
  run_organisation(*y);
  run_dates(*y);
  run_title(*y);
  CHECK(y.out.facts.title == "Kwartaalrapportage 2016 Q1");
}

// Regression (#18, the newsletter fixture): "Nieuwsbrief van de Vereniging
// Vrienden van het Stadspark" gave no organisation; once its title named
// the publisher, the line was taken for a letterhead and lost as the title.
TEST_CASE("facts: a title that names its publisher gives the organisation and stays the title") {
  test::ExtractCtx x("Nieuwsbrief van de Vereniging Vrienden van het Stadspark\n\nVoorjaar 2024\n\nBeste leden,\n\n"
                     "Op zaterdag houden we de plantdag.\n");
  run_doctype(*x);
  run_organisation(*x);
  run_dates(*x);
  run_title(*x);
  CHECK(x.out.facts.organisation == "Vereniging Vrienden van het Stadspark");
  CHECK(x.out.facts.title == "Nieuwsbrief van de Vereniging Vrienden van het Stadspark");
  // A letterhead that is only the name is no title.
  test::ExtractCtx r("Rekenkamer Westvliet\n\nBereikbaar voor iedereen?\n\nOnderzoek naar de bereikbaarheid.\n");
  run_doctype(*r);
  run_organisation(*r);
  run_dates(*r);
  run_title(*r);
  CHECK(r.out.facts.organisation == "Rekenkamer Westvliet");
  CHECK(r.out.facts.title == "Bereikbaar voor iedereen?");
}
