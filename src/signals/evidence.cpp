#include "signals/evidence.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <set>

#include "store/read.h"
#include "text/fold.h"

namespace omb {
namespace detect {

void choose_evidence(Signal& s, const Cells& cells, std::size_t org, const Key& key,
                     const std::vector<std::size_t>& positions, const SignalOptions& o) {
  const Series& series = cells.series[org];
  std::set<int> periods;
  for (std::size_t p : positions) periods.insert(series.periods[p]);
  std::vector<const Unit*> chosen;
  for (const Unit& u : cells.units) {
    if (u.org != org || !periods.count(u.period)) continue;
    if (!key.first.empty() && cells.afdeling(u) != key.first) continue;
    if (!key.second.empty() && !std::binary_search(u.themes.begin(), u.themes.end(), key.second)) continue;
    chosen.push_back(&u);
  }
  // Newest first: the analyst checks the current period first.
  std::stable_sort(chosen.begin(), chosen.end(), [](const Unit* a, const Unit* b) { return a->period > b->period; });
  s.evidence_total = chosen.size();
  if (o.evidence_limit && chosen.size() > o.evidence_limit) chosen.resize(o.evidence_limit);
  for (const Unit* u : chosen) {
    const SignalUnit& su = cells.in[u->source];
    Evidence e;
    e.document_id = su.document_id;
    e.case_id = su.case_id;
    e.period = period_label(u->period, o.grain);
    e.afdeling = su.afdeling;
    e.themes = u->themes;
    s.evidence.push_back(std::move(e));
  }
}

std::string sentence_around(const std::string& body_in, std::size_t at, std::size_t to) {
  if (body_in.empty()) return {};
  at = std::min(at, body_in.size() - 1);
  to = std::min(std::max(to, at), body_in.size());
  std::string body = body_in;
  if (to > at) {
    body.insert(to, 1, kMarkClose);
    body.insert(at, 1, kMarkOpen);
  }
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createSentenceInstance(icu::Locale("nl"), st));
  UText* ut = utext_openUTF8(nullptr, body.data(), static_cast<int64_t>(body.size()), &st);
  if (U_FAILURE(st) || !bi) {
    if (ut) utext_close(ut);
    return collapse_space(body.substr(at, 200));
  }
  bi->setText(ut, st);
  int32_t end = bi->following(static_cast<int32_t>(at));
  int32_t start = bi->previous();
  if (start == icu::BreakIterator::DONE) start = 0;
  if (end == icu::BreakIterator::DONE) end = static_cast<int32_t>(body.size());
  utext_close(ut);
  std::string s = collapse_space(body.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
  if (s.size() > 400) {
    // A window of about 400 bytes around the mark, cut at character boundaries.
    auto boundary = [&](std::size_t i) {
      while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
      return i;
    };
    const std::size_t mark = s.find(kMarkOpen);
    std::size_t from = boundary(mark == std::string::npos || mark < 150 ? 0 : mark - 150);
    std::size_t until = boundary(std::min(s.size(), from + 400));
    std::string w = (from > 0 ? "…" : "") + s.substr(from, until - from) + (until < s.size() ? "…" : "");
    const bool open = w.find(kMarkOpen) != std::string::npos;
    const bool closed = w.find(kMarkClose) != std::string::npos;
    if (open && !closed) w += kMarkClose;
    if (!open && closed) w.erase(w.find(kMarkClose), 1);
    s = std::move(w);
  }
  return s;
}

namespace {

// Page, line and sentence of `e` from a passage to quote.
void quote(Evidence& e, const QuotedPassage& q) {
  e.page = q.page;
  e.line = q.line;
  const auto at = static_cast<std::size_t>(std::max<std::int64_t>(0, q.at - q.start));
  const auto to = static_cast<std::size_t>(std::max<std::int64_t>(0, q.to - q.start));
  e.sentence = sentence_around(q.body, at, to);
  e.rule = q.rule;
}

Status fill(EvidenceReader& rd, const std::string& theme, Evidence& e) {
  if (e.case_id) {
    OMB_TRY_ASSIGN(head, rd.case_head(*e.case_id));
    if (head) { e.zaaknummer = head->zaaknummer; e.title = head->title; }
  }
  OMB_TRY_ASSIGN(title, rd.document_title(e.document_id));
  if (title) e.document_title = *title;
  if (e.title.empty()) e.title = e.document_title;
  OMB_TRY_ASSIGN(sources, rd.sources(e.document_id));
  e.sources = std::move(sources);
  OMB_TRY_ASSIGN(tagged, rd.theme_passage(e.document_id, theme, e.case_id));
  if (tagged) { quote(e, *tagged); return {}; }
  OMB_TRY_ASSIGN(first, rd.first_paragraph(e.document_id, e.case_id));
  if (first) quote(e, *first);
  return {};
}

}  // namespace
}  // namespace detect

Status attach_evidence(Database& db, SignalReport& report) {
  EvidenceReader rd(db);
  std::vector<Signal*> all;
  for (Signal& s : report.signals) all.push_back(&s);
  if (report.closest) all.push_back(&*report.closest);
  for (Signal* sp : all)
    for (Evidence& e : sp->evidence) OMB_TRY(detect::fill(rd, sp->theme, e));
  return {};
}

}  // namespace omb
