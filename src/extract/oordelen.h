// extract/oordelen.h — oordeel tags (context.h): the labels of outcome
// tables (rule "oordeel.table", with the row's counts), then every oordeel
// hit that is not on such a label and is not a statistic.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/context.h"

namespace omb::interp {

// The oordeel an outcome table's row label names: [table] labels.<folded
// label>, else the entry whose value folds to the label; "" if none.
std::string outcome_value(const RuleFile& oordeel, const std::string& label);

// A verdict word that counts is a statistic, not a verdict: followed by a
// number ("gegrond: 2", "Klacht gegrond   4") or standing beside another
// verdict word with only separators between (a column header "gegrond
// ongegrond overig"), or after a count ("8 maal gegrond", "een derde (28)
// gegrond", a number after a word in brackets). Outcome tables
// give such counts (rule oordeel.table).
// hits[i] is tested against the other hits of its text.
bool statistic(std::string_view text, const std::vector<Hit>& hits, std::size_t i);

// [other_body] of oordeel.toml.
struct OtherBody {
  std::vector<std::string> bodies, own;
  std::vector<std::pair<std::string, std::vector<std::string>>> organs;  // publisher word -> its organs
  std::vector<std::string> objections, complaints;  // "bezwaar", "beroep"; "klacht", "verzoek"
};

// A decision on an objection or an appeal, not on a complaint: going back
// from `at` through its sentence, an `objections` word ("zijn bezwaar in
// oktober gegrond verklaard"; "bezwa*" is every word that starts so: "De
// bezwaarschriftencommissie verklaarde één van die bezwaren gegrond")
// stands there, not inside a phrase after a preposition, and no
// `complaints` word does ("de klacht over de afhandeling van het bezwaar is
// gegrond", "de klacht dat het bezwaar zoekraakte is gegrond": the
// complaint's verdict).
bool objection_decided(std::string_view text, std::size_t at, const OtherBody& other);

// "Sentence" here: back to a full stop, a line end or a semicolon (a clause
// of its own subject), at most 300 bytes.
//
// Whether the sentence up to `at` names one of `organs` ("college van
// bestuur", "raad van bestuur": words in lower case, one space between):
// the publisher's own board, in the report of a body that is no watchdog.
bool organ_named(std::string_view text, std::size_t at, const std::vector<std::string>& organs);

// A verdict another body gave: the sentence up to `at` names one of
// `bodies` that is neither in the publisher's name nor one of its organs,
// nor the body complained about ("over de gemeente") or named in what the
// complaint says ("de klacht dat de gemeente ..."), and none of `own`
// (the publisher speaking: ombudsman, commissie, ik, wij). "De gemeente
// verklaarde de klacht ongegrond" in an ombudsman's report is the first
// line's verdict, not the report's; in the gemeente's own report it is.
// `mine`: the publisher's words and organs (publishers_words), read once per
// document, as run_oordelen asks for every hit.
bool another_bodys(std::string_view text, std::size_t at, const OtherBody& other, const std::vector<std::string>& mine);

// A verdict an organisation the report is about gave ("Polderlijn heeft de
// klacht gegrond verklaard", "een brief waarin het CBIS de klacht ongegrond
// verklaarde"): one of `organisations` (the starts of unit tags at level
// organisation, sorted) stands in the verdict's clause before `at` (from the
// sentence's last comma), not as the body complained about (after a
// `complaints` word with "over", "tegen" or "dat", or "over" up to three
// words before it: "De klacht over de gemeente X is gegrond"), and none of
// `own` does.
bool named_organisation_gave(std::string_view text, std::size_t at, const std::vector<std::size_t>& organisations,
                             const OtherBody& other);

// [other_body] of an oordeel file; organ_of entries read "word=organ,organ".
OtherBody other_body_of(const RuleFile& oordeel);
// Each of `kinds` ("word=part": a word that names a kind of judging body,
// "commissie=commissie", "ombudsman=ombuds") joins other.own where the
// publisher's name, folded, holds the part ("Regionale Klachtencommissie X"
// holds "commissie") or no publisher is known, else other.bodies.
void own_or_other_bodies(OtherBody& other, const std::string& publisher, const std::vector<std::string>& kinds);
// The words of the publisher's name and the organs they bring.
std::vector<std::string> publishers_words(const OtherBody& other, const std::string& publisher);

// Reads ctx.outcome_rows and the unit tags (units) and facts.organisation.
// Statistics and another body's verdicts ([other_body] in oordeel.toml)
// give no tag; in the report of a publisher named with a word of
// [other_body] no_verdicts (a rekenkamer), only outcome tables do.
void run_oordelen(Context& ctx);

}  // namespace omb::interp
