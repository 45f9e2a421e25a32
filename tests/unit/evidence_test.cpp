// signals/evidence.h: which cases a signal shows, and the sentence each is
// quoted by.
#include <catch2/catch.hpp>

#include "base/marks.h"
#include "signals/evidence.h"

using namespace omb;
using detect::sentence_around;

TEST_CASE("sentence_around: the sentence around a tag, its words marked", "[signals][evidence]") {
  const std::string body = "Eerste zin. De communicatie was \t slecht. Derde zin.";
  const std::string want = std::string("De ") + kMarkOpen + "communicatie" + kMarkClose + " was slecht.";
  CHECK(sentence_around(body, 15, 27) == want);
  // Nothing to mark (a first paragraph): the sentence at `at`.
  CHECK(sentence_around(body, 0, 0) == "Eerste zin.");
  CHECK(sentence_around(body, 44, 44) == "Derde zin.");
  // Past the end: the last byte's sentence.
  CHECK(sentence_around(body, 1000, 0) == "Derde zin.");
  // A line break ends a sentence.
  CHECK(sentence_around("Eerste regel\nTweede regel", 2, 2) == "Eerste regel");
  CHECK(sentence_around("", 0, 5).empty());
}

TEST_CASE("sentence_around: a long sentence is cut to a window around the mark", "[signals][evidence]") {
  std::string words;
  for (int i = 0; i < 60; ++i) words += "woord ";  // 360 bytes
  const std::string body = words + "klacht " + words + "einde.";
  const std::size_t at = words.size();
  const std::string s = sentence_around(body, at, at + 6);
  // 150 bytes before the mark, 400 bytes in all, "…" at both cuts.
  const std::string want = "…" + words.substr(at - 150, 150) + kMarkOpen + "klacht" + kMarkClose +
                           (" " + words).substr(0, 400 - 150 - 8) + "…";
  CHECK(s == want);
}

TEST_CASE("choose_evidence: the cell's units in the periods, newest first, cut to the limit", "[signals][evidence]") {
  std::vector<SignalUnit> in;
  auto add = [&](std::int64_t id, std::string afdeling, std::vector<std::string> themes, int quarter) {
    SignalUnit u;
    u.document_id = 100 + quarter;
    u.case_id = id;
    u.organisation = "Ombudsman A";
    u.doctype = "kwartaalrapportage";
    u.afdeling = std::move(afdeling);
    u.themes = std::move(themes);
    u.year = 2021;
    u.quarter = quarter;
    in.push_back(std::move(u));
  };
  add(1, "Werk", {"privacy"}, 1);
  add(2, "Werk", {"bejegening"}, 1);
  add(3, "Inkomen", {"privacy"}, 1);
  add(4, "Werk", {"privacy", "bejegening"}, 2);
  add(5, "Werk", {"privacy"}, 3);
  add(6, "Werk", {"privacy"}, 3);
  SignalOptions o;
  const detect::Cells cells = detect::build_cells(in, o);
  const detect::Key key{"Werk", "privacy"};

  Signal s;
  detect::choose_evidence(s, cells, 0, key, {0, 2}, o);  // 2021Q1 and 2021Q3
  CHECK(s.evidence_total == 3);
  REQUIRE(s.evidence.size() == 3);
  CHECK(*s.evidence[0].case_id == 5);
  CHECK(*s.evidence[1].case_id == 6);
  CHECK(*s.evidence[2].case_id == 1);
  CHECK(s.evidence[0].period == "2021Q3");
  CHECK(s.evidence[0].document_id == 103);
  CHECK(s.evidence[0].afdeling == "Werk");
  CHECK(s.evidence[0].themes == std::vector<std::string>{"privacy"});

  Signal cut;
  o.evidence_limit = 2;
  detect::choose_evidence(cut, cells, 0, detect::Key{"", "privacy"}, {0, 1, 2}, o);
  CHECK(cut.evidence_total == 5);
  REQUIRE(cut.evidence.size() == 2);
  CHECK(*cut.evidence[0].case_id == 5);
  CHECK(*cut.evidence[1].case_id == 6);
}
