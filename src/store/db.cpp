#include "store/db.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "index/rank.h"
#include "store/schema.h"

namespace omb {
namespace {

// Returns "" if `path` is absent or empty or starts like an SQLite file; else the reason.
std::string check_header(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return {};
  char head[16] = {};
  size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  if (n == 0) return {};
  if (n < 16 || std::memcmp(head, "SQLite format 3", 16) != 0) return "not an SQLite database";
  return {};
}

// A reader of a database in WAL mode needs its -shm file; SQLite makes it
// beside the database, and cannot when the reader may not write that folder
// (a root-owned archive searched by a user). SQLite then says only "attempt
// to write a readonly database" (#15). Returns what to do, or "".
std::string wal_folder_hint(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec).parent_path();
  if (ec || ::access(dir.c_str(), W_OK) == 0) return {};
  if (::access((path + "-shm").c_str(), R_OK) == 0) return {};
  return "the database is in WAL mode, so SQLite must create " + fs::path(path).filename().string() +
         "-shm beside it, and you may not write to " + dir.string() +
         ". Ask its owner to let you write to that folder, or copy the database (with any -wal file) to a "
         "folder of yours and pass --db";
}

}  // namespace

Error Database::error_from(int rc, std::string_view what) const {
  int primary = rc & 0xFF;
  std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  std::string msg(what);
  if (!msg.empty()) msg += ": ";
  switch (primary) {
    case SQLITE_FULL:
      return make_error(Errc::db_full, msg + "disk or database full (" + detail + ")", path_);
    case SQLITE_READONLY:
      if (read_only_)
        if (std::string hint = wal_folder_hint(path_); !hint.empty())
          return make_error(Errc::db_readonly, msg + "cannot read: " + hint, path_);
      return make_error(Errc::db_readonly, msg + "database is read-only (" + detail + ")", path_);
    case SQLITE_NOTADB:
      return make_error(Errc::not_database, msg + "not an SQLite database", path_);
    case SQLITE_CORRUPT:
      return make_error(Errc::db, msg + "database is corrupt (" + detail + ")", path_);
    case SQLITE_CANTOPEN:
      return make_error(Errc::io, msg + "cannot open database (" + detail + ")", path_);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return make_error(Errc::db, msg + "database is busy (another process is writing)", path_);
    case SQLITE_IOERR:
      return make_error(Errc::io, msg + "I/O error (" + detail + ")", path_);
    default:
      return make_error(Errc::db, msg + detail, path_);
  }
}

Error Database::last_error(std::string_view what) const {
  return error_from(db_ ? sqlite3_extended_errcode(db_) : SQLITE_ERROR, what);
}

Result<Database> Database::open(const std::string& path, const OpenOptions& opts) {
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return make_error(Errc::io, "is a directory, not a database file", path);
  if (!exists && (opts.read_only || !opts.create))
    return make_error(Errc::not_found, "no database here (run 'ombudsmine ingest' first, or pass --db)", path);
  if (std::string why = check_header(path); !why.empty()) return make_error(Errc::not_database, why, path);

  bool ro = opts.read_only;
  if (!ro && exists) {
    // Respect a file the user made read-only, even when we run as root.
    if ((st.st_mode & 0222) == 0 || ::access(path.c_str(), W_OK) != 0)
      return make_error(Errc::db_readonly, "database file is read-only; cannot write to it", path);
  }
  // SQLite's memory statistics take a global lock on every allocation; no
  // one reads them here. Settable only before SQLite starts, so once.
  static const bool no_memstatus = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)no_memstatus;
  int flags = SQLITE_OPEN_NOMUTEX | (ro ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw, path, ro);
  if (rc != SQLITE_OK) return db.error_from(rc, "cannot open");
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10000);

  // The first read tells whether the file is a database at all.
  std::int64_t app_id = 0, ntables = 0;
  {
    auto app = db.prepare("PRAGMA application_id");
    if (!app.ok()) return app.error();
    auto has = app->step();
    if (!has.ok()) return has.error();
    if (*has) app_id = app->int64(0);
    auto tables = db.prepare("SELECT count(*) FROM sqlite_schema");
    if (!tables.ok()) return tables.error();
    OMB_TRY(tables->step());
    ntables = tables->int64(0);
  }
  if (ntables > 0 && app_id != schema::kApplicationId)
    return make_error(Errc::not_database, "an SQLite database, but not one made by ombudsmine", path);

  // A new file gets its page size first (the cache is sized in pages of it).
  if (!ro && ntables == 0 && opts.page_size > 0)
    OMB_TRY(db.exec("PRAGMA page_size=" + std::to_string(opts.page_size)));
  OMB_TRY(db.exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;"));
  if (Status s = register_dutch_tokenizer(raw, db.lexicon_); !s.ok()) {
    Error e = s.error();
    e.file = path;
    return e;
  }
  if (Status s = register_rank_function(raw, "passages_fts"); !s.ok()) {
    Error e = s.error();
    e.file = path;
    return e;
  }
  // Readers map the file: a page is read in place, not by a system call and
  // a copy (search reads a hit's source text from ~13 overflow pages; 20
  // hits' lines 6.7 -> 2.0 ms on the 200 MB archive).
  if (ro) OMB_TRY(db.exec("PRAGMA mmap_size=1073741824;"));
  if (!ro) {
    OMB_TRY(db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
    if (opts.max_page_count > 0)
      OMB_TRY(db.exec("PRAGMA max_page_count=" + std::to_string(opts.max_page_count)));
  }
  {
    auto ver = db.prepare("PRAGMA user_version");
    if (!ver.ok()) return ver.error();
    OMB_TRY(ver->step());
    db.schema_version_ = static_cast<int>(ver->int64(0));
  }
  if (db.schema_version_ > kSchemaVersion)
    return make_error(Errc::version,
                      "database schema version " + std::to_string(db.schema_version_) +
                          " is newer than this ombudsmine understands (" + std::to_string(kSchemaVersion) +
                          "); upgrade ombudsmine",
                      path);
  if (db.schema_version_ < kSchemaVersion) {
    if (ro) {
      if (ntables == 0) return make_error(Errc::not_found, "empty database (run 'ombudsmine ingest' first)", path);
      // An older database read by a newer ombudsmine: upgrade it through a
      // writable connection when the file allows, then read on.
      if (::access(path.c_str(), W_OK) == 0) {
        OpenOptions w;
        w.max_page_count = opts.max_page_count;
        if (auto up = Database::open(path, w); up.ok()) {
          auto ver = db.prepare("PRAGMA user_version");
          if (!ver.ok()) return ver.error();
          OMB_TRY(ver->step());
          db.schema_version_ = static_cast<int>(ver->int64(0));
        }
      }
      if (db.schema_version_ < kSchemaVersion)
        return make_error(Errc::version, "database needs a schema upgrade; run any writing command (ingest) first", path);
    } else {
      OMB_TRY(db.migrate());
    }
  }
  auto lx = load_lexicon(raw);
  if (!lx.ok()) return lx.error();
  db.lexicon_->lexicon = std::make_shared<SearchLexicon>(std::move(*lx));
  if (!ro && db.index_tokenizer().empty()) OMB_TRY(db.set_meta("tokenizer", db.search_lexicon().id()));
  return db;
}

Result<std::int64_t> Database::generation() {
  OMB_TRY_ASSIGN(st, prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'"));
  OMB_TRY_ASSIGN(row, st.step());
  return row ? st.int64(0) : std::int64_t{-1};
}

Result<std::int64_t> Database::data_version() {
  OMB_TRY_ASSIGN(st, prepare("PRAGMA data_version"));
  OMB_TRY_ASSIGN(row, st.step());
  return row ? st.int64(0) : std::int64_t{-1};
}

Status Database::set_meta(std::string_view key, std::string_view value) {
  auto st = prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st.ok()) return st.error();
  st->bind(1, key).bind(2, value);
  return st->run();
}

std::string Database::index_tokenizer() {
  auto st = prepare("SELECT value FROM meta WHERE key = 'tokenizer'");
  if (!st.ok()) return {};
  auto row = st->step();
  if (!row.ok() || !*row) return {};
  return st->text(0);
}

Status Database::check_index() {
  std::string built = index_tokenizer();
  std::string ours = "dutch/" + std::to_string(kTokenizerVersion) + "/";
  if (built.rfind(ours, 0) == 0) return {};
  return make_error(Errc::version,
                    "the search index was built with tokenizer '" + (built.empty() ? std::string("unknown") : built) +
                        "', this ombudsmine tokenizes with " + ours.substr(0, ours.size() - 1) +
                        "; run 'ombudsmine reindex' to rebuild the index",
                    path_);
}

Status Database::use_lexicon(const SearchLexicon& lx, bool rebuild, bool force) {
  std::string want = lx.id();
  if (!force && index_tokenizer() == want) return {};
  std::int64_t passages = 0;
  {
    auto st = prepare("SELECT EXISTS (SELECT 1 FROM passages)");
    if (!st.ok()) return st.error();
    auto row = st->step();
    if (!row.ok()) return row.error();
    passages = st->int64(0);
  }
  if (passages && !rebuild)
    return make_error(Errc::version,
                      "the search index was built with other search word lists (dictionaries/search) or another "
                      "tokenizer; run 'ombudsmine reindex' to rebuild it",
                      path_);
  auto before = lexicon_->lexicon;
  Transaction tx(*this);
  OMB_TRY(tx.begin());
  OMB_TRY(exec("DELETE FROM search_lexicon"));
  {
    auto ins = prepare("INSERT INTO search_lexicon(kind, word) VALUES(?1, ?2)");
    if (!ins.ok()) return ins.error();
    for (const auto& [kind, words] : {std::pair{"compound", &lx.compounds}, std::pair{"protected", &lx.protected_words}})
      for (const std::string& w : *words) {
        ins->bind(1, kind).bind(2, w);
        OMB_TRY(ins->run());
      }
  }
  lexicon_->lexicon = std::make_shared<SearchLexicon>(lx);
  Status s = passages ? exec("INSERT INTO passages_fts(passages_fts) VALUES('rebuild')") : Status{};
  if (s.ok()) s = set_meta("tokenizer", want);
  // The index's row lengths are new: a stored search catalog is out of date.
  if (s.ok()) s = exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'");
  if (s.ok()) s = tx.commit();
  if (!s.ok()) lexicon_->lexicon = before;
  return s;
}

Status Database::migrate() {
  const auto& steps = schema::migrations();
  for (int v = schema_version_; v < kSchemaVersion; ++v) {
    Transaction tx(*this);
    OMB_TRY(tx.begin());
    Status s = exec(steps[static_cast<size_t>(v)]);
    if (!s.ok()) {
      Error e = s.error();
      e.message = "schema migration to version " + std::to_string(v + 1) + " failed: " + e.message;
      return e;
    }
    OMB_TRY(exec("PRAGMA application_id=" + std::to_string(schema::kApplicationId) +
                 "; PRAGMA user_version=" + std::to_string(v + 1)));
    OMB_TRY(tx.commit());
    schema_version_ = v + 1;
  }
  return {};
}

Database::Database(Database&& o) noexcept
    : db_(o.db_), path_(std::move(o.path_)), read_only_(o.read_only_), schema_version_(o.schema_version_),
      lexicon_(o.lexicon_) {
  o.db_ = nullptr;
}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close_v2(db_);
    db_ = o.db_;
    o.db_ = nullptr;
    path_ = std::move(o.path_);
    read_only_ = o.read_only_;
    schema_version_ = o.schema_version_;
    lexicon_ = o.lexicon_;
  }
  return *this;
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

Status Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) return last_error("");
  return {};
}

Result<Stmt> Database::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return last_error("");
  return Stmt(this, s);
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (s_) sqlite3_finalize(s_);
    db_ = o.db_;
    s_ = o.s_;
    o.s_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() {
  if (s_) sqlite3_finalize(s_);
}

Stmt& Stmt::bind(int i, std::int64_t v) { sqlite3_bind_int64(s_, i, v); return *this; }
Stmt& Stmt::bind(int i, double v) { sqlite3_bind_double(s_, i, v); return *this; }
Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::bind(int i, std::string&& v) {
  sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::bind_null(int i) { sqlite3_bind_null(s_, i); return *this; }

Result<bool> Stmt::step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = db_->error_from(rc, "");
  sqlite3_reset(s_);
  return e;
}

Status Stmt::run() {
  for (;;) {
    auto r = step();
    if (!r.ok()) return r.error();
    if (!*r) break;
  }
  sqlite3_reset(s_);
  return {};
}

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

std::string Stmt::text(int col) const { return std::string(view(col)); }

std::string_view Stmt::view(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (!p) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(s_, col))};
}

Status ReadSnapshot::begin() {
  OMB_TRY(db_.exec("SAVEPOINT omb_read"));
  open_ = true;
  return {};
}

ReadSnapshot::~ReadSnapshot() {
  if (open_) (void)db_.exec("RELEASE omb_read");
}

Status Transaction::begin() {
  OMB_TRY(db_.exec("BEGIN IMMEDIATE"));
  open_ = true;
  return {};
}

Status Transaction::commit() {
  Status s = db_.exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

Transaction::~Transaction() {
  if (open_) {
    // A failed COMMIT (e.g. disk full) may already have rolled back; ignore.
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

}  // namespace omb
