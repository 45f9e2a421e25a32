// extract/word_rules_impl.h — internal: the compiled form of a word-rule
// file, shared by its loader (word_rules.cpp) and its matcher
// (word_match.cpp). Not for use outside those two files.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/word_rules.h"

namespace omb::words {

using ClassId = std::uint16_t;

// What makes a word a member of a class, flattened at load (a class that
// includes others holds their words too).
struct ClassDef {
  std::string name;  // "@neg", or the pattern text of an anonymous class
  int line = 0;
  std::vector<std::string> words, stems, prefixes, suffixes, infixes;
  std::vector<std::string> includes;  // names of other classes, before flattening
};

// One item of a pattern: a word of a class (maybe optional), or a gap.
struct Item {
  bool gap = false;
  int max_gap = 0;      // gap: up to this many words
  ClassId cls = 0;      // word
  bool optional = false;
};

struct Guards {
  std::vector<ClassId> unless_near, unless_in_sentence, if_in_sentence, if_next_sentence;
  std::vector<ClassId> if_in_section;  // one must stand in the section's heading or a list's lead-in
  int near = 3;
  bool questions = false;
  bool quoted = false;  // only in a sentence that quotes someone
};

struct CompiledRule {
  WordRule info;
  std::vector<Item> items;  // starts and ends with a required word
  bool any_order = false;
  bool suppress = false;  // its matches cancel overlapping hits of its value, and are not hits
  int window = 6;
  std::vector<PassageKind> blocks;  // only in blocks of these kinds (empty and !numbered: any)
  bool numbered = false;            // `blocks` says "numbered": also paragraphs that open with an enumerator
  Guards guards;
};

// Where a span stands: its block's kind, whether it is a paragraph that
// opens with an enumerator ("1. ", "b) "), and the sorted classes of the
// words of its section's heading and list lead-in (WordRules::match), for
// `if_in_section`.
struct SpanAt {
  PassageKind kind = PassageKind::paragraph;
  bool numbered = false;
  const std::vector<ClassId>* section = nullptr;
  bool resolve = true;  // false: the span's matches as found, suppressing ones too
};

struct Example {
  int line = 0;
  std::size_t rule = 0;
  std::string text;
  bool negative = false;
};

}  // namespace omb::words

namespace omb {

struct WordRules::Impl {
  std::uint64_t serial = 0;  // tells one loaded file's word cache from another's
  std::vector<words::ClassDef> classes;  // ClassId indexes this
  std::vector<words::CompiledRule> rules;
  std::vector<WordRule> infos;  // rules[i].info, for rules()
  std::vector<words::Example> examples;
  int clause_end_class = -1;   // the class of [scope] clause_ends, if any
  int clause_keep_class = -1;  // [scope] not_after: after one of these, a clause end word ends none ("dan maar")
  int if_start_class = -1;     // [scope] if_starts: a sentence opening with one is a condition ("als", "mocht")
  int if_then_class = -1;      // [scope] if_thens: a main clause opening with one is advice ("kunt", "neem")
  int relative_class = -1;     // [scope] relatives: "Inwoners die ..., kunnen ..." is advice too ("die")
  int advice_not_class = -1;   // [scope] advice_nots: "..., kunnen niemand bereiken" states a fact
  int own_subject_class = -1;  // [scope] own_subjects: the citizen ("klager", "verzoeker", "hij")
  int own_doing_class = -1;    // [scope] own_doings: "zelf" right after one: the citizen's own doing
  int own_must_class = -1;     // [scope] own_musts: "moest zelf": a burden, not his doing
  int conjunction_class = -1;  // [scope] conjunctions: a guard after a match stops at one ("onheus en niet ...")
  int particle_class = -1;     // [scope] particles: "in te zien" is also "inzien"
  int abbreviation_class = -1;  // [scope] abbreviations: a full stop after one ends no sentence ("mw.")
  // Membership lookups built from `classes`.
  std::unordered_map<std::string, std::vector<words::ClassId>> by_word, by_stem;
  struct Affix {
    std::string text;
    words::ClassId cls;
    int kind;  // 0 prefix, 1 suffix, 2 infix
  };
  std::vector<Affix> affixes;
  std::vector<std::vector<std::size_t>> rules_by_anchor;  // ClassId -> rules whose first item is that class
  // Rule -> the classes of its required words after the first: a rule can
  // match only in a sentence that holds a word of each (its words stay in
  // one sentence), so the matcher tries it nowhere else.
  std::vector<std::vector<words::ClassId>> needs;
  std::vector<bool> guard_class;  // ClassId -> used in some guard

  void index_classes();
  // Hits of all rules (only rule `only` when it is not -1) in the folded
  // span [fs, fe) of folded.text, with offsets in the text it was folded from.
  // `at` says where the span stands (rules with `blocks` match only there).
  void match_span(const Folded& folded, std::size_t fs, std::size_t fe, const words::SpanAt& at, long only,
                  std::vector<Hit>& out) const;
  // The classes of the words of folded[fs, fe), sorted, each once.
  void classes_in(const Folded& folded, std::size_t fs, std::size_t fe, std::vector<words::ClassId>& out) const;
  bool section_rules = false;  // some rule has `if_in_section`
};

// Per value: higher priority, then longer, then earlier wins; the rest that
// overlap a winner are dropped, and so are the hits a suppressing match of
// their value, or of value "*", overlaps (word_overlaps.cpp).
void resolve_word_overlaps(const WordRules::Impl& impl, std::vector<Hit>& hits, bool keep_suppressors);

}  // namespace omb
