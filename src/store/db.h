// store/db.h — the ombudsmine database: one SQLite file.
//
// Database::open() opens (or creates) the file, checks that it is an SQLite
// database made by ombudsmine, and runs the schema migrations it lacks, each
// in its own transaction. WAL mode: readers (search, the web server) work
// while an ingest writes. The Database owns its sqlite3 connection; it is
// movable, not copyable, and must be used from one thread at a time.
//
// Failures are Errors naming the database file: Errc::not_database (the file
// is something else), Errc::db_readonly, Errc::db_full, Errc::version (made by
// a newer ombudsmine), Errc::db (anything else SQLite reports).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "index/fts5_dutch.h"

namespace omb {

inline constexpr int kSchemaVersion = 10;

struct OpenOptions {
  bool read_only = false;     // open for reading only (search, stats)
  bool create = true;         // create the file if missing (ignored when read_only)
  // The page size of a new database file (an existing one keeps its own).
  // 64 kB: a search reads its index lists, catalog and source text in 16x
  // fewer pages than with SQLite's 4 kB; each page read costs a fault or a
  // system call whatever its size (bench/RESULTS.md: median query 4 kB -> 64 kB).
  int page_size = 65536;
  // Test hook: cap the database at this many pages (PRAGMA max_page_count),
  // to exercise the disk-full path without a full disk. 0 = no cap.
  std::int64_t max_page_count = 0;
};

class Stmt;

class Database {
 public:
  static Result<Database> open(const std::string& path, const OpenOptions& opts = {});

  Database(Database&& o) noexcept;
  Database& operator=(Database&& o) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  sqlite3* handle() const { return db_; }
  // PRAGMA data_version: changes when another connection has committed since
  // this one last looked (not for this connection's own writes).
  Result<std::int64_t> data_version();
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }

  // Runs one or more statements that return no rows.
  Status exec(std::string_view sql);
  // Prepares one statement; the error names the database file.
  Result<Stmt> prepare(std::string_view sql);

  // Turns the connection's last error into an Error with a code that says
  // what kind of failure it was (full, read-only, not a database, ...).
  Error last_error(std::string_view what) const;
  Error error_from(int rc, std::string_view what) const;

  int schema_version() const { return schema_version_; }

  // The full-text index. Every connection has the "dutch" FTS5 tokenizer,
  // with the lexicon the index was built with (read from search_lexicon).
  const SearchLexicon& search_lexicon() const { return *lexicon_->lexicon; }
  std::shared_ptr<const SearchLexicon> search_lexicon_ptr() const { return lexicon_->lexicon; }
  // This connection's tokenizer slot (fts5_dutch.h), for the writer to hand
  // FTS5 terms made ahead.
  LexiconSlot& lexicon_slot() { return *lexicon_; }
  // The tokenizer the index was built with ("dutch/1/<hash>"), from meta.
  std::string index_tokenizer();
  // meta's `generation`: raised by every document added, re-analysed or
  // removed (schema triggers) and by reindex; -1 when the database has none.
  // What the stored catalog, term list and watches are stamped with.
  Result<std::int64_t> generation();
  // Fails with Errc::version when the index was built by another tokenizer
  // version than this program's: the message says to run `ombudsmine reindex`.
  Status check_index();
  // Makes `lx` the index's lexicon. Same lexicon: nothing to do. An empty
  // index, or rebuild = true: stores it and rebuilds the index with it (one
  // transaction). Otherwise Errc::version: the index must be rebuilt first.
  // force = true rebuilds even when the lexicon is the same (reindex).
  Status use_lexicon(const SearchLexicon& lx, bool rebuild, bool force = false);

 private:
  Database(sqlite3* db, std::string path, bool ro) : db_(db), path_(std::move(path)), read_only_(ro) {}
  Status migrate();
  Status set_meta(std::string_view key, std::string_view value);

  sqlite3* db_ = nullptr;
  std::string path_;
  bool read_only_ = false;
  int schema_version_ = 0;
  std::shared_ptr<LexiconSlot> lexicon_ = std::make_shared<LexiconSlot>();
};

// A prepared statement. Bind by 1-based index; step(); read columns.
class Stmt {
 public:
  Stmt(Database* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v);
  // Text is bound without copying: it must outlive step(). A temporary
  // string is copied (SQLITE_TRANSIENT), so it cannot dangle.
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, std::string&& v);
  Stmt& bind_null(int i);

  // Returns true for a row, false when done; an error otherwise.
  Result<bool> step();
  // step() until done; for statements that return no rows.
  Status run();
  void reset();

  std::int64_t int64(int col) const { return sqlite3_column_int64(s_, col); }
  double dbl(int col) const { return sqlite3_column_double(s_, col); }
  std::string text(int col) const;
  std::string_view view(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  sqlite3_stmt* handle() const { return s_; }

 private:
  Database* db_;
  sqlite3_stmt* s_;
};

// RAII transaction: BEGIN IMMEDIATE on construction; ROLLBACK unless commit().
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  Status begin();
  Status commit();
  ~Transaction();

 private:
  Database& db_;
  bool open_ = false;
};

// RAII read snapshot: SAVEPOINT on begin() (a deferred transaction, or a
// nested one inside the caller's), RELEASE on destruction. Every read in
// between sees one state of the database, though other connections commit.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) {}
  Status begin();
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
  bool open_ = false;
};

}  // namespace omb
