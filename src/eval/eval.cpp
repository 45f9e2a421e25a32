#include "eval/eval.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <toml++/toml.h>

#include "base/fs.h"
#include "extract/toml_file.h"
#include "ingest/decode.h"
#include "text/fold.h"

namespace omb {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kGoldSuffix = ".gold.toml";

const std::set<std::string, std::less<>> kLevels = {"organisation", "dienst", "directie", "cluster", "programma",
                                                    "sector",       "rve",    "afdeling", "team"};


// A value's comparable form: folded, spaces made one, trimmed.
std::string key_form(std::string_view s) {
  const std::string f = fold(s).text;
  std::string out;
  for (char c : f) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A unit's name is compared without a leading level word: the gold writes
// "Keringen" at level sector, and afdeling.toml's units.prefix may keep the
// word in a tag's value ("sector Keringen", "Dienst Werk en Inkomen",
// "wijkteam Kerkebuurt"). The police's "district" and a city's "stadsdeel"
// or "deelgemeente" are written as level sector (the level set has none), a
// ministry's "directoraat-generaal" ("DG X") as level directie, a university's
// "faculteit" as level sector. Every leading level word goes, so that
// "directie Regio Oost" (a directie named "Regio Oost") meets the gold's
// "Regio Oost" at level directie.
std::string value_key(const GoldItem& g) {
  std::string k = key_form(g.value);
  if (g.type != "unit" && g.type != "case_unit") return k;
  for (;;) {
    const std::size_t sp = k.find(' ');
    const std::string_view first = std::string_view(k).substr(0, sp);
    if (sp == std::string::npos || !(kLevels.count(first) || first == "district" || first == "stadsdeel" || first == "deelgemeente" ||
                                     first == "wijkteam" || first == "directoraat-generaal" || first == "dg" ||
                                     first == "faculteit" || first == "regio"))
      return k;
    k.erase(0, sp + 1);
  }
}

std::string item_key(const GoldItem& g) {
  return g.type + '\x1f' + std::to_string(g.line) + '\x1f' + value_key(g) + '\x1f' + g.level;
}

// One [[type]] entry of a gold file: its fields checked, or the error. A
// [[case]]'s `unit` goes to *case_unit ("" when the case names none).
Result<GoldItem> read_entry(const std::string& path, const std::string& type, const toml::node& node,
                            std::optional<std::string>* case_unit) {
  auto err = [&](const toml::node& n, const std::string& msg) { return make_error(Errc::parse, msg, path, toml_line(n)); };
  const toml::table* t = node.as_table();
  if (!t) return err(node, "[[" + type + "]]: expected a table");
  const std::string value_key = type == "unit" ? "name" : type == "case" ? "zaaknummer" : "value";
  GoldItem g;
  g.type = type;
  bool has_line = false, has_value = false, has_level = false;
  for (const auto& [k, v] : *t) {
    const std::string key(k.str());
    if (key == "line") {
      auto n = v.value<std::int64_t>();
      if (!n || *n < 1) return err(v, "[[" + type + "]]: line must be a whole number from 1");
      g.line = static_cast<int>(*n);
      has_line = true;
    } else if (key == value_key) {
      auto s = v.value<std::string>();
      if (!s) return err(v, "[[" + type + "]]: " + value_key + " must be a string");
      if (s->empty() && type != "case") return err(v, "[[" + type + "]]: " + value_key + " is empty");
      g.value = *s;
      has_value = true;
    } else if (key == "level" && type == "unit") {
      auto s = v.value<std::string>();
      if (!s || !kLevels.count(*s))
        return err(v, "[[unit]]: level must be one of organisation, dienst, directie, cluster, programma, sector, "
                      "rve, afdeling, team");
      g.level = *s;
      has_level = true;
    } else if (key == "unit" && type == "case") {
      auto s = v.value<std::string>();
      if (!s) return err(v, "[[case]]: unit must be a string (\"\" when the case names none)");
      *case_unit = *s;
    } else {
      return err(v, "[[" + type + "]]: unknown key '" + key + "'");
    }
  }
  if (!has_line) return err(node, "[[" + type + "]]: no line");
  if (!has_value) return err(node, "[[" + type + "]]: no " + value_key);
  if (type == "unit" && !has_level) return err(node, "[[unit]]: no level");
  return g;
}

// "A-B" (or "A"): a range of source lines, 1 <= A <= B.
std::optional<LineRange> parse_range(std::string_view s) {
  auto num = [](std::string_view t, int& out) {
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && p == t.data() + t.size() && out >= 1;
  };
  LineRange r;
  const std::size_t dash = s.find('-');
  if (dash == std::string_view::npos) {
    if (!num(s, r.first)) return std::nullopt;
    r.last = r.first;
  } else if (!num(s.substr(0, dash), r.first) || !num(s.substr(dash + 1), r.last)) {
    return std::nullopt;
  }
  if (r.last < r.first) return std::nullopt;
  return r;
}

Status read_facts(const std::string& path, const toml::node& node, GoldDoc& d) {
  auto err = [&](const toml::node& n, const std::string& msg) { return make_error(Errc::parse, msg, path, toml_line(n)); };
  const toml::table* t = node.as_table();
  if (!t) return err(node, "[document]: expected a table");
  for (const auto& [k, v] : *t) {
    const std::string key(k.str());
    if (key == "lines") {
      const toml::array* a = v.as_array();
      if (!a || a->empty()) return err(v, "[document]: lines must be a list of ranges, e.g. [\"1-500\", \"881-1070\"]");
      for (const toml::node& e : *a) {
        auto s = e.value<std::string>();
        auto r = s ? parse_range(*s) : std::nullopt;
        if (!r) return err(e, "[document]: a line range reads \"FIRST-LAST\" (1-500), from line 1, FIRST <= LAST");
        d.ranges.push_back(*r);
      }
      continue;
    }
    std::string* field = key == "organisation" ? &d.facts.organisation
                         : key == "doctype"    ? &d.facts.doctype
                         : key == "period"     ? &d.facts.period
                                               : nullptr;
    if (!field && key != "text") return err(v, "[document]: unknown key '" + key + "'");
    auto s = v.value<std::string>();
    if (!s) return err(v, "[document]: " + key + " must be a string");
    if (key == "text") {
      if (s->empty()) return err(v, "[document]: text is empty");
      d.text_path = (fs::path(path).parent_path() / *s).lexically_normal().string();
      continue;
    }
    *field = *s;
  }
  return {};
}

// The source line (1-based, lines split on \n) of each offset of the source.
class Lines {
 public:
  explicit Lines(std::string_view raw) {
    for (std::size_t i = 0; i < raw.size(); ++i)
      if (raw[i] == '\n') nl_.push_back(i);
  }
  int at(std::size_t offset) const {
    return 1 + static_cast<int>(std::lower_bound(nl_.begin(), nl_.end(), offset) - nl_.begin());
  }

 private:
  std::vector<std::size_t> nl_;
};

std::string unit_level(const Tag& t) {
  if (t.detail.empty()) return "afdeling";
  const auto j = nlohmann::json::parse(t.detail, nullptr, false);
  if (j.is_object() && j.contains("unit") && j["unit"].is_string()) {
    const std::string u = j["unit"].get<std::string>();
    if (kLevels.count(u)) return u;
  }
  // A unit whose word is no level of the gold ("gemeente"): the level it stands at.
  if (j.is_object() && j.contains("level") && j["level"].is_string()) {
    const std::string l = j["level"].get<std::string>();
    if (kLevels.count(l)) return l;
  }
  return "afdeling";
}

}  // namespace

Result<GoldDoc> load_gold(const std::string& gold_path) {
  GoldDoc d;
  d.gold_path = gold_path;
  if (gold_path.size() <= kGoldSuffix.size() ||
      gold_path.compare(gold_path.size() - kGoldSuffix.size(), kGoldSuffix.size(), kGoldSuffix) != 0)
    return make_error(Errc::usage, "a gold file's name ends in .gold.toml (report.gold.toml for report.txt)",
                      gold_path);
  // report.txt.gold.toml, or report.gold.toml beside report.txt (or .md).
  d.text_path = gold_path.substr(0, gold_path.size() - kGoldSuffix.size());
  for (const char* ext : {".txt", ".md"}) {
    std::error_code ec;
    if (fs::exists(d.text_path, ec)) break;
    if (fs::exists(d.text_path + ext, ec)) d.text_path += ext;
  }
  auto parsed = read_toml(gold_path, "gold file");
  if (!parsed.ok()) return parsed.error();
  const toml::table& doc = *parsed;
  bool has_document = false;
  for (const auto& [k, v] : doc) {
    const std::string key(k.str());
    if (key == "document") {
      OMB_TRY(read_facts(gold_path, v, d));
      has_document = true;
      continue;
    }
    if (key != "unit" && key != "theme" && key != "oordeel" && key != "zaaknummer" && key != "case")
      return make_error(Errc::parse,
                        "unknown section '" + key + "' (document, unit, theme, oordeel, zaaknummer or case)",
                        gold_path, toml_line(v));
    const toml::array* a = v.as_array();
    if (!a) return make_error(Errc::parse, "'" + key + "' must be written [[" + key + "]]", gold_path, toml_line(v));
    std::size_t cases = 0, with_unit = 0;
    for (const toml::node& e : *a) {
      std::optional<std::string> unit;
      OMB_TRY_ASSIGN(item, read_entry(gold_path, key, e, &unit));
      const int line = item.line;
      d.items.push_back(std::move(item));
      if (key != "case") continue;
      ++cases;
      if (!unit) continue;
      ++with_unit;
      if (!unit->empty()) d.items.push_back({"case_unit", line, *unit, "", ""});
    }
    if (with_unit > 0 && with_unit < cases)
      return make_error(Errc::parse, "a unit on " + std::to_string(with_unit) + " of " + std::to_string(cases) +
                                         " [[case]] entries: give it on every case or on none",
                        gold_path, toml_line(v));
    d.case_units = d.case_units || with_unit > 0;
  }
  if (!has_document) return make_error(Errc::parse, "no [document] table (organisation, doctype, period)", gold_path, 1);
  for (const GoldItem& g : d.items)
    if (!d.covers(g.line))
      return make_error(Errc::parse,
                        "[[" + g.type + "]] on line " + std::to_string(g.line) + ", outside the [document] lines",
                        gold_path);
  return d;
}

bool GoldDoc::covers(int line) const {
  if (ranges.empty()) return true;
  return std::any_of(ranges.begin(), ranges.end(), [&](const LineRange& r) { return r.first <= line && line <= r.last; });
}

Result<std::vector<std::string>> find_gold(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        const std::string name = it->path().string();
        if (it->is_regular_file(ec) && name.size() > kGoldSuffix.size() &&
            name.compare(name.size() - kGoldSuffix.size(), kGoldSuffix.size(), kGoldSuffix) == 0)
          found.push_back(name);
      }
      if (ec) return make_error(Errc::io, "cannot read the folder: " + ec.message(), p);
      if (found.empty()) return make_error(Errc::not_found, "no *.gold.toml in this folder", p);
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      return make_error(Errc::not_found, "no such file or folder", p);
    }
  }
  return out;
}

Findings find(const std::string& raw, const Normalizer& normalizer, const Extractor& extractor) {
  const Normalized n = normalizer.normalize(raw);
  const Extraction e = extractor.extract(n.text, n.blocks, &n.map);
  const Lines lines(raw);
  auto line = [&](std::size_t start, std::size_t end) { return lines.at(n.map.to_source(start, end).start); };
  Findings f;
  f.facts.organisation = e.facts.organisation;
  f.facts.doctype = e.facts.doctype;
  f.facts.period = e.facts.period;
  std::set<std::string> seen;
  auto add = [&](GoldItem g) {
    if (seen.insert(item_key(g)).second) f.items.push_back(std::move(g));
  };
  for (const Tag& t : e.tags) {
    GoldItem g;
    if (t.type == "afdeling") {
      g.type = "unit";
      g.level = unit_level(t);
    } else if (t.type == "theme" || t.type == "oordeel" || t.type == "zaaknummer") {
      // A row of an outcome table is a count of verdicts, kept with its
      // numbers for signals; the gold has no entry for counts.
      if (t.rule == "oordeel.table") continue;
      g.type = std::string(t.type);
    } else {
      continue;
    }
    // A number in a running head the normaliser dropped: its source line.
    const auto src = source_span(t);
    g.line = src ? lines.at(src->first) : line(t.start, t.end);
    g.value = t.value;
    g.rule = std::string(t.rule);
    add(std::move(g));
  }
  for (const Case& c : e.cases) {
    add({"case", line(c.start, c.end), c.zaaknummer, "", "case"});
    if (!c.afdeling.empty()) add({"case_unit", line(c.start, c.end), c.afdeling, "", "case"});
  }
  return f;
}

void score(const GoldDoc& gold, const Findings& found, EvalReport& report) {
  ++report.documents;
  // Gold, once per key.
  std::map<std::string, const GoldItem*> want;
  for (const GoldItem& g : gold.items) want.emplace(item_key(g), &g);
  std::map<std::string, const GoldItem*> got;
  for (const GoldItem& g : found.items)
    if (gold.covers(g.line) && (g.type != "case_unit" || gold.case_units)) got.emplace(item_key(g), &g);
  // A finding on the line next to a gold item of the same type and value
  // is that item: a sentence that runs over a line break is annotated on
  // one of its lines, and a rule's match may start on the other. Exact
  // lines pair first; then each leftover pairs with one neighbour at most.
  std::set<std::string> near_want, near_got;
  for (const auto& [k, g] : want) {
    if (got.count(k)) continue;
    for (int d : {-1, 1}) {
      GoldItem n = *g;
      n.line += d;
      std::string nk = item_key(n);
      if (got.count(nk) && !want.count(nk) && !near_got.count(nk)) {
        near_want.insert(k);
        near_got.insert(nk);
        break;
      }
    }
  }
  std::vector<Mismatch> mm;
  for (const auto& [k, g] : want) {
    TypeScore& s = report.types[g->type];
    ++s.gold;
    if (got.count(k) || near_want.count(k)) ++s.right;
    else mm.push_back({gold.text_path, *g, true});
  }
  for (const auto& [k, g] : got) {
    ++report.types[g->type].found;
    TypeScore& rule = report.rules[g->type + " " + g->rule];
    ++rule.found;
    if (!want.count(k) && !near_got.count(k)) mm.push_back({gold.text_path, *g, false});
    else ++rule.right;
  }
  std::stable_sort(mm.begin(), mm.end(), [](const Mismatch& a, const Mismatch& b) {
    if (a.item.line != b.item.line) return a.item.line < b.item.line;
    return a.miss > b.miss;
  });
  report.mismatches.insert(report.mismatches.end(), mm.begin(), mm.end());

  auto fact = [&](const std::string& field, const std::string& w, const std::string& g) {
    auto& [right, docs] = report.facts[field];
    ++docs;
    if (key_form(w) == key_form(g)) ++right;
    else report.fact_mismatches.push_back({gold.text_path, field, w, g});
  };
  fact("organisation", gold.facts.organisation, found.facts.organisation);
  fact("doctype", gold.facts.doctype, found.facts.doctype);
  fact("period", gold.facts.period, found.facts.period);

  report.micro = {};
  for (int i = 0; i < kEvalMicroTypes; ++i) {
    const TypeScore& s = report.types[kEvalTypes[i]];
    report.micro.gold += s.gold;
    report.micro.found += s.found;
    report.micro.right += s.right;
  }
}

Result<EvalReport> evaluate(const std::vector<std::string>& gold_paths, const Normalizer& normalizer,
                            const Extractor& extractor) {
  EvalReport report;
  for (const char* t : kEvalTypes) report.types[t];
  for (const std::string& gp : gold_paths) {
    OMB_TRY_ASSIGN(gold, load_gold(gp));
    auto bytes = read_file(gold.text_path);
    if (!bytes.ok()) return bytes.error();
    auto dec = decode_text(std::move(bytes).value());
    if (!dec.ok()) {
      Error e = dec.error();
      e.file = gold.text_path;
      return e;
    }
    score(gold, find(dec->text, normalizer, extractor), report);
  }
  return report;
}

}  // namespace omb
