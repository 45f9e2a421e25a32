// index/rank.h: omb_bm25() gives exactly bm25()'s doubles, with its kept
// row lengths or without, and drops them when the database changes.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <random>
#include <string>
#include <vector>

#include "index/rank.h"
#include "testutil.h"

using namespace omb;

namespace {

struct Conn {
  sqlite3* db = nullptr;
  explicit Conn(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(register_rank_function(db, "passages_fts").ok());
  }
  ~Conn() { CHECK(sqlite3_close(db) == SQLITE_OK); }  // nothing of ours left unfinalized
  void exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
  }
  // Rows where the two scores differ, and the rows matched.
  std::pair<int, int> compare(const std::string& match) {
    sqlite3_stmt* st = nullptr;
    const std::string sql =
        "WITH x AS MATERIALIZED (SELECT bm25(passages_fts, 3.0, 1.0) AS a, omb_bm25(passages_fts, 3.0, 1.0) AS b "
        "FROM passages_fts WHERE passages_fts MATCH ?1) SELECT count(*), coalesce(sum(a != b), 0) FROM x";
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::pair<int, int> out{sqlite3_column_int(st, 1), sqlite3_column_int(st, 0)};
    sqlite3_finalize(st);
    return out;
  }
};

// Rows of random words from a small vocabulary: common words match most rows.
void fill(Conn& c, int rows, unsigned seed) {
  static const char* words[] = {"klacht", "burger", "gemeente", "ombudsman", "brief", "termijn", "excuses",
                                "klantmanager", "bezwaar", "uitkering", "schuld", "zorg"};
  std::mt19937 rng(seed);
  c.exec("BEGIN");
  for (int i = 0; i < rows; ++i) {
    std::string head, body;
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k) head += std::string(words[rng() % 12]) + " ";
    for (int k = 0, n = 5 + static_cast<int>(rng() % 60); k < n; ++k) body += std::string(words[rng() % 12]) + " ";
    c.exec("INSERT INTO passages_fts(heading, body) VALUES ('" + head + "', '" + body + "')");
  }
  c.exec("COMMIT");
}

}  // namespace

TEST_CASE("omb_bm25 equals bm25 on every row, with and without kept lengths", "[rank]") {
  test::TempDir dir;
  const std::string path = dir.file("rank.db");
  Conn c(path);
  c.exec("PRAGMA journal_mode=WAL");
  c.exec("CREATE VIRTUAL TABLE passages_fts USING fts5(heading, body)");
  fill(c, 3000, 1);
  // A rare word (too few rows to read all lengths), then common words (the
  // lengths are read once, part way through), then again (kept lengths).
  for (const char* q : {"zorg AND bezwaar AND schuld AND excuses", "ombudsman", "klacht OR brief", "ombudsman",
                        "\"burger brief\"", "klant*", "NEAR(klacht termijn, 3)"}) {
    auto [differ, rows] = c.compare(q);
    INFO(q);
    CHECK(rows > 0);
    CHECK(differ == 0);
  }
  // Rows rewritten in place (same rowids, same row count, other lengths):
  // by this connection, then by another one. The kept lengths must go.
  c.exec("UPDATE passages_fts SET body = body || ' ' || body || ' ' || body WHERE rowid <= 400");
  CHECK(c.compare("ombudsman").first == 0);
  {
    Conn other(path);
    other.exec("UPDATE passages_fts SET body = 'ombudsman' WHERE rowid BETWEEN 401 AND 800");
  }
  CHECK(c.compare("ombudsman").first == 0);
  // This connection's own writes change the lengths: they are read again.
  fill(c, 500, 2);
  CHECK(c.compare("ombudsman").first == 0);
  CHECK(c.compare("ombudsman").second > 3000);
  // Another connection's commit too.
  {
    Conn other(path);
    other.exec("DELETE FROM passages_fts WHERE rowid % 3 = 0");
    fill(other, 700, 3);
  }
  auto [differ, rows] = c.compare("ombudsman");
  CHECK(differ == 0);
  CHECK(rows > 0);
  CHECK(c.compare("gemeente OR uitkering").first == 0);
}

TEST_CASE("omb_bm25 on another FTS5 table ranks as bm25 does", "[rank]") {
  test::TempDir dir;
  Conn c(dir.file("other.db"));
  c.exec("CREATE VIRTUAL TABLE passages_fts USING fts5(heading, body)");
  c.exec("CREATE VIRTUAL TABLE notes USING fts5(heading, body)");
  fill(c, 3000, 4);
  c.exec("INSERT INTO notes SELECT heading, body FROM passages_fts WHERE rowid % 2 = 0");
  // The lengths of passages_fts are kept now; notes (1500 rows) must not use them.
  CHECK(c.compare("ombudsman").first == 0);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(c.db,
                             "WITH x AS MATERIALIZED (SELECT bm25(notes, 3.0, 1.0) AS a, omb_bm25(notes, 3.0, 1.0) AS b "
                             "FROM notes WHERE notes MATCH 'ombudsman') SELECT count(*), sum(a != b) FROM x",
                             -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) > 1000);
  CHECK(sqlite3_column_int(st, 1) == 0);
  sqlite3_finalize(st);
}

TEST_CASE("omb_bm25_tf times the phrase's IDF is bm25 exactly for a query of one phrase", "[rank]") {
  test::TempDir dir;
  Conn c(dir.file("tf.db"));
  c.exec("CREATE VIRTUAL TABLE passages_fts USING fts5(heading, body)");
  fill(c, 3000, 5);
  for (const char* q : {"ombudsman", "\"burger brief\"", "klant*", "zorg", "\"klacht termijn excuses\""}) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(c.db,
                               "SELECT bm25(passages_fts, 3.0, 1.0), omb_bm25_tf(passages_fts, 3.0, 1.0) FROM passages_fts "
                               "WHERE passages_fts MATCH ?1",
                               -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    std::vector<std::pair<double, double>> rows;
    while (sqlite3_step(st) == SQLITE_ROW) rows.emplace_back(sqlite3_column_double(st, 0), sqlite3_column_double(st, 1));
    sqlite3_finalize(st);
    INFO(q);
    REQUIRE(!rows.empty());
    CHECK(last_query_rows(c.db) == 3000);
    const double idf = bm25_idf(last_query_rows(c.db), static_cast<std::int64_t>(rows.size()));
    int differ = 0;
    for (const auto& [bm25, tf] : rows) differ += (-1.0 * (idf * -tf)) != bm25;
    CHECK(differ == 0);
  }
}

TEST_CASE("omb_bm25 takes its lengths from a source once a query has scored enough rows", "[rank]") {
  test::TempDir dir;
  Conn c(dir.file("src.db"));
  c.exec("CREATE VIRTUAL TABLE passages_fts USING fts5(heading, body)");
  fill(c, 3000, 6);
  // The true lengths, as a stored catalog would hand them over.
  auto lengths = std::make_shared<std::vector<std::uint32_t>>(3001, 0);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(c.db, "SELECT id, sz FROM passages_fts_docsize", -1, &st, nullptr) == SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW)
    (*lengths)[static_cast<std::size_t>(sqlite3_column_int64(st, 0))] =
        docsize_total(static_cast<const unsigned char*>(sqlite3_column_blob(st, 1)), sqlite3_column_bytes(st, 1));
  sqlite3_finalize(st);
  int asked = 0;
  REQUIRE(set_lengths_source(c.db, [&](std::int64_t* rows) -> std::shared_ptr<const std::vector<std::uint32_t>> {
            ++asked;
            *rows = 3000;
            return lengths;
          }).ok());
  CHECK(c.compare("nietsbestaands").second == 0);
  CHECK(asked == 0);  // no matches: nothing asked
  CHECK(c.compare("zorg AND bezwaar AND schuld AND excuses AND brief").first == 0);
  auto [differ, rows] = c.compare("ombudsman");
  CHECK(rows > 256);
  CHECK(differ == 0);
  CHECK(asked == 1);
  CHECK(c.compare("klacht OR brief").first == 0);
  CHECK(asked == 1);  // adopted: kept while the database is unchanged
  // A source that has nothing: %_docsize as before.
  REQUIRE(set_lengths_source(c.db, [&](std::int64_t*) { ++asked; return std::shared_ptr<const std::vector<std::uint32_t>>(); }).ok());
  c.exec("UPDATE passages_fts SET body = body || ' zorg' WHERE rowid <= 100");
  CHECK(c.compare("ombudsman").first == 0);
  CHECK(asked == 2);
  REQUIRE(set_lengths_source(c.db, {}).ok());
}
