// extract/themes.h — theme tags (context.h): every theme hit, except those
// inside the name of an afdeling or organisation found before ("Team
// Communicatie" is a department, not the theme communicatie).
#pragma once

#include "extract/context.h"

namespace omb::interp {

// Reads the afdeling and organisation tags (units, organisation run first).
void run_themes(Context& ctx);

}  // namespace omb::interp
