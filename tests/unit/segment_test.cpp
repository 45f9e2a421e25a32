#include <catch2/catch.hpp>

#include <random>

#include "normalize/segment.h"

using namespace omb;

namespace {

// Passages tile the text; pages tile it too (between form feeds).
void check_invariants(const std::string& text, const Segments& seg) {
  std::string joined;
  for (std::size_t i = 0; i < seg.passages.size(); ++i) {
    const Passage& p = seg.passages[i];
    REQUIRE(p.start <= p.end);
    REQUIRE(p.end <= text.size());
    if (i > 0) REQUIRE(p.start == seg.passages[i - 1].end);
    REQUIRE(p.src_start == p.start);
    REQUIRE(p.src_end == p.end);
    REQUIRE(p.line >= 1);
    joined.append(text, p.start, p.end - p.start);
  }
  bool blank = text.find_first_not_of(" \t\r\v\n\f") == std::string::npos;
  if (blank) REQUIRE(seg.passages.empty());
  else REQUIRE(joined == text);
  REQUIRE_FALSE(seg.pages.empty());
  CHECK(seg.pages.front().start == 0);
  CHECK(seg.pages.back().end == text.size());
}

}  // namespace

TEST_CASE("segment: pages at form feeds, passages under headings") {
  std::string text =
      "Kwartaalrapportage\n\n"
      "2. Signaleringen\n"
      "2.1. Communicatie\n"
      "De afdeling reageerde niet.\n\n"
      "\f6. Samenvatting dossiers\n"
      "406 – Geen beleid\n"
      "Een man klaagt.\n";
  Segments seg = segment_text(text);
  check_invariants(text, seg);
  REQUIRE(seg.pages.size() == 2);
  CHECK(seg.pages[0].number == 1);
  CHECK(seg.pages[1].number == 2);
  CHECK(text.substr(seg.pages[1].start, 3) == "6. ");
  REQUIRE(seg.passages.size() == 3);
  CHECK(seg.passages[0].heading == "");
  CHECK(seg.passages[1].heading == "2.1. Communicatie");  // consecutive headings stay together
  CHECK(seg.passages[1].line == 3);
  CHECK(seg.passages[1].page == 1);
  CHECK(seg.passages[2].heading == "6. Samenvatting dossiers");
  CHECK(seg.passages[2].page == 2);
  CHECK(seg.passages[2].line == 7);  // the line the form feed starts
}

TEST_CASE("segment: short paragraphs share a passage up to the target size") {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "Een korte alinea over de klantmanager en de klacht nummer " + std::to_string(i) + ".\n\n";
  Segments seg = segment_text(text);
  check_invariants(text, seg);
  CHECK(seg.passages.size() > 1);
  for (const Passage& p : seg.passages) CHECK(p.end - p.start <= kMaxPassageBytes + 2);
}

TEST_CASE("segment: a 5 MB single line is cut into bounded passages") {
  std::string text;
  while (text.size() < 5'000'000) text += "woord cliënte ";
  Segments seg = segment_text(text);
  check_invariants(text, seg);
  CHECK(seg.passages.size() > 1000);
  for (const Passage& p : seg.passages) CHECK(p.end - p.start <= kMaxPassageBytes + 1);
}

TEST_CASE("segment: a long line without spaces is cut on UTF-8 boundaries") {
  std::string text;
  while (text.size() < 20'000) text += "ë";
  Segments seg = segment_text(text);
  check_invariants(text, seg);
  for (const Passage& p : seg.passages) {
    CHECK((static_cast<unsigned char>(text[p.start]) & 0xC0) != 0x80);
  }
}

TEST_CASE("segment: blank and empty texts have no passages") {
  for (std::string t : {std::string(), std::string("   \n\n\t\f  \n")}) {
    Segments seg = segment_text(t);
    check_invariants(t, seg);
  }
}

TEST_CASE("segment property: random texts always tile") {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {"a", "woord ", "\n", "\n\n", "\f", " ", "ë", "2.1. Kop\n", "406 – Titel\n",
                                           "\t", "\r\n"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    Segments seg = segment_text(text);
    check_invariants(text, seg);
  }
}
