// extract/references.h — section references (context.h): a zaaknummer hit
// with role "reference" outside every case ("2.1 Communicatie … zie
// zaaknummer 406") gives the themes tagged in the heading of the section it
// stands in to the cases with that zaaknummer, and a tag
// "theme.section-reference" on the reference per theme and case (in
// ctx.extra).
#pragma once

#include "extract/context.h"

namespace omb::interp {

// Reads the cases and the tags sorted by start (run_cases).
void run_references(Context& ctx);

}  // namespace omb::interp
