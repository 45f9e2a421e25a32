// extract/unit_mentions.h — internal to units.h: the other mentions of the
// units a report names, the last step of run_units.
#pragma once

#include <string>

#include "extract/context.h"
#include "extract/units.h"

namespace omb::interp {

// The unit of a tag's detail ({"unit":"team",...}), or "".
std::string unit_in(const std::string& detail);

// Names found from how the report names them (after a unit word, in a list,
// a table, as an organisation) are this report's units: tags for their
// other mentions (rule "afdeling.named-in-report"), and an organisation's
// short form; not where a name is a residence, an address or a portfolio.
void named_in_report(Context& ctx, const UnitNames& un);

}  // namespace omb::interp
