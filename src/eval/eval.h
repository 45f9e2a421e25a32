// eval/eval.h — extraction measured against hand-written gold (issue #18).
//
// A gold file (tests/eval/README.md has the format) sits beside the text it
// annotates: report.gold.toml (or report.txt.gold.toml) for report.txt or
// report.md. It holds the document's
// facts (organisation, doctype, period) and, each with its 1-based source
// line, the units (name and level), themes, oordelen, zaaknummers and cases a
// reader finds in it. evaluate() runs the same normaliser and extractor as
// `ingest` on the text, puts each finding on the source line where it starts
// (through the normaliser's offset map; lines split on \n), and counts, per
// type, the findings that match a gold entry on the same line with the same
// value (folded: case and accents do not matter), the gold entries nothing
// matched (misses) and the findings no gold entry matched (false tags). A unit
// matches only at the right level: a finding with the wrong level is a miss
// and a false tag. A finding or gold entry counts once per (type, line, value,
// level). Document facts are right or wrong per document.
//
// Errors are values: a gold file that does not parse, or an entry with a
// missing or unknown field, fails with Errc::parse naming the file and line;
// a text that cannot be read or decoded, with its own error.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

namespace omb {

// The types evaluated, in report order; the first four make the micro score.
// case_unit: the unit a case is about (a [[case]]'s `unit`), scored only in
// documents whose gold gives it.
inline constexpr const char* kEvalTypes[] = {"unit", "theme", "oordeel", "zaaknummer", "case", "case_unit"};
inline constexpr int kEvalMicroTypes = 4;

struct GoldItem {
  std::string type;   // one of kEvalTypes
  int line = 0;       // 1-based source line
  std::string value;  // unit and case_unit: the unit's name; case: its zaaknummer ("" for none)
  std::string level;  // unit only: organisation, dienst, directie, cluster, programma, sector, rve, afdeling, team
  std::string rule;   // a finding's rule (empty in gold)
};

struct GoldFacts {
  std::string organisation, doctype, period;  // period: "2021", "2021-Q3", "2021-H2" or ""
};

// Source lines first..last, both included.
struct LineRange {
  int first = 1, last = 1;
};

struct GoldDoc {
  std::string gold_path, text_path;
  GoldFacts facts;
  std::vector<GoldItem> items;
  // The lines the gold covers ([document] lines = ["1-500", "881-1070"]);
  // empty: the whole text. Findings outside them are not scored.
  std::vector<LineRange> ranges;
  bool covers(int line) const;
  // Whether its cases carry `unit`: only then are the cases' units scored.
  bool case_units = false;
};

// Reads and checks one gold file. Its text is [document] text (a path
// relative to the gold file's folder: gold kept apart from an archive it
// cannot be copied into), else gold_path without ".gold.toml", with .txt or
// .md added when that is the file there.
Result<GoldDoc> load_gold(const std::string& gold_path);

// The gold files named: files as they are, folders searched for
// *.gold.toml (recursively, sorted). Fails for a path that does not exist
// or a folder without any.
Result<std::vector<std::string>> find_gold(const std::vector<std::string>& paths);

// What the pipeline finds in a text, in gold's terms.
struct Findings {
  GoldFacts facts;
  std::vector<GoldItem> items;
};
Findings find(const std::string& raw, const Normalizer& normalizer, const Extractor& extractor);

struct TypeScore {
  std::size_t gold = 0, found = 0, right = 0;
  double precision() const { return found ? static_cast<double>(right) / found : (gold ? 0.0 : 1.0); }
  double recall() const { return gold ? static_cast<double>(right) / gold : 1.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct Mismatch {
  std::string text_path;
  GoldItem item;
  bool miss = true;  // true: in gold, not found; false: found, not in gold
};

struct FactMismatch {
  std::string text_path, field, want, got;
};

struct EvalReport {
  std::size_t documents = 0;
  std::map<std::string, TypeScore> types;  // by kEvalTypes
  TypeScore micro;                         // over the first kEvalMicroTypes types
  std::map<std::string, std::pair<std::size_t, std::size_t>> facts;  // field -> (right, documents)
  std::vector<Mismatch> mismatches;        // by document, then line
  std::vector<FactMismatch> fact_mismatches;
  // Per rule that made a finding ("theme communicatie/onbeantwoord"): its
  // findings and the right ones among them (gold is 0: a miss has no rule).
  // A finding that two rules made counts for the first in text order.
  std::map<std::string, TypeScore> rules;  // "type rule" -> scores
};

// Adds one document's comparison to the report.
void score(const GoldDoc& gold, const Findings& found, EvalReport& report);

// Loads every gold file, runs the pipeline on its text and scores it.
Result<EvalReport> evaluate(const std::vector<std::string>& gold_paths, const Normalizer& normalizer,
                            const Extractor& extractor);

}  // namespace omb
