// tests/unit/verdict_negation_test.cpp — issue #18: a negated verdict is
// never tagged as its opposite, and a verdict that is only talked about (a
// question, an alternative, another body's decision on an objection) is no
// verdict at all. Every form the issue names, through the real rules.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "normalize/normalize.h"
#include "testutil.h"

using namespace omb;

namespace {

// The oordeel values found in one sentence, in text order.
std::vector<std::string> verdicts(const std::string& sentence) {
  Normalized n = test::normalizer().normalize(sentence + "\n");
  std::vector<std::string> out;
  for (const Tag& t : test::extractor().extract(n.text, n.blocks).tags)
    if (t.type == "oordeel") out.push_back(t.value);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("verdicts: a negation never turns a verdict into its opposite") {
  CHECK(verdicts("Oordeel: niet gegrond") == V{"ongegrond"});
  CHECK(verdicts("De klacht is niet gegrond.") == V{"ongegrond"});
  CHECK(verdicts("De ombudsman vindt de gedraging niet behoorlijk.") == V{"niet behoorlijk"});
  CHECK(verdicts("De gemeente heeft op dit punt niet behoorlijk gehandeld.") == V{"niet behoorlijk"});
  CHECK(verdicts("Het handelen van de dienst was niet onbehoorlijk.") == V{"behoorlijk"});
  CHECK(verdicts("De ombudsman geeft geen oordeel over de hoogte van de vergoeding.").empty());
  // The plain verdicts still count.
  CHECK(verdicts("De klacht is gegrond.") == V{"gegrond"});
  CHECK(verdicts("De klacht is ongegrond.") == V{"ongegrond"});
  CHECK(verdicts("De klacht is gedeeltelijk gegrond.") == V{"gedeeltelijk gegrond"});
}

TEST_CASE("verdicts: a verdict only talked about is none") {
  CHECK(verdicts("De commissie beoordeelt of de klacht gegrond of ongegrond is.").empty());
  CHECK(verdicts("Zij onderzoekt of de klacht gegrond is.").empty());
  CHECK(verdicts("Het gaat om de vraag of een klacht al dan niet gegrond is.").empty());
  CHECK(verdicts("De raad heeft het bezwaar gegrond verklaard.").empty());
  CHECK(verdicts("Het beroep is ongegrond verklaard.").empty());
  CHECK(verdicts("Hij had een gegronde reden om te twijfelen.").empty());
}

// Regression (#18, dev set): the rule by which verdicts are given, written as
// a condition, was tagged as the verdict it names.
TEST_CASE("verdicts: a condition for a verdict is none") {
  CHECK(verdicts("Een klacht is gegrond als de dienst een vereiste niet naleeft.").empty());
  CHECK(verdicts("Klachten zijn ongegrond wanneer de regels zijn gevolgd.").empty());
  CHECK(verdicts("Een verzoek is gegrond indien de termijn is overschreden.").empty());
  // A verdict followed by its reason stays one.
  CHECK(verdicts("De klacht is gegrond, omdat de termijn is overschreden.") == V{"gegrond"});
  CHECK(verdicts("De klacht is gegrond. Als de gemeente had gebeld, was dat anders geweest.") == V{"gegrond"});
}
