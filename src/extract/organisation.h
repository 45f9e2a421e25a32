// extract/organisation.h — the organisation (context.h): every organisation
// hit tagged (tidy_org() of its value), and the report's organisation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "extract/context.h"

namespace omb::interp {

// The hit that names the report's organisation: an issuer (role "issuer")
// starting in the first `window` bytes, else another organisation there,
// else an issuer anywhere, else any organisation; the first of each; null
// without hits. `issuer[i]` says whether hits[i] is an issuer.
const Hit* pick_organisation(const std::vector<Hit>& hits, const std::vector<bool>& issuer, std::size_t window);

// The hit that is a letterhead: it opens, or stands almost alone on (60 %
// of the letters and digits), one of the first `lines` lines of `text` that
// hold anything, and that line does not end as a sentence does
// ("VEILIGHEIDSREGIO LINDEVALLEI", "Belastingsamenwerking Oeverland", joined
// with the line under it). The body that puts its name at the head of a
// report publishes it, whatever else the report names; null if none does.
const Hit* letterhead(std::string_view text, const std::vector<Hit>& hits, int lines);
// The name of a watchdog that publishes under the letterhead `head` of its
// body (not an issuer): an issuer in `issuers` that starts before
// `title_end` and holds the body's name ("Jaarverslag van de
// Ombudsfunctionaris Studenten Universiteit Eldermaas" under "UNIVERSITEIT
// ELDERMAAS"), else the line under the letterhead when it is a [publisher]
// watchdog word with at most two more ("Klachtencommissie" under "PROVINCIE
// ZUIDERMARKEN": "Klachtencommissie Provincie Zuidermarken"); "" if none.
std::string watchdog_under(const Context& ctx, const Hit& head, const std::vector<Hit>& issuers, std::size_t title_end);

// The organisation's tags, and facts.organisation: the letterhead's body
// (or a watchdog under it, watchdog_under()), else pick_organisation().
void run_organisation(Context& ctx);

// Whether the report's organisation (facts.organisation) is a watchdog: a
// word of its name is one of organisation.toml's [publisher] watchdogs (an
// ombudsman, a committee, a rekenkamer). Such a report writes about the
// bodies it looks at; another body's report about itself.
bool watchdog_publisher(const Context& ctx);

}  // namespace omb::interp
