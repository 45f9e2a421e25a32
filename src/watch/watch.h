// watch/watch.h — saved searches and watches (issue #21, part 3): what a new
// quarter's reports add to a search, and which signals appeared, ended or
// changed, since the watch last reported.
//
// A watch is a name, a query as typed (search/query.h) and filters as given
// (search/filters.h names and values). Its state lives in the database
// (store/watches.h, schema v9).
//
// Baseline. create_watch() records every hit the search finds now and the
// signals of its cells now: a watch reports what comes after it was made,
// so `watch` right after `watch add` reports nothing.
//
// New hits. A hit is new when its key (store/watches.h: the report's content
// hash with the case's zaaknummer or ordinal, or the passage's ordinal) is
// not among the keys the watch has recorded. A key is recorded when the watch
// is made and when a report of it is marked (mark_reported()); keys are never
// forgotten, so a hit that leaves the results and comes back is not new.
// New hits come in the search's rank order.
//
// Signals of a watch. One run of the detectors as `ombudsmine signals` runs
// them with its defaults (by quarter, each series' latest period, q 0.10;
// every cell, so q is that run's), for every watch at once; when a signal
// ended, one more run keeping every test finds what stops it now. A watch's cells are
// those its filters name: afdeling (equal, any letter case), theme (equal),
// doctype (equal), org (part of the organisation's name, any letter case);
// a filter it does not set does not narrow. A signal of a cell "overall"
// (afdeling or theme "") is in a watch only when the watch does not filter
// on that field. year, from, to, quarter, oordeel and zaak narrow hits only.
// So a watch without afdeling/theme/doctype/org filters follows every signal.
// A signal's key is (organisation, doctype, afdeling, theme, kind); the
// period is not part of it (a signal that holds in the next quarter too is
// the same signal).
//  - appeared: a key that is an alert now and was not among those reported;
//  - ended: a key reported that is no alert now (its current test, with
//    what stopped it, when the cell is still tested);
//  - changed: a key that was reported and is an alert now, and
//      * its rate ratio moved by a factor of 1.5 or more either way (or is
//        now present where it was not, or absent where it was), or
//      * (shift) the first period after the change moved, or
//      * (shift) "still up in the latest period" turned.
//    Anything else (a smaller move of the ratio, another q under the level,
//    a later period) is not news.
//
// Marking. watch_news() only reads (one read snapshot for every watch).
// mark_reported() records, per watch, exactly the new hits it reported and
// its cells' current alerts as reported, in one transaction each
// (store/watches.h record_report): hits stored meanwhile by another ingest
// are not marked, so nothing is lost; two reports at once record the same
// state twice; a watch removed or replaced meanwhile is left alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "search/search.h"
#include "signals/signals.h"
#include "store/db.h"
#include "store/watches.h"

namespace omb {

struct WatchSpec {
  std::string name;
  std::string query;                                          // as typed
  std::vector<std::pair<std::string, std::string>> filters;  // [filter name or alias, value], as given
};

// A name is 1 to 64 characters: letters (any script), digits, spaces, '-',
// '_' and '.'; it starts with a letter or a digit and does not end with a
// space. Errc::usage naming the first character that is not allowed and its
// 1-based column (in characters), e.g. "watch name 'a/b': '/' at column 2
// is not allowed (letters, digits, spaces, '-', '_', '.')".
Status check_watch_name(std::string_view name);

// The watch's search: its query parsed and its filters set, as the CLI does.
// Errc::usage with the query parser's message; Errc::usage when there is
// neither a word nor a filter (a watch on everything).
Result<SearchOptions> watch_search_options(const std::string& query,
                                           const std::vector<std::pair<std::string, std::string>>& filters);

// Whether signal `s` is in the cells of a watch with filters `f` (above).
bool signal_in_watch(const Signal& s, const QueryFilters& f);
SignalMark mark_of(const Signal& s);

enum class SignalChangeKind { appeared, changed, ended };
const char* change_name(SignalChangeKind k);

struct SignalChange {
  SignalChangeKind change = SignalChangeKind::appeared;
  std::vector<std::string> what;       // changed: each difference, "ratio 2.10 → 3.40"
  std::optional<SignalMark> reported;  // changed, ended: as last reported
  std::optional<Signal> now;           // appeared, changed: the alert; ended: the test now, if it still runs
};

// The pure comparison: `reported` (as last reported) against `tests`, every
// test of the watch's cells now (alerts and others). Order: appeared, then
// changed (both in the order of `tests`), then ended (in the order of
// `reported`).
std::vector<SignalChange> diff_signals(const std::vector<SignalMark>& reported, const std::vector<Signal>& tests);

struct WatchNews {
  WatchRow watch;
  std::size_t hits_total = 0;          // hits of the search now
  std::vector<std::string> new_keys;   // the new hits' keys, in rank order
  std::vector<SearchHit> new_hits;     // the same hits, fetched (WatchRunOptions::fetch)
  std::vector<SignalChange> signals;   // what appeared, changed, ended
  std::vector<SignalMark> alerts_now;  // the alerts of the watch's cells now: recorded as reported
  std::int64_t generation = 0;         // the state of the documents this was computed on
  // Set when the watch's stored query or filters no longer parse (the query
  // language changed): the parser's message; the watch reports nothing else
  // and is not marked.
  std::string error;
  bool any() const { return !new_keys.empty() || !signals.empty(); }
};

struct WatchRunOptions {
  std::vector<std::string> names;  // only these watches (empty: all); an unknown name is Errc::not_found
  bool fetch = true;               // fetch new hits and signal evidence (false: keys and counts only)
  std::size_t evidence_limit = 0;  // evidence items per signal; 0: all
};

// Every watch (by name) with its news; reads only.
Result<std::vector<WatchNews>> watch_news(Database& db, const WatchRunOptions& o);

// Records the reports in `news` (above). Returns how many watches were
// recorded (a watch removed or replaced meanwhile is not).
Result<std::size_t> mark_reported(Database& db, const std::vector<WatchNews>& news);

// Checks the name and the search, then makes the watch with its baseline
// (above). Errc::usage for a bad name or query, or a name taken (without
// `replace`).
Result<WatchRow> create_watch(Database& db, const WatchSpec& spec, bool replace);

// A name for a watch made from a search (the web's default): the query's
// text and the filters' values with every character a name may not have
// made a space, spaces collapsed, cut to 40 characters (after the last whole
// word when there is a space); "zoekopdracht" when nothing is left.
std::string derive_watch_name(const std::string& query,
                              const std::vector<std::pair<std::string, std::string>>& filters);

}  // namespace omb
