// store/read.h: the reader's one lookup of a case by zaaknummer, and the
// three places that use it (`ombudsmine show`, the web's /case/ page,
// similar()) agreeing on the case; a document's facts, sources, tags, cases
// and pages, the row counts and the last ingest run as the reader gives them,
// and the web's status page showing them.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "cli/cli.h"
#include "dbutil.h"
#include "ingest/ingest.h"
#include "search/similar.h"
#include "store/db.h"
#include "store/read.h"
#include "store/counts.h"
#include "testutil.h"
#include "web/web.h"

using namespace omb;

namespace {

// Three reports that share the report number RA1402218 (stored in upper
// case, as the extraction rules write it). Walked in name order, so the
// newest report (2023) is stored first and the undated one last: ordering by
// id alone would pick the undated one.
const char* const kReport =
    "De Nationale Ombudsman\n\nRapport\n\n%s\n\nRapportnummer: RA1402218\n%s\n"
    "Verzoeker klaagt dat %s\n\nConclusie\n\nDe klacht is gegrond.\n";

std::string report(const char* title, const char* date, const char* complaint) {
  char buf[1024];
  std::snprintf(buf, sizeof buf, kReport, title, date, complaint);
  return buf;
}

test::TempDir& dir() {
  static test::TempDir d;
  return d;
}

Database& db() {
  static Database d = [] {
    dir().write("in/a-rapport-2023.txt",
                report("Over de afhandeling van een bezwaar tegen de WOZ-waarde door de afdeling Belastingen.",
                       "Datum: 12 april 2023\n", "de gemeente zijn bezwaar pas na veertien maanden beslist heeft."));
    dir().write("in/b-rapport-2021.txt",
                report("Over de behandelingsduur van een bezwaar door de afdeling Belastingen.", "Datum: 9 maart 2021\n",
                       "hij na een jaar nog geen beslissing op zijn bezwaar had."));
    dir().write("in/c-rapport-zonder-datum.txt",
                report("Over een bezwaar dat bleef liggen bij de afdeling Belastingen.", "",
                       "niemand hem vertelde hoe ver zijn bezwaar was."));
    // The same bytes at a second path: one document, two sources.
    dir().write("in/kopie/a-rapport-2023.txt",
                report("Over de afhandeling van een bezwaar tegen de WOZ-waarde door de afdeling Belastingen.",
                       "Datum: 12 april 2023\n", "de gemeente zijn bezwaar pas na veertien maanden beslist heeft."));
    dir().write("in/scan.doc", "%PDF-1.4");  // skipped: a problem of the run
    auto r = Database::open(dir().file("read.db"));
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    IngestOptions o;
    o.jobs = 2;
    auto s = ingest(*r, {test::source_dir() + "/tests/fixtures/search", dir().file("in")}, test::with_rules(), o);
    if (!s.ok() || s->failed) throw std::runtime_error("ingest failed");
    return std::move(*r);
  }();
  return d;
}

std::int64_t doc_of(const std::string& file) {
  return test::scalar(db(), "SELECT document_id FROM sources WHERE path LIKE '%/" + file + "'");
}

// `ombudsmine show ZAAK` on the test database, as the program runs it: its
// exit code and what it printed on stdout.
std::pair<int, std::string> cli_show(const std::string& zaak) {
  db();
  const std::string out_path = dir().file("show.out");
  std::vector<std::string> args = {"ombudsmine", "--db", dir().file("read.db"), "show", zaak};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  const int saved = ::dup(STDOUT_FILENO);
  const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(saved >= 0);
  REQUIRE(fd >= 0);
  ::dup2(fd, STDOUT_FILENO);
  ::close(fd);
  const int rc = cli::run(static_cast<int>(args.size()), argv.data());
  std::fflush(stdout);
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  std::ifstream f(out_path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return {rc, ss.str()};
}

}  // namespace

TEST_CASE("read: show ra1402218 finds the case but /case/ra1402218 was a 404 (#16)", "[read][web]") {
  const std::int64_t newest = doc_of("a-rapport-2023.txt");
  const std::int64_t want_case =
      test::scalar(db(), "SELECT id FROM cases WHERE document_id = " + std::to_string(newest));
  REQUIRE(test::scalar(db(), "SELECT count(*) FROM cases WHERE zaaknummer = 'RA1402218'") == 3);

  for (const std::string zaak : {"RA1402218", "ra1402218", "Ra1402218", "rA1402218"}) {
    INFO("zaak " << zaak);
    // The reader.
    auto c = case_by_zaak(db(), zaak);
    REQUIRE(c.ok());
    REQUIRE(c->has_value());
    CHECK((*c)->id == want_case);
    CHECK((*c)->document_id == newest);
    CHECK((*c)->zaaknummer == "RA1402218");
    CHECK((*c)->year == 2023);

    // The CLI's show.
    auto [rc, out] = cli_show(zaak);
    CHECK(rc == 0);
    CHECK(out.find("(doc:" + std::to_string(newest) + ")\n") != std::string::npos);
    CHECK(out.find("\nzaak RA1402218 – ") != std::string::npos);

    // The web's case page.
    auto page = web::handle(db(), web::Request{"/case/" + zaak, {}});
    CHECK(page.status == 200);
    CHECK(page.body.find("<h1>zaak RA1402218 – ") != std::string::npos);
    CHECK(page.body.find("In <a href=\"/doc/" + std::to_string(newest) + "\">") != std::string::npos);

    // Similar cases: of the same case, and neither other report with its number.
    SimilarOptions so;
    so.zaak = zaak;
    auto sim = similar(db(), so);
    REQUIRE(sim.ok());
    CHECK(sim->of.case_id == want_case);
    CHECK(sim->of.document_id == newest);
    CHECK(sim->of.zaaknummer == "RA1402218");
    for (const auto& h : sim->result.hits) CHECK(h.zaaknummer != "RA1402218");
  }
}

TEST_CASE("read: two reports with one zaaknummer: the newest, undated last", "[read]") {
  // Without the 2023 report the 2021 one comes first, though the undated
  // report was stored after it.
  const std::int64_t y2021 = doc_of("b-rapport-2021.txt"), undated = doc_of("c-rapport-zonder-datum.txt");
  CHECK(test::scalar(db(), "SELECT year FROM documents WHERE id = " + std::to_string(y2021)) == 2021);
  CHECK(test::scalar(db(), "SELECT year IS NULL FROM documents WHERE id = " + std::to_string(undated)) == 1);
  CHECK(undated > y2021);
  REQUIRE(db().exec("SAVEPOINT drop_newest").ok());
  REQUIRE(db().exec("DELETE FROM cases WHERE document_id = " + std::to_string(doc_of("a-rapport-2023.txt"))).ok());
  auto c = case_by_zaak(db(), "ra1402218");
  REQUIRE(c.ok());
  REQUIRE(c->has_value());
  CHECK((*c)->document_id == y2021);
  // And with only the undated one left, it is found.
  REQUIRE(db().exec("DELETE FROM cases WHERE document_id = " + std::to_string(y2021)).ok());
  c = case_by_zaak(db(), "RA1402218");
  REQUIRE(c.ok());
  REQUIRE(c->has_value());
  CHECK((*c)->document_id == undated);
  REQUIRE(db().exec("ROLLBACK TO drop_newest; RELEASE drop_newest").ok());
  CHECK(test::scalar(db(), "SELECT count(*) FROM cases WHERE zaaknummer = 'RA1402218'") == 3);
}

TEST_CASE("read: no case with that zaaknummer is an answer, not an error", "[read][web]") {
  auto c = case_by_zaak(db(), "RA1402219");
  REQUIRE(c.ok());
  CHECK(!c->has_value());
  CHECK(web::handle(db(), web::Request{"/case/RA1402219", {}}).status == 404);
  SimilarOptions so;
  so.zaak = "ra1402219";
  auto sim = similar(db(), so);
  REQUIRE(!sim.ok());
  CHECK(sim.error().code == Errc::not_found);
  auto [rc, out] = cli_show("ra1402219");
  CHECK(rc == 1);
  CHECK(out.empty());
  // Only ASCII case is folded: nothing else about the number is changed.
  CHECK(!case_by_zaak(db(), " RA1402218")->has_value());
  CHECK(!case_by_zaak(db(), "RA 1402218")->has_value());
  CHECK(same_zaak("ra1402218", "RA1402218"));
  CHECK(!same_zaak("ra1402218", "RA1402219"));
}

TEST_CASE("read: a document's facts, sources, cases, tags and pages", "[read]") {
  const std::int64_t q = doc_of("kwartaalrapportage-2023-q1-havenstad.txt");
  auto d = document_by_id(db(), q);
  REQUIRE(d.ok());
  REQUIRE(d->has_value());
  CHECK((*d)->id == q);
  CHECK((*d)->title == "Kwartaalrapportage eerste kwartaal 2023");
  CHECK((*d)->doctype == "kwartaalrapportage");
  CHECK((*d)->organisation == "Ombudsman Havenstad");
  CHECK((*d)->year == 2023);
  CHECK((*d)->quarter == 1);
  CHECK((*d)->period == "2023-Q1");
  CHECK((*d)->when() == "2023 Q1");
  CHECK((*d)->date == "");
  CHECK((*d)->page_count == 1);
  // A single-case report covers no period: its year is its date's.
  auto r = document_by_id(db(), doc_of("a-rapport-2023.txt"));
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  CHECK((*r)->period == "");
  CHECK((*r)->when() == std::to_string((*r)->year.value_or(0)));
  auto none = document_by_id(db(), 999999);
  REQUIRE(none.ok());
  CHECK(!none->has_value());

  // Its cases in the report's order, each with the report's facts.
  auto cs = cases_in(db(), q);
  REQUIRE(cs.ok());
  REQUIRE(cs->size() == 3);
  CHECK((*cs)[0].zaaknummer == "811");
  CHECK((*cs)[0].title == "Geen excuses");
  CHECK((*cs)[0].afdeling == "Inkomen");
  CHECK((*cs)[0].status == "gesloten");
  CHECK((*cs)[0].oordeel == "gegrond");
  CHECK((*cs)[0].themes == std::vector<std::string>{"bejegening"});
  CHECK((*cs)[0].start == 214);
  CHECK((*cs)[0].end == 378);
  CHECK((*cs)[0].first_page == 1);
  CHECK((*cs)[1].zaaknummer == "812");
  // #18: a reclaim or a fine is financiële gevolgen; handhaving is enforcement.
  // A fine "zonder uitleg" (the case's title) is also communicatie.
  CHECK((*cs)[1].themes ==
        std::vector<std::string>{"afhandelingsduur", "communicatie", "financiële gevolgen", "klachtbehandeling"});
  CHECK((*cs)[2].zaaknummer == "813");
  CHECK((*cs)[2].afdeling == "Belastingen");
  for (const auto& c : *cs) {
    CHECK(c.document_id == q);
    CHECK(c.report_title == "Kwartaalrapportage eerste kwartaal 2023");
    CHECK(c.year == 2023);
    CHECK(c.quarter == 1);
  }
  // The case by its number is the same row.
  auto z = case_by_zaak(db(), "812");
  REQUIRE(z.ok());
  REQUIRE(z->has_value());
  CHECK((*z)->id == (*cs)[1].id);

  // Sources: both paths of the copied report, in byte order; a path names it
  // whole or by its end after a "/".
  const std::int64_t a = doc_of("in/a-rapport-2023.txt");
  auto paths = source_paths(db(), a);
  REQUIRE(paths.ok());
  CHECK(*paths == std::vector<std::string>{dir().file("in/a-rapport-2023.txt"), dir().file("in/kopie/a-rapport-2023.txt")});
  for (const std::string& p : {dir().file("in/kopie/a-rapport-2023.txt"), std::string("kopie/a-rapport-2023.txt"),
                              std::string("a-rapport-2023.txt")}) {
    auto by = document_by_path(db(), p);
    REQUIRE(by.ok());
    CHECK(*by == std::optional<std::int64_t>(a));
  }
  auto nopath = document_by_path(db(), "rapport-2023.txt");  // not a whole file name
  REQUIRE(nopath.ok());
  CHECK(!nopath->has_value());

  // Tags: all of them, or those within a range, by start and longest first.
  auto all = tags_in(db(), a);
  REQUIRE(all.ok());
  CHECK(static_cast<std::int64_t>(all->size()) ==
        test::scalar(db(), "SELECT count(*) FROM tags WHERE document_id = " + std::to_string(a)));
  for (std::size_t i = 1; i < all->size(); ++i) {
    const auto& p = (*all)[i - 1];
    const auto& t = (*all)[i];
    CHECK((p.start < t.start || (p.start == t.start && p.end >= t.end)));
  }
  auto zaak = std::find_if(all->begin(), all->end(), [](const TagRow& t) { return t.type == "zaaknummer"; });
  REQUIRE(zaak != all->end());
  CHECK(zaak->value == "RA1402218");
  CHECK(zaak->rule == "zaaknummer.report-ra");
  auto just = tags_in(db(), a, zaak->start, zaak->end);
  REQUIRE(just.ok());
  REQUIRE(just->size() == 1);
  CHECK((*just)[0].value == "RA1402218");

  // The page and line of a place in the text.
  auto pl = page_at(db(), q, (*cs)[0].start);
  REQUIRE(pl.ok());
  REQUIRE(pl->has_value());
  CHECK((*pl)->page == 1);
  CHECK((*pl)->line == test::scalar(db(), "SELECT line FROM passages WHERE document_id = " + std::to_string(q) +
                                              " AND start <= 214 ORDER BY start DESC LIMIT 1"));
  auto nopage = page_at(db(), 999999, 0);
  REQUIRE(nopage.ok());
  CHECK(!nopage->has_value());
}

TEST_CASE("read: the row counts and the last ingest run, as the status page shows them", "[read][web]") {
  auto n = count_rows(db());
  REQUIRE(n.ok());
  CHECK(n->documents == 5);  // two fixtures, three reports (the copy is a second source)
  CHECK(n->sources == 6);
  CHECK(n->cases == 7);      // 811, 812, 813, 2023/0456 and RA1402218 three times
  CHECK(n->tags == test::scalar(db(), "SELECT count(*) FROM tags"));
  CHECK(n->tags > 0);
  CHECK(n->first_year == 2021);
  CHECK(n->last_year == 2023);
  auto st = collect_counts(db());
  REQUIRE(st.ok());
  CHECK(st->documents == n->documents);
  CHECK(st->sources == n->sources);
  CHECK(st->cases == n->cases);
  CHECK(st->tags == n->tags);

  auto run = last_ingest_run(db());
  REQUIRE(run.ok());
  REQUIRE(run->has_value());
  CHECK((*run)->id == test::scalar(db(), "SELECT max(id) FROM ingest_runs"));
  CHECK(!(*run)->started_at.empty());
  CHECK(!(*run)->finished_at.empty());
  CHECK((*run)->summary.find("\"skipped\":1") != std::string::npos);
  auto problems = ingest_problems(db(), (*run)->id);
  REQUIRE(problems.ok());
  REQUIRE(problems->size() == 1);
  CHECK((*problems)[0].path == dir().file("in/scan.doc"));
  CHECK((*problems)[0].kind == "skipped");
  CHECK((*problems)[0].reason == "not .txt, .md or .pdf (.doc)");
  auto none = ingest_problems(db(), (*run)->id + 1);
  REQUIRE(none.ok());
  CHECK(none->empty());

  auto page = web::handle(db(), web::Request{"/status", {}});
  CHECK(page.status == 200);
  CHECK(page.body.find("data-stat=\"documenten\">5<") != std::string::npos);
  CHECK(page.body.find("data-stat=\"bronbestanden\">6<") != std::string::npos);
  CHECK(page.body.find("data-stat=\"zaken\">7<") != std::string::npos);
  CHECK(page.body.find("data-stat=\"tags\">" + std::to_string(n->tags) + "<") != std::string::npos);
  CHECK(page.body.find("data-stat=\"jaren\">2021–2023<") != std::string::npos);
  CHECK(page.body.find(", klaar " + (*run)->finished_at + "</p>") != std::string::npos);
  CHECK(page.body.find("<td class=\"src\">" + dir().file("in/scan.doc") + "</td><td>skipped</td><td>not .txt, .md or .pdf (.doc)</td>") !=
        std::string::npos);
}

TEST_CASE("read: an empty database has no years and no ingest run", "[read]") {
  test::TempDir d;
  auto e = Database::open(d.file("empty.db"));
  REQUIRE(e.ok());
  auto n = count_rows(*e);
  REQUIRE(n.ok());
  CHECK(n->documents == 0);
  CHECK(n->sources == 0);
  CHECK(n->cases == 0);
  CHECK(n->tags == 0);
  CHECK(!n->first_year);
  CHECK(!n->last_year);
  auto run = last_ingest_run(*e);
  REQUIRE(run.ok());
  CHECK(!run->has_value());
  auto page = web::handle(*e, web::Request{"/status", {}});
  CHECK(page.status == 200);
  CHECK(page.body.find("data-stat=\"jaren\">-<") != std::string::npos);
  CHECK(page.body.find("Laatste ingest") == std::string::npos);
  auto c = case_by_zaak(*e, "406");
  REQUIRE(c.ok());
  CHECK(!c->has_value());
}

TEST_CASE("read: a case's text and the index's counts for tf-idf", "[read][similar]") {
  const std::int64_t q = doc_of("kwartaalrapportage-2023-q1-havenstad.txt");
  auto cs = cases_in(db(), q);
  REQUIRE(cs.ok());
  REQUIRE(cs->size() == 3);
  const std::int64_t c811 = (*cs)[0].id;
  // The passages' bodies in order, each with a newline.
  std::string want;
  auto st = db().prepare("SELECT body FROM passages WHERE case_id = ?1 ORDER BY ordinal");
  REQUIRE(st.ok());
  st->bind(1, c811);
  std::vector<std::string> bodies;
  while (*st->step()) bodies.push_back(st->text(0)), want += bodies.back() + "\n";
  REQUIRE(bodies.size() >= 1);
  auto text = case_text(db(), c811, 1 << 20);
  REQUIRE(text.ok());
  CHECK(*text == want);
  CHECK(text->find("Geen excuses") != std::string::npos);
  // A limit stops after the passage that crosses it.
  auto one = case_text(db(), c811, 1);
  REQUIRE(one.ok());
  CHECK(*one == bodies[0] + "\n");
  auto no_case = case_text(db(), 999999, 1 << 20);
  REQUIRE(no_case.ok());
  CHECK(no_case->empty());

  auto n = passage_count(db());
  REQUIRE(n.ok());
  CHECK(*n == test::scalar(db(), "SELECT count(*) FROM passages"));
  // Index terms: "bezwaar" is in the three RA1402218 reports, each one
  // passage or more; a word in no passage counts 0.
  auto df = passages_with(db(), {"bezwar", "qqqzzz", ""});
  REQUIRE(df.ok());
  REQUIRE(df->size() == 3);
  CHECK((*df)[1] == 0);
  CHECK((*df)[2] == 0);
  auto fts = db().prepare("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'bezwaar'");
  REQUIRE(fts.ok());
  REQUIRE(*fts->step());
  CHECK((*df)[0] == fts->int64(0));
  CHECK((*df)[0] >= 3);
}
