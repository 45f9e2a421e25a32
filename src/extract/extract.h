// extract/extract.h — rule-based extraction: document facts, cases, tags.
//
// An Extractor loads every rule file of `dictionaries/extract/*.toml` (one
// tag type each; see rules.h for the pattern format, and word_rules.h for
// files with `engine = "words"`, rules over words) and runs them over normalised
// text. The types doctype, organisation, period, date, zaaknummer, afdeling,
// theme, oordeel, vereiste and status are required and interpreted as below;
// a file of any other type is matched and its hits become tags as they are.
//
//  - facts: doctype (highest-priority doctype rule in its window, else
//    "overig"), organisation (first issuer in the window, else another
//    organisation there, else the first issuer, else the first), period (best period rule in the window; the quarter only
//    for a kwartaalrapportage; else the year of the report's date), date
//    (first date in the window), title (the first short line before the
//    first paragraph that is no numbered section, count, skip word or fact,
//    else "<Doctype> <year> Q<n>, <organisation>");
//  - cases: a quarterly report is split at its case headings (zaaknummer
//    rules with role "case"); an investigation report with a report number
//    is one case. A case gets its afdeling from the section heading it stands
//    under (else the first afdeling inside it), its themes from inside it and
//    from references to its zaaknummer in a section headed by a theme, its
//    status (last status inside) and its oordeel (first in its last
//    oordeel/conclusie section, else the last inside);
//  - tags: every hit, with its rule id, span and case; afdelingen also from
//    lists, tables and case sections; oordelen also from outcome tables
//    (with their counts).
//
// Each step is an interpreter of its own, run_<name>(Context&) in
// extract/<name>.h over the shared extract/context.h; extract() runs them in
// this order and says what each reads from the ones before: doctype,
// organisation, date and period, units (afdelingen), themes, oordelen, the
// plain tags (zaaknummers.h), title, cases, references.
//
// extract() never fails: text without findings gives empty lists. A loaded
// Extractor is immutable and shared by all ingest workers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/document.h"
#include "base/result.h"

namespace omb {

struct Block;
class OffsetMap;
class RuleFile;
class RuleSets;
class WordRules;

struct Extraction {
  DocFacts facts;
  std::vector<Case> cases;
  std::vector<Tag> tags;  // in text order; tag.case_index points into cases
};

class Extractor {
 public:
  // Loads `dictionaries_dir`/extract/*.toml. Errors name the file and line.
  static Result<std::shared_ptr<const Extractor>> load(const std::string& dictionaries_dir);
  ~Extractor();

  // `blocks` are the normaliser's blocks of `text` (kind, span); with the
  // normaliser's `map`, case numbers in the running heads it dropped are
  // tagged too (interp::running_head_numbers).
  Extraction extract(std::string_view text, const std::vector<Block>& blocks, const OffsetMap* map = nullptr) const;

  // The rule files, for --explain listings and tests: pattern files, and
  // word-rule files (`engine = "words"`, extract/word_rules.h).
  const std::vector<std::unique_ptr<RuleFile>>& files() const { return files_; }
  const std::vector<std::unique_ptr<WordRules>>& word_files() const { return word_files_; }

 private:
  Extractor() = default;
  const RuleFile& file(std::string_view type) const;
  std::vector<std::unique_ptr<RuleFile>> files_;
  std::vector<std::unique_ptr<WordRules>> word_files_;
  std::unique_ptr<RuleSets> sets_;  // one prefilter over all files
  struct Prepared;                  // what the interpreters look up, built once
  std::unique_ptr<Prepared> prep_;
};

}  // namespace omb
