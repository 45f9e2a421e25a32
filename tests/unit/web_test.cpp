// web/web.h: handle() over a small database — status codes, the same answers
// as the search core, escaping, and no way to name a file from a request.
#include <catch2/catch.hpp>

#include "ingest/ingest.h"
#include "search/query.h"
#include "search/search.h"
#include "store/db.h"
#include "testutil.h"
#include "web/result_cache.h"
#include "web/web.h"

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

using namespace omb;

namespace {

Database& db() {
  static test::TempDir dir;
  static Database d = [] {
    dir.write("in/evil.txt",
              "Kwartaalrapportage eerste kwartaal 2019\n\nDe klager schreef <script>alert('x')</script> en "
              "<img src=x onerror=alert(1)> in zijn brief.\n");
    auto r = Database::open(dir.file("web.db"));
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    auto an = Analyzer::create(test::source_dir() + "/dictionaries");
    if (!an.ok()) throw std::runtime_error(an.error().to_string());
    IngestOptions o;
    o.jobs = 2;
    auto s = ingest(*r, {test::source_dir() + "/tests/fixtures/search", dir.file("in")}, *an, o);
    if (!s.ok() || s->failed) throw std::runtime_error("ingest failed");
    return std::move(*r);
  }();
  return d;
}

web::Response get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
  return web::handle(db(), web::Request{path, std::move(params)});
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = hay.find(needle, at)) != std::string::npos; at += needle.size()) ++n;
  return n;
}

}  // namespace

TEST_CASE("Web: the empty search lists everything with facets", "[web]") {
  auto r = get("/");
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/html; charset=utf-8");
  CHECK(r.body.find("<label for=\"q\">") != std::string::npos);
  CHECK(r.body.find("data-facet=\"year\"") != std::string::npos);
  CHECK(r.body.find("http://") == std::string::npos);  // nothing fetched from elsewhere
  CHECK(r.body.find("https://") == std::string::npos);
}

TEST_CASE("Web: search answers as the core does, and the export has every hit", "[web]") {
  auto p = parse_query("klacht");
  REQUIRE(p.ok());
  SearchOptions so;
  so.query = *p;
  so.limit = 0;
  auto want = search(db(), so);
  REQUIRE(want.ok());
  REQUIRE(want->total > 0);
  auto r = get("/search", {{"q", "klacht"}});
  CHECK(r.status == 200);
  CHECK(r.body.find("data-total=\"" + std::to_string(want->total) + "\"") != std::string::npos);
  CHECK(count(r.body, "<li class=\"hit\"") == std::min<std::size_t>(want->total, 20));
  auto csv = get("/export.csv", {{"q", "klacht"}});
  CHECK(csv.status == 200);
  CHECK(csv.filename == "ombudsmine.csv");
  CHECK(count(csv.body, "\r\n") == want->total + 1);
  auto jl = get("/export.jsonl", {{"q", "klacht"}});
  CHECK(count(jl.body, "\n") == want->total);
}

TEST_CASE("Web: a filter from a facet link narrows; a zaak is searched whole", "[web]") {
  auto all = get("/search", {{"q", "klacht"}});
  auto narrowed = get("/search", {{"q", "klacht"}, {"doctype", "rapport"}});
  auto total = [](const std::string& body) {
    auto at = body.find("data-total=\"");
    return std::stoul(body.substr(at + 12));
  };
  CHECK(total(narrowed.body) < total(all.body));
  CHECK(narrowed.body.find("wissen</a>") != std::string::npos);
  auto z = get("/search", {{"q", "2023/0456"}});
  CHECK(z.status == 200);
  CHECK(z.body.find("data-zaak=\"2023/0456\"") != std::string::npos);
}

TEST_CASE("Web: bad queries are 400 with the CLI's message; unknown pages 404", "[web][errors]") {
  auto r = get("/search", {{"q", "\"unbalanced"}});
  CHECK(r.status == 400);
  CHECK(r.body.find("query: unclosed quote (column 1)") != std::string::npos);
  CHECK(get("/search", {{"q", "AND OR"}}).status == 400);
  CHECK(get("/search", {{"year", "twintig"}}).status == 400);
  CHECK(get("/doc/abc").status == 404);
  CHECK(get("/doc/99999999").status == 404);
  CHECK(get("/doc/").status == 404);
  CHECK(get("/case/bestaat-niet").status == 404);
  CHECK(get("/../../etc/passwd").status == 404);
  CHECK(get("/signals", {{"kind", "spike"}}).status == 400);
  CHECK(get("/signals", {{"from", "2021Q5"}}).status == 400);
}

TEST_CASE("Web: what documents say is escaped everywhere", "[web][security]") {
  auto s = get("/search", {{"q", "klager brief"}});
  REQUIRE(s.status == 200);
  CHECK(s.body.find("<script>alert") == std::string::npos);
  CHECK(s.body.find("<img src=x") == std::string::npos);
  auto at = s.body.find("href=\"/doc/");
  REQUIRE(at != std::string::npos);
  std::string id = s.body.substr(at + 11, s.body.find('"', at + 11) - at - 11);
  auto d = get("/doc/" + id);
  CHECK(d.status == 200);
  CHECK(d.body.find("<script>alert") == std::string::npos);
  CHECK(d.body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(d.body.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  // A query echoed back is escaped too.
  auto q = get("/search", {{"q", "\"><script>alert(2)</script>"}});
  CHECK(q.body.find("<script>alert(2)") == std::string::npos);
}

TEST_CASE("Web: case, signals and status pages", "[web]") {
  auto c = get("/case/2023/0456");
  CHECK(c.status == 200);
  CHECK(c.body.find("class=\"tag tag-") != std::string::npos);
  CHECK(c.body.find("rapport-2023-0456-havenstad.txt") != std::string::npos);
  CHECK(c.body.find("Vergelijkbare zaken") != std::string::npos);
  auto s = get("/signals");
  CHECK(s.status == 200);
  CHECK(s.body.find("<h1>Signalen</h1>") != std::string::npos);
  CHECK(s.body.find("svg class=\"heatmap\"") != std::string::npos);
  auto st = get("/status");
  CHECK(st.status == 200);
  CHECK(st.body.find("Laatste ingest") != std::string::npos);
  CHECK(st.body.find("data-stat=\"documenten\">3<") != std::string::npos);
}

TEST_CASE("Web: the level of units on /signals and in the afdeling facet (#18)", "[web]") {
  auto s = get("/signals", {{"level", "dienst"}});
  CHECK(s.status == 200);
  CHECK(s.body.find("<option value=\"dienst\" selected>dienst</option>") != std::string::npos);
  CHECK(get("/signals").body.find("<option value=\"afdeling\" selected>afdeling</option>") != std::string::npos);
  CHECK(get("/signals", {{"level", "district"}}).status == 400);
  auto d = get("/search", {{"q", "klacht"}});
  REQUIRE(d.status == 200);
  CHECK(d.body.find("niveau: <a href=\"/search?level=organisation&amp;q=klacht\">organisation</a>") != std::string::npos);
  CHECK(d.body.find("<strong>afdeling</strong>") != std::string::npos);
  auto t = get("/search", {{"q", "klacht"}, {"level", "team"}});
  REQUIRE(t.status == 200);
  CHECK(t.body.find("<strong>team</strong>") != std::string::npos);
  CHECK(get("/search", {{"q", "klacht"}, {"level", "district"}}).status == 400);
}

TEST_CASE("Web: random parameters never crash a page; status is 200, 400 or 404", "[web][property]") {
  std::mt19937 rng(7);
  const std::vector<std::string> paths = {"/", "/search", "/export.csv", "/signals", "/status", "/doc/1", "/case/811", "/case/"};
  const std::vector<std::string> keys = {"q", "year", "from", "to", "quarter", "afdeling", "theme", "oordeel",
                                         "doctype", "org", "zaak", "page", "sort", "by", "kind"};
  const std::string alphabet = "aZ09 \"'()*:/-<>&%;\\\xc3\xab\x01\xff";
  for (int i = 0; i < 300; ++i) {
    std::multimap<std::string, std::string> params;
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) {
      std::string v;
      for (int n = static_cast<int>(rng() % 12); n > 0; --n) v += alphabet[rng() % alphabet.size()];
      params.emplace(keys[rng() % keys.size()], v);
    }
    const std::string& path = paths[rng() % paths.size()];
    auto r = web::handle(db(), web::Request{path, params});
    INFO(path);
    CHECK((r.status == 200 || r.status == 400 || r.status == 404));
    CHECK(r.body.find("<script>alert") == std::string::npos);
  }
}

// web/result_cache.h: the ranked set is kept between pages and exports, and
// dropped when an ingest commits.
TEST_CASE("Web: the result cache answers as a fresh search does and empties on a commit", "[web][cache]") {
  test::TempDir dir;
  const std::string path = dir.file("cache.db");
  auto an = Analyzer::create(test::source_dir() + "/dictionaries");
  REQUIRE(an.ok());
  {
    auto w = Database::open(path);
    REQUIRE(w.ok());
    IngestOptions o;
    o.jobs = 1;
    auto s = ingest(*w, {test::source_dir() + "/corpus", test::source_dir() + "/tests/fixtures/search"}, *an, o);
    REQUIRE(s.ok());
  }
  auto reader = Database::open(path, OpenOptions{.read_only = true});
  REQUIRE(reader.ok());
  auto watch = Database::open(path, OpenOptions{.read_only = true});
  REQUIRE(watch.ok());
  web::ResultCache cache(std::make_unique<Database>(std::move(*watch)), 4);
  auto cached = [&](const std::string& route, std::multimap<std::string, std::string> p) {
    return web::handle(*reader, web::Request{route, std::move(p)}, &cache);
  };
  auto fresh = [&](const std::string& route, std::multimap<std::string, std::string> p) {
    return web::handle(*reader, web::Request{route, std::move(p)});
  };

  // Page 1 ranks (a miss); page 2, the export and page 1 again use that set.
  auto p1 = cached("/search", {{"q", "klacht"}});
  CHECK(cache.counts().misses == 1);
  CHECK(cache.counts().hits == 0);
  CHECK(p1.body == fresh("/search", {{"q", "klacht"}}).body);
  CHECK(cached("/search", {{"q", "klacht"}, {"page", "2"}}).body == fresh("/search", {{"q", "klacht"}, {"page", "2"}}).body);
  CHECK(cache.counts().hits == 1);
  // The export needs every hit in order: the page's set, ordered up to its
  // first 200 (search.cpp's title candidates), serves it when that is all.
  const std::size_t total = std::stoul(p1.body.substr(p1.body.find("data-total=\"") + 12));
  REQUIRE(total > 20);
  auto csv = cached("/export.csv", {{"q", "klacht"}});
  CHECK(csv.body == fresh("/export.csv", {{"q", "klacht"}}).body);
  CHECK(cached("/export.jsonl", {{"q", "klacht"}}).body == fresh("/export.jsonl", {{"q", "klacht"}}).body);
  CHECK(cached("/search", {{"q", "klacht"}}).body == p1.body);
  const std::size_t misses = total <= 200 ? 1 : 2;
  CHECK(cache.counts().misses == misses);
  CHECK(cache.counts().hits == 4 - misses + 1);
  // The order of a repeated filter's values does not make another set; another filter does.
  // (A text filter: a number filter given twice is its last value, so year=2019&year=2020
  // and year=2020&year=2019 are two searches, which the key from raw parameters made one.)
  cached("/search", {{"q", "klacht"}, {"theme", "communicatie"}, {"theme", "bejegening"}});
  cached("/search", {{"q", "klacht"}, {"theme", "bejegening"}, {"theme", "communicatie"}});
  CHECK(cache.counts().hits == 4 - misses + 2);
  CHECK(cache.counts().misses == misses + 1);
  // A malformed query is an error, as without the cache, and keeps nothing.
  CHECK(cached("/search", {{"q", "\"open"}}).status == 400);
  CHECK(cache.counts().misses == misses + 1);

  // An ingest in another connection commits a new document: the kept sets go.
  test::TempDir more;
  more.write("nieuw.txt",
             "Kwartaalrapportage 2024 Q1\n\nDe klacht over de klantmanager van de afdeling Werk en Inkomen is "
             "gegrond verklaard na onderzoek door de ombudsman.\n");
  const std::size_t before = [&] {
    auto t = cached("/search", {{"q", "klacht"}});
    auto at = t.body.find("data-total=\"");
    return std::stoul(t.body.substr(at + 12));
  }();
  // The catalog is read once and shared until the commit.
  auto catalog = cache.catalog(*reader);
  REQUIRE(catalog);
  CHECK(cache.catalog(*reader) == catalog);
  {
    auto w = Database::open(path);
    REQUIRE(w.ok());
    IngestOptions o;
    o.jobs = 1;
    auto s = ingest(*w, {more.path()}, *an, o);
    REQUIRE(s.ok());
    REQUIRE(s->added == 1);
  }
  auto after = cached("/search", {{"q", "klacht"}});
  CHECK(cache.counts().dropped == 1);
  auto catalog2 = cache.catalog(*reader);
  REQUIRE(catalog2);
  CHECK(catalog2 != catalog);
  CHECK(web::handle(*reader, web::Request{"/search", {{"q", "klacht"}}}, nullptr, catalog2.get()).body ==
        fresh("/search", {{"q", "klacht"}}).body);
  CHECK(after.body == fresh("/search", {{"q", "klacht"}}).body);
  CHECK(after.body.find("data-total=\"" + std::to_string(before + 1) + "\"") != std::string::npos);
}

TEST_CASE("Web: the result cache ranks a key once when many ask for it at once", "[web][cache]") {
  auto watch = Database::open(db().path(), OpenOptions{.read_only = true});
  REQUIRE(watch.ok());
  web::ResultCache cache(std::make_unique<Database>(std::move(*watch)), 4);
  auto p = parse_query("klacht");
  REQUIRE(p.ok());
  SearchOptions so;
  so.query = *p;
  std::atomic<int> made{0};
  std::vector<std::thread> ts;
  std::vector<std::size_t> totals(6);
  for (int i = 0; i < 6; ++i)
    ts.emplace_back([&, i] {
      auto conn = Database::open(db().path(), OpenOptions{.read_only = true});
      if (!conn.ok()) return;
      auto r = cache.get("klacht", 20, [&]() -> Result<std::shared_ptr<const RankedHits>> {
        ++made;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return rank(*conn, so, 20);
      });
      if (r.ok()) totals[static_cast<std::size_t>(i)] = (*r)->total();
    });
  for (auto& t : ts) t.join();
  CHECK(made == 1);
  CHECK(cache.counts().misses == 1);
  CHECK(cache.counts().hits == 5);
  for (std::size_t t : totals) CHECK(t == totals[0]);
  CHECK(totals[0] > 0);
  // A failed ranking keeps nothing and lets the next one try.
  auto bad = cache.get("x", 20, []() -> Result<std::shared_ptr<const RankedHits>> { return make_error(Errc::db, "boom"); });
  CHECK_FALSE(bad.ok());
  auto thrown = cache.get("x", 20, []() -> Result<std::shared_ptr<const RankedHits>> { throw std::runtime_error("no memory"); });
  REQUIRE_FALSE(thrown.ok());
  CHECK(thrown.error().message == "ranking failed: no memory");
  CHECK(cache.counts().misses == 3);
}

TEST_CASE("Web: pages ranked with the worker's catalog are the pages ranked with joins", "[web][catalog]") {
  auto cat = Catalog::load(db());
  REQUIRE(cat.ok());
  for (const auto& params : std::vector<std::multimap<std::string, std::string>>{
           {{"q", "klacht"}}, {{"q", "klacht"}, {"sort", "date"}}, {{"q", "klacht"}, {"page", "2"}}, {}, {{"q", "de"}}}) {
    auto plain = web::handle(db(), web::Request{"/search", params});
    auto fast = web::handle(db(), web::Request{"/search", params}, nullptr, cat->get());
    CHECK(plain.status == fast.status);
    CHECK(plain.body == fast.body);
  }
  CHECK(web::handle(db(), web::Request{"/export.csv", {{"q", "de"}}}).body ==
        web::handle(db(), web::Request{"/export.csv", {{"q", "de"}}}, nullptr, cat->get()).body);
}

TEST_CASE("Web: with no room for ranked sets every request ranks", "[web][cache]") {
  auto watch = Database::open(db().path(), OpenOptions{.read_only = true});
  REQUIRE(watch.ok());
  web::ResultCache cache(std::make_unique<Database>(std::move(*watch)), 0);
  auto r1 = web::handle(db(), web::Request{"/search", {{"q", "klacht"}}}, &cache);
  auto r2 = web::handle(db(), web::Request{"/search", {{"q", "klacht"}}}, &cache);
  CHECK(r1.body == r2.body);
  CHECK(cache.counts().misses == 2);
  CHECK(cache.counts().hits == 0);
  CHECK(cache.catalog(db()) != nullptr);
}
