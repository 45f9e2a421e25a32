// tests/unit/word_rules_test.cpp — the word-rule engine (extract/word_rules.h):
// classes, sequences with gaps, bags in a window, guards, overlaps, and the
// loader's errors with their lines.
#include <catch2/catch.hpp>

#include <algorithm>

#include "extract/word_rules.h"
#include "testutil.h"
#include "text/fold.h"

using namespace omb;

namespace {

const char* kHead = R"(type = "theme"
engine = "words"

[class]
neg = { words = ["niet", "geen", "nooit", "niemand"] }
terugbellen = { words = ["terugbel*", "teruggebeld"] }
brief = { words = ["brief", "brieven", "*brief", "*brieven", "e-mail*"] }
onduidelijk = { stems = ["onduidelijk", "onbegrijpelijk"] }
positief = { words = ["tevreden", "duidelijk"] }
contact = { classes = ["brief", "terugbellen"] }

[scope]
clause_ends = ["maar", "echter"]
)";

struct Loaded {
  test::TempDir tmp;
  std::unique_ptr<WordRules> rules;
  std::string error;
  // `body` after kHead; or, when `whole`, the whole file (its own [scope]).
  explicit Loaded(const std::string& body, bool whole = false) {
    auto r = WordRules::load(tmp.write("theme.toml", whole ? body : std::string(kHead) + body));
    if (r.ok()) rules = std::move(*r);
    else error = r.error().to_string();
  }
  // "rule-id:matched text" for every hit.
  std::vector<std::string> hits(const std::string& text) const {
    std::vector<std::string> out;
    for (const Hit& h : rules->match(text))
      out.push_back(rules->rules()[static_cast<std::size_t>(h.rule)].id + ":" + text.substr(h.start, h.end - h.start));
    return out;
  }
};

using V = std::vector<std::string>;

// The text of every hit of `w` in `text`, in order.
V matched_texts(const WordRules& w, const std::string& text) {
  V v;
  for (const Hit& h : w.match(text)) v.push_back(text.substr(h.start, h.end - h.start));
  return v;
}

}  // namespace

TEST_CASE("word rules: a sequence with a gap, classes and stems") {
  Loaded l(R"(
[[rule]]
id = "niet-teruggebeld"
value = "communicatie"
match = "@neg ..3 @terugbellen"
examples = ["Niemand heeft hem teruggebeld."]
counter_examples = ["Hij is wel teruggebeld."]

[[rule]]
id = "onduidelijke-brief"
value = "communicatie"
match = "@onduidelijk @brief"
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Er is nooit iemand die hem terugbelde.") == V{"theme.niet-teruggebeld:nooit iemand die hem terugbelde"});
  CHECK(l.hits("Een onduidelijke afwijzingsbrief.") == V{"theme.onduidelijke-brief:onduidelijke afwijzingsbrief"});
  CHECK(l.hits("Onbegrijpelijke brieven") == V{"theme.onduidelijke-brief:Onbegrijpelijke brieven"});
  // The gap is at most 3 words, and a match stays inside its sentence.
  CHECK(l.hits("Niet dat hij er later ooit om terugbelde.").empty());
  CHECK(l.hits("Hij belde niet. Teruggebeld werd er nooit.").empty());
}

TEST_CASE("word rules: any order within a window") {
  Loaded l(R"(
[[rule]]
id = "niet-teruggebeld"
value = "communicatie"
match = "@terugbellen @neg"
order = "any"
window = 4
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Teruggebeld werd hij niet.") == V{"theme.niet-teruggebeld:Teruggebeld werd hij niet"});
  CHECK(l.hits("Hij werd niet teruggebeld.") == V{"theme.niet-teruggebeld:niet teruggebeld"});
  CHECK(l.hits("Teruggebeld werd hij door de afdeling zelf niet.").empty());  // 7 words apart
}

TEST_CASE("word rules: negation near the match cancels it, in its clause only") {
  Loaded l(R"(
[defaults]
unless_near = ["neg"]

[[rule]]
id = "onduidelijk"
value = "communicatie"
match = "@onduidelijk"
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("De brief was onduidelijk.") == V{"theme.onduidelijk:onduidelijk"});
  CHECK(l.hits("De brief was niet onduidelijk.").empty());
  CHECK(l.hits("Dat de brief onduidelijk was, vond zij niet.") == V{"theme.onduidelijk:onduidelijk"});  // another clause
  CHECK(l.hits("Het was geen probleem maar de uitleg bleef onduidelijk.") == V{"theme.onduidelijk:onduidelijk"});
}

TEST_CASE("word rules: sentence guards and questions") {
  Loaded l(R"(
[[rule]]
id = "contact"
value = "communicatie"
match = "@contact"
unless_in_sentence = ["positief"]
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Over de brief was hij tevreden.").empty());
  CHECK(l.hits("Wanneer komt de brief?").empty());
  CHECK(l.hits("De brief kwam. Hij was tevreden.") == V{"theme.contact:brief"});
}

TEST_CASE("word rules: per value, the longer overlapping hit wins") {
  Loaded l(R"(
[[rule]]
id = "brief"
value = "communicatie"
match = "@brief"

[[rule]]
id = "onduidelijke-brief"
value = "communicatie"
match = "@onduidelijk @brief"

[[rule]]
id = "other"
value = "informatievoorziening"
match = "@brief"
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Een onduidelijke brief.") == V{"theme.onduidelijke-brief:onduidelijke brief", "theme.other:brief"});
}

TEST_CASE("word rules: optional words") {
  Loaded l(R"(
[[rule]]
id = "x"
value = "communicatie"
match = "niet (goed|duidelijk)? uitgelegd"
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Het is niet uitgelegd.") == V{"theme.x:niet uitgelegd"});
  CHECK(l.hits("Het is niet goed uitgelegd.") == V{"theme.x:niet goed uitgelegd"});
  CHECK(l.hits("Het is niet heel goed uitgelegd.").empty());
}

TEST_CASE("word rules: load errors name the line and the cause") {
  auto err = [](const std::string& body) { return Loaded(body).error; };
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nvalue = \"v\"\nmatch = \"@nope\"\n"),
             Catch::Contains("theme.toml:17") && Catch::Contains("unknown class '@nope'") && Catch::Contains("column 1"));
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nvalue = \"v\"\nmatch = \"@neg ..30 brief\"\n"),
             Catch::Contains(":17") && Catch::Contains("..N with N from 1 to 12"));
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nvalue = \"v\"\nmatch = \"brief? x\"\n"), Catch::Contains("must begin and end"));
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nvalue = \"v\"\nmatch = \"brief\"\nexamples = [\"geen post\"]\n"),
             Catch::Contains(":18") && Catch::Contains("example does not hold"));
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nvalue = \"v\"\nmatch = \"brief\"\ncounter_examples = [\"een brief\"]\n"),
             Catch::Contains(":18") && Catch::Contains("counter-example matches"));
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nvalue = \"v\"\nmatch = \"brief\"\nwhatever = 1\n"), Catch::Contains("unknown key `whatever`"));
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nmatch = \"brief\"\n"), Catch::Contains("without a `value`"));
  CHECK_THAT(err("[[rule]]\nid = \"a\"\nvalue = \"v\"\nmatch = \"(a b)\"\n"), Catch::Contains("without spaces"));
}

TEST_CASE("word rules: a class that includes itself is an error") {
  test::TempDir tmp;
  auto r = WordRules::load(tmp.write("t.toml", "type = \"theme\"\nengine = \"words\"\n[class]\na = { classes = [\"b\"] }\n"
                                                 "b = { classes = [\"a\"] }\n[[rule]]\nid = \"x\"\nvalue = \"v\"\nmatch = \"@a\"\n"));
  REQUIRE(!r.ok());
  CHECK_THAT(r.error().to_string(), Catch::Contains("t.toml:4") && Catch::Contains("includes itself"));
}

TEST_CASE("word rules: is_word_rule_file reads the engine key") {
  test::TempDir tmp;
  CHECK(WordRules::is_word_rule_file(tmp.write("a.toml", "# c\ntype = \"theme\"\nengine = \"words\"\n")));
  CHECK(!WordRules::is_word_rule_file(tmp.write("b.toml", "type = \"theme\"\n[[entry]]\nengine = \"words\"\n")));
  CHECK(!WordRules::is_word_rule_file(tmp.file("missing.toml")));
}

TEST_CASE("word rules: a sequence stays in its clause; a bag spans the sentence") {
  Loaded l(R"(
[[rule]]
id = "seq"
value = "communicatie"
match = "@neg ..3 @terugbellen"

[[rule]]
id = "bag"
value = "bejegening"
match = "@neg @terugbellen"
order = "any"
window = 6
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Niet gedaan, teruggebeld wel.") == V{"theme.bag:Niet gedaan, teruggebeld"});
  CHECK(l.hits("Hij is niet teruggebeld.") == V{"theme.seq:niet teruggebeld", "theme.bag:niet teruggebeld"});
  // "maar" ends a clause ([scope] clause_ends): the sequence does not reach over it.
  CHECK(l.hits("Niemand maar hij terugbelde.") == V{"theme.bag:Niemand maar hij terugbelde"});
}

// Regression (#18): the comma of an amount ended the clause, so "betaalde
// … € 18,40 per maand te veel" never matched a sequence over it.
TEST_CASE("word rules regression: a comma or point inside a number ends no clause") {
  Loaded l(R"(
[[rule]]
id = "seq"
value = "communicatie"
match = "@neg ..4 @terugbellen"
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Niet voor € 18,40 teruggebeld.") == V{"theme.seq:Niet voor € 18,40 teruggebeld"});
  CHECK(l.hits("Niet 2.340,00 keer teruggebeld.") == V{"theme.seq:Niet 2.340,00 keer teruggebeld"});
  CHECK(l.hits("Niet gedaan, teruggebeld wel.").empty());  // a comma between words still ends it
}

TEST_CASE("word rules: if_in_sentence, blocks and suppressing rules") {
  Loaded l(R"(
[[rule]]
id = "contact-brief"
value = "communicatie"
match = "@terugbellen"
if_in_sentence = ["brief"]

[[rule]]
id = "kop"
value = "communicatie"
match = "communicatie"
blocks = ["heading"]

[[rule]]
id = "niet-hij"
value = "communicatie"
match = "hij ..2 @terugbellen"
suppress = true
examples = ["hij zou terugbellen"]
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Na de brief werd ze teruggebeld.") == V{"theme.contact-brief:teruggebeld"});
  CHECK(l.hits("Ze werd teruggebeld.").empty());
  CHECK(l.hits("Na de brief zou hij terugbellen.").empty());  // suppressed: he was to call
  CHECK(l.hits("De communicatie was goed.").empty());         // a paragraph, not a heading
  Folded fo = fold("2.1 Communicatie\nDe communicatie.");
  std::vector<FoldedBlock> blocks{{0, 16, PassageKind::heading}, {17, 33, PassageKind::paragraph}};
  auto hits = l.rules->match("2.1 Communicatie\nDe communicatie.", fo, blocks);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].start == 4);
  CHECK(hits[0].end == 16);
}

TEST_CASE("word rules: if_next_sentence asks each class of the next sentence") {
  Loaded l(R"(
[class.gebeuren]
words = ["gebeurde", "gebeurd"]
[[rule]]
id = "toezegging"
value = "communicatie"
match = "zou ..3 @terugbellen"
if_next_sentence = ["neg", "gebeuren"]
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Zij zou hem terugbellen. Dat gebeurde niet.") == V{"theme.toezegging:zou hem terugbellen"});
  // The next sentence lacks a class, or there is none.
  CHECK(l.hits("Zij zou hem terugbellen. Dat gebeurde de volgende dag.").empty());
  CHECK(l.hits("Zij zou hem terugbellen. Hij was niet thuis.").empty());
  CHECK(l.hits("Zij zou hem terugbellen.").empty());
  // Not the sentence after the next.
  CHECK(l.hits("Zij zou hem terugbellen. Hij wachtte. Dat gebeurde niet.").empty());
}

TEST_CASE("word rules: a suppressor of value * cancels every value it overlaps") {
  Loaded l(R"(
[[rule]]
id = "naam"
value = "bejegening"
match = "bejegening"

[[rule]]
id = "bellen"
value = "communicatie"
match = "@terugbellen"

[[rule]]
id = "geen-klacht"
value = "*"
suppress = true
match = "over ..6 geen klacht"
examples = ["Over de bejegening kwam geen klacht."]
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("Over de bejegening kwam geen klacht.").empty());
  // Only what it overlaps: the call-back after it stays.
  CHECK(l.hits("Over de bejegening kwam geen klacht; wel werd hij niet teruggebeld.") == V{"theme.bellen:teruggebeld"});
  CHECK(l.hits("Over de bejegening en het terugbellen kwam geen klacht.").empty());
  CHECK(l.hits("De bejegening was slecht.") == V{"theme.naam:bejegening"});

  Loaded bad(R"(
[[rule]]
id = "alles"
value = "*"
match = "klacht"
)");
  CHECK(bad.error.find("theme.toml:17: rule 'theme.alles': value \"*\" (every value) is only for a rule with `suppress = true`") !=
        std::string::npos);
}

TEST_CASE("word rules: `also` gives the same match a second value") {
  Loaded l(R"(
[[rule]]
id = "tegenstrijdig"
value = "communicatie"
also = ["informatievoorziening"]
match = "verschillende antwoorden"
examples = ["Hij kreeg drie verschillende antwoorden."]
)");
  REQUIRE(l.error.empty());
  const std::string text = "Hij kreeg drie verschillende antwoorden.";
  std::vector<std::string> got;
  for (const Hit& h : l.rules->match(text))
    got.push_back(l.rules->rules()[static_cast<std::size_t>(h.rule)].id + ":" + h.value + ":" +
                  text.substr(h.start, h.end - h.start));
  std::sort(got.begin(), got.end());
  CHECK(got == V{"theme.tegenstrijdig:communicatie:verschillende antwoorden",
                 "theme.tegenstrijdig:informatievoorziening:verschillende antwoorden"});

  Loaded same(R"(
[[rule]]
id = "dubbel"
value = "communicatie"
also = ["communicatie"]
match = "brief"
)");
  CHECK(same.error.find("theme.toml:18: rule 'theme.dubbel': `also` lists other values, not \"communicatie\"") !=
        std::string::npos);
  Loaded suppressing(R"(
[[rule]]
id = "stil"
value = "communicatie"
suppress = true
also = ["bejegening"]
match = "brief"
)");
  CHECK(suppressing.error.find("rule 'theme.stil': a rule with `suppress = true` cannot give `also` values") !=
        std::string::npos);
}

TEST_CASE("word rules: `quoted` matches only in a sentence that quotes someone") {
  Loaded l(R"(
[[rule]]
id = "geciteerd"
value = "bejegening"
match = "medewerker zei"
quoted = true
examples = ["De medewerker zei dat hij 'niet zo moest zeuren'."]
counter_examples = ["De medewerker zei dat de aanvraag compleet was."]
)");
  REQUIRE(l.error.empty());
  CHECK(l.hits("De medewerker zei: \"U bent niet de enige.\"") == V{"theme.geciteerd:medewerker zei"});
  CHECK(l.hits("De medewerker zei dat het klopte. Hij noemde het 'een vergissing'.").empty());  // another sentence's
  CHECK(l.hits("De medewerker zei dat zo'n aanvraag vier weken duurt.").empty());  // an apostrophe inside a word
  CHECK(l.hits("De medewerker zei dat hij 's avonds terugbelde.").empty());          // an elision
  CHECK(l.hits("De medewerker zei dat Hans' auto er stond.").empty());               // an apostrophe after a word
  // A mark that closes the sentence before belongs to that one.
  CHECK(l.hits("Zij schreef: 'Het klopt.' De medewerker zei dat het goed was.").empty());
  CHECK(l.hits("Het klopt. 'U bent niet de enige,' zei de medewerker zei.") == V{"theme.geciteerd:medewerker zei"});
  Loaded bad(R"(
[[rule]]
id = "fout"
value = "bejegening"
match = "zei"
quoted = "ja"
)");
  CHECK(bad.error.find("rule 'theme.fout': `quoted` must be true or false") != std::string::npos);
}

TEST_CASE("word rules: a condition states no fact, and advice after one none at all") {
  Loaded l(R"(type = "theme"
engine = "words"

[class]
neg = { words = ["niet", "geen", "nooit"] }
reageren = { words = ["reageert", "reageerde", "teruggebeld"] }

[scope]
if_starts = ["als", "mocht", "wie"]
if_thens = ["kunt", "neem"]

[[rule]]
id = "geen-reactie"
value = "communicatie"
match = "@neg ..3 @reageren"
examples = ["Als hij belde, werd hij nooit teruggebeld."]
counter_examples = ["Als de gemeente niet reageert, stuur dan een herinnering."]
)", true);
  REQUIRE(l.error.empty());
  const WordRules& w = *l.rules;
  auto values = [&](const std::string& text) { return matched_texts(w, text); };
  // In the condition: no fact.
  CHECK(values("Als de gemeente niet reageert, stuur dan een herinnering.").empty());
  // In the main clause after it: a fact.
  CHECK(values("Wie belt, wordt nooit teruggebeld.") == V{"nooit teruggebeld"});
  // Advice after a condition: nothing in the sentence.
  CHECK(values("Mocht u niet worden teruggebeld, kunt u ons niet verwijten dat niemand reageerde.").empty());
  // Not at the sentence's start: no condition.
  CHECK(values("Hij vroeg als eerste, maar de gemeente reageerde niet. De gemeente heeft hem niet teruggebeld.") ==
        V{"niet teruggebeld"});
}

// Regression: "Mw. is nooit teruggebeld" was read as two sentences, the
// second opening with the verb "is", a condition; the stop after an
// abbreviation, or after the last letter of "i.v.m.", ends no sentence.
TEST_CASE("word rules: mw_dot_is_not_a_condition") {
  Loaded l(R"(type = "theme"
engine = "words"

[class]
neg = { words = ["niet", "nooit"] }
reageren = { words = ["teruggebeld"] }

[scope]
if_starts = ["is", "als"]
abbreviations = ["mw", "dhr"]

[[rule]]
id = "geen-reactie"
value = "communicatie"
match = "@neg ..3 @reageren"
examples = ["Mw. is nooit teruggebeld."]
counter_examples = ["Is zij niet teruggebeld, dan belt u opnieuw."]
)", true);
  REQUIRE(l.error.empty());
  const WordRules& w = *l.rules;
  auto values = [&](const std::string& text) { return matched_texts(w, text); };
  CHECK(values("Mw. is nooit teruggebeld.") == V{"nooit teruggebeld"});
  CHECK(values("Dhr. is niet teruggebeld.") == V{"niet teruggebeld"});
  CHECK(values("Dat is i.v.m. de drukte nooit teruggebeld.") == V{"nooit teruggebeld"});
  // A word not in the list still ends its sentence: "Bel. Is ..." opens a condition.
  CHECK(values("Zij belde terug. Is hij niet teruggebeld, dan belt u.").empty());
  Loaded bad(R"(type = "theme"
engine = "words"

[scope]
abbreviations = "mw"

[[rule]]
id = "x"
value = "communicatie"
match = "mw"
)", true);
  CHECK(bad.error.find(":5:") != std::string::npos);
  CHECK(bad.error.find("abbreviations") != std::string::npos);
}

TEST_CASE("word rules: a subject with a relative clause, then advice, states no fact") {
  Loaded l(R"(type = "theme"
engine = "words"

[class]
mis = { words = ["ontevreden", "oneens"] }

[scope]
if_thens = ["kunnen", "kan"]
relatives = ["die"]
advice_nots = ["niet", "niemand"]

[[rule]]
id = "kb"
value = "klachtbehandeling"
match = "@mis ..6 klachtbehandeling"
examples = ["Klagers waren ontevreden over de klachtbehandeling."]
counter_examples = ["Inwoners die ontevreden zijn over onze klachtbehandeling, kunnen terecht bij de ombudsman."]
)", true);
  REQUIRE(l.error.empty());
  const WordRules& w = *l.rules;
  auto count = [&](const std::string& text) { return w.match(text).size(); };
  CHECK(count("Klanten die het oneens zijn met onze klachtbehandeling, kunnen naar de ombudsman.") == 0);
  CHECK(count("Ouders van leerlingen die ontevreden zijn over de klachtbehandeling, kunnen bellen.") == 0);
  // No advice after it: the relative clause states a fact.
  CHECK(count("Klanten die ontevreden waren over de klachtbehandeling, stapten naar de ombudsman.") == 1);
  // A negation in the clause after it: a fact, not advice.
  CHECK(count("Klanten die ontevreden zijn over de klachtbehandeling, kunnen niemand bereiken.") == 1);
  CHECK(count("Sinds die brief, kan hij niet zeggen dat hij ontevreden was over de klachtbehandeling.") == 1);
  // The pronoun too far in: no such subject.
  CHECK(count("In 2024 klaagden vijf ouders over een besluit die ontevreden waren over de klachtbehandeling, kan zijn.") == 1);
}

TEST_CASE("word rules: the citizen's own doing states no fault, from its clause on; an effort does") {
  Loaded l(R"(type = "theme"
engine = "words"

[class]
neg = { words = ["niet", "geen", "nooit"] }
bereiken = { words = ["bereiken", "doorgegeven", "teruggebeld"] }

[scope]
own_subjects = ["klager", "zij", "hij"]
own_doings = ["zelf"]
own_musts = ["moest", "belde"]

[[rule]]
id = "niet"
value = "bereikbaarheid"
match = "@neg ..3 @bereiken"
)", true);
  REQUIRE(l.error.empty());
  const WordRules& w = *l.rules;
  auto n = [&](const std::string& text) { return w.match(text).size(); };
  CHECK(n("Klager heeft zelf zijn nummer niet doorgegeven, waardoor de school hem niet kon bereiken.") == 0);
  // Before the clause of "zelf": still a fact.
  CHECK(n("De school kon hem niet bereiken, tenzij hij zelf langskwam.") == 1);
  // An effort or a burden: "belde zelf", "moest zelf".
  CHECK(n("Toen zij zelf belde, werd zij nooit teruggebeld.") == 1);
  CHECK(n("Hij moest zelf uitzoeken waarom hij niet werd teruggebeld.") == 1);
  // "zelf" after the organisation: no citizen's doing.
  CHECK(n("De gemeente heeft zelf nooit teruggebeld.") == 1);
}

TEST_CASE("word rules: a verb split by a particle and \"te\" is also the verb written as one") {
  Loaded l(R"(type = "theme"
engine = "words"

[class]
inzien = { words = ["inzien", "ingezien"] }
terugbellen = { words = ["terugbellen"] }

[scope]
particles = ["in", "terug"]

[[rule]]
id = "inzage"
value = "privacy"
match = "@inzien ..6 geweigerd"

[[rule]]
id = "bellen"
value = "communicatie"
match = "beloofde ..3 @terugbellen"
)", true);
  REQUIRE(l.error.empty());
  CHECK(l.hits("Haar verzoek om het dossier in te zien, werd geweigerd.") == V{});  // a comma ends the clause
  CHECK(l.hits("Zijn verzoek in te zien werd geweigerd.") == V{"theme.inzage:zien werd geweigerd"});
  CHECK(l.hits("De consulent beloofde hem terug te bellen.") == V{"theme.bellen:beloofde hem terug te bellen"});
  CHECK(l.hits("De consulent beloofde hem terugbellen.") == V{"theme.bellen:beloofde hem terugbellen"});
  // Only after a particle and "te", in one clause: "zien" alone, "in" without "te", or "terug, te" are not.
  CHECK(l.hits("Zijn verzoek om te zien werd geweigerd.") == V{});
  CHECK(l.hits("De consulent beloofde hem terug bellen.") == V{});
  CHECK(l.hits("De consulent beloofde terug, te bellen.") == V{});
}

TEST_CASE("word rules: a guard after the match stops at a conjunction") {
  Loaded l(R"(type = "theme"
engine = "words"

[class]
neg = { words = ["niet", "geen"] }
onheus = { words = ["onheus", "grof"] }

[scope]
conjunctions = ["en", "of"]

[[rule]]
id = "onheus"
value = "bejegening"
match = "@onheus"
unless_near = ["neg"]
near = 3
)", true);
  REQUIRE(l.error.empty());
  CHECK(l.hits("Het gedrag was onheus en niet in orde.") == V{"theme.onheus:onheus"});
  CHECK(l.hits("Het gedrag was niet onheus.") == V{});
  // Before the match a conjunction stops nothing: "niet grof of onheus".
  CHECK(l.hits("Het gedrag was niet grof of onheus.") == V{});
}

// A list of measures or recommendations names in each item the problem it
// answers: "if_in_section" asks the section's heading, or the paragraph
// that leads in the list; "numbered" takes an item of a numbered list that
// the normaliser left a paragraph ("a. Bel naasten ...").
TEST_CASE("word rules: if_in_section asks the heading and the list's lead-in; numbered paragraphs") {
  Loaded l(R"(
[class.verbeterkop]
words = ["aanbevelingen", "verbeteren"]

[[rule]]
id = "in-maatregelen"
value = "communicatie"
match = "@terugbellen"
blocks = ["list_item", "numbered"]
if_in_section = ["verbeterkop"]
examples = ["Aanbevelingen\n- Medewerkers hebben teruggebeld."]
counter_examples = ["Klachten\n- Medewerkers hebben teruggebeld."]
)");
  REQUIRE(l.error.empty());
  auto run = [&](const std::string& text, const std::vector<FoldedBlock>& blocks) {
    V out;
    Folded fo = fold(text);
    for (const Hit& h : l.rules->match(text, fo, blocks)) out.push_back(text.substr(h.start, h.end - h.start));
    return out;
  };
  using K = PassageKind;
  // Under a heading of measures, a list item; not a paragraph, and not under another heading.
  const std::string a = "Wat wij verbeteren\n- Wij hebben teruggebeld.\nEr is teruggebeld.\nKlachten\n- Ook teruggebeld.";
  CHECK(run(a, {{0, 18, K::heading}, {19, 43, K::list_item}, {44, 62, K::paragraph}, {63, 71, K::heading},
                {72, 89, K::list_item}}) == V{"teruggebeld"});
  // A lead-in paragraph ending in ":" counts for the list after it, and a
  // numbered paragraph ("a. ...") is an item of that list.
  const std::string b = "De volgende aanbevelingen:\na. Altijd terugbellen.\nDaarna terugbellen.";
  CHECK(run(b, {{0, 26, K::paragraph}, {27, 49, K::paragraph}, {50, 69, K::paragraph}}) == V{"terugbellen"});
  // A paragraph that does not end in ":" leads in nothing.
  const std::string c = "De aanbevelingen volgen.\na. Altijd terugbellen.";
  CHECK(run(c, {{0, 24, K::paragraph}, {25, 47, K::paragraph}}).empty());
}

TEST_CASE("word rules: an example of an if_in_section rule must start with its heading") {
  Loaded l(R"(
[[rule]]
id = "in-maatregelen"
value = "communicatie"
match = "@terugbellen"
if_in_section = ["brief"]
examples = ["Wij hebben teruggebeld."]
)");
  CHECK(l.error.find("theme.toml:") != std::string::npos);
  CHECK(l.error.find("starts with its section's heading") != std::string::npos);
}
