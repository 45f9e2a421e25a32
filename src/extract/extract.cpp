#include "extract/extract.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "text/fold.h"
#include "extract/rules.h"
#include "extract/word_rules.h"
#include "normalize/normalize.h"

namespace omb {

namespace {

const char* const kRequired[] = {"doctype", "organisation", "period", "date", "zaaknummer",
                                 "afdeling", "theme", "oordeel", "vereiste", "status"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_upper_start(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

bool is_number_token(std::string_view t) {
  if (t.empty()) return false;
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.' && c != ',' && c != '%' && c != '-' && c != '*') return false;
  }
  return digit;
}

// A set of byte ranges that answers "does [s, e) overlap any of them?" in
// O(log n); ranges may be added in any order.
class Coverage {
 public:
  void add(std::size_t s, std::size_t e) {
    if (e <= s) return;
    auto it = ranges_.upper_bound(s);
    if (it != ranges_.begin() && std::prev(it)->second >= s) {
      --it;
      s = it->first;
      e = std::max(e, it->second);
      it = ranges_.erase(it);
    }
    while (it != ranges_.end() && it->first <= e) {
      e = std::max(e, it->second);
      it = ranges_.erase(it);
    }
    ranges_.emplace(s, e);
  }
  bool overlaps(std::size_t s, std::size_t e) const {
    auto it = ranges_.lower_bound(e);  // first range starting at or after e
    if (it == ranges_.begin()) return false;
    return std::prev(it)->second > s;
  }

 private:
  std::map<std::size_t, std::size_t> ranges_;  // start -> end, disjoint
};

// A line of the text and where it starts.
struct Line {
  std::size_t start, end;
};

std::vector<Line> lines_of(std::string_view text, std::size_t a, std::size_t b) {
  std::vector<Line> out;
  while (a < b) {
    std::size_t nl = text.find('\n', a);
    if (nl == std::string_view::npos || nl > b) nl = b;
    if (nl > a) out.push_back({a, nl});
    a = nl + 1;
  }
  return out;
}

// One row of a table: its label (first cell) with its span, and the other cells.
struct Row {
  std::string label;
  std::size_t label_start = 0, label_end = 0;
  std::vector<std::string> cells;
};

// Reads a block as a table: markdown rows (| a | b |) or plain rows (a label,
// then numbers). Returns header + rows; empty if the block is not a table.
std::vector<Row> parse_table(std::string_view text, std::size_t a, std::size_t b) {
  std::vector<Row> rows;
  for (const Line& ln : lines_of(text, a, b)) {
    std::string_view line = text.substr(ln.start, ln.end - ln.start);
    Row row;
    if (!trim(line).empty() && trim(line).front() == '|') {
      std::string_view rest = trim(line);
      std::size_t at = ln.start + static_cast<std::size_t>(rest.data() - line.data());
      bool first = true, separator = true;
      std::size_t i = 1;
      while (i < rest.size()) {
        std::size_t bar = rest.find('|', i);
        if (bar == std::string_view::npos) bar = rest.size();
        std::string_view cell = rest.substr(i, bar - i);
        std::string_view t = trim(cell);
        while (t.size() >= 2 && t.substr(0, 2) == "**") t.remove_prefix(2);
        while (t.size() >= 2 && t.substr(t.size() - 2) == "**") t.remove_suffix(2);
        for (char c : t) separator &= (c == '-' || c == ':' || c == ' ');
        if (first) {
          row.label = std::string(t);
          row.label_start = at + static_cast<std::size_t>(t.data() - rest.data());
          row.label_end = row.label_start + t.size();
          first = false;
        } else if (!t.empty()) {
          row.cells.emplace_back(t);
        }
        i = bar + 1;
      }
      if (separator) continue;
    } else {
      // Plain: words up to the first number are the label.
      std::size_t i = 0, label_end = 0;
      bool in_label = true;
      while (i < line.size()) {
        while (i < line.size() && line[i] == ' ') ++i;
        std::size_t j = line.find(' ', i);
        if (j == std::string_view::npos) j = line.size();
        std::string_view tok = line.substr(i, j - i);
        if (tok.empty()) break;
        if (in_label && !is_number_token(tok)) {
          label_end = j;
        } else {
          in_label = false;
          row.cells.emplace_back(tok);
        }
        i = j;
      }
      std::string_view lab = trim(line.substr(0, label_end));
      row.label = std::string(lab);
      row.label_start = ln.start + static_cast<std::size_t>(lab.data() - line.data());
      row.label_end = row.label_start + lab.size();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string strip_numbering(std::string_view s) {
  s = trim(s);
  while (!s.empty() && s.front() == '#') s.remove_prefix(1);
  s = trim(s);
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  if (i > 0 && i < s.size() && s[i] == ' ') s.remove_prefix(i);
  s = trim(s);
  while (!s.empty() && (s.back() == ':' || s.back() == '.')) s.remove_suffix(1);
  return std::string(s);
}

std::string tidy_org(std::string v) {
  for (const char* art : {"De ", "de ", "Het ", "het "})
    if (v.rfind(art, 0) == 0) v.erase(0, std::string_view(art).size());
  bool all_caps = true;
  for (char c : v) all_caps &= !(c >= 'a' && c <= 'z');
  if (all_caps) {
    bool start = true;
    for (char& c : v) {
      if (c >= 'A' && c <= 'Z' && !start) c = static_cast<char>(c + 32);
      start = c == ' ' || c == '-';
    }
  }
  if (!v.empty() && v[0] >= 'a' && v[0] <= 'z') v[0] = static_cast<char>(v[0] - 32);
  return v;
}

std::string json_counts(const std::vector<std::string>& header, const std::vector<std::string>& cells) {
  std::string out = "{\"counts\":{";
  bool any = false;
  for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i) {
    std::string v;
    for (char c : cells[i])
      if (c >= '0' && c <= '9') v += c;
    if (v.empty() || v.size() > 12) continue;
    std::string key;
    for (char c : header[i])
      if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) key += c;
    if (any) out += ',';
    out += "\"" + key + "\":" + std::to_string(std::stoll(v));
    any = true;
  }
  out += "}}";
  return any ? out : std::string();
}

// Where each of `names` stands in `text` as a whole word (no `word` byte
// just before or after it), overlapping mentions included: positions per
// name, ascending. A few names are found with find(); many (a table dump of
// departments) in one pass over the text that looks up, at each word start
// whose byte begins a name, the spans up to the longest name ending before a
// non-word byte, so the time does not grow with names × text (#15).
template <class Word>
std::vector<std::vector<std::size_t>> mentions(std::string_view text, const std::vector<std::pair<std::string, std::string>>& names,
                                               Word word) {
  std::vector<std::vector<std::size_t>> at(names.size());
  auto whole = [&](std::size_t p, std::size_t e) { return !(p > 0 && word(text[p - 1])) && !(e < text.size() && word(text[e])); };
  if (names.size() <= 8) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::string& name = names[k].first;
      for (std::size_t p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1))
        if (whole(p, p + name.size())) at[k].push_back(p);
    }
    return at;
  }
  std::unordered_map<std::string_view, std::size_t> index;
  bool first[256] = {}, last[256] = {};
  std::size_t longest = 0;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string& name = names[k].first;
    if (name.empty()) continue;
    index.emplace(name, k);
    first[static_cast<unsigned char>(name.front())] = true;
    last[static_cast<unsigned char>(name.back())] = true;
    longest = std::max(longest, name.size());
  }
  for (std::size_t p = 0; p < text.size(); ++p) {
    if (!first[static_cast<unsigned char>(text[p])] || (p > 0 && word(text[p - 1]))) continue;
    std::size_t stop = std::min(text.size(), p + longest);
    for (std::size_t e = p + 1; e <= stop; ++e) {
      if (!last[static_cast<unsigned char>(text[e - 1])] || (e < text.size() && word(text[e]))) continue;
      auto it = index.find(text.substr(p, e - p));
      if (it != index.end()) at[it->second].push_back(p);
    }
  }
  return at;
}

// Sorts tags stably by start (and, with `by_end_type`, then by end, longest
// first, then by type), as std::stable_sort on the tags would: small keys are
// sorted and each tag moved once, not the tags with their strings at every
// step (a dense text has millions).
void stable_sort_tags(std::vector<Tag>& tags, bool by_end_type) {
  struct Key {
    std::size_t start, end;
    std::string_view type;
    std::uint32_t at;
  };
  std::vector<Key> keys;
  keys.reserve(tags.size());
  for (std::size_t i = 0; i < tags.size(); ++i) keys.push_back({tags[i].start, tags[i].end, tags[i].type, static_cast<std::uint32_t>(i)});
  std::stable_sort(keys.begin(), keys.end(), [by_end_type](const Key& a, const Key& b) {
    if (a.start != b.start) return a.start < b.start;
    if (!by_end_type) return false;
    if (a.end != b.end) return a.end > b.end;
    return a.type < b.type;
  });
  std::vector<Tag> sorted;
  sorted.reserve(tags.size());
  for (const Key& k : keys) sorted.push_back(std::move(tags[k.at]));
  tags = std::move(sorted);
}

}  // namespace

struct Extractor::Prepared {
  std::unordered_map<std::string, std::string> canon;       // folded afdeling variant -> canonical
  std::unordered_map<std::string, std::string> canon_unit;  // canonical -> unit
  std::unique_ptr<RE2> section_re;                          // a numbered section heading
};

Extractor::~Extractor() = default;

Result<std::shared_ptr<const Extractor>> Extractor::load(const std::string& dictionaries_dir) {
  namespace fs = std::filesystem;
  std::shared_ptr<Extractor> x(new Extractor());
  fs::path dir = fs::path(dictionaries_dir) / "extract";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error(Errc::not_found, "no rule folder (expected extract/*.toml)", dir.string());
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  auto made_by = [&](const std::string& type) -> const std::string* {
    for (const auto& f : x->files_)
      if (f->type() == type) return &f->path();
    for (const auto& f : x->word_files_)
      if (f->type() == type) return &f->path();
    return nullptr;
  };
  for (const fs::path& p : paths) {
    std::string type, path;
    if (WordRules::is_word_rule_file(p.string())) {
      auto f = WordRules::load(p.string());
      if (!f.ok()) return f.error();
      type = (*f)->type();
      if (const std::string* other = made_by(type))
        return make_error(Errc::parse, "type '" + type + "' is also made by " + *other + " (one file per tag type)", p.string(), 1);
      x->word_files_.push_back(std::move(*f));
      continue;
    }
    auto f = RuleFile::load(p.string());
    if (!f.ok()) return f.error();
    if (const std::string* other = made_by((*f)->type()))
      return make_error(Errc::parse, "type '" + (*f)->type() + "' is also made by " + *other + " (one file per tag type)",
                        p.string(), 1);
    x->files_.push_back(std::move(*f));
  }
  for (const char* t : kRequired) {
    bool have = made_by(t) != nullptr;
    if (!have) return make_error(Errc::parse, std::string("no rule file with type = \"") + t + "\"", dir.string());
  }
  x->prep_ = std::make_unique<Prepared>();
  for (const Rule& r : x->file("afdeling").rules()) {
    if (r.entry.empty() || r.suppress) continue;
    std::size_t slash = r.id.find('/');
    if (slash != std::string::npos) x->prep_->canon.emplace(r.id.substr(slash + 1), r.entry);
    x->prep_->canon.emplace(fold_key(r.entry), r.entry);
    if (!r.role.empty()) x->prep_->canon_unit.emplace(r.entry, r.role);
  }
  {
    const RuleFile& zk = x->file("zaaknummer");
    std::string pat = zk.setting("case.section_heading").value_or("^\\d{1,2}(?:\\.\\d{1,2})*\\.?\\s+\\p{Lu}");
    RE2::Options o;
    o.set_log_errors(false);
    x->prep_->section_re = std::make_unique<RE2>(pat, o);
    if (!x->prep_->section_re->ok())
      return make_error(Errc::parse, "[case] section_heading: bad pattern: " + x->prep_->section_re->error(), zk.path());
  }
  std::vector<const RuleFile*> all;
  for (const auto& f : x->files_) all.push_back(f.get());
  auto sets = RuleSets::build(all);
  if (!sets.ok()) return sets.error();
  x->sets_ = std::make_unique<RuleSets>(std::move(*sets));
  return std::shared_ptr<const Extractor>(x);
}

const RuleFile& Extractor::file(std::string_view type) const {
  for (const auto& f : files_)
    if (f->type() == type) return *f;
  return *files_.front();  // unreachable: load() checks the required types
}

Extraction Extractor::extract(std::string_view text, const std::vector<Block>& blocks) const {
  Extraction out;
  Folded folded = fold(text);
  std::vector<FoldedBlock> spans;
  for (const Block& b : blocks)
    if (b.kind != PassageKind::noise && b.end > b.start && b.end <= text.size()) spans.push_back({b.start, b.end, b.kind});
  std::stable_sort(spans.begin(), spans.end(), [](const FoldedBlock& a, const FoldedBlock& b) { return a.start < b.start; });

  std::map<std::string, std::vector<Hit>, std::less<>> hits;
  {
    std::vector<std::vector<Hit>> all = sets_->match(text, folded, spans);
    for (std::size_t i = 0; i < files_.size(); ++i) hits[files_[i]->type()] = std::move(all[i]);
  }

  auto rule_of = [&](std::string_view type, const Hit& h) -> const Rule& {
    return file(type).rules()[static_cast<std::size_t>(h.rule)];
  };
  std::vector<Tag>& tags = out.tags;
  auto add = [&](std::string_view type, std::string value, std::size_t s, std::size_t e, std::string_view rule,
                 std::string detail = {}) {
    Tag t;
    t.type = intern(type);
    t.value = std::move(value);
    t.start = s;
    t.end = e;
    t.rule = intern(rule);
    t.detail = std::move(detail);
    tags.push_back(std::move(t));
  };
  auto window = [&](std::string_view type, std::size_t dflt) {
    auto s = file(type).setting("document.within");
    return s ? static_cast<std::size_t>(std::stoull(*s)) : dflt;
  };

  // ---- Document facts ----
  {
    const Hit* best = nullptr;
    for (const Hit& h : hits["doctype"])
      if (!best || rule_of("doctype", h).priority > rule_of("doctype", *best).priority) best = &h;
    out.facts.doctype = best ? best->value : "overig";
    if (best) add("doctype", best->value, best->start, best->end, rule_of("doctype", *best).id);
  }
  {
    std::size_t w = window("organisation", 3000);
    // An issuer in the window, else another organisation there, else an
    // issuer anywhere, else any organisation.
    const Hit* pick[4] = {nullptr, nullptr, nullptr, nullptr};
    for (const Hit& h : hits["organisation"]) {
      add("organisation", tidy_org(h.value), h.start, h.end, rule_of("organisation", h).id);
      bool issuer = rule_of("organisation", h).role == "issuer";
      int k = (h.start < w ? 0 : 2) + (issuer ? 0 : 1);
      if (!pick[k]) pick[k] = &h;
    }
    for (const Hit* p : pick)
      if (p) {
        out.facts.organisation = tidy_org(p->value);
        break;
      }
  }
  {
    std::size_t w = window("date", 4000);
    for (const Hit& h : hits["date"]) {
      add("date", h.value, h.start, h.end, rule_of("date", h).id);
      if (out.facts.date.empty() && h.start < w) out.facts.date = h.value;
    }
  }
  {
    std::size_t w = window("period", 2000);
    const Hit* best = nullptr;
    for (const Hit& h : hits["period"]) {
      add("period", h.value, h.start, h.end, rule_of("period", h).id);
      if (h.start < w && (!best || rule_of("period", h).priority > rule_of("period", *best).priority)) best = &h;
    }
    std::vector<std::string> qdocs = file("period").strings("document.quarter_doctypes");
    if (qdocs.empty()) qdocs = {"kwartaalrapportage"};
    if (best) {
      out.facts.year = std::atoi(best->value.c_str());
      std::size_t q = best->value.find("-Q");
      if (q != std::string::npos && std::find(qdocs.begin(), qdocs.end(), out.facts.doctype) != qdocs.end())
        out.facts.quarter = std::atoi(best->value.c_str() + q + 2);
    } else if (!out.facts.date.empty()) {
      out.facts.year = std::atoi(out.facts.date.c_str());
    }
  }

  // ---- Afdelingen ----
  const RuleFile& af = file("afdeling");
  const auto& canon = prep_->canon;
  const auto& canon_unit = prep_->canon_unit;
  std::vector<std::string> prefix_units = af.strings("units.prefix");
  std::vector<std::string> not_first = af.strings("discover.not_first");
  std::vector<std::string> not_names = af.strings("discover.not_names");
  auto unit_of = [&](std::string_view word) { return af.setting("units." + fold_key(word)).value_or(""); };
  auto valid_name = [&](std::string_view name) {
    name = trim(name);
    if (name.empty() || name.size() > 60 || !is_upper_start(name)) return false;
    std::string k = fold_key(name);
    if (std::find(not_names.begin(), not_names.end(), k) != not_names.end()) return false;
    std::string first = k.substr(0, k.find(' '));
    if (std::find(not_first.begin(), not_first.end(), first) != not_first.end()) return false;
    return std::count(k.begin(), k.end(), ' ') < 6;
  };
  // The canonical value of a found name, and the unit it is.
  auto canonical = [&](std::string_view name, const std::string& unit, std::string_view unit_word) -> std::pair<std::string, std::string> {
    std::string k = fold_key(name);
    if (auto it = canon.find(k); it != canon.end()) return {it->second, canon_unit.count(it->second) ? canon_unit.at(it->second) : unit};
    if (std::find(prefix_units.begin(), prefix_units.end(), unit) != prefix_units.end()) {
      std::string full = fold_key(unit_word.empty() ? unit : unit_word) + " " + std::string(name);
      if (auto it = canon.find(fold_key(full)); it != canon.end()) return {it->second, unit};
      return {full, unit};
    }
    return {std::string(name), unit};
  };
  auto unit_detail = [](const std::string& unit) { return unit.empty() ? std::string() : "{\"unit\":\"" + unit + "\"}"; };
  for (const Hit& h : hits["afdeling"]) {
    const Rule& r = rule_of("afdeling", h);
    if (!r.entry.empty()) {
      std::string_view t = text.substr(h.start, h.end - h.start);
      if (!is_upper_start(t) && !unit_of(t.substr(0, t.find(' '))).size()) continue;
      add("afdeling", r.entry, h.start, h.end, r.id, unit_detail(r.role));
    } else if (r.role == "unit") {
      std::string_view name = text.substr(h.start, h.end - h.start);
      if (!valid_name(name)) continue;
      std::string unit = unit_of(h.groups[0]);
      auto [value, u] = canonical(name, unit, h.groups[0]);
      add("afdeling", value, h.start, h.end, r.id, unit_detail(u));
    } else if (r.role == "list") {
      std::string unit = unit_of(h.groups[0]);
      std::string_view list = text.substr(h.start, h.end - h.start);
      std::vector<std::string_view> items;
      std::size_t a = 0;
      while (a <= list.size()) {
        std::size_t c = list.find(',', a);
        if (c == std::string_view::npos) c = list.size();
        items.push_back(list.substr(a, c - a));
        a = c + 1;
      }
      // The last item holds "A en B": split at the " en " where a part is a
      // known name ("Werkgeversservicepunt en Werk Opleiding en Jongeren"),
      // else at the last one.
      if (!items.empty()) {
        std::string_view last = items.back();
        auto known = [&](std::string_view part) {
          part = trim(part);
          for (std::string_view art : {"het ", "de "})
            if (part.substr(0, art.size()) == art) part.remove_prefix(art.size());
          return canon.count(fold_key(part)) > 0;
        };
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
      for (std::string_view it : items) {
        it = trim(it);
        for (std::string_view art : {"het ", "de "})
          if (it.substr(0, art.size()) == art) it.remove_prefix(art.size());
        if (!valid_name(it)) continue;
        std::size_t s = static_cast<std::size_t>(it.data() - text.data());
        auto [value, u] = canonical(it, unit, h.groups[0]);
        add("afdeling", value, s, s + it.size(), r.id, unit_detail(u));
      }
    }
  }
  // Tables of departments and of outcomes.
  std::vector<std::string> af_headers = af.strings("table.headers");
  const RuleFile& oo = file("oordeel");
  std::vector<std::string> oo_headers = oo.strings("table.headers");
  Coverage table_labels;  // oordeel rows, to drop plain hits there
  // A table: consecutive rows (the normaliser makes each row a block), or one
  // block of several lines.
  std::vector<FoldedBlock> tables;
  for (const FoldedBlock& b : spans) {
    bool row = b.kind == PassageKind::table_row;
    if (row && !tables.empty() && tables.back().kind == PassageKind::table_row && b.start <= tables.back().end + 1)
      tables.back().end = b.end;
    else
      tables.push_back(b);
  }
  for (const FoldedBlock& b : tables) {
    std::size_t nl = text.find('\n', b.start);
    if (nl == std::string_view::npos || nl >= b.end) continue;  // a table has a header and rows
    std::vector<Row> all_rows = parse_table(text, b.start, b.end);
    // Tables that follow each other: a row whose label is a header starts the next one.
    auto is_header = [&](const Row& r) {
      std::string k = fold_key(r.label);
      return std::find(af_headers.begin(), af_headers.end(), k) != af_headers.end() ||
             std::find(oo_headers.begin(), oo_headers.end(), k) != oo_headers.end();
    };
    for (std::size_t t0 = 0; t0 < all_rows.size();) {
    std::size_t t1 = t0 + 1;
    while (t1 < all_rows.size() && !is_header(all_rows[t1])) ++t1;
    std::vector<Row> rows(all_rows.begin() + static_cast<std::ptrdiff_t>(t0), all_rows.begin() + static_cast<std::ptrdiff_t>(t1));
    t0 = t1;
    if (rows.size() < 2) continue;
    std::string head = fold_key(rows[0].label);
    bool dept = std::find(af_headers.begin(), af_headers.end(), head) != af_headers.end();
    bool outcome = std::find(oo_headers.begin(), oo_headers.end(), head) != oo_headers.end();
    if (!dept && !outcome) continue;
    std::string unit = dept ? unit_of(head) : "";
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const Row& row = rows[i];
      if (row.label.empty()) continue;
      std::string counts = json_counts(rows[0].cells, row.cells);
      if (dept) {
        if (!valid_name(row.label)) continue;
        auto [value, u] = canonical(row.label, unit, "");
        std::string detail = unit_detail(u);
        if (!counts.empty()) detail = detail.empty() ? counts : detail.substr(0, detail.size() - 1) + "," + counts.substr(1);
        add("afdeling", value, row.label_start, row.label_end, "afdeling.table", detail);
      } else {
        std::string k = fold_key(row.label), value;
        if (auto s = oo.setting("table.labels." + k)) value = *s;
        for (const Rule& r : oo.rules())
          if (value.empty() && !r.entry.empty() && fold_key(r.entry) == k) value = r.entry;
        if (value.empty()) continue;
        add("oordeel", value, row.label_start, row.label_end, "oordeel.table", counts);
        table_labels.add(row.label_start, row.label_end);
      }
    }
    }
  }
  // Names found from how the report names them (after a unit word, in a
  // list or a table) are this report's departments: tag their other mentions.
  {
    std::vector<std::pair<std::string, std::string>> found;  // as written -> value
    std::unordered_set<std::string> seen;
    for (const Tag& t : tags) {
      if (t.type != "afdeling" || (t.rule != "afdeling.after-unit" && t.rule != "afdeling.list" && t.rule != "afdeling.table"))
        continue;
      std::string as_written = collapse_space(text.substr(t.start, t.end - t.start));
      if (as_written.size() >= 3 && seen.insert(as_written).second) found.emplace_back(std::move(as_written), t.value);
    }
    Coverage have;
    std::unordered_map<std::string, std::string> unit_detail_of;  // value -> {"unit":...} of a found tag
    for (const Tag& t : tags)
      if (t.type == "afdeling") {
        have.add(t.start, t.end);
        auto q = t.detail.find("\"unit\":\"");
        if (q != std::string::npos && !unit_detail_of.count(t.value)) {
          auto z = t.detail.find('"', q + 8);
          unit_detail_of.emplace(t.value, "{" + t.detail.substr(q, z + 1 - q) + "}");
        }
      }
    auto word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || static_cast<unsigned char>(c) >= 0x80; };
    std::vector<std::vector<std::size_t>> at = mentions(text, found, word);
    for (std::size_t k = 0; k < found.size(); ++k) {
      const auto& [name, value] = found[k];
      for (std::size_t p : at[k]) {
        std::size_t e = p + name.size();
        if (have.overlaps(p, e)) continue;
        have.add(p, e);
        auto d = unit_detail_of.find(value);
        add("afdeling", value, p, e, "afdeling.named-in-report", d == unit_detail_of.end() ? std::string() : d->second);
      }
    }
  }
  // Afdeling tags found so far: themes never come from inside them.
  Coverage names;
  for (const Tag& t : tags)
    if (t.type == "afdeling" || t.type == "organisation") names.add(t.start, t.end);
  auto inside_name = [&](std::size_t s, std::size_t e) { return names.overlaps(s, e); };

  // ---- Plain tags of every other type ----
  for (const auto& f : word_files_) {
    const std::string& type = f->type();
    for (const Hit& h : f->match(text, folded, spans)) {
      if (type == "theme" && inside_name(h.start, h.end)) continue;
      add(type, h.value, h.start, h.end, f->rules()[static_cast<std::size_t>(h.rule)].id);
    }
  }
  for (const auto& f : files_) {
    const std::string& type = f->type();
    if (type == "doctype" || type == "organisation" || type == "date" || type == "period" || type == "afdeling") continue;
    for (const Hit& h : hits[type]) {
      if (type == "theme" && inside_name(h.start, h.end)) continue;
      if (type == "oordeel" && table_labels.overlaps(h.start, h.end)) continue;
      add(type, h.value, h.start, h.end, rule_of(type, h).id);
    }
  }

  // ---- Title ----
  {
    std::vector<std::pair<std::size_t, std::size_t>> cover;
    for (const Tag& t : tags)
      if (t.type == "organisation" || t.type == "doctype" || t.type == "date") cover.emplace_back(t.start, t.end);
    std::sort(cover.begin(), cover.end());  // by start: a line's overlaps are among those starting before its end
    std::vector<std::string> skip = file("doctype").strings("title.skip");
    for (const FoldedBlock& b : spans) {
      if (b.start > 4000) break;
      if (b.kind == PassageKind::list_item) continue;
      std::size_t nl = text.find('\n', b.start);
      std::size_t e = std::min(nl == std::string_view::npos ? b.end : nl, b.end);
      std::string_view line = trim(text.substr(b.start, e - b.start));
      bool letters = false;
      for (char c : line) letters |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      // The title stands before the first paragraph (long, or more than one
      // sentence); a numbered section is not one.
      if (!letters) continue;
      if (line.size() > 120 || line.find(". ") != std::string_view::npos) break;
      if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), *prep_->section_re)) continue;
      if (!line.empty() && line[0] >= '0' && line[0] <= '9') continue;  // "6 verzoeken: stijging", a count
      std::size_t covered = 0;
      for (auto [a, z] : cover) {
        if (a >= e) break;
        if (b.start < z) covered += std::min(z, e) - std::max(a, b.start);
      }
      if (covered * 10 >= line.size() * 8) continue;
      if (std::find(skip.begin(), skip.end(), fold_key(strip_numbering(line))) != skip.end()) continue;
      while (!line.empty() && (line.front() == '#' || line.front() == '*' || line.front() == ' ')) line.remove_prefix(1);
      while (!line.empty() && (line.back() == '*' || line.back() == ' ')) line.remove_suffix(1);
      std::string title = collapse_space(line);
      if (title.size() > 160) {
        std::size_t cut = 160;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
        title.resize(cut);
      }
      out.facts.title = title;
      break;
    }
    // No title line: say what the report is ("Kwartaalrapportage 2016 Q1, Gemeentelijke Ombudsman").
    if (out.facts.title.empty() && out.facts.doctype != "overig") {
      std::string t = out.facts.doctype;
      t[0] = static_cast<char>(t[0] - 32);
      if (out.facts.year) t += " " + std::to_string(*out.facts.year);
      if (out.facts.quarter) t += " Q" + std::to_string(*out.facts.quarter);
      if (!out.facts.organisation.empty()) t += ", " + out.facts.organisation;
      out.facts.title = t;
    }
  }

  // ---- Cases ----
  const RuleFile& zk = file("zaaknummer");
  const RE2& section_re = *prep_->section_re;
  std::vector<std::string> end_words = zk.strings("case.end");
  std::size_t title_max = static_cast<std::size_t>(std::stoul(zk.setting("case.title_max").value_or("100")));
  auto line_start = [&](std::size_t p) {
    std::size_t ls = text.rfind('\n', p == 0 ? 0 : p - 1);
    return (ls == std::string_view::npos || p == 0) ? std::size_t{0} : ls + 1;
  };
  auto line_end = [&](std::size_t p) {
    std::size_t le = text.find('\n', p);
    return le == std::string_view::npos ? text.size() : le;
  };
  std::vector<const Hit*> starts, refs, reports;
  for (const Hit& h : hits["zaaknummer"]) {
    const std::string& role = rule_of("zaaknummer", h).role;
    if (role == "case") starts.push_back(&h);
    else if (role == "reference") refs.push_back(&h);
    else if (role == "report") reports.push_back(&h);
  }
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const Hit& h = *starts[i];
    Case c;
    c.zaaknummer = h.value;
    c.start = line_start(h.start);
    std::size_t le = line_end(h.end);
    std::string_view rest = trim(text.substr(h.end, le - h.end));
    while (!rest.empty() && (rest.front() == '-' || rest.front() == ':' || rest.front() == ' ' ||
                             static_cast<unsigned char>(rest.front()) == 0xE2))
      rest = trim(rest.substr(rest.front() == static_cast<char>(0xE2) && rest.size() >= 3 ? 3 : 1));
    if (rest.empty()) {
      std::size_t p = le;
      while (p < text.size() && text[p] == '\n') ++p;
      std::string_view next = trim(text.substr(p, line_end(p) - p));
      if (!next.empty() && next.size() <= title_max && next.back() != '.') rest = next;
    }
    c.title = collapse_space(rest);
    std::size_t end = i + 1 < starts.size() ? line_start(starts[i + 1]->start) : text.size();
    auto first_after = std::upper_bound(spans.begin(), spans.end(), le, [](std::size_t p, const FoldedBlock& r) { return p < r.start; });
    for (auto bi = first_after; bi != spans.end(); ++bi) {
      const FoldedBlock& b = *bi;
      if (b.start >= end) break;
      std::string_view first(text.data() + b.start, line_end(b.start) - b.start);
      bool section = RE2::PartialMatch(re2::StringPiece(first.data(), first.size()), section_re);
      std::string f = fold_key(first.substr(0, 40));
      bool closing = std::any_of(end_words.begin(), end_words.end(), [&](const std::string& w) { return f.rfind(w, 0) == 0; });
      if (section || closing) {
        end = b.start;
        break;
      }
    }
    while (end > c.start && (text[end - 1] == '\n' || text[end - 1] == ' ')) --end;
    c.end = end;
    out.cases.push_back(std::move(c));
  }
  if (out.cases.empty() && out.facts.doctype == "rapport" && !reports.empty()) {
    Case c;
    c.zaaknummer = reports.front()->value;
    c.title = out.facts.title;
    c.start = 0;
    c.end = text.size();
    out.cases.push_back(std::move(c));
  }
  // Cases are in text order and do not overlap: find one by binary search.
  auto case_at = [&](std::size_t pos) -> int {
    auto it = std::upper_bound(out.cases.begin(), out.cases.end(), pos, [](std::size_t p, const Case& c) { return p < c.start; });
    if (it == out.cases.begin()) return -1;
    --it;
    return pos < it->end ? static_cast<int>(it - out.cases.begin()) : -1;
  };
  // Tags in text order, so the tags of a span are one range.
  stable_sort_tags(tags, false);
  for (Tag& t : tags) t.case_index = case_at(t.start);
  auto range = [&](std::size_t a, std::size_t b) {
    auto lo = std::lower_bound(tags.begin(), tags.end(), a, [](const Tag& t, std::size_t p) { return t.start < p; });
    auto hi = std::lower_bound(lo, tags.end(), b, [](const Tag& t, std::size_t p) { return t.start < p; });
    return std::pair{static_cast<std::size_t>(lo - tags.begin()), static_cast<std::size_t>(hi - tags.begin())};
  };
  std::vector<Tag> extra;  // tags made below; merged at the end
  auto add_extra = [&](std::string_view type, std::string value, std::size_t s, std::size_t e, std::string_view rule,
                       std::string detail, int case_index) {
    add(type, std::move(value), s, e, rule, std::move(detail));
    tags.back().case_index = case_index;
    extra.push_back(std::move(tags.back()));
    tags.pop_back();
  };
  std::vector<const FoldedBlock*> headings;
  for (const FoldedBlock& b : spans)
    if (b.kind == PassageKind::heading) headings.push_back(&b);
  auto heading_before = [&](std::size_t pos) -> const FoldedBlock* {  // the last heading starting before pos
    auto it = std::lower_bound(headings.begin(), headings.end(), pos, [](const FoldedBlock* r, std::size_t p) { return r->start < p; });
    return it == headings.begin() ? nullptr : *(it - 1);
  };

  // Sections above cases: their heading names the afdeling (or the theme).
  std::vector<std::string> oordeel_sections = oo.strings("case.sections");
  const FoldedBlock* outside_heading = nullptr;  // nearest heading not inside a case
  std::set<std::pair<std::size_t, std::size_t>> section_afdelingen;  // spans of the afdeling tags made here, in extra
  std::size_t hi_idx = 0;
  for (std::size_t ci = 0; ci < out.cases.size(); ++ci) {
    Case& c = out.cases[ci];
    while (hi_idx < headings.size() && headings[hi_idx]->start < c.start) {
      if (case_at(headings[hi_idx]->start) < 0) outside_heading = headings[hi_idx];
      ++hi_idx;
    }
    const FoldedBlock* heading = outside_heading;
    if (heading) {
      std::size_t he = std::min(line_end(heading->start), heading->end);
      std::string_view raw(text.data() + heading->start, he - heading->start);
      std::string name = strip_numbering(raw);
      std::string unit, unit_word;
      std::string k = fold_key(name);
      std::string w0 = k.substr(0, k.find(' '));
      if (!unit_of(w0).empty() && name.size() > w0.size() + 1) {
        unit = unit_of(w0);
        unit_word = name.substr(0, w0.size());
        name = name.substr(w0.size() + 1);
      }
      bool theme_heading = false;
      auto [a, b] = range(heading->start, he);
      for (std::size_t ti = a; ti < b; ++ti) {
        const Tag& t = tags[ti];
        if (t.type == "theme" && t.end <= he) {
          theme_heading = true;
          if (std::find(c.themes.begin(), c.themes.end(), t.value) == c.themes.end()) c.themes.push_back(t.value);
        }
      }
      if (!theme_heading && valid_name(name)) {
        auto [value, u] = canonical(name, unit.empty() ? "afdeling" : unit, unit_word);
        c.afdeling = value;
        std::size_t s = heading->start + static_cast<std::size_t>(std::string_view(raw).find(name));
        bool have = false;
        auto [a2, b2] = range(s, s + 1);
        for (std::size_t ti = a2; ti < b2; ++ti) have |= tags[ti].type == "afdeling" && tags[ti].end == s + name.size();
        have |= section_afdelingen.count({s, s + name.size()}) > 0;
        if (!have) {
          add_extra("afdeling", value, s, s + name.size(), "afdeling.case-section", unit_detail(u), -1);
          section_afdelingen.emplace(s, s + name.size());
        }
      }
    }
    auto [ca, cb] = range(c.start, c.end);
    if (c.afdeling.empty()) {
      std::size_t lo = c.start, hi = c.end;
      if (out.cases.size() == 1 && c.start == 0) hi = std::min(hi, std::size_t{3000});
      auto [a, b] = range(lo, hi);
      for (std::size_t ti = a; ti < b; ++ti)
        if (tags[ti].type == "afdeling") {
          c.afdeling = tags[ti].value;
          break;
        }
    }
    for (std::size_t ti = ca; ti < cb; ++ti) {
      const Tag& t = tags[ti];
      if (t.type == "theme" && std::find(c.themes.begin(), c.themes.end(), t.value) == c.themes.end()) c.themes.push_back(t.value);
      if (t.type == "status") c.status = t.value;
    }
    // Oordeel: first in the last oordeel/conclusie section, else the last one.
    std::size_t sec_start = 0, sec_end = 0;
    for (std::size_t hj = hi_idx; hj < headings.size() && headings[hj]->start < c.end; ++hj) {
      const FoldedBlock& b = *headings[hj];
      std::string h = fold_key(strip_numbering(text.substr(b.start, std::min(line_end(b.start), b.end) - b.start)));
      if (std::find(oordeel_sections.begin(), oordeel_sections.end(), h) == oordeel_sections.end()) continue;
      sec_start = b.end;
      sec_end = hj + 1 < headings.size() ? std::min(c.end, headings[hj + 1]->start) : c.end;
    }
    std::string in_section, last;
    for (std::size_t ti = ca; ti < cb; ++ti) {
      const Tag& t = tags[ti];
      if (t.type != "oordeel" || t.rule == "oordeel.table") continue;
      last = t.value;
      if (in_section.empty() && t.start >= sec_start && t.start < sec_end) in_section = t.value;
    }
    c.oordeel = !in_section.empty() ? in_section : last;
  }
  // References ("2.1 Communicatie … zie zaaknummer 406") carry the section's theme to the case.
  std::unordered_map<std::string, std::vector<std::size_t>> cases_of;
  for (std::size_t ci = 0; ci < out.cases.size(); ++ci) cases_of[out.cases[ci].zaaknummer].push_back(ci);
  for (const Hit* r : refs) {
    if (case_at(r->start) >= 0) continue;
    const FoldedBlock* heading = heading_before(r->start + 1);
    if (!heading) continue;
    std::size_t he = std::min(line_end(heading->start), heading->end);
    auto [a, b] = range(heading->start, he);
    auto same = cases_of.find(r->value);
    if (same == cases_of.end()) continue;
    for (std::size_t ci : same->second) {
      for (std::size_t ti = a; ti < b; ++ti) {
        if (tags[ti].type != "theme" || tags[ti].end > he) continue;
        std::string theme = tags[ti].value;
        auto& th = out.cases[ci].themes;
        if (std::find(th.begin(), th.end(), theme) == th.end()) th.push_back(theme);
        add_extra("theme", theme, r->start, r->end, "theme.section-reference", {}, static_cast<int>(ci));
      }
    }
  }
  for (Case& c : out.cases) std::sort(c.themes.begin(), c.themes.end());
  for (Tag& t : extra) tags.push_back(std::move(t));

  // Text order; one tag per type, value, span and rule.
  stable_sort_tags(tags, true);
  tags.erase(std::unique(tags.begin(), tags.end(),
                         [](const Tag& a, const Tag& b) {
                           return a.type == b.type && a.start == b.start && a.end == b.end &&
                                  (a.type == "afdeling" || (a.value == b.value && a.case_index == b.case_index));
                         }),
             tags.end());
  return out;
}

}  // namespace omb
