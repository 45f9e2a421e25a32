#include "extract/unit_mentions.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "extract/lower_names.h"
#include "extract/text_util.h"
#include "extract/unit_bodies.h"
#include "text/fold.h"

namespace omb::interp {

std::string unit_in(const std::string& detail) {
  auto q = detail.find("\"unit\":\"");
  if (q == std::string::npos) return "";
  auto z = detail.find('"', q + 8);
  return z == std::string::npos ? "" : detail.substr(q + 8, z - q - 8);
}

namespace {

// A unit named after a part of the town where people live: its value keeps
// the word ("stadsdeel Kleiwijk", afdeling.toml's units.prefix). Not a
// company's or a police district ("Alle adressen in district Noordrand"
// names its route area, the unit).
bool place_unit(std::string_view value) {
  const std::size_t sp = value.find(' ');
  if (sp == std::string_view::npos) return false;
  const std::string first = fold_key(value.substr(0, sp));
  return first == "stadsdeel" || first == "deelgemeente" || first == "wijk";
}

// A place named as where someone lives or as an address, not as a body
// complained about: "woont in Stavelhoek", "te Keerdonk", "6300 AK Keerdonk",
// "een inwoner van Kettelmeer", "een ondernemer uit Brinkdorp", "Postbus
// 2211, Klaverbeek", a letter's "Bremwerve, 21 november 2023"; nor a body
// of its own: "de gemeenteraad van Ossendam", "Provinciale Staten van
// Brederland".
bool residence_or_address(std::string_view text, std::size_t p) {
  std::string_view before = text.substr(p >= 24 ? p - 24 : 0, p >= 24 ? 24 : p);
  for (std::string_view w : {" in ", " te ", "\nin ", "\nte ", " uit ", "inwoner van ", "inwoners van ",
                             "inwoonster van ", "bewoner van ", "bewoners van ", "bewoonster van ", "gemeenteraad van ", "raad van ", "Staten van ", "staten van "})
    if (before.size() >= w.size() && before.substr(before.size() - w.size()) == w) return true;
  // "Postbus 2211, Klaverbeek": a P.O. box's number and a comma just before.
  if (std::size_t c = before.rfind(", "); c != std::string_view::npos && c + 2 == before.size()) {
    std::size_t d = c;
    while (d > 0 && before[d - 1] >= '0' && before[d - 1] <= '9') --d;
    if (d < c && d >= 8 && before.substr(d - 8, 8) == "Postbus ") return true;
  }
  // A letter's place and date at a line's start: "Bremwerve, 21 november
  // 2023", "Ommerzijl, juni 2023".
  std::size_t e = p;
  while (e < text.size() && text[e] != ',' && text[e] != '\n' && e - p < 40) ++e;
  if ((p == 0 || text[p - 1] == '\n') && e + 3 < text.size() && text[e] == ',' && text[e + 1] == ' ') {
    if (text[e + 2] >= '0' && text[e + 2] <= '9') return true;
    std::size_t m = e + 2;
    while (m < text.size() && text[m] >= 'a' && text[m] <= 'z') ++m;
    if (is_month_name(text.substr(e + 2, m - e - 2))) return true;
  }
  // A postcode just before: four digits, a space, two capitals, a space.
  if (before.size() >= 8) {
    std::string_view pc = before.substr(before.size() - 8);
    bool digits = std::all_of(pc.begin(), pc.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (digits && pc[4] == ' ' && std::isupper(static_cast<unsigned char>(pc[5])) &&
        std::isupper(static_cast<unsigned char>(pc[6])) && pc[7] == ' ')
      return true;
  }
  return false;
}

// A portfolio, not a unit: the name follows "wethouder", "gedeputeerde" or
// "portefeuille(houder)" on its line (at most 120 bytes before it), with
// only names, "en", commas and a colon between ("Portefeuillehouder : wethouder Dienstverlening en
// Financiën").
bool portfolio(std::string_view text, std::size_t p) {
  std::size_t ls = text.rfind('\n', p == 0 ? 0 : p - 1);
  ls = ls == std::string_view::npos || p == 0 ? 0 : ls + 1;
  ls = std::max(ls, p > 120 ? p - 120 : std::size_t{0});  // a paragraph is one line: look back 120 bytes at most
  // Most lines hold none of the words: ask that first, without their first letter's case.
  const std::string_view raw = text.substr(ls, p - ls);
  if (raw.find("ethouder") == std::string_view::npos && raw.find("edeputeerde") == std::string_view::npos &&
      raw.find("ortefeuille") == std::string_view::npos)
    return false;
  std::string line(raw);  // ASCII lowered: the same length as the text
  for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t after = std::string::npos;
  for (std::string_view w : {"wethouder", "gedeputeerde", "portefeuille", "portefeuillehouder"})
    for (std::size_t at = line.find(w); at != std::string::npos; at = line.find(w, at + 1))
      if ((at == 0 || line[at - 1] == ' ') && (after == std::string::npos || at + w.size() > after)) after = at + w.size();
  if (after == std::string::npos) return false;
  // Between the word and the name: names (capitalised in the text), "en", ",", ":".
  std::string_view between = text.substr(ls + after, p - ls - after);
  std::size_t i = 0;
  while (i < between.size()) {
    while (i < between.size() && (between[i] == ' ' || between[i] == ',' || between[i] == ':')) ++i;
    std::size_t j = i;
    while (j < between.size() && between[j] != ' ' && between[j] != ',') ++j;
    std::string_view w = between.substr(i, j - i);
    if (!w.empty() && w != "en" && !std::isupper(static_cast<unsigned char>(w[0])) && !(static_cast<unsigned char>(w[0]) & 0x80))
      return false;
    i = j;
  }
  return true;
}

// Whether [p, e) lies inside one of the blocks that are not noise (a
// running header is noise: the rules do not read it, nor does this).
bool in_spans(const std::vector<FoldedBlock>& spans, std::size_t p, std::size_t e) {
  auto it = std::upper_bound(spans.begin(), spans.end(), p, [](std::size_t q, const FoldedBlock& b) { return q < b.start; });
  return it != spans.begin() && (it - 1)->end >= e;
}

// The short forms an organisation's name gives itself: its first word alone
// ("het Werkbedrijf" for "Werkbedrijf Rivierenweide"), or its proper name,
// the last word ("Heidezoom" for "Woonstichting Heidezoom"). A short form
// is a capitalised word of 6 letters or more (5 for a last word) that no
// other name found begins or ends with, that is no name found itself, and,
// for a last word, no word of the publisher's name (the place both carry).
void add_short_forms(std::vector<std::pair<std::string, std::string>>& found,
                     const std::unordered_map<std::string, std::string>& unit_detail_of, std::string_view publisher) {
  std::unordered_map<std::string, int> ends;  // first and last words of the names found
  std::vector<std::pair<std::string, std::string>> shorts;
  auto last_of = [](const std::string& name) { return name.substr(name.rfind(' ') + 1); };
  for (const auto& [name, value] : found) {
    ends[name.substr(0, name.find(' '))]++;
    if (name.find(' ') != std::string::npos) ends[last_of(name)]++;
  }
  std::string pub = " ";
  pub += fold_key(publisher);
  pub += ' ';
  auto in_publisher = [&](const std::string& word) {
    std::string w = " ";
    w += fold_key(word);
    w += ' ';
    return pub.find(w) != std::string::npos;
  };
  for (const auto& [name, value] : found) {
    auto d = unit_detail_of.find(value);
    if (d == unit_detail_of.end() || d->second.find(kOrganisationLevel) == std::string::npos) continue;
    std::size_t sp = name.find(' ');
    if (sp == std::string::npos || !std::isupper(static_cast<unsigned char>(name[0]))) continue;
    std::string first = name.substr(0, sp), last = last_of(name);
    if (sp >= 6 && ends[first] == 1 && !unit_detail_of.count(first)) shorts.emplace_back(first, value);
    if (last.size() >= 5 && std::isupper(static_cast<unsigned char>(last[0])) && ends[last] == 1 &&
        !unit_detail_of.count(last) && !in_publisher(last))
      shorts.emplace_back(last, value);
  }
  found.insert(found.end(), shorts.begin(), shorts.end());
}

}  // namespace

void named_in_report(Context& ctx, const UnitNames& un) {
  std::string_view text = ctx.text;
  std::vector<std::pair<std::string, std::string>> found;  // as written -> value
  std::unordered_set<std::string> seen;
  const std::string publisher = fold_key(ctx.out.facts.organisation);
  for (const Tag& t : ctx.tags) {
    // Names found by a rule or a table; an entry's (rule "afdeling.<value>/<phrase>")
    // are matched everywhere already, but the short name or the abbreviation
    // a report gives one ("afdeling Klantcontactcentrum (hierna: KCC)",
    // "Spoedeisende Hulp (SEH)") is the report's own.
    if (t.type != "afdeling" || t.rule == "afdeling.named-in-report") continue;
    const bool entry = t.rule.find('/') != std::string_view::npos;
    std::string as_written = collapse_space(text.substr(t.start, t.end - t.start));
    // A table row's tag holds its unit word ("Afdeling Veilig Thuis", an
    // indented "team Aflossing"): the name alone names it too ("een
    // onderzoek van Veilig Thuis", "de teams Aflossing, Draagkracht").
    if (!entry && as_written.size() > t.value.size() && as_written.ends_with(" " + t.value) && is_upper_start(t.value) &&
        t.value.size() >= 3 && seen.insert(t.value).second)
      found.emplace_back(t.value, t.value);
    // A row that keeps its unit word in its name ("Cluster Ruimte"): the
    // name after the word names it too (a section headed "Ruimte").
    if (const std::size_t sp = as_written.find(' '); !entry && t.rule == "afdeling.table" && sp != std::string::npos &&
                                                      !un.unit_of(fold_key(as_written.substr(0, sp))).empty()) {
      std::string rest = as_written.substr(sp + 1);
      if (is_upper_start(rest) && rest.size() >= 3 && seen.insert(rest).second) found.emplace_back(std::move(rest), t.value);
    }
    // A name in lower case is a name only after its unit word (lower_names.h).
    if (!is_upper_start(as_written)) continue;
    if (!entry && as_written.size() >= 3 && seen.insert(as_written).second) found.emplace_back(std::move(as_written), t.value);
    // The abbreviation it gives the unit ("afdeling Spoedeisende Hulp (SEH)")
    // names it too, alone ("naar de SEH"); not the publisher's own ("DST").
    // The short name it is given ("Stichting Kraaiendonk Wonen (hierna:
    // Kraaiendonk)") names it alone.
    std::string here(hereafter_name(text, t.end));
    if (!here.empty() && fold_key(t.value) != publisher && seen.insert(here).second) found.emplace_back(std::move(here), t.value);
    std::string ab(bracketed_abbreviation(text, t.end));
    if (!ab.empty() && ab != t.value && fold_key(t.value) != publisher && seen.insert(ab).second)
      found.emplace_back(std::move(ab), t.value);
  }
  Coverage have;
  std::unordered_map<std::string, std::string> unit_detail_of;  // value -> unit_detail() of the first tag found
  for (const Tag& t : ctx.tags) {
    if (t.type == "organisation") have.add(t.start, t.end);  // "Veenmarke" in "Ombudsman Veenmarke"
    if (t.type == "afdeling") {
      have.add(t.start, t.end);
      if (!unit_detail_of.count(t.value)) unit_detail_of.emplace(t.value, un.unit_detail(unit_in(t.detail)));
    }
  }
  add_short_forms(found, unit_detail_of, ctx.out.facts.organisation);
  auto word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || static_cast<unsigned char>(c) >= 0x80; };
  std::vector<std::vector<std::size_t>> at = mentions(text, found, word);
  // A longer name claims its mentions first: "Ruimte" is not tagged inside
  // "Beheer Openbare Ruimte". The tags are made in the order found.
  std::vector<std::size_t> order(found.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return found[a].first.size() > found[b].first.size(); });
  std::vector<std::string> detail(found.size());  // each name's tag detail: its value's first tag's
  for (std::size_t k = 0; k < found.size(); ++k) {
    auto d = unit_detail_of.find(found[k].second);
    detail[k] = d == unit_detail_of.end() ? un.unit_detail("") : d->second;
  }
  std::vector<std::pair<std::size_t, std::size_t>> claimed;  // (name, mention)
  for (std::size_t k : order) {
    const std::string& name = found[k].first;
    // A body, or a unit that is a part of the town ("stadsdeel Kleiwijk"):
    // its name after "in" or "bewoner van" is a place, not the unit.
    const bool place = detail[k].find(kOrganisationLevel) != std::string::npos || place_unit(found[k].second);
    for (std::size_t p : at[k]) {
      std::size_t e = p + name.size();
      if (have.overlaps(p, e) || !in_spans(ctx.spans, p, e) || (place && residence_or_address(text, p)) ||
          after_open_bracket(text, p) ||  // "toezicht en handhaving (“VTH”)" is one mention
          portfolio(text, p))
        continue;
      have.add(p, e);
      claimed.emplace_back(k, p);
    }
  }
  std::sort(claimed.begin(), claimed.end());
  for (const auto& [k, p] : claimed)
    ctx.add("afdeling", found[k].second, p, p + found[k].first.size(), "afdeling.named-in-report", detail[k]);
}

}  // namespace omb::interp
