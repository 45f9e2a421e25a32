// index/rank.h — omb_bm25(), FTS5's bm25() without a b-tree seek per row.
//
// FTS5's bm25() asks `%_docsize` for the length of every matching row: for a
// word in most passages (150,000 rows) that seek is half the cost of the
// whole query. register_rank_function() registers the auxiliary function
//
//     omb_bm25(<fts table>, weight_col0, weight_col1, ...)
//
// on one connection. It computes exactly what bm25() computes (the same
// formula, k1 = 1.2, b = 0.75, the same IDF from a pass over each phrase's
// rows, the same order of floating-point operations, so the same doubles),
// but takes row lengths from an array it keeps per connection:
//  - a query reads lengths from `%_docsize` row by row (as bm25() does) until
//    it has scored a quarter of the table's rows; then the whole `%_docsize`
//    is read once into the array (one scan is cheaper than that many seeks);
//  - later queries on the same connection use the array while the database
//    is unchanged: `PRAGMA data_version` (commits of other connections) and
//    sqlite3_total_changes64() (this connection's own writes) are checked once
//    per query, and any change drops the array.
// So a short-lived CLI pays for the array only on a large result; a server
// connection pays once and ranks every later query without a seek per row.
//
// omb_bm25_tf(<fts table>, weights...) is omb_bm25() with every phrase's IDF
// taken as 1 and no pass over the phrases' rows for it: for a query of one
// phrase, whose rows are the matches, the caller multiplies its value by
// bm25_idf(last_query_rows(db), number of matches) and has bm25()'s double
// exactly (the score is 0 + idf * x either way), for one pass less.
//
// A caller that holds every row's length already (store/catalog.h, persisted
// with the database) hands it over with adopt_row_lengths(): then even the
// first query of a fresh process reads no %_docsize.
//
// The table must have been created with the default `columnsize=1`. Used on
// another FTS5 table it still ranks correctly (the row count differs, so no
// array is kept and every length comes from that table's own %_docsize).
// No C++ exception crosses into SQLite: failures become SQLite errors.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"

namespace omb {

// Registers omb_bm25() for the FTS5 table `table` (its lengths come from
// `<table>_docsize`). Errors: Errc::db when this SQLite has no FTS5 or
// registration fails.
Status register_rank_function(sqlite3* db, const std::string& table);

// Makes `lengths` (by rowid; 0: unknown, read from %_docsize) omb_bm25()'s
// row lengths on `db`, for a table of `rows` rows, as of the database this
// connection sees now: the caller vouches that they are current. They are
// dropped, like read ones, at the next commit of any connection. Adopting
// the array already held is free. Errc::usage when `db` has no omb_bm25().
Status adopt_row_lengths(sqlite3* db, std::shared_ptr<const std::vector<std::uint32_t>> lengths, std::int64_t rows);

// bm25()'s IDF of a phrase in `hits` of `rows` rows (floored at 1e-6).
double bm25_idf(std::int64_t rows, std::int64_t hits);
// The row count of the table as the last omb_bm25/omb_bm25_tf query on `db`
// saw it; -1 before any.
std::int64_t last_query_rows(sqlite3* db);

// A source of every row's length for omb_bm25() on `db`, asked at most once
// per query and only when the query has scored enough rows to want them all
// (a query without matches asks nothing): it returns the lengths and the
// table's row count, or null lengths when it has none (then %_docsize is
// read as before). What it returns is adopted as by adopt_row_lengths().
// An empty function removes it. Errc::usage when `db` has no omb_bm25().
using LengthsSource = std::function<std::shared_ptr<const std::vector<std::uint32_t>>(std::int64_t* rows)>;
Status set_lengths_source(sqlite3* db, LengthsSource source);

// The length of one row as %_docsize stores it (a blob of varints, one per
// column): the sum of its column sizes.
std::uint32_t docsize_total(const unsigned char* blob, int bytes);

}  // namespace omb
