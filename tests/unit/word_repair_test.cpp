// normalize/word_repair.h: OCR damage in one word.
#include <catch2/catch.hpp>

#include "normalize/normalize.h"
#include "normalize/word_repair.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {

const WordRepair& words() { return test::normalizer().words(); }

std::pair<std::string, std::string> repaired(const std::string& w) {
  auto r = words().repair(w);
  return r ? *r : std::pair<std::string, std::string>{"", ""};
}

}  // namespace

TEST_CASE("normalize word repair: the first confusion that gives a word wins") {
  CHECK(repaired("cliénte") == std::pair<std::string, std::string>{"cliënte", "ocr:é>ë"});
  CHECK(repaired("enquéte") == std::pair<std::string, std::string>{"enquête", "ocr:é>ê"});
  CHECK(repaired("coéperatie") == std::pair<std::string, std::string>{"coöperatie", "ocr:é>ö"});
  CHECK(repaired("geinformeerd") == std::pair<std::string, std::string>{"geïnformeerd", "ocr:diaeresis"});
  CHECK(repaired("onathankelijk") == std::pair<std::string, std::string>{"onafhankelijk", "ocr:th>fh"});
  CHECK(repaired("onafthankelijk") == std::pair<std::string, std::string>{"onafhankelijk", "ocr:fth>fh"});
  CHECK(repaired("ideeén") == std::pair<std::string, std::string>{"ideeën", "ocr:é>ë"});
  // Capitalised: only a listed word, and no lower-case-only confusion.
  CHECK(repaired("Enquéte") == std::pair<std::string, std::string>{"Enquête", "ocr:é>ê"});
}

// dev12 (session 25): a 1982 scan's "Gerneentebedriiven" holds two
// confusions; one alone made no word, so it stayed and its unit was lost.
TEST_CASE("normalize word repair: two different confusions, last, in a long word") {
  CHECK(repaired("Gerneentebedriiven") == std::pair<std::string, std::string>{"Gemeentebedrijven", "ocr:ii>ij+ocr:rn>m"});
  CHECK(repaired("werkzaarnheden") == std::pair<std::string, std::string>{"werkzaamheden", "ocr:rn>m"});
  // Glued words split first: "klachtniet" is no "klachtbiet" of two confusions.
  CHECK(repaired("klachtniet").first == "klacht niet");
}

TEST_CASE("normalize word repair: words, names, acronyms and codes are left alone") {
  for (const char* w : {"café", "één", "wél", "geintje", "thuis", "methode", "Chloé", "René", "DWI", "RA1056992", "é", "xé"})
    CHECK_FALSE(words().repair(w));
}

TEST_CASE("normalize word repair: the verdict on a word type") {
  const WordVerdict& known = verdict(words(), "klacht");
  CHECK(known.known);
  CHECK_FALSE(known.repaired);
  const WordVerdict& rep = verdict(words(), "cliénte");
  CHECK(rep.known);
  CHECK(rep.repaired);
  CHECK(rep.to == "cliënte");
  CHECK(rep.rule == "ocr:é>ë");
  const WordVerdict& none = verdict(words(), "xqzvwk");
  CHECK_FALSE(none.known);
  CHECK_FALSE(none.repaired);
  CHECK_FALSE(verdict(words(), "a").known);  // under 2 bytes: never a word
  // Cached: the same type gives the same entry.
  CHECK(&verdict(words(), "klacht") == &verdict(words(), "klacht"));
}

TEST_CASE("normalize word repair: listed pairs of glued closed-class words split, in the token's case") {
  CHECK(repaired("voorde") == std::pair<std::string, std::string>{"voor de", "split"});
  CHECK(repaired("VANEEN") == std::pair<std::string, std::string>{"VAN EEN", "split"});
  CHECK(repaired("Inde") == std::pair<std::string, std::string>{"In de", "split"});
  for (const char* w : {"omdat", "nadat", "vanuit", "erin"}) CHECK_FALSE(words().repair(w));  // words as written
}

TEST_CASE("normalize word repair: a bad glued-pairs.tsv or sentence-starts.txt names its line") {
  test::TempDir d;
  d.write("normalize/glued-pairs.tsv", "# pairs\nvoorde\tvoor de\nvaneen\tvan en\n");
  auto n = Normalizer::create(d.path());
  REQUIRE_FALSE(n.ok());
  CHECK(n.error().file == d.path() + "/normalize/glued-pairs.tsv");
  CHECK(n.error().line == 3);
  test::TempDir d2;
  d2.write("normalize/sentence-starts.txt", "klager\nDe Klager\n");
  auto n2 = Normalizer::create(d2.path());
  REQUIRE_FALSE(n2.ok());
  CHECK(n2.error().line == 2);
}

TEST_CASE("normalize word repair: a glue word that begins compounds splits off behind a word") {
  CHECK(repaired("KLACHTENOVER") == std::pair<std::string, std::string>{"KLACHTEN OVER", "split"});
  CHECK(repaired("meldingendoor") == std::pair<std::string, std::string>{"meldingen door", "split"});
  CHECK(repaired("ONDERZOEKNAAR") == std::pair<std::string, std::string>{"ONDERZOEK NAAR", "split"});
  // Words that end in one are words of their own; under 4 letters it stays.
  for (const char* w : {"daarover", "waardoor", "hiernaar", "KLACHTENBIJ"}) CHECK_FALSE(words().repair(w));
}
