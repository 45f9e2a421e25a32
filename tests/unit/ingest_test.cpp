#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "base/fs.h"
#include "index/tokenizer.h"
#include "ingest/ingest.h"
#include "store/read.h"
#include "store/counts.h"
#include "store/writer.h"
#include "dbutil.h"
#include "testutil.h"

using namespace omb;
using omb::test::scalar;
using omb::test::text_of;
using omb::test::with_rules;
using omb::test::TempDir;

namespace {

// Parts as ingest cuts them, at a scale the sanitizer build runs quickly:
// texts over 2 MB in parts of about 512 kB (the defaults are 16 and 8 MB).
const Analyzer::Parts kSmallParts{2u << 20, 512u << 10};

IngestSummary run(Database& db, const std::vector<std::string>& paths, IngestOptions opts = {},
                  Analyzer::Parts parts = {}) {
  auto an = Analyzer::create("", parts);
  REQUIRE(an.ok());
  if (opts.jobs == 0) opts.jobs = 2;
  auto s = ingest(db, paths, *an, opts);
  REQUIRE(s.ok());
  return *s;
}

const std::string kReportA =
    "Kwartaalrapportage eerste kwartaal 2016\n\n2.1. Communicatie\nDe klantmanager reageerde niet.\n\n"
    "\f6.1. Koers naar Werk\n406 – Geen beleid\nEen man klaagt over de klachtafhandeling.\n";
const std::string kReportB = "Rapport\n\nDe dienst heeft in strijd met het vereiste van correcte bejegening gehandeld.\n";

// The index agrees with the passages (FTS5's own check).
void check_fts(Database& db) { REQUIRE(db.exec("INSERT INTO passages_fts(passages_fts) VALUES('integrity-check')").ok()); }

}  // namespace

TEST_CASE("ingest: stores documents, pages and passages; re-ingest is a no-op") {
  TempDir dir;
  dir.write("archief/2016/a.txt", kReportA);
  dir.write("archief/2010/b.md", kReportB);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());

  IngestSummary s = run(*db, {dir.file("archief")});
  CHECK(s.files == 2);
  CHECK(s.added == 2);
  CHECK(s.failed == 0);
  CHECK(s.skipped == 0);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 2);
  CHECK(scalar(*db, "SELECT page_count FROM documents d JOIN sources s ON s.document_id = d.id WHERE s.path LIKE '%a.txt'") == 2);
  // Without rule files (Analyzer::create("")) nothing is extracted: no title, no facts.
  CHECK(text_of(*db, "SELECT title || '|' || doctype FROM documents d JOIN sources s ON s.document_id = d.id WHERE s.path LIKE '%a.txt'") ==
        "|overig");
  // The text comes back byte for byte.
  std::int64_t id = scalar(*db, "SELECT document_id FROM sources WHERE path LIKE '%a.txt'");
  auto t = load_texts(*db, id);
  REQUIRE(t.ok());
  CHECK(t->raw == kReportA);
  CHECK(t->norm ==
        "Kwartaalrapportage eerste kwartaal 2016\n\n2.1. Communicatie\n\nDe klantmanager reageerde niet.\n\n"
        "6.1. Koers naar Werk\n\n406 – Geen beleid\n\nEen man klaagt over de klachtafhandeling.\n");
  // Full-text search finds the passage on its page and line.
  CHECK(scalar(*db, "SELECT p.page FROM passages_fts f JOIN passages p ON p.id = f.rowid WHERE passages_fts MATCH 'klachtafhandeling'") == 2);
  CHECK(scalar(*db, "SELECT p.line FROM passages_fts f JOIN passages p ON p.id = f.rowid WHERE passages_fts MATCH 'klachtafhandeling'") == 6);
  check_fts(*db);

  IngestSummary again = run(*db, {dir.file("archief")});
  CHECK(again.unchanged == 2);
  CHECK(again.added == 0);
  CHECK(again.replaced == 0);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 2);
  CHECK(scalar(*db, "SELECT count(*) FROM ingest_runs WHERE finished_at IS NOT NULL") == 2);
}

TEST_CASE("ingest: with the rules loaded, facts, cases and tags are stored") {
  TempDir dir;
  dir.write("a.txt", kReportA);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  auto an = with_rules();
  IngestOptions opts;
  opts.jobs = 1;
  auto s = ingest(*db, {dir.file("a.txt")}, an, opts);
  REQUIRE(s.ok());
  CHECK(s->added == 1);
  CHECK(text_of(*db, "SELECT doctype || ' ' || year || ' Q' || quarter FROM documents") == "kwartaalrapportage 2016 Q1");
  CHECK(text_of(*db, "SELECT zaaknummer || '|' || title || '|' || afdeling || '|' || themes FROM cases") ==
        "406|Geen beleid|Koers naar Werk|[\"klachtbehandeling\"]");
  CHECK(text_of(*db, "SELECT group_concat(type || '=' || value || '@' || rule, ' ') FROM (SELECT * FROM tags ORDER BY start)") ==
        "doctype=kwartaalrapportage@doctype.kwartaal period=2016-Q1@period.quarter-words "
        "theme=communicatie@theme.communicatie/kop theme=communicatie@theme.communicatie/terugbellen-niet "
        "afdeling=Koers naar Werk@afdeling.Koers naar Werk/koers naar werk "
        "zaaknummer=406@zaaknummer.case-heading theme=klachtbehandeling@theme.klachtbehandeling/woord");
  // The tags inside the case point at it; so does the passage that is mostly the case.
  CHECK(scalar(*db, "SELECT count(*) FROM tags t JOIN cases c ON c.id = t.case_id WHERE c.zaaknummer = '406'") == 2);
  CHECK(text_of(*db, "SELECT p.body FROM passages p JOIN cases c ON c.id = p.case_id") ==
        "6.1. Koers naar Werk\n\n406 – Geen beleid\n\nEen man klaagt over de klachtafhandeling.\n");
}

TEST_CASE("ingest: content stored by an older pipeline is analysed again, in place") {
  TempDir dir;
  dir.write("a.txt", kReportA);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  run(*db, {dir.file("a.txt")});  // without rules: no cases
  CHECK(scalar(*db, "SELECT count(*) FROM cases") == 0);
  std::int64_t id = scalar(*db, "SELECT id FROM documents");
  REQUIRE(db->exec("UPDATE documents SET pipeline_version = 1").ok());

  auto an = with_rules();
  IngestOptions opts;
  opts.jobs = 1;
  auto s = ingest(*db, {dir.file("a.txt")}, an, opts);
  REQUIRE(s.ok());
  CHECK(s->reanalysed == 1);
  CHECK(s->unchanged == 0);
  CHECK(s->added == 0);
  CHECK(scalar(*db, "SELECT id FROM documents") == id);
  CHECK(scalar(*db, "SELECT pipeline_version FROM documents") == kPipelineVersion);
  CHECK(scalar(*db, "SELECT count(*) FROM cases WHERE zaaknummer = '406'") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM sources") == 1);
  check_fts(*db);
  auto again = ingest(*db, {dir.file("a.txt")}, an, opts);
  REQUIRE(again.ok());
  CHECK(again->unchanged == 1);
  CHECK(again->reanalysed == 0);

  // --reanalyse: after the rules changed, every stored document again.
  dir.write("b.txt", kReportA);  // the same content under a second path
  opts.reanalyze = true;
  auto forced = ingest(*db, {dir.file("a.txt"), dir.file("b.txt")}, an, opts);
  REQUIRE(forced.ok());
  CHECK(forced->reanalysed == 1);
  CHECK(forced->duplicates == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM cases") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM sources") == 2);
  check_fts(*db);
}

TEST_CASE("ingest: after an edit of the rules, stored documents are stale until ingested again", "[fingerprint]") {
  namespace fs = std::filesystem;
  TempDir dir;
  dir.write("a.txt", kReportA);
  const std::string dict = dir.file("dictionaries");
  fs::copy(test::source_dir() + "/dictionaries", dict, fs::copy_options::recursive);
  auto before = Analyzer::create(dict);
  REQUIRE(before.ok());
  auto db = Database::open(dir.file("f.db"));
  REQUIRE(db.ok());
  IngestOptions opts;
  opts.jobs = 1;
  REQUIRE(ingest(*db, {dir.file("a.txt")}, *before, opts).ok());
  CHECK(count_stale(*db, (*before)->fingerprint()).value() == 0);

  // An analyst adds a domain word: the fingerprint changes, the document is stale.
  dir.write("dictionaries/words/extra.txt", "klachtcoordinator\n");
  auto after = Analyzer::create(dict);
  REQUIRE(after.ok());
  CHECK((*after)->fingerprint() != (*before)->fingerprint());
  CHECK(analysis_fingerprint(dict).value() == (*after)->fingerprint());
  CHECK(count_stale(*db, (*after)->fingerprint()).value() == 1);

  auto s = ingest(*db, {dir.file("a.txt")}, *after, opts);
  REQUIRE(s.ok());
  CHECK(s->reanalysed == 1);
  CHECK(count_stale(*db, (*after)->fingerprint()).value() == 0);
  auto again = ingest(*db, {dir.file("a.txt")}, *after, opts);
  REQUIRE(again.ok());
  CHECK(again->unchanged == 1);
  CHECK(again->reanalysed == 0);
}

TEST_CASE("ingest: a changed file replaces its old version") {
  TempDir dir;
  std::string a = dir.write("a.txt", kReportA);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  run(*db, {a});
  dir.write("a.txt", "Nieuwe versie over bereikbaarheid van het loket.\n");
  IngestSummary s = run(*db, {a});
  CHECK(s.replaced == 1);
  CHECK(s.added == 0);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'klachtafhandeling'") == 0);
  CHECK(scalar(*db, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'bereikbaarheid'") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM pages") == 1);
  check_fts(*db);
}

TEST_CASE("ingest: the same content under two paths is stored once") {
  TempDir dir;
  dir.write("x/a.txt", kReportA);
  dir.write("y/kopie.txt", kReportA);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  IngestSummary s = run(*db, {dir.path() + "/x", dir.path() + "/y"});
  CHECK(s.added == 1);
  CHECK(s.duplicates == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM sources") == 2);
  CHECK(scalar(*db, "SELECT count(DISTINCT document_id) FROM sources") == 1);

  // The copy changes: it becomes its own document; the original keeps its path.
  dir.write("y/kopie.txt", kReportB);
  IngestSummary s2 = run(*db, {dir.path() + "/x", dir.path() + "/y"});
  CHECK(s2.replaced == 1);
  CHECK(s2.unchanged == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 2);
  // And back again: the copy's own version goes, the shared one stays.
  dir.write("y/kopie.txt", kReportA);
  IngestSummary s3 = run(*db, {dir.path() + "/x", dir.path() + "/y"});
  CHECK(s3.replaced == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 1);
  check_fts(*db);
}

TEST_CASE("ingest: one file given twice, or as file and folder, counts once") {
  TempDir dir;
  std::string a = dir.write("d/a.txt", kReportA);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  IngestSummary s = run(*db, {a, dir.path() + "/d", a});
  CHECK(s.files == 1);
  CHECK(s.added == 1);
}

TEST_CASE("ingest: bad files are counted with reasons and the run goes on") {
  TempDir dir;
  dir.write("in/goed.txt", kReportA);
  dir.write("in/leeg.txt", "");
  dir.write("in/binair.txt", std::string("%PDF-1.4\0\0\0binary", 17));
  dir.write("in/kapot.txt", "De cli\xC3nte en de co\xC3\xB6peratie en het caf\xC3\xA9 en \xFF.\n");
  dir.write("in/rapport.doc", "%PDF-1.4");
  dir.write("in/.verborgen.txt", kReportB);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  IngestSummary s = run(*db, {dir.path() + "/in", dir.file("bestaat-niet")});
  CHECK(s.added == 2);  // goed.txt and kapot.txt (with replacement characters)
  CHECK(s.skipped == 3);
  CHECK(s.failed == 1);
  CHECK(s.skipped_reasons["empty file"] == 1);
  CHECK(s.skipped_reasons["not .txt, .md or .pdf (.doc)"] == 1);
  CHECK(s.skipped_reasons["not text: NUL byte at offset 8 (binary file, or UTF-16 without a byte order mark)"] == 1);
  REQUIRE(s.problems.size() == 4);
  bool found_missing = false;
  for (const auto& p : s.problems)
    if (p.kind == "failed") {
      CHECK(p.path == dir.file("bestaat-niet"));
      CHECK(p.reason == "no such file or folder");
      found_missing = true;
    }
  CHECK(found_missing);
  CHECK(scalar(*db, "SELECT replaced_chars FROM documents d JOIN sources s ON s.document_id = d.id WHERE s.path LIKE '%kapot.txt'") == 2);
  CHECK(scalar(*db, "SELECT count(*) FROM ingest_problems WHERE run_id = " + std::to_string(s.run_id)) == 4);
}

TEST_CASE("ingest: a file that vanishes or turns into a folder mid-run fails alone") {
  TempDir dir;
  dir.write("in/a.txt", kReportA);
  std::string gone = dir.write("in/b.txt", "verdwijnt\n");
  std::string odd = dir.write("in/c.txt", "wordt een map\n");
  dir.write("in/d.txt", kReportB);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  IngestOptions opts;
  opts.before_read = [&](const std::string& p) {
    std::error_code ec;
    if (p == gone) std::filesystem::remove(p, ec);
    if (p == odd) { std::filesystem::remove(p, ec); std::filesystem::create_directory(p, ec); }
  };
  IngestSummary s = run(*db, {dir.path() + "/in"}, opts);
  CHECK(s.added == 2);
  CHECK(s.failed == 2);
  std::map<std::string, std::string> why;
  for (const auto& p : s.problems) why[p.path] = p.reason;
  CHECK(why[gone] == "vanished during the run (no such file)");
  CHECK(why[odd] == "is a directory");
}

TEST_CASE("ingest: a full database stops the run and keeps what was stored") {
  TempDir dir;
  // Ten documents of about 200 kB each; the database may hold about 1 MB.
  std::string big;
  for (int i = 0; big.size() < 200'000; ++i) big += "Alinea " + std::to_string(i) + " over de klantmanager en de bejegening.\n\n";
  for (int i = 0; i < 10; ++i) dir.write("in/r" + std::to_string(i) + ".txt", std::to_string(i) + big);
  OpenOptions small;
  small.page_size = 4096;
  small.max_page_count = 300;  // 300 pages of 4 kB
  auto db = Database::open(dir.file("o.db"), small);
  REQUIRE(db.ok());
  IngestSummary s = run(*db, {dir.path() + "/in"}, IngestOptions{.jobs = 1});
  REQUIRE(s.fatal.has_value());
  CHECK(s.fatal->code == Errc::db_full);
  CHECK(s.failed >= 1);
  CHECK(s.added + s.failed <= 10);
  // What was counted as stored is stored, whole, and the database is sound.
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == static_cast<std::int64_t>(s.added));
  CHECK(text_of(*db, "PRAGMA integrity_check") == "ok");
  check_fts(*db);
  auto ids = db->prepare("SELECT id FROM documents");
  REQUIRE(ids.ok());
  while (*ids->step()) {
    auto t = load_texts(*db, ids->int64(0));
    REQUIRE(t.ok());
    CHECK(t->raw.size() == big.size() + 1);
  }
}

TEST_CASE("ingest: an interrupted run keeps the documents before the interruption") {
  TempDir dir;
  for (int i = 0; i < 6; ++i) dir.write("in/r" + std::to_string(i) + ".txt", "Rapport " + std::to_string(i) + "\n");
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  std::atomic<bool> cancel{false};
  IngestOptions opts;
  opts.jobs = 1;
  opts.cancel = &cancel;
  opts.on_progress = [&](const IngestProgress& p) {
    if (p.files_done >= 2) cancel = true;
  };
  IngestSummary s = run(*db, {dir.path() + "/in"}, opts);
  CHECK(s.interrupted);
  CHECK(s.added >= 2);
  CHECK(s.added < 6);
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == static_cast<std::int64_t>(s.added));
  IngestSummary rest = run(*db, {dir.path() + "/in"});
  CHECK(rest.added == 6 - s.added);
  CHECK(rest.unchanged == s.added);
}

TEST_CASE("ingest: the summary is JSON with every count") {
  TempDir dir;
  dir.write("in/a.txt", kReportA);
  dir.write("in/b.doc", "Word");
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  IngestSummary s = run(*db, {dir.path() + "/in"});
  std::string j = s.to_json();
  for (const char* key : {"\"added\":1", "\"replaced\":0", "\"unchanged\":0", "\"duplicates\":0", "\"skipped\":1",
                          "\"failed\":0", "\"mb_per_s\"", "\"problems\""})
    CHECK(j.find(key) != std::string::npos);
}

TEST_CASE("ingest: a text over the parts limit is normalised in parts; texts round-trip, passages tile") {
  TempDir dir;
  std::string big;
  int para = 0;
  while (big.size() < kSmallParts.above + 1'000'000) {
    big += "De cli\xC3\xABnte belt de klantmanager over de a\xEF\xAC\x81" "andeling van alinea " + std::to_string(para++) +
           ", maar niemand neemt op.\nZij probeert het de volgende dag opnieuw.\n\n";
    if (para % 40 == 0) big += "\f";
  }
  std::string path = dir.write("groot.txt", big);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  IngestSummary s = run(*db, {path}, {}, kSmallParts);
  REQUIRE(s.added == 1);
  std::int64_t id = scalar(*db, "SELECT id FROM documents");
  auto t = load_texts(*db, id);
  REQUIRE(t.ok());
  CHECK(t->raw == big);
  CHECK(t->norm.find("\xEF\xAC\x81") == std::string::npos);  // the ligature spelled out in every chunk
  CHECK(t->norm.find("afiandeling van alinea 12345, maar niemand neemt op. Zij probeert") != std::string::npos);
  // Passages tile the normalised text, in order, with growing pages.
  CHECK(scalar(*db, "SELECT sum(length(CAST(body AS BLOB))) FROM passages") == static_cast<std::int64_t>(t->norm.size()));
  CHECK(scalar(*db, "SELECT count(*) FROM passages p JOIN passages q ON q.document_id = p.document_id AND "
                    "q.ordinal = p.ordinal + 1 WHERE q.start != p.end") == 0);
  std::string_view upto_text(big.data(), big.find_last_not_of("\n\f ") + 1);  // a trailing empty page has no passage
  CHECK(scalar(*db, "SELECT max(page) FROM passages") ==
        static_cast<std::int64_t>(std::count(upto_text.begin(), upto_text.end(), '\f')) + 1);
  CHECK(scalar(*db, "SELECT count(*) FROM passages p JOIN passages q ON q.ordinal = p.ordinal + 1 WHERE q.page < p.page") == 0);
  check_fts(*db);
}

namespace {

// Every year of corpus/ glued together, over and over, past the parts limit:
// cases, tags and OCR damage spread over many parts.
std::string big_corpus_text() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_dir() + "/corpus"))
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) {
    auto t = read_file(f);
    REQUIRE(t.ok());
    all += *t;
    all += "\n\n";
  }
  std::string big;
  while (big.size() <= kSmallParts.above + 600'000) big += all;
  return big;
}

// The index of the first item whose fields differ, or -1 (one assertion for a
// list of a million tags, not a million).
template <class T, class F>
long first_difference(const std::vector<T>& a, const std::vector<T>& b, F fields) {
  if (a.size() != b.size()) return static_cast<long>(std::min(a.size(), b.size()));
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fields(a[i]) != fields(b[i])) return static_cast<long>(i);
  return -1;
}

}  // namespace

TEST_CASE("ingest: a large file analysed as it is read is the record analyze() makes in memory") {
  TempDir dir;
  const std::string big = big_corpus_text();
  std::string path = dir.write("groot.txt", big);
  auto an = Analyzer::create(test::source_dir() + "/dictionaries", kSmallParts);
  REQUIRE(an.ok());
  const Analyzer& rules = **an;
  DocumentRecord mem;
  mem.raw = big;
  rules.analyze(mem);

  DocumentRecord file;
  file.raw_file = path;
  file.byte_size = big.size();
  file.content_hash = content_hash(big);
  REQUIRE(rules.analyze_file(file).ok());

  CHECK(file.raw.empty());
  REQUIRE(file.norm);
  CHECK(*file.norm == mem.text());
  CHECK(mem.cases.size() > 100);
  CHECK(file.facts.title == mem.facts.title);
  CHECK(file.facts.doctype == mem.facts.doctype);
  CHECK(file.facts.year == mem.facts.year);
  CHECK(file.tags.size() == mem.tags.size());
  CHECK(first_difference(mem.pages, file.pages, [](const Page& p) { return std::tuple(p.number, p.start, p.end); }) == -1);
  CHECK(first_difference(mem.passages, file.passages, [](const Passage& p) {
    return std::tuple(static_cast<int>(p.kind), p.start, p.end, p.src_start, p.src_end, p.page, p.line, p.heading, p.case_index);
  }) == -1);
  CHECK(first_difference(mem.cases, file.cases, [](const Case& c) {
    return std::tuple(c.zaaknummer, c.title, c.afdeling, c.status, c.oordeel, c.themes, c.start, c.end);
  }) == -1);
  CHECK(first_difference(mem.tags, file.tags, [](const Tag& t) {
    return std::tuple(t.type, t.value, t.start, t.end, t.rule, t.case_index, t.detail);
  }) == -1);
}

TEST_CASE("ingest: a large file that no longer has its hash is not analysed") {
  TempDir dir;
  std::string path = dir.write("groot.txt", std::string(Analyzer::Parts{}.above + 10, 'a'));
  DocumentRecord rec;
  rec.raw_file = path;
  rec.content_hash = content_hash("something else");
  Status s = with_rules()->analyze_file(rec);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == Errc::changed);
  CHECK(s.error().message == "changed while it was being read");
  rec.raw_file = dir.file("weg.txt");
  s = with_rules()->analyze_file(rec);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == Errc::changed);
}

TEST_CASE("ingest: a large file that changes between analysis and storing is not stored, the rest is") {
  TempDir dir;
  std::string big;
  while (big.size() <= kSmallParts.above + 1000) big += "De cliénte belt de klantmanager.\n\n";
  std::string path = dir.write("groot.txt", big);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  auto an = Analyzer::create("", kSmallParts);
  REQUIRE(an.ok());
  DocumentRecord rec;
  rec.path = path;
  rec.raw_file = path;
  rec.byte_size = big.size();
  rec.content_hash = content_hash(big);
  REQUIRE((*an)->analyze_file(rec).ok());
  dir.write("groot.txt", big + "erbij\n");
  auto w = Writer::create(*db);
  REQUIRE(w.ok());
  auto out = w->put(rec);
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().code == Errc::changed);
  CHECK(out.error().message == "changed while it was being stored");
  CHECK(scalar(*db, "SELECT count(*) FROM documents") == 0);
  CHECK(scalar(*db, "SELECT count(*) FROM passages") == 0);
  CHECK(scalar(*db, "SELECT count(*) FROM document_raw") == 0);
  // Ingested now, it is stored whole, its source in the same bytes.
  IngestSummary s = run(*db, {path}, {}, kSmallParts);
  CHECK(s.added == 1);
  auto t = load_texts(*db, scalar(*db, "SELECT id FROM documents"));
  REQUIRE(t.ok());
  CHECK(t->raw == big + "erbij\n");
}

TEST_CASE("ingest: large files with a BOM, with damage, or in Windows-1252 keep their text") {
  TempDir dir;
  std::string body, cp;  // the same text in UTF-8 and in Windows-1252
  while (body.size() <= kSmallParts.above + 1000) {
    body += "De cliënte belt de klantmanager.\n\n";
    cp += "De cli\xEBnte belt de klantmanager.\n\n";
  }
  std::string bom = dir.write("bom.txt", "\xEF\xBB\xBF" + body);
  std::string bad = dir.write("kapot.txt", body + "Een kapotte \xC3 byte.\n");
  std::string latin = dir.write("latin.txt", cp);
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  IngestSummary s = run(*db, {bom, bad, latin}, {}, kSmallParts);
  CHECK(s.added == 3);
  CHECK(s.failed == 0);
  auto row = [&](const std::string& p) {
    auto st = db->prepare("SELECT d.encoding, d.replaced_chars, d.id FROM documents d JOIN sources s ON s.document_id = d.id WHERE s.path = ?1");
    REQUIRE(st.ok());
    st->bind(1, p);
    auto r = st->step();
    REQUIRE(r.ok());
    REQUIRE(*r);
    return std::tuple(st->text(0), st->int64(1), st->int64(2));
  };
  CHECK(std::get<0>(row(bom)) == "UTF-8 (BOM)");
  CHECK(std::get<0>(row(bad)) == "UTF-8");
  CHECK(std::get<1>(row(bad)) == 1);
  CHECK(std::get<0>(row(latin)) == "ISO-8859-1");  // ICU's detector names it; decoded as windows-1252
  for (const std::string& p : {bom, latin}) {
    auto t = load_texts(*db, std::get<2>(row(p)));
    REQUIRE(t.ok());
    CHECK(t->raw == body);
  }
}

TEST_CASE("ingest: terms made ahead replay what the tokenizer gives; terms made with other word lists are not used") {
  auto lx = std::make_shared<SearchLexicon>();
  lx->compounds = {"communicatie", "klacht"};
  Tokenizer tok(lx);
  const std::string text = "De communicatieproblemen rond 2023/0456 en re-integratie: cliënte klaagt (klachtafhandeling).";
  TokenRun run;
  tok.tokenize_into(text, run);
  std::string made, direct;
  std::uint32_t from = 0;
  for (const TokenRun::Token& k : run.tokens) {
    made += run.terms.substr(from, k.term_end - from) + "@" + std::to_string(k.start) + "-" + std::to_string(k.end) +
            (k.colocated ? "+ " : " ");
    from = k.term_end;
  }
  tok.tokenize(text, Tokenizer::Mode::document, [&](std::string_view t, std::size_t s, std::size_t e, bool col) {
    direct += std::string(t) + "@" + std::to_string(s) + "-" + std::to_string(e) + (col ? "+ " : " ");
    return true;
  });
  CHECK(made == direct);
  CHECK(run.lexicon == lx.get());
  CHECK(made.find("communicatie@3-24+ ") != std::string::npos);

  // A record whose terms were made with other word lists: the writer's
  // tokenizer makes them itself, and the index agrees with the text.
  TempDir dir;
  auto db = Database::open(dir.file("o.db"));
  REQUIRE(db.ok());
  DocumentRecord rec;
  rec.path = dir.file("a.txt");
  rec.content_hash = content_hash(text);
  rec.byte_size = text.size();
  rec.raw = text;
  rec.passages.push_back(Passage{PassageKind::paragraph, 0, text.size(), 0, text.size(), 1, 1, "", -1});
  REQUIRE(db->search_lexicon().compounds.empty());  // a new database: no compounds
  Tokenizer wrong(lx);  // splits communicatieproblemen, as this index does not
  rec.passage_terms.resize(2);
  wrong.tokenize_into("", rec.passage_terms[0]);
  wrong.tokenize_into(text, rec.passage_terms[1]);
  auto w = Writer::create(*db);
  REQUIRE(w.ok());
  REQUIRE(w->put(rec).ok());
  check_fts(*db);
  CHECK(scalar(*db, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'communicatie'") == 0);
  CHECK(scalar(*db, "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'communicatieproblem'") == 1);
}
