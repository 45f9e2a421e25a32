// extract/word_rules.h — rules over words: word classes, sequences with gaps,
// bags within a window, and guards for negation and context.
//
// A word-rule file is a TOML file of dictionaries/extract/ with
// `engine = "words"` and `type = "<tag type>"`. It holds
//   [class]      named word classes, each a table of
//                  words   = folded words; `*` at either end is a wildcard
//                            for any letters, or none
//                            ("terugbel*", "*brief", "*communicatie*")
//                  stems   = words whose Snowball Dutch stem (text/stem.h)
//                            a word must share ("afspraak" also takes
//                            "afspraken"; "onduidelijk" takes "onduidelijke")
//                  classes = other classes, joined in
//   [defaults]   guards every rule has unless it sets its own (below)
//   [[rule]]     id, value, match (the pattern), and optionally
//                  order     = "any": the pattern's words in any order,
//                              all within `window` words (default 6)
//                  unless_near        = classes that cancel the match when
//                              one stands within `near` words (default 3)
//                              on either side in the same clause (Dutch
//                              puts "niet" before or after the verb)
//                  unless_in_sentence = classes that cancel it anywhere in
//                              the sentence ("tevreden")
//                  if_in_sentence     = classes of which one must stand
//                              somewhere in the sentence (the match included)
//                  if_next_sentence   = classes of which each must stand
//                              in the next sentence of the same block ("...
//                              zou terugbellen. Dat gebeurde niet.": neg and
//                              a word of happening)
//                  if_in_section      = classes of which one must stand in
//                              the heading of the match's section (the
//                              last heading block before it) or, in a list
//                              item or a numbered paragraph, in the
//                              paragraph ending in ":" that
//                              leads in its list ("Wat wij verbeteren",
//                              "De commissie doet deze aanbevelingen:");
//                              each example then starts with such a
//                              heading and a line break
//                  quoted    = true: only in a sentence that holds a
//                              quotation mark (a remark quoted: "zei dat
//                              hij 'niet zo moest zeuren'")
//                  questions = true to match in a sentence ending in "?",
//                              and in a condition (below) (default false: a
//                              question or a supposition is not a complaint)
//                  blocks    = only in blocks of these kinds (heading,
//                              list_item, table_row, paragraph; numbered:
//                              a paragraph that opens with an enumerator,
//                              "1. ", "b) ", an item of a numbered list)
//                  suppress  = true: a match is no hit, and cancels the hits
//                              of the rule's value it overlaps ("verzoeker
//                              heeft niet gereageerd": the citizen, not the
//                              organisation, gave no answer); with
//                              value = "*" it cancels the hits of every
//                              value ("Over de bejegening kwam geen klacht")
//                  also      = more values the same match gives, where
//                              the project's conventions give a passage two
//                              ("tegenstrijdige antwoorden": communicatie,
//                              also informatievoorziening); not with suppress.
//                              Each value's copy is resolved on its own: a
//                              suppressor of one value leaves the other
//                              (only value = "*" cancels both)
//                  priority, note, examples, counter_examples
//   [scope]      clause_ends = words that end a clause for unless_near
//                ("maar", "echter"); , ; : ( ) always end one.
//                not_after = words after which a clause end word ends
//                none: "dan maar" is a particle, not "but"
//                if_starts = words that open a condition ("als", "mocht"): in
//                a sentence that opens with one, the words before the first
//                clause end state no fact, and match nothing ("Als de
//                gemeente niet reageert, ..."); the main clause does
//                ("Wie belt, komt niet verder dan een bandje")
//                if_thens = words that open advice after a condition ("kunt",
//                "neem"): then the whole sentence matches nothing ("Mocht de
//                informatie onjuist zijn, neem dan contact op")
//                relatives = relative pronouns ("die"): a sentence whose
//                first clause holds one among its first four words, and
//                whose next clause opens with an if_then word, is advice
//                too and matches nothing ("Inwoners die niet tevreden zijn
//                over de klachtbehandeling, kunnen terecht bij ..."),
//                unless that clause holds one of advice_nots ("niet",
//                "niemand": "..., kunnen vaak niemand bereiken" is a fact)
//                own_subjects, own_doings, own_musts = the citizen's words
//                ("klager", "hij"), "zelf", and the words that make it a
//                burden or an effort ("moest", "belde"): with own_doings
//                within 3 words after own_subjects, and no own_musts within
//                3 words of it, the sentence from that clause on matches
//                nothing ("Klager heeft zelf zijn nummer niet doorgegeven";
//                not "Klager moest zelf uitzoeken welke stukken nodig waren")
//                particles = separable particles ("in", "terug", "op"): a
//                verb after a particle and "te" ("om het dossier in te
//                zien", "beloofde terug te bellen") is also a word of the
//                classes of the two written as one ("inzien", "terugbellen")
//                conjunctions = words that join two parts ("en", "of"): an
//                unless_near guard after a match looks no further than one
//                ("was onheus en niet in overeenstemming met ...": the "niet"
//                is the next part's)
//                abbreviations = words a full stop shortens ("mw", "dhr",
//                "nr"): the stop after one ends no sentence, so "Mw. is
//                nooit teruggebeld" is not a sentence opening with "is"
// A pattern is words separated by spaces:
//   @name        a word of class `name`
//   word         a folded word, wildcards as in `words`
//   ~word        a word with the stem of `word`
//   (a|~b|@c)    any of these
//   x?           x may be left out
//   ..N          up to N words of anything (0 < N <= 12)
// Matches never cross a sentence end (. ! ? after a word, or a line break);
// a sequence also stays inside one clause (, ; : ( ) and [scope] clause_ends
// end one), while order = "any" spans the sentence.
// A hit spans its first to its last matched word. Words inside the match
// never cancel it: "@neg ..3 @terugbellen" is cancelled only by a further
// class of its guards outside.
//
// load() validates everything and checks every example (it must give the
// rule's value by that rule) and counter-example (that rule must not fire on
// it); a fault is an Error naming the file, the line and the cause. A
// loaded WordRules is immutable and shared by threads; each thread keeps a
// cache of the classes of the words it has seen.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "extract/rules.h"

namespace omb {

struct Folded;

struct WordRule {
  std::string id;     // full id: type.id
  std::string value;  // the tag's value
  std::vector<std::string> also;  // more values the same match gives (`also`)
  bool suppress = false;          // a match cancels hits (`suppress`), and is no hit
  int priority = 0;
  int line = 0;
};

class WordRules {
 public:
  static Result<std::unique_ptr<WordRules>> load(const std::string& path);
  ~WordRules();

  // True when the TOML file at `path` says `engine = "words"` (a cheap
  // look at its text; load() does the real checking).
  static bool is_word_rule_file(const std::string& path);

  const std::string& type() const { return type_; }
  const std::string& path() const { return path_; }
  const std::vector<WordRule>& rules() const;

  // All hits in `blocks` of `text` (folded as `folded`): Hit::rule indexes
  // rules(). Per value, a hit overlapping a kept one of higher priority,
  // greater length or earlier start is dropped. In text order.
  std::vector<Hit> match(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks) const;
  // The same before overlaps are resolved: every match, suppressing ones
  // too, in text order per block. A caller that drops some (the themes
  // inside a unit's name) resolves the rest with resolve(): a match it
  // drops can then no longer beat a right one.
  std::vector<Hit> match_unresolved(std::string_view text, const Folded& folded,
                                    const std::vector<FoldedBlock>& blocks) const;
  // Resolves `hits` of match_unresolved() as match() does; in text order.
  void resolve(std::vector<Hit>& hits) const;
  // The same over one paragraph of text (examples, tests).
  std::vector<Hit> match(std::string_view text) const;

  struct Impl;  // the compiled rules (word_rules_impl.h, internal to extract/)

 private:
  WordRules();
  std::vector<Hit> match_blocks(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks,
                                bool resolve) const;
  std::string path_, type_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace omb
