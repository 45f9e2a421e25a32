#include "store/read.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace omb {

Result<DocumentTexts> load_texts(Database& db, std::int64_t id) {
  DocumentTexts t;
  auto exists = db.prepare("SELECT 1 FROM documents WHERE id = ?1");
  if (!exists.ok()) return exists.error();
  exists->bind(1, id);
  auto e = exists->step();
  if (!e.ok()) return e.error();
  if (!*e) return make_error(Errc::not_found, "no document with id " + std::to_string(id), db.path());

  bool have_raw = false, have_norm = false;
  auto dt = db.prepare("SELECT norm FROM document_text WHERE document_id = ?1");
  if (!dt.ok()) return dt.error();
  dt->bind(1, id);
  auto row = dt->step();
  if (!row.ok()) return row.error();
  if (*row) { t.norm = dt->text(0); have_norm = true; }
  auto rw = db.prepare("SELECT chunk FROM document_raw WHERE document_id = ?1 ORDER BY seq");
  if (!rw.ok()) return rw.error();
  rw->bind(1, id);
  for (;;) {
    auto r = rw->step();
    if (!r.ok()) return r.error();
    if (!*r) break;
    const void* p = sqlite3_column_blob(rw->handle(), 0);
    int n = sqlite3_column_bytes(rw->handle(), 0);
    if (p) t.raw.append(static_cast<const char*>(p), static_cast<std::size_t>(n));
    have_raw = true;
  }
  if (!have_norm) {
    auto ps = db.prepare("SELECT body FROM passages WHERE document_id = ?1 ORDER BY ordinal");
    if (!ps.ok()) return ps.error();
    ps->bind(1, id);
    for (;;) {
      auto r = ps->step();
      if (!r.ok()) return r.error();
      if (!*r) break;
      t.norm += ps->view(0);
    }
  }
  if (!have_raw) t.raw = t.norm;
  return t;
}

Result<std::string> load_source_range(Database& db, std::int64_t id, std::int64_t start, std::int64_t end) {
  SourceReader reader(db);
  return reader.range(id, start, end);
}

Result<std::string> SourceReader::range(std::int64_t id, std::int64_t start, std::int64_t end) {
  constexpr std::int64_t kChunk = std::int64_t{1} << 20;  // store/writer.cpp's rows of document_raw
  std::string out;
  if (end <= start || start < 0) return out;
  auto prepared = [&](std::optional<Stmt>& st, const char* sql) -> Result<Stmt*> {
    if (!st) {
      OMB_TRY_ASSIGN(s, db_.prepare(sql));
      st.emplace(std::move(s));
    }
    st->reset();
    return &*st;
  };
  OMB_TRY_ASSIGN(any, prepared(any_, "SELECT 1 FROM document_raw WHERE document_id = ?1 LIMIT 1"));
  any->bind(1, id);
  OMB_TRY_ASSIGN(has_raw, any->step());
  if (has_raw) {
    // Only the bytes asked for leave SQLite (substr counts from 1).
    OMB_TRY_ASSIGN(rw, prepared(raw_, "SELECT seq, substr(chunk, max(1, ?4 - seq * ?6 + 1), ?5) FROM document_raw "
                                      "WHERE document_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq"));
    rw->bind(1, id).bind(2, start / kChunk).bind(3, (end - 1) / kChunk).bind(4, start).bind(5, end - start).bind(6, kChunk);
    while (true) {
      OMB_TRY_ASSIGN(row, rw->step());
      if (!row) break;
      const void* p = sqlite3_column_blob(rw->handle(), 1);
      const int n = sqlite3_column_bytes(rw->handle(), 1);
      if (p) out.append(static_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    if (out.size() > static_cast<std::size_t>(end - start)) out.resize(static_cast<std::size_t>(end - start));
    return out;
  }
  OMB_TRY_ASSIGN(ps, prepared(passages_, "SELECT start, body FROM passages WHERE document_id = ?1 AND end > ?2 AND "
                                         "start < ?3 ORDER BY ordinal"));
  ps->bind(1, id).bind(2, start).bind(3, end);
  std::int64_t first = -1;
  while (true) {
    OMB_TRY_ASSIGN(row, ps->step());
    if (!row) break;
    if (first < 0) first = ps->int64(0);
    out += ps->view(1);
  }
  if (first < 0) return std::string();
  const auto from = static_cast<std::size_t>(std::max<std::int64_t>(0, start - first));
  if (from >= out.size()) return std::string();
  return out.substr(from, static_cast<std::size_t>(end - start));
}

Result<std::optional<CaseRow>> case_by_zaak(Database& db, std::string_view zaak) {
  OMB_TRY_ASSIGN(st, db.prepare(
      "SELECT c.id, c.document_id, c.zaaknummer, c.title, c.afdeling, c.status, c.oordeel, c.themes, c.start, c.end, "
      "d.title, d.organisation, d.year, d.quarter, "
      "(SELECT p.page FROM passages p WHERE p.case_id = c.id ORDER BY p.ordinal LIMIT 1) "
      "FROM cases c JOIN documents d ON d.id = c.document_id "
      "WHERE c.zaaknummer = ?1 COLLATE NOCASE "
      "ORDER BY d.year DESC, d.quarter DESC, c.id DESC LIMIT 1"));
  st.bind(1, zaak);
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<CaseRow>();
  CaseRow c;
  c.id = st.int64(0);
  c.document_id = st.int64(1);
  c.zaaknummer = st.text(2);
  c.title = st.text(3);
  c.afdeling = st.text(4);
  c.status = st.text(5);
  c.oordeel = st.text(6);
  c.themes = parse_theme_list(st.view(7));
  c.start = st.int64(8);
  c.end = st.int64(9);
  c.report_title = st.text(10);
  c.organisation = st.text(11);
  if (!st.is_null(12)) c.year = static_cast<int>(st.int64(12));
  if (!st.is_null(13)) c.quarter = static_cast<int>(st.int64(13));
  if (!st.is_null(14)) c.first_page = static_cast<int>(st.int64(14));
  return std::optional<CaseRow>(std::move(c));
}

bool same_zaak(std::string_view a, std::string_view b) {
  auto fold = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return fold(x) == fold(y); });
}

std::vector<std::string> parse_theme_list(std::string_view json) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace omb
