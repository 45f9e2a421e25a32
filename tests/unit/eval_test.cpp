// Tests of eval/eval.h and output/eval_out.h: gold files read and checked
// with file:line errors, scores counted exactly, a unit right only at its
// level, and one document through the real pipeline.
#include <catch2/catch.hpp>

#include "eval/eval.h"
#include "output/eval_out.h"
#include "testutil.h"

using namespace omb;

namespace {

const char* kText =
    "Kwartaalrapportage derde kwartaal 2021\n\n6. Samenvatting dossiers\n\n6.1. Inkomen\n\n"
    "40123 \xE2\x80\x93 Melding\nDe klantmanager heeft het besluit nooit uitgelegd. De klacht is gegrond.\n\n"
    "40124 \xE2\x80\x93 Melding\nHij wacht al maanden op een beslissing. De klacht is ongegrond.\n";

// Right about the document, two deliberate errors: a unit the text never
// names on line 8, and "gedeeltelijk gegrond" where it says ongegrond.
const char* kGold = R"([document]
organisation = ""
doctype = "kwartaalrapportage"
period = "2021-Q3"

[[unit]]
line = 5
name = "Inkomen"
level = "afdeling"

[[unit]]
line = 8
name = "Werk"
level = "afdeling"

[[theme]]
line = 8
value = "communicatie"

[[theme]]
line = 11
value = "afhandelingsduur"

[[oordeel]]
line = 8
value = "gegrond"

[[oordeel]]
line = 11
value = "gedeeltelijk gegrond"

[[zaaknummer]]
line = 7
value = "40123"

[[zaaknummer]]
line = 10
value = "40124"

[[case]]
line = 7
zaaknummer = "40123"

[[case]]
line = 10
zaaknummer = "40124"
)";

const Extractor& extractor() {
  static std::shared_ptr<const Extractor> e = [] {
    auto r = Extractor::load(test::source_dir() + "/dictionaries");
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return *r;
  }();
  return *e;
}

}  // namespace

// A case's unit is scored where the gold gives one on every case: both
// cases stand under "6.1. Inkomen"; the gold puts the second under Werk.
TEST_CASE("eval: the units of cases, scored only where the gold gives them", "[eval]") {
  test::TempDir dir;
  dir.write("k.txt", kText);
  std::string with_units = kGold;
  auto put = [&](const std::string& zaak, const std::string& unit) {
    const std::string at = "zaaknummer = \"" + zaak + "\"\n";
    with_units.replace(with_units.rfind(at), at.size(), at + "unit = \"" + unit + "\"\n");
  };
  put("40123", "Inkomen");
  put("40124", "Werk");
  auto t = [](const EvalReport& r) { const TypeScore& s = r.types.at("case_unit"); return std::vector<std::size_t>{s.gold, s.found, s.right}; };
  auto r = evaluate({dir.write("k.gold.toml", with_units)}, test::normalizer(), extractor());
  REQUIRE(r.ok());
  CHECK(t(*r) == std::vector<std::size_t>{2, 2, 1});
  CHECK(r->micro.gold == 8);  // not part of the micro score
  std::vector<std::string> mm;
  for (const Mismatch& m : r->mismatches)
    if (m.item.type == "case_unit") mm.push_back(std::to_string(m.item.line) + (m.miss ? " miss " : " false ") + m.item.value);
  CHECK(mm == std::vector<std::string>{"10 miss Werk", "10 false Inkomen"});
  // Without units in the gold, the cases' units are not scored at all.
  auto plain = evaluate({dir.write("k.gold.toml", kGold)}, test::normalizer(), extractor());
  REQUIRE(plain.ok());
  CHECK(t(*plain) == std::vector<std::size_t>{0, 0, 0});
  // A unit on some cases only is an error at the [[case]] table.
  std::string some = kGold;
  some.replace(some.rfind("zaaknummer = \"40124\"\n"), 21, "zaaknummer = \"40124\"\nunit = \"\"\n");
  auto bad = load_gold(dir.write("k.gold.toml", some));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().to_string().find("a unit on 1 of 2 [[case]] entries") != std::string::npos);
}

TEST_CASE("eval: one document through the pipeline, every count exact", "[eval]") {
  test::TempDir dir;
  dir.write("k.txt", kText);
  const std::string gold = dir.write("k.gold.toml", kGold);
  auto r = evaluate({gold}, test::normalizer(), extractor());
  REQUIRE(r.ok());
  CHECK(r->documents == 1);
  auto t = [&](const char* type) { const TypeScore& s = r->types.at(type); return std::vector<std::size_t>{s.gold, s.found, s.right}; };
  CHECK(t("unit") == std::vector<std::size_t>{2, 1, 1});
  CHECK(t("theme") == std::vector<std::size_t>{2, 2, 2});
  CHECK(t("oordeel") == std::vector<std::size_t>{2, 2, 1});
  CHECK(t("zaaknummer") == std::vector<std::size_t>{2, 2, 2});
  CHECK(t("case") == std::vector<std::size_t>{2, 2, 2});
  CHECK(r->micro.gold == 8);
  CHECK(r->micro.found == 7);
  CHECK(r->micro.right == 6);
  CHECK(r->facts.at("doctype") == std::pair<std::size_t, std::size_t>{1, 1});
  CHECK(r->facts.at("period") == std::pair<std::size_t, std::size_t>{1, 1});
  CHECK(r->fact_mismatches.empty());
  REQUIRE(r->mismatches.size() == 3);
  CHECK(r->mismatches[0].item.line == 8);
  CHECK(r->mismatches[0].item.value == "Werk");
  CHECK(r->mismatches[0].miss);
  CHECK(r->mismatches[1].item.value == "gedeeltelijk gegrond");
  CHECK(r->mismatches[1].miss);
  CHECK(r->mismatches[2].item.value == "ongegrond");
  CHECK_FALSE(r->mismatches[2].miss);
  CHECK(r->mismatches[2].item.rule == "oordeel.ongegrond/ongegrond");
  const std::string text = render_eval(*r, {});
  CHECK(text.find("micro             8      7      6      0.857   0.750  0.800\n") != std::string::npos);
  CHECK(text.find(dir.file("k.txt") + ":11  oordeel  false  \"ongegrond\"  [oordeel.ongegrond/ongegrond]\n") !=
        std::string::npos);
}

TEST_CASE("eval: a unit is right only at its level; values fold; duplicates count once", "[eval]") {
  GoldDoc gold;
  gold.text_path = "d.txt";
  gold.items = {{"unit", 3, "Werk en Inkomen", "afdeling", ""},
                {"unit", 4, "Zorg", "dienst", ""},
                {"theme", 5, "communicatie", "", ""},
                {"theme", 5, "communicatie", "", ""}};
  Findings found;
  found.items = {{"unit", 3, "werk  en inkomen", "afdeling", "r1"},  // folded and spaced alike: right
                 {"unit", 4, "Zorg", "afdeling", "r2"},               // wrong level: a miss and a false tag
                 {"theme", 5, "Communicatie", "", "r3"},
                 {"theme", 6, "communicatie", "", "r4"}};             // wrong line: false
  EvalReport r;
  score(gold, found, r);
  CHECK(r.types["unit"].gold == 2);
  CHECK(r.types["unit"].found == 2);
  CHECK(r.types["unit"].right == 1);
  CHECK(r.types["theme"].gold == 1);
  CHECK(r.types["theme"].found == 2);
  CHECK(r.types["theme"].right == 1);
  CHECK(r.micro.right == 2);
  CHECK(r.micro.f1() == Approx(2.0 * (2.0 / 4) * (2.0 / 3) / (2.0 / 4 + 2.0 / 3)));
  REQUIRE(r.mismatches.size() == 3);
  CHECK((r.mismatches[0].item.level == "dienst" && r.mismatches[0].miss));
  CHECK((r.mismatches[1].item.level == "afdeling" && !r.mismatches[1].miss));
  CHECK((r.mismatches[2].item.line == 6 && !r.mismatches[2].miss));
  // An empty organisation in gold is right when none is found; a wrong one is listed.
  CHECK(r.facts["organisation"] == std::pair<std::size_t, std::size_t>{1, 1});
  gold.facts.period = "2021-H2";
  found.facts.period = "2021";
  score(gold, found, r);
  REQUIRE(r.fact_mismatches.size() == 1);
  CHECK(r.fact_mismatches[0].want == "2021-H2");
  CHECK(r.fact_mismatches[0].got == "2021");
}

TEST_CASE("eval: a unit's name compares without its level word", "[eval]") {
  GoldDoc gold;
  gold.text_path = "d.txt";
  gold.items = {{"unit", 3, "Keringen", "sector", ""},
                {"unit", 4, "Werk en Inkomen", "dienst", ""},
                {"unit", 5, "Sector Noord", "sector", ""},
                {"unit", 7, "Oosterdal", "sector", ""},
                {"unit", 8, "Kerkebuurt", "team", ""},
                {"unit", 9, "Wijkteam Centrum", "team", ""},
                {"unit", 10, "Regio Oost", "directie", ""}};
  Findings found;
  found.items = {{"unit", 3, "sector Keringen", "sector", "r1"},         // units.prefix keeps the word
                 {"unit", 4, "Dienst Werk en Inkomen", "dienst", "r2"},  // capitalised alike
                 {"unit", 5, "Noord", "sector", "r3"},                   // the gold may keep it too
                 {"unit", 6, "sector", "sector", "r4"},                  // one word is no level word plus name
                 {"unit", 7, "district Oosterdal", "sector", "r5"},      // a police district is level sector
                 {"unit", 8, "wijkteam Kerkebuurt", "team", "r6"},       // a wijkteam is level team (session 24)
                 {"unit", 9, "wijkteam Centrum", "team", "r7"},
                 {"unit", 10, "directie Regio Oost", "directie", "r8"}};  // every leading level word goes (dev20)
  EvalReport r;
  score(gold, found, r);
  CHECK(r.types["unit"].gold == 7);
  CHECK(r.types["unit"].found == 8);
  CHECK(r.types["unit"].right == 7);
  REQUIRE(r.mismatches.size() == 1);
  CHECK(r.mismatches[0].item.value == "sector");
}

TEST_CASE("eval: bad gold files say file, line and what is wrong", "[eval][errors]") {
  test::TempDir dir;
  auto load = [&](const std::string& body) {
    return load_gold(dir.write("x.gold.toml", body));
  };
  const std::string doc = "[document]\norganisation = \"O\"\ndoctype = \"rapport\"\nperiod = \"\"\n";
  auto r = load(doc + "\n[[unit]]\nline = 3\nname = \"Werk\"\nlevel = \"departement\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == dir.file("x.gold.toml"));
  CHECK(r.error().line == 9);
  CHECK(r.error().message ==
        "[[unit]]: level must be one of organisation, dienst, directie, cluster, programma, sector, rve, afdeling, team");
  r = load(doc + "\n[[theme]]\nvalue = \"communicatie\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "[[theme]]: no line");
  r = load(doc + "\n[[theme]]\nline = 0\nvalue = \"communicatie\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 7);
  CHECK(r.error().message == "[[theme]]: line must be a whole number from 1");
  r = load(doc + "\n[[oordeel]]\nline = 2\nvalue = \"gegrond\"\nwaarde = 1\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "[[oordeel]]: unknown key 'waarde'");
  r = load(doc + "\n[[verdict]]\nline = 2\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "unknown section 'verdict' (document, unit, theme, oordeel, zaaknummer or case)");
  r = load("[[theme]]\nline = 2\nvalue = \"communicatie\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "no [document] table (organisation, doctype, period)");
  r = load(doc + "\n[[theme]\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 6);
  CHECK(r.error().message.rfind("TOML: ", 0) == 0);
  // A name that is no gold file, a path that does not exist, a folder without any.
  CHECK(load_gold(dir.write("x.toml", doc)).error().message ==
        "a gold file's name ends in .gold.toml (report.gold.toml for report.txt)");
  CHECK(find_gold({dir.file("nope")}).error().message == "no such file or folder");
  dir.write("empty/readme.txt", "x");
  CHECK(find_gold({dir.file("empty")}).error().message == "no *.gold.toml in this folder");
  // The text beside the gold is read; a missing one is an error naming it.
  auto ev = evaluate({dir.write("y.gold.toml", doc)}, test::normalizer(), extractor());
  REQUIRE_FALSE(ev.ok());
  CHECK(ev.error().file == dir.file("y"));
}

// Regression (#18): the rows of an outcome table (rule oordeel.table, with
// their counts) were compared as verdicts, and the gold has no entry for counts.
TEST_CASE("eval: an outcome table's rows are counts, not findings", "[eval]") {
  const std::string text = "| Uitkomst | Aantal |\n|---|---|\n| Gegrond | 3 |\n| Ongegrond | 5 |\n\nDe klacht is gegrond.\n";
  // The extraction has the rows (as signals need them) ...
  std::size_t rows = 0;
  Normalized n = test::normalizer().normalize(text);
  for (const Tag& t : extractor().extract(n.text, n.blocks).tags) rows += t.rule == "oordeel.table";
  CHECK(rows == 2);
  // ... and eval leaves them out.
  Findings f = find(text, test::normalizer(), extractor());
  std::vector<std::string> oordelen;
  for (const GoldItem& g : f.items)
    if (g.type == "oordeel") oordelen.push_back(g.value + "@" + std::to_string(g.line) + " " + g.rule);
  CHECK(oordelen == std::vector<std::string>{"gegrond@6 oordeel.gegrond/gegrond"});
}

// A gold file kept apart from its text (the text may not be copied into the
// folder of gold), covering only some of its lines: [document] text and lines.
TEST_CASE("eval: gold names its text elsewhere and covers some lines", "[eval]") {
  test::TempDir dir;
  dir.write("archief/k.txt", kText);
  std::string gold = kGold;
  gold.replace(gold.find("period = \"2021-Q3\"\n"), 19,
               "period = \"2021-Q3\"\ntext = \"../archief/k.txt\"\nlines = [\"1-8\"]\n");
  // Only the entries on lines 1-8 stay: the second case is outside.
  gold = gold.substr(0, gold.find("[[theme]]\nline = 11")) + gold.substr(gold.find("[[oordeel]]\nline = 8"));
  gold = gold.substr(0, gold.find("[[oordeel]]\nline = 11")) + gold.substr(gold.find("[[zaaknummer]]"));
  gold = gold.substr(0, gold.find("[[zaaknummer]]\nline = 10")) + gold.substr(gold.find("[[case]]"));
  gold = gold.substr(0, gold.find("[[case]]\nline = 10"));
  const std::string path = dir.write("gold/k.gold.toml", gold);
  auto g = load_gold(path);
  REQUIRE(g.ok());
  CHECK(g->text_path == dir.file("archief/k.txt"));
  REQUIRE(g->ranges.size() == 1);
  CHECK(g->covers(8));
  CHECK_FALSE(g->covers(9));
  auto r = evaluate({path}, test::normalizer(), extractor());
  REQUIRE(r.ok());
  auto t = [&](const char* type) { const TypeScore& s = r->types.at(type); return std::vector<std::size_t>{s.gold, s.found, s.right}; };
  // What is found on lines 10 and 11 is not counted against the gold.
  CHECK(t("unit") == std::vector<std::size_t>{2, 1, 1});
  CHECK(t("theme") == std::vector<std::size_t>{1, 1, 1});
  CHECK(t("oordeel") == std::vector<std::size_t>{1, 1, 1});
  CHECK(t("zaaknummer") == std::vector<std::size_t>{1, 1, 1});
  CHECK(t("case") == std::vector<std::size_t>{1, 1, 1});
}

TEST_CASE("eval: bad line ranges and entries outside them say file and line", "[eval][errors]") {
  test::TempDir dir;
  auto load = [&](const std::string& body) { return load_gold(dir.write("x.gold.toml", body)); };
  const std::string doc = "[document]\norganisation = \"O\"\ndoctype = \"rapport\"\nperiod = \"\"\n";
  for (const char* bad : {"[\"9-3\"]", "[\"0-3\"]", "[\"a-b\"]", "[\"3-\"]", "[]", "\"1-3\"", "[4]"}) {
    auto r = load(doc + "lines = " + bad + "\n");
    INFO(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().line == 5);
    CHECK(r.error().message.rfind("[document]: ", 0) == 0);
  }
  auto r = load(doc + "lines = [\"1-3\", \"7\"]\n\n[[theme]]\nline = 5\nvalue = \"communicatie\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "[[theme]] on line 5, outside the [document] lines");
  r = load(doc + "lines = [\"1-3\", \"7\"]\n\n[[theme]]\nline = 7\nvalue = \"communicatie\"\n");
  REQUIRE(r.ok());
  r = load(doc + "text = \"\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "[document]: text is empty");
  // A text that is not there is an error naming it.
  auto ev = evaluate({dir.write("y.gold.toml", doc + "text = \"elders/y.txt\"\n")}, test::normalizer(), extractor());
  REQUIRE_FALSE(ev.ok());
  CHECK(ev.error().file == dir.file("elders/y.txt"));
}

// The rules' table (eval --rules): each rule that made a finding, its
// findings and the right ones; the false verdict's rule leads.
TEST_CASE("eval: per rule, its findings and the right ones", "[eval]") {
  test::TempDir dir;
  dir.write("k.txt", kText);
  const std::string gold = dir.write("k.gold.toml", kGold);
  auto r = evaluate({gold}, test::normalizer(), extractor());
  REQUIRE(r.ok());
  std::size_t found = 0, right = 0;
  for (const auto& [key, s] : r->rules) {
    found += s.found;
    right += s.right;
    CHECK(s.gold == 0);
  }
  std::size_t all_found = 0, all_right = 0;
  for (const auto& [type, s] : r->types) {
    all_found += s.found;
    all_right += s.right;
  }
  CHECK(found == all_found);
  CHECK(right == all_right);
  REQUIRE(r->rules.count("oordeel oordeel.ongegrond/ongegrond"));
  CHECK(r->rules.at("oordeel oordeel.ongegrond/ongegrond").found == 1);
  CHECK(r->rules.at("oordeel oordeel.ongegrond/ongegrond").right == 0);
  EvalRenderOptions o;
  o.details = false;
  CHECK(render_eval(*r, o).find("rules (") == std::string::npos);
  o.rules = true;
  const std::string text = render_eval(*r, o);
  const std::size_t head = text.find("rules (found  right  false  precision  type rule), most false first:\n");
  REQUIRE(head != std::string::npos);
  CHECK(text.substr(text.find('\n', head) + 1).starts_with("      1      0      1      0.000  oordeel oordeel.ongegrond/ongegrond\n"));
  o.json = true;
  CHECK(render_eval(*r, o).find("\"rule\":\"oordeel.ongegrond/ongegrond\",\"found\":1,\"right\":0,\"precision\":0.0}") !=
        std::string::npos);
}
