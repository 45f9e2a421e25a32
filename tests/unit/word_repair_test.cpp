// normalize/word_repair.h: OCR damage in one word.
#include <catch2/catch.hpp>

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
