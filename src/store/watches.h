// store/watches.h — the SQL of saved searches and watches (schema v9).
//
// A watch is a named search (its query as typed and its filters as given)
// with the state of what it last reported: the keys of every hit it has
// reported (watch_seen) and the signals of its cells as last reported
// (watch_signals). The logic (what is new, what changed) is watch/watch.h's;
// here only rows are read and written, every write in one transaction.
//
// Hit keys (hit_keys()) are stable across re-ingest and across copies of a
// report under other paths: the document's content hash, then
//   "#zaak:<zaaknummer>"   for a case with a zaaknummer,
//   "#case:<ordinal>"      for a case without one (its place in the report),
//   "#p:<ordinal>"         for a passage outside cases,
//   nothing                for a report listed by filters alone.
// So a re-ingest of unchanged files changes no key; an edited report is new
// content, and its hits are new. Re-analysis with other rules may renumber
// passages: a passage hit may then come back as new.
//
// Failures: the database's errors; add_watch() fails with Errc::usage when
// the name is taken and `replace` is false.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/db.h"

namespace omb {

struct WatchRow {
  std::int64_t id = 0;  // never reused: a replaced watch gets a new one
  std::string name, query;
  std::vector<std::pair<std::string, std::string>> filters;  // [name, value] as given
  std::string created_at, reported_at;                       // UTC, "YYYY-MM-DD HH:MM:SS"; reported_at "" = never
  std::int64_t generation = 0;  // meta's generation of the state last reported (or found when made)
  std::int64_t seen = 0;        // hits recorded in watch_seen (list_watches only)
};

// One signal of a watch's cells as reported: its key (organisation, doctype,
// afdeling, theme, kind) and the figures "changed" compares.
struct SignalMark {
  std::string organisation, doctype, afdeling, theme, kind;
  std::string period;
  std::optional<double> ratio;
  double q = 1;
  std::string since;  // shift: the first period after the change
  bool still_up = false;
  // The key as one string (the fields joined by U+001F), for maps.
  std::string key() const;
};

// What identifies a search hit (search.h's HitRef, without depending on search/).
struct HitIdentity {
  std::string kind;  // "case", "passage" or "document"
  std::int64_t document_id = 0;
  std::optional<std::int64_t> case_id;
  std::int64_t passage_id = 0;
};

// The watches, by name.
Result<std::vector<WatchRow>> list_watches(Database& db);
Result<std::optional<WatchRow>> find_watch(Database& db, const std::string& name);

// Makes a watch with its baseline (the hits and signals it does not report as
// new), in one transaction. With `replace`, a watch of that name is removed
// first (its state goes with it). Returns the row as stored.
Result<WatchRow> add_watch(Database& db, const WatchRow& w, bool replace, const std::vector<std::string>& seen,
                           const std::vector<SignalMark>& signals);
// false: there was no watch of that name.
Result<bool> remove_watch(Database& db, const std::string& name);

Result<std::unordered_set<std::string>> seen_keys(Database& db, std::int64_t watch_id);
Result<std::vector<SignalMark>> reported_signals(Database& db, std::int64_t watch_id);

// Records what a report of watch `watch_id` showed, in one transaction: adds
// `new_keys` to its seen hits and, unless the watch last reported a newer
// state (a larger generation), makes `signals` its reported signals, with
// `generation` and reported_at = now. Returns false, writing nothing, when
// the watch no longer exists (removed or replaced since the report was made).
Result<bool> record_report(Database& db, std::int64_t watch_id, std::int64_t generation,
                           const std::vector<std::string>& new_keys, const std::vector<SignalMark>& signals);

// meta's generation: raised by every document added, re-analysed or removed.
Result<std::int64_t> documents_generation(Database& db);

// The key of each hit (see above), in the order given.
Result<std::vector<std::string>> hit_keys(Database& db, const std::vector<HitIdentity>& hits);

}  // namespace omb
