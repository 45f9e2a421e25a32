// output/eval_out.h — `ombudsmine eval` for people and for scripts.
//
//  - table: per type the gold entries, the findings, the right ones,
//    precision, recall and F1; the micro score over units, themes, oordelen
//    and zaaknummers; the document facts right per field; then every miss and
//    false tag as file:line, type, value (a unit with its level) and, for a
//    false tag, the rule that made it; then every wrong fact.
//  - json: one object: {"documents", "types": {type: {gold, found, right,
//    precision, recall, f1}}, "micro": {...}, "facts": {field: {right,
//    documents}}, "mismatches": [{file, line, type, value, level, kind:
//    "miss"|"false", rule}], "fact_mismatches": [{file, field, want, got}],
//    "rules": [{type, rule, found, right, precision}]}.
//  - rules (table, with `rules`): per rule that made a finding, its findings,
//    the right ones, the false ones and its precision, most false first:
//    which rules earn their keep.
// Pure functions of the report: no I/O.
#pragma once

#include <string>

#include "eval/eval.h"

namespace omb {

struct EvalRenderOptions {
  bool json = false;
  bool details = true;  // list the misses, false tags and wrong facts (table)
  bool rules = false;   // the table of rules (table)
};

std::string render_eval(const EvalReport& r, const EvalRenderOptions& o);

}  // namespace omb
