#include "extract/oordelen.h"

#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

std::string outcome_value(const RuleFile& oordeel, const std::string& label) {
  std::string k = fold_key(label), value;
  if (auto s = oordeel.setting("table.labels." + k)) value = *s;
  for (const Rule& r : oordeel.rules())
    if (value.empty() && !r.entry.empty() && fold_key(r.entry) == k) value = r.entry;
  return value;
}

void run_oordelen(Context& ctx) {
  const RuleFile& oo = ctx.file("oordeel");
  Coverage table_labels;  // oordeel rows, to drop plain hits there
  for (const OutcomeRow& row : ctx.outcome_rows) {
    std::string value = outcome_value(oo, row.label);
    if (value.empty()) continue;
    ctx.add("oordeel", value, row.start, row.end, "oordeel.table", row.counts);
    table_labels.add(row.start, row.end);
  }
  for (const Hit& h : ctx.hits_of("oordeel")) {
    if (table_labels.overlaps(h.start, h.end)) continue;
    ctx.add("oordeel", h.value, h.start, h.end, ctx.rule_of("oordeel", h).id);
  }
}

}  // namespace omb::interp
