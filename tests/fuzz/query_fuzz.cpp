// tests/fuzz/query_fuzz.cpp — parse_query on any text.
//
// Properties (search/query.h):
//  - no crash, no sanitizer report;
//  - an error is Errc::usage and names a column inside the query or just
//    past its end: "... (column N)", 1 <= N <= size + 1;
//  - on success the FTS5 expression is accepted by a real FTS5 MATCH: an
//    in-memory table with the project's tokenizer (tokenize='dutch'), the
//    expression bound with its length as search.cpp binds it.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "index/fts5_dutch.h"
#include "search/query.h"

using namespace omb;

namespace {
sqlite3* g_db = nullptr;
sqlite3_stmt* g_match = nullptr;

void must_sql(int rc, const char* what) {
  if (rc != SQLITE_OK) {
    std::fprintf(stderr, "%s: %s\n", what, g_db ? sqlite3_errmsg(g_db) : "no database");
    std::exit(1);
  }
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  must_sql(sqlite3_open(":memory:", &g_db), "open");
  Status s = register_dutch_tokenizer(g_db, std::make_shared<LexiconSlot>());
  if (!s.ok()) {
    std::fprintf(stderr, "tokenizer: %s\n", s.error().to_string().c_str());
    std::exit(1);
  }
  must_sql(sqlite3_exec(g_db,
                        "CREATE VIRTUAL TABLE t USING fts5(heading, body, tokenize='dutch');"
                        "INSERT INTO t VALUES('Bejegening', 'De klantmanager belt de klager niet terug over zaak 2023/0456.');"
                        "INSERT INTO t VALUES('Klachtbehandeling', 'Geen reactie op de klacht; excuses van de afdeling.');",
                        nullptr, nullptr, nullptr),
           "schema");
  must_sql(sqlite3_prepare_v2(g_db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &g_match, nullptr), "prepare");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view q(reinterpret_cast<const char*>(data), size);
  auto r = parse_query(q);
  if (!r.ok()) {
    const Error& e = r.error();
    FUZZ_CHECK(e.code == Errc::usage, std::string("error code ") + errc_name(e.code) + ": " + e.message);
    std::size_t at = e.message.rfind("(column ");
    FUZZ_CHECK(at != std::string::npos, "error without a column: " + e.message);
    std::size_t col = std::strtoul(e.message.c_str() + at + 8, nullptr, 10);
    FUZZ_CHECK(col >= 1 && col <= size + 1, "column out of range: " + e.message);
    return 0;
  }
  if (r->fts.empty()) return 0;
  sqlite3_reset(g_match);
  sqlite3_bind_text(g_match, 1, r->fts.data(), static_cast<int>(r->fts.size()), SQLITE_TRANSIENT);
  int rc = sqlite3_step(g_match);
  std::string msg = rc == SQLITE_ROW ? "" : sqlite3_errmsg(g_db);
  sqlite3_reset(g_match);
  FUZZ_CHECK(rc == SQLITE_ROW, "FTS5 refuses the expression: " + msg + "\n  fts: " + r->fts);
  return 0;
}
