#include "store/vocab.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

#include "index/fts5_dutch.h"  // term_list_phrase
#include "store/db.h"

namespace omb {

namespace {

// Whether search_vocab exists (a database of schema version 8 or later).
Result<bool> has_vocab_table(Database& db) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_vocab'"));
  return st.step();
}

// Writes the list read at generation `gen` (one statement: its own
// transaction, or part of the caller's).
Status store_blob(Database& db, std::int64_t gen, const std::string& blob) {
  OMB_TRY_ASSIGN(ins, db.prepare("INSERT OR REPLACE INTO search_vocab(id, generation, data) VALUES(1, ?1, ?2)"));
  ins.bind(1, gen);
  if (sqlite3_bind_blob64(ins.handle(), 2, blob.data(), blob.size(), SQLITE_STATIC) != SQLITE_OK)
    return db.last_error("storing the search vocabulary");
  return ins.run();
}

}  // namespace

std::shared_ptr<const Vocabulary> Vocabulary::of(std::vector<std::pair<std::string, std::uint32_t>> terms) {
  std::sort(terms.begin(), terms.end());
  auto v = std::make_shared<Vocabulary>();
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].first.empty() || terms[i].first.find_first_of("\t\n") != std::string::npos) continue;
    if (!v->docs_.empty() && v->term(v->size() - 1) == terms[i].first) {
      v->docs_.back() += terms[i].second;
      continue;
    }
    v->starts_.push_back(static_cast<std::uint32_t>(v->text_.size()));
    v->text_ += terms[i].first;
    v->ends_.push_back(static_cast<std::uint32_t>(v->text_.size()));
    v->text_ += '\n';
    v->docs_.push_back(terms[i].second);
  }
  return v;
}

std::size_t Vocabulary::lower_bound(std::string_view key) const {
  std::size_t lo = 0, hi = size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (term(mid) < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

std::uint32_t Vocabulary::docs_of(std::string_view t) const {
  const std::size_t i = lower_bound(t);
  return i < size() && term(i) == t ? docs_[i] : 0;
}

std::string Vocabulary::encode() const {
  std::string out;
  out.reserve(text_.size() + docs_.size() * 4);
  for (std::size_t i = 0; i < size(); ++i) {
    out += term(i);
    out += '\t';
    out += std::to_string(docs_[i]);
    out += '\n';
  }
  return out;
}

Result<std::shared_ptr<const Vocabulary>> Vocabulary::decode(std::string_view blob) {
  auto v = std::make_shared<Vocabulary>();
  v->text_.reserve(blob.size());
  std::size_t line = 0;
  for (std::size_t at = 0; at < blob.size();) {
    ++line;
    std::size_t nl = blob.find('\n', at);
    if (nl == std::string_view::npos) nl = blob.size();
    const std::string_view l = blob.substr(at, nl - at);
    at = nl + 1;
    const std::size_t tab = l.find('\t');
    std::uint32_t docs = 0;
    const char* end = l.data() + l.size();
    if (tab == 0 || tab == std::string_view::npos ||
        std::from_chars(l.data() + tab + 1, end, docs).ptr != end || tab + 1 == l.size())
      return make_error(Errc::parse, "search_vocab: line " + std::to_string(line) + " is not a term, a tab and a count");
    const std::string_view t = l.substr(0, tab);
    if (!v->docs_.empty() && !(v->term(v->size() - 1) < t))
      return make_error(Errc::parse, "search_vocab: line " + std::to_string(line) + " is out of order");
    v->starts_.push_back(static_cast<std::uint32_t>(v->text_.size()));
    v->text_ += t;
    v->ends_.push_back(static_cast<std::uint32_t>(v->text_.size()));
    v->text_ += '\n';
    v->docs_.push_back(docs);
  }
  return std::shared_ptr<const Vocabulary>(std::move(v));
}

Result<std::shared_ptr<const Vocabulary>> Vocabulary::scan(Database& db) {
  // fts5vocab over the index, in the temp schema (so a read-only connection can make it too).
  OMB_TRY(db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.omb_vocab USING fts5vocab(main, 'passages_fts', 'row')"));
  ReadSnapshot snap(db);
  OMB_TRY(snap.begin());
  OMB_TRY_ASSIGN(st, db.prepare("SELECT term, doc FROM temp.omb_vocab"));
  std::vector<std::pair<std::string, std::uint32_t>> terms;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) break;
    terms.emplace_back(st.text(0), static_cast<std::uint32_t>(std::clamp<std::int64_t>(st.int64(1), 0, UINT32_MAX)));
  }
  return of(std::move(terms));
}

Result<std::shared_ptr<const Vocabulary>> Vocabulary::load(Database& db) {
  std::int64_t gen = -1;
  bool has = false;
  {
    ReadSnapshot snap(db);
    OMB_TRY(snap.begin());
    OMB_TRY_ASSIGN(table, has_vocab_table(db));
    has = table;
    OMB_TRY_ASSIGN(g, db.generation());
    gen = g;
    if (has) {
      OMB_TRY_ASSIGN(st, db.prepare("SELECT data FROM search_vocab WHERE id = 1 AND generation = ?1"));
      st.bind(1, gen);
      OMB_TRY_ASSIGN(row, st.step());
      if (row) {
        auto v = decode(st.view(0));
        if (v.ok()) return *v;  // else damaged: scan
      }
    }
  }
  OMB_TRY_ASSIGN(v, scan(db));
  // Store what the scan read, so the next query need not scan: through this
  // connection, or, when it only reads, a short-lived writable one (as
  // Database::open upgrades an older file). A failure to store is no error.
  if (has && gen >= 0) {
    if (!db.read_only()) {
      (void)store_blob(db, gen, v->encode());
    } else if (::access(db.path().c_str(), W_OK) == 0) {
      if (auto w = Database::open(db.path()); w.ok()) (void)store_blob(*w, gen, v->encode());
    }
  }
  return v;
}

Status Vocabulary::persist(Database& db) {
  Transaction tx(db);
  OMB_TRY(tx.begin());
  OMB_TRY_ASSIGN(has, has_vocab_table(db));
  if (!has) return {};
  OMB_TRY_ASSIGN(gen, db.generation());
  if (gen < 0) return {};
  {
    OMB_TRY_ASSIGN(st, db.prepare("SELECT 1 FROM search_vocab WHERE id = 1 AND generation = ?1"));
    st.bind(1, gen);
    OMB_TRY_ASSIGN(row, st.step());
    if (row) return {};  // already of this generation
  }
  OMB_TRY_ASSIGN(v, scan(db));
  OMB_TRY(store_blob(db, gen, v->encode()));
  return tx.commit();
}

Result<std::vector<std::string>> texts_with_term(Database& db, std::string_view term, std::size_t limit) {
  // A term list of one term (index/fts5_dutch.h) is matched as the index term itself.
  const std::string match = term_list_phrase({std::string(term)});
  OMB_TRY_ASSIGN(st, db.prepare("SELECT heading || char(10) || body FROM passages WHERE id IN "
                                "(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?1 LIMIT ?2)"));
  st.bind(1, match).bind(2, static_cast<std::int64_t>(limit));
  std::vector<std::string> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) break;
    out.push_back(st.text(0));
  }
  return out;
}

}  // namespace omb
