#include "output/eval_out.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>
#include <nlohmann/json.hpp>

namespace omb {
namespace {

std::string fixed(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

nlohmann::ordered_json score_json(const TypeScore& s) {
  return {{"gold", s.gold},           {"found", s.found},         {"right", s.right},
          {"precision", s.precision()}, {"recall", s.recall()}, {"f1", s.f1()}};
}

std::string score_row(const std::string& name, const TypeScore& s) {
  char b[160];
  std::snprintf(b, sizeof b, "%-12s %6zu %6zu %6zu  %9s %7s %6s\n", name.c_str(), s.gold, s.found, s.right,
                fixed(s.precision()).c_str(), fixed(s.recall()).c_str(), fixed(s.f1()).c_str());
  return b;
}

std::string shown(const GoldItem& g) {
  std::string v = g.type == "case" ? (g.value.empty() ? "(no zaaknummer)" : g.value) : g.value;
  std::string out = "\"" + v + "\"";
  if (g.type == "unit") out += " (" + g.level + ")";
  return out;
}

// The rules, most false findings first, then by name.
std::vector<std::pair<std::string, TypeScore>> rules_by_false(const EvalReport& r) {
  std::vector<std::pair<std::string, TypeScore>> v(r.rules.begin(), r.rules.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second.found - a.second.right > b.second.found - b.second.right;
  });
  return v;
}

}  // namespace

std::string render_eval(const EvalReport& r, const EvalRenderOptions& o) {
  if (o.json) {
    nlohmann::ordered_json j;
    j["documents"] = r.documents;
    nlohmann::ordered_json types = nlohmann::ordered_json::object();
    for (const char* t : kEvalTypes) types[t] = score_json(r.types.count(t) ? r.types.at(t) : TypeScore{});
    j["types"] = std::move(types);
    j["micro"] = score_json(r.micro);
    nlohmann::ordered_json facts = nlohmann::ordered_json::object();
    for (const auto& [field, rd] : r.facts) facts[field] = {{"right", rd.first}, {"documents", rd.second}};
    j["facts"] = std::move(facts);
    nlohmann::ordered_json mm = nlohmann::ordered_json::array();
    for (const Mismatch& m : r.mismatches)
      mm.push_back({{"file", m.text_path}, {"line", m.item.line}, {"type", m.item.type}, {"value", m.item.value},
                    {"level", m.item.level}, {"kind", m.miss ? "miss" : "false"}, {"rule", m.item.rule}});
    j["mismatches"] = std::move(mm);
    nlohmann::ordered_json fm = nlohmann::ordered_json::array();
    for (const FactMismatch& f : r.fact_mismatches)
      fm.push_back({{"file", f.text_path}, {"field", f.field}, {"want", f.want}, {"got", f.got}});
    j["fact_mismatches"] = std::move(fm);
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& [key, sc] : r.rules) {
      const std::size_t sp = key.find(' ');
      rules.push_back({{"type", key.substr(0, sp)}, {"rule", key.substr(sp + 1)}, {"found", sc.found}, {"right", sc.right},
                       {"precision", sc.precision()}});
    }
    j["rules"] = std::move(rules);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  std::string out = std::to_string(r.documents) + (r.documents == 1 ? " document" : " documents") + "\n";
  out += "type           gold  found  right  precision  recall     F1\n";
  for (const char* t : kEvalTypes) out += score_row(t, r.types.count(t) ? r.types.at(t) : TypeScore{});
  out += score_row("micro", r.micro);
  out += "  (micro: unit, theme, oordeel and zaaknummer together; a unit counts only at its level)\n";
  out += "facts:";
  for (const auto& [field, rd] : r.facts)
    out += "  " + field + " " + std::to_string(rd.first) + "/" + std::to_string(rd.second);
  out += "\n";
  if (o.rules) {
    out += "\nrules (found  right  false  precision  type rule), most false first:\n";
    for (const auto& [key, sc] : rules_by_false(r)) {
      char b[64];
      std::snprintf(b, sizeof b, "  %5zu  %5zu  %5zu  %9s  ", sc.found, sc.right, sc.found - sc.right, fixed(sc.precision()).c_str());
      out += b + key + "\n";
    }
  }
  if (!o.details) return out;
  if (!r.mismatches.empty()) out += "\nmisses and false tags (file:line  type  kind  value  [rule]):\n";
  for (const Mismatch& m : r.mismatches)
    out += "  " + m.text_path + ":" + std::to_string(m.item.line) + "  " + m.item.type + "  " +
           (m.miss ? "miss " : "false") + "  " + shown(m.item) + (m.miss ? "" : "  [" + m.item.rule + "]") + "\n";
  if (!r.fact_mismatches.empty()) out += "\nwrong facts (file  field  want  got):\n";
  for (const FactMismatch& f : r.fact_mismatches)
    out += "  " + f.text_path + "  " + f.field + "  \"" + f.want + "\"  \"" + f.got + "\"\n";
  return out;
}

}  // namespace omb
