// extract/themes.h — theme tags (context.h): every theme hit, except those
// that start or end inside the name of an afdeling or organisation found
// before ("Team Communicatie" is a department, not the theme communicatie).
// A name wholly inside a hit is who acted: "Laat het sociaal loket e-mails
// binnen vijf werkdagen beantwoorden" stays communicatie. The theme file's
// matches come unresolved (WordRules::match_unresolved); those inside a
// name go first, then the overlaps are resolved (WordRules::resolve), so a
// match inside a name cannot beat a right one.
#pragma once

#include "extract/context.h"

namespace omb::interp {

// Reads the afdeling and organisation tags (units, organisation run first).
void run_themes(Context& ctx);

}  // namespace omb::interp
