#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "store/db.h"
#include "store/counts.h"
#include "dbutil.h"
#include "testutil.h"

using namespace omb;
using omb::test::scalar;
using omb::test::TempDir;


TEST_CASE("store: migration from an empty file creates the current schema") {
  TempDir dir;
  std::string path = dir.write("empty.db", "");
  auto db = Database::open(path);
  REQUIRE(db.ok());
  CHECK(db->schema_version() == kSchemaVersion);
  CHECK(scalar(*db, "PRAGMA user_version") == kSchemaVersion);
  CHECK(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                    "('documents','sources','pages','passages','cases','tags','passages_fts','ingest_runs')") == 8);
  CHECK(scalar(*db, "PRAGMA foreign_keys") == 1);
  auto jm = db->prepare("PRAGMA journal_mode");
  REQUIRE(jm.ok());
  REQUIRE(*jm->step());
  CHECK(jm->text(0) == "wal");
}

TEST_CASE("store: a version 1 database is migrated to the current version and keeps its rows") {
  TempDir dir;
  std::string path = dir.file("v1.db");
  {
    auto db = Database::open(path);
    REQUIRE(db.ok());
    // Make it what version 1 was: no tags.detail, no cases.themes, no search_lexicon.
    REQUIRE(db->exec("ALTER TABLE tags DROP COLUMN detail; ALTER TABLE cases DROP COLUMN themes; "
                     "DROP TABLE search_lexicon; DROP INDEX passages_hit; DROP INDEX tags_document_type; PRAGMA user_version = 1").ok());
    REQUIRE(db->exec("INSERT INTO documents(id, content_hash, byte_size, encoding, ingested_at, pipeline_version) VALUES (1, 'h', 3, 'utf-8', 'now', 1)").ok());
    REQUIRE(db->exec("INSERT INTO cases(document_id, ordinal, zaaknummer, start, end) VALUES (1, 0, '406', 0, 3)").ok());
  }
  auto db = Database::open(path);
  REQUIRE(db.ok());
  CHECK(db->schema_version() == kSchemaVersion);
  CHECK(scalar(*db, "SELECT count(*) FROM cases WHERE zaaknummer = '406' AND themes = '[]'") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM pragma_table_info('tags') WHERE name = 'detail'") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'passages_fts' AND sql LIKE '%tokenize=''dutch''%'") == 1);
  CHECK(db->index_tokenizer() == SearchLexicon().id());
}

TEST_CASE("store: opening twice runs no migration again") {
  TempDir dir;
  { REQUIRE(Database::open(dir.file("a.db")).ok()); }
  auto db = Database::open(dir.file("a.db"));
  REQUIRE(db.ok());
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 0);
}

TEST_CASE("store: a file that is not SQLite is refused, not overwritten") {
  TempDir dir;
  std::string path = dir.write("notes.db", "Dit is een tekstbestand, geen database.\n");
  auto db = Database::open(path);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == Errc::not_database);
  CHECK(db.error().to_string() == path + ": not an SQLite database");
  auto again = Database::open(path, OpenOptions{.read_only = true});
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == Errc::not_database);
}

TEST_CASE("store: another program's SQLite database is refused") {
  TempDir dir;
  std::string path = dir.file("other.db");
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
  auto db = Database::open(path);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().message == "an SQLite database, but not one made by ombudsmine");
}

TEST_CASE("store: a database from a newer version is refused") {
  TempDir dir;
  std::string path = dir.file("new.db");
  {
    auto db = Database::open(path);
    REQUIRE(db.ok());
    REQUIRE(db->exec("PRAGMA user_version=99").ok());
  }
  auto db = Database::open(path);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == Errc::version);
}

TEST_CASE("store: a read-only database file is not written") {
  TempDir dir;
  std::string path = dir.file("ro.db");
  { REQUIRE(Database::open(path).ok()); }
  ::chmod(path.c_str(), 0444);
  auto db = Database::open(path);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == Errc::db_readonly);
  CHECK(db.error().to_string() == path + ": database file is read-only; cannot write to it");
  // Reading still works.
  auto ro = Database::open(path, OpenOptions{.read_only = true});
  REQUIRE(ro.ok());
  auto st = collect_counts(*ro);
  REQUIRE(st.ok());
  CHECK(st->documents == 0);
}

TEST_CASE("store: reading a database that does not exist says so") {
  TempDir dir;
  auto db = Database::open(dir.file("missing.db"), OpenOptions{.read_only = true});
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == Errc::not_found);
  CHECK(db.error().message == "no database here (run 'ombudsmine ingest' first, or pass --db)");
}

TEST_CASE("store: version 4 drops the tag indexes no query uses, and keeps the tags") {
  TempDir dir;
  std::string path = dir.file("v3.db");
  {
    auto db = Database::open(path);
    REQUIRE(db.ok());
    // What version 3 had.
    REQUIRE(db->exec("CREATE INDEX tags_type_value ON tags(type, value, document_id); "
                     "CREATE INDEX tags_document ON tags(document_id); PRAGMA user_version = 3").ok());
    REQUIRE(db->exec("INSERT INTO documents(id, content_hash, byte_size, encoding, ingested_at, pipeline_version) VALUES (1, 'h', 3, 'utf-8', 'now', 1)").ok());
    REQUIRE(db->exec("INSERT INTO tags(document_id, type, value, text, start, end, rule) VALUES (1, 'theme', 'communicatie', 'x', 0, 1, 'r')").ok());
  }
  auto db = Database::open(path);
  REQUIRE(db.ok());
  CHECK(db->schema_version() == kSchemaVersion);
  CHECK(scalar(*db, "SELECT count(*) FROM tags") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tags' "
                    "AND name IN ('tags_case', 'tags_document_type')") == 2);
  CHECK(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tags'") == 2);
  // Deleting a document still cascades to its tags through tags_document_type.
  REQUIRE(db->exec("DELETE FROM documents WHERE id = 1").ok());
  CHECK(scalar(*db, "SELECT count(*) FROM tags") == 0);
}

TEST_CASE("store: a read-only open of an older database upgrades it when the file is writable") {
  TempDir dir;
  std::string path = dir.file("old.db");
  {
    auto db = Database::open(path);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE INDEX tags_type_value ON tags(type, value, document_id); PRAGMA user_version = 3").ok());
  }
  auto ro = Database::open(path, OpenOptions{.read_only = true});
  REQUIRE(ro.ok());
  CHECK(ro->schema_version() == kSchemaVersion);
  CHECK(scalar(*ro, "SELECT count(*) FROM sqlite_schema WHERE name = 'tags_type_value'") == 0);
}

TEST_CASE("store: a new database has 64 kB pages; an existing one keeps its own") {
  TempDir dir;
  {
    auto db = Database::open(dir.file("new.db"));
    REQUIRE(db.ok());
    CHECK(scalar(*db, "PRAGMA page_size") == 65536);
  }
  {
    OpenOptions o;
    o.page_size = 4096;
    auto db = Database::open(dir.file("old.db"), o);
    REQUIRE(db.ok());
    CHECK(scalar(*db, "PRAGMA page_size") == 4096);
  }
  auto db = Database::open(dir.file("old.db"));  // the default asks for 64 kB: not for a file that has pages
  REQUIRE(db.ok());
  CHECK(scalar(*db, "PRAGMA page_size") == 4096);
  auto ro = Database::open(dir.file("new.db"), OpenOptions{.read_only = true});
  REQUIRE(ro.ok());
  CHECK(scalar(*ro, "PRAGMA page_size") == 65536);
}
