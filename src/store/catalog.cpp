#include "store/catalog.h"

#include <sqlite3.h>

#include <bit>
#include <algorithm>
#include <cstring>
#include <iterator>
#include <type_traits>
#include <unordered_map>

#include "index/rank.h"
#include "store/db.h"

namespace omb {

namespace {

// The stored parts, version 1. Native little-endian arrays (a big-endian
// build neither writes nor reads them: it scans):
//   lengths   "OMBLEN01" u64 rows of the index, u32 n, n x u32 by passage id
//   passages  "OMBPAS01" u32 n, n x {u32 document, u32 case_id} by passage id
//   documents "OMBDOC01" u32 strings, documents; u32 end offset per string,
//             the bytes; {i32 year, i32 quarter, u32 doctype, u32 date} by
//             document id
//   cases     "OMBCAS01" u32 n, n x {u32 afdeling, themes, oordeel} by case
//             id (strings of the documents part)
//   tagged    "OMBTAG01" u32 n, n x {u32 passage, type, value} sorted, no
//             repeats (values: strings of the documents part)
constexpr char kLengthsTag[8] = {'O', 'M', 'B', 'L', 'E', 'N', '0', '1'};
constexpr char kPassagesTag[8] = {'O', 'M', 'B', 'P', 'A', 'S', '0', '1'};
constexpr char kDocumentsTag[8] = {'O', 'M', 'B', 'D', 'O', 'C', '0', '1'};
constexpr char kCasesTag[8] = {'O', 'M', 'B', 'C', 'A', 'S', '0', '1'};
constexpr char kTaggedTag[8] = {'O', 'M', 'B', 'T', 'A', 'G', '0', '1'};
constexpr Catalog::Parts kEveryPart[] = {Catalog::kLengths, Catalog::kPassages, Catalog::kDocuments, Catalog::kCases,
                                         Catalog::kTagged};
constexpr bool kLittle = std::endian::native == std::endian::little;

static_assert(sizeof(Catalog::Passage) == 8 && std::is_trivially_copyable_v<Catalog::Passage>);
static_assert(sizeof(Catalog::Document) == 16 && std::is_trivially_copyable_v<Catalog::Document>);
static_assert(sizeof(Catalog::Case) == 12 && std::is_trivially_copyable_v<Catalog::Case>);
static_assert(sizeof(Catalog::Tagged) == 12 && std::is_trivially_copyable_v<Catalog::Tagged>);

bool tagged_less(const Catalog::Tagged& a, const Catalog::Tagged& b) {
  if (a.passage != b.passage) return a.passage < b.passage;
  if (a.type != b.type) return a.type < b.type;
  return a.value < b.value;
}

const char* part_name(Catalog::Parts p) {
  switch (p) {
    case Catalog::kLengths: return "lengths";
    case Catalog::kPassages: return "passages";
    case Catalog::kDocuments: return "documents";
    case Catalog::kCases: return "cases";
    default: return "tagged";
  }
}

const char* part_tag(Catalog::Parts p) {
  switch (p) {
    case Catalog::kLengths: return kLengthsTag;
    case Catalog::kPassages: return kPassagesTag;
    case Catalog::kDocuments: return kDocumentsTag;
    case Catalog::kCases: return kCasesTag;
    default: return kTaggedTag;
  }
}

template <class T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
void put_array(std::string& out, const std::vector<T>& v) {
  if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

// Whether every part is stored for generation `gen`.
Result<bool> complete_at(Database& db, std::int64_t gen) {
  OMB_TRY_ASSIGN(st, db.prepare("SELECT count(*) FROM search_catalog WHERE generation = ?1"));
  st.bind(1, gen);
  OMB_TRY_ASSIGN(row, st.step());
  return row && gen >= 0 && st.int64(0) == static_cast<std::int64_t>(std::size(kEveryPart));
}

}  // namespace

// Where a part is decoded from: bytes in memory, or a blob in the database
// read straight into the arrays (no copy of the whole blob first).
class Catalog::Input {
 public:
  explicit Input(std::string_view b) : mem_(b), size_(b.size()) {}
  explicit Input(sqlite3_blob* b) : blob_(b), size_(static_cast<std::size_t>(sqlite3_blob_bytes(b))) {}

  template <class T>
  bool get(T& v) {
    return read(&v, sizeof v);
  }
  template <class T>
  bool get_array(std::vector<T>& v, std::size_t n) {
    if ((size_ - at_) / sizeof(T) < n) return false;
    v.resize(n);
    return read(v.data(), n * sizeof(T));
  }
  bool get_bytes(std::string& v, std::size_t n) {
    if (size_ - at_ < n) return false;
    v.resize(n);
    return read(v.data(), n);
  }
  bool done() const { return at_ == size_; }

 private:
  bool read(void* to, std::size_t n) {
    if (size_ - at_ < n) return false;
    if (n == 0) return true;
    if (blob_) {
      if (sqlite3_blob_read(blob_, to, static_cast<int>(n), static_cast<int>(at_)) != SQLITE_OK) return false;
    } else {
      std::memcpy(to, mem_.data() + at_, n);
    }
    at_ += n;
    return true;
  }
  std::string_view mem_;
  sqlite3_blob* blob_ = nullptr;
  std::size_t size_ = 0, at_ = 0;
};

bool Catalog::passage_tagged(std::int64_t id, TagType type, const std::vector<bool>& values) const {
  if (id < 0 || id >= kAbsent) return false;
  Tagged key;
  key.passage = static_cast<std::uint32_t>(id);
  key.type = type;
  key.value = 0;
  for (auto it = std::lower_bound(tagged_.begin(), tagged_.end(), key, tagged_less);
       it != tagged_.end() && it->passage == key.passage && it->type == type; ++it)
    if (it->value < values.size() && values[it->value]) return true;
  return false;
}

bool Catalog::fresh(Database& db) const {
  auto v = db.data_version();
  return v.ok() && *v == data_version_ && sqlite3_total_changes64(db.handle()) == total_changes_;
}

bool Catalog::operator==(const Catalog& o) const {
  auto same = [](const auto& a, const auto& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof a[0]) == 0);
  };
  return parts_ == o.parts_ && same(passages_, o.passages_) && same(documents_, o.documents_) &&
         same(cases_, o.cases_) && same(tagged_, o.tagged_) && strings_ == o.strings_ && *lengths_ == *o.lengths_ &&
         passage_count_ == o.passage_count_;
}

std::string Catalog::encode(Parts part) const {
  std::string out;
  if (!kLittle || !(parts_ & part)) return out;
  out.append(part_tag(part), 8);
  if (part == kLengths) {
    put(out, static_cast<std::uint64_t>(passage_count_));
    put(out, static_cast<std::uint32_t>(lengths_->size()));
    put_array(out, *lengths_);
  } else if (part == kPassages) {
    put(out, static_cast<std::uint32_t>(passages_.size()));
    put_array(out, passages_);
  } else if (part == kDocuments) {
    put(out, static_cast<std::uint32_t>(strings_.size()));
    put(out, static_cast<std::uint32_t>(documents_.size()));
    std::uint32_t end = 0;
    for (const std::string& s : strings_) put(out, end += static_cast<std::uint32_t>(s.size()));
    for (const std::string& s : strings_) out += s;
    put_array(out, documents_);
  } else if (part == kCases) {
    put(out, static_cast<std::uint32_t>(cases_.size()));
    put_array(out, cases_);
  } else {
    put(out, static_cast<std::uint32_t>(tagged_.size()));
    put_array(out, tagged_);
  }
  return out;
}

Status Catalog::decode(Parts part, std::string_view blob) {
  Input in(blob);
  return decode_from(part, in);
}

Status Catalog::decode_from(Parts part, Input& r) {
  auto bad = [&](const std::string& what) {
    return make_error(Errc::parse, std::string("stored search catalog (") + part_name(part) + "): " + what);
  };
  if (!kLittle) return bad("not readable on a big-endian machine");
  const char* tag = part_tag(part);
  char got[8] = {};
  if (!r.get(got) || std::memcmp(got, tag, 8) != 0) return bad("not of this format");
  if (part == kLengths) {
    std::uint64_t rows = 0;
    std::uint32_t n = 0;
    std::vector<std::uint32_t> len;
    if (!r.get(rows) || !r.get(n) || !r.get_array(len, n) || !r.done()) return bad("sizes do not add up");
    passage_count_ = static_cast<std::int64_t>(rows);
    lengths_ = std::make_shared<const std::vector<std::uint32_t>>(std::move(len));
  } else if (part == kPassages) {
    std::uint32_t n = 0;
    std::vector<Passage> ps;
    if (!r.get(n) || !r.get_array(ps, n) || !r.done()) return bad("sizes do not add up");
    std::int64_t count = 0;
    for (const Passage& p : ps) count += p.document != kAbsent;
    passages_ = std::move(ps);
    passage_count_ = count;
  } else if (part == kDocuments) {
    std::uint32_t ns = 0, nd = 0;
    if (!r.get(ns) || !r.get(nd) || ns == 0) return bad("truncated header");
    std::vector<std::uint32_t> ends;
    if (!r.get_array(ends, ns)) return bad("truncated string table");
    std::string bytes;
    if (!r.get_bytes(bytes, ends.back())) return bad("truncated strings");
    std::vector<std::string> strings;
    strings.reserve(ns);
    std::uint32_t from = 0;
    for (std::uint32_t e : ends) {
      if (e < from || e > bytes.size()) return bad("string offsets out of order");
      strings.emplace_back(std::string_view(bytes).substr(from, e - from));
      from = e;
    }
    if (!strings[0].empty()) return bad("string 0 is not empty");
    std::vector<Document> docs;
    if (!r.get_array(docs, nd) || !r.done()) return bad("sizes do not add up");
    for (const Document& d : docs)
      if (d.doctype >= ns || d.date >= ns) return bad("a document names a string out of range");
    if (parts_ & (kCases | kTagged)) return bad("read after a part that names its strings");
    strings_ = std::move(strings);
    documents_ = std::move(docs);
  } else if (part == kTagged) {
    if (!(parts_ & kDocuments)) return bad("read before the documents part");
    std::uint32_t n = 0;
    std::vector<Tagged> tagged;
    if (!r.get(n) || !r.get_array(tagged, n) || !r.done()) return bad("sizes do not add up");
    const std::size_t ns = strings_.size();
    for (std::size_t i = 0; i < tagged.size(); ++i) {
      const Tagged& t = tagged[i];
      if (t.value >= ns) return bad("a tag names a string out of range");
      if (t.type > kOordeel) return bad("a tag of an unknown type");
      if (i > 0 && !tagged_less(tagged[i - 1], t)) return bad("tags out of order");
    }
    tagged_ = std::move(tagged);
  } else {
    if (!(parts_ & kDocuments)) return bad("read before the documents part");
    std::uint32_t n = 0;
    std::vector<Case> cases;
    if (!r.get(n) || !r.get_array(cases, n) || !r.done()) return bad("sizes do not add up");
    const std::size_t ns = strings_.size();
    for (const Case& k : cases)
      if (k.afdeling >= ns || k.themes >= ns || k.oordeel >= ns) return bad("a case names a string out of range");
    cases_ = std::move(cases);
  }
  parts_ |= part;
  return {};
}

Result<std::shared_ptr<Catalog>> Catalog::stamped(Database& db) {
  auto c = std::make_shared<Catalog>();
  OMB_TRY_ASSIGN(version, db.data_version());
  c->data_version_ = version;
  c->total_changes_ = sqlite3_total_changes64(db.handle());
  return c;
}

Result<std::shared_ptr<const Catalog>> Catalog::load(Database& db) {
  OMB_TRY_ASSIGN(stored, load_persisted(db));
  if (stored) return stored;
  return scan(db, kAll & ~kTagged);
}

Result<std::shared_ptr<const Catalog>> Catalog::load_persisted(Database& db, unsigned parts) {
  if (!kLittle) return std::shared_ptr<const Catalog>();
  OMB_TRY_ASSIGN(c, stamped(db));
  ReadSnapshot snap(db);
  OMB_TRY(snap.begin());
  OMB_TRY_ASSIGN(gen, db.generation());
  if (gen < 0) return std::shared_ptr<const Catalog>();
  OMB_TRY_ASSIGN(st, db.prepare("SELECT rowid FROM search_catalog WHERE part = ?1 AND generation = ?2"));
  if (parts & (kCases | kTagged)) parts |= kDocuments;
  for (Parts part : kEveryPart) {
    if (!(parts & part)) continue;
    st.reset();
    st.bind(1, part_name(part)).bind(2, gen);
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) return std::shared_ptr<const Catalog>();
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db.handle(), "main", "search_catalog", "data", st.int64(0), 0, &blob) != SQLITE_OK) {
      sqlite3_blob_close(blob);
      return db.last_error("reading the search catalog");
    }
    Input in(blob);
    const Status s = c->decode_from(part, in);
    sqlite3_blob_close(blob);
    if (!s.ok()) return std::shared_ptr<const Catalog>();  // damaged or another format: as if none
  }
  return std::shared_ptr<const Catalog>(std::move(c));
}

Result<bool> Catalog::stored_current(Database& db) {
  ReadSnapshot snap(db);
  OMB_TRY(snap.begin());
  OMB_TRY_ASSIGN(gen, db.generation());
  return complete_at(db, gen);
}

Status Catalog::persist(Database& db) {
  if (!kLittle) return {};
  Transaction tx(db);
  OMB_TRY(tx.begin());
  OMB_TRY_ASSIGN(gen, db.generation());
  if (gen < 0) return {};
  OMB_TRY_ASSIGN(current, complete_at(db, gen));
  if (current) return {};  // already of this generation
  OMB_TRY_ASSIGN(c, scan(db));
  OMB_TRY(db.exec("DELETE FROM search_catalog"));  // also parts an older ombudsmine stored
  OMB_TRY_ASSIGN(ins, db.prepare("INSERT INTO search_catalog(part, generation, data) VALUES(?1, ?2, ?3)"));
  for (Parts part : kEveryPart) {
    const std::string blob = c->encode(part);
    ins.reset();
    ins.bind(1, part_name(part)).bind(2, gen);
    if (sqlite3_bind_blob64(ins.handle(), 3, blob.data(), blob.size(), SQLITE_STATIC) != SQLITE_OK)
      return db.last_error("storing the search catalog");
    OMB_TRY(ins.run());
  }
  return tx.commit();
}

Result<std::shared_ptr<const Catalog>> Catalog::scan(Database& db, unsigned parts) {
  OMB_TRY_ASSIGN(c, stamped(db));
  // One read snapshot: the scans see the same database.
  ReadSnapshot snap(db);
  OMB_TRY(snap.begin());
  std::unordered_map<std::string, std::uint32_t> ids;
  ids.emplace("", 0);
  auto intern = [&](Stmt& st, int col) -> std::uint32_t {
    std::string s = st.text(col);
    auto [it, fresh] = ids.try_emplace(std::move(s), static_cast<std::uint32_t>(c->strings_.size()));
    if (fresh) c->strings_.push_back(it->first);
    return it->second;
  };
  // Arrays by id, grown with some slack; ids past 2^32 - 2 cannot be held.
  auto at = [](auto& v, std::int64_t id) -> auto& {
    if (static_cast<std::size_t>(id) >= v.size()) v.resize(static_cast<std::size_t>(id) + 1 + v.size() / 4);
    return v[static_cast<std::size_t>(id)];
  };
  auto too_large = [](std::int64_t id, const char* what) -> Status {
    if (id >= 0 && id < kAbsent) return {};
    return make_error(Errc::internal, std::string("search catalog: ") + what + " id " + std::to_string(id) +
                                          " does not fit (rowids from 0 to 2^32 - 2)");
  };

  OMB_TRY_ASSIGN(docs, db.prepare("SELECT id, year, quarter, doctype, COALESCE(date, '') FROM documents"));
  for (;;) {
    OMB_TRY_ASSIGN(row, docs.step());
    if (!row) break;
    OMB_TRY(too_large(docs.int64(0), "document"));
    Document& d = at(c->documents_, docs.int64(0));
    d.year = docs.is_null(1) ? 0 : static_cast<std::int32_t>(docs.int64(1));
    d.quarter = docs.is_null(2) ? 0 : static_cast<std::int32_t>(docs.int64(2));
    d.doctype = intern(docs, 3);
    d.date = intern(docs, 4);
  }
  OMB_TRY_ASSIGN(cases, db.prepare("SELECT id, afdeling, themes, oordeel FROM cases"));
  for (;;) {
    OMB_TRY_ASSIGN(row, cases.step());
    if (!row) break;
    OMB_TRY(too_large(cases.int64(0), "case"));
    Case& k = at(c->cases_, cases.int64(0));
    k.afdeling = intern(cases, 1);
    k.themes = intern(cases, 2);
    k.oordeel = intern(cases, 3);
  }
  // Passages outside cases, by document, with their spans: for the tagged part.
  struct Span {
    std::uint32_t start, end, id;
  };
  std::unordered_map<std::uint32_t, std::vector<Span>> loose;
  OMB_TRY_ASSIGN(ps, db.prepare("SELECT id, document_id, case_id, start, end FROM passages INDEXED BY passages_hit"));
  for (;;) {
    OMB_TRY_ASSIGN(row, ps.step());
    if (!row) break;
    OMB_TRY(too_large(ps.int64(0), "passage"));
    Passage& p = at(c->passages_, ps.int64(0));
    p.document = static_cast<std::uint32_t>(ps.int64(1));
    p.case_id = ps.is_null(2) ? 0 : static_cast<std::uint32_t>(ps.int64(2));
    ++c->passage_count_;
    if ((parts & kTagged) && p.case_id == 0)
      loose[p.document].push_back({static_cast<std::uint32_t>(ps.int64(3)), static_cast<std::uint32_t>(ps.int64(4)),
                                   static_cast<std::uint32_t>(ps.int64(0))});
  }
  for (auto& [doc, spans] : loose)
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  // Their afdeling, theme and oordeel tags: one pass over the covering index.
  if (parts & kTagged) {
    OMB_TRY_ASSIGN(ts, db.prepare("SELECT document_id, type, value, start FROM tags INDEXED BY tags_document_type "
                                  "WHERE type IN ('afdeling', 'theme', 'oordeel')"));
    std::uint32_t last_doc = kAbsent;
    const std::vector<Span>* spans = nullptr;
    for (;;) {
      OMB_TRY_ASSIGN(row, ts.step());
      if (!row) break;
      const auto doc = static_cast<std::uint32_t>(ts.int64(0));
      if (doc != last_doc) {
        auto it = loose.find(doc);
        spans = it == loose.end() ? nullptr : &it->second;
        last_doc = doc;
      }
      if (!spans) continue;
      const std::int64_t start = ts.int64(3);
      // The passage outside cases whose span holds the tag's start, if any.
      auto after = std::upper_bound(spans->begin(), spans->end(), start,
                                    [](std::int64_t s, const Span& p) { return s < static_cast<std::int64_t>(p.start); });
      if (after == spans->begin()) continue;
      const Span& p = *(after - 1);
      if (start >= static_cast<std::int64_t>(p.end)) continue;
      const std::string_view type = ts.view(1);
      Tagged t;
      t.passage = p.id;
      t.type = type == "afdeling" ? kAfdeling : type == "theme" ? kTheme : kOordeel;
      t.value = intern(ts, 2);
      c->tagged_.push_back(t);
    }
  }
  std::sort(c->tagged_.begin(), c->tagged_.end(), tagged_less);
  c->tagged_.erase(std::unique(c->tagged_.begin(), c->tagged_.end(),
                               [](const Tagged& a, const Tagged& b) { return !tagged_less(a, b) && !tagged_less(b, a); }),
                   c->tagged_.end());
  // The index's row lengths (omb_bm25's), as %_docsize holds them.
  std::vector<std::uint32_t> lengths(c->passages_.size(), 0);
  OMB_TRY_ASSIGN(sz, db.prepare("SELECT id, sz FROM passages_fts_docsize"));
  for (;;) {
    OMB_TRY_ASSIGN(row, sz.step());
    if (!row) break;
    const std::int64_t id = sz.int64(0);
    if (id < 0 || static_cast<std::uint64_t>(id) >= lengths.size()) continue;
    lengths[static_cast<std::size_t>(id)] = docsize_total(static_cast<const unsigned char*>(sqlite3_column_blob(sz.handle(), 1)),
                                                          sqlite3_column_bytes(sz.handle(), 1));
  }
  c->lengths_ = std::make_shared<const std::vector<std::uint32_t>>(std::move(lengths));
  c->parts_ = parts & kTagged ? kAll : kAll & ~kTagged;
  return std::shared_ptr<const Catalog>(std::move(c));
}

}  // namespace omb
