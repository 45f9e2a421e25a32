// extract/oordelen.h — oordeel tags (context.h): the labels of outcome
// tables (rule "oordeel.table", with the row's counts), then every oordeel
// hit that is not on such a label.
#pragma once

#include <string>

#include "extract/context.h"

namespace omb::interp {

// The oordeel an outcome table's row label names: [table] labels.<folded
// label>, else the entry whose value folds to the label; "" if none.
std::string outcome_value(const RuleFile& oordeel, const std::string& label);

// Reads ctx.outcome_rows (units).
void run_oordelen(Context& ctx);

}  // namespace omb::interp
