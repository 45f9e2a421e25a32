#include "search/catalog.h"

#include <sqlite3.h>

#include <unordered_map>

#include "store/db.h"

namespace omb {

bool Catalog::fresh(Database& db) const {
  auto v = db.data_version();
  return v.ok() && *v == data_version_ && sqlite3_total_changes64(db.handle()) == total_changes_;
}

Result<std::shared_ptr<const Catalog>> Catalog::load(Database& db) {
  auto c = std::make_shared<Catalog>();
  OMB_TRY_ASSIGN(version, db.data_version());
  c->data_version_ = version;
  c->total_changes_ = sqlite3_total_changes64(db.handle());
  // One read transaction: the three scans see the same database.
  Transaction tx(db);
  OMB_TRY(tx.begin());
  std::unordered_map<std::string, std::uint32_t> ids;
  c->strings_.emplace_back();
  ids.emplace("", 0);
  auto intern = [&](Stmt& st, int col) -> std::uint32_t {
    std::string s = st.text(col);
    auto [it, fresh] = ids.try_emplace(std::move(s), static_cast<std::uint32_t>(c->strings_.size()));
    if (fresh) c->strings_.push_back(it->first);
    return it->second;
  };
  auto at = [](auto& v, std::int64_t id) -> auto& {
    if (static_cast<std::size_t>(id) >= v.size()) v.resize(static_cast<std::size_t>(id) + 1 + v.size() / 4);
    return v[static_cast<std::size_t>(id)];
  };

  OMB_TRY_ASSIGN(docs, db.prepare("SELECT id, year, quarter, doctype, COALESCE(date, '') FROM documents WHERE id >= 0"));
  for (;;) {
    OMB_TRY_ASSIGN(row, docs.step());
    if (!row) break;
    Document& d = at(c->documents_, docs.int64(0));
    d.year = docs.is_null(1) ? 0 : static_cast<std::int32_t>(docs.int64(1));
    d.quarter = docs.is_null(2) ? 0 : static_cast<std::int32_t>(docs.int64(2));
    d.doctype = intern(docs, 3);
    d.date = intern(docs, 4);
  }
  std::vector<std::int32_t> case_index;  // case id -> index into cases_
  OMB_TRY_ASSIGN(cases, db.prepare("SELECT id, afdeling, themes, oordeel, zaaknummer FROM cases WHERE id >= 0 ORDER BY id"));
  for (;;) {
    OMB_TRY_ASSIGN(row, cases.step());
    if (!row) break;
    Case k;
    k.id = cases.int64(0);
    k.afdeling = intern(cases, 1);
    k.themes = intern(cases, 2);
    k.oordeel = intern(cases, 3);
    k.zaaknummer = intern(cases, 4);
    if (static_cast<std::size_t>(k.id) >= case_index.size()) case_index.resize(static_cast<std::size_t>(k.id) + 1, -1);
    case_index[static_cast<std::size_t>(k.id)] = static_cast<std::int32_t>(c->cases_.size());
    c->cases_.push_back(k);
  }
  OMB_TRY_ASSIGN(ps, db.prepare("SELECT id, document_id, case_id, page, line, start, end FROM passages INDEXED BY passages_hit "
                                "WHERE id >= 0 ORDER BY id"));
  for (;;) {
    OMB_TRY_ASSIGN(row, ps.step());
    if (!row) break;
    const std::int64_t id = ps.int64(0);
    Passage& p = at(c->passages_, id);
    p.document = static_cast<std::uint32_t>(ps.int64(1));
    if (!ps.is_null(2)) {
      const std::int64_t cid = ps.int64(2);
      p.case_index = cid >= 0 && static_cast<std::size_t>(cid) < case_index.size() ? case_index[static_cast<std::size_t>(cid)] : -1;
    }
    p.page = static_cast<std::int32_t>(ps.int64(3));
    p.line = static_cast<std::int32_t>(ps.int64(4));
    p.start = static_cast<std::uint32_t>(ps.int64(5));
    p.end = static_cast<std::uint32_t>(ps.int64(6));
    if (static_cast<std::size_t>(id) >= c->present_.size()) c->present_.resize(c->passages_.size(), false);
    c->present_[static_cast<std::size_t>(id)] = true;
    if (p.document >= c->documents_.size()) c->documents_.resize(p.document + 1);  // cannot happen (foreign key)
  }
  c->present_.resize(c->passages_.size(), false);
  OMB_TRY(tx.commit());
  return std::shared_ptr<const Catalog>(std::move(c));
}

}  // namespace omb
