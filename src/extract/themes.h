// extract/themes.h — theme tags (context.h): every theme hit, except those
// that start or end inside the name of an afdeling or organisation found
// before ("Team Communicatie" is a department, not the theme communicatie).
// A name wholly inside a hit is who acted: "Laat het sociaal loket e-mails
// binnen vijf werkdagen beantwoorden" stays communicatie. The theme file's
// matches come unresolved (WordRules::match_unresolved); those inside a
// name go first, then the overlaps are resolved (WordRules::resolve), so a
// match inside a name cannot beat a right one; word_file_hits() says which
// file comes unresolved, for the extractor and the tests alike.
#pragma once

#include <string_view>
#include <vector>

#include "extract/context.h"
#include "extract/word_rules.h"

namespace omb::interp {

// Reads the afdeling and organisation tags (units, organisation run first).
void run_themes(Context& ctx);

// The hits of word-rule file `w` as the interpreters take them: the theme
// file's unresolved (run_themes resolves them), every other file's resolved.
std::vector<Hit> word_file_hits(const WordRules& w, std::string_view text, const Folded& folded,
                                const std::vector<FoldedBlock>& blocks);

}  // namespace omb::interp
