// normalize/classify.h: heading, list item, table row, noise or text, per line.
#include <catch2/catch.hpp>

#include "normalize/classify.h"
#include "normalize/debris.h"
#include "normalize/repairs.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {

// The kinds of the lines of `src` after the passes up to classify_lines.
std::vector<LineKind> kinds(const std::string& src) {
  static std::unique_ptr<Repairs> none = Repairs::empty();
  std::vector<Line> lines = read_lines(src);
  mark_page_debris(src, lines);
  classify_lines(src, test::knowledge(*none), lines);
  std::vector<LineKind> k;
  for (const Line& l : lines) k.push_back(l.kind);
  return k;
}

constexpr LineKind B = LineKind::blank, T = LineKind::text, H = LineKind::heading, L = LineKind::list_item,
                   R = LineKind::table_row, N = LineKind::noise;

}  // namespace

TEST_CASE("normalize classify: marks of structure on one line") {
  CHECK(bullet_len("\xE2\x80\xA2 punt") == 3);  // •
  CHECK(bullet_len("\xC2\xA2 punt") == 2);      // ¢, OCR's bullet
  CHECK(bullet_len("\xEF\x82\xB7\tpunt") == 3);  // a private-use Symbol glyph
  CHECK(bullet_len("- punt") == 1);
  CHECK(bullet_len("* punt") == 1);
  CHECK(bullet_len("-punt") == 0);
  CHECK(bullet_len("- ") == 0);
  CHECK(bullet_len("\xE2\x80\xA2") == 0);  // a glyph alone
  CHECK(markdown_row("| a | b |"));
  CHECK_FALSE(markdown_row("| a | b"));
  CHECK(case_heading("406 \xE2\x80\x93 Geen beleid"));
  CHECK(case_heading("389 - Mis communicatie"));
  CHECK_FALSE(case_heading("4 - Te kort nummer"));
  CHECK_FALSE(case_heading("406- Geen spatie"));
  CHECK(numbered_heading("2.1. Communicatie"));
  CHECK(numbered_heading("6.2 Werk en Re-integratie"));
  CHECK(numbered_heading("# Kop"));
  CHECK_FALSE(numbered_heading("406 Geen punt: een zaaknummer"));
  CHECK_FALSE(numbered_heading("3 de kleine letter"));
  CHECK_FALSE(numbered_heading("2.1 Een zin die eindigt met een punt."));
  CHECK(number_row("Gegrond 12 9"));
  CHECK(number_row("Ongegrond 4 7%"));
  CHECK_FALSE(number_row("Gegrond 12 zaken"));
  CHECK(number_row("In 2019 kwamen er 12 klachten binnen over 2018."));  // three numbers
  CHECK_FALSE(number_row("Er kwamen klachten binnen in 2018."));          // one, in a sentence
  // Last year's figure in brackets after this year's (session 27); a
  // footnote's mark alone is none (review).
  CHECK(number_row("Afdeling Bedrijfsvoering 2 (2)"));
  CHECK(number_row("Sector Brandweer 21 (16)"));
  CHECK_FALSE(number_row("De meeste klachten gingen over de termijn (3)"));
}

TEST_CASE("normalize classify: each line's kind") {
  CHECK(kinds("2.1. Communicatie\nDe ombudsman ziet dat brieven niet aankomen.\n") == std::vector<LineKind>{H, T, B});
  CHECK(kinds("Aandachtspunten:\n\xC2\xA2 eerste punt\n- tweede punt\n") == std::vector<LineKind>{T, L, L, B});
  CHECK(kinds("Uitkomst 2021 2020\nGegrond 12 9\nOngegrond 4 7\n") == std::vector<LineKind>{R, R, R, B});
  // A number row alone is no table row (standing alone and short, it is a title).
  CHECK(kinds("Gegrond 12 9\n\nDe rest is tekst.\n") == std::vector<LineKind>{H, B, T, B});
  CHECK(kinds("De tevredenheid steeg.\n\ngemeente tonstuleri, wierll) 5 T Bz e\n\nDaarna daalde zij weer.\n") ==
        std::vector<LineKind>{T, B, N, B, T, B});
  // A short title alone is a heading; continued in lower case it is not.
  CHECK(kinds("\nConclusies\n\nDe klacht is gegrond.\n") == std::vector<LineKind>{B, H, B, T, B});
  CHECK(kinds("\nDe gemeente\nheeft de klacht behandeld.\n") == std::vector<LineKind>{B, T, T, B});
}

TEST_CASE("normalize classify: an e-bullet turns beside list items, in either direction") {
  // The first "e" line stands before the list: it turns once the one after it has.
  CHECK(kinds("4 Onderwerpen\n\ne  Onderwerpen\n\ne Klachten over de bereikbaarheid namen toe.\n"
              "e Bij Belastingen ging het om bezwaren.\n") == std::vector<LineKind>{H, B, L, B, L, L, B});
  // Not after a line that goes on: "e" is a word there.
  CHECK(kinds("Hij zei dat\ne klachten kwamen.\n") == std::vector<LineKind>{T, T, B});
}

// Regression (fuzz, no-fixpoint-row-length-after-a-glued-number): a line of
// ten tokens ending in "kwartier20 21" was a table row; once the emitter
// had written "kwartier 20 21" it had eleven, was prose, and the next pass
// joined the row under it to it. A word glued to a number counts as the two
// tokens it becomes.
TEST_CASE("classify regression: a word glued to a number counts as two tokens") {
  CHECK(number_row("a b c d e f g h kwartier20 21") == number_row("a b c d e f g h kwartier 20 21"));
  CHECK(number_row("a b c d e f g kwartier20 21") == number_row("a b c d e f g kwartier 20 21"));
  CHECK(number_row("Parkeren31"));
  CHECK_FALSE(number_row("Maatregelen rond COVID19 en meer tekst hier."));
}

// dev9 and dev8 (written blind): sections of measures are headed by a
// question ("6 Wat doen wij met de lessen?"); numbered research questions
// are a list.
TEST_CASE("normalize classify: a numbered question is a heading, unless numbered lines stand beside it") {
  CHECK(kinds("6  Wat hebben wij geleerd?\n\nDe wachttijd is korter.\n") == std::vector<LineKind>{H, B, T, B});
  CHECK(kinds("1. Hoe is de klachtbehandeling geregeld?\n2. Worden klagers gehoord?\n") ==
        std::vector<LineKind>{T, T, B});
}

TEST_CASE("normalize classify: a numbered question stays a heading beside its sub-heading") {
  CHECK(kinds("6 Wat hebben wij geleerd?\n6.1 Klachten over de telefoon\n\nDe wachttijd is korter.\n") ==
        std::vector<LineKind>{H, H, B, T, B});
}
