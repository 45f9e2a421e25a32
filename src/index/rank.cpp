#include "index/rank.h"

#include "index/fts5_dutch.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>
#include <unordered_map>
#include <string>
#include <vector>

namespace omb {

namespace {

// Row lengths of one FTS5 table, kept per connection while the database is
// unchanged.
struct RankState {
  sqlite3* db = nullptr;
  std::string docsize;                 // the shadow table, e.g. "passages_fts_docsize"
  std::shared_ptr<const std::vector<std::uint32_t>> lengths;  // by rowid; 0: not known (read it from %_docsize)
  bool loaded = false;
  std::int64_t loaded_rows = 0;  // the table's row count when read
  std::int64_t data_version = -1, total_changes = -1;
  std::int64_t last_rows = -1;  // the table's rows as the last query saw them
  LengthsSource source;  // asked before %_docsize is read whole

  // The stamp of the database as this connection sees it; -1 on failure.
  // (Prepared each time: a statement kept until the connection closes would
  // make sqlite3_close() refuse to close it.)
  std::int64_t current_version() {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, nullptr) != SQLITE_OK) return -1;
    std::int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }

  // Called once per query: drops the lengths when anything was committed since they were read.
  void check_fresh() {
    if (!loaded) return;
    if (current_version() != data_version || sqlite3_total_changes64(db) != total_changes) {
      loaded = false;
      lengths.reset();
    }
  }

  // Takes lengths known to be current as of now. False when the stamp cannot be read.
  bool adopt(std::shared_ptr<const std::vector<std::uint32_t>> l, std::int64_t rows) {
    const std::int64_t version = current_version();
    if (version < 0) return false;
    lengths = std::move(l);
    loaded = true;
    loaded_rows = rows;
    data_version = version;
    total_changes = sqlite3_total_changes64(db);
    return true;
  }

  // Reads every row's length from %_docsize. On failure the lengths stay unloaded.
  int load(std::int64_t rows_expected) {
    const std::int64_t version_before = current_version();
    const std::int64_t changes_before = sqlite3_total_changes64(db);
    sqlite3_stmt* st = nullptr;
    const std::string sql = "SELECT id, sz FROM \"" + docsize + "\"";
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    if (rc != SQLITE_OK) return rc;
    std::vector<std::uint32_t> len;
    std::int64_t rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const std::int64_t id = sqlite3_column_int64(st, 0);
      const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, 1));
      const int n = sqlite3_column_bytes(st, 1);
      if (id < 0 || id > (std::int64_t{1} << 32)) continue;  // unusual rowids: left to %_docsize
      const std::uint32_t total = docsize_total(p, n);
      if (static_cast<std::size_t>(id) >= len.size()) len.resize(static_cast<std::size_t>(id) + 1 + len.size() / 2, 0);
      len[static_cast<std::size_t>(id)] = static_cast<std::uint32_t>(total);
      ++rows;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return rc;
    if (rows != rows_expected) return SQLITE_OK;  // not the table this function ranks: stay with %_docsize
    lengths = std::make_shared<const std::vector<std::uint32_t>>(std::move(len));
    loaded = true;
    loaded_rows = rows;
    data_version = version_before;
    total_changes = changes_before;
    return SQLITE_OK;
  }
};

// Per query (FTS5 auxiliary data): what bm25() computes once per query.
struct QueryData {
  double avgdl = 0;
  std::int64_t rows = 0;
  std::int64_t scored = 0;  // rows ranked so far by this query
  bool other_table = false;  // the kept lengths are of another table: never use them
  bool asked = false;        // the lengths source was asked in this query
  std::vector<double> idf, freq;
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* n) {
  ++*static_cast<std::int64_t*>(n);
  return SQLITE_OK;
}

void free_query(void* p) { delete static_cast<QueryData*>(p); }

int query_data(const Fts5ExtensionApi* api, Fts5Context* fts, RankState& state, bool with_idf, QueryData** out) {
  auto* q = static_cast<QueryData*>(api->xGetAuxdata(fts, 0));
  if (q) {
    *out = q;
    return SQLITE_OK;
  }
  state.check_fresh();
  auto owned = new (std::nothrow) QueryData();
  if (!owned) return SQLITE_NOMEM;
  const int phrases = api->xPhraseCount(fts);
  owned->idf.assign(static_cast<std::size_t>(phrases), 0.0);
  owned->freq.assign(static_cast<std::size_t>(phrases), 0.0);
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc == SQLITE_OK) {
    owned->rows = rows;
    owned->avgdl = static_cast<double>(tokens) / static_cast<double>(rows);
    owned->other_table = state.loaded && state.loaded_rows != rows;
  }
  // IDF per phrase from the number of rows it occurs in (a pass over each
  // phrase's rows); 1 when the caller applies it (omb_bm25_tf).
  if (rc == SQLITE_OK) state.last_rows = rows;
  for (int i = 0; rc == SQLITE_OK && i < phrases; ++i) {
    if (!with_idf) {
      owned->idf[static_cast<std::size_t>(i)] = 1.0;
      continue;
    }
    std::int64_t hits = 0;
    rc = api->xQueryPhrase(fts, i, &hits, count_row);
    if (rc == SQLITE_OK) owned->idf[static_cast<std::size_t>(i)] = bm25_idf(rows, hits);
  }
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, owned, free_query);  // frees it on failure too
  else free_query(owned);
  if (rc != SQLITE_OK) return rc;
  *out = owned;
  return SQLITE_OK;
}

void rank_row(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** args,
              bool with_idf) {
  constexpr double k1 = 1.2, b = 0.75;
  auto& state = *static_cast<RankState*>(api->xUserData(fts));
  QueryData* q = nullptr;
  int rc = query_data(api, fts, state, with_idf, &q);
  int inst = 0;
  if (rc == SQLITE_OK) {
    std::fill(q->freq.begin(), q->freq.end(), 0.0);
    rc = api->xInstCount(fts, &inst);
  }
  for (int i = 0; rc == SQLITE_OK && i < inst; ++i) {
    int phrase = 0, col = 0, off = 0;
    rc = api->xInst(fts, i, &phrase, &col, &off);
    if (rc == SQLITE_OK) q->freq[static_cast<std::size_t>(phrase)] += nval > col ? sqlite3_value_double(args[col]) : 1.0;
  }
  double length = 0;
  if (rc == SQLITE_OK) {
    // The row's length: from the kept array when there is one; else from
    // %_docsize, and after a quarter of the table read the array once.
    // With a source (a stored copy, read in one go) from the 256th row on;
    // without, after a quarter of the table (a scan costs that many seeks).
    ++q->scored;
    if (!state.loaded && !q->other_table && state.source && !q->asked && q->scored > 256) {
      q->asked = true;
      std::int64_t rows = 0;
      auto lengths = state.source(&rows);
      if (lengths && rows == q->rows) state.adopt(std::move(lengths), rows);
    }
    if (!state.loaded && !q->other_table && q->scored > q->rows / 4 && q->rows > 1024) {
      rc = state.load(q->rows);
      q->other_table = !state.loaded;  // it was another table's: do not try again in this query
    }
    const sqlite3_int64 id = api->xRowid(fts);
    std::uint32_t n = 0;
    if (rc == SQLITE_OK && state.loaded && !q->other_table && id >= 0 &&
        static_cast<std::uint64_t>(id) < state.lengths->size())
      n = (*state.lengths)[static_cast<std::size_t>(id)];
    if (rc == SQLITE_OK && n == 0) {
      int tokens = 0;
      rc = api->xColumnSize(fts, -1, &tokens);
      n = static_cast<std::uint32_t>(tokens);
    }
    length = static_cast<double>(n);
  }
  double score = 0.0;
  for (std::size_t i = 0; rc == SQLITE_OK && i < q->idf.size(); ++i)
    score += q->idf[i] * ((q->freq[i] * (k1 + 1.0)) / (q->freq[i] + k1 * (1 - b + b * length / q->avgdl)));
  if (rc == SQLITE_OK) sqlite3_result_double(ctx, -1.0 * score);
  else sqlite3_result_error_code(ctx, rc);
}

// No exception crosses into SQLite.
void scored(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** args,
            bool with_idf) {
  try {
    rank_row(api, fts, ctx, nval, args, with_idf);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  } catch (...) {
    sqlite3_result_error(ctx, "omb_bm25: internal error", -1);
  }
}

void omb_bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** args) {
  scored(api, fts, ctx, nval, args, true);
}

void omb_bm25_tf(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** args) {
  scored(api, fts, ctx, nval, args, false);
}

// Each connection's RankState, for adopt_row_lengths() and the others.
std::mutex registry_mu;
std::unordered_map<sqlite3*, RankState*>& registry() {
  static auto* r = new std::unordered_map<sqlite3*, RankState*>();
  return *r;
}

// `db`'s RankState; null when it has no omb_bm25().
RankState* state_of(sqlite3* db) {
  std::lock_guard<std::mutex> lock(registry_mu);
  auto it = registry().find(db);
  return it == registry().end() ? nullptr : it->second;
}

void destroy_state(void* p) {
  auto* state = static_cast<RankState*>(p);
  {
    std::lock_guard<std::mutex> lock(registry_mu);
    auto it = registry().find(state->db);
    if (it != registry().end() && it->second == state) registry().erase(it);
  }
  delete state;
}

}  // namespace

Status register_rank_function(sqlite3* db, const std::string& table) {
  OMB_TRY_ASSIGN(api, fts5_api_of(db));
  auto* state = new (std::nothrow) RankState();
  if (!state) return make_error(Errc::db, "out of memory");
  state->db = db;
  state->docsize = table + "_docsize";
  try {
    std::lock_guard<std::mutex> lock(registry_mu);
    registry()[db] = state;
  } catch (const std::bad_alloc&) {
    delete state;
    return make_error(Errc::db, "out of memory");
  }
  // On failure FTS5 keeps nothing of it (and calls no destructor). The
  // second function shares the state; the first one's destructor frees it.
  int rc = api->xCreateFunction(api, "omb_bm25", state, omb_bm25, destroy_state);
  if (rc != SQLITE_OK) {
    destroy_state(state);
    return make_error(Errc::db, std::string("cannot register omb_bm25: ") + sqlite3_errstr(rc));
  }
  rc = api->xCreateFunction(api, "omb_bm25_tf", state, omb_bm25_tf, nullptr);
  if (rc != SQLITE_OK) return make_error(Errc::db, std::string("cannot register omb_bm25_tf: ") + sqlite3_errstr(rc));
  return {};
}

Status adopt_row_lengths(sqlite3* db, std::shared_ptr<const std::vector<std::uint32_t>> lengths, std::int64_t rows) {
  RankState* state = state_of(db);
  if (!state) return make_error(Errc::usage, "adopt_row_lengths: no omb_bm25() on this connection");
  if (!lengths) return {};
  if (state->loaded && state->lengths == lengths) {
    state->check_fresh();
    if (state->loaded) return {};
  }
  if (!state->adopt(std::move(lengths), rows))
    return make_error(Errc::db, "adopt_row_lengths: cannot read PRAGMA data_version");
  return {};
}

double bm25_idf(std::int64_t rows, std::int64_t hits) {
  // Floored at 1e-6 as bm25() does (a phrase in more than half the rows would go negative).
  double idf = std::log((static_cast<double>(rows) - static_cast<double>(hits) + 0.5) / (static_cast<double>(hits) + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

std::int64_t last_query_rows(sqlite3* db) {
  const RankState* state = state_of(db);
  return state ? state->last_rows : -1;
}

Status set_lengths_source(sqlite3* db, LengthsSource source) {
  RankState* state = state_of(db);
  if (!state) return make_error(Errc::usage, "set_lengths_source: no omb_bm25() on this connection");
  state->source = std::move(source);
  return {};
}

std::uint32_t docsize_total(const unsigned char* p, int n) {
  // Column sizes as SQLite varints; the row's length is their sum.
  std::uint64_t total = 0;
  for (int i = 0; i < n;) {
    std::uint64_t v = 0;
    int k = 0;
    for (; k < 8 && i < n; ++k) {
      const unsigned char c = p[i++];
      v = (v << 7) | (c & 0x7F);
      if (!(c & 0x80)) break;
    }
    if (k == 8 && i < n) v = (v << 8) | p[i++];
    total += v;
  }
  return static_cast<std::uint32_t>(total);
}

}  // namespace omb
