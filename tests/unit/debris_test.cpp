// normalize/debris.h: page numbers, running headers and footers, chart debris.
#include <catch2/catch.hpp>

#include "normalize/debris.h"
#include "normalize/repairs.h"
#include "normalize/split.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {

std::vector<LineKind> kinds_after_debris(const std::string& src) {
  std::vector<Line> lines = read_lines(src);
  mark_page_debris(src, lines);
  std::vector<LineKind> k;
  for (const Line& l : lines) k.push_back(l.kind);
  return k;
}

constexpr LineKind B = LineKind::blank, T = LineKind::text, D = LineKind::debris;

}  // namespace

TEST_CASE("normalize debris: running headers seen twice and lone page numbers at page breaks") {
  const std::string src =
      "Eerste pagina, eerste regel.\nLaatste regel.\n12\n"
      "\fJaarverslag 2019\nTweede pagina.\n"
      "\fJaarverslag 2020\nDerde pagina.\n";
  // The blank lines are those between a \n and the \f after it, and after the last \n.
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{T, T, D, B, D, T, B, D, T, B});
}

TEST_CASE("normalize debris: a header seen once stays, and so does a number inside a page") {
  const std::string src = "Inleiding\nTekst.\n\fHoofdstuk 2\nTekst met 12\n12\nmeer tekst.\n";
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{T, T, B, T, T, T, T, B});
}

// A running head of two lines stands on every page, the first too; only the
// lines that repeat in the same place go, not the heading below them.
TEST_CASE("normalize debris: a two-line running head goes from every page, the first too") {
  const std::string src =
      "GEMEENTE VLIET\nKlachten 2020\nInleiding\nDe tekst van pagina een.\n"
      "\fGEMEENTE VLIET\nKlachten 2020\nBevindingen\nTekst twee.\n";
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{D, D, T, T, B, D, D, T, T, B});
}

// Regression (damage dev8, session 28): a recto head with its page number
// before the title and a verso head with it after ("6   Waterschap X" and
// "Waterschap X   7") share their text; their keys differed by the gap.
TEST_CASE("normalize debris: recto and verso heads with the page number on either side") {
  const std::string src =
      "Het waterschap ontving 212 bezwaarschriften.\n"
      "\f6        Waterschap Rivierenland \xe2\x80\x94 Jaarverslag 2022\nHet merendeel ging over percelen.\n"
      "\fWaterschap Rivierenland \xe2\x80\x94 Jaarverslag 2022        7\nIn veertig gevallen is de aanslag verlaagd.\n";
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{T, B, D, T, B, D, T, B});
  // Parts that swap sides: "— 14 —   JAARVERSLAG 1998", "JAARVERSLAG 1998   — 15 —".
  const std::string swapped =
      "\xe2\x80\x94 14 \xe2\x80\x94                JAARVERSLAG 1998\nHet aantal verzoekschriften nam toe.\n"
      "\fJAARVERSLAG 1998                \xe2\x80\x94 15 \xe2\x80\x94\nOok over de bereikbaarheid kwamen klachten.\n";
  CHECK(kinds_after_debris(swapped) == std::vector<LineKind>{D, T, B, D, T, B});
}

// A cover (no sentence on the first page, numbered 1 if at all) carries the
// letterhead that later pages repeat as their running head: it stays there,
// but a copy that ends in a page number goes.
TEST_CASE("normalize debris: a cover keeps the letterhead its later pages repeat") {
  const std::string src =
      "Ministerie van Zaken\nJaaroverzicht 2024\nKlachten in 2024\nblz 1\n"
      "\fMinisterie van Zaken\n1 Inleiding\nDe tekst van pagina twee.\nblz 2\n"
      "\fMinisterie van Zaken\n2 Klachten\nDe tekst van pagina drie.\nblz 3\n";
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{T, T, T, D, B, D, T, T, D, B, D, T, T, D, B});
  // An excerpt that starts on page 11 is no cover: its head goes.
  const std::string excerpt =
      "Ombudsteam Noord\nJaarverslag blz. 11\nHet aantal klachten daalde en\n"
      "\fOmbudsteam Noord\nJaarverslag blz. 12\nsteeg daarna weer.\n";
  CHECK(kinds_after_debris(excerpt) == std::vector<LineKind>{D, D, T, B, D, D, T, B});
}

TEST_CASE("normalize debris: the first page's head stays when no later page repeats it") {
  const std::string src = "GEMEENTE VLIET\nKlachten 2020\nTekst een.\n\fBevindingen\nTekst twee.\n";
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{T, T, T, B, T, T, B});
}

TEST_CASE("normalize debris: a page number under a running header, across a blank line") {
  const std::string src =
      "Een.\n\fKwartaalrapportage\n\n 7 \n\nTwee.\n\fKwartaalrapportage\n\n 8 \n\nDrie.\n";
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{T, B, D, B, D, B, T, B, D, B, D, B, T, B});
}

TEST_CASE("normalize debris: chart debris is a line of mostly non-words") {
  const pass::WordRepair& lex = test::normalizer().words();
  CHECK(noise_line(lex, "gemeente tonstuleri, wierll) 5 T Bz e"));
  CHECK_FALSE(noise_line(lex, "De tevredenheid steeg in 2019 weer."));
  CHECK_FALSE(noise_line(lex, "xq zk wv"));  // under 4 tokens: never
  CHECK_FALSE(noise_line(lex, "12 34 56 78 xq"));  // numbers count
  std::unique_ptr<Repairs> none = Repairs::empty();
  CHECK(chart_debris(test::knowledge(*none), "gemeente tonstuleri, wierll) 5 T Bz e"));
  CHECK_FALSE(chart_debris(test::knowledge(*none), "De klacht is gegrond."));
}

// Regression: a case heading of a dotted or slashed number and a unit
// ("KL.2021.0345 – team Reiniging") read as noise, so extraction never saw
// its zaaknummer; "KL-2021-0345" passed by its hyphenated parts. A case or
// report number is a good token however it is joined.
TEST_CASE("normalize debris regression: a case number is no noise, joined by dots or slashes") {
  const pass::WordRepair& lex = test::normalizer().words();
  CHECK_FALSE(noise_line(lex, "KL.2021.0345 – team Reiniging"));
  CHECK_FALSE(noise_line(lex, "Z/21/007736 – afdeling Burgerzaken"));
  CHECK_FALSE(noise_line(lex, "2022-OF-017 – team Servicedesk"));
  CHECK(noise_line(lex, "KL.2 – xq zkw"));  // under three digits: no number
  // Regression (dev18 port authority, session 28): the dash counts with the
  // text, so a unit's short name does not make the heading noise.
  CHECK_FALSE(noise_line(lex, "KL/HZ/2025/004 – afdeling VTH"));
  CHECK_FALSE(noise_line(lex, "KL/HZ/2025/004 – afdeling XYZ"));
  // A dash or bar leaves the count: it makes no line of debris a text.
  CHECK(noise_line(lex, "| xq | zkw | qqv |"));
}

// Regression (dev6 police report, session 24): "Klacht nr. 2022-0163 –
// Basisteam Essendonk-Zuid" read as noise (the dash and the hyphenated
// place counted as no words), so its zaaknummer and its team were lost.
TEST_CASE("normalize debris regression: a place name joined by hyphens is a name") {
  const pass::WordRepair& lex = test::normalizer().words();
  CHECK_FALSE(noise_line(lex, "Klacht nr. 2022-0163 \xE2\x80\x93 Basisteam Essendonk-Zuid"));
  CHECK_FALSE(noise_line(lex, "Ommerzand-West, Keerdonk-Noord en Aa-Veld 4"));
  CHECK(noise_line(lex, "xq-ZZ zk-wv Bb-c- 5 T e"));  // no capital and small letters in each part
}

TEST_CASE("normalize debris: a line is judged as it reads once repaired") {
  const pass::WordRepair& lex = test::normalizer().words();
  // Ligatures split "ﬁ" words into pieces no list knows: as written, under
  // 60 % are words; spelled out, all are.
  const std::string s = "\xEF\xAC\x81nanci\xC3\xABle \xEF\xAC\x82" "exibiliteit \xEF\xAC\x81nanci\xC3\xABle \xEF\xAC\x82" "exibiliteit";
  std::unique_ptr<Repairs> none = Repairs::empty();
  CHECK(noise_line(lex, s));
  CHECK_FALSE(chart_debris(test::knowledge(*none), s));
}

TEST_CASE("normalize debris: a running header without page breaks ends in a growing page number") {
  const std::string src =
      "De provincie ontving 35 klachten.\n\nProvincie Gelderland | Klachtenverslag 2021 | 3\n\n"
      "Bijna de helft ging over subsidies.\n\nProvincie Gelderland | Klachtenverslag 2021 | 4\n\nDe rest niet.\n";
  CHECK(kinds_after_debris(src) == std::vector<LineKind>{T, B, D, B, T, B, D, B, T, B});
  // Numbered headings, and rows of a table (no text between), stay.
  const std::string headings = "Aanbeveling - 1\nTekst een.\nAanbeveling - 2\nTekst twee.\n";
  CHECK(kinds_after_debris(headings) == std::vector<LineKind>{T, T, T, T, B});
  const std::string rows = "Klachten over wegen - 3\nKlachten over wegen - 4\n";
  CHECK(kinds_after_debris(rows) == std::vector<LineKind>{T, T, B});
}

// Regression (fuzz, no-fixpoint-noise-share-before-a-capital-split): a line
// with "olijkNatIt" was chart noise and a block of its own; the emitter wrote
// it "olijk Nat It", two more tokens, two of them words, and the next pass
// found a text line and joined the line below it. A token the emitter splits
// at its capitals counts as its parts.
TEST_CASE("normalize debris regression: a token split at its capitals counts as its parts") {
  const pass::WordRepair& lex = test::normalizer().words();
  const std::string once = "klantmanager belde de blijkNationalewoner niee olijkNatIt t";
  const std::string twice = "klantmanager belde de blijkNationalewoner niee olijk Nat It t";
  CHECK(noise_line(lex, once) == noise_line(lex, twice));
  CHECK_FALSE(noise_line(lex, once));
}

// Regression (fuzz, no-fixpoint-noise-share-before-a-glue-space): the
// emitter writes a space into "Gem;een", "14weken", "2008.Voor"; counted
// before it, the share of words changed between passes. A line is counted
// with those spaces.
TEST_CASE("normalize debris regression: glue the emitter spaces is counted spaced") {
  const pass::WordRepair& lex = test::normalizer().words();
  for (auto [once, twice] : {std::pair{"ee Gem;een te xq zk", "ee Gem; een te xq zk"},
                             std::pair{"xq zk 14weken wv qq", "xq zk 14 weken wv qq"},
                             std::pair{"xq op12 maart2021 zk", "xq op 12 maart 2021 zk"}}) {
    INFO(once);
    CHECK(noise_line(lex, once) == noise_line(lex, twice));
  }
}

// dev3 (session 14): a footer that abbreviates page, and a letter's head on
// its second page.
TEST_CASE("normalize debris: 'p.' and 'pag.' name a page; a letter's head above its page label") {
  const std::string footer =
      "Een zin over klachten.\nJaarverslag 2021-2022 | Commissie | p. 5\nNog een zin.\n"
      "Jaarverslag 2021-2022 | Commissie | p. 6\n";
  CHECK(kinds_after_debris(footer) == std::vector<LineKind>{T, D, T, D, B});
  const std::string letter =
      "U schreef ons.\n\fDatum 8 juni 2023\nKenmerk OMB/23/0871\nPagina 2 van 2\nWij hebben gebeld.\n";
  CHECK(kinds_after_debris(letter) == std::vector<LineKind>{T, B, D, D, D, T, B});
  // Not "resp." nor a sentence above a label.
  const std::string text = "Zie resp. 5 en 6.\nTekst.\nZie resp. 6 en 7.\n";
  CHECK(kinds_after_debris(text) == std::vector<LineKind>{T, T, T, B});
  const std::string sentence = "Een.\n\fDe klacht kwam op 8 juni binnen.\nPagina 2 van 2\nWij.\n";
  // The sentence stays; the label alone is debris wherever it stands (session 17).
  CHECK(kinds_after_debris(sentence) == std::vector<LineKind>{T, B, T, D, T, B});
}

// dev3 (session 17): a page's label alone without a form feed, the running
// line beside it, a footer that names its page seen once, roman page numbers.
TEST_CASE("normalize debris: a lone page label, a footer naming its page, roman numbers") {
  const std::string web =
      "De commissie heeft het dossier\nPagina 5\nZorggroep Noord | Jaarverslag klachten 2021\nopgevraagd.\n";
  CHECK(kinds_after_debris(web) == std::vector<LineKind>{T, D, D, T, B});
  const std::string footer = "Hij vroeg om een nieuwe\nGemeente Vliet \xe2\x80\x93 Rapport 2022/08 \xe2\x80\x93 pagina 2\n\fcontainer.\n";
  CHECK(kinds_after_debris(footer) == std::vector<LineKind>{T, D, B, T, B});
  const std::string roman = "Een terugblik.\niii\n\fMeer klachten.\niv\n\fSlot.\n";
  CHECK(kinds_after_debris(roman) == std::vector<LineKind>{T, D, B, T, D, B, T, B});
  // Not a page: "zie pagina 12" in a sentence, a list's letter "c".
  const std::string text = "Het staat op\nzie pagina 12\nc\n\fDat is alles.\n";
  CHECK(kinds_after_debris(text) == std::vector<LineKind>{T, T, T, B, T, B});
}

// dev2 (session 17): a letter's head on its second page, where the web
// mirror lost the form feed; only a letter's fields with a number go.
TEST_CASE("normalize debris: a letter's fields above a lone page label are its later head") {
  const LetterFields fields{{"Ons kenmerk", "Kenmerk", "Datum"}, {}};
  auto kinds = [&](const std::string& src) {
    std::vector<Line> lines = read_lines(src);
    mark_page_debris(src, lines, &fields);
    std::vector<LineKind> k;
    for (const Line& l : lines) k.push_back(l.kind);
    return k;
  };
  CHECK(kinds("Wij spraken u.\n\nOns kenmerk: ZW/2021/0413\nDatum: 17 mei 2021\nBlad 2 van 2\n\nIn dat gesprek.\n") ==
        std::vector<LineKind>{T, B, D, D, D, B, T, B});
  // A sentence above the label stays.
  CHECK(kinds("Wij spraken u op 12 mei 2021\nBlad 2 van 2\nover de klacht.\n") == std::vector<LineKind>{T, D, T, B});
}
// dev5 (session 20): book-style heads whose text differs from page to page
// while the page number runs on, a footer "p. 6" alone, a letter's
// continuation sheet.
TEST_CASE("normalize debris: a head whose page number runs on with the pages around it") {
  const std::string book =
      "Klachten over de politie 23\nDe meeste klachten.\n\f24 Jaarverslag klachtencommissie 2007\nEen deel.\n"
      "\fKlachten over de politie 25\nIn drie zaken.\n";
  CHECK(kinds_after_debris(book) == std::vector<LineKind>{D, T, B, D, T, B, D, T, B});
  // A number that opens the line needs the pages on both sides (review,
  // session 20: "1 Inleiding" at a page's top).
  const std::string lone = "Tekst van de ombudsman.\n31\n\f32 JAARVERSLAG 2001\nMeer tekst.\n";
  CHECK(kinds_after_debris(lone) == std::vector<LineKind>{T, D, B, T, T, B});
  const std::string both = "Tekst.\n31\n\f32 JAARVERSLAG 2001\nMeer tekst.\n\fSlot.\n33\n";
  CHECK(kinds_after_debris(both)[3] == D);
  // The first page's title stays.
  const std::string first = "Bijlage 1\nTekst.\n\fMeer.\n2\n\fSlot.\n3\n";
  CHECK(kinds_after_debris(first)[0] == T);
  // A numbered heading at the top of a page that has its own page number
  // stays, though its number fits the pages around it.
  const std::string chapter = "Inleiding.\n5\n\f6 Conclusies\nDe klachten.\n6\n\fSlot.\n7\n";
  CHECK(kinds_after_debris(chapter) == std::vector<LineKind>{T, D, B, T, T, D, B, T, D, B});
  // A numbered heading with no page numbers around it stays.
  const std::string plain = "Inleiding.\n\f2 Klachten\nEen tekst.\n\f3 Oordelen\nOok tekst.\n";
  CHECK(kinds_after_debris(plain) == std::vector<LineKind>{T, B, T, T, B, T, T, B});
}

TEST_CASE("normalize debris: 'p. 6' alone and a letter's continuation sheet") {
  CHECK(kinds_after_debris("Afgehandeld.\np. 5\n\fWel vonden zij.\np. 6\n") == std::vector<LineKind>{T, D, B, T, D, B});
  const std::string letter =
      "Wij betreuren het.\n\fVervolgblad 2 bij onze brief van 4 mei 1999, kenmerk BZ/99/311\nWij hebben gebeld.\n";
  CHECK(kinds_after_debris(letter) == std::vector<LineKind>{T, B, D, T, B});
  // In a sentence, "vervolgblad" stays.
  CHECK(kinds_after_debris("Een.\n\fHet vervolgblad 2 ontbrak.\nTwee.\n") == std::vector<LineKind>{T, B, T, T, B});
}

// dev6 (session 20): running heads without form feeds, from a web mirror.
TEST_CASE("normalize debris: a title beside a lone page label, a page of pages, a letter's head line") {
  // A title that stands beside "blz. 5" and elsewhere too is a running title.
  const std::string title =
      "Klachtenverslag 2020 gemeente Esbroek\nDe klachten gingen over de\nblz. 5\n"
      "Klachtenverslag 2020 gemeente Esbroek\nopenbare ruimte.\n";
  CHECK(kinds_after_debris(title) == std::vector<LineKind>{D, T, D, D, T, B});
  // A later caption of the same words inside a page stays, and so does
  // the title beside the label (review, session 20).
  const std::string caption =
      "Pagina 2 van 5\nKlachten per afdeling\nDe klachten gingen over de balie.\nKlachten per afdeling\nTabel.\n";
  CHECK(kinds_after_debris(caption) == std::vector<LineKind>{D, T, T, T, T, B});
  // The same title once, beside a label, stays.
  CHECK(kinds_after_debris("De klachten gingen over de\nblz. 5\nKlachtenverslag 2020 gemeente Esbroek\n") ==
        std::vector<LineKind>{T, D, T, B});
  // A repeated line ending in its page out of the pages.
  const std::string of_pages =
      "De functionaris\nKlachtenregeling Zorggroep Lindenhof, versie 2.0      3/7\nwerkt onafhankelijk.\n"
      "Klachtenregeling Zorggroep Lindenhof, versie 2.0      4/7\n";
  CHECK(kinds_after_debris(of_pages) == std::vector<LineKind>{T, D, T, D, B});
  // A roman page number between dashes, and the last page's lone number.
  CHECK(kinds_after_debris("Een terugblik.\n\xe2\x80\x94 iii \xe2\x80\x94\n\fMeer.\n\xe2\x80\x94 iv \xe2\x80\x94\n") ==
        std::vector<LineKind>{T, D, B, T, D, B});
}

TEST_CASE("normalize debris: a letter's head on one line with its page") {
  const LetterFields fields{{"Ons kenmerk", "Kenmerk", "Datum"}, {}};
  const std::string src =
      "Het bedrag\nDatum 12 maart 2021   Ons kenmerk WS/2021/0318   Blad 2\nwordt terugbetaald.\n";
  std::vector<Line> lines = read_lines(src);
  mark_page_debris(src, lines, &fields);
  CHECK(lines[1].kind == LineKind::debris);
  // A sentence with a date and a page stays.
  const std::string text = "Datum van de hoorzitting staat op blad 2\nvan het verslag.\n";
  std::vector<Line> l2 = read_lines(text);
  mark_page_debris(text, l2, &fields);
  CHECK(l2[0].kind == LineKind::text);
}

// dev6's police report: a running foot without form feeds whose page number
// stands apart by spaces alone, on three pages.
TEST_CASE("normalize debris: a repeated line whose last number counts the pages one by one") {
  const std::string foot =
      "Tekst een.\nHalfjaarrapportage klachten 2022-I \xe2\x80\x93 Politie Zandstreek      1\nTekst twee.\n"
      "Halfjaarrapportage klachten 2022-I \xe2\x80\x93 Politie Zandstreek      2\nTekst drie.\n"
      "Halfjaarrapportage klachten 2022-I \xe2\x80\x93 Politie Zandstreek      3\n";
  CHECK(kinds_after_debris(foot) == std::vector<LineKind>{T, D, T, D, T, D, B});
  // Twice is not enough, nor a list whose numbers jump.
  const std::string twice = "Tekst.\nKlachten per team 2022      1\nMeer.\nKlachten per team 2022      2\n";
  CHECK(kinds_after_debris(twice) == std::vector<LineKind>{T, T, T, T, B});
  const std::string list = "Tekst.\nAanbeveling 1\nMeer.\nAanbeveling 2\nNog.\nAanbeveling 3\n";
  CHECK(kinds_after_debris(list) == std::vector<LineKind>{T, T, T, T, T, T, B});
  const std::string spaced = "Tekst.\nAanbeveling aan het college      1\nMeer.\nAanbeveling aan het college 2\nNog.\n"
                             "Aanbeveling aan het college 3\n";
  CHECK(kinds_after_debris(spaced) == std::vector<LineKind>{T, T, T, T, T, T, B});
}

TEST_CASE("normalize debris: a cover numbered 'Pagina 1 van 3' keeps its letterhead") {
  const std::string src =
      "Ministerie van Zaken\nJaaroverzicht 2024\nPagina 1 van 3\n"
      "\fMinisterie van Zaken\nDe tekst van pagina twee.\nPagina 2 van 3\n"
      "\fMinisterie van Zaken\nDe tekst van pagina drie.\nPagina 3 van 3\n";
  std::vector<LineKind> k = kinds_after_debris(src);
  REQUIRE(k.size() >= 3);
  CHECK(k[0] == T);
  CHECK(k[2] == D);
}

// dev11 (real pdftotext output, session 31): a running head seen only once,
// at the top of a page after the first, made as running heads are made
// (parts behind a middle dot; two parts a wide gap apart): debris, as a
// repeat would make it. Not on the first page, nor a page's only line, nor
// a heading with a sentence's shape.
TEST_CASE("normalize debris: a running head seen once at a page's top") {
  const std::string dot = "Tekst van de eerste pagina.\n\fRekenkamer Oostmerwe \xc2\xb7 Klachten in beeld\n3.3 Afhandeling\nDe tekst.\n";
  CHECK(kinds_after_debris(dot) == std::vector<LineKind>{T, B, D, T, T, B});  // a blank between \n and \f
  const std::string gap = "Tekst van de eerste pagina.\n\fKlachtenjaarverslag 2023            Gemeente Wolderveen\nNaar aanleiding.\n";
  CHECK(kinds_after_debris(gap) == std::vector<LineKind>{T, B, D, T, B});
  // The first page's top is a title; a page of one line keeps it; a table row has more numbers.
  const std::string first = "Rekenkamer Oostmerwe \xc2\xb7 Klachten in beeld\nDe tekst.\n";
  CHECK(kinds_after_debris(first) == std::vector<LineKind>{T, T, B});
  const std::string alone = "Tekst.\n\fRekenkamer Oostmerwe \xc2\xb7 Klachten in beeld\n";
  CHECK(kinds_after_debris(alone)[2] == T);
  const std::string row = "Tekst.\n\fAfdeling Burgerzaken            12     14\nDe tekst.\n";
  CHECK(kinds_after_debris(row)[2] != D);
}
