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

namespace {

// Between the words of a count or a header: spaces, a colon, a bar, a dash.
std::size_t skip_separators(std::string_view t, std::size_t i) {
  while (i < t.size()) {
    if (t[i] == ' ' || t[i] == '\t' || t[i] == ':' || t[i] == '|' || t[i] == '-') ++i;
    else if (t.compare(i, 3, "\xE2\x80\x93") == 0) i += 3;  // an en dash
    else break;
  }
  return i;
}

}  // namespace

bool statistic(std::string_view text, const std::vector<Hit>& hits, std::size_t i) {
  const Hit& h = hits[i];
  std::size_t after = skip_separators(text, h.end);
  if (after < text.size() && text[after] >= '0' && text[after] <= '9') return true;
  // Hits come in text order: the header's other words are the neighbours.
  if (i + 1 < hits.size() && after > h.end && hits[i + 1].start == after) return true;
  if (i > 0 && hits[i - 1].end < h.start && skip_separators(text, hits[i - 1].end) == h.start) return true;
  return false;
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
  const std::vector<Hit>& hits = ctx.hits_of("oordeel");
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    if (table_labels.overlaps(h.start, h.end) || statistic(ctx.text, hits, i)) continue;
    ctx.add("oordeel", h.value, h.start, h.end, ctx.rule_of("oordeel", h).id);
  }
}

}  // namespace omb::interp
