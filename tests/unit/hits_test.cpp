// store/hits.h: the reads a search makes, each fact and comparison in SQL.
#include <catch2/catch.hpp>

#include "ingest/ingest.h"
#include "store/hits.h"
#include "dbutil.h"

using namespace omb;
using omb::test::scalar;
using omb::test::TempDir;
using omb::test::text_of;
using omb::test::with_rules;

namespace {

const std::string kQuarterly =
    "Kwartaalrapportage eerste kwartaal 2016\n\n2.1. Communicatie\nDe klantmanager reageerde niet.\n\n"
    "\f6.1. Koers naar Werk\n406 – Geen beleid\nEen man klaagt over de klachtafhandeling.\n";
const std::string kReport = "Rapport\n\nDe dienst heeft in strijd met het vereiste van correcte bejegening gehandeld.\n";

struct Fixture {
  TempDir dir;
  Database db;
  Fixture() : db(open()) {}
  Database open() {
    dir.write("a.txt", kQuarterly);
    dir.write("b.txt", kReport);
    auto d = Database::open(dir.file("h.db"));
    REQUIRE(d.ok());
    IngestOptions o;
    o.jobs = 1;
    auto s = ingest(*d, {dir.file("a.txt"), dir.file("b.txt")}, with_rules(), o);
    REQUIRE(s.ok());
    REQUIRE(s->added == 2);
    return std::move(*d);
  }
  // The passage ids of `q`'s rows.
  std::vector<std::int64_t> rows(const HitQuery& q) {
    std::vector<std::int64_t> out;
    REQUIRE(hit_rows(db, q, [&](const HitRow& r) { out.push_back(r.passage_id); }).ok());
    return out;
  }
  std::vector<std::int64_t> cases_where(FilterClause c) {
    HitQuery q;
    q.source = HitQuery::Source::cases;
    q.filters = {std::move(c)};
    return rows(q);
  }
};

FilterClause text(Field f, Compare c, std::string v) { return FilterClause{f, c, {}, {std::move(v)}}; }
FilterClause number(Field f, Compare c, std::int64_t v) { return FilterClause{f, c, {v}, {}}; }

}  // namespace

TEST_CASE("hits: each fact and comparison narrows the cases as written", "[hits]") {
  Fixture fx;
  REQUIRE(scalar(fx.db, "SELECT count(*) FROM cases") == 1);
  const std::int64_t first = scalar(fx.db, "SELECT min(p.id) FROM passages p JOIN cases c ON c.id = p.case_id");
  const std::vector<std::int64_t> one{first}, none{};
  const std::string afdeling = text_of(fx.db, "SELECT afdeling FROM cases");
  const std::string org = text_of(fx.db, "SELECT d.organisation FROM documents d JOIN cases c ON c.document_id = d.id");

  CHECK(fx.cases_where(number(Field::doc_year, Compare::equal, 2016)) == one);
  CHECK(fx.cases_where(number(Field::doc_year, Compare::equal, 2017)) == none);
  CHECK(fx.cases_where(number(Field::doc_year, Compare::at_least, 2016)) == one);
  CHECK(fx.cases_where(number(Field::doc_year, Compare::at_least, 2017)) == none);
  CHECK(fx.cases_where(number(Field::doc_year, Compare::at_most, 2015)) == none);
  CHECK(fx.cases_where(number(Field::doc_quarter, Compare::equal, 1)) == one);
  CHECK(fx.cases_where(text(Field::doc_doctype, Compare::equal, "kwartaalrapportage")) == one);
  CHECK(fx.cases_where(text(Field::doc_doctype, Compare::equal, "KWARTAALRAPPORTAGE")) == none);  // byte for byte
  CHECK(fx.cases_where(text(Field::case_zaaknummer, Compare::equal_nocase, "406")) == one);
  CHECK(fx.cases_where(text(Field::case_zaaknummer, Compare::equal_nocase, "407")) == none);
  REQUIRE_FALSE(afdeling.empty());
  std::string upper = afdeling;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(fx.cases_where(text(Field::case_afdeling, Compare::equal_nocase, upper)) == one);
  CHECK(fx.cases_where(text(Field::case_afdeling, Compare::equal, upper)) == none);
  if (!org.empty()) CHECK(fx.cases_where(text(Field::doc_organisation, Compare::contains, org.substr(1))) == one);
  CHECK(fx.cases_where(text(Field::doc_organisation, Compare::contains, "Nergensdam")) == none);
  // Any of several values; all clauses together.
  CHECK(fx.cases_where(FilterClause{Field::case_zaaknummer, Compare::equal_nocase, {}, {"1", "406"}}) == one);
  HitQuery both;
  both.source = HitQuery::Source::cases;
  both.filters = {number(Field::doc_year, Compare::equal, 2016), text(Field::case_zaaknummer, Compare::equal_nocase, "1")};
  CHECK(fx.rows(both).empty());
}

TEST_CASE("hits: reports without cases by their first passage, document filters only", "[hits]") {
  Fixture fx;
  HitQuery q;
  q.source = HitQuery::Source::uncased_reports;
  const std::int64_t b = scalar(fx.db, "SELECT min(p.id) FROM passages p JOIN sources s ON s.document_id = p.document_id "
                                       "WHERE s.path LIKE '%b.txt'");
  CHECK(fx.rows(q) == std::vector<std::int64_t>{b});
  q.filters = {number(Field::doc_year, Compare::equal, 2016)};
  CHECK(fx.rows(q).empty());  // the report has no year
}

TEST_CASE("hits: matches with scores, their owners, and the facts shown", "[hits]") {
  Fixture fx;
  auto m = scored_matches(fx.db, "\"klantmanager\"");
  REQUIRE(m.ok());
  REQUIRE(m->size() == 1);
  CHECK(m->front().second > 0);
  const std::int64_t id = m->front().first;
  PassageOwners owners(fx.db);
  auto o = owners.seek(id);
  REQUIRE(o.ok());
  REQUIRE(*o);
  CHECK((*o)->document_id == scalar(fx.db, "SELECT document_id FROM passages WHERE id = " + std::to_string(id)));
  auto missing = owners.seek(1 << 30);
  REQUIRE(missing.ok());
  CHECK_FALSE(*missing);
  std::vector<std::int64_t> scanned;
  REQUIRE(owners.scan(0, [&](std::int64_t pid, const PassageOwner&) { scanned.push_back(pid); return scanned.size() < 2; }).ok());
  CHECK(scanned.size() == 2);

  HitDetails d(fx.db);
  auto snip = d.snippet("\"klantmanager\"", id);
  REQUIRE(snip.ok());
  CHECK(snip->find(std::string(1, '\x02') + "klantmanager" + std::string(1, '\x03')) != std::string::npos);
  auto doc = d.document((*o)->document_id);
  REQUIRE(doc.ok());
  REQUIRE(*doc);
  CHECK((*doc)->year == 2016);
  auto paths = d.sources((*o)->document_id);
  REQUIRE(paths.ok());
  REQUIRE(paths->size() == 1);
  CHECK(paths->front() == fx.dir.file("a.txt"));
  auto bad = scored_matches(fx.db, "\"unclosed");
  CHECK_FALSE(bad.ok());  // FTS5's own error, for search to word
}
