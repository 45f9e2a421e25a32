// extract/unit_bodies.h — internal to units.h: the steps of run_units about
// whole bodies, in the order run_units calls them.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include "extract/context.h"
#include "extract/units.h"

namespace omb::interp {

// A unit tag's detail at level organisation holds this.
inline constexpr std::string_view kOrganisationLevel = "\"level\":\"organisation\"";

// The organisations a report is about: organisation.toml's mentions that
// are no issuer's, as units at level organisation (not the publisher, nor
// its name's initials, nor a body its name holds); one named after a unit
// and a comma ("Dienst Werk en Inkomen, Werkplein Nieuw-West") is a part of
// that unit, at level afdeling.
void organisation_units(Context& ctx, const UnitNames& un);
// The owners of a joint body that publishes its own report (afdeling rule
// role "owners": "gemeenschappelijke regeling van de gemeenten A, B en
// C", in the first kOwnersWithin bytes, where the report presents itself),
// folded: no units of it. Empty in a watchdog's report.
inline constexpr std::size_t kOwnersWithin = 1000;
std::unordered_set<std::string> joint_body_owners(Context& ctx);
// "de afdeling Publiekszaken van Keerdonk": the unit is "Publiekszaken",
// once Keerdonk is a unit of its own.
void cut_organisation_tails(Context& ctx);
// No unit inside the publisher's own name ("Sociale Dienst Heiderand"), nor
// the part it names itself by after a comma ("..., regio Hanzekwartier").
void drop_units_in_publisher(Context& ctx);

}  // namespace omb::interp
