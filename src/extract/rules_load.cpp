// RuleFile::load (extract/rules.h): reading and validating one rule file.
// The matching is in rules.cpp.
#include <re2/re2.h>

#include <algorithm>
#include <toml++/toml.h>

#include "extract/rules.h"
#include "text/fold.h"
#include "extract/toml_file.h"

namespace omb {

namespace {


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

std::optional<PassageKind> kind_from(std::string_view s) {
  for (PassageKind k : {PassageKind::paragraph, PassageKind::heading, PassageKind::list_item, PassageKind::table_row,
                        PassageKind::noise})
    if (s == passage_kind_name(k)) return k;
  return std::nullopt;
}

}  // namespace

// Fills one RuleFile from its TOML document; every fault an Error naming the
// file and line.
struct RuleFile::Loader {
  RuleFile& f;
  const std::string& path;

  Error err(const toml::node& n, const std::string& msg) const { return make_error(Errc::parse, msg, path, toml_line(n)); }
  Status string_array(const toml::node& n, const std::string& what, std::vector<std::string>& out) const;
  Status compile(Rule& r, const std::string& pattern, const toml::node& at) const;
  Status check_unique(const std::string& id, const toml::node& at) const;
  Status entry(const toml::node& en);
  Status rule(const toml::node& rn);
  Status rule_key(Rule& r, const std::string& key, const toml::node& node) const;
  Status rule_examples(const Rule& r, const toml::table& t);
  Status settings(const toml::table& t, const std::string& prefix);
};

Status RuleFile::Loader::string_array(const toml::node& n, const std::string& what, std::vector<std::string>& out) const {
  const toml::array* a = n.as_array();
  if (!a) return err(n, "`" + what + "` must be an array of strings");
  for (const toml::node& e : *a) {
    if (!e.is_string()) return err(e, "`" + what + "` must hold strings only");
    out.push_back(**e.as_string());
  }
  return {};
}

Status RuleFile::Loader::compile(Rule& r, const std::string& pattern, const toml::node& at) const {
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
}

Status RuleFile::Loader::check_unique(const std::string& id, const toml::node& at) const {
  for (const Rule& o : f.rules_)
    if (o.id == id && !o.suppress) return err(at, "duplicate rule id '" + id + "' (first on line " + std::to_string(o.line) + ")");
  return {};
}

// [[entry]]: canonical value + phrases / patterns / exclusions / examples.
Status RuleFile::Loader::entry(const toml::node& en) {
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
      r.line = toml_line(e);
      bool pattern = std::string_view(kind) == "patterns";
      r.suppress = std::string_view(kind) == "exclude";
      r.id = f.type_ + "." + value + (r.suppress ? "/not:" : "/") + (pattern ? "re" + std::to_string(++k) : fold_key(s));
      // The same phrase twice (differing only in case or accents) is one rule.
      if (std::any_of(f.rules_.begin(), f.rules_.end(), [&](const Rule& o) { return o.id == r.id; })) continue;
      OMB_TRY(compile(r, pattern ? s : phrase_pattern(s), e));
      f.rules_.push_back(std::move(r));
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
      f.examples_.push_back({toml_line(e), **e.as_string(), value, value, std::string_view(kind) != "examples"});
    }
  }
  return {};
}

// One key of a [[rule]] other than id, pattern, examples, counter_examples, note.
Status RuleFile::Loader::rule_key(Rule& r, const std::string& key, const toml::node& node) const {
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
  return {};
}

// A [[rule]]'s examples ("text => value") and counter_examples.
Status RuleFile::Loader::rule_examples(const Rule& r, const toml::table& t) {
  for (const char* kind : {"examples", "counter_examples"}) {
    const toml::node* n = t.get(kind);
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
      f.examples_.push_back({toml_line(*a->get(i)), text, value, r.id, neg});
    }
  }
  return {};
}

// [[rule]]: one pattern with its own id.
Status RuleFile::Loader::rule(const toml::node& rn) {
  const toml::table* t = rn.as_table();
  if (!t) return err(rn, "`rule` must be written [[rule]]");
  Rule r;
  r.line = toml_line(rn);
  const toml::node* id = t->get("id");
  if (!id || !id->is_string() || (**id->as_string()).empty()) return err(rn, "rule without an `id`");
  r.id = f.type_ + "." + **id->as_string();
  OMB_TRY(check_unique(r.id, *id));
  const toml::node* pat = t->get("pattern");
  if (!pat || !pat->is_string()) return err(rn, "rule '" + r.id + "' without a `pattern`");
  for (auto&& [k, node] : *t) {
    std::string key(k.str());
    if (key == "id" || key == "pattern" || key == "examples" || key == "counter_examples" || key == "note") continue;
    OMB_TRY(rule_key(r, key, node));
  }
  OMB_TRY(compile(r, **pat->as_string(), *pat));
  if (!r.value.empty() && r.value[0] == '$') {
    int g = std::atoi(r.value.c_str() + 1);
    if (g < 1 || g > r.re->NumberOfCapturingGroups())
      return err(*pat, "rule '" + r.id + "': value " + r.value + " names a capture group the pattern does not have");
  }
  OMB_TRY(rule_examples(r, *t));
  f.rules_.push_back(std::move(r));
  return {};
}

// Everything else: interpreter settings, flattened to "table.key".
Status RuleFile::Loader::settings(const toml::table& t, const std::string& prefix) {
  for (auto&& [k, node] : t) {
    std::string key = prefix + std::string(k.str());
    if (prefix.empty() && (key == "type" || key == "overlap" || key == "entry" || key == "rule")) continue;
    if (prefix.empty() && !node.is_table())
      return err(node, "unknown key `" + key + "` (a rule file has `type`, `overlap`, [[entry]], [[rule]] and [settings] tables)");
    if (const toml::table* sub = node.as_table()) {
      OMB_TRY(settings(*sub, key + "."));
    } else if (node.is_array()) {
      std::vector<std::string> v;
      OMB_TRY(string_array(node, key, v));
      f.arrays_.emplace_back(key, std::move(v));
    } else if (node.is_string()) {
      f.settings_.emplace_back(key, **node.as_string());
    } else if (node.is_integer()) {
      f.settings_.emplace_back(key, std::to_string(**node.as_integer()));
    } else {
      return err(node, "`" + key + "` must be a string, a number, an array of strings or a table");
    }
  }
  return {};
}

Result<std::unique_ptr<RuleFile>> RuleFile::load(const std::string& path) {
  std::unique_ptr<RuleFile> f(new RuleFile());
  f->path_ = path;
  auto parsed = read_toml(path, "rule file");
  if (!parsed.ok()) return parsed.error();
  const toml::table& doc = *parsed;
  Loader ld{*f, path};

  const toml::node* type = doc.get("type");
  if (!type || !type->is_string()) return make_error(Errc::parse, "missing `type = \"...\"` (the tag type this file makes)", path, 1);
  f->type_ = **type->as_string();
  if (f->type_.empty()) return ld.err(*type, "`type` is empty");
  if (const toml::node* ov = doc.get("overlap")) {
    if (!ov->is_string() || (**ov->as_string() != "type" && **ov->as_string() != "value"))
      return ld.err(*ov, "`overlap` must be \"type\" or \"value\"");
    f->overlap_by_value_ = **ov->as_string() == "value";
  }
  if (const toml::node* entries = doc.get("entry")) {
    const toml::array* arr = entries->as_array();
    if (!arr) return ld.err(*entries, "`entry` must be written [[entry]]");
    for (const toml::node& en : *arr) OMB_TRY(ld.entry(en));
  }
  if (const toml::node* rules = doc.get("rule")) {
    const toml::array* arr = rules->as_array();
    if (!arr) return ld.err(*rules, "`rule` must be written [[rule]]");
    for (const toml::node& rn : *arr) OMB_TRY(ld.rule(rn));
  }
  OMB_TRY(ld.settings(doc, ""));

  OMB_TRY(f->compile_set());
  OMB_TRY(f->check_examples());
  return f;
}

}  // namespace omb
