// normalize/transcript.h: a document mirror's pages, each a paragraph that
// opens with its number and ends in its running foot.
#include <catch2/catch.hpp>

#include <string>

#include "normalize/normalize.h"
#include "normalize/transcript.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {

// A page of `words` words of prose.
std::string prose(int n, const char* first) {
  std::string s = first;
  for (int i = 0; i < n; ++i) s += " de gemeente beantwoordde de brief van de klager";
  return s + ".";
}

// The contents of the lines after the pass, blank lines and debris left out.
std::vector<std::string> contents(const std::string& src) {
  std::vector<Line> lines = read_lines(src);
  mark_transcript_pages(src, lines);
  std::vector<std::string> out;
  for (const Line& l : lines)
    if (l.kind == LineKind::text) out.emplace_back(content(src, l));
  return out;
}

}  // namespace

TEST_CASE("transcript: page numbers and running feet come off, the pages' text stays") {
  const std::string a = prose(5, "In 2019 kwamen er klachten binnen en"), b = prose(5, "Daarna"), c = prose(5, "Ten slotte");
  const std::string src = "Transcriptie\n\n1 " + a + " Jaarverslag klachten 2019 1\n\n2 " + b +
                          " Jaarverslag klachten 2019 2\n\n3 " + c + " Jaarverslag klachten 2019 3\n\n"
                          "Vergelijkbare documenten\nJaarverslag klachten 2018\nKlachtenregeling 2015\n";
  CHECK(contents(src) == std::vector<std::string>{"Transcriptie", a, b, c});
}

TEST_CASE("transcript: numbered headings with text between them keep their numbers") {
  const std::string src = "1 Inleiding\n\n" + prose(5, "De ombudsman") + "\n\n2 Klachten\n\n" + prose(5, "Het aantal") +
                          "\n\n3 Conclusies\n\n" + prose(5, "De gemeente") + "\n";
  std::vector<std::string> c = contents(src);
  REQUIRE(c.size() == 6);
  CHECK(c[0] == "1 Inleiding");
  CHECK(c[2] == "2 Klachten");
  CHECK(c[4] == "3 Conclusies");
}

TEST_CASE("transcript: short numbered lines are no pages; two pages are too few") {
  CHECK(contents("1 Inleiding\n\n2 Klachten\n\n3 Conclusies\n\n4 Bijlagen\n") ==
        std::vector<std::string>{"1 Inleiding", "2 Klachten", "3 Conclusies", "4 Bijlagen"});
  const std::string two = "1 " + prose(5, "Eerst") + "\n\n2 " + prose(5, "Dan") + "\n\nVergelijkbare documenten\nX\n";
  std::vector<std::string> c = contents(two);  // the pages keep their numbers; the list goes
  REQUIRE(c.size() == 2);
  CHECK(c[0].starts_with("1 Eerst"));
}

// Through the whole normaliser: a sentence that runs over a page joins, the
// map names every byte, and normalising again changes nothing.
TEST_CASE("transcript: a sentence over a page break joins; a fixpoint") {
  std::string open = prose(5, "De klager schreef dat");
  open.pop_back();  // the sentence goes on over the page
  const std::string src = "1 " + open + " Rapport 2024 1\n\n2 en dat " + prose(5, "hij") +
                          " Rapport 2024 2\n\n3 " + prose(5, "Verder") + " Rapport 2024 3\n";
  Normalized n = test::normalizer().normalize(src);
  CHECK(n.text.find("Rapport 2024") == std::string::npos);
  CHECK(n.text.find("klager en dat hij") != std::string::npos);
  CHECK(n.text.starts_with("De klager schreef dat"));
  CHECK(n.map.rebuild_source(n.text) == src);
  CHECK(test::normalizer().normalize(n.text).text == n.text);
}

TEST_CASE("transcript: a mirror's list of related documents at the end of any text goes, titles only") {
  CHECK(contents("Oordeel: gegrond\n\nVergelijkbare documenten\nJaarverslag 2018\nKlachtenregeling 2015\n") ==
        std::vector<std::string>{"Oordeel: gegrond"});
  // Titles apart, or another heading ("Gerelateerde documenten" in a
  // report's own list): it stays.
  CHECK(contents("Vergelijkbare documenten\nJaarverslag 2018\n\nDe klacht is gegrond.\n").size() == 3);
  CHECK(contents("Gerelateerde documenten\nJaarverslag 2018\n").size() == 2);
  // A long line after it is text: the heading stays with it.
  const std::string text = prose(5, "De ombudsman");
  CHECK(contents("Vergelijkbare documenten\n" + text + "\n") == std::vector<std::string>{"Vergelijkbare documenten", text});
  // Nothing after it: a heading alone stays.
  CHECK(contents("Vergelijkbare documenten\n").size() == 1);
}
