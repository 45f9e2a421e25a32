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

void run_organisation(Context& ctx);

}  // namespace omb::interp
