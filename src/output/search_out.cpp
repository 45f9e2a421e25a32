#include "output/csv.h"
#include "output/search_out.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "output/provenance.h"

namespace omb {

std::string mark_snippet(const std::string& s, const std::string& open, const std::string& close) {
  std::string out;
  out.reserve(s.size() + 16);
  bool space = false;
  for (char c : s) {
    if (c == kMarkOpen) { if (space && !out.empty()) out += ' '; space = false; out += open; continue; }
    if (c == kMarkClose) { out += close; continue; }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') { space = true; continue; }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

std::string period(const SearchHit& h) {
  std::string p = h.year ? std::to_string(*h.year) : "";
  if (h.quarter) p += " Q" + std::to_string(*h.quarter);
  return p;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}


nlohmann::ordered_json hit_json(const SearchHit& h, std::size_t rank) {
  nlohmann::ordered_json j;
  j["rank"] = rank;
  j["kind"] = h.kind;
  j["score"] = h.score;
  j["document"] = h.document_id;
  j["title"] = h.title;
  j["doctype"] = h.doctype;
  j["organisation"] = h.organisation;
  j["year"] = h.year ? nlohmann::ordered_json(*h.year) : nlohmann::ordered_json();
  j["quarter"] = h.quarter ? nlohmann::ordered_json(*h.quarter) : nlohmann::ordered_json();
  j["date"] = h.date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(h.date);
  j["zaaknummer"] = h.zaaknummer;
  j["case_title"] = h.case_title;
  j["afdeling"] = h.afdeling;
  j["themes"] = h.themes;
  j["status"] = h.status;
  j["oordeel"] = h.oordeel;
  j["snippet"] = mark_snippet(h.snippet, "«", "»");
  j["page"] = h.page;
  // Page provenance: how the page's text was obtained (null: not from a PDF).
  j["page_method"] = h.page_method.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.page_method);
  j["page_confidence"] = h.page_confidence < 0 ? nlohmann::json(nullptr) : nlohmann::json(h.page_confidence);
  j["line"] = h.line;
  j["sources"] = h.sources;
  return j;
}

}  // namespace

std::string fuzzy_note(const FuzzyWord& f) {
  std::string out = f.word + "~" + std::to_string(f.distance) + " → ";
  if (f.terms.empty()) return out + "no term of the index";
  for (std::size_t i = 0; i < f.terms.size(); ++i) out += (i ? ", " : "") + f.terms[i];
  if (f.more) out += " (and " + std::to_string(f.more) + " rarer terms left out)";
  return out;
}

std::string render_search(const SearchResult& r, SearchFormat fmt, bool color, std::size_t offset, bool facets) {
  std::string out;
  auto dump = [](const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  };
  if (fmt == SearchFormat::json) {
    for (std::size_t i = 0; i < r.hits.size(); ++i) out += dump(hit_json(r.hits[i], offset + i + 1));
    if (facets || !r.fuzzy.empty() || r.did_you_mean) {
      nlohmann::ordered_json j;
      j["total"] = r.total;
      if (!r.fuzzy.empty()) {
        j["fuzzy"] = nlohmann::ordered_json::array();
        for (const FuzzyWord& f : r.fuzzy)
          j["fuzzy"].push_back({{"word", f.word}, {"distance", f.distance}, {"term", f.term}, {"terms", f.terms}, {"more", f.more}});
      }
      if (r.did_you_mean) j["did_you_mean"] = {{"query", r.did_you_mean->query}, {"total", r.did_you_mean->total}};
      if (facets) j["facets"] = r.facets;
      out += dump(j);
    }
    return out;
  }
  if (fmt == SearchFormat::csv) {
    out += "rank,kind,zaaknummer,case_title,title,doctype,organisation,year,quarter,date,afdeling,themes,status,oordeel,"
           "page,line,path,snippet\r\n";
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
      const SearchHit& h = r.hits[i];
      std::vector<std::string> f = {std::to_string(offset + i + 1), h.kind, h.zaaknummer, h.case_title, h.title,
                                    h.doctype, h.organisation, h.year ? std::to_string(*h.year) : "",
                                    h.quarter ? std::to_string(*h.quarter) : "", h.date, h.afdeling, join(h.themes, ";"),
                                    h.status, h.oordeel, std::to_string(h.page), std::to_string(h.line),
                                    join(h.sources, ";"), mark_snippet(h.snippet, "«", "»")};
      for (std::size_t k = 0; k < f.size(); ++k) {
        if (k) out += ',';
        out += csv_field(f[k]);
      }
      out += "\r\n";
    }
    return out;
  }
  const std::string bold = color ? "\033[1m" : "", dim = color ? "\033[2m" : "", hl = color ? "\033[1;33m" : "«",
                    hl_end = color ? "\033[0m" : "»", reset = color ? "\033[0m" : "";
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    const SearchHit& h = r.hits[i];
    char num[16];
    std::snprintf(num, sizeof num, "%3zu. ", offset + i + 1);
    std::string head = h.kind == "case" ? "zaak " + h.zaaknummer + (h.case_title.empty() ? "" : " – " + h.case_title)
                                        : h.title;
    out += num + bold + head + reset;
    std::vector<std::string> facts;
    if (!h.afdeling.empty()) facts.push_back(h.afdeling);
    if (!period(h).empty()) facts.push_back(period(h));
    if (!h.themes.empty()) facts.push_back(join(h.themes, ", "));
    if (!h.oordeel.empty()) facts.push_back(h.oordeel);
    if (!h.status.empty()) facts.push_back(h.status);
    if (!facts.empty()) out += "  " + dim + "[" + join(facts, " · ") + "]" + reset;
    out += "\n";
    if (h.kind == "case") out += "     " + h.title + "\n";
    out += "     " + mark_snippet(h.snippet, hl, hl_end) + "\n";
    for (const std::string& s : h.sources)
      out += "     " + dim + s + "  " + page_label(h.page, h.page_method, h.page_confidence) + ", line " + std::to_string(h.line) + reset + "\n";
  }
  if (facets) {
    for (const auto& [name, counts] : r.facets) {
      out += "\n" + bold + name + reset + ":";
      for (const auto& [v, n] : counts) out += "  " + v + " " + std::to_string(n);
    }
    out += "\n";
  }
  return out;
}

}  // namespace omb
