#include "output/extract_json.h"

#include <algorithm>
#include <cstdio>

#include "text/fold.h"

namespace omb {

namespace {

// The words a tag stands on: its span of the normalised text, or for a tag
// in a dropped running head (source_span), that line of the source.
std::string_view tag_words(const DocumentRecord& rec, const Tag& t) {
  if (auto src = source_span(t); src && src->second <= rec.raw.size())
    return std::string_view(rec.raw).substr(src->first, src->second - src->first);
  return std::string_view(rec.text()).substr(t.start, t.end - t.start);
}

}  // namespace

nlohmann::ordered_json extraction_json(const std::string& source, const DocumentRecord& rec) {
  using J = nlohmann::ordered_json;
  J j;
  j["source"] = source;
  j["title"] = rec.facts.title;
  j["doctype"] = rec.facts.doctype;
  j["organisation"] = rec.facts.organisation;
  J period;
  period["year"] = rec.facts.year ? J(*rec.facts.year) : J(nullptr);
  period["quarter"] = rec.facts.quarter ? J(*rec.facts.quarter) : J(nullptr);
  period["covers"] = rec.facts.period;
  j["period"] = period;
  j["date"] = rec.facts.date.empty() ? J(nullptr) : J(rec.facts.date);
  J tags = J::array();
  const std::string_view norm = rec.text();
  for (const Tag& t : rec.tags) {
    J o;
    o["type"] = t.type;
    o["value"] = t.value;
    o["text"] = collapse_space(tag_words(rec, t));
    o["start"] = t.start;
    o["end"] = t.end;
    o["rule"] = t.rule;
    if (t.case_index >= 0 && static_cast<std::size_t>(t.case_index) < rec.cases.size())
      o["case"] = rec.cases[static_cast<std::size_t>(t.case_index)].zaaknummer;
    if (!t.detail.empty()) {
      J d = J::parse(t.detail, nullptr, false);
      if (d.is_object())
        for (auto& [k, v] : d.items())
          if (!o.contains(k)) o[k] = v;
    }
    tags.push_back(std::move(o));
  }
  j["tags"] = std::move(tags);
  J cases = J::array();
  for (const Case& c : rec.cases) {
    J o;
    o["zaaknummer"] = c.zaaknummer;
    o["title"] = c.title;
    o["afdeling"] = c.afdeling.empty() ? J(nullptr) : J(c.afdeling);
    o["themes"] = c.themes;
    o["status"] = c.status.empty() ? J(nullptr) : J(c.status);
    o["oordeel"] = c.oordeel.empty() ? J(nullptr) : J(c.oordeel);
    o["start"] = c.start;
    o["end"] = c.end;
    cases.push_back(std::move(o));
  }
  j["cases"] = std::move(cases);
  return j;
}

std::string extraction_text(const std::string& source, const DocumentRecord& rec) {
  std::string out;
  auto line = [&](const std::string& s) { out += s + "\n"; };
  const DocFacts& f = rec.facts;
  line(source);
  line("  title         " + f.title);
  line("  doctype       " + f.doctype);
  line("  organisation  " + (f.organisation.empty() ? std::string("-") : f.organisation));
  std::string period = f.year ? std::to_string(*f.year) : "-";
  if (f.quarter) period += " Q" + std::to_string(*f.quarter);
  line("  period        " + period + (f.period.empty() ? "  (covers no period)" : "  (covers " + f.period + ")"));
  line("  date          " + (f.date.empty() ? std::string("-") : f.date));
  line("  cases         " + std::to_string(rec.cases.size()));
  for (const Case& c : rec.cases) {
    std::string themes;
    for (const std::string& t : c.themes) themes += (themes.empty() ? "" : ", ") + t;
    line("    " + c.zaaknummer + "  " + c.title);
    line("        afdeling: " + (c.afdeling.empty() ? "-" : c.afdeling) + "   themes: " + (themes.empty() ? "-" : themes) +
         "   status: " + (c.status.empty() ? "-" : c.status) + "   oordeel: " + (c.oordeel.empty() ? "-" : c.oordeel));
  }
  // Tags: line in the normalised text, type, value, the words, the rule (and
  // an afdeling's level).
  const std::string& text = rec.text();
  line("  tags          " + std::to_string(rec.tags.size()) + "  (line  type  value  \"text\"  rule)");
  std::size_t at = 0, ln = 1;
  for (const Tag& t : rec.tags) {
    while (at < t.start && at < text.size()) ln += text[at++] == '\n';
    char buf[32];
    std::snprintf(buf, sizeof buf, "%6zu  ", ln);
    std::string type(t.type);
    type.resize(std::max<std::size_t>(type.size(), 12), ' ');
    std::string shown = collapse_space(tag_words(rec, t));
    if (shown.size() > 70) shown = shown.substr(0, 67) + "...";
    // An afdeling's level (organisation, dienst, afdeling, team) after its rule.
    std::string level;
    if (auto q = t.detail.find("\"level\":\""); q != std::string::npos)
      level = "  level " + t.detail.substr(q + 9, t.detail.find('"', q + 9) - q - 9);
    line("  " + std::string(buf) + type + "  " + t.value + "  \"" + shown + "\"  " + std::string(t.rule) + level);
  }
  return out;
}

}  // namespace omb
