// extract/zaaknummers.h — the plain tags (context.h): every hit of the
// zaaknummer file and of every type without an interpreter of its own
// (vereiste, status, and any other rule file), tagged as it is.
#pragma once

#include <string_view>

#include "extract/context.h"

namespace omb::interp {

// Whether hits of `type` become tags as they are (not doctype, organisation,
// date, period, afdeling, theme or oordeel, which have interpreters).
bool is_plain_type(std::string_view type);

// In the order of the rule files.
void run_zaaknummers(Context& ctx);

}  // namespace omb::interp
