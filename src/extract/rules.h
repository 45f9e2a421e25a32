// extract/rules.h — rule files: load, validate, match.
//
// A RuleFile is one TOML file of dictionaries/extract/, one per tag type
// (`type = "theme"`). It holds
//   [[entry]]  a canonical value with the phrases that name it (folded,
//              matched on word boundaries; `*` at a word's end matches any
//              ending: `klacht*`), optional regex `patterns`, `exclude`
//              phrases that cancel an overlapping match of this entry, and
//              `examples` / `counter_examples` (texts that must / must not
//              yield this value);
//   [[rule]]   one pattern with an id: `pattern` (RE2 syntax, matched on
//              folded text unless `on = "text"`; `^`/`$` are line ends),
//              `value` (a constant, "$1" for a capture taken from the
//              original text, or a template "{year}-Q{quarter|quarters}" of
//              named groups, looked up in a settings table, "{day|02}"
//              zero-padded), `role` (what the interpreter does with it:
//              case, reference, report, unit, list, ...), `span` (0: the
//              whole match is the tag, n: capture n), `within` (only in the
//              first N bytes), `blocks` (only in blocks of these kinds),
//              `reject` (drop when the value matches this), `priority`,
//              `examples` ("text => value") and `counter_examples`;
//   other tables (settings for the interpreter of that type), kept as TOML.
// Rule ids are "<type>.<id>" for rules and "<type>.<value>/<phrase>" for
// entry phrases, so every tag says what fired.
//
// load() validates everything and checks every example; a fault is an Error
// naming the file, the line and the cause. A loaded RuleFile is immutable
// and safe to share between threads.
//
// match() runs all rules over the text, block by block: one RE2::Set pass
// per block tells which rules can match, then only those run for offsets.
// Overlaps are resolved per type (or per value with `overlap = "value"`):
// higher priority, then longer, then earlier wins. Exclusions and overlaps
// are looked up in sorted spans, so a block with h hits costs O(h log h),
// however dense (a table dump on one line has a hit every few dozen bytes).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/document.h"
#include "base/result.h"

namespace re2 {
class RE2;
}

namespace omb {

struct Folded;

// One match of one rule, in the normalised text.
struct Hit {
  int rule = 0;                    // index into RuleFile::rules()
  std::size_t start = 0, end = 0;  // the tag's span
  std::size_t match_start = 0, match_end = 0;  // the whole match
  std::string value;
  std::vector<std::string> groups;  // captures 1..n, original text ("" if unset)
};

struct Rule {
  std::string id;       // full id: type.id
  std::string value;    // constant, or "$n"
  std::string role;
  std::string entry;    // the entry's value for phrase/entry rules
  bool on_text = false;
  bool suppress = false;   // an exclusion: cancels overlapping hits of `entry`
  bool upper = false;      // value to upper case
  int span = 0;
  int priority = 0;
  std::size_t within = 0;  // 0: anywhere
  std::vector<PassageKind> blocks;
  std::unique_ptr<re2::RE2> re;
  std::unique_ptr<re2::RE2> reject;
  int line = 0;
};

// A block (normalize/normalize.h's Block: heading, paragraph, list item,
// table row) to match in: its span of the normalised text, its kind and,
// where known, the same span in the folded text.
struct FoldedBlock {
  std::size_t start = 0, end = 0;
  PassageKind kind = PassageKind::paragraph;
  // The same span in the folded text, when the caller knows it (else found
  // with Folded::folded()).
  std::size_t fstart = static_cast<std::size_t>(-1), fend = static_cast<std::size_t>(-1);
};

class RuleFile {
 public:
  static Result<std::unique_ptr<RuleFile>> load(const std::string& path);
  ~RuleFile();

  const std::string& type() const { return type_; }
  const std::string& path() const { return path_; }
  const std::vector<Rule>& rules() const { return rules_; }

  // Settings of the interpreter (other tables/keys), read at load time.
  std::vector<std::string> strings(std::string_view key) const;  // an array of strings, or empty
  std::optional<std::string> setting(std::string_view key) const;

  // All hits in `text` (folded as `folded`), restricted to `blocks`, after
  // exclusions and overlap resolution, in text order.
  std::vector<Hit> match(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks) const;

  // The hits in one block of the rules in `candidates` (indices into
  // rules(), ascending), which a prefilter says can match there. Appends
  // to `out`. For callers that prefilter many files at once (RuleSets).
  void match_block(std::string_view text, const Folded& folded, const FoldedBlock& block, std::vector<int> candidates,
                   std::vector<Hit>& out) const;

 private:
  RuleFile();  // defined in rules.cpp, where Sets is complete
  Status compile_set();
  Status check_examples();
  std::string expand(const Rule& r, const std::vector<std::string>& groups) const;
  std::vector<Hit> match_one(std::string_view text, const Folded& folded, const FoldedBlock& block, std::vector<int> rules) const;
  // match_one's steps: every match of `rules` with its value, then the
  // exclusions applied, then the overlaps resolved.
  std::vector<Hit> find_hits(std::string_view text, const Folded& folded, const FoldedBlock& block, const std::vector<int>& rules) const;
  std::string hit_value(const Rule& r, const Hit& h, int ng, std::string_view text) const;
  std::vector<Hit> drop_excluded(std::vector<Hit> hits) const;
  std::vector<Hit> resolve_overlaps(std::vector<Hit> kept) const;
  struct Loader;  // load()'s reading of the TOML document (rules_load.cpp)

  std::string path_, type_;
  bool overlap_by_value_ = false;
  std::vector<Rule> rules_;
  struct Example { int line; std::string text, value, entry_or_rule; bool negative; };
  std::vector<Example> examples_;
  std::vector<std::pair<std::string, std::vector<std::string>>> arrays_;
  std::vector<std::pair<std::string, std::string>> settings_;
  struct Sets;
  std::unique_ptr<Sets> sets_;
};

// One prefilter over the rules of many files: two RE2::Set passes (folded
// text, original text) per block instead of two per file.
class RuleSets {
 public:
  static Result<RuleSets> build(const std::vector<const RuleFile*>& files);
  // hits[i] are the hits of files[i], in text order.
  std::vector<std::vector<Hit>> match(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks) const;
  RuleSets(RuleSets&&) noexcept;
  RuleSets& operator=(RuleSets&&) noexcept;
  ~RuleSets();

 private:
  RuleSets();
  // The candidates of the sets asked (`ask`: folded, text) in one piece of a
  // block, matched by their files into out.
  void match_piece(std::string_view text, const Folded& folded, const FoldedBlock& piece, const bool ask[2],
                   std::vector<std::vector<int>>& cand, std::vector<int>& idx, std::vector<std::vector<Hit>>& out) const;
  std::vector<const RuleFile*> files_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Work done by match() on this thread, counted for the tests that check it
// grows linearly with the text however dense the hits (#15): RE2 calls for
// offsets, and hits checked against exclusions and kept hits (each check is
// one O(log n) lookup). Only ever added to; read a difference.
struct MatchWork {
  std::size_t re2_calls = 0;
  std::size_t hit_checks = 0;
};
MatchWork& match_work();

// Folds a phrase and turns it into a pattern: words on word boundaries,
// any run of spaces as \s+, `*` at a word's end as \w*.
std::string phrase_pattern(std::string_view phrase);

}  // namespace omb
