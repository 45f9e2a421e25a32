#include "extract/context.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/toml_file.h"
#include "text/fold.h"

namespace omb::interp {

Lookups::Lookups() = default;
Lookups::Lookups(Lookups&&) noexcept = default;
Lookups& Lookups::operator=(Lookups&&) noexcept = default;
Lookups::~Lookups() = default;

namespace {

// The afdeling file's [levels] (unit -> level), checked against [units] and
// the entries' roles; errors with the file and line.
Status read_levels(const RuleFile& afdeling, std::unordered_map<std::string, std::string>& out) {
  const std::string& path = afdeling.path();
  auto parsed = read_toml(path, "rule file");
  if (!parsed.ok()) return parsed.error();
  auto err = [&](const toml::node& n, const std::string& msg) { return make_error(Errc::parse, msg, path, toml_line(n)); };
  std::vector<std::pair<std::string, const toml::node*>> units;  // unit, where [units] names it
  if (const toml::table* u = parsed->get_as<toml::table>("units"))
    for (auto&& [k, node] : *u)
      if (node.is_string()) units.emplace_back(**node.as_string(), &node);
  auto is_unit = [&](const std::string& unit) {
    for (const auto& [name, at] : units)
      if (name == unit) return true;
    for (const Rule& r : afdeling.rules())
      if (!r.entry.empty() && r.role == unit) return true;
    return false;
  };
  if (const toml::node* lv = parsed->get("levels")) {
    const toml::table* t = lv->as_table();
    if (!t) return err(*lv, "`levels` must be a table: [levels] <unit> = \"<level>\"");
    for (auto&& [k, node] : *t) {
      std::string unit(k.str());
      if (!node.is_string() || !is_level(**node.as_string()))
        return err(node, "[levels] " + unit + ": the level must be \"organisation\", \"dienst\", \"afdeling\" or \"team\"");
      if (!is_unit(unit)) return err(node, "[levels] " + unit + ": no unit of [units] or of an entry's role is called so");
      out.emplace(unit, **node.as_string());
    }
  }
  for (const auto& [unit, at] : units)
    if (!out.count(unit) && !is_level(unit)) return err(*at, "[units]: unit '" + unit + "' has no level in [levels]");
  for (const Rule& r : afdeling.rules())
    if (!r.entry.empty() && !r.role.empty() && !out.count(r.role) && !is_level(r.role))
      return make_error(Errc::parse, "entry '" + r.entry + "': role '" + r.role + "' has no level in [levels]", path, r.line);
  return {};
}

}  // namespace

Result<Lookups> Lookups::build(const RuleFile& afdeling, const RuleFile& zaaknummer) {
  Lookups l;
  for (const Rule& r : afdeling.rules()) {
    if (r.entry.empty() || r.suppress) continue;
    std::size_t slash = r.id.find('/');
    if (slash != std::string::npos) l.canon.emplace(r.id.substr(slash + 1), r.entry);
    l.canon.emplace(fold_key(r.entry), r.entry);
    if (!r.role.empty()) l.canon_unit.emplace(r.entry, r.role);
  }
  OMB_TRY(read_levels(afdeling, l.unit_level));
  std::string pat = zaaknummer.setting("case.section_heading").value_or("^\\d{1,2}(?:\\.\\d{1,2})*\\.?\\s+\\p{Lu}");
  RE2::Options o;
  o.set_log_errors(false);
  l.section_re = std::make_unique<RE2>(pat, o);
  if (!l.section_re->ok())
    return make_error(Errc::parse, "[case] section_heading: bad pattern: " + l.section_re->error(), zaaknummer.path());
  // No setting: no such headings (a pattern that never matches).
  o.set_case_sensitive(false);
  l.case_heading_re = std::make_unique<RE2>(zaaknummer.setting("case.numbered_heading").value_or("$^x"), o);
  if (!l.case_heading_re->ok())
    return make_error(Errc::parse, "[case] numbered_heading: bad pattern: " + l.case_heading_re->error(), zaaknummer.path());
  return l;
}

Context::Context(std::string_view text_, std::vector<FoldedBlock> spans_, Hits hits_, const std::vector<std::unique_ptr<RuleFile>>& files_,
                 const std::vector<std::unique_ptr<WordRules>>& word_files_, const Lookups& look_, Extraction& out_)
    : text(text_),
      spans(std::move(spans_)),
      hits(std::move(hits_)),
      files(files_),
      word_files(word_files_),
      look(look_),
      out(out_),
      tags(out_.tags) {
  for (const FoldedBlock& b : spans)
    if (b.kind == PassageKind::heading) headings.push_back(&b);
}

const RuleFile& Context::file(std::string_view type) const {
  for (const auto& f : files)
    if (f->type() == type) return *f;
  return *files.front();  // unreachable: load() checks the required types
}

const std::vector<Hit>& Context::hits_of(std::string_view type) {
  auto it = hits.find(type);
  if (it == hits.end()) it = hits.emplace(std::string(type), std::vector<Hit>{}).first;
  return it->second;
}

const Rule& Context::rule_of(std::string_view type, const Hit& h) const {
  return file(type).rules()[static_cast<std::size_t>(h.rule)];
}

const std::string& Context::rule_id(std::string_view type, const Hit& h) const {
  for (const auto& w : word_files)
    if (w->type() == type) return w->rules()[static_cast<std::size_t>(h.rule)].id;
  return rule_of(type, h).id;
}

std::size_t Context::window(std::string_view type, std::size_t dflt) const {
  auto s = file(type).setting("document.within");
  return s ? static_cast<std::size_t>(std::stoull(*s)) : dflt;
}

void Context::add(std::string_view type, std::string value, std::size_t s, std::size_t e, std::string_view rule, std::string detail) {
  Tag t;
  t.type = intern(type);
  t.value = std::move(value);
  t.start = s;
  t.end = e;
  t.rule = intern(rule);
  t.detail = std::move(detail);
  tags.push_back(std::move(t));
}

void Context::add_extra(std::string_view type, std::string value, std::size_t s, std::size_t e, std::string_view rule,
                        std::string detail, int case_index) {
  add(type, std::move(value), s, e, rule, std::move(detail));
  tags.back().case_index = case_index;
  extra.push_back(std::move(tags.back()));
  tags.pop_back();
}

std::size_t Context::line_start(std::size_t p) const {
  std::size_t ls = text.rfind('\n', p == 0 ? 0 : p - 1);
  return (ls == std::string_view::npos || p == 0) ? std::size_t{0} : ls + 1;
}

std::size_t Context::line_end(std::size_t p) const {
  std::size_t le = text.find('\n', p);
  return le == std::string_view::npos ? text.size() : le;
}

bool Context::in_table_row(std::size_t pos) const {
  auto b = std::upper_bound(spans.begin(), spans.end(), pos, [](std::size_t p, const FoldedBlock& x) { return p < x.start; });
  return b != spans.begin() && std::prev(b)->end > pos && std::prev(b)->kind == PassageKind::table_row;
}

std::size_t Context::heading_end(const FoldedBlock& b) const { return std::min(line_end(b.start), b.end); }

int Context::case_at(std::size_t pos) const {
  const auto& cases = out.cases;
  auto it = std::upper_bound(cases.begin(), cases.end(), pos, [](std::size_t p, const Case& c) { return p < c.start; });
  if (it == cases.begin()) return -1;
  --it;
  return pos < it->end ? static_cast<int>(it - cases.begin()) : -1;
}

std::pair<std::size_t, std::size_t> Context::range(std::size_t a, std::size_t b) const {
  auto lo = std::lower_bound(tags.begin(), tags.end(), a, [](const Tag& t, std::size_t p) { return t.start < p; });
  auto hi = std::lower_bound(lo, tags.end(), b, [](const Tag& t, std::size_t p) { return t.start < p; });
  return std::pair{static_cast<std::size_t>(lo - tags.begin()), static_cast<std::size_t>(hi - tags.begin())};
}

const FoldedBlock* Context::heading_before(std::size_t pos) const {
  auto it = std::lower_bound(headings.begin(), headings.end(), pos, [](const FoldedBlock* r, std::size_t p) { return r->start < p; });
  return it == headings.begin() ? nullptr : *(it - 1);
}

}  // namespace omb::interp
