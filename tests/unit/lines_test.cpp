// normalize/lines.h: the source cut into lines, and what later passes ask of a line.
#include <catch2/catch.hpp>

#include "normalize/lines.h"

using namespace omb::pass;

TEST_CASE("normalize lines: a line per \\n or \\f, content trimmed, \\f starts a page") {
  const std::string src = "  Kop \n\nTekst\tmet tab\r\n\fVolgende pagina\n";
  std::vector<Line> lines = read_lines(src);
  REQUIRE(lines.size() == 6);
  CHECK(content(src, lines[0]) == "Kop");
  CHECK(lines[0].b == 0);
  CHECK(lines[0].e == 6);
  CHECK(lines[0].stray_space);
  CHECK(lines[0].kind == LineKind::text);
  CHECK(lines[1].kind == LineKind::blank);
  CHECK(content(src, lines[2]) == "Tekst\tmet tab");
  CHECK_FALSE(lines[2].stray_space);
  CHECK(lines[3].kind == LineKind::blank);  // between the \n and the \f
  CHECK(content(src, lines[4]) == "Volgende pagina");
  CHECK(lines[5].kind == LineKind::blank);  // after the last \n
  // Line numbers count \n only; pages count \f.
  std::vector<int> no, page;
  for (const Line& l : lines) {
    no.push_back(l.no);
    page.push_back(l.page);
  }
  CHECK(no == std::vector<int>{1, 2, 3, 4, 4, 5});
  CHECK(page == std::vector<int>{1, 1, 1, 1, 2, 2});
}

TEST_CASE("normalize lines: empty text, odd spaces, and lines of invisible characters") {
  REQUIRE(read_lines("").size() == 1);
  CHECK(read_lines("")[0].kind == LineKind::blank);
  const std::string src = "\xC2\xA0" "a\xC2\xA0\n\xE2\x80\x8B\xC2\xAD\x01\n\v\r";
  std::vector<Line> lines = read_lines(src);
  REQUIRE(lines.size() == 3);
  CHECK(content(src, lines[0]) == "a");
  CHECK_FALSE(lines[0].stray_space);  // a no-break space is no stray space
  CHECK(lines[1].kind == LineKind::blank);
  CHECK(lines[2].kind == LineKind::blank);
}

TEST_CASE("normalize lines: the nearest lines that are neither blank nor debris") {
  std::vector<Line> lines(5);
  lines[0].kind = LineKind::text;
  lines[1].kind = LineKind::blank;
  lines[2].kind = LineKind::text;
  lines[3].kind = LineKind::debris;
  lines[4].kind = LineKind::heading;
  CHECK(prev_nonblank(lines, 0) == -1);
  CHECK(prev_nonblank(lines, 2) == 0);
  CHECK(prev_nonblank(lines, 4) == 2);
  CHECK(next_nonblank(lines, 0) == 2);
  CHECK(next_nonblank(lines, 2) == 4);
  CHECK(next_nonblank(lines, 4) == -1);
}

TEST_CASE("normalize lines: how a line's text reads") {
  CHECK(ends_sentence(""));
  CHECK(ends_sentence("Klaar."));
  CHECK(ends_sentence("Zie (bijlage 2.)"));
  CHECK(ends_sentence("Hij zei: \xE2\x80\x9Cnee.\xE2\x80\x9D"));
  CHECK_FALSE(ends_sentence("en dat"));
  CHECK_FALSE(ends_sentence("bijlage (2)"));
  CHECK(starts_lower("de burger"));
  CHECK(starts_lower("\xC3\xA9\xC3\xA9n"));      // één
  CHECK(starts_lower("\xEF\xAC\x81nancieel"));  // ﬁnancieel: a ligature reads as "f"
  CHECK_FALSE(starts_lower("De burger"));
  CHECK(starts_upper_or_digit("\xC3\x89\xC3\xA9n"));  // Één
  CHECK(starts_upper_or_digit("|5 oktober"));         // "|5" reads as "15"
  CHECK(starts_upper_or_digit("2019"));
  CHECK_FALSE(starts_upper_or_digit("- punt"));
  CHECK(as_repaired("|5 oktober") == "1");
  CHECK(as_repaired("tekst") == "tekst");
  CHECK(count_words("  een\ttwee  drie ") == 3);
  CHECK(count_words("") == 0);
  for (const char* t : {"12", "1.250", "12,5%", "3.", "2019,"}) CHECK(number_token(t));
  for (const char* t : {"", "%", "12a", "-3", "€5", "(16)"}) CHECK_FALSE(number_token(t));
}
