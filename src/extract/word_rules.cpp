// extract/word_rules.cpp — loading and checking a word-rule file (the format
// is in word_rules.h); the matching is in word_match.cpp.
#include "extract/word_rules.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <map>
#include <toml++/toml.h>

#include "extract/word_rules_impl.h"
#include "extract/toml_file.h"
#include "text/fold.h"
#include "text/stem.h"

namespace omb {

using words::ClassDef;
using words::ClassId;
using words::CompiledRule;
using words::Item;

namespace {


bool pattern_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}

// Everything that goes wrong while loading one file: the file, a line, a cause.
struct Loader {
  std::string path;
  WordRules::Impl& impl;
  std::map<std::string, ClassId, std::less<>> named;  // "@name" or anonymous key -> id

  Error err(const toml::node& n, const std::string& msg) const { return make_error(Errc::parse, msg, path, toml_line(n)); }

  Status strings(const toml::node& n, const std::string& what, std::vector<std::string>& out) const {
    const toml::array* a = n.as_array();
    if (!a) return err(n, "`" + what + "` must be an array of strings");
    for (const toml::node& e : *a) {
      if (!e.is_string() || (**e.as_string()).empty()) return err(e, "`" + what + "` must hold non-empty strings");
      out.push_back(**e.as_string());
    }
    return {};
  }

  // A folded word with `*` wildcards at its ends, into the class.
  Status add_word(ClassDef& c, std::string_view raw, const toml::node& at) const {
    std::string w = fold_key(raw);
    bool pre = !w.empty() && w.front() == '*', post = w.size() > 1 && w.back() == '*';
    std::string core = w.substr(pre ? 1 : 0, w.size() - (pre ? 1 : 0) - (post ? 1 : 0));
    if (core.empty() || !std::all_of(core.begin(), core.end(), pattern_byte))
      return err(at, "class " + c.name + ": '" + std::string(raw) + "' is not a word (letters, digits, - and ', with * at an end)");
    if (pre && post) c.infixes.push_back(core);
    else if (pre) c.suffixes.push_back(core);
    else if (post) c.prefixes.push_back(core);
    else c.words.push_back(core);
    return {};
  }

  Status load_classes(const toml::table& doc, Stemmer& stemmer) {
    const toml::node* n = doc.get("class");
    if (!n) return {};
    const toml::table* t = n->as_table();
    if (!t) return err(*n, "`class` must be a table: [class] with name = { words = [...] }");
    for (auto&& [k, node] : *t) {
      std::string name = "@" + std::string(k.str());
      const toml::table* def = node.as_table();
      if (!def) return err(node, "class " + name + " must be a table: { words = [...], stems = [...], classes = [...] }");
      ClassDef c;
      c.name = name;
      c.line = toml_line(node);
      for (auto&& [dk, dn] : *def) {
        std::string key(dk.str());
        std::vector<std::string> v;
        if (key != "words" && key != "stems" && key != "classes")
          return err(dn, "class " + name + ": unknown key `" + key + "` (words, stems, classes)");
        OMB_TRY(strings(dn, key, v));
        for (const std::string& s : v) {
          if (key == "words") OMB_TRY(add_word(c, s, dn));
          else if (key == "stems") c.stems.push_back(stemmer.stem(fold_key(s)));
          else c.includes.push_back("@" + s);
        }
      }
      named.emplace(name, static_cast<ClassId>(impl.classes.size()));
      impl.classes.push_back(std::move(c));
    }
    return flatten_includes(*t);
  }

  // A class that includes others takes their words; a cycle is an error.
  Status flatten_includes(const toml::table& t) {
    std::vector<int> state(impl.classes.size(), 0);  // 0 new, 1 in progress, 2 done
    std::function<Status(ClassId)> visit = [&](ClassId id) -> Status {
      if (state[id] == 2) return {};
      const toml::node* at = t.get(impl.classes[id].name.substr(1));
      if (state[id] == 1) return err(*at, "class " + impl.classes[id].name + " includes itself (through `classes`)");
      state[id] = 1;
      for (const std::string& inc : std::vector<std::string>(impl.classes[id].includes)) {
        auto it = named.find(inc);
        if (it == named.end()) return err(*at, "class " + impl.classes[id].name + ": unknown class " + inc + " in `classes`");
        OMB_TRY(visit(it->second));
        ClassDef& c = impl.classes[id];
        const ClassDef& o = impl.classes[it->second];
        for (auto [mine, theirs] : {std::pair{&c.words, &o.words}, {&c.stems, &o.stems}, {&c.prefixes, &o.prefixes},
                                    {&c.suffixes, &o.suffixes}, {&c.infixes, &o.infixes}})
          mine->insert(mine->end(), theirs->begin(), theirs->end());
      }
      state[id] = 2;
      return {};
    };
    for (ClassId id = 0; id < impl.classes.size(); ++id) OMB_TRY(visit(id));
    return {};
  }

  // One element of a pattern ("@neg", "brief*", "~afspraak", "(a|@b)") as a class.
  Result<ClassId> element(std::string_view e, const std::string& where, Stemmer& stemmer, const toml::node& at) {
    if (auto it = named.find(e); it != named.end()) return it->second;
    if (e.front() == '@') return err(at, where + "unknown class '" + std::string(e) + "'");
    ClassDef c;
    c.name = std::string(e);
    std::vector<std::string_view> alts;
    if (e.front() == '(') {
      if (e.size() < 3 || e.back() != ')') return err(at, where + "'" + std::string(e) + "' must read (a|b|@c), without spaces");
      std::string_view in = e.substr(1, e.size() - 2);
      for (std::size_t a = 0;;) {
        std::size_t bar = in.find('|', a);
        alts.push_back(in.substr(a, bar == std::string_view::npos ? std::string_view::npos : bar - a));
        if (bar == std::string_view::npos) break;
        a = bar + 1;
      }
    } else {
      alts.push_back(e);
    }
    for (std::string_view a : alts) {
      if (a.empty()) return err(at, where + "an empty alternative in '" + std::string(e) + "'");
      if (a.front() == '@') {
        auto it = named.find(a);
        if (it == named.end()) return err(at, where + "unknown class '" + std::string(a) + "'");
        const ClassDef& o = impl.classes[it->second];
        for (auto [mine, theirs] : {std::pair{&c.words, &o.words}, {&c.stems, &o.stems}, {&c.prefixes, &o.prefixes},
                                    {&c.suffixes, &o.suffixes}, {&c.infixes, &o.infixes}})
          mine->insert(mine->end(), theirs->begin(), theirs->end());
      } else if (a.front() == '~') {
        if (a.size() < 2) return err(at, where + "'~' must be followed by a word");
        c.stems.push_back(stemmer.stem(fold_key(a.substr(1))));
      } else {
        OMB_TRY(add_word(c, a, at));
      }
    }
    ClassId id = static_cast<ClassId>(impl.classes.size());
    named.emplace(c.name, id);
    impl.classes.push_back(std::move(c));
    return id;
  }

  Status parse_pattern(CompiledRule& r, std::string_view pattern, Stemmer& stemmer, const toml::node& at) {
    std::size_t i = 0;
    while (i < pattern.size()) {
      if (pattern[i] == ' ') {
        ++i;
        continue;
      }
      std::size_t j = pattern.find(' ', i);
      if (j == std::string_view::npos) j = pattern.size();
      std::string_view e = pattern.substr(i, j - i);
      std::string where = "rule '" + r.info.id + "': match, column " + std::to_string(i + 1) + ": ";
      Item item;
      if (e.substr(0, 2) == "..") {
        std::string_view n = e.substr(2);
        int v = n.empty() ? -1 : 0;
        for (char c : n) v = (c >= '0' && c <= '9' && v >= 0 && v < 100) ? v * 10 + (c - '0') : -1;
        if (v < 1 || v > 12) return err(at, where + "a gap is ..N with N from 1 to 12, not '" + std::string(e) + "'");
        item.gap = true;
        item.max_gap = v;
      } else {
        if (e.size() > 1 && e.back() == '?') {
          item.optional = true;
          e.remove_suffix(1);
        }
        auto cls = element(e, where, stemmer, at);
        if (!cls.ok()) return cls.error();
        item.cls = *cls;
      }
      r.items.push_back(item);
      i = j;
    }
    auto required_word = [](const Item& it) { return !it.gap && !it.optional; };
    if (r.items.empty()) return err(at, "rule '" + r.info.id + "': `match` is empty");
    if (!required_word(r.items.front()) || !required_word(r.items.back()))
      return err(at, "rule '" + r.info.id + "': `match` must begin and end with a word that is not optional");
    if (r.any_order && std::any_of(r.items.begin(), r.items.end(), [](const Item& it) { return it.gap; }))
      return err(at, "rule '" + r.info.id + "': order = \"any\" takes words only, no ..N gaps (`window` bounds them)");
    return {};
  }

  Result<std::vector<ClassId>> class_list(const toml::node& n, const std::string& what) {
    std::vector<std::string> names;
    OMB_TRY(strings(n, what, names));
    std::vector<ClassId> out;
    for (const std::string& s : names) {
      auto it = named.find(s.front() == '@' ? s : "@" + s);
      if (it == named.end()) return err(n, "`" + what + "`: unknown class '" + s + "'");
      out.push_back(it->second);
    }
    return out;
  }

  // The guard keys of a rule or of [defaults]; `seen` says which were set.
  Status guard_key(const std::string& key, const toml::node& n, words::Guards& g, const std::string& where) {
    if (key == "unless_near" || key == "unless_in_sentence" || key == "if_in_sentence" || key == "if_next_sentence" ||
        key == "if_in_section") {
      auto v = class_list(n, key);
      if (!v.ok()) return v.error();
      (key == "unless_near"        ? g.unless_near
       : key == "if_in_sentence"   ? g.if_in_sentence
       : key == "if_next_sentence" ? g.if_next_sentence
       : key == "if_in_section"    ? g.if_in_section
                                   : g.unless_in_sentence) = std::move(*v);
    } else if (key == "near") {
      if (!n.is_integer() || **n.as_integer() < 1 || **n.as_integer() > 12) return err(n, where + "`near` must be 1 to 12");
      g.near = static_cast<int>(**n.as_integer());
    } else if (key == "questions") {
      if (!n.is_boolean()) return err(n, where + "`questions` must be true or false");
      g.questions = **n.as_boolean();
    } else if (key == "quoted") {
      if (!n.is_boolean()) return err(n, where + "`quoted` must be true or false");
      g.quoted = **n.as_boolean();
    } else {
      return Status(err(n, where + "unknown key `" + key + "`"));
    }
    return {};
  }

  Status load_rule(const toml::table& t, const words::Guards& defaults, const std::string& type, Stemmer& stemmer);
};

Status Loader::load_rule(const toml::table& t, const words::Guards& defaults, const std::string& type, Stemmer& stemmer) {
  CompiledRule r;
  r.guards = defaults;
  r.info.line = toml_line(t);
  const toml::node* id = t.get("id");
  if (!id || !id->is_string() || (**id->as_string()).empty()) return err(t, "rule without an `id`");
  r.info.id = type + "." + **id->as_string();
  for (const CompiledRule& o : impl.rules)
    if (o.info.id == r.info.id) return err(*id, "duplicate rule id '" + r.info.id + "' (first on line " + std::to_string(o.info.line) + ")");
  std::string where = "rule '" + r.info.id + "': ";
  const toml::node* value = t.get("value");
  if (!value || !value->is_string() || (**value->as_string()).empty()) return err(t, where + "without a `value`");
  r.info.value = **value->as_string();
  const toml::node* match = t.get("match");
  if (!match || !match->is_string()) return err(t, where + "without a `match` pattern");
  if (const toml::node* o = t.get("order")) {
    if (!o->is_string() || (**o->as_string() != "any" && **o->as_string() != "fixed"))
      return err(*o, where + "`order` must be \"any\" or \"fixed\"");
    r.any_order = **o->as_string() == "any";
  }
  for (auto&& [k, node] : t) {
    std::string key(k.str());
    if (key == "id" || key == "value" || key == "match" || key == "order" || key == "note" || key == "examples" ||
        key == "counter_examples")
      continue;
    if (key == "blocks") {
      std::vector<std::string> kinds;
      OMB_TRY(strings(node, "blocks", kinds));
      for (const std::string& k2 : kinds) {
        bool found = k2 == "numbered";
        r.numbered |= found;
        for (PassageKind pk : {PassageKind::paragraph, PassageKind::heading, PassageKind::list_item, PassageKind::table_row})
          if (k2 == passage_kind_name(pk)) r.blocks.push_back(pk), found = true;
        if (!found) return err(node, where + "unknown block kind '" + k2 + "' (paragraph, heading, list_item, table_row, numbered)");
      }
      continue;
    }
    if (key == "also") {
      OMB_TRY(strings(node, "also", r.info.also));
      for (const std::string& v : r.info.also)
        if (v.empty() || v == "*" || v == r.info.value)
          return err(node, where + "`also` lists other values, not \"" + v + "\"");
      continue;
    }
    if (key == "suppress") {
      if (!node.is_boolean()) return err(node, where + "`suppress` must be true or false");
      r.suppress = **node.as_boolean();
      continue;
    }
    if (key == "window" || key == "priority") {
      if (!node.is_integer() || **node.as_integer() < (key == "window" ? 2 : 0) || **node.as_integer() > (key == "window" ? 20 : 1000))
        return err(node, where + (key == "window" ? "`window` must be 2 to 20 words" : "`priority` must be 0 to 1000"));
      (key == "window" ? r.window : r.info.priority) = static_cast<int>(**node.as_integer());
      continue;
    }
    OMB_TRY(guard_key(key, node, r.guards, where));
  }
  if (r.info.value == "*" && !r.suppress) return err(*value, where + "value \"*\" (every value) is only for a rule with `suppress = true`");
  if (r.suppress && !r.info.also.empty()) return err(*t.get("also"), where + "a rule with `suppress = true` cannot give `also` values");
  OMB_TRY(parse_pattern(r, **match->as_string(), stemmer, *match));
  for (const char* kind : {"examples", "counter_examples"}) {
    const toml::node* n = t.get(kind);
    if (!n) continue;
    std::vector<std::string> ex;
    OMB_TRY(strings(*n, kind, ex));
    const toml::array* a = n->as_array();
    for (std::size_t i = 0; i < ex.size(); ++i)
      impl.examples.push_back({toml_line(*a->get(i)), impl.rules.size(), ex[i], std::string_view(kind) == "counter_examples"});
  }
  impl.rules.push_back(std::move(r));
  return {};
}

std::atomic<std::uint64_t> g_serial{0};

}  // namespace

WordRules::WordRules() : impl_(std::make_unique<Impl>()) {}
WordRules::~WordRules() = default;

const std::vector<WordRule>& WordRules::rules() const { return impl_->infos; }

bool WordRules::is_word_rule_file(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  for (int n = 0; n < 200 && std::getline(in, line); ++n) {
    std::size_t a = line.find_first_not_of(" \t");
    if (a == std::string::npos || line[a] == '#') continue;
    if (line[a] == '[') return false;  // the top-level keys come first
    if (line.compare(a, 6, "engine") == 0) return line.find("\"words\"") != std::string::npos;
  }
  return false;
}

Result<std::unique_ptr<WordRules>> WordRules::load(const std::string& path) {
  auto parsed = read_toml(path, "rule file");
  if (!parsed.ok()) return parsed.error();
  const toml::table& doc = *parsed;
  std::unique_ptr<WordRules> f(new WordRules());
  f->path_ = path;
  Impl& impl = *f->impl_;
  impl.serial = ++g_serial;
  Loader ld{path, impl, {}};
  const toml::node* type = doc.get("type");
  if (!type || !type->is_string() || (**type->as_string()).empty())
    return make_error(Errc::parse, "missing `type = \"...\"` (the tag type this file makes)", path, 1);
  f->type_ = **type->as_string();
  const toml::node* engine = doc.get("engine");
  if (!engine || !engine->is_string() || **engine->as_string() != "words")
    return make_error(Errc::parse, "a word-rule file says `engine = \"words\"`", path, engine ? toml_line(*engine) : 1);
  for (auto&& [k, node] : doc) {
    std::string key(k.str());
    if (key != "type" && key != "engine" && key != "class" && key != "defaults" && key != "scope" && key != "rule" && key != "note")
      return ld.err(node, "unknown key `" + key + "` (a word-rule file has type, engine, [class], [defaults], [scope], [[rule]])");
  }
  Stemmer stemmer;
  OMB_TRY(ld.load_classes(doc, stemmer));
  words::Guards defaults;
  if (const toml::node* d = doc.get("defaults")) {
    if (!d->is_table()) return ld.err(*d, "`defaults` must be a table");
    for (auto&& [k, node] : *d->as_table()) OMB_TRY(ld.guard_key(std::string(k.str()), node, defaults, "[defaults]: "));
  }
  if (const toml::node* s = doc.get("scope")) {
    if (!s->is_table()) return ld.err(*s, "`scope` must be a table");
    for (auto&& [k, node] : *s->as_table()) {
      const std::string key(k.str());
      int* slot = key == "clause_ends" ? &impl.clause_end_class
                  : key == "not_after" ? &impl.clause_keep_class
                  : key == "if_starts" ? &impl.if_start_class
                  : key == "if_thens"  ? &impl.if_then_class
                  : key == "relatives" ? &impl.relative_class
                  : key == "advice_nots" ? &impl.advice_not_class
                  : key == "own_subjects" ? &impl.own_subject_class
                  : key == "own_doings" ? &impl.own_doing_class
                  : key == "own_musts" ? &impl.own_must_class
                  : key == "particles" ? &impl.particle_class
                  : key == "conjunctions" ? &impl.conjunction_class
                  : key == "abbreviations" ? &impl.abbreviation_class
                                       : nullptr;
      if (!slot)
        return ld.err(node, "[scope]: unknown key `" + key +
                                "` (clause_ends, not_after, if_starts, if_thens, relatives, advice_nots, own_subjects, "
                                "own_doings, own_musts, particles, conjunctions, abbreviations)");
      std::vector<std::string> v;
      OMB_TRY(ld.strings(node, key, v));
      ClassDef c;
      c.name = "(" + key + ")";
      for (const std::string& w : v) OMB_TRY(ld.add_word(c, w, node));
      *slot = static_cast<int>(impl.classes.size());
      impl.classes.push_back(std::move(c));
    }
  }
  const toml::node* rules = doc.get("rule");
  if (!rules) return make_error(Errc::parse, "no [[rule]] in the file", path, 1);
  const toml::array* arr = rules->as_array();
  if (!arr) return ld.err(*rules, "`rule` must be written [[rule]]");
  for (const toml::node& rn : *arr) {
    if (!rn.is_table()) return ld.err(rn, "`rule` must be written [[rule]]");
    OMB_TRY(ld.load_rule(*rn.as_table(), defaults, f->type_, stemmer));
  }
  if (impl.classes.size() > 60000) return make_error(Errc::parse, "too many word classes (at most 60,000)", path, 1);
  for (CompiledRule& r : impl.rules) {
    r.info.suppress = r.suppress;
    impl.infos.push_back(r.info);
  }
  impl.index_classes();
  // Examples: each must give its rule's value by that rule; a counter-example must not.
  for (const CompiledRule& r : impl.rules) impl.section_rules |= !r.guards.if_in_section.empty();
  for (const words::Example& e : impl.examples) {
    // An example of a rule with `if_in_section` starts with its section's
    // heading and a line break ("Aanbevelingen\n- Bel ouders terug.").
    std::string_view body = e.text;
    std::vector<ClassId> section;
    if (!impl.rules[e.rule].guards.if_in_section.empty()) {
      std::size_t nl = body.find('\n');
      if (nl == std::string_view::npos)
        return make_error(Errc::parse, "an example of a rule with `if_in_section` starts with its section's heading and a line break: '" + e.text + "'", path, e.line);
      Folded head = fold(body.substr(0, nl));
      impl.classes_in(head, 0, head.text.size(), section);
      body.remove_prefix(nl + 1);
    }
    Folded fo = fold(body);
    std::vector<Hit> hits;
    // An example is tried in the first kind of block its rule matches in.
    const auto& kinds = impl.rules[e.rule].blocks;
    words::SpanAt at{kinds.empty() ? PassageKind::paragraph : kinds.front(), kinds.empty() && impl.rules[e.rule].numbered, &section};
    impl.match_span(fo, 0, fo.text.size(), at, static_cast<long>(e.rule), hits);
    const WordRule& r = impl.infos[e.rule];
    if (e.negative && !hits.empty())
      return make_error(Errc::parse, "counter-example matches: '" + e.text + "' gives '" + r.value + "' by rule " + r.id, path, e.line);
    if (!e.negative && hits.empty())
      return make_error(Errc::parse, "example does not hold: '" + e.text + "' should give '" + r.value + "' by rule " + r.id, path, e.line);
  }
  return f;
}

std::vector<Hit> WordRules::match(std::string_view text) const {
  Folded fo = fold(text);
  std::vector<FoldedBlock> one{{0, text.size(), PassageKind::paragraph}};
  return match(text, fo, one);
}

}  // namespace omb
