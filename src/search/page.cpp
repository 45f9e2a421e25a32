#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "base/marks.h"
#include "search/ranked.h"
#include "search/search.h"
#include "store/db.h"
#include "store/hits.h"
#include "store/read.h"

// fetch_page() and search(): what is shown of a ranked page (search/search.h).

namespace omb {

namespace {

using ranked::Interner;
using ranked::Row;
using ranked::Rows;

// The line of the hit itself: the passage's first line plus the line breaks
// in the source before the first marked word (as written there; where OCR
// repair changed the word, the passage's first line stays).
Status find_hit_line(SourceReader& sources, const HitDetails::Span& span, SearchHit& h) {
  const auto open = h.snippet.find(kMarkOpen);
  if (open == std::string::npos) return {};
  const auto close = h.snippet.find(kMarkClose, open);
  const std::string word = h.snippet.substr(open + 1, close == std::string::npos ? 0 : close - open - 1);
  if (word.empty() || span.src_end <= span.src_start) return {};
  auto source = sources.range(h.document_id, span.src_start, span.src_end);
  if (!source.ok()) return {};
  std::size_t at = source->find(word);
  if (at == std::string::npos) {
    auto lower = [](std::string t) {
      for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return t;
    };
    at = lower(*source).find(lower(word));
  }
  if (at != std::string::npos)
    h.line += static_cast<int>(std::count(source->begin(), source->begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  return {};
}

// A hit of row `r` with what is shown of it: its document's and case's
// facts, its sources, page and line, and its snippet (from `snippets` when
// made there, else asked; else the passage's start).
Result<SearchHit> make_hit(HitDetails& details, SourceReader& sources, const Row& r, const std::string& fts,
                           std::unordered_map<std::int64_t, std::string>& snippets) {
  SearchHit h;
  h.kind = r.kind;
  h.score = r.score;
  h.passage_id = r.passage_id;
  h.document_id = r.document_id;
  if (r.case_id >= 0) h.case_id = r.case_id;
  if (r.year) h.year = r.year;
  if (r.quarter) h.quarter = r.quarter;
  OMB_TRY_ASSIGN(span, details.span(h.passage_id));
  if (span) {
    h.page = span->page;
    h.line = span->line;
    h.page_method = span->method;
    h.page_confidence = span->confidence;
  }
  OMB_TRY_ASSIGN(doc, details.document(h.document_id));
  if (doc) {
    h.title = doc->title;
    h.organisation = doc->organisation;
    h.doctype = doc->doctype;
    h.date = doc->date;
    if (doc->year) h.year = doc->year;
    if (doc->quarter) h.quarter = doc->quarter;
  }
  OMB_TRY_ASSIGN(paths, details.sources(h.document_id));
  h.sources = std::move(paths);
  if (h.case_id) {
    OMB_TRY_ASSIGN(c, details.case_facts(*h.case_id));
    if (c) {
      h.zaaknummer = c->zaaknummer;
      h.case_title = c->title;
      h.status = c->status;
      h.afdeling = c->afdeling;
      h.themes = c->themes;
      h.oordeel = c->oordeel;
    }
  }
  if (auto it = snippets.find(h.passage_id); it != snippets.end()) {
    h.snippet = std::move(it->second);
  } else if (!fts.empty()) {
    OMB_TRY_ASSIGN(s, details.snippet(fts, h.passage_id));
    h.snippet = std::move(s);
  }
  if (span) OMB_TRY(find_hit_line(sources, *span, h));
  if (h.snippet.empty()) {
    OMB_TRY_ASSIGN(body, details.body_start(h.passage_id));
    h.snippet = std::move(body);
  }
  return h;
}

}  // namespace

Result<SearchResult> fetch_page(Database& db, const RankedHits& ranked, std::size_t offset, std::size_t limit) {
  const RankedHits::Impl& in = *ranked.impl_;
  const std::vector<Row>& rows = in.found.rows;
  const std::vector<std::uint32_t>& order = in.order;
  std::size_t from = std::min(offset, order.size());
  std::size_t to = limit == 0 ? order.size() : std::min(order.size(), from + limit);
  if (to > in.ordered)
    return make_error(Errc::usage, "hits up to " + std::to_string(to) + " asked of a result ranked up to " +
                                       std::to_string(in.ordered));
  SearchResult out;
  out.total = rows.size();
  out.facets = in.facets;
  out.fuzzy = in.fuzzy;
  HitDetails details(db);
  SourceReader sources(db);
  // Snippets. A prefix term makes FTS5 merge the lists of every term it
  // covers at each evaluation (~7 ms for klant* on a 200 MB archive): then the
  // shown hits' snippets come from one evaluation over their rowid range.
  std::unordered_map<std::int64_t, std::string> snippets;
  if (!in.fts.empty() && in.prefix && to - from > 1) {
    std::vector<std::int64_t> ids;
    for (std::size_t i = from; i < to; ++i) ids.push_back(rows[order[i]].passage_id);
    OMB_TRY(details.snippets(in.fts, ids, [&](std::int64_t id, std::string s) { snippets.emplace(id, std::move(s)); }));
  }
  for (std::size_t i = from; i < to; ++i) {
    OMB_TRY_ASSIGN(h, make_hit(details, sources, rows[order[i]], in.fts, snippets));
    out.hits.push_back(std::move(h));
  }
  return out;
}

Result<SearchResult> search(Database& db, const SearchOptions& opts) {
  const std::size_t upto = opts.limit == 0 ? 0 : opts.offset + opts.limit;
  ReadSnapshot snap(db);  // the page shown is of the database ranked
  OMB_TRY(snap.begin());
  OMB_TRY_ASSIGN(ranked, rank(db, opts, upto));
  return fetch_page(db, *ranked, opts.offset, opts.limit);
}

}  // namespace omb
