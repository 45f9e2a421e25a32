#include <catch2/catch.hpp>

#include <random>

#include "normalize/normalize.h"
#include "normalize/passages.h"
#include "testutil.h"

using namespace omb;

namespace {

const Normalizer& N() { return test::normalizer(); }

struct Packed {
  Normalized n;
  PassagePack seg;
};

Packed pack(const std::string& src) {
  Packed p{N().normalize(src), {}};
  p.seg = pack_passages(p.n.text, p.n.blocks, p.n.map);
  return p;
}

// Passages and pages tile the normalised text; source spans are in order.
void check_invariants(const std::string& src, const Packed& p) {
  const std::string& text = p.n.text;
  std::string joined;
  for (std::size_t i = 0; i < p.seg.passages.size(); ++i) {
    const Passage& q = p.seg.passages[i];
    REQUIRE(q.start <= q.end);
    REQUIRE(q.end <= text.size());
    if (i > 0) {
      REQUIRE(q.start == p.seg.passages[i - 1].end);
      REQUIRE(q.src_start >= p.seg.passages[i - 1].src_start);
      REQUIRE(q.page >= p.seg.passages[i - 1].page);
    }
    REQUIRE(q.src_end <= src.size());
    REQUIRE(q.line >= 1);
    joined.append(text, q.start, q.end - q.start);
  }
  if (text.empty()) REQUIRE(p.seg.passages.empty());
  else REQUIRE(joined == text);
  REQUIRE_FALSE(p.seg.pages.empty());
  CHECK(p.seg.pages.front().start == 0);
  CHECK(p.seg.pages.back().end == text.size());
  for (std::size_t i = 1; i < p.seg.pages.size(); ++i) CHECK(p.seg.pages[i].start == p.seg.pages[i - 1].end);
}

}  // namespace

TEST_CASE("passages: headings start passages and name them; pages come from the source") {
  std::string src =
      "Kwartaalrapportage\n\n"
      "2. Signaleringen\n"
      "2.1. Communicatie\n"
      "De afdeling reageerde niet.\n\n"
      "\f6. Samenvatting dossiers\n"
      "406 – Geen beleid\n"
      "Een man klaagt.\n";
  Packed p = pack(src);
  check_invariants(src, p);
  // Consecutive headings stay together, under the last one.
  REQUIRE(p.seg.passages.size() == 2);
  CHECK(p.seg.passages[0].heading == "2.1. Communicatie");
  CHECK(p.seg.passages[0].line == 1);
  CHECK(p.seg.passages[0].page == 1);
  CHECK(p.seg.passages[1].heading == "406 – Geen beleid");
  CHECK(p.seg.passages[1].page == 2);
  CHECK(p.seg.passages[1].line == 7);  // the line the form feed starts
  REQUIRE(p.seg.pages.size() == 2);
  CHECK(p.n.text.substr(p.seg.pages[1].start, 3) == "6. ");
  CHECK(src.substr(p.seg.passages[1].src_start, 3) == "6. ");
}

TEST_CASE("passages: short paragraphs share a passage up to the target size") {
  std::string src;
  for (int i = 0; i < 100; ++i) src += "Een korte alinea over de klantmanager en de klacht nummer " + std::to_string(i) + ".\n\n";
  Packed p = pack(src);
  check_invariants(src, p);
  CHECK(p.seg.passages.size() > 1);
  CHECK(p.seg.passages.size() < 10);
  for (const Passage& q : p.seg.passages) CHECK(q.end - q.start <= kMaxPassageBytes + 2);
}

TEST_CASE("passages: chart debris is a passage of its own, of kind noise") {
  std::string src = "De tevredenheid steeg.\n\ngemeente tonstuleri, wierll) 5 T Bz e\n\nDaarna daalde zij weer.\n";
  Packed p = pack(src);
  check_invariants(src, p);
  REQUIRE(p.seg.passages.size() == 3);
  CHECK(p.seg.passages[1].kind == PassageKind::noise);
}

TEST_CASE("passages: blank and empty texts have none") {
  for (std::string t : {std::string(), std::string("   \n\n\t\f  \n")}) {
    Packed p = pack(t);
    check_invariants(t, p);
  }
}

TEST_CASE("passages property: random texts always tile") {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {"a", "woord ", "\n", "\n\n", "\f", " ", "ë", "2.1. Kop\n", "406 – Titel\n",
                                           "\t", "\r\n", "¢ punt\n", "Gegrond 3 4\n"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    Packed p = pack(text);
    check_invariants(text, p);
  }
}
