// extract/context.h — what the interpreters of Extractor::extract share
// (extract.cpp runs them in order): the inputs (the normalised text, its
// blocks, the hits of every rule file, the rule files, the lookups built at
// load) and the extraction being built (facts, cases, tags, and the `extra`
// tags made after the cases are found). Each interpreter is one function
// run_<name>(Context&) in extract/<name>.h; the members say which one writes
// them and which read them. Internal to extract/.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/result.h"
#include "extract/extract.h"
#include "extract/rules.h"
#include "extract/word_rules.h"

namespace re2 {
class RE2;
}

namespace omb::interp {

// The levels a unit stands at, from the top: the organisation, the level
// above the departments (dienst, rve, cluster, directie, programma, sector),
// the departments, their teams. Every afdeling tag's detail says its level.
inline constexpr std::string_view kLevels[] = {"organisation", "dienst", "afdeling", "team"};
inline bool is_level(std::string_view s) {
  for (std::string_view l : kLevels)
    if (s == l) return true;
  return false;
}

// What the interpreters look up, built once when the Extractor loads.
struct Lookups {
  std::unordered_map<std::string, std::string> canon;       // folded afdeling variant -> canonical
  std::unordered_map<std::string, std::string> canon_unit;  // canonical -> unit
  std::unordered_map<std::string, std::string> unit_level;  // unit -> level (afdeling file's [levels])
  std::unique_ptr<re2::RE2> section_re;                     // a numbered section heading
  std::unique_ptr<re2::RE2> case_heading_re;                // "Casus 3 – …": a case heading without its number

  // From the afdeling file (entries, their ids and roles; [levels], checked:
  // every value a level of units.h's kLevels, every unit of [units] and of
  // the entries' roles with a level) and the zaaknummer file ([case]
  // section_heading, numbered_heading). Errors name the file and, for
  // [levels], the line.
  static Result<Lookups> build(const RuleFile& afdeling, const RuleFile& zaaknummer);
  Lookups();
  Lookups(Lookups&&) noexcept;
  Lookups& operator=(Lookups&&) noexcept;
  ~Lookups();
};

// One outcome-table row whose label is an oordeel (units reads the tables,
// oordelen makes the tags).
struct OutcomeRow {
  std::string label;
  std::size_t start = 0, end = 0;  // the label's span
  std::string counts;              // json_counts() of the row, or ""
};

struct Context {
  using Hits = std::map<std::string, std::vector<Hit>, std::less<>>;

  Context(std::string_view text, std::vector<FoldedBlock> spans, Hits hits, const std::vector<std::unique_ptr<RuleFile>>& files,
          const std::vector<std::unique_ptr<WordRules>>& word_files, const Lookups& look, Extraction& out);

  // ---- Inputs (read by all) ----
  std::string_view text;
  std::vector<FoldedBlock> spans;  // the blocks that are not noise, sorted by start
  Hits hits;                       // type -> hits of its rule file (pattern or words), in text order
  const std::vector<std::unique_ptr<RuleFile>>& files;
  const std::vector<std::unique_ptr<WordRules>>& word_files;  // files with engine = "words" (themes)
  const Lookups& look;
  std::vector<const FoldedBlock*> headings;  // the heading blocks among spans, in order
  std::vector<std::size_t> gaps;  // the table rows' column gaps (Block::gaps), in order
  std::vector<std::pair<std::size_t, std::size_t>> indents;  // indented table rows: (start, Block::indent), in order

  // ---- Outputs ----
  Extraction& out;         // facts: facts, organisation; cases: cases; all: tags
  std::vector<Tag>& tags;  // = out.tags; sorted by start from cases on (range() needs it)
  std::vector<Tag> extra;  // cases, references: tags made while reading tags (merged at the end)
  // units writes, oordelen reads: the rows of outcome tables.
  std::vector<OutcomeRow> outcome_rows;

  // ---- Helpers ----
  const RuleFile& file(std::string_view type) const;  // the rule file of a required type
  const std::vector<Hit>& hits_of(std::string_view type);
  const Rule& rule_of(std::string_view type, const Hit& h) const;  // a pattern file's rule
  // The id of the rule behind a hit, of a pattern file or a word-rule file.
  const std::string& rule_id(std::string_view type, const Hit& h) const;
  // A file's [document] within setting, else `dflt`.
  std::size_t window(std::string_view type, std::size_t dflt) const;
  void add(std::string_view type, std::string value, std::size_t s, std::size_t e, std::string_view rule, std::string detail = {});
  // A tag into `extra`, with its case.
  void add_extra(std::string_view type, std::string value, std::size_t s, std::size_t e, std::string_view rule, std::string detail,
                 int case_index);
  // The start of the line holding p; the end of the line at or after p.
  std::size_t line_start(std::size_t p) const;
  std::size_t line_end(std::size_t p) const;
  // The end of a heading's first line (the heading's end at most).
  std::size_t heading_end(const FoldedBlock& b) const;
  // The index of the case holding `pos`, or -1 (cases in text order, disjoint).
  int case_at(std::size_t pos) const;
  // tags[first, last): those starting in [a, b) (tags sorted by start).
  std::pair<std::size_t, std::size_t> range(std::size_t a, std::size_t b) const;
  // The last heading starting before pos, or null.
  const FoldedBlock* heading_before(std::size_t pos) const;
  // Whether the block holding pos is a table row.
  bool in_table_row(std::size_t pos) const;
};

}  // namespace omb::interp
