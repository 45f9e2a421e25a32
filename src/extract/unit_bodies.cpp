// extract/unit_bodies.cpp — the steps of run_units (units.h) about whole
// bodies: the organisations a report is about, a unit named with its
// organisation, and the publisher's own name (unit_bodies.h).
#include "extract/unit_bodies.h"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extract/organisation.h"
#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

namespace {

// Whether `whole` is `publisher` with its first words as initials: "isd
// heiderand" for "intergemeentelijke sociale dienst heiderand" (both
// fold_key()s).
bool initials_of(std::string_view whole, std::string_view publisher) {
  const std::size_t sp = whole.find(' ');
  if (sp == std::string_view::npos || sp < 2) return false;
  const std::string_view acronym = whole.substr(0, sp), rest = whole.substr(sp);
  if (publisher.size() <= rest.size() || !publisher.ends_with(rest)) return false;
  std::string initials;
  const std::string_view head = publisher.substr(0, publisher.size() - rest.size());
  for (std::size_t i = 0; i < head.size(); ++i)
    if (head[i] != ' ' && (i == 0 || head[i - 1] == ' ')) initials += head[i];
  return initials == acronym;
}

}  // namespace

std::unordered_set<std::string> joint_body_owners(Context& ctx) {
  std::unordered_set<std::string> owners;
  if (watchdog_publisher(ctx)) return owners;
  for (const Hit& h : ctx.hits_of("afdeling")) {
    // Only where the report presents itself, under its letterhead: further
    // on, "in samenwerking met de gemeenten A en B" names bodies it writes about.
    if (h.start >= kOwnersWithin || ctx.rule_of("afdeling", h).role != "owners") continue;
    // Names of municipalities hold no "en": every comma and "en" ends one;
    // a water board's name runs to the end ("Waterschap Rijn en IJssel").
    std::string list = collapse_space(ctx.text.substr(h.start, h.end - h.start));
    std::string board;
    std::size_t w = std::string::npos;
    for (const char* spelling : {"Waterschap", "waterschap", "WATERSCHAP"}) w = std::min(w, list.find(spelling));
    if (w != std::string::npos) {
      board = list.substr(w);
      list.erase(w);
    }
    for (std::size_t p; (p = list.find(" en ")) != std::string::npos;) list.replace(p, 4, ", ");
    for (std::size_t b = 0; b < list.size();) {
      std::size_t e = std::min(list.find(", ", b), list.size());
      std::string_view item = std::string_view(list).substr(b, e - b);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty() && fold_key(item) != "en") owners.insert(fold_key(item));
      b = e + 2;
    }
    if (!board.empty()) owners.insert(fold_key(board));
  }
  return owners;
}

// The organisations a report is about: organisation.toml's mentions that
// are no issuer's, as units at level organisation (at level afdeling when
// named after a unit and a comma: a part of it), named without a word of
// [organisation] drop. Not the publisher (nor its name's initials: "ISD
// Heiderand"), nor a body its name holds.
void organisation_units(Context& ctx, const UnitNames& un) {
  const std::string publisher = fold_key(ctx.out.facts.organisation);
  const std::vector<std::string> drop = ctx.file("afdeling").strings("organisation.drop");
  const std::unordered_set<std::string> owners = joint_body_owners(ctx);
  Coverage have;
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling") have.add(t.start, t.end);
  for (const Hit& h : ctx.hits_of("organisation")) {
    if (ctx.rule_of("organisation", h).role == "issuer") continue;
    // A table's header across a column gap ("Gemeente ⟨gap⟩ Ontvangen"): no name.
    if (auto g = std::upper_bound(ctx.gaps.begin(), ctx.gaps.end(), h.start); g != ctx.gaps.end() && *g < h.end) continue;
    std::string_view name = ctx.text.substr(h.start, h.end - h.start);
    std::size_t sp = name.find(' ');
    if (sp != std::string_view::npos &&
        std::find(drop.begin(), drop.end(), fold_key(name.substr(0, sp))) != drop.end())
      name.remove_prefix(sp + 1);
    // The publisher's own mention ("Gemeente Brakelveen" in its own report),
    // or a body the publisher's name holds; "gemeente Veenmarke" in the
    // Gemeentelijke Ombudsman Veenmarke's report is neither.
    const std::string whole = fold_key(ctx.text.substr(h.start, h.end - h.start));
    if (name.empty() || publisher.find(whole) != std::string::npos || initials_of(whole, publisher) ||
        have.overlaps(h.start, h.end) || owners.count(fold_key(name)) || owners.count(whole))
      continue;
    const std::size_t s = static_cast<std::size_t>(name.data() - ctx.text.data());
    have.add(h.start, h.end);
    // Named after a unit and a comma, as an address names the parts of a
    // body from the top down ("Dienst Werk en Inkomen, Werkplein
    // Nieuw-West"): a part of that unit, at level afdeling. After another
    // organisation it is the next of a list ("Woonstichting Heidezoom,
    // Wooncorporatie Sterrenkamp en ...").
    const bool part = s >= 2 && ctx.text.compare(s - 2, 2, ", ") == 0 &&
                      std::any_of(ctx.tags.begin(), ctx.tags.end(),
                                  [&](const Tag& t) {
                                    return t.type == "afdeling" && t.end + 2 == s &&
                                           t.detail.find(kOrganisationLevel) == std::string::npos;  // not a list of bodies
                                  });
    ctx.add("afdeling", collapse_space(name), s, s + name.size(), "afdeling.organisation",
            un.unit_detail(part ? "" : "organisation"));
  }
}

// A unit named with the organisation it belongs to ("de afdeling
// Publiekszaken van Keerdonk"): the unit is "Publiekszaken", once the
// organisation is a unit of its own.
void cut_organisation_tails(Context& ctx) {
  std::unordered_set<std::string> organisations;
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling" && t.detail.find(kOrganisationLevel) != std::string::npos) organisations.insert(fold_key(t.value));
  if (organisations.empty()) return;
  for (Tag& t : ctx.tags) {
    if (t.type != "afdeling" || t.rule != "afdeling.after-unit") continue;
    std::size_t v = t.value.rfind(" van ");
    if (v == std::string::npos || !organisations.count(fold_key(std::string_view(t.value).substr(v + 5)))) continue;
    std::size_t cut = std::string_view(ctx.text).substr(t.start, t.end - t.start).rfind(" van ");
    if (cut == std::string_view::npos) continue;
    t.value.resize(v);
    t.end = t.start + cut;
  }
}

// The publisher's own name is no unit of it: "Intergemeentelijke Sociale
// Dienst Heiderand" above its report gives no dienst "Heiderand".
void drop_units_in_publisher(Context& ctx) {
  const std::string publisher = fold_key(ctx.out.facts.organisation);
  if (publisher.empty()) return;
  std::vector<std::pair<std::size_t, std::size_t>> own;
  for (const Tag& t : ctx.tags)
    if (t.type == "organisation" && fold_key(t.value) == publisher) own.emplace_back(t.start, t.end);
  // A unit the publisher names itself by, after a comma ("Reclasseringszorg
  // Nederland, regio Hanzekwartier"): the publisher, wherever it stands.
  std::string own_part, own_name;  // "regio hanzekwartier", "hanzekwartier"
  if (const std::size_t comma = publisher.find(", "); comma != std::string::npos) {
    own_part = publisher.substr(comma + 2);
    if (const std::size_t sp = own_part.find(' '); sp != std::string::npos) own_name = own_part.substr(sp + 1);
  }
  auto names_own = [&](const std::string& v) {
    return (!own_part.empty() && v.starts_with(own_part)) || (!own_name.empty() && (v == own_name || v.starts_with(own_name + " ")));
  };
  std::erase_if(ctx.tags, [&](const Tag& t) {
    if (t.type != "afdeling") return false;
    if (names_own(fold_key(t.value))) return true;
    return std::any_of(own.begin(), own.end(), [&](const auto& o) {
      return o.first <= t.start && t.end <= o.second && (o.first < t.start || t.end < o.second);
    });
  });
}

}  // namespace omb::interp
