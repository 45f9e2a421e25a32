// tests/unit/themes_table_test.cpp — themes said in other words (#18): the
// sentence tables of tests/eval/themes, tagged by dictionaries/extract/
// theme.toml, must reach precision and recall of 90 % per theme.
//
// Each sentence is normalised first, as ingest normalises a document before
// extraction reads it: the tables' deliberate PDF-to-text damage ("beant-
// woord", "vemederd") meets the rules as the pipeline would hand it over.
// Before session 30 the rules saw the raw sentence.
//
// The held-out tables (tests/eval/themes-heldout) are measured by the hidden
// case "[.heldout]" only, to be reported, never to develop rules on:
//   build/test/tests/omb_tests "[heldout]" -s   (ctest leaves it out)
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "extract/word_rules.h"
#include "testutil.h"

using namespace omb;

namespace {

struct Score {
  int tp = 0, fp = 0, fn = 0, yes = 0, no = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0; }
};

// The value a table file stands for (README.md of tests/eval/themes).
std::string value_of(const std::string& stem) { return stem == "financiele-gevolgen" ? "financiële gevolgen" : stem; }

std::map<std::string, Score> score_tables(const std::string& dir, std::string& misses) {
  auto loaded = WordRules::load(test::source_dir() + "/dictionaries/extract/theme.toml");
  if (!loaded.ok()) FAIL(loaded.error().to_string());
  const WordRules& rules = **loaded;
  std::map<std::string, Score> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".tsv") continue;
    std::string theme = value_of(e.path().stem().string());
    Score& s = out[theme];
    std::ifstream in(e.path());
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      REQUIRE(t2 != std::string::npos);
      bool expect = line.substr(0, t1) == "yes";
      std::string sentence = line.substr(t2 + 1);
      std::set<std::string> got;
      for (const Hit& h : rules.match(test::normalizer().normalize(sentence).text)) got.insert(h.value);
      bool tagged = got.count(theme) > 0;
      (expect ? s.yes : s.no)++;
      if (expect && tagged) ++s.tp;
      if (!expect && tagged) ++s.fp;
      if (expect && !tagged) ++s.fn;
      if (expect != tagged)
        misses += e.path().filename().string() + ":" + std::to_string(n) + ": " + (expect ? "missed" : "false") + ": " + sentence + "\n";
    }
  }
  return out;
}

std::string report(const std::map<std::string, Score>& scores) {
  std::ostringstream o;
  o << "theme                  yes  no   precision  recall\n";
  for (const auto& [theme, s] : scores) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-22s %3d %3d   %6.3f    %6.3f\n", theme.c_str(), s.yes, s.no, s.precision(), s.recall());
    o << buf;
  }
  return o.str();
}

// Reports the tables of `dir` (under the source tree) with every miss; says
// so when the folder is not there.
void report_tables(const std::string& dir) {
  const std::string path = test::source_dir() + dir;
  if (!std::filesystem::is_directory(path)) {
    WARN("no " + path);
    return;
  }
  std::string misses;
  auto scores = score_tables(path, misses);
  WARN(report(scores) << misses);
}

}  // namespace

TEST_CASE("themes said in other words: 90% precision and recall per theme") {
  std::string misses;
  auto scores = score_tables(test::source_dir() + "/tests/eval/themes", misses);
  INFO(report(scores) << misses);
  REQUIRE(scores.size() == 7);
  for (const auto& [theme, s] : scores) {
    CHECK(s.yes + s.no >= 50);
    CHECK(s.precision() >= 0.90);
    CHECK(s.recall() >= 0.90);
  }
}

TEST_CASE("themes: the held-out tables, reported once", "[.heldout]") { report_tables("/tests/eval/themes-heldout"); }

// The second development tables (tests/eval/themes-dev2, written blind by
// another author): reported, to develop rules on.
//   build/test/tests/omb_tests "[.devthemes]" -s
TEST_CASE("themes: the second development tables, reported", "[.devthemes]") { report_tables("/tests/eval/themes-dev2"); }

// The fourth development tables (tests/eval/themes-dev4, written blind by a
// helper in session 15, after that session's theme rules): reported, to
// develop rules on.
//   build/test/tests/omb_tests "[.devthemes]" -s
TEST_CASE("themes: the fourth development tables, reported", "[.devthemes]") { report_tables("/tests/eval/themes-dev4"); }

// The sixth development tables (tests/eval/themes-dev6, written blind by a
// helper in session 18): reported, to develop rules on. First run in the
// session 18 note.
TEST_CASE("themes: the sixth development tables, reported", "[.devthemes]") { report_tables("/tests/eval/themes-dev6"); }

// The seventh development tables (tests/eval/themes-dev7, written blind by a
// helper in session 19, with recommendations, findings and split separable
// verbs): reported, to develop rules on. First run in the session 19 note.
TEST_CASE("themes: the seventh development tables, reported", "[.devthemes]") { report_tables("/tests/eval/themes-dev7"); }

// The eighth development tables (tests/eval/themes-dev8, written blind by a
// helper in session 30, in the voices of benefit agencies, collection bodies,
// housing corporations, hospitals, schools, transport and utilities, with
// quoted speech, fragments and the organisation's answer): reported, to
// develop rules on. First run in the session 30 note.
TEST_CASE("themes: the eighth development tables, reported", "[.devthemes]") { report_tables("/tests/eval/themes-dev8"); }

// The ninth development tables (tests/eval/themes-dev9, written blind by a
// helper in session 30, as sentences stand inside annual reports, audit
// findings, committee decisions, citizens' letters, council questions and
// improvement measures): reported, to develop rules on. First run in the
// session 30 note.
TEST_CASE("themes: the ninth development tables, reported", "[.devthemes]") { report_tables("/tests/eval/themes-dev9"); }

// The tenth development tables (tests/eval/themes-dev10, written blind by a
// helper in session 31, in registers that are not report prose: complaint
// registration entries, notes of phone calls, an ombudsman's reasoning,
// citizens' spoken words and improvement actions): reported, to develop
// rules on. First run in the session 31 note.
TEST_CASE("themes: the tenth development tables, reported", "[.devthemes]") { report_tables("/tests/eval/themes-dev10"); }
