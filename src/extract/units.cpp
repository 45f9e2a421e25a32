#include "extract/units.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "extract/lower_names.h"
#include "extract/organisation.h"
#include "extract/unit_tables.h"
#include "extract/unit_bodies.h"
#include "extract/unit_mentions.h"
#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

UnitNames::UnitNames(const RuleFile& afdeling, const Lookups& look)
    : af_(afdeling),
      look_(look),
      prefix_units_(afdeling.strings("units.prefix")),
      not_first_(afdeling.strings("discover.not_first")),
      not_names_(afdeling.strings("discover.not_names")),
      not_words_(afdeling.strings("discover.not_words")),
      case_section_words_(afdeling.strings("discover.case_section_words")),
      second_levels_(afdeling.strings("table.second_levels")) {}

std::string UnitNames::unit_of(std::string_view word) const {
  if (word.size() > 1 && word.back() == '.') word.remove_suffix(1);  // an abbreviation: "afd."
  return af_.setting("units." + fold_key(word)).value_or("");
}

bool UnitNames::plural_unit_word(std::string_view word) const {
  const std::string w = fold_key(word);
  for (std::string_view end : {"en", "s", "'s"})
    if (w.size() > end.size() + 1 && w.ends_with(end) && !unit_of(std::string_view(w).substr(0, w.size() - end.size())).empty())
      return true;
  return false;
}

namespace {
// Whether a word of `folded` (words split at spaces) satisfies `pred`.
template <class Pred>
bool any_word(std::string_view folded, Pred pred) {
  for (std::size_t a = 0; a < folded.size();) {
    std::size_t e = std::min(folded.find(' ', a), folded.size());
    if (pred(folded.substr(a, e - a))) return true;
    a = e + 1;
  }
  return false;
}

bool among(const std::vector<std::string>& list, std::string_view w) { return std::find(list.begin(), list.end(), w) != list.end(); }
}  // namespace

bool UnitNames::valid_name(std::string_view name) const {
  name = trim(name);
  if (name.empty() || name.size() > 60 || !is_upper_start(name)) return false;
  std::string k = fold_key(name);
  if (std::find(not_names_.begin(), not_names_.end(), k) != not_names_.end()) return false;
  std::string first = k.substr(0, k.find(' '));
  if (std::find(not_first_.begin(), not_first_.end(), first) != not_first_.end()) return false;
  if (any_word(k, [&](std::string_view w) {
        return among(not_words_, w) || (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }));
      }))
    return false;
  return std::count(k.begin(), k.end(), ' ') < 6;
}

bool UnitNames::about_cases(std::string_view heading) const {
  return any_word(fold_key(heading), [&](std::string_view w) { return among(case_section_words_, w); });
}

std::pair<std::string, std::string> UnitNames::canonical(std::string_view name, const std::string& unit,
                                                         std::string_view unit_word) const {
  const auto& canon = look_.canon;
  const auto& canon_unit = look_.canon_unit;
  std::string k = fold_key(name);
  if (auto it = canon.find(k); it != canon.end()) {
    auto role = canon_unit.find(it->second);
    return {it->second, role == canon_unit.end() ? unit : entry_unit(it->second, role->second, unit)};
  }
  if (std::find(prefix_units_.begin(), prefix_units_.end(), unit) != prefix_units_.end()) {
    std::string full = fold_key(unit_word.empty() ? unit : unit_word) + " " + std::string(name);
    if (auto it = canon.find(fold_key(full)); it != canon.end()) return {it->second, unit};
    return {full, unit};
  }
  return {std::string(name), unit};
}

std::string UnitNames::entry_unit(const std::string& value, const std::string& role, const std::string& unit_before) const {
  const std::string_view first = std::string_view(value).substr(0, value.find(' '));
  return unit_before.empty() || !unit_of(first).empty() ? role : unit_before;
}

bool UnitNames::known(std::string_view part) const {
  part = trim(part);
  for (std::string_view art : {"het ", "de "})
    if (part.substr(0, art.size()) == art) part.remove_prefix(art.size());
  return look_.canon.count(fold_key(part)) > 0;
}

std::string UnitNames::level_of(const std::string& unit) const {
  if (auto it = look_.unit_level.find(unit); it != look_.unit_level.end()) return it->second;
  return is_level(unit) ? unit : "afdeling";
}

namespace {

// The word of the folded key `k` that starts at w (letters and hyphens), and
// where it ends.
std::pair<std::string_view, std::size_t> key_word_at(std::string_view k, std::size_t w) {
  std::size_t e = w;
  while (e < k.size() && ((k[e] >= 'a' && k[e] <= 'z') || k[e] == '-')) ++e;
  return {k.substr(w, e - w), e};
}

// Calls f at the end of each "per " that opens a word of `k` ("koper" holds
// none) until f names a unit; that unit, or "".
template <typename F>
std::string each_per(std::string_view k, F&& f) {
  for (std::size_t p = k.find("per "); p != std::string_view::npos; p = k.find("per ", p + 1)) {
    if (p > 0 && k[p - 1] != ' ') continue;
    if (std::string u = f(p + 4); !u.empty()) return u;
  }
  return "";
}

}  // namespace

std::string UnitNames::unit_named_in(std::string_view label) const {
  std::string k = fold_key(label);
  if (k.find(' ') == std::string::npos) return unit_of(k);
  return each_per(k, [&](std::size_t w) { return unit_of(key_word_at(k, w).first); });
}

std::optional<std::string> UnitNames::sub_unit_named_in(std::string_view caption) const {
  std::string k = fold_key(caption);
  std::optional<std::string> sub;
  each_per(k, [&](std::size_t w) -> std::string {
    auto [first, e1] = key_word_at(k, w);
    if (unit_of(first).empty() || k.compare(e1, 4, " en ") != 0) return "";
    std::size_t at = e1 + 4;
    if (k.compare(at, 4, "per ") == 0) at += 4;  // "per afdeling en per team"
    const std::string_view second = key_word_at(k, at).first;
    // A place of the first level's own ("per cluster en school"): its rows
    // are units at the afdeling level.
    // (Checked first: "per directie en locatie" lists places under a
    // directie, though a locatie alone is a unit word of its own.)
    std::string u = among(second_levels_, second) ? "afdeling" : unit_of(second);
    sub = u;
    return u.empty() ? "-" : u;  // the first "per X en Y" decides
  });
  return sub;
}

std::string UnitNames::unit_detail(const std::string& unit) const {
  std::string level = "\"level\":\"" + level_of(unit) + "\"}";
  return unit.empty() ? "{" + level : "{\"unit\":\"" + unit + "\"," + level;
}

std::vector<std::string_view> list_items(std::string_view list, const std::function<bool(std::string_view)>& known) {
  std::vector<std::string_view> items;
  std::size_t a = 0;
  while (a <= list.size()) {
    std::size_t c = list.find(',', a);
    if (c == std::string_view::npos) c = list.size();
    items.push_back(list.substr(a, c - a));
    a = c + 1;
  }
  // "A, B, en C D en E": a comma before "en" marks the last item, which
  // is then one name however many "en" it holds (#18).
  bool comma_en = false;
  if (items.size() >= 2) {
    std::string_view last = trim(items.back());
    if (last.substr(0, 3) == "en ") {
      items.back() = last.substr(3);
      comma_en = true;
    }
  }
  // Else the last item holds "A en B": split at the " en " where a part is
  // a known name ("Werkgeversservicepunt en Werk Opleiding en Jongeren"),
  // else at the last one.
  if (!items.empty() && !comma_en) {
    std::string_view last = items.back();
    std::size_t cut = std::string_view::npos;
    for (std::size_t en = last.find(" en "); en != std::string_view::npos; en = last.find(" en ", en + 1))
      if (known(last.substr(0, en)) || known(last.substr(en + 4))) {
        cut = en;
        break;
      }
    if (cut == std::string_view::npos) cut = last.rfind(" en ");
    if (cut != std::string_view::npos) {
      items.back() = last.substr(0, cut);
      items.push_back(last.substr(cut + 4));
    }
  }
  for (std::string_view& it : items) {
    it = trim(it);
    for (std::string_view art : {"het ", "de "})
      if (it.substr(0, art.size()) == art) it.remove_prefix(art.size());
  }
  return items;
}

std::vector<std::vector<Row>> split_tables(const std::vector<Row>& rows, const std::function<bool(const Row&)>& is_header) {
  std::vector<std::vector<Row>> out;
  for (std::size_t t0 = 0; t0 < rows.size();) {
    std::size_t t1 = t0 + 1;
    while (t1 < rows.size() && !is_header(rows[t1])) ++t1;
    out.emplace_back(rows.begin() + static_cast<std::ptrdiff_t>(t0), rows.begin() + static_cast<std::ptrdiff_t>(t1));
    t0 = t1;
  }
  return out;
}

namespace {

// Where a unit's name after its unit word ends: before a trailing word of
// `starts` (the next sentence's first, with any "en", "van" before it), and
// after ", B en C" (C of one capitalised word or more) that goes on a
// singular unit word's name.
std::size_t name_end(std::string_view text, std::size_t b, std::size_t e, const std::vector<std::string>& starts,
                     bool singular, const UnitNames& un) {
  auto upper_word_end = [&](std::size_t p) {  // the end of a capitalised word at p, or p
    if (p >= text.size() || !(std::isupper(static_cast<unsigned char>(text[p])) || (static_cast<unsigned char>(text[p]) & 0x80)))
      return p;
    std::size_t q = p;
    // (A closing bracket ends it too: "(Kloosterbroek, afdeling Zorg, Werk en Inkomen)".)
    while (q < text.size() && text[q] != ' ' && text[q] != ',' && text[q] != '\n' && text[q] != '.' && text[q] != ';' &&
           text[q] != ')')
      ++q;
    return q;
  };
  if (singular) {
    // ", B" repeated, then " en C": all capitalised, on one line.
    std::size_t p = e, last = e;
    while (p + 2 < text.size() && text[p] == ',' && text[p + 1] == ' ') {
      std::size_t q = upper_word_end(p + 2);
      // The next unit of a list, with its own unit word ("Regio Oost, Regio Zuid").
      if (q == p + 2 || !un.unit_of(text.substr(p + 2, q - p - 2)).empty()) break;
      p = q;
      while (p + 1 < text.size() && text[p] == ' ' && upper_word_end(p + 1) > p + 1) p = upper_word_end(p + 1);
      if (text.compare(p, 4, " en ") == 0 && upper_word_end(p + 4) > p + 4) {
        last = upper_word_end(p + 4);
        // C of more words: "team Jeugd, Zeden en Huiselijk Geweld".
        while (last + 1 < text.size() && text[last] == ' ' && upper_word_end(last + 1) > last + 1) last = upper_word_end(last + 1);
        break;
      }
    }
    e = last;
  }
  for (;;) {
    std::size_t sp = text.substr(b, e - b).rfind(' ');
    if (sp == std::string_view::npos) break;
    std::string_view w = text.substr(b + sp + 1, e - b - sp - 1);
    if (std::find(starts.begin(), starts.end(), w) == starts.end()) break;
    e = b + sp;
    for (std::string_view tail : {" en", " van", " &"})
      if (e - b > tail.size() && text.substr(e - tail.size(), tail.size()) == tail) e -= tail.size();
  }
  return e;
}

// A list whose items repeat their unit word ("(team Terugvordering en
// verhaal, team Poort, team Werk)"): an item's name runs to its comma, a
// last word in lower case after "en" included, when the next item opens
// with the same unit word. Where the name ends otherwise, `e`.
std::size_t list_item_end(std::string_view text, std::size_t e, std::string_view unit_word) {
  if (text.compare(e, 4, " en ") != 0) return e;
  std::size_t q = e + 4;
  while (q < text.size() && text[q] >= 'a' && text[q] <= 'z') ++q;
  if (q == e + 4 || text.compare(q, 2, ", ") != 0) return e;
  const std::string_view next = text.substr(q + 2, unit_word.size() + 1);
  if (next.size() <= unit_word.size() || next.back() != ' ' || fold_key(next.substr(0, unit_word.size())) != fold_key(unit_word))
    return e;
  return q;
}

// A name that runs into the next unit of a list: "Dienst Facilitaire Zaken
// en (de) Dienst Informatievoorziening" ends before " en": the unit word
// after it opens a unit of its own. Where the name ends, and where that
// next unit's word starts (npos when there is none).
std::pair<std::size_t, std::size_t> next_unit_cut(std::string_view text, std::size_t b, std::size_t e, const UnitNames& un) {
  for (std::size_t p = text.substr(b, e - b).find(" en "); p != std::string_view::npos;
       p = text.substr(b, e - b).find(" en ", p + 1)) {
    std::size_t w = b + p + 4;
    for (std::string_view article : {"de ", "het "})
      if (text.compare(w, article.size(), article) == 0) w += article.size();
    std::size_t we = w;
    while (we < e && text[we] != ' ') ++we;
    if (we > w && we < e && !un.unit_of(text.substr(w, we - w)).empty()) return {b + p, w};
  }
  return {e, std::string_view::npos};
}

// The word that ends right before `pos`, with one space between ("" if none).
std::string_view word_before(std::string_view text, std::size_t pos) {
  if (pos < 2 || text[pos - 1] != ' ') return {};
  std::size_t b = pos - 1;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(text[b - 1]))) --b;
  return text.substr(b, pos - 1 - b);
}

// One name after its unit word `word` (rule role "unit"), from b to the
// match's end e, cut where names end (name_end, list_item_end, a column gap).
void add_named_unit(Context& ctx, const UnitNames& un, const std::string& rule, std::string_view word, std::size_t b,
                    std::size_t e, const std::vector<std::string>& starts) {
  std::string_view text = ctx.text;
  const std::string unit = un.unit_of(word);
  const bool singular = !word.empty() && !un.plural_unit_word(word);
  std::size_t end = list_item_end(text, name_end(text, b, e, starts, singular, un), word);
  // A table row's column gap ends the name ("afdeling Intensieve Zorg ⟨gap⟩ Hoogerbeek").
  if (auto g = std::upper_bound(ctx.gaps.begin(), ctx.gaps.end(), b); g != ctx.gaps.end() && *g < end) end = *g;
  std::string_view name = text.substr(b, end - b);
  if (!un.valid_name(name)) return;
  auto [value, u] = un.canonical(name, unit, word);
  ctx.add("afdeling", value, b, end, rule, un.unit_detail(u));
}

// Afdeling hits: an entry's phrase (upper-case, or after a unit word), a
// name after a unit word (role "unit"), a list of names (role "list").
void unit_hits(Context& ctx, const UnitNames& un) {
  std::string_view text = ctx.text;
  const std::vector<std::string> starts = ctx.file("afdeling").strings("names.sentence_starts");
  const bool publisher_lists = ctx.out.facts.organisation.empty() || watchdog_publisher(ctx);
  for (const Hit& h : ctx.hits_of("afdeling")) {
    const Rule& r = ctx.rule_of("afdeling", h);
    if (!r.entry.empty()) {
      std::string_view t = text.substr(h.start, h.end - h.start);
      // In lower case: a name of two words or more ("het sociaal loket"), or after a unit word.
      if (!is_upper_start(t) && t.find(' ') == std::string_view::npos && un.unit_of(t).empty()) continue;
      // A table row's label is its whole cell: "Klantenservice niet
      // bereikbaar" names a topic, not the unit.
      if (ctx.in_table_row(h.start) && h.end + 1 < text.size() && text[h.end] == ' ' &&
          std::islower(static_cast<unsigned char>(text[h.end + 1])) && !std::binary_search(ctx.gaps.begin(), ctx.gaps.end(), h.end))
        continue;
      const std::string before = un.unit_of(word_before(text, h.start));
      ctx.add("afdeling", r.entry, h.start, h.end, r.id, un.unit_detail(un.entry_unit(r.entry, r.role, before)));
    } else if (r.role == "unit") {
      // A column gap right after the unit word: a header's next column
      // ("Team ⟨gap⟩ Locatie"), no name.
      if (h.start > 0 && std::binary_search(ctx.gaps.begin(), ctx.gaps.end(), h.start - 1)) continue;
      std::string_view word = h.groups[0];
      for (std::size_t b = h.start;;) {
        auto [cut, next] = next_unit_cut(text, b, h.end, un);
        add_named_unit(ctx, un, r.id, word, b, cut, starts);
        if (next == std::string_view::npos) break;
        std::size_t we = text.find(' ', next);
        word = text.substr(next, we - next);
        b = we + 1;
      }
    } else if (r.role == "list") {
      std::string unit = un.unit_of(h.groups[0]);
      // The municipalities a joint body serves own it; only a watchdog
      // writes about them (organisation.h: watchdog_publisher).
      if (un.level_of(unit) == "organisation" && !publisher_lists) continue;
      std::string_view list = text.substr(h.start, h.end - h.start);
      for (std::string_view it : list_items(list, [&](std::string_view part) { return un.known(part); })) {
        if (!un.valid_name(it)) continue;
        std::size_t s = static_cast<std::size_t>(it.data() - text.data());
        auto [value, u] = un.canonical(it, unit, h.groups[0]);
        ctx.add("afdeling", value, s, s + it.size(), r.id, un.unit_detail(u));
      }
    }
  }
}

// Names in lower case after a unit word in lower case (lower_names.h),
// where no other afdeling tag stands.
void lower_unit_names(Context& ctx, const UnitNames& un) {
  const RuleFile& af = ctx.file("afdeling");
  LowerNameRules rules;
  rules.unit_words = af.strings("discover.lower_units");
  for (std::string& w : af.strings("discover.lower_stop")) rules.stop.insert(std::move(w));
  Coverage have;
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling") have.add(t.start, t.end);
  for (const LowerName& n : lower_case_names(ctx.text, rules)) {
    if (have.overlaps(n.start, n.end) || !un.valid_name(n.value)) continue;
    auto [value, u] = un.canonical(n.value, un.unit_of(n.unit_word), n.unit_word);
    ctx.add("afdeling", value, n.start, n.end, "afdeling.lower-case", un.unit_detail(u));
  }
}

// A known name inside a longer unit's name is part of it: "Burgerzaken" in
// the table row "Burgerzaken en Welzijn".
// O(n log n): the spans by start, with the largest end up to each.
void drop_nested_entries(Context& ctx) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling") spans.emplace_back(t.start, t.end);
  std::sort(spans.begin(), spans.end());
  std::vector<std::size_t> max_end(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) max_end[i] = std::max(spans[i].second, i ? max_end[i - 1] : 0);
  auto nested = [&](const Tag& t) {
    if (t.type != "afdeling" || t.rule.find('/') == std::string::npos) return false;
    // A span that starts before it and reaches its end, or starts with it and ends after it.
    auto first_same = std::lower_bound(spans.begin(), spans.end(), std::pair<std::size_t, std::size_t>{t.start, 0});
    const std::size_t before = static_cast<std::size_t>(first_same - spans.begin());
    if (before > 0 && max_end[before - 1] >= t.end) return true;
    auto after_same = std::upper_bound(first_same, spans.end(), std::pair<std::size_t, std::size_t>{t.start, SIZE_MAX});
    return after_same != first_same && std::prev(after_same)->second > t.end;
  };
  std::erase_if(ctx.tags, nested);
}

// A table row's name that takes its level from the table's caption or
// header ("Cluster  Team" over an indented "Invordering", which the
// normalised text no longer shows indented) takes the unit the report
// writes before the same name elsewhere ("het team Invordering"), when all
// such mentions agree: the report's own word wins over a column's guess.
// A row that names its unit itself ("RVE Acute Zorg") keeps it.
void align_table_levels(Context& ctx, const UnitNames& un) {
  std::unordered_map<std::string, std::string> written;  // value -> the unit written before it, "" when they disagree
  for (const Tag& t : ctx.tags) {
    if (t.type != "afdeling" || (t.rule != "afdeling.after-unit" && t.rule != "afdeling.lower-case")) continue;
    std::string u = unit_in(t.detail);
    if (u.empty()) continue;
    auto [it, fresh] = written.emplace(t.value, u);
    if (!fresh && !it->second.empty() && un.level_of(it->second) != un.level_of(u)) it->second.clear();
  }
  if (written.empty()) return;
  for (Tag& t : ctx.tags) {
    if (t.type != "afdeling" || t.rule != "afdeling.table" || t.detail.find(kOrganisationLevel) != std::string::npos) continue;
    auto it = written.find(t.value);
    if (it == written.end() || it->second.empty()) continue;
    const std::string own = unit_in(t.detail);
    if (un.level_of(own) == un.level_of(it->second) || un.level_of(it->second) == "organisation" ||
        collapse_space(ctx.text.substr(t.start, t.end - t.start)) != t.value)
      continue;
    // The detail's unit and level change; its counts stay.
    const std::size_t lv = t.detail.find("\"level\":\"");
    const std::size_t z = lv == std::string::npos ? std::string::npos : t.detail.find('"', lv + 9);
    if (z == std::string::npos) continue;
    std::string detail = un.unit_detail(it->second);
    detail.pop_back();
    t.detail = detail + t.detail.substr(z + 1);
  }
}

// The abbreviation a report gives a unit in brackets after its name
// ("vergunningen, toezicht en handhaving (“VTH”)") names that unit: a tag
// whose value is the abbreviation ("de afdeling VTH") takes the unit's.
void resolve_abbreviations(Context& ctx) {
  std::unordered_map<std::string, std::pair<std::string, std::string>> full;  // abbreviation -> value, detail
  for (const Tag& t : ctx.tags) {
    if (t.type != "afdeling") continue;
    std::string_view ab = bracketed_abbreviation(ctx.text, t.end);
    if (!ab.empty() && ab != t.value) full.emplace(std::string(ab), std::make_pair(t.value, t.detail));
  }
  if (full.empty()) return;
  for (Tag& t : ctx.tags)
    if (auto it = full.find(t.value); t.type == "afdeling" && it != full.end()) {
      t.value = it->second.first;
      t.detail = it->second.second;
    }
}

// A tag whose whole value is an organisation's first word
// ("Belastingsamenwerking" in a table per organisation, for
// "Belastingsamenwerking Maasheuvelland" named above it) names that
// organisation, when it is the only one found that begins with the word:
// the tag takes its name. Both at level organisation; a first word of 6
// bytes or more. A tag of a gazetteer entry (its rule holds a '/') is an
// organisation of its own ("Belastingdienst" beside "Belastingdienst
// Toeslagen") and stays.
void resolve_short_forms(Context& ctx) {
  std::unordered_map<std::string, std::string> full;  // first word -> the one name, "" when several
  auto organisation = [](const Tag& t) { return t.type == "afdeling" && t.detail.find(kOrganisationLevel) != std::string::npos; };
  for (const Tag& t : ctx.tags) {
    const std::size_t sp = t.value.find(' ');
    if (!organisation(t) || sp == std::string::npos || sp < 6) continue;
    auto [it, fresh] = full.emplace(t.value.substr(0, sp), t.value);
    if (!fresh && it->second != t.value) it->second.clear();
  }
  if (full.empty()) return;
  for (Tag& t : ctx.tags)
    if (auto it = full.find(t.value); it != full.end() && !it->second.empty() && organisation(t) &&
        t.rule.find('/') == std::string::npos)
      t.value = it->second;
}

// The initials of a name's capitalised words ("VTH" for "Vergunningen,
// Toezicht en Handhaving"), or "" for a name of one word.
std::string initials(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i)
    if ((i == 0 || name[i - 1] == ' ') && name[i] >= 'A' && name[i] <= 'Z') out += name[i];
  return out.size() >= 2 ? out : std::string();
}

// A unit the report calls by a shorter name: its first word in lower case
// ("de ‘afdeling vergunningen’" for "Vergunningen, Toezicht en Handhaving",
// rule "afdeling.lower-case"), or the initials of its words in capitals
// ("afdeling VTH"). When one unit of two words or more found in the same
// report fits, the tag takes its name and level.
void resolve_shorter_names(Context& ctx) {
  std::unordered_map<std::string, const Tag*> by_first, by_initials;  // nullptr when several fit
  auto note = [](auto& map, const std::string& key, const Tag& t) {
    auto [it, fresh] = map.emplace(key, &t);
    if (!fresh && it->second && it->second->value != t.value) it->second = nullptr;
  };
  for (const Tag& t : ctx.tags) {
    const std::size_t sp = t.value.find_first_of(" ,");
    if (t.type != "afdeling" || !is_upper_start(t.value)) continue;
    // A unit of one word is a name of its own ("team Werk" beside "Werk en Inkomen").
    if (sp == std::string::npos && t.rule != "afdeling.lower-case") {
      by_first[fold_key(t.value)] = nullptr;
      continue;
    }
    if (sp == std::string::npos) continue;
    note(by_first, fold_key(t.value.substr(0, sp)), t);
    if (std::string ab = initials(t.value); !ab.empty()) note(by_initials, ab, t);
  }
  std::vector<std::pair<std::size_t, const Tag*>> take;
  for (std::size_t i = 0; i < ctx.tags.size(); ++i) {
    const Tag& t = ctx.tags[i];
    if (t.type != "afdeling" || t.value.find(' ') != std::string::npos) continue;
    const bool caps = t.value.size() >= 2 && std::all_of(t.value.begin(), t.value.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    auto& map = caps ? by_initials : by_first;
    if (!caps && t.rule != "afdeling.lower-case") continue;
    if (auto it = map.find(caps ? t.value : fold_key(t.value)); it != map.end() && it->second) take.emplace_back(i, it->second);
  }
  for (auto [i, full] : take) {
    Tag& t = ctx.tags[i];
    const std::string value = full->value, detail = full->detail;
    t.value = value;
    t.detail = detail;
  }
}

}  // namespace

void run_units(Context& ctx) {
  UnitNames un(ctx.file("afdeling"), ctx.look);
  unit_hits(ctx, un);
  unit_tables(ctx, un);
  lower_unit_names(ctx, un);
  drop_nested_entries(ctx);
  align_table_levels(ctx, un);
  organisation_units(ctx, un);
  cut_organisation_tails(ctx);
  drop_units_in_publisher(ctx);
  resolve_abbreviations(ctx);
  resolve_short_forms(ctx);
  resolve_shorter_names(ctx);
  named_in_report(ctx, un);
}

}  // namespace omb::interp
