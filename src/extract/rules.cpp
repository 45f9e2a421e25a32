#include "extract/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <toml++/toml.h>

#include "text/fold.h"

namespace omb {

namespace {

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Folds the non-ASCII letters of a pattern (é → e) so it meets folded text;
// ASCII (and so every escape and class) stays as it is.
std::string fold_pattern(std::string_view p) {
  std::string out;
  std::size_t i = 0;
  while (i < p.size()) {
    if (static_cast<unsigned char>(p[i]) < 0x80) {
      out += p[i++];
      continue;
    }
    std::size_t j = i + 1;
    while (j < p.size() && (static_cast<unsigned char>(p[j]) & 0xC0) == 0x80) ++j;
    out += fold_key(p.substr(i, j - i));
    i = j;
  }
  return out;
}

// The spans of the hits kept so far, which never overlap one another:
// answers "does [s, e) overlap one of them?" (s < end && start < e, as the
// pairwise test had it) in O(log n). Kept non-empty spans are disjoint, so
// ordered by start they are ordered by end too and only the last one that
// starts before e can reach past s; empty spans are points, kept apart.
class Taken {
 public:
  bool overlaps(std::size_t s, std::size_t e) const {
    auto it = spans_.lower_bound(e);  // the first starting at or after e
    if (it != spans_.begin() && std::prev(it)->second > s) return true;
    auto p = points_.upper_bound(s);  // the first point after s
    return p != points_.end() && *p < e;
  }
  void add(std::size_t s, std::size_t e) {
    if (s == e) points_.insert(s);
    else spans_.emplace(s, e);
  }

 private:
  std::map<std::size_t, std::size_t> spans_;  // start -> end
  std::set<std::size_t> points_;
};

std::optional<PassageKind> kind_from(std::string_view s) {
  for (PassageKind k : {PassageKind::paragraph, PassageKind::heading, PassageKind::list_item, PassageKind::table_row,
                        PassageKind::noise})
    if (s == passage_kind_name(k)) return k;
  return std::nullopt;
}

}  // namespace

MatchWork& match_work() {
  thread_local MatchWork w;
  return w;
}

std::string phrase_pattern(std::string_view phrase) {
  std::string folded = fold_key(phrase);
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < folded.size()) {
    std::size_t sp = folded.find(' ', i);
    if (sp == std::string::npos) sp = folded.size();
    std::string_view w(folded.data() + i, sp - i);
    i = sp + 1;
    if (w.empty()) continue;
    if (!first) out += "\\s+";
    bool lead = w.front() == '*', trail = w.size() > 1 && w.back() == '*';
    if (lead) w.remove_prefix(1);
    if (trail) w.remove_suffix(1);
    if (first && !lead && !w.empty() && is_word(w.front())) out += "\\b";
    if (lead) out += "\\w*";
    out += RE2::QuoteMeta(re2::StringPiece(w.data(), w.size()));
    if (trail) out += "\\w*";
    first = false;
    if (i >= folded.size() && !trail && !w.empty() && is_word(w.back())) out += "\\b";
  }
  return out;
}

struct RuleFile::Sets {
  std::unique_ptr<RE2::Set> folded, text;
  std::vector<int> folded_ids, text_ids;  // set index -> rule index
};

RuleFile::~RuleFile() = default;

std::vector<std::string> RuleFile::strings(std::string_view key) const {
  for (const auto& [k, v] : arrays_)
    if (k == key) return v;
  return {};
}

std::optional<std::string> RuleFile::setting(std::string_view key) const {
  for (const auto& [k, v] : settings_)
    if (k == key) return v;
  return std::nullopt;
}

Result<std::unique_ptr<RuleFile>> RuleFile::load(const std::string& path) {
  std::unique_ptr<RuleFile> f(new RuleFile());
  f->path_ = path;
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());
    if (what.find("File could not be opened") != std::string::npos || what.find("could not be opened") != std::string::npos)
      return make_error(Errc::io, "cannot read the rule file", path);
    return make_error(Errc::parse, "TOML: " + what, path, static_cast<int>(e.source().begin.line));
  } catch (const std::exception& e) {
    return make_error(Errc::io, std::string("cannot read the rule file: ") + e.what(), path);
  }
  auto err = [&](const toml::node& n, const std::string& msg) { return make_error(Errc::parse, msg, path, line_of(n)); };

  const toml::node* type = doc.get("type");
  if (!type || !type->is_string()) return make_error(Errc::parse, "missing `type = \"...\"` (the tag type this file makes)", path, 1);
  f->type_ = **type->as_string();
  if (f->type_.empty()) return err(*type, "`type` is empty");
  if (const toml::node* ov = doc.get("overlap")) {
    if (!ov->is_string() || (**ov->as_string() != "type" && **ov->as_string() != "value"))
      return err(*ov, "`overlap` must be \"type\" or \"value\"");
    f->overlap_by_value_ = **ov->as_string() == "value";
  }

  auto string_array = [&](const toml::node& n, const std::string& what, std::vector<std::string>& out) -> Status {
    const toml::array* a = n.as_array();
    if (!a) return err(n, "`" + what + "` must be an array of strings");
    for (const toml::node& e : *a) {
      if (!e.is_string()) return err(e, "`" + what + "` must hold strings only");
      out.push_back(**e.as_string());
    }
    return {};
  };

  auto compile = [&](Rule& r, const std::string& pattern, const toml::node& at) -> Status {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(r.on_text);
    std::string p = "(?m)" + (r.on_text ? pattern : fold_pattern(pattern));
    r.re = std::make_unique<RE2>(p, o);
    if (!r.re->ok())
      return err(at, "rule '" + r.id + "': bad pattern: " + r.re->error() +
                         (r.re->error_arg().empty() ? "" : " at '" + r.re->error_arg() + "'"));
    if (r.span > r.re->NumberOfCapturingGroups())
      return err(at, "rule '" + r.id + "': span = " + std::to_string(r.span) + " but the pattern has " +
                         std::to_string(r.re->NumberOfCapturingGroups()) + " capture group(s)");
    return {};
  };

  auto check_unique = [&](const std::string& id, const toml::node& at) -> Status {
    for (const Rule& o : f->rules_)
      if (o.id == id && !o.suppress) return err(at, "duplicate rule id '" + id + "' (first on line " + std::to_string(o.line) + ")");
    return {};
  };

  // [[entry]]: canonical value + phrases / patterns / exclusions / examples.
  if (const toml::node* entries = doc.get("entry")) {
    const toml::array* arr = entries->as_array();
    if (!arr) return err(*entries, "`entry` must be written [[entry]]");
    for (const toml::node& en : *arr) {
      const toml::table* t = en.as_table();
      if (!t) return err(en, "`entry` must be written [[entry]]");
      const toml::node* v = t->get("value");
      if (!v || !v->is_string() || (**v->as_string()).empty()) return err(en, "entry without a `value` (its canonical form)");
      std::string value = **v->as_string();
      int priority = 0;
      if (const toml::node* p = t->get("priority")) {
        if (!p->is_integer()) return err(*p, "`priority` must be a whole number");
        priority = static_cast<int>(**p->as_integer());
      }
      for (auto&& [k, node] : *t) {
        std::string key(k.str());
        if (key != "value" && key != "phrases" && key != "patterns" && key != "exclude" && key != "examples" &&
            key != "counter_examples" && key != "priority" && key != "role" && key != "note")
          return err(node, "entry '" + value + "': unknown key `" + key + "`");
      }
      std::string role;
      if (const toml::node* r = t->get("role"); r && r->is_string()) role = **r->as_string();
      bool any = false;
      for (const char* kind : {"phrases", "patterns", "exclude"}) {
        const toml::node* n = t->get(kind);
        if (!n) continue;
        const toml::array* a = n->as_array();
        if (!a) return err(*n, "entry '" + value + "': `" + kind + "` must be an array of strings");
        int k = 0;
        for (const toml::node& e : *a) {
          if (!e.is_string() || (**e.as_string()).empty()) return err(e, "entry '" + value + "': `" + kind + "` must hold non-empty strings");
          std::string s = **e.as_string();
          Rule r;
          r.entry = value;
          r.value = value;
          r.role = role;
          r.priority = priority;
          r.line = line_of(e);
          bool pattern = std::string_view(kind) == "patterns";
          r.suppress = std::string_view(kind) == "exclude";
          r.id = f->type_ + "." + value + (r.suppress ? "/not:" : "/") + (pattern ? "re" + std::to_string(++k) : fold_key(s));
          // The same phrase twice (differing only in case or accents) is one rule.
          if (std::any_of(f->rules_.begin(), f->rules_.end(), [&](const Rule& o) { return o.id == r.id; })) continue;
          OMB_TRY(compile(r, pattern ? s : phrase_pattern(s), e));
          f->rules_.push_back(std::move(r));
          any |= !r.suppress;
        }
      }
      if (!any) return err(en, "entry '" + value + "' has no phrases or patterns");
      for (const char* kind : {"examples", "counter_examples"}) {
        const toml::node* n = t->get(kind);
        if (!n) continue;
        const toml::array* a = n->as_array();
        if (!a) return err(*n, "entry '" + value + "': `" + kind + "` must be an array of strings");
        for (const toml::node& e : *a) {
          if (!e.is_string()) return err(e, "entry '" + value + "': `" + kind + "` must hold strings");
          f->examples_.push_back({line_of(e), **e.as_string(), value, value, std::string_view(kind) != "examples"});
        }
      }
    }
  }

  // [[rule]]: one pattern with its own id.
  if (const toml::node* rules = doc.get("rule")) {
    const toml::array* arr = rules->as_array();
    if (!arr) return err(*rules, "`rule` must be written [[rule]]");
    for (const toml::node& rn : *arr) {
      const toml::table* t = rn.as_table();
      if (!t) return err(rn, "`rule` must be written [[rule]]");
      Rule r;
      r.line = line_of(rn);
      const toml::node* id = t->get("id");
      if (!id || !id->is_string() || (**id->as_string()).empty()) return err(rn, "rule without an `id`");
      r.id = f->type_ + "." + **id->as_string();
      OMB_TRY(check_unique(r.id, *id));
      const toml::node* pat = t->get("pattern");
      if (!pat || !pat->is_string()) return err(rn, "rule '" + r.id + "' without a `pattern`");
      for (auto&& [k, node] : *t) {
        std::string key(k.str());
        if (key == "id" || key == "pattern" || key == "examples" || key == "counter_examples" || key == "note") continue;
        if (key == "value" || key == "role" || key == "on" || key == "reject" || key == "case") {
          if (!node.is_string()) return err(node, "rule '" + r.id + "': `" + key + "` must be a string");
          std::string s = **node.as_string();
          if (key == "value") r.value = s;
          else if (key == "role") r.role = s;
          else if (key == "on") {
            if (s != "text" && s != "folded") return err(node, "rule '" + r.id + "': `on` must be \"text\" or \"folded\"");
            r.on_text = s == "text";
          } else if (key == "case") {
            if (s != "upper") return err(node, "rule '" + r.id + "': `case` can only be \"upper\"");
            r.upper = true;
          } else {
            RE2::Options o;
            o.set_log_errors(false);
            r.reject = std::make_unique<RE2>(s, o);
            if (!r.reject->ok()) return err(node, "rule '" + r.id + "': bad `reject` pattern: " + r.reject->error());
          }
        } else if (key == "span" || key == "priority" || key == "within") {
          if (!node.is_integer() || **node.as_integer() < 0) return err(node, "rule '" + r.id + "': `" + key + "` must be a whole number >= 0");
          auto n = **node.as_integer();
          if (key == "span") r.span = static_cast<int>(n);
          else if (key == "priority") r.priority = static_cast<int>(n);
          else r.within = static_cast<std::size_t>(n);
        } else if (key == "blocks") {
          std::vector<std::string> kinds;
          OMB_TRY(string_array(node, "blocks", kinds));
          for (const std::string& k2 : kinds) {
            auto kk = kind_from(k2);
            if (!kk) return err(node, "rule '" + r.id + "': unknown block kind '" + k2 + "' (paragraph, heading, list_item, table_row)");
            r.blocks.push_back(*kk);
          }
        } else {
          return err(node, "rule '" + r.id + "': unknown key `" + key + "`");
        }
      }
      OMB_TRY(compile(r, **pat->as_string(), *pat));
      if (!r.value.empty() && r.value[0] == '$') {
        int g = std::atoi(r.value.c_str() + 1);
        if (g < 1 || g > r.re->NumberOfCapturingGroups())
          return err(*pat, "rule '" + r.id + "': value " + r.value + " names a capture group the pattern does not have");
      }
      for (const char* kind : {"examples", "counter_examples"}) {
        const toml::node* n = t->get(kind);
        if (!n) continue;
        std::vector<std::string> ex;
        OMB_TRY(string_array(*n, kind, ex));
        const toml::array* a = n->as_array();
        for (std::size_t i = 0; i < ex.size(); ++i) {
          bool neg = std::string_view(kind) != "examples";
          std::string text = ex[i], value;
          if (!neg) {
            std::size_t arrow = text.rfind(" => ");
            if (arrow == std::string::npos) return err(*a->get(i), "rule '" + r.id + "': example must read 'text => value'");
            value = text.substr(arrow + 4);
            text.resize(arrow);
          }
          f->examples_.push_back({line_of(*a->get(i)), text, value, r.id, neg});
        }
      }
      f->rules_.push_back(std::move(r));
    }
  }

  // Everything else: interpreter settings, flattened to "table.key".
  std::function<Status(const toml::table&, const std::string&)> flatten = [&](const toml::table& t, const std::string& prefix) -> Status {
    for (auto&& [k, node] : t) {
      std::string key = prefix + std::string(k.str());
      if (prefix.empty() && (key == "type" || key == "overlap" || key == "entry" || key == "rule")) continue;
      if (prefix.empty() && !node.is_table())
        return err(node, "unknown key `" + key + "` (a rule file has `type`, `overlap`, [[entry]], [[rule]] and [settings] tables)");
      if (const toml::table* sub = node.as_table()) {
        OMB_TRY(flatten(*sub, key + "."));
      } else if (node.is_array()) {
        std::vector<std::string> v;
        OMB_TRY(string_array(node, key, v));
        f->arrays_.emplace_back(key, std::move(v));
      } else if (node.is_string()) {
        f->settings_.emplace_back(key, **node.as_string());
      } else if (node.is_integer()) {
        f->settings_.emplace_back(key, std::to_string(**node.as_integer()));
      } else {
        return err(node, "`" + key + "` must be a string, a number, an array of strings or a table");
      }
    }
    return {};
  };
  OMB_TRY(flatten(doc, ""));

  OMB_TRY(f->compile_set());
  OMB_TRY(f->check_examples());
  return f;
}

Status RuleFile::compile_set() {
  sets_ = std::make_unique<Sets>();
  for (int mode = 0; mode < 2; ++mode) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(mode == 1);
    o.set_max_mem(64 << 20);
    auto set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    std::vector<int>& ids = mode == 0 ? sets_->folded_ids : sets_->text_ids;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (rules_[i].on_text != (mode == 1)) continue;
      std::string error;
      if (set->Add(rules_[i].re->pattern(), &error) < 0)
        return make_error(Errc::parse, "rule '" + rules_[i].id + "': " + error, path_, rules_[i].line);
      ids.push_back(static_cast<int>(i));
    }
    if (!ids.empty() && !set->Compile()) return make_error(Errc::parse, "the rules are too large to compile together", path_);
    (mode == 0 ? sets_->folded : sets_->text) = std::move(set);
  }
  return {};
}

Status RuleFile::check_examples() {
  for (const Example& e : examples_) {
    Folded fo = fold(e.text);
    std::vector<FoldedBlock> one{{0, e.text.size(), PassageKind::paragraph}};
    bool by_rule = std::any_of(rules_.begin(), rules_.end(),
                               [&](const Rule& r) { return r.id == e.entry_or_rule && r.entry.empty(); });
    // The example tests its own rule (or its entry's rules) alone; context
    // (within, blocks) is ignored.
    std::vector<int> own;
    for (std::size_t i = 0; i < rules_.size(); ++i)
      if (by_rule ? rules_[i].id == e.entry_or_rule : rules_[i].entry == e.entry_or_rule) own.push_back(static_cast<int>(i));
    std::vector<Hit> hits = match_one(e.text, fo, one[0], own);
    bool found = false;
    std::string got;
    for (const Hit& h : hits) {
      const Rule& r = rules_[static_cast<std::size_t>(h.rule)];
      bool same = by_rule ? r.id == e.entry_or_rule : r.entry == e.entry_or_rule;
      if (!same) continue;
      if (e.negative || h.value == e.value) found = true;
      if (!got.empty()) got += ", ";
      got += h.value;
    }
    std::string by = by_rule ? " by rule " + e.entry_or_rule : "";
    if (e.negative && found)
      return make_error(Errc::parse, "counter-example matches: '" + e.text + "' gives '" + got + "'" + by, path_, e.line);
    if (!e.negative && !found)
      return make_error(Errc::parse, "example does not hold: '" + e.text + "' should give '" + (by_rule ? e.value : e.entry_or_rule) +
                                         "'" + by + ", got " + (got.empty() ? "nothing" : "'" + got + "'"),
                        path_, e.line);
  }
  return {};
}

// "{year}-Q{quarter|quarters}", "{month|months|02}": named groups, looked up
// in a settings table, zero-padded. Empty when a group is unset or a lookup fails.
std::string RuleFile::expand(const Rule& r, const std::vector<std::string>& groups) const {
  const auto& names = r.re->NamedCapturingGroups();
  std::string out;
  std::size_t i = 0;
  const std::string& t = r.value;
  while (i < t.size()) {
    if (t[i] != '{') {
      out += t[i++];
      continue;
    }
    std::size_t close = t.find('}', i);
    if (close == std::string::npos) return {};
    std::string spec = t.substr(i + 1, close - i - 1);
    i = close + 1;
    std::vector<std::string> parts;
    for (std::size_t a = 0;;) {
      std::size_t bar = spec.find('|', a);
      parts.push_back(spec.substr(a, bar == std::string::npos ? std::string::npos : bar - a));
      if (bar == std::string::npos) break;
      a = bar + 1;
    }
    auto it = names.find(parts[0]);
    if (it == names.end() || it->second < 1 || static_cast<std::size_t>(it->second) > groups.size()) return {};
    std::string v = groups[static_cast<std::size_t>(it->second - 1)];
    if (v.empty()) return {};
    for (std::size_t k = 1; k < parts.size(); ++k) {
      const std::string& f = parts[k];
      if (!f.empty() && std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::size_t w = static_cast<std::size_t>(std::stoi(f));
        if (v.size() < w) v.insert(0, w - v.size(), '0');
      } else {
        auto s = setting(f + "." + fold_key(v));
        if (!s) return {};
        v = *s;
      }
    }
    out += v;
  }
  return out;
}

std::vector<Hit> RuleFile::match_one(std::string_view text, const Folded& folded, const FoldedBlock& block,
                                     std::vector<int> rules) const {
  std::vector<Hit> hits;
  // Folded offsets of the block.
  std::size_t fs = block.fstart, fe = block.fend;
  if (fs == static_cast<std::size_t>(-1)) {
    fs = folded.folded(block.start);
    fe = std::min(folded.folded(block.end), folded.text.size());
  }
  for (int ri : rules) {
    const Rule& r = rules_[static_cast<std::size_t>(ri)];
    std::string_view hay = r.on_text ? text : std::string_view(folded.text);
    std::size_t from = r.on_text ? block.start : fs, to = r.on_text ? block.end : fe;
    re2::StringPiece input(hay.data(), hay.size());
    int ng = r.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(static_cast<std::size_t>(ng) + 1);
    auto src = [&](std::size_t off) -> std::size_t { return r.on_text ? off : folded.source(off); };
    while (from <= to) {
      ++match_work().re2_calls;
      if (!r.re->Match(input, from, to, RE2::UNANCHORED, g.data(), ng + 1)) break;
      std::size_t ms = static_cast<std::size_t>(g[0].data() - hay.data()), me = ms + g[0].size();
      Hit h;
      h.rule = ri;
      h.match_start = src(ms);
      h.match_end = src(me);
      for (int i = 1; i <= ng; ++i) {
        if (!g[static_cast<std::size_t>(i)].data()) {
          h.groups.emplace_back();
          continue;
        }
        std::size_t gs = static_cast<std::size_t>(g[static_cast<std::size_t>(i)].data() - hay.data());
        std::size_t a = src(gs), b = src(gs + g[static_cast<std::size_t>(i)].size());
        h.groups.push_back(collapse_space(text.substr(a, b - a)));
      }
      if (r.span > 0 && g[static_cast<std::size_t>(r.span)].data()) {
        std::size_t gs = static_cast<std::size_t>(g[static_cast<std::size_t>(r.span)].data() - hay.data());
        h.start = src(gs);
        h.end = src(gs + g[static_cast<std::size_t>(r.span)].size());
      } else {
        h.start = h.match_start;
        h.end = h.match_end;
      }
      if (r.value.find('{') != std::string::npos) {
        h.value = expand(r, h.groups);
      } else if (!r.entry.empty() && (r.value.empty() || r.value[0] != '$')) {
        h.value = r.value;
      } else if (!r.value.empty() && r.value[0] == '$') {
        h.value = h.groups[static_cast<std::size_t>(std::atoi(r.value.c_str() + 1) - 1)];
      } else if (!r.value.empty()) {
        h.value = r.value;
      } else if (ng >= 1) {
        h.value = h.groups[0];
      } else {
        h.value = collapse_space(text.substr(h.match_start, h.match_end - h.match_start));
      }
      if (r.upper)
        for (char& c : h.value) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      bool rejected = h.value.empty() || (r.reject && RE2::FullMatch(h.value, *r.reject));
      if (!rejected) hits.push_back(std::move(h));
      from = me > from ? me : from + 1;
    }
  }
  // Exclusions cancel overlapping hits of their entry. Per entry, the
  // exclusions' spans by start with the largest end so far: a hit overlaps
  // one iff the exclusions starting before its end reach past its start.
  // (Every hit against every other was quadratic in a block's hits: #15.)
  MatchWork& work = match_work();
  std::unordered_map<std::string_view, std::vector<std::pair<std::size_t, std::size_t>>> excl;  // entry -> (start, end)
  for (const Hit& x : hits) {
    const Rule& xr = rules_[static_cast<std::size_t>(x.rule)];
    if (xr.suppress) excl[xr.entry].emplace_back(x.match_start, x.match_end);
  }
  for (auto& [entry, spans] : excl) {
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) spans[i].second = std::max(spans[i].second, spans[i - 1].second);
  }
  std::vector<Hit> kept;
  kept.reserve(hits.size());
  for (Hit& h : hits) {
    const Rule& r = rules_[static_cast<std::size_t>(h.rule)];
    if (r.suppress) continue;
    ++work.hit_checks;
    if (!excl.empty()) {
      auto it = excl.find(r.entry);
      if (it != excl.end()) {
        const auto& spans = it->second;
        auto before = std::lower_bound(spans.begin(), spans.end(), h.match_end,
                                       [](const std::pair<std::size_t, std::size_t>& x, std::size_t e) { return x.first < e; });
        if (before != spans.begin() && std::prev(before)->second > h.match_start) continue;
      }
    }
    kept.push_back(std::move(h));
  }
  // Overlaps: priority, then length, then earliest. A hit is kept unless it
  // overlaps one kept before it (of its value, with overlap = "value"); the
  // kept ones are looked up in a Taken (O(log n)), not compared one by one.
  // Small keys are sorted, not the hits with their strings (a dense block
  // has a million), and each hit is moved once.
  struct Key {
    int priority, rule;
    std::size_t length, start;
    std::uint32_t at;  // index into kept: equal keys keep the order found
  };
  std::vector<Key> keys;
  keys.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const Hit& h = kept[i];
    keys.push_back({rules_[static_cast<std::size_t>(h.rule)].priority, h.rule, h.end - h.start, h.start, static_cast<std::uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.length != b.length) return a.length > b.length;
    if (a.start != b.start) return a.start < b.start;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.at < b.at;
  });
  Taken taken_all;
  std::unordered_map<std::string, Taken> taken_by_value;
  std::vector<Key> chosen;
  for (const Key& k : keys) {
    ++work.hit_checks;
    const Hit& h = kept[k.at];
    Taken& taken = overlap_by_value_ ? taken_by_value[h.value] : taken_all;
    if (taken.overlaps(h.start, h.end)) continue;
    taken.add(h.start, h.end);
    chosen.push_back(k);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Key& a, const Key& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.at < b.at;
  });
  std::vector<Hit> out;
  out.reserve(chosen.size());
  for (const Key& k : chosen) out.push_back(std::move(kept[k.at]));
  return out;
}


void RuleFile::match_block(std::string_view text, const Folded& folded, const FoldedBlock& b, std::vector<int> candidates,
                           std::vector<Hit>& out) const {
  // Context: position and block kind.
  std::erase_if(candidates, [&](int ri) {
    const Rule& r = rules_[static_cast<std::size_t>(ri)];
    if (r.within && b.start >= r.within) return true;
    if (!r.blocks.empty() && std::find(r.blocks.begin(), r.blocks.end(), b.kind) == r.blocks.end()) return true;
    return false;
  });
  if (candidates.empty()) return;
  for (Hit& h : match_one(text, folded, b, std::move(candidates))) {
    const Rule& r = rules_[static_cast<std::size_t>(h.rule)];
    if (r.within && h.start >= r.within) continue;
    out.push_back(std::move(h));
  }
}

std::vector<Hit> RuleFile::match(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks) const {
  std::vector<Hit> out;
  std::vector<int> idx;
  for (const FoldedBlock& b : blocks) {
    std::vector<int> candidates;
    if (!sets_->folded_ids.empty()) {
      std::size_t fs = folded.folded(b.start), fe = std::min(folded.folded(b.end), folded.text.size());
      idx.clear();
      if (sets_->folded->Match(re2::StringPiece(folded.text.data() + fs, fe - fs), &idx))
        for (int i : idx) candidates.push_back(sets_->folded_ids[static_cast<std::size_t>(i)]);
    }
    if (!sets_->text_ids.empty()) {
      idx.clear();
      if (sets_->text->Match(re2::StringPiece(text.data() + b.start, b.end - b.start), &idx))
        for (int i : idx) candidates.push_back(sets_->text_ids[static_cast<std::size_t>(i)]);
    }
    std::sort(candidates.begin(), candidates.end());
    match_block(text, folded, b, std::move(candidates), out);
  }
  return out;
}

struct RuleSets::Impl {
  std::unique_ptr<RE2::Set> set[2];                  // folded, text
  std::vector<std::pair<int, int>> ids[2];           // set index -> (file, rule)
};

RuleSets::RuleSets() : impl_(std::make_unique<Impl>()) {}
RuleSets::RuleSets(RuleSets&&) noexcept = default;
RuleSets& RuleSets::operator=(RuleSets&&) noexcept = default;
RuleSets::~RuleSets() = default;

Result<RuleSets> RuleSets::build(const std::vector<const RuleFile*>& files) {
  RuleSets s;
  s.files_ = files;
  for (int mode = 0; mode < 2; ++mode) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(mode == 1);
    o.set_max_mem(256 << 20);
    s.impl_->set[mode] = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    for (std::size_t fi = 0; fi < files.size(); ++fi) {
      const auto& rules = files[fi]->rules();
      for (std::size_t ri = 0; ri < rules.size(); ++ri) {
        if (rules[ri].on_text != (mode == 1)) continue;
        std::string error;
        if (s.impl_->set[mode]->Add(rules[ri].re->pattern(), &error) < 0)
          return make_error(Errc::parse, "rule '" + rules[ri].id + "': " + error, files[fi]->path(), rules[ri].line);
        s.impl_->ids[mode].emplace_back(static_cast<int>(fi), static_cast<int>(ri));
      }
    }
    if (!s.impl_->ids[mode].empty() && !s.impl_->set[mode]->Compile())
      return make_error(Errc::parse, "the rules are too large to compile together");
  }
  return s;
}

std::vector<std::vector<Hit>> RuleSets::match(std::string_view text, const Folded& folded,
                                              const std::vector<FoldedBlock>& blocks) const {
  std::vector<std::vector<Hit>> out(files_.size());
  std::vector<std::vector<int>> cand(files_.size());
  std::vector<int> idx;
  // Rules match inside a sentence: cut blocks into lines and sentences, so
  // each rule the prefilter names scans a sentence, not a whole paragraph.
  // A cut is a line end, or ". X" after a lower-case word (not "nr. 5",
  // "o.a. De"). Anchors and \b still see the text around a piece.
  std::vector<FoldedBlock> pieces;
  pieces.reserve(blocks.size() * 4);
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  for (const FoldedBlock& b : blocks) {
    std::size_t a = b.start;
    for (std::size_t i = b.start; i < b.end; ++i) {
      char c = text[i];
      bool cut = false;
      std::size_t next = i + 1;
      if (c == '\n') {
        cut = true;
      } else if ((c == '.' || c == '?' || c == '!') && i + 2 < b.end && text[i + 1] == ' ' && text[i + 2] >= 'A' &&
                 text[i + 2] <= 'Z' && i >= b.start + 3 && lower(text[i - 1]) && lower(text[i - 2]) && lower(text[i - 3])) {
        cut = true;
        next = i + 2;
      }
      if (cut) {
        if (i + 1 > a) pieces.push_back({a, c == '\n' ? i : i + 1, b.kind});
        a = next;
      }
    }
    if (b.end > a) pieces.push_back({a, b.end, b.kind});
  }
  // Folded spans of the pieces.
  for (FoldedBlock& b : pieces) {
    b.fstart = std::min(folded.folded(b.start), folded.text.size());
    b.fend = std::min(folded.folded(b.end), folded.text.size());
  }
  for (const FoldedBlock& b : pieces) {
    for (auto& c : cand) c.clear();
    bool any = false;
    for (int mode = 0; mode < 2; ++mode) {
      if (impl_->ids[mode].empty()) continue;
      re2::StringPiece piece;
      if (mode == 0) {
        piece = re2::StringPiece(folded.text.data() + b.fstart, b.fend - b.fstart);
      } else {
        piece = re2::StringPiece(text.data() + b.start, b.end - b.start);
      }
      idx.clear();
      if (!impl_->set[mode]->Match(piece, &idx)) continue;
      for (int i : idx) {
        auto [fi, ri] = impl_->ids[mode][static_cast<std::size_t>(i)];
        cand[static_cast<std::size_t>(fi)].push_back(ri);
        any = true;
      }
    }
    if (!any) continue;
    for (std::size_t fi = 0; fi < files_.size(); ++fi) {
      if (cand[fi].empty()) continue;
      std::sort(cand[fi].begin(), cand[fi].end());
      files_[fi]->match_block(text, folded, b, cand[fi], out[fi]);
    }
  }
  return out;
}

}  // namespace omb
