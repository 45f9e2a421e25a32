#include "watch/watch.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace omb {
namespace {

constexpr std::size_t kMaxNameChars = 64;
constexpr double kRatioChange = 1.5;  // "changed": the ratio moved by this factor or more

bool name_char_ok(UChar32 c) {
  if (c == ' ' || c == '-' || c == '_' || c == '.') return true;
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;  // letters and digits of any script, accents
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool any_equal(const std::vector<std::string>& values, const std::string& fact, bool nocase) {
  const std::string f = nocase ? lower_ascii(fact) : fact;
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return (nocase ? lower_ascii(v) : v) == f; });
}

std::string ratio_text(const std::optional<double>& r) {
  if (!r) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *r);
  return buf;
}

// One run of the detectors for every watch: `ombudsmine signals`' defaults.
// Alerts only: a run that kept every test chose the evidence of thousands
// of tests (5.5 s instead of 0.9 s for three watches on the 200 MB archive).
// `all`: every test, for what stops an ended signal now.
Result<SignalReport> signal_run(const std::vector<SignalUnit>& units, std::size_t evidence_limit, bool all) {
  SignalOptions so;
  so.all = all;
  so.evidence_limit = evidence_limit;
  return detect_signals(units, so);
}

// An ended signal's test now (not an alert), where the cell is still tested:
// one more run, keeping every test, only when some watch has an ended signal.
Status attach_ended_tests(const std::vector<SignalUnit>& units, std::vector<WatchNews>& news) {
  bool any = false;
  for (const WatchNews& n : news)
    for (const SignalChange& c : n.signals) any = any || c.change == SignalChangeKind::ended;
  if (!any) return {};
  OMB_TRY_ASSIGN(every, signal_run(units, 1, true));
  std::unordered_map<std::string, const Signal*> by_key;
  for (const Signal& s : every.signals) by_key.emplace(mark_of(s).key(), &s);
  for (WatchNews& n : news)
    for (SignalChange& c : n.signals)
      if (c.change == SignalChangeKind::ended && c.reported)
        if (auto it = by_key.find(c.reported->key()); it != by_key.end() && !it->second->alert) {
          c.now = *it->second;
          c.now->evidence.clear();  // an ended signal shows what stops it, not cases
          c.now->evidence_total = 0;
        }
  return {};
}

std::vector<Signal> tests_of(const SignalReport& run, const QueryFilters& f) {
  std::vector<Signal> out;
  for (const Signal& s : run.signals)
    if (signal_in_watch(s, f)) out.push_back(s);
  return out;
}

std::vector<SignalMark> alerts_of(const std::vector<Signal>& tests) {
  std::vector<SignalMark> out;
  for (const Signal& s : tests)
    if (s.alert) out.push_back(mark_of(s));
  return out;
}

std::vector<HitIdentity> identities(const std::vector<HitRef>& refs) {
  std::vector<HitIdentity> ids;
  ids.reserve(refs.size());
  for (const HitRef& r : refs) ids.push_back({r.kind, r.document_id, r.case_id, r.passage_id});
  return ids;
}

// The hits of a watch's search: every one ranked, and its key.
struct WatchHits {
  std::shared_ptr<const RankedHits> ranked;
  std::vector<std::string> keys;
};

Result<WatchHits> watch_hits(Database& db, const SearchOptions& so) {
  WatchHits h;
  OMB_TRY_ASSIGN(ranked, rank(db, so, 0));
  h.ranked = ranked;
  OMB_TRY_ASSIGN(keys, hit_keys(db, identities(hit_refs(*ranked))));
  h.keys = std::move(keys);
  return h;
}

// The news of one watch (without evidence), on the caller's snapshot.
Status one_watch(Database& db, const SignalReport& run, const WatchRunOptions& o, WatchNews& n) {
  OMB_TRY_ASSIGN(so, watch_search_options(n.watch.query, n.watch.filters));
  OMB_TRY_ASSIGN(hits, watch_hits(db, so));
  n.hits_total = hits.keys.size();
  OMB_TRY_ASSIGN(seen, seen_keys(db, n.watch.id));
  std::vector<std::size_t> fresh;  // indices of new hits, in rank order
  for (std::size_t i = 0; i < hits.keys.size(); ++i)
    if (seen.insert(hits.keys[i]).second) fresh.push_back(i);  // a key twice in one result set: new once
  for (std::size_t i : fresh) n.new_keys.push_back(hits.keys[i]);
  if (o.fetch) {
    for (std::size_t a = 0; a < fresh.size();) {  // one fetch per run of consecutive ranks
      std::size_t b = a + 1;
      while (b < fresh.size() && fresh[b] == fresh[b - 1] + 1) ++b;
      OMB_TRY_ASSIGN(page, fetch_page(db, *hits.ranked, fresh[a], b - a));
      for (SearchHit& h : page.hits) n.new_hits.push_back(std::move(h));
      a = b;
    }
  }
  const std::vector<Signal> tests = tests_of(run, so.query.filters);
  OMB_TRY_ASSIGN(reported, reported_signals(db, n.watch.id));
  n.signals = diff_signals(reported, tests);
  n.alerts_now = alerts_of(tests);
  return {};
}

// Evidence (zaaknummers, sentences, sources) for every signal the news shows.
Status attach_news_evidence(Database& db, std::vector<WatchNews>& news) {
  SignalReport rep;
  for (const WatchNews& n : news)
    for (const SignalChange& c : n.signals)
      if (c.now) rep.signals.push_back(*c.now);
  if (rep.signals.empty()) return {};
  OMB_TRY(attach_evidence(db, rep));
  std::size_t i = 0;
  for (WatchNews& n : news)
    for (SignalChange& c : n.signals)
      if (c.now) c.now = std::move(rep.signals[i++]);
  return {};
}

}  // namespace

Status check_watch_name(std::string_view name) {
  const std::string shown = "watch name '" + std::string(name) + "'";
  if (name.empty()) return make_error(Errc::usage, "a watch needs a name");
  std::size_t column = 0;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(name.size());) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(name.data(), i, static_cast<std::int32_t>(name.size()), c);
    ++column;
    if (c < 0) return make_error(Errc::usage, shown + ": not valid UTF-8 at column " + std::to_string(column));
    const std::string ch(name.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
    if (!name_char_ok(c)) {
      const std::string what = c < 0x20 || c == 0x7f ? "a control character" : "'" + ch + "'";
      return make_error(Errc::usage, shown + ": " + what + " at column " + std::to_string(column) +
                                         " is not allowed (letters, digits, spaces, '-', '_', '.')");
    }
    if (column == 1 && !(c >= 0x80 || std::isalnum(c)))
      return make_error(Errc::usage, shown + ": it must start with a letter or a digit, not '" + ch + "'");
  }
  if (column > kMaxNameChars)
    return make_error(Errc::usage, shown + ": " + std::to_string(column) + " characters, at most " +
                                       std::to_string(kMaxNameChars));
  if (name.back() == ' ') return make_error(Errc::usage, shown + ": it must not end with a space");
  return {};
}

Result<SearchOptions> watch_search_options(const std::string& query,
                                           const std::vector<std::pair<std::string, std::string>>& filters) {
  OMB_TRY_ASSIGN(parsed, parse_query(query));
  for (const auto& [k, v] : filters) OMB_TRY(set_filter(parsed.filters, k, v));
  if (parsed.fts.empty() && parsed.filters.empty())
    return make_error(Errc::usage, "a watch needs a query or a filter (it would follow every report)");
  SearchOptions so;
  so.query = std::move(parsed);
  so.limit = 0;
  so.facets = false;
  return so;
}

bool signal_in_watch(const Signal& s, const QueryFilters& f) {
  if (!f.afdeling.empty() && (s.afdeling.empty() || !any_equal(f.afdeling, s.afdeling, true))) return false;
  if (!f.theme.empty() && (s.theme.empty() || !any_equal(f.theme, s.theme, false))) return false;
  if (!f.doctype.empty() && !any_equal(f.doctype, s.doctype, false)) return false;
  if (!f.org.empty()) {
    const std::string org = lower_ascii(s.organisation);
    if (std::none_of(f.org.begin(), f.org.end(),
                     [&](const std::string& v) { return org.find(lower_ascii(v)) != std::string::npos; }))
      return false;
  }
  return true;
}

SignalMark mark_of(const Signal& s) {
  SignalMark m;
  m.organisation = s.organisation;
  m.doctype = s.doctype;
  m.afdeling = s.afdeling;
  m.theme = s.theme;
  m.kind = kind_name(s.kind);
  m.period = s.period;
  if (s.ratio && std::isfinite(*s.ratio)) m.ratio = s.ratio;
  m.q = s.q;
  if (s.shift) {
    m.since = s.shift->since;
    m.still_up = s.shift->still_up;
  }
  return m;
}

const char* change_name(SignalChangeKind k) {
  switch (k) {
    case SignalChangeKind::appeared: return "appeared";
    case SignalChangeKind::changed: return "changed";
    case SignalChangeKind::ended: return "ended";
  }
  return "?";
}

std::vector<SignalChange> diff_signals(const std::vector<SignalMark>& reported, const std::vector<Signal>& tests) {
  std::unordered_map<std::string, const SignalMark*> before;
  for (const SignalMark& m : reported) before.emplace(m.key(), &m);
  std::unordered_map<std::string, const Signal*> test_now;
  std::unordered_set<std::string> alert_now;
  for (const Signal& s : tests) {
    const std::string k = mark_of(s).key();
    test_now.emplace(k, &s);
    if (s.alert) alert_now.insert(k);
  }
  std::vector<SignalChange> appeared, changed, ended;
  for (const Signal& s : tests) {
    if (!s.alert) continue;
    const SignalMark now = mark_of(s);
    auto it = before.find(now.key());
    if (it == before.end()) {
      appeared.push_back({SignalChangeKind::appeared, {}, std::nullopt, s});
      continue;
    }
    const SignalMark& was = *it->second;
    std::vector<std::string> what;
    if (was.ratio.has_value() != now.ratio.has_value() ||
        (was.ratio && now.ratio &&
         (*now.ratio >= *was.ratio * kRatioChange || *was.ratio >= *now.ratio * kRatioChange)))
      what.push_back("ratio " + ratio_text(was.ratio) + " → " + ratio_text(now.ratio));
    if (now.kind == "shift" && was.since != now.since)
      what.push_back("since " + (was.since.empty() ? std::string("–") : was.since) + " → " + now.since);
    if (now.kind == "shift" && was.still_up != now.still_up)
      what.push_back(std::string("still up in the latest period: ") + (was.still_up ? "yes" : "no") + " → " +
                     (now.still_up ? "yes" : "no"));
    if (!what.empty()) changed.push_back({SignalChangeKind::changed, std::move(what), was, s});
  }
  for (const SignalMark& m : reported) {
    const std::string k = m.key();
    if (alert_now.count(k)) continue;
    auto it = test_now.find(k);
    std::optional<Signal> now;
    if (it != test_now.end()) now = *it->second;
    ended.push_back({SignalChangeKind::ended, {}, m, std::move(now)});
  }
  std::vector<SignalChange> out;
  for (auto* part : {&appeared, &changed, &ended})
    for (SignalChange& c : *part) out.push_back(std::move(c));
  return out;
}

Result<std::vector<WatchNews>> watch_news(Database& db, const WatchRunOptions& o) {
  OMB_TRY_ASSIGN(all, list_watches(db));
  std::vector<WatchRow> chosen;
  if (o.names.empty()) {
    chosen = std::move(all);
  } else {
    for (const std::string& name : o.names) {
      auto it = std::find_if(all.begin(), all.end(), [&](const WatchRow& w) { return w.name == name; });
      if (it == all.end()) return make_error(Errc::not_found, "no watch named '" + name + "' (ombudsmine watch list)");
      chosen.push_back(*it);
    }
  }
  std::vector<WatchNews> news;
  if (chosen.empty()) return news;
  ReadSnapshot snap(db);  // every watch sees one state of the database
  OMB_TRY(snap.begin());
  OMB_TRY_ASSIGN(generation, documents_generation(db));
  OMB_TRY_ASSIGN(units, load_signal_units(db));
  OMB_TRY_ASSIGN(run, signal_run(units, o.fetch ? o.evidence_limit : 1, false));
  for (WatchRow& w : chosen) {
    WatchNews n;
    n.watch = std::move(w);
    n.generation = generation;
    if (Status s = one_watch(db, run, o, n); !s.ok()) {
      // A stored query this version no longer reads: that watch says so, the others report.
      if (s.error().code != Errc::usage) {
        Error e = s.error();
        e.message = "watch '" + n.watch.name + "': " + e.message;
        return e;
      }
      n = WatchNews{n.watch, 0, {}, {}, {}, {}, generation, s.error().message};
    }
    news.push_back(std::move(n));
  }
  if (o.fetch) {
    OMB_TRY(attach_ended_tests(units, news));
    OMB_TRY(attach_news_evidence(db, news));
  }
  return news;
}

Result<std::size_t> mark_reported(Database& db, const std::vector<WatchNews>& news) {
  std::size_t recorded = 0;
  for (const WatchNews& n : news) {
    if (!n.error.empty()) continue;
    OMB_TRY_ASSIGN(ok, record_report(db, n.watch.id, n.generation, n.new_keys, n.alerts_now));
    recorded += ok;
  }
  return recorded;
}

Result<WatchRow> create_watch(Database& db, const WatchSpec& spec, bool replace) {
  OMB_TRY(check_watch_name(spec.name));
  OMB_TRY_ASSIGN(so, watch_search_options(spec.query, spec.filters));
  WatchRow w;
  w.name = spec.name;
  w.query = spec.query;
  w.filters = spec.filters;
  std::vector<std::string> seen;
  std::vector<SignalMark> signals;
  {
    ReadSnapshot snap(db);  // the baseline: one state of the database
    OMB_TRY(snap.begin());
    OMB_TRY_ASSIGN(generation, documents_generation(db));
    w.generation = generation;
    OMB_TRY_ASSIGN(hits, watch_hits(db, so));
    seen = std::move(hits.keys);
    OMB_TRY_ASSIGN(units, load_signal_units(db));
    OMB_TRY_ASSIGN(run, signal_run(units, 1, false));
    signals = alerts_of(tests_of(run, so.query.filters));
  }
  return add_watch(db, w, replace, seen, signals);
}

std::string derive_watch_name(const std::string& query,
                              const std::vector<std::pair<std::string, std::string>>& filters) {
  std::string text = query;
  for (const auto& [k, v] : filters) text += " " + v;
  constexpr std::size_t kMax = 40;
  std::string out;
  std::size_t chars = 0, last_space = 0;  // last_space: bytes before the last space kept
  bool cut = false;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(text.size());) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
    const bool ok = c >= 0 && name_char_ok(c) && c != ' ';
    if (!ok || (out.empty() && (c == '-' || c == '.' || c == '_'))) {
      if (!out.empty() && out.back() != ' ') {
        last_space = out.size();
        out += ' ';
        ++chars;
      }
      continue;
    }
    if (chars == kMax) {
      cut = true;
      break;
    }
    out.append(text, static_cast<std::size_t>(at), static_cast<std::size_t>(i - at));
    ++chars;
  }
  if (cut && last_space > 0 && out.back() != ' ') out.resize(last_space);  // whole words when it can
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "zoekopdracht" : out;
}

}  // namespace omb
