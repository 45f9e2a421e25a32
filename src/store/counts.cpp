#include "store/counts.h"

#include <sys/stat.h>

#include <initializer_list>

#include "store/writer.h"  // kPipelineVersion

namespace omb {
namespace {

Result<std::int64_t> scalar(Database& db, const char* sql) {
  auto st = db.prepare(sql);
  if (!st.ok()) return st.error();
  auto row = st->step();
  if (!row.ok()) return row.error();
  return *row ? st->int64(0) : 0;
}

// Each query's one number into its field.
struct CountQuery {
  std::int64_t* out;
  const char* sql;
};
Status fill(Database& db, std::initializer_list<CountQuery> queries) {
  for (const CountQuery& q : queries) {
    auto v = scalar(db, q.sql);
    if (!v.ok()) return v.error();
    *q.out = *v;
  }
  return {};
}

std::int64_t file_size(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

}  // namespace

Result<RowCounts> count_rows(Database& db) {
  RowCounts c;
  OMB_TRY(fill(db, {{&c.documents, "SELECT count(*) FROM documents"},
                    {&c.sources, "SELECT count(*) FROM sources"},
                    {&c.cases, "SELECT count(*) FROM cases"},
                    {&c.tags, "SELECT count(*) FROM tags"}}));
  OMB_TRY_ASSIGN(st, db.prepare("SELECT MIN(year), MAX(year) FROM documents"));
  OMB_TRY_ASSIGN(row, st.step());
  if (row && !st.is_null(0)) {
    c.first_year = static_cast<int>(st.int64(0));
    c.last_year = static_cast<int>(st.int64(1));
  }
  return c;
}

Result<DbCounts> collect_counts(Database& db) {
  DbCounts s;
  OMB_TRY_ASSIGN(rows, count_rows(db));
  s.documents = rows.documents;
  s.sources = rows.sources;
  s.cases = rows.cases;
  s.tags = rows.tags;
  OMB_TRY(fill(db, {{&s.pages, "SELECT count(*) FROM pages"},
                    {&s.passages, "SELECT count(*) FROM passages"},
                    {&s.raw_bytes, "SELECT coalesce(sum(byte_size), 0) FROM documents"},
                    {&s.undated_documents, "SELECT count(*) FROM documents WHERE year IS NULL"}}));
  auto group = [&](const char* sql, std::map<std::string, std::int64_t>& out) -> Status {
    auto st = db.prepare(sql);
    if (!st.ok()) return st.error();
    for (;;) {
      auto row = st->step();
      if (!row.ok()) return row.error();
      if (!*row) return {};
      out[st->text(0)] = st->int64(1);
    }
  };
  OMB_TRY(group("SELECT type, count(*) FROM tags GROUP BY type", s.tags_by_type));
  OMB_TRY(group("SELECT doctype, count(*) FROM documents GROUP BY doctype", s.doctypes));
  OMB_TRY(group("SELECT method, count(*) FROM page_sources GROUP BY method UNION ALL "
                "SELECT 'text file', sum(page_count) FROM documents d "
                "WHERE NOT EXISTS (SELECT 1 FROM page_sources s WHERE s.document_id = d.id) HAVING count(*) > 0",
                s.pages_by_method));
  auto ys = db.prepare("SELECT DISTINCT year FROM documents WHERE year IS NOT NULL ORDER BY year");
  if (!ys.ok()) return ys.error();
  for (;;) {
    auto row = ys->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    s.years.push_back(static_cast<int>(ys->int64(0)));
  }
  auto last = db.prepare("SELECT finished_at, summary FROM ingest_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1");
  if (!last.ok()) return last.error();
  auto lr = last->step();
  if (!lr.ok()) return lr.error();
  if (*lr) {
    s.last_ingest_at = last->text(0);
    s.last_ingest_summary = last->text(1);
  }
  s.file_bytes = file_size(db.path()) + file_size(db.path() + "-wal");
  s.schema_version = db.schema_version();
  return s;
}

Result<std::int64_t> count_stale(Database& db, const std::string& rules) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT count(*) FROM documents d LEFT JOIN document_rules r ON r.document_id = d.id "
                                "WHERE d.pipeline_version < ?1 OR IFNULL(r.rules, '') <> ?2"));
  st.bind(1, kPipelineVersion).bind(2, rules);
  OMB_TRY_ASSIGN(row, st.step());
  return row ? st.int64(0) : 0;
}

}  // namespace omb
