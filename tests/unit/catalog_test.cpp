// The search catalog kept with the database (store/catalog.h), and reading
// source ranges back (store/read.h).
#include <catch2/catch.hpp>

#include <cstring>
#include <random>

#include "index/tokenizer.h"
#include "ingest/ingest.h"
#include "store/catalog.h"
#include "store/db.h"
#include "store/read.h"
#include "dbutil.h"
#include "testutil.h"

using namespace omb;
using omb::test::scalar;
using omb::test::TempDir;

namespace {

IngestSummary ingest_paths(Database& db, const std::vector<std::string>& paths) {
  IngestOptions o;
  o.jobs = 1;
  auto s = ingest(db, paths, test::with_rules(), o);
  REQUIRE(s.ok());
  REQUIRE(s->failed == 0);
  return *s;
}

std::shared_ptr<const Catalog> stored(Database& db) {
  auto c = Catalog::load_persisted(db);
  REQUIRE(c.ok());
  return *c;
}

std::shared_ptr<const Catalog> scanned(Database& db) {
  auto c = Catalog::scan(db);
  REQUIRE(c.ok());
  return *c;
}

}  // namespace

TEST_CASE("catalog: ingest stores the catalog of the database's generation, equal to one read from the tables",
          "[catalog]") {
  TempDir dir;
  auto db = Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  CHECK(stored(*db) == nullptr);  // nothing stored yet
  ingest_paths(*db, {test::source_dir() + "/tests/fixtures/search"});
  auto s = stored(*db);
  REQUIRE(s != nullptr);
  auto t = scanned(*db);
  CHECK(s->parts() == Catalog::kAll);
  CHECK(*s == *t);
  CHECK(s->passage_count() == scalar(*db, "SELECT count(*) FROM passages"));
  CHECK(scalar(*db, "SELECT count(*) FROM search_catalog WHERE generation = "
                    "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')") == 5);
  // Each part alone, as search reads them; the cases and tagged parts come with the documents part.
  for (unsigned part : {unsigned{Catalog::kLengths}, unsigned{Catalog::kPassages}, unsigned{Catalog::kDocuments},
                        unsigned{Catalog::kCases}, unsigned{Catalog::kTagged}}) {
    auto one = Catalog::load_persisted(*db, part);
    REQUIRE(one.ok());
    REQUIRE(*one != nullptr);
    CHECK((*one)->parts() == (part == Catalog::kCases || part == Catalog::kTagged ? part | Catalog::kDocuments : part));
  }
  // Every passage's length is the index's.
  const auto& len = *s->lengths();
  auto st = db->prepare("SELECT id, sz FROM passages_fts_docsize");
  REQUIRE(st.ok());
  std::size_t rows = 0;
  while (*st->step()) {
    ++rows;
    const auto id = static_cast<std::size_t>(st->int64(0));
    REQUIRE(id < len.size());
    CHECK(len[id] > 0);
  }
  CHECK(rows == static_cast<std::size_t>(s->passage_count()));
  // Storing again at the same generation writes nothing.
  const auto changes = sqlite3_total_changes64(db->handle());
  REQUIRE(Catalog::persist(*db).ok());
  CHECK(sqlite3_total_changes64(db->handle()) == changes);
}

TEST_CASE("catalog: any change to the documents or the index outdates the stored one until it is stored again",
          "[catalog]") {
  TempDir dir;
  auto db = Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  ingest_paths(*db, {test::source_dir() + "/tests/fixtures/search"});
  REQUIRE(stored(*db) != nullptr);
  CHECK(*Catalog::stored_current(*db));
  auto check_outdated_then_restored = [&](const char* what) {
    INFO(what);
    CHECK(stored(*db) == nullptr);
    CHECK_FALSE(*Catalog::stored_current(*db));
    auto loaded = Catalog::load(*db);  // scans instead, all but the tagged part
    REQUIRE(loaded.ok());
    auto without_tags = Catalog::scan(*db, Catalog::kAll & ~Catalog::kTagged);
    REQUIRE(without_tags.ok());
    CHECK((*loaded)->parts() == (Catalog::kAll & ~Catalog::kTagged));
    CHECK(**loaded == **without_tags);
    REQUIRE(Catalog::persist(*db).ok());
    auto s = stored(*db);
    REQUIRE(s != nullptr);
    CHECK(*s == *scanned(*db));
  };
  REQUIRE(db->exec("UPDATE documents SET title = 'anders' WHERE id = (SELECT min(id) FROM documents)").ok());
  check_outdated_then_restored("a document updated (re-analysed)");
  const auto passages = scanned(*db)->passage_count();
  REQUIRE(db->exec("DELETE FROM documents WHERE id = (SELECT min(id) FROM documents)").ok());
  check_outdated_then_restored("a document removed");
  CHECK(scanned(*db)->passage_count() < passages);
  auto lx = SearchLexicon::load(test::source_dir() + "/dictionaries");
  REQUIRE(lx.ok());
  REQUIRE(db->use_lexicon(*lx, true, true).ok());
  check_outdated_then_restored("the index rebuilt");
  // A document added by ingest: the run stores the new catalog itself.
  dir.write("in/nieuw.txt", "Kwartaalrapportage 2024 Q2\n\nDe klacht over de ombudsman is gegrond verklaard.\n");
  ingest_paths(*db, {dir.file("in")});
  auto s = stored(*db);
  REQUIRE(s != nullptr);
  CHECK(*s == *scanned(*db));
}

TEST_CASE("catalog: a damaged stored part is as if there were none; decode says what is wrong", "[catalog]") {
  TempDir dir;
  auto db = Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  ingest_paths(*db, {test::source_dir() + "/tests/fixtures/search"});
  auto full = scanned(*db);
  const Catalog::Parts parts[] = {Catalog::kLengths, Catalog::kPassages, Catalog::kDocuments, Catalog::kCases,
                                  Catalog::kTagged};
  auto needs_documents = [](Catalog::Parts p) { return p == Catalog::kCases || p == Catalog::kTagged; };

  // Round trip, part by part.
  Catalog back;
  for (Catalog::Parts p : parts) REQUIRE(back.decode(p, full->encode(p)).ok());
  CHECK(back == *full);

  // Every cut of every part is refused, never read past its end (the cases
  // part is read after the documents part, as load_persisted() does).
  for (Catalog::Parts p : parts) {
    const std::string blob = full->encode(p);
    for (std::size_t n = 0; n < blob.size(); n += 1 + n / 16) {
      Catalog c;
      if (needs_documents(p)) REQUIRE(c.decode(Catalog::kDocuments, full->encode(Catalog::kDocuments)).ok());
      Status s = c.decode(p, std::string_view(blob).substr(0, n));
      INFO("part " << p << " cut at " << n);
      REQUIRE_FALSE(s.ok());
      CHECK(s.error().code == Errc::parse);
    }
    Catalog c;
    if (needs_documents(p)) REQUIRE(c.decode(Catalog::kDocuments, full->encode(Catalog::kDocuments)).ok());
    CHECK(c.decode(p, blob + "x").error().message.find("sizes do not add up") != std::string::npos);
  }
  {
    Catalog c;
    CHECK(c.decode(Catalog::kCases, full->encode(Catalog::kCases)).error().message ==
          "stored search catalog (cases): read before the documents part");
  }
  {
    Catalog c;
    Status s = c.decode(Catalog::kPassages, full->encode(Catalog::kLengths));
    CHECK(s.error().message == "stored search catalog (passages): not of this format");
  }
  {
    // A document naming a string past the table.
    std::string blob = full->encode(Catalog::kDocuments);
    std::uint32_t ns = 0, end = 0;
    std::memcpy(&ns, blob.data() + 8, 4);
    std::memcpy(&end, blob.data() + 16 + 4 * (ns - 1), 4);
    const std::size_t first_doc = 16 + 4 * std::size_t{ns} + end;
    const std::uint32_t far = ns + 5;
    std::memcpy(blob.data() + first_doc + 8, &far, 4);  // its doctype
    Catalog c;
    CHECK(c.decode(Catalog::kDocuments, blob).error().message ==
          "stored search catalog (documents): a document names a string out of range");
  }
  {
    // Tags out of order, and a tag naming a string past the table.
    std::string blob = full->encode(Catalog::kTagged);
    std::uint32_t n = 0;
    std::memcpy(&n, blob.data() + 8, 4);
    REQUIRE(n >= 2);
    std::string swapped = blob;
    std::memcpy(swapped.data() + 12, blob.data() + 24, 12);
    std::memcpy(swapped.data() + 24, blob.data() + 12, 12);
    Catalog c;
    REQUIRE(c.decode(Catalog::kDocuments, full->encode(Catalog::kDocuments)).ok());
    CHECK(c.decode(Catalog::kTagged, swapped).error().message == "stored search catalog (tagged): tags out of order");
    const std::uint32_t far = 1u << 30;
    std::memcpy(blob.data() + 12 + 12 * (n - 1) + 8, &far, 4);  // the last tag's value
    CHECK(c.decode(Catalog::kTagged, blob).error().message ==
          "stored search catalog (tagged): a tag names a string out of range");
  }
  {
    // A case naming a string past the table.
    std::string blob = full->encode(Catalog::kCases);
    const std::uint32_t far = 1u << 30;
    std::memcpy(blob.data() + 12 + 12 + 4, &far, 4);  // the second case's themes
    Catalog c;
    REQUIRE(c.decode(Catalog::kDocuments, full->encode(Catalog::kDocuments)).ok());
    CHECK(c.decode(Catalog::kCases, blob).error().message ==
          "stored search catalog (cases): a case names a string out of range");
  }
  {
    // Random bytes behind a right tag: refused or read, never a crash.
    std::mt19937 rng(5);
    for (Catalog::Parts p : parts) {
      const std::string tag = full->encode(p).substr(0, 8);
      for (int i = 0; i < 200; ++i) {
        std::string blob = tag;
        const int n = static_cast<int>(rng() % 64);
        for (int k = 0; k < n; ++k) blob += static_cast<char>(rng() % 4 == 0 ? rng() % 256 : rng() % 3);
        Catalog c;
        if (needs_documents(p)) REQUIRE(c.decode(Catalog::kDocuments, full->encode(Catalog::kDocuments)).ok());
        (void)c.decode(p, blob);
      }
    }
  }
  // Stored damaged: not used, not an error; reindex (a new generation) stores it whole again.
  REQUIRE(db->exec("UPDATE search_catalog SET data = substr(data, 1, 20) WHERE part = 'passages'").ok());
  CHECK(stored(*db) == nullptr);
  auto loaded = Catalog::load(*db);
  REQUIRE(loaded.ok());
  CHECK(**loaded == **Catalog::scan(*db, Catalog::kAll & ~Catalog::kTagged));
  auto lx = SearchLexicon::load(test::source_dir() + "/dictionaries");
  REQUIRE(lx.ok());
  REQUIRE(db->use_lexicon(*lx, true, true).ok());
  REQUIRE(Catalog::persist(*db).ok());
  auto mended = stored(*db);
  REQUIRE(mended != nullptr);
  CHECK(*mended == *full);
}

TEST_CASE("read: a source range is read whole across the 1 MB rows of a large document", "[store][read]") {
  TempDir dir;
  auto db = Database::open(dir.file("c.db"));
  REQUIRE(db.ok());
  // Over 1 MB, with ligatures the normaliser replaces, so the source is stored apart from the text.
  std::string text = "Jaarverslag klachten 2020\n\n";
  for (int i = 0; text.size() < (std::size_t{5} << 19); ++i)
    text += "De klacht " + std::to_string(i) + " ging over de ﬁnanciële aﬂossing en de bejegening.\n";
  ingest_paths(*db, {dir.write("in/groot.txt", text)});
  const std::int64_t id = scalar(*db, "SELECT min(id) FROM documents");
  REQUIRE(scalar(*db, "SELECT count(*) FROM document_raw WHERE document_id = " + std::to_string(id)) == 3);
  auto texts = load_texts(*db, id);
  REQUIRE(texts.ok());
  REQUIRE(texts->raw == text);
  SourceReader reader(*db);
  const std::int64_t mb = std::int64_t{1} << 20, size = static_cast<std::int64_t>(text.size());
  for (auto [a, b] : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {0, 10}, {mb - 5, mb + 5}, {mb - 1, mb}, {mb, mb + 1}, {10, 2 * mb + 10}, {size - 7, size}, {size - 3, size + 50},
           {2 * mb, 2 * mb}, {mb + 100, mb + 99}}) {
    INFO(a << ".." << b);
    auto r = reader.range(id, a, b);
    REQUIRE(r.ok());
    const std::string want = b > a && a < size ? text.substr(static_cast<std::size_t>(a), static_cast<std::size_t>(b - a)) : "";
    CHECK(*r == want);
    auto once = load_source_range(*db, id, a, b);
    REQUIRE(once.ok());
    CHECK(*once == want);
  }
}
