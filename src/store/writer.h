// store/writer.h — what ingest writes, one document per transaction.
//
// A Writer borrows an open, writable Database (which must outlive it).
// Outside a batch each put is its own transaction: it lands whole or leaves
// the database as it was (the error says why).
//
// Inside a batch (begin_batch .. commit_batch) puts share one transaction:
// FTS5 flushes its in-memory index at every commit and every savepoint, so
// one transaction for many documents is what makes bulk ingest fast. A put
// that fails inside a batch leaves the batch half-written: the caller must
// abort_batch() (roll back, reload this Writer's view of the database) and
// may replay the documents that had succeeded. If commit_batch fails (disk
// full) the batch is rolled back the same way. No partial document is ever
// committed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/document.h"
#include "base/result.h"
#include "store/db.h"

namespace omb {

// Bump when normalise/extract change what they store, so stale rows can be found.
inline constexpr int kPipelineVersion = 4;  // 2: extraction (facts, cases, tags); 3: tables split at header rows;
                                            // 4: case numbers in dropped running heads, real sites' debris

struct SourceInfo {
  std::int64_t document_id = 0;
  std::string content_hash;
  bool stale = false;  // stored by an older pipeline, or analysed with other rules
};

// reanalysed: the content was stored by an older pipeline; its derived rows
// (passages, cases, tags, facts) were replaced in place, its id and paths kept.
enum class WriteOutcome { added, replaced, unchanged, duplicate, reanalysed };
const char* write_outcome_name(WriteOutcome o);

class Writer {
 public:
  // `rules`: the fingerprint of the dictionaries the records are analysed
  // with (ingest/analyze.h), stored with each document. A stored document
  // with another one, or of an older pipeline (kPipelineVersion), is stale.
  // Empty: rules are not compared (only the pipeline version is).
  static Result<Writer> create(Database& db, std::string rules = {});

  // What is stored now: path -> source, content hash -> document id.
  const std::unordered_map<std::string, SourceInfo>& sources() const { return sources_; }
  std::optional<std::int64_t> document_for_hash(const std::string& hash) const;

  // Treats every stored document as stale: the next put() of its content
  // stores it again (ingest --reanalyse, after the rules changed).
  void mark_all_stale();

  // Stores `rec` (its path, hash and everything derived) unless the path
  // already holds this content (unchanged) or the content is stored under
  // another path (duplicate: only the path is recorded). A path whose content
  // changed gets the new version; the old version is deleted when no other
  // path holds it (replaced). Content stored by an older pipeline is stored
  // again from `rec` under the same document id (reanalysed).
  // A record analysed as its file was read (rec.raw_file set, rec.raw empty)
  // has its source read from that file again; if the file no longer has
  // rec.content_hash, or cannot be read, put fails with Errc::changed. Index
  // terms in rec.passage_terms, made with this database's lexicon, are handed
  // to FTS5 instead of tokenizing the passages again.
  Result<WriteOutcome> put(const DocumentRecord& rec);

  // For a file whose content is known by hash only (not decoded): records the
  // path against the stored document. Returns unchanged or duplicate/replaced.
  Result<WriteOutcome> put_known(const std::string& path, const std::string& hash, std::int64_t size,
                                 long long mtime);

  Status begin_batch();
  Status commit_batch();  // on failure: rolled back, view reloaded
  void abort_batch();     // roll back, reload the view
  bool in_batch() const { return in_batch_; }

  // Ingest run bookkeeping (inside the batch if one is open).
  Result<std::int64_t> begin_run();
  Status add_problem(std::int64_t run, const std::string& path, const std::string& kind, const std::string& reason);
  Status finish_run(std::int64_t run, const std::string& summary_json);

 private:
  Writer(Database& db, std::string rules) : db_(&db), rules_(std::move(rules)) {}
  Status load();
  Status insert_document(const DocumentRecord& rec, std::int64_t* id);
  Status insert_derived(const DocumentRecord& rec, std::int64_t doc);
  Status insert_pages(const DocumentRecord& rec, std::int64_t doc);
  Status reanalyze(const DocumentRecord& rec, std::int64_t doc);
  Status record_rules(std::int64_t doc);  // document_rules: the fingerprint it was analysed with
  Status record_period(const DocumentRecord& rec, std::int64_t doc);  // document_periods: the period it covers
  Status unindex(std::int64_t doc);  // takes a document's passages out of passages_fts
  Status attach_path(const std::string& path, std::int64_t doc, std::int64_t size, long long mtime);
  Status drop_if_orphan(std::int64_t doc);
  Result<WriteOutcome> relink(const std::string& path, const std::string& hash, std::int64_t doc, std::int64_t size,
                              long long mtime);

  friend class DocScope;
  Database* db_;
  std::string rules_;  // the fingerprint stored with each document written
  bool in_batch_ = false;
  std::unordered_map<std::string, SourceInfo> sources_;
  std::unordered_map<std::string, std::int64_t> by_hash_;
  std::unordered_map<std::int64_t, int> path_count_;  // document id -> number of paths
  std::unordered_set<std::int64_t> stale_;             // documents of an older pipeline
  bool all_stale_ = false;                             // mark_all_stale(): reloads keep it
};

std::string now_iso8601();

}  // namespace omb
