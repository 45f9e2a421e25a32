#include "store/writer.h"

#include <nlohmann/json.hpp>

#include <ctime>

#include "base/fs.h"
#include "text/fold.h"

namespace omb {

const char* write_outcome_name(WriteOutcome o) {
  switch (o) {
    case WriteOutcome::added: return "added";
    case WriteOutcome::replaced: return "replaced";
    case WriteOutcome::unchanged: return "unchanged";
    case WriteOutcome::duplicate: return "duplicate";
    case WriteOutcome::reanalysed: return "reanalysed";
  }
  return "?";
}

std::string now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm {};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// One document's write: its own transaction, or nothing extra inside a batch.
class DocScope {
 public:
  explicit DocScope(Writer& w) : w_(w) {}
  Status begin() {
    if (w_.in_batch_) return {};
    OMB_TRY(w_.db_->exec("BEGIN IMMEDIATE"));
    open_ = true;
    return {};
  }
  Status commit() {
    if (!open_) return {};
    Status s = w_.db_->exec("COMMIT");
    if (s.ok()) open_ = false;
    return s;
  }
  ~DocScope() {
    if (open_ && !sqlite3_get_autocommit(w_.db_->handle()))
      sqlite3_exec(w_.db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  Writer& w_;
  bool open_ = false;
};

Status Writer::begin_batch() {
  if (in_batch_) return {};
  OMB_TRY(db_->exec("BEGIN IMMEDIATE"));
  in_batch_ = true;
  return {};
}

void Writer::abort_batch() {
  in_batch_ = false;
  if (!sqlite3_get_autocommit(db_->handle())) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  sources_.clear();
  by_hash_.clear();
  stale_.clear();
  path_count_.clear();
  Status reload = load();
  (void)reload;  // the error that led here is the one to report
}

Status Writer::commit_batch() {
  if (!in_batch_) return {};
  Status s = db_->exec("COMMIT");
  if (s.ok()) {
    in_batch_ = false;
    return {};
  }
  abort_batch();
  return s;
}

Result<Writer> Writer::create(Database& db, std::string rules) {
  if (db.read_only()) return make_error(Errc::db_readonly, "database opened read-only", db.path());
  Writer w(db, std::move(rules));
  OMB_TRY(w.load());
  return w;
}

Status Writer::load() {
  auto st = db_->prepare(
      "SELECT s.path, s.document_id, d.content_hash, "
      "  d.pipeline_version < ?1 OR (?2 <> '' AND IFNULL(r.rules, '') <> ?2) "
      "FROM sources s JOIN documents d ON d.id = s.document_id LEFT JOIN document_rules r ON r.document_id = d.id");
  if (!st.ok()) return st.error();
  st->bind(1, kPipelineVersion).bind(2, rules_);
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    SourceInfo si{st->int64(1), st->text(2), st->int64(3) != 0};
    if (all_stale_) si.stale = true;
    if (si.stale) stale_.insert(si.document_id);
    by_hash_[si.content_hash] = si.document_id;
    ++path_count_[si.document_id];
    sources_.emplace(st->text(0), std::move(si));
  }
  return {};
}

void Writer::mark_all_stale() {
  all_stale_ = true;
  for (auto& [p, si] : sources_) {
    si.stale = true;
    stale_.insert(si.document_id);
  }
}

std::optional<std::int64_t> Writer::document_for_hash(const std::string& hash) const {
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  return it->second;
}

Status Writer::attach_path(const std::string& path, std::int64_t doc, std::int64_t size, long long mtime) {
  auto st = db_->prepare(
      "INSERT INTO sources(path, document_id, size, mtime, first_seen) VALUES(?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id, size = excluded.size, "
      "mtime = excluded.mtime");
  if (!st.ok()) return st.error();
  std::string now = now_iso8601();
  st->bind(1, path).bind(2, doc).bind(3, size).bind(4, static_cast<std::int64_t>(mtime)).bind(5, now);
  return st->run();
}

Status Writer::drop_if_orphan(std::int64_t doc) {
  auto held = db_->prepare("SELECT 1 FROM sources WHERE document_id = ?1");
  if (!held.ok()) return held.error();
  held->bind(1, doc);
  auto row = held->step();
  if (!row.ok()) return row.error();
  if (*row) return {};
  OMB_TRY(unindex(doc));
  auto del = db_->prepare("DELETE FROM documents WHERE id = ?1");
  if (!del.ok()) return del.error();
  del->bind(1, doc);
  return del->run();
}

namespace {

// Binds the document columns both INSERT and UPDATE write, as ?2 .. ?12.
void bind_document(Stmt& d, const DocumentRecord& rec) {
  const DocFacts& f = rec.facts;
  static const std::string kOverig = "overig";  // bound without a copy: must outlive the statement's run
  d.bind(2, rec.encoding).bind(3, static_cast<std::int64_t>(rec.replaced_chars)).bind(4, now_iso8601())
      .bind(5, kPipelineVersion).bind(6, f.title).bind(7, f.doctype.empty() ? kOverig : f.doctype)
      .bind(8, f.organisation);
  if (f.year) d.bind(9, *f.year); else d.bind_null(9);
  if (f.quarter) d.bind(10, *f.quarter); else d.bind_null(10);
  if (!f.date.empty()) d.bind(11, f.date); else d.bind_null(11);
  d.bind(12, static_cast<std::int64_t>(rec.pages.empty() ? 1 : rec.pages.size()));
}

}  // namespace

Status Writer::unindex(std::int64_t doc) {
  // The external-content index needs the passages' text to take them out.
  auto fts = db_->prepare(
      "INSERT INTO passages_fts(passages_fts, rowid, heading, body) "
      "SELECT 'delete', id, heading, body FROM passages WHERE document_id = ?1");
  if (!fts.ok()) return fts.error();
  fts->bind(1, doc);
  return fts->run();
}

Status Writer::insert_document(const DocumentRecord& rec, std::int64_t* id) {
  auto d = db_->prepare(
      "INSERT INTO documents(content_hash, byte_size, encoding, replaced_chars, ingested_at, pipeline_version, "
      "title, doctype, organisation, year, quarter, date, page_count) "
      "VALUES(?13, ?14, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!d.ok()) return d.error();
  bind_document(*d, rec);
  d->bind(13, rec.content_hash).bind(14, static_cast<std::int64_t>(rec.byte_size));
  OMB_TRY(d->run());
  *id = sqlite3_last_insert_rowid(db_->handle());
  OMB_TRY(record_rules(*id));
  OMB_TRY(record_period(rec, *id));
  return insert_derived(rec, *id);
}

Status Writer::record_rules(std::int64_t doc) {
  OMB_TRY_ASSIGN(st, db_->prepare("INSERT OR REPLACE INTO document_rules(document_id, rules) VALUES(?1, ?2)"));
  st.bind(1, doc).bind(2, rules_);
  return st.run();
}

Status Writer::record_period(const DocumentRecord& rec, std::int64_t doc) {
  OMB_TRY_ASSIGN(st, db_->prepare("INSERT OR REPLACE INTO document_periods(document_id, period) VALUES(?1, ?2)"));
  st.bind(1, doc).bind(2, rec.facts.period);
  return st.run();
}

Status Writer::reanalyze(const DocumentRecord& rec, std::int64_t doc) {
  OMB_TRY(unindex(doc));
  for (const char* table : {"tags", "passages", "cases", "pages", "page_sources", "document_text", "document_raw"}) {
    auto del = db_->prepare(std::string("DELETE FROM ") + table + " WHERE document_id = ?1");
    if (!del.ok()) return del.error();
    del->bind(1, doc);
    OMB_TRY(del->run());
  }
  auto d = db_->prepare(
      "UPDATE documents SET encoding = ?2, replaced_chars = ?3, ingested_at = ?4, pipeline_version = ?5, title = ?6, "
      "doctype = ?7, organisation = ?8, year = ?9, quarter = ?10, date = ?11, page_count = ?12 WHERE id = ?1");
  if (!d.ok()) return d.error();
  d->bind(1, doc);
  bind_document(*d, rec);
  OMB_TRY(d->run());
  OMB_TRY(record_rules(doc));
  OMB_TRY(record_period(rec, doc));
  return insert_derived(rec, doc);
}

// The page table, and for a PDF how each page got its text (page_sources)
// and what OCR read now (ocr_cache, by page image: kept when documents go).
Status Writer::insert_pages(const DocumentRecord& rec, std::int64_t doc) {
  auto pg = db_->prepare("INSERT INTO pages(document_id, number, start, end) VALUES(?1, ?2, ?3, ?4)");
  if (!pg.ok()) return pg.error();
  for (const Page& p : rec.pages) {
    pg->bind(1, doc).bind(2, p.number).bind(3, static_cast<std::int64_t>(p.start)).bind(4, static_cast<std::int64_t>(p.end));
    OMB_TRY(pg->run());
  }

  if (!rec.page_sources.empty()) {
    auto src = db_->prepare("INSERT INTO page_sources(document_id, number, method, confidence) VALUES(?1, ?2, ?3, ?4)");
    if (!src.ok()) return src.error();
    auto cache = db_->prepare("INSERT OR IGNORE INTO ocr_cache(image_hash, text, confidence) VALUES(?1, ?2, ?3)");
    if (!cache.ok()) return cache.error();
    for (const PageSource& p : rec.page_sources) {
      src->bind(1, doc).bind(2, p.number).bind(3, p.method);
      if (p.confidence >= 0) src->bind(4, p.confidence); else src->bind_null(4);
      OMB_TRY(src->run());
      if (!p.image_hash.empty()) {
        cache->bind(1, p.image_hash).bind(2, p.ocr_text).bind(3, p.confidence);
        OMB_TRY(cache->run());
      }
    }
  }
  return {};
}

Status Writer::insert_derived(const DocumentRecord& rec, std::int64_t doc) {
  // The passages carry the normalised text; keep only what they cannot rebuild.
  bool tiled = !rec.passages.empty() && rec.passages.front().start == 0 && rec.passages.back().end == rec.text().size();
  for (std::size_t i = 1; tiled && i < rec.passages.size(); ++i)
    tiled = rec.passages[i].start == rec.passages[i - 1].end;
  if (rec.text().empty()) tiled = true;
  if (!tiled) {
    auto t = db_->prepare("INSERT INTO document_text(document_id, norm) VALUES(?1, ?2)");
    if (!t.ok()) return t.error();
    t->bind(1, doc).bind(2, rec.text());
    OMB_TRY(t->run());
  }
  if (rec.norm) {  // the source differs from the normalised text: keep it, in 1 MB rows
    auto r = db_->prepare("INSERT INTO document_raw(document_id, seq, chunk) VALUES(?1, ?2, ?3)");
    if (!r.ok()) return r.error();
    constexpr std::size_t kRawChunk = 1u << 20;
    std::int64_t seq = 0;
    auto row = [&](std::string_view part) -> Status {
      sqlite3_bind_int64(r->handle(), 1, doc);
      sqlite3_bind_int64(r->handle(), 2, static_cast<sqlite3_int64>(seq++));
      sqlite3_bind_blob64(r->handle(), 3, part.data(), part.size(), SQLITE_STATIC);
      return r->run();
    };
    if (rec.raw_file.empty()) {
      std::string_view raw = rec.raw;
      for (std::size_t off = 0; off < raw.size(); off += kRawChunk) OMB_TRY(row(raw.substr(off, kRawChunk)));
    } else {
      // Analysed as it was read: read it again, in the same rows, and make
      // sure it is still what was analysed.
      std::string pending;
      Status failed;
      Status read = read_pieces_as_hashed(rec.raw_file, rec.content_hash, rec.raw_skip, kRawChunk, "stored",
                                          [&](std::string_view piece) {
                                            pending.append(piece);
                                            while (failed.ok() && pending.size() >= kRawChunk) {
                                              failed = row(std::string_view(pending).substr(0, kRawChunk));
                                              pending.erase(0, kRawChunk);
                                            }
                                          });
      if (!failed.ok()) return failed;
      if (!read.ok()) return read;
      if (!pending.empty()) OMB_TRY(row(pending));
    }
  }

  OMB_TRY(insert_pages(rec, doc));

  std::vector<std::int64_t> case_ids;
  case_ids.reserve(rec.cases.size());
  auto cs = db_->prepare(
      "INSERT INTO cases(document_id, ordinal, zaaknummer, title, afdeling, status, oordeel, start, end, themes) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!cs.ok()) return cs.error();
  for (std::size_t i = 0; i < rec.cases.size(); ++i) {
    const Case& c = rec.cases[i];
    cs->bind(1, doc).bind(2, static_cast<std::int64_t>(i)).bind(3, c.zaaknummer).bind(4, c.title).bind(5, c.afdeling)
        .bind(6, c.status).bind(7, c.oordeel).bind(8, static_cast<std::int64_t>(c.start))
        .bind(9, static_cast<std::int64_t>(c.end)).bind(10, nlohmann::json(c.themes).dump());
    OMB_TRY(cs->run());
    case_ids.push_back(sqlite3_last_insert_rowid(db_->handle()));
  }
  auto case_id = [&](int idx) -> std::optional<std::int64_t> {
    if (idx < 0 || static_cast<std::size_t>(idx) >= case_ids.size()) return std::nullopt;
    return case_ids[static_cast<std::size_t>(idx)];
  };

  const std::string& text = rec.text();
  auto ps = db_->prepare(
      "INSERT INTO passages(document_id, case_id, ordinal, kind, page, line, start, end, src_start, src_end, heading, body) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!ps.ok()) return ps.error();
  auto fts = db_->prepare("INSERT INTO passages_fts(rowid, heading, body) VALUES(?1, ?2, ?3)");
  if (!fts.ok()) return fts.error();
  // Terms made ahead by the worker are replayed by the tokenizer (one INSERT
  // at a time; cleared however this returns).
  LexiconSlot& slot = db_->lexicon_slot();
  struct Clear {
    LexiconSlot& s;
    ~Clear() { s.prepared.clear(); }
  } clear{slot};
  const bool terms = rec.passage_terms.size() == 2 * rec.passages.size();
  for (std::size_t i = 0; i < rec.passages.size(); ++i) {
    const Passage& p = rec.passages[i];
    ps->bind(1, doc);
    if (auto c = case_id(p.case_index)) ps->bind(2, *c); else ps->bind_null(2);
    ps->bind(3, static_cast<std::int64_t>(i)).bind(4, passage_kind_name(p.kind)).bind(5, p.page).bind(6, p.line)
        .bind(7, static_cast<std::int64_t>(p.start)).bind(8, static_cast<std::int64_t>(p.end))
        .bind(9, static_cast<std::int64_t>(p.src_start)).bind(10, static_cast<std::int64_t>(p.src_end))
        .bind(11, p.heading).bind(12, std::string_view(text).substr(p.start, p.end - p.start));
    OMB_TRY(ps->run());
    std::string_view body = std::string_view(text).substr(p.start, p.end - p.start);
    fts->bind(1, static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle()))).bind(2, p.heading).bind(3, body);
    if (terms) slot.prepared = {{p.heading, &rec.passage_terms[2 * i]}, {body, &rec.passage_terms[2 * i + 1]}};
    OMB_TRY(fts->run());
    slot.prepared.clear();
  }

  auto tg = db_->prepare(
      "INSERT INTO tags(document_id, case_id, type, value, text, start, end, rule, detail) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!tg.ok()) return tg.error();
  for (const Tag& g : rec.tags) {
    tg->bind(1, doc);
    if (auto c = case_id(g.case_index)) tg->bind(2, *c); else tg->bind_null(2);
    tg->bind(3, g.type).bind(4, g.value).bind(5, collapse_space(std::string_view(text).substr(g.start, g.end - g.start))).bind(6, static_cast<std::int64_t>(g.start))
        .bind(7, static_cast<std::int64_t>(g.end)).bind(8, g.rule).bind(9, g.detail);
    OMB_TRY(tg->run());
  }
  return {};
}

Result<WriteOutcome> Writer::relink(const std::string& path, const std::string& hash, std::int64_t doc,
                                    std::int64_t size, long long mtime) {
  auto old = sources_.find(path);
  if (old != sources_.end() && old->second.document_id == doc) return WriteOutcome::unchanged;
  std::optional<std::int64_t> old_doc;
  std::string old_hash;
  if (old != sources_.end()) { old_doc = old->second.document_id; old_hash = old->second.content_hash; }
  DocScope tx(*this);
  OMB_TRY(tx.begin());
  OMB_TRY(attach_path(path, doc, size, mtime));
  if (old_doc) OMB_TRY(drop_if_orphan(*old_doc));
  OMB_TRY(tx.commit());
  if (old_doc && --path_count_[*old_doc] == 0) {
    path_count_.erase(*old_doc);
    by_hash_.erase(old_hash);
  }
  ++path_count_[doc];
  sources_[path] = SourceInfo{doc, hash};
  return old_doc ? WriteOutcome::replaced : WriteOutcome::duplicate;
}

Result<WriteOutcome> Writer::put_known(const std::string& path, const std::string& hash, std::int64_t size,
                                       long long mtime) {
  auto doc = document_for_hash(hash);
  if (!doc) return make_error(Errc::internal, "put_known for content that is not stored", path);
  return relink(path, hash, *doc, size, mtime);
}

Result<WriteOutcome> Writer::put(const DocumentRecord& rec) {
  if (auto doc = document_for_hash(rec.content_hash)) {
    if (!stale_.count(*doc))
      return relink(rec.path, rec.content_hash, *doc, static_cast<std::int64_t>(rec.byte_size), rec.mtime);
    DocScope tx(*this);
    OMB_TRY(tx.begin());
    OMB_TRY(reanalyze(rec, *doc));
    OMB_TRY(tx.commit());
    stale_.erase(*doc);
    for (auto& [p, si] : sources_)
      if (si.document_id == *doc) si.stale = false;
    auto out = relink(rec.path, rec.content_hash, *doc, static_cast<std::int64_t>(rec.byte_size), rec.mtime);
    if (!out.ok()) return out;
    return *out == WriteOutcome::unchanged ? WriteOutcome::reanalysed : *out;
  }

  auto old = sources_.find(rec.path);
  std::optional<std::int64_t> old_doc;
  if (old != sources_.end()) old_doc = old->second.document_id;

  DocScope tx(*this);
  OMB_TRY(tx.begin());
  std::int64_t id = 0;
  OMB_TRY(insert_document(rec, &id));
  OMB_TRY(attach_path(rec.path, id, static_cast<std::int64_t>(rec.byte_size), rec.mtime));
  if (old_doc) OMB_TRY(drop_if_orphan(*old_doc));
  OMB_TRY(tx.commit());

  if (old_doc && --path_count_[*old_doc] == 0) {
    path_count_.erase(*old_doc);
    by_hash_.erase(old->second.content_hash);
  }
  by_hash_[rec.content_hash] = id;
  ++path_count_[id];
  sources_[rec.path] = SourceInfo{id, rec.content_hash};
  return old_doc ? WriteOutcome::replaced : WriteOutcome::added;
}

Result<std::int64_t> Writer::begin_run() {
  auto st = db_->prepare("INSERT INTO ingest_runs(started_at) VALUES(?1)");
  if (!st.ok()) return st.error();
  std::string now = now_iso8601();
  st->bind(1, now);
  OMB_TRY(st->run());
  return sqlite3_last_insert_rowid(db_->handle());
}

Status Writer::add_problem(std::int64_t run, const std::string& path, const std::string& kind, const std::string& reason) {
  auto st = db_->prepare("INSERT INTO ingest_problems(run_id, path, kind, reason) VALUES(?1, ?2, ?3, ?4)");
  if (!st.ok()) return st.error();
  st->bind(1, run).bind(2, path).bind(3, kind).bind(4, reason);
  return st->run();
}

Status Writer::finish_run(std::int64_t run, const std::string& summary_json) {
  auto st = db_->prepare("UPDATE ingest_runs SET finished_at = ?2, summary = ?3 WHERE id = ?1");
  if (!st.ok()) return st.error();
  std::string now = now_iso8601();
  st->bind(1, run).bind(2, now).bind(3, summary_json);
  return st->run();
}

}  // namespace omb
