#include "store/read.h"

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

std::vector<std::string> parse_theme_list(std::string_view json) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace omb
