// extract/oordelen.h — oordeel tags (context.h): the labels of outcome
// tables (rule "oordeel.table", with the row's counts), then every oordeel
// hit that is not on such a label and is not a statistic.
#pragma once

#include <string>

#include "extract/context.h"

namespace omb::interp {

// The oordeel an outcome table's row label names: [table] labels.<folded
// label>, else the entry whose value folds to the label; "" if none.
std::string outcome_value(const RuleFile& oordeel, const std::string& label);

// A verdict word that counts is a statistic, not a verdict: followed by a
// number ("gegrond: 2", "Klacht gegrond   4") or standing beside another
// verdict word with only separators between (a column header "gegrond
// ongegrond overig"). Outcome tables give such counts (rule oordeel.table).
// hits[i] is tested against the other hits of its text.
bool statistic(std::string_view text, const std::vector<Hit>& hits, std::size_t i);

// Reads ctx.outcome_rows (units). Statistics give no tag.
void run_oordelen(Context& ctx);

}  // namespace omb::interp
