#include "search/similar.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "index/tokenizer.h"
#include "search/query.h"
#include "store/db.h"
#include "store/read.h"

namespace omb {
namespace {


constexpr std::size_t kMaxText = 256 * 1024;  // bytes of the case read for its words
constexpr std::size_t kCandidates = 200;      // hits re-ranked

}  // namespace

Result<SimilarResult> similar(Database& db, const SimilarOptions& o) {
  SimilarResult out;
  // The same case as `ombudsmine show` and the web's /case/ page (store/read.h).
  OMB_TRY_ASSIGN(found, case_by_zaak(db, o.zaak));
  if (!found) return make_error(Errc::not_found, "similar: no case with zaaknummer '" + o.zaak + "'");
  const std::int64_t case_id = found->id;
  out.of.kind = "case";
  out.of.case_id = case_id;
  out.of.document_id = found->document_id;
  out.of.zaaknummer = found->zaaknummer;
  out.of.case_title = found->title;
  out.of.afdeling = found->afdeling;
  out.of.themes = found->themes;
  out.of.oordeel = found->oordeel;
  out.of.title = found->report_title;
  out.of.year = found->year;
  out.of.quarter = found->quarter;

  OMB_TRY_ASSIGN(text, case_text(db, case_id, kMaxText));

  // The case's words: term -> (count, the word as first written).
  Tokenizer tok(db.search_lexicon_ptr());
  std::map<std::string, std::pair<int, std::string>> words;
  tok.tokenize(text, Tokenizer::Mode::query, [&](std::string_view term, std::size_t s, std::size_t e, bool colocated) {
    if (colocated || term.size() < 4) return true;
    if (std::any_of(term.begin(), term.end(), [](char c) { return (c >= '0' && c <= '9') || c == '/' || c == '.'; }))
      return true;
    auto& w = words[std::string(term)];
    if (w.first++ == 0) w.second = std::string(text.substr(s, e - s));
    return true;
  });

  OMB_TRY_ASSIGN(passages, passage_count(db));
  const double n = static_cast<double>(passages);
  std::vector<std::string> terms;
  terms.reserve(words.size());
  for (const auto& [term, w] : words) terms.push_back(term);
  OMB_TRY_ASSIGN(dfs, passages_with(db, terms));
  std::vector<std::pair<double, std::string>> scored;
  std::size_t at = 0;
  for (const auto& entry : words) {
    const auto& w = entry.second;
    const double d = static_cast<double>(dfs[at++]);
    if (d <= 0 || n <= 0 || d > 0.05 * n) continue;
    scored.emplace_back((1 + std::log(w.first)) * std::log(n / d), w.second);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (scored.size() > o.terms) scored.resize(o.terms);
  if (scored.empty()) return out;  // nothing telling to search with

  std::string q;
  for (const auto& [score, word] : scored) {
    out.words.push_back(word);
    q += (q.empty() ? "" : " OR ") + word;
  }
  OMB_TRY_ASSIGN(parsed, parse_query(q));
  SearchOptions so;
  so.query = std::move(parsed);
  so.limit = kCandidates;
  OMB_TRY_ASSIGN(found_hits, search(db, so));

  struct Ranked {
    double score;
    std::size_t index;
    std::vector<std::string> shared;
  };
  std::vector<Ranked> ranked;
  double best = 0;
  for (const auto& h : found_hits.hits)
    if (h.kind == "case" && h.case_id != case_id) best = std::max(best, h.score);
  for (std::size_t i = 0; i < found_hits.hits.size(); ++i) {
    const SearchHit& h = found_hits.hits[i];
    if (h.kind != "case" || h.case_id == case_id) continue;
    if (!h.zaaknummer.empty() && same_zaak(h.zaaknummer, out.of.zaaknummer)) continue;  // the same case in a copy of the report
    Ranked r{best > 0 ? h.score / best : 0.0, i, {}};
    for (const auto& t : h.themes)
      if (std::find(out.of.themes.begin(), out.of.themes.end(), t) != out.of.themes.end()) r.shared.push_back(t);
    if (!out.of.themes.empty()) r.score += 0.5 * static_cast<double>(r.shared.size()) / static_cast<double>(out.of.themes.size());
    if (!out.of.afdeling.empty() && h.afdeling == out.of.afdeling) r.score += 0.1;
    ranked.push_back(std::move(r));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  out.result.total = ranked.size();
  for (std::size_t k = 0; k < ranked.size() && k < o.limit; ++k) {
    SearchHit h = found_hits.hits[ranked[k].index];
    h.score = ranked[k].score;
    out.result.hits.push_back(std::move(h));
    out.shared_themes.push_back(std::move(ranked[k].shared));
  }
  return out;
}

}  // namespace omb
