#include "store/watches.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace omb {
namespace {

std::string filters_to_json(const std::vector<std::pair<std::string, std::string>>& filters) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [k, v] : filters) j.push_back({k, v});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A filters column that does not parse (edited by hand) reads as no filters.
std::vector<std::pair<std::string, std::string>> filters_from_json(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return out;
  for (const auto& e : j)
    if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string())
      out.emplace_back(e[0].get<std::string>(), e[1].get<std::string>());
  return out;
}

// From this many case hits on, hit_keys() reads every case once.
constexpr std::ptrdiff_t kCaseScanFrom = 2048;

constexpr const char* kWatchColumns =
    "SELECT w.id, w.name, w.query, w.filters, w.created_at, coalesce(w.reported_at, ''), w.generation, "
    "(SELECT count(*) FROM watch_seen s WHERE s.watch_id = w.id) FROM watches w ";

WatchRow watch_from(const Stmt& st) {
  WatchRow w;
  w.id = st.int64(0);
  w.name = st.text(1);
  w.query = st.text(2);
  w.filters = filters_from_json(st.view(3));
  w.created_at = st.text(4);
  w.reported_at = st.text(5);
  w.generation = st.int64(6);
  w.seen = st.int64(7);
  return w;
}

Status insert_seen(Database& db, std::int64_t watch_id, const std::vector<std::string>& keys) {
  OMB_TRY_ASSIGN(ins, db.prepare("INSERT OR IGNORE INTO watch_seen(watch_id, hit_key) VALUES(?1, ?2)"));
  for (const std::string& k : keys) {
    ins.bind(1, watch_id).bind(2, k);
    OMB_TRY(ins.run());
  }
  return {};
}

Status replace_signals(Database& db, std::int64_t watch_id, const std::vector<SignalMark>& signals) {
  OMB_TRY_ASSIGN(del, db.prepare("DELETE FROM watch_signals WHERE watch_id = ?1"));
  del.bind(1, watch_id);
  OMB_TRY(del.run());
  OMB_TRY_ASSIGN(ins, db.prepare(
                          "INSERT OR REPLACE INTO watch_signals(watch_id, organisation, doctype, afdeling, theme, kind, "
                          "period, ratio, q, since, still_up) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  for (const SignalMark& s : signals) {
    ins.bind(1, watch_id).bind(2, s.organisation).bind(3, s.doctype).bind(4, s.afdeling).bind(5, s.theme);
    ins.bind(6, s.kind).bind(7, s.period).bind(9, s.q).bind(10, s.since).bind(11, s.still_up ? 1 : 0);
    if (s.ratio) ins.bind(8, *s.ratio);
    else ins.bind_null(8);
    OMB_TRY(ins.run());
    ins.reset();
  }
  return {};
}

}  // namespace

std::string SignalMark::key() const {
  std::string k;
  for (const std::string* f : {&organisation, &doctype, &afdeling, &theme, &kind}) (k += *f) += '\x1f';
  return k;
}

Result<std::vector<WatchRow>> list_watches(Database& db) {
  OMB_TRY_ASSIGN(st, db.prepare(std::string(kWatchColumns) + "ORDER BY w.name"));
  std::vector<WatchRow> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) break;
    out.push_back(watch_from(st));
  }
  return out;
}

Result<std::optional<WatchRow>> find_watch(Database& db, const std::string& name) {
  OMB_TRY_ASSIGN(st, db.prepare(std::string(kWatchColumns) + "WHERE w.name = ?1"));
  st.bind(1, name);
  OMB_TRY_ASSIGN(row, st.step());
  if (!row) return std::optional<WatchRow>();
  return std::optional<WatchRow>(watch_from(st));
}

Result<WatchRow> add_watch(Database& db, const WatchRow& w, bool replace, const std::vector<std::string>& seen,
                           const std::vector<SignalMark>& signals) {
  Transaction tx(db);
  OMB_TRY(tx.begin());
  {
    OMB_TRY_ASSIGN(old, db.prepare("SELECT id FROM watches WHERE name = ?1"));
    old.bind(1, w.name);
    OMB_TRY_ASSIGN(exists, old.step());
    if (exists && !replace)
      return make_error(Errc::usage, "a watch named '" + w.name + "' exists (--replace to replace it)", db.path());
  }
  if (replace) {
    OMB_TRY_ASSIGN(del, db.prepare("DELETE FROM watches WHERE name = ?1"));
    del.bind(1, w.name);
    OMB_TRY(del.run());
  }
  OMB_TRY_ASSIGN(ins, db.prepare("INSERT INTO watches(name, query, filters, created_at, generation) "
                                 "VALUES(?1, ?2, ?3, strftime('%Y-%m-%d %H:%M:%S', 'now'), ?4)"));
  ins.bind(1, w.name).bind(2, w.query).bind(3, filters_to_json(w.filters)).bind(4, w.generation);
  OMB_TRY(ins.run());
  const std::int64_t id = sqlite3_last_insert_rowid(db.handle());
  OMB_TRY(insert_seen(db, id, seen));
  OMB_TRY(replace_signals(db, id, signals));
  OMB_TRY_ASSIGN(stored, find_watch(db, w.name));
  OMB_TRY(tx.commit());
  if (!stored) return make_error(Errc::internal, "watch '" + w.name + "' vanished as it was made", db.path());
  return *stored;
}

Result<bool> remove_watch(Database& db, const std::string& name) {
  Transaction tx(db);
  OMB_TRY(tx.begin());
  OMB_TRY_ASSIGN(del, db.prepare("DELETE FROM watches WHERE name = ?1"));
  del.bind(1, name);
  OMB_TRY(del.run());
  const bool removed = sqlite3_changes(db.handle()) > 0;
  OMB_TRY(tx.commit());
  return removed;
}

Result<std::unordered_set<std::string>> seen_keys(Database& db, std::int64_t watch_id) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT hit_key FROM watch_seen WHERE watch_id = ?1"));
  st.bind(1, watch_id);
  std::unordered_set<std::string> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) break;
    out.insert(st.text(0));
  }
  return out;
}

Result<std::vector<SignalMark>> reported_signals(Database& db, std::int64_t watch_id) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT organisation, doctype, afdeling, theme, kind, period, ratio, q, since, still_up "
                                "FROM watch_signals WHERE watch_id = ?1 "
                                "ORDER BY organisation, doctype, afdeling, theme, kind"));
  st.bind(1, watch_id);
  std::vector<SignalMark> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) break;
    SignalMark m;
    m.organisation = st.text(0);
    m.doctype = st.text(1);
    m.afdeling = st.text(2);
    m.theme = st.text(3);
    m.kind = st.text(4);
    m.period = st.text(5);
    if (!st.is_null(6)) m.ratio = st.dbl(6);
    m.q = st.dbl(7);
    m.since = st.text(8);
    m.still_up = st.int64(9) != 0;
    out.push_back(std::move(m));
  }
  return out;
}

Result<bool> record_report(Database& db, std::int64_t watch_id, std::int64_t generation,
                           const std::vector<std::string>& new_keys, const std::vector<SignalMark>& signals) {
  Transaction tx(db);
  OMB_TRY(tx.begin());
  OMB_TRY_ASSIGN(cur, db.prepare("SELECT generation FROM watches WHERE id = ?1"));
  cur.bind(1, watch_id);
  OMB_TRY_ASSIGN(exists, cur.step());
  if (!exists) return false;
  const std::int64_t stored = cur.int64(0);
  cur.reset();
  OMB_TRY(insert_seen(db, watch_id, new_keys));
  if (generation >= stored) {
    OMB_TRY(replace_signals(db, watch_id, signals));
    OMB_TRY_ASSIGN(upd, db.prepare("UPDATE watches SET generation = ?2, "
                                   "reported_at = strftime('%Y-%m-%d %H:%M:%S', 'now') WHERE id = ?1"));
    upd.bind(1, watch_id).bind(2, generation);
    OMB_TRY(upd.run());
  }
  OMB_TRY(tx.commit());
  return true;
}

Result<std::int64_t> documents_generation(Database& db) {
  OMB_TRY_ASSIGN(gen, db.generation());
  return gen < 0 ? std::int64_t{0} : gen;
}

Result<std::vector<std::string>> hit_keys(Database& db, const std::vector<HitIdentity>& hits) {
  OMB_TRY_ASSIGN(doc, db.prepare("SELECT content_hash FROM documents WHERE id = ?1"));
  OMB_TRY_ASSIGN(cs, db.prepare("SELECT ordinal, zaaknummer FROM cases WHERE id = ?1"));
  OMB_TRY_ASSIGN(ps, db.prepare("SELECT ordinal FROM passages WHERE id = ?1"));
  std::unordered_map<std::int64_t, std::string> hashes;
  // Many case hits (a watch on a theme lists thousands): one scan of cases
  // instead of a seek per hit.
  std::unordered_map<std::int64_t, std::string> case_part;
  const auto case_hits = std::count_if(hits.begin(), hits.end(), [](const HitIdentity& h) { return h.case_id.has_value(); });
  if (case_hits >= kCaseScanFrom) {
    OMB_TRY_ASSIGN(all, db.prepare("SELECT id, ordinal, zaaknummer FROM cases"));
    for (;;) {
      OMB_TRY_ASSIGN(row, all.step());
      if (!row) break;
      case_part.emplace(all.int64(0), all.view(2).empty() ? "#case:" + std::to_string(all.int64(1)) : "#zaak:" + all.text(2));
    }
  }
  std::vector<std::string> out;
  out.reserve(hits.size());
  for (const HitIdentity& h : hits) {
    auto it = hashes.find(h.document_id);
    if (it == hashes.end()) {
      doc.bind(1, h.document_id);
      OMB_TRY_ASSIGN(row, doc.step());
      std::string hash = row ? doc.text(0) : "doc:" + std::to_string(h.document_id);
      doc.reset();
      it = hashes.emplace(h.document_id, std::move(hash)).first;
    }
    std::string key = it->second;
    if (h.kind == "case" && h.case_id && !case_part.empty()) {
      auto c = case_part.find(*h.case_id);
      key += c != case_part.end() ? c->second : "#case:id" + std::to_string(*h.case_id);
    } else if (h.kind == "case" && h.case_id) {
      cs.bind(1, *h.case_id);
      OMB_TRY_ASSIGN(row, cs.step());
      if (row && !cs.view(1).empty()) key += "#zaak:" + cs.text(1);
      else key += "#case:" + (row ? std::to_string(cs.int64(0)) : "id" + std::to_string(*h.case_id));
      cs.reset();
    } else if (h.kind == "passage") {
      ps.bind(1, h.passage_id);
      OMB_TRY_ASSIGN(row, ps.step());
      key += "#p:" + (row ? std::to_string(ps.int64(0)) : "id" + std::to_string(h.passage_id));
      ps.reset();
    }
    out.push_back(std::move(key));
  }
  return out;
}

}  // namespace omb
