// normalize/blocks.h: lines joined into blocks; words hyphenated across a line end.
#include <catch2/catch.hpp>

#include "normalize/blocks.h"
#include "normalize/classify.h"
#include "normalize/debris.h"
#include "normalize/repairs.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {

// The blocks of `src` as lists of line indexes, after the passes before group_blocks.
std::vector<std::vector<std::size_t>> grouped(const std::string& src) {
  static std::unique_ptr<Repairs> none = Repairs::empty();
  std::vector<Line> lines = read_lines(src);
  mark_page_debris(src, lines);
  classify_lines(src, test::knowledge(*none), lines);
  std::vector<std::vector<std::size_t>> out;
  for (const BlockLines& b : group_blocks(src, test::knowledge(*none), lines)) {
    std::size_t len = 0;
    for (std::size_t i : b.lines) len += lines[i].ce - lines[i].cb + 1;
    CHECK(b.len == len);
    CHECK(b.kind == lines[b.lines.front()].kind);
    out.push_back(b.lines);
  }
  return out;
}

using Groups = std::vector<std::vector<std::size_t>>;

}  // namespace

TEST_CASE("normalize blocks: wrapped lines join, blank lines and short lines end a paragraph") {
  CHECK(grouped("De ombudsman constateert dat de afdeling de klacht niet\nbinnen de termijn heeft afgehandeld.\n") ==
        Groups{{0, 1}});
  CHECK(grouped("Eerste alinea die hier eindigt.\n\nTweede alinea.\n") == Groups{{0}, {2}});
  CHECK(grouped("Kort.\nDaarna een nieuwe zin.\n") == Groups{{0}, {1}});  // a short line, then a capital
  // Across a blank line, a line that goes on in lower case still joins.
  CHECK(grouped("De ombudsman constateert dat de afdeling de klacht niet\n\nbinnen de termijn afhandelde.\n") ==
        Groups{{0, 2}});
  // A hyphen at the line end joins whatever follows.
  CHECK(grouped("Het traject voor re-\nIntegratie loopt.\n") == Groups{{0, 1}});
}

// Regression (dev11 eval document, session 24): "Verhaal 1 – KO-2024-0117 –
// afdeling Leerlingenvervoer" (54 characters, over the 50 of a short line)
// ran into the paragraph under it, and the case, its number and its unit
// were lost. In wrapped prose, a line that ends where the next line's first
// word would have fitted was ended on purpose.
TEST_CASE("normalize blocks regression: a line that ends before the wrap width ends its block") {
  // 40 lines of prose wrapped at 80 characters, in two paragraphs.
  const std::string wrapped =
      "De commissie stelt vast dat de afdeling de aanvraag van verzoeker niet tijdig heeft\n"
      "afgehandeld en dat zij hem in die periode ook niet heeft laten weten hoe het stond.\n";
  std::string src;
  for (int i = 0; i < 20; ++i) src += wrapped;
  src += "Dat is niet behoorlijk.\n";  // under 50 bytes: a short line, as before
  src += "Verhaal 1 \xE2\x80\x93 KO-2024-0117 \xE2\x80\x93 afdeling Leerlingenvervoer\n";
  src += "Lotte heeft epilepsie en kan niet alleen met het openbaar vervoer naar haar school.\n";
  src += "Haar school ligt ver van huis; de afdeling wees de aanvraag af met een standaardbrief\n";
  src += "Kinderombudsman\n";  // a name that would not have fitted: the line above was wrapped
  Groups g = grouped(src);
  REQUIRE(g.size() == 3);
  CHECK(g[0].size() == 41);
  CHECK(g[1] == std::vector<std::size_t>{41});
  CHECK(g[2] == std::vector<std::size_t>{42, 43, 44});
}

TEST_CASE("normalize blocks: list items and rows are blocks of their own; items take continuation lines") {
  CHECK(grouped("\xE2\x80\xA2 eerste punt dat doorloopt\nop de volgende regel\n\xE2\x80\xA2 tweede punt\n") ==
        Groups{{0, 1}, {2}});
  CHECK(grouped("Uitkomst 2021 2020\nGegrond 12 9\nOngegrond 4 7\n") == Groups{{0}, {1}, {2}});
  CHECK(grouped("").empty());
  CHECK(grouped("\n\n\f\n").empty());
}

TEST_CASE("normalize blocks: a page break between two lines ends a paragraph unless the text goes on") {
  CHECK(grouped("Dit is een lange regel die eindigt met een punt aan het eind.\n\fNieuwe pagina begint hier.\n") ==
        Groups{{0}, {2}});
  CHECK(grouped("Dit is een lange regel die niet eindigt met een punt en dat\n\fde burger lang moest wachten.\n") ==
        Groups{{0, 2}});
}

TEST_CASE("normalize blocks: how a hyphenated word is written") {
  const pass::WordRepair& lex = test::normalizer().words();
  HyphenJoin j = join_hyphenated(lex, "terug", "vordering");
  CHECK(j.text == "terugvordering");
  CHECK(j.rule == "dehyphenate");
  j = join_hyphenated(lex, "re", "integratie");
  CHECK(j.text == "re-integratie");
  CHECK(j.rule == "hyphen-kept");
  j = join_hyphenated(lex, "terug", "en");
  CHECK(j.text == "terug- en");
  CHECK(j.rule == "hyphen-kept");
  j = join_hyphenated(lex, "Noord", "Holland");
  CHECK(j.text == "Noord-Holland");
  CHECK(j.rule == "hyphen-kept");
  j = join_hyphenated(lex, "xqz", "vwk");  // unknown either way: joined
  CHECK(j.text == "xqzvwk");
  CHECK(j.rule == "dehyphenate");
}

// dev10 and dev5 (written blind): a list lettered a, b, c after a lead-in
// ran into one paragraph, because each item starts in lower case.
TEST_CASE("normalize blocks regression: items lettered a, b, c are blocks of their own") {
  CHECK(grouped("De commissie beveelt aan:\na. Bel naasten op dezelfde dag.\nb. Laat mensen weten waar zij staan.\n") ==
        Groups{{0}, {1}, {2}});
  CHECK(grouped("De commissie beveelt aan:\na.  ervoor te zorgen dat de afdeling belt;\nb.  de telefoon te verbeteren;\n") ==
        Groups{{0}, {1}, {2}});
  CHECK(grouped("Twee soorten:\na.klachten over de informatie;\nb.klachten over de telefoon.\n") == Groups{{0}, {1}, {2}});
  // A line that goes on in lower case stays in its paragraph ("a.s." is no item).
  CHECK(grouped("De zitting is op een dag die de commissie\na.s. maandag vaststelt.\n") == Groups{{0, 1}});
}

// Review of session 26: a lettered line of dots alone ("a. ....") threw out
// of range; "p. 12" wrapped to a line's start is a page, no item.
TEST_CASE("normalize blocks regression: odd lettered lines neither throw nor cut a sentence") {
  CHECK(grouped("x y z\na. ....\n").size() >= 1);
  CHECK(grouped("Zie voor de cijfers de tabel op\np. 12 van het rapport.\n") == Groups{{0, 1}});
}

// dev20 (session 31): in text indented throughout (a report's -layout
// margin) every line "starts with a stray space", so each line after a full
// stop began a paragraph: "de heer K." | "heeft behandeld" came apart. A
// stray space is one the line before lacks, and a line in lower case goes on.
TEST_CASE("normalize blocks regression: indented_text_broke_after_an_initial") {
  CHECK(grouped("Inleiding\n\n      Een onderzoek naar de manier waarop het instituut de herbeoordeling van\n"
                "      de heer K.\n      heeft behandeld en met zijn klacht is omgegaan, zoals hieronder staat.\n") ==
        Groups{{0}, {2, 3, 4}});
  CHECK(grouped("Inleiding\n\n      Dat is de eerste alinea van dit verslag, die hier eindigt met een punt.\n"
                "      Dit is de tweede zin van dezelfde alinea, die ook weer eindigt met een punt.\n") ==
        Groups{{0}, {2, 3}});
  // A new page's stray space after a full stop, where the lines before had none, still ends a paragraph.
  CHECK(grouped("Dat is de eerste alinea van dit verslag, die hier eindigt met een punt.\n"
                " Dit is de tweede alinea van het verslag, die op een nieuwe pagina begint.\n") == Groups{{0}, {1}});
}
