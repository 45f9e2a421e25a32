#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>

#include "index/tokenizer.h"
#include "ingest/ingest.h"
#include "output/search_out.h"
#include "store/catalog.h"
#include "search/query.h"
#include "search/search.h"
#include "search/similar.h"
#include "store/db.h"
#include "testutil.h"

using namespace omb;
using Strings = std::vector<std::string>;

namespace {

// term[/colocated…] per word, as the index holds them.
Strings terms(const std::string& text, Tokenizer::Mode mode = Tokenizer::Mode::document) {
  Tokenizer t(test::search_lexicon());
  Strings out;
  t.tokenize(text, mode, [&](std::string_view term, std::size_t, std::size_t, bool colocated) {
    if (colocated) out.back() += "+" + std::string(term);
    else out.emplace_back(term);
    return true;
  });
  return out;
}

// One database of the sample archive and the fixtures, built once.
Database& db() {
  static test::TempDir dir;
  static Database d = [] {
    auto r = Database::open(dir.file("search.db"));
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    if (Status s = r->use_lexicon(*test::search_lexicon(), false); !s.ok()) throw std::runtime_error(s.error().to_string());
    auto an = Analyzer::create(test::source_dir() + "/dictionaries");
    if (!an.ok()) throw std::runtime_error(an.error().to_string());
    IngestOptions o;
    o.jobs = 2;
    std::string src = test::source_dir();
    auto s = ingest(*r, {src + "/corpus", src + "/tests/fixtures/extract", src + "/tests/fixtures/search"}, *an, o);
    if (!s.ok() || s->failed) throw std::runtime_error("ingest failed");
    return std::move(*r);
  }();
  return d;
}

SearchResult run(const std::string& q, std::function<void(SearchOptions&)> tweak = {}) {
  auto p = parse_query(q);
  REQUIRE(p.ok());
  SearchOptions o;
  o.query = *p;
  o.limit = 0;
  if (tweak) tweak(o);
  auto r = search(db(), o);
  INFO(q << ": " << (r.ok() ? "" : r.error().to_string()));
  REQUIRE(r.ok());
  return *r;
}

Strings zaken(const SearchResult& r) {
  Strings out;
  for (const auto& h : r.hits) out.push_back(h.kind == "case" ? h.zaaknummer : h.kind + ":" + h.title);
  return out;
}

bool any_source(const SearchResult& r, const std::string& file) {
  for (const auto& h : r.hits)
    for (const auto& s : h.sources)
      if (s.size() >= file.size() && s.compare(s.size() - file.size(), file.size(), file) == 0) return true;
  return false;
}

}  // namespace

// ---------------------------------------------------------------- tokenizer

TEST_CASE("tokenizer: folding, stemming, compounds, codes and protected verdicts") {
  CHECK(terms("Cliënten cliént client") == Strings{"client", "client", "client"});
  CHECK(terms("klacht klachten Afdeling afdelingen") == Strings{"klacht", "klacht", "afdel", "afdel"});
  CHECK(terms("communicatieproblemen") == Strings{"communicatieproblem+communicatie+problem"});
  CHECK(terms("klachtafhandeling") == Strings{"klachtafhandel+klacht+afhandel"});
  CHECK(terms("gegrond ongegrond Ongegronde") == Strings{"gegrond", "ongegrond", "ongegrond"});
  CHECK(terms("re-integratie 2023/0456 RA1056992 Q4") ==
        Strings{"re-integratie+re+integratie", "2023/0456+2023+0456", "ra1056992", "q4"});
  CHECK(terms("nr. 123, Z-2023-0456 I&O") == Strings{"nr", "123", "z-2023-0456+2023+0456", "i&o"});
  // A query has no colocated parts; a prefix is folded, not stemmed.
  CHECK(terms("communicatieproblemen", Tokenizer::Mode::query) == Strings{"communicatieproblem"});
  CHECK(terms("Afdelingen", Tokenizer::Mode::prefix) == Strings{"afdelingen"});
}

TEST_CASE("tokenizer property: any bytes; terms non-empty, spans inside the text and in order") {
  std::mt19937 rng(11);
  const std::string alphabet[] = {"a", "K", "é", "ë", "-", "/", ".", " ", "\n", "1", "\xC3", "\xFF", "ĳ", "klacht", "2023"};
  Tokenizer t(test::search_lexicon());
  for (int round = 0; round < 400; ++round) {
    std::string s;
    for (int i = static_cast<int>(rng() % 30); i > 0; --i) s += alphabet[rng() % std::size(alphabet)];
    std::size_t last = 0;
    t.tokenize(s, Tokenizer::Mode::document, [&](std::string_view term, std::size_t a, std::size_t b, bool colocated) {
      REQUIRE_FALSE(term.empty());
      REQUIRE(a < b);
      REQUIRE(b <= s.size());
      if (!colocated) REQUIRE(a >= last);
      last = a;
      return true;
    });
  }
}

TEST_CASE("tokenizer: a word list with a fault names its line") {
  test::TempDir d;
  d.write("search/compounds.txt", "# comment\nklacht\ntwee woorden\n");
  d.write("search/protected.txt", "gegrond\n");
  auto r = SearchLexicon::load(d.path());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().to_string() == d.file("search/compounds.txt") + ":3: expected one word a line, got 'twee woorden'");
}

// ---------------------------------------------------------------- query language

TEST_CASE("query: words, phrases, operators and filters become safe FTS5") {
  auto fts = [](const std::string& q) {
    auto p = parse_query(q);
    REQUIRE(p.ok());
    return p->fts;
  };
  CHECK(fts("klantmanager excuses") == "\"klantmanager\" AND \"excuses\"");
  CHECK(fts("\"geen reactie\" OR wachten") == "\"geen reactie\" OR \"wachten\"");
  CHECK(fts("klacht NOT ongegrond") == "\"klacht\" NOT \"ongegrond\"");
  CHECK(fts("klant*") == "\"klant\"*");
  CHECK(fts("NEAR(klantmanager excuses, 10)") == "NEAR(\"klantmanager\" \"excuses\", 10)");
  CHECK(fts("2023/0456") == "\"2023/0456\"");
  CHECK(fts("nr. 123") == "\"nr.\" AND \"123\"");
  CHECK(fts("Z-2023-0456 \"a\"\"b\"") == "\"Z-2023-0456\" AND \"a\" AND \"b\"");
  CHECK(fts("(a OR b) c") == "(\"a\" OR \"b\") AND \"c\"");
  auto p = parse_query("bejegening afdeling:\"Koers naar Werk\" jaar:2016 kwartaal:Q2 oordeel:\"niet behoorlijk\" zaak:406");
  REQUIRE(p.ok());
  CHECK(p->fts == "\"bejegening\"");
  CHECK(p->filters.afdeling == Strings{"Koers naar Werk"});
  CHECK(p->filters.year == 2016);
  CHECK(p->filters.quarter == 2);
  CHECK(p->filters.oordeel == Strings{"niet behoorlijk"});
  CHECK(p->filters.zaak == Strings{"406"});
}

TEST_CASE("query: a malformed query says what and where") {
  auto err = [](const std::string& q) {
    auto p = parse_query(q);
    return p.ok() ? std::string("ok: ") + p->fts : p.error().message;
  };
  CHECK(err("\"unbalanced") == "query: unclosed quote (column 1)");
  CHECK(err("AND OR") == "query: AND needs a search term before it (column 1)");
  CHECK(err("klacht OR") == "query: OR needs a search term after it (column 8)");
  CHECK(err("(klacht") == "query: '(' is never closed (column 1)");
  CHECK(err("klacht)") == "query: ')' without a matching '(' (column 7)");
  CHECK(err("jaar:twee") == "query: jaar: 'twee' is not a number from 1900 to 2200 (column 1)");
  CHECK(err("NEAR(a b, x)") == "query: NEAR: the distance must be a number (column 9)");
  CHECK(parse_query("AND OR").error().code == Errc::usage);
}

// Regression (#15): 6,500 '(' overflowed the parser's stack (exit 139), and
// 7,000 in a URL killed the web server.
TEST_CASE("query regression: deeply nested parentheses are refused with a column, not a stack overflow") {
  for (std::size_t n : {33, 6500, 7000}) {
    auto p = parse_query(std::string(n, '(') + "klacht" + std::string(n, ')'));
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().code == Errc::usage);
    CHECK(p.error().message == "query: parentheses nested more than 32 deep (column 33)");
  }
  auto ok = parse_query(std::string(32, '(') + "klacht" + std::string(32, ')'));
  REQUIRE(ok.ok());
  CHECK(ok->fts == std::string(32, '(') + "\"klacht\"" + std::string(32, ')'));
  // Long flat chains stay flat (FTS5's own parser stack holds about 100).
  std::string chain = "klacht";
  for (int i = 0; i < 400; ++i) chain += " NOT x" + std::to_string(i);
  auto flat = parse_query(chain);
  REQUIRE(flat.ok());
  CHECK(flat->fts.find('(') == std::string::npos);
  CHECK(run(chain).total == run("klacht").total);
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "w ";
  CHECK(parse_query(many).error().message == "query: a query holds at most 1000 words and operators (column 2001)");
}

// Regression (#15): an operand of punctuation alone became an empty string and
// left `(… NOT )`, which FTS5 refused with its own message.
TEST_CASE("query regression: punctuation-only operands after AND, NOT and OR are left out") {
  auto fts = [](const std::string& q) {
    auto p = parse_query(q);
    return p.ok() ? p->fts : "error: " + p.error().message;
  };
  CHECK(fts("klacht NOT *") == "\"klacht\"");
  CHECK(fts("klacht AND *") == "\"klacht\"");
  CHECK(fts("klacht NOT \"...\"") == "\"klacht\"");
  CHECK(fts("klacht NOT (- *)") == "\"klacht\"");
  CHECK(fts("bejegening OR - AND toon") == "\"bejegening\" OR \"toon\"");
  CHECK(fts("bejegening OR -") == "\"bejegening\"");
  CHECK(fts("- AND toon") == "\"toon\"");
  CHECK(fts("- NOT klacht") == "error: query: NOT needs a search term before it (column 3)");
  CHECK(fts("- *") == "error: query: no searchable word here (column 1)");
  CHECK(fts("(-)") == "error: query: no searchable word here (column 1)");
  for (const char* q : {"klacht NOT *", "klacht AND *", "klacht NOT \"...\"", "bejegening OR - AND toon"}) {
    INFO(q);
    CHECK(run(q).total > 0);
  }
}

// Regression (#15): /search?q=th%00x gave HTTP 500 ("unterminated string").
TEST_CASE("query regression: a NUL byte, a control character or broken UTF-8 is refused with its column") {
  auto err = [](const std::string& q) {
    auto p = parse_query(q);
    return p.ok() ? "ok: " + p->fts : p.error().message;
  };
  CHECK(err(std::string("th\0x", 4)) ==
        "query: the byte at this column is a control character (U+0000), which cannot be searched (column 3)");
  CHECK(err("klacht \x1b[31m") ==
        "query: the byte at this column is a control character (U+001B), which cannot be searched (column 8)");
  CHECK(err("caf\xC3 x") == "query: the byte at this column is not UTF-8, which cannot be searched (column 4)");
  CHECK(err("cliënt\tklacht\n") == "ok: \"cliënt\" AND \"klacht\"");
}

// Property (#15): no query, however odd, reaches the user as an FTS5 error:
// it is searched, or refused as a usage error with a column.
TEST_CASE("query property: random queries are searched or refused with a column, never an FTS5 message") {
  const char* parts[] = {"klacht", "(", ")", "\"", "*", "-", "AND", "OR", "NOT", "NEAR(", ",", "5", "...", "jaar:2016",
                         "afdeling:", "é", "klant*", "\"geen reactie\"", ":", "^", "{", "}", "+", "''", "\\"};
  std::mt19937 rng(15);
  for (int round = 0; round < 400; ++round) {
    std::string q;
    for (int i = 1 + static_cast<int>(rng() % 8); i > 0; --i) q += std::string(parts[rng() % std::size(parts)]) + (rng() % 3 ? " " : "");
    INFO(q);
    auto p = parse_query(q);
    if (!p.ok()) {
      CHECK(p.error().code == Errc::usage);
      CHECK(p.error().message.find("(column ") != std::string::npos);
      continue;
    }
    SearchOptions o;
    o.query = *p;
    o.limit = 1;
    auto r = search(db(), o);
    if (!r.ok()) {
      CHECK(r.error().code == Errc::usage);
      CHECK(r.error().message.find("fts5") == std::string::npos);
    }
  }
}
// ---------------------------------------------------------------- search

TEST_CASE("search: Dutch forms are found; verdicts stay apart; codes whole") {
  CHECK(any_source(run("klacht"), "rapport-2023-0456-havenstad.txt"));          // klachten
  CHECK(any_source(run("communicatie"), "rapport-2023-0456-havenstad.txt"));    // communicatieproblemen
  CHECK(any_source(run("klacht"), "kwartaalrapportage-2023-q1-havenstad.txt"));  // klachtafhandeling
  CHECK(any_source(run("cliënt"), "rapport-2023-0456-havenstad.txt"));          // cliént (OCR)
  CHECK(any_source(run("client"), "rekenkamer-2023-contact-met-inwoners.txt"));  // cliëntondersteuning
  CHECK(zaken(run("2023/0456")) == Strings{"2023/0456"});
  CHECK(zaken(run("Z-2023-0456")) == Strings{"2023/0456"});
  CHECK(zaken(run("\"nr. 123\"")) == Strings{"2023/0456"});
  // gegrond and ongegrond never meet.
  SearchResult g = run("gegrond"), o = run("ongegrond");
  for (const auto& h : g.hits) CHECK(mark_snippet(h.snippet, "[", "]").find("[Ongegrond]") == std::string::npos);
  for (const auto& h : g.hits) CHECK(mark_snippet(h.snippet, "[", "]").find("[ongegrond]") == std::string::npos);
  CHECK(any_source(o, "rapport-2023-0456-havenstad.txt"));
  CHECK_FALSE(any_source(g, "rapport-2023-0456-havenstad.txt"));
}

TEST_CASE("search: named queries return the named cases in order") {
  CHECK(zaken(run("klantmanager excuses")) == Strings{"811", "298", "315", "253", "288"});
  CHECK(zaken(run("\"geen reactie\" zaak:813")) == Strings{"813"});
  CHECK(zaken(run("boete", [](SearchOptions& o) { o.query.filters.afdeling = {"Inkomen"}; })) == Strings{"812"});
}

TEST_CASE("search: every filter narrows exactly") {
  SearchResult all = run("klacht");
  auto check_all = [](const SearchResult& r, auto pred) {
    REQUIRE(r.total > 0);
    for (const auto& h : r.hits) CHECK(pred(h));
  };
  check_all(run("klacht jaar:2022"), [](const SearchHit& h) { return h.year == 2022; });
  check_all(run("klacht van:2019 tot:2020"), [](const SearchHit& h) { return *h.year >= 2019 && *h.year <= 2020; });
  check_all(run("klacht kwartaal:3"), [](const SearchHit& h) { return h.quarter == 3; });
  check_all(run("klacht doctype:rapport"), [](const SearchHit& h) { return h.doctype == "rapport"; });
  check_all(run("klacht org:Havenstad"), [](const SearchHit& h) { return h.organisation.find("Havenstad") != std::string::npos ||
                                                                        h.title.find("Havenstad") != std::string::npos; });
  check_all(run("klantmanager afdeling:\"Werk en Re-integratie\""),
            [](const SearchHit& h) { return h.afdeling == "Werk en Re-integratie"; });
  check_all(run("klantmanager thema:bejegening"), [](const SearchHit& h) {
    return h.kind != "case" || std::find(h.themes.begin(), h.themes.end(), "bejegening") != h.themes.end();
  });
  check_all(run("klacht oordeel:gegrond"), [](const SearchHit& h) { return h.kind != "case" || h.oordeel == "gegrond"; });
  // Filters together narrow further than each alone.
  CHECK(run("klacht jaar:2022 doctype:kwartaalrapportage").total <= run("klacht jaar:2022").total);
  CHECK(run("klacht jaar:2022").total < all.total);
}

TEST_CASE("search: filters alone list the matching cases") {
  SearchResult r = run("zaak:406 afdeling:\"Koers naar Werk\"");
  for (const auto& h : r.hits) CHECK(h.kind == "case");
  SearchResult c = run("thema:communicatie afdeling:\"Werk en Re-integratie\" van:2021");
  REQUIRE(c.total > 0);
  for (const auto& h : c.hits) {
    CHECK(h.kind == "case");
    CHECK(h.afdeling == "Werk en Re-integratie");
    CHECK((h.year >= 2021));
    CHECK(std::find(h.themes.begin(), h.themes.end(), "communicatie") != h.themes.end());
  }
  // The planted communicatie signal: cases per quarter 2021 Q3 .. 2022 Q4.
  std::map<std::string, int> per_quarter;
  for (const auto& h : c.hits)
    if (h.doctype == "kwartaalrapportage" && (*h.year > 2021 || *h.quarter >= 3)) ++per_quarter[std::to_string(*h.year) + "Q" + std::to_string(*h.quarter)];
  CHECK(per_quarter == std::map<std::string, int>{{"2021Q3", 2}, {"2021Q4", 3}, {"2022Q1", 3}, {"2022Q2", 4},
                                                   {"2022Q3", 4}, {"2022Q4", 5}});
  auto none = parse_query("");
  REQUIRE(none.ok());
  SearchOptions o;
  o.query = *none;
  auto e = search(db(), o);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == Errc::usage);
}

TEST_CASE("search: facets add up to the hits; limit and offset page through them") {
  SearchResult r = run("klacht", [](SearchOptions& o) { o.facets = true; });
  for (const char* f : {"year", "quarter", "afdeling", "oordeel", "doctype"}) {
    std::size_t sum = 0;
    for (const auto& [v, n] : r.facets[f]) sum += n;
    INFO(f);
    CHECK(sum == r.total);
  }
  SearchResult page1 = run("klacht", [](SearchOptions& o) { o.limit = 5; });
  SearchResult page2 = run("klacht", [](SearchOptions& o) { o.limit = 5; o.offset = 5; });
  CHECK(page1.total == r.total);
  REQUIRE(page1.hits.size() == 5);
  REQUIRE(page2.hits.size() == 5);
  CHECK(page1.hits[0].passage_id == r.hits[0].passage_id);
  CHECK(page2.hits[0].passage_id == r.hits[5].passage_id);
}

TEST_CASE("search: a copy under two paths is one hit with both sources; page and line point into the file") {
  SearchResult r = run("zaak:232");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].sources.size() == 2);
  CHECK((r.hits[0].page >= 1));
  CHECK(r.hits[0].line > 1);
}

TEST_CASE("search: JSON Lines and CSV parse") {
  SearchResult r = run("klantmanager", [](SearchOptions& o) { o.limit = 3; o.facets = true; });
  std::string js = render_search(r, SearchFormat::json, false, 0, true);
  std::size_t lines = 0, pos = 0;
  while (pos < js.size()) {
    std::size_t nl = js.find('\n', pos);
    auto j = nlohmann::json::parse(js.substr(pos, nl - pos));
    if (lines < 3) CHECK(j.contains("sources"));
    else CHECK(j["total"] == r.total);
    ++lines;
    pos = nl + 1;
  }
  CHECK(lines == 4);
  std::string csv = render_search(r, SearchFormat::csv, false, 0, false);
  // Every row has the header's number of fields (quoted fields may hold commas).
  std::size_t rows = 0;
  bool quoted = false;
  std::size_t fields = 1, header_fields = 0;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) ++fields;
    else if (c == '\n' && !quoted) {
      if (rows == 0) header_fields = fields;
      else CHECK(fields == header_fields);
      ++rows;
      fields = 1;
    }
  }
  CHECK(rows == 4);
  CHECK(header_fields == 18);
}

TEST_CASE("similar: the cases most like one, by its telling words and themes", "[search][similar]") {
  SimilarOptions o;
  o.zaak = "313";
  o.limit = 5;
  auto r = similar(db(), o);
  REQUIRE(r.ok());
  CHECK(r->of.case_title == "Stilte na de intake");
  CHECK(std::find(r->words.begin(), r->words.end(), "intake") != r->words.end());
  for (const auto& w : r->words) CHECK(w.find_first_of("0123456789") == std::string::npos);  // no numbers or codes
  REQUIRE(r->result.hits.size() == 5);
  // Both share its title words or its complaint, and its one theme (since
  // #18 "niemand terugbelt" is communicatie only, not bereikbaarheid too).
  CHECK(r->result.hits[0].zaaknummer == "263");
  CHECK(r->result.hits[1].zaaknummer == "317");
  double last = 1e9;
  for (std::size_t i = 0; i < r->result.hits.size(); ++i) {
    const auto& h = r->result.hits[i];
    CHECK(h.kind == "case");
    CHECK(h.zaaknummer != "313");
    CHECK(h.score <= last);  // best first
    last = h.score;
    CHECK_FALSE(r->shared_themes[i].empty());
  }
  o.zaak = "nope";
  auto none = similar(db(), o);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code == Errc::not_found);
  CHECK(none.error().message == "similar: no case with zaaknummer 'nope'");
}

TEST_CASE("search: the hit's line is the line of the match in the source file, not its passage's first line",
          "[search][regression]") {
  SearchResult r = run("terugbelt");
  bool seen = false;
  for (const auto& h : r.hits)
    if (!h.sources.empty() && h.sources.front().find("kwartaalrapportage-2022-q2-rve-werk.txt") != std::string::npos) {
      seen = true;
      CHECK(h.page == 2);
      CHECK(h.line == 68);  // grep -n terugbelt corpus/2022/kwartaalrapportage-2022-q2-rve-werk.txt
    }
  CHECK(seen);
  SearchResult g = run("\"geen besluit\" zaak:299");
  REQUIRE(g.hits.size() == 1);
  CHECK(g.hits[0].line == 55);  // the case heading "299 – Nog geen besluit"
}

TEST_CASE("search: a word in most passages takes the scan path and answers as the join does", "[search][regression]") {
  // Without facets a word this common is merged with one pass over the
  // covering index; with facets it goes through the join. Same hits either way.
  for (const char* word : {"de", "het", "klacht"}) {
    SearchResult scan = run(word, [](SearchOptions& o) { o.limit = 0; o.stored_catalog_from = SIZE_MAX; });
    SearchResult join = run(word, [](SearchOptions& o) { o.limit = 0; o.facets = true; o.stored_catalog_from = SIZE_MAX; });
    INFO(word);
    REQUIRE(scan.total == join.total);
    REQUIRE(scan.hits.size() == join.hits.size());
    for (std::size_t i = 0; i < scan.hits.size(); ++i) {
      CHECK(scan.hits[i].passage_id == join.hits[i].passage_id);
      CHECK(scan.hits[i].case_id == join.hits[i].case_id);
      CHECK(scan.hits[i].score == join.hits[i].score);
      CHECK(scan.hits[i].line == join.hits[i].line);
      CHECK(scan.hits[i].year == join.hits[i].year);
      CHECK(scan.hits[i].themes == join.hits[i].themes);
    }
  }
}

TEST_CASE("search: title hits weigh up", "[search]") {
  // The investigation report titled "Klantmanager onbereikbaar" above the
  // quarterly cases that only say so in their text or title "Onbereikbaar".
  SearchResult r = run("klantmanager onbereikbaar", [](SearchOptions& o) { o.limit = 3; });
  REQUIRE(r.hits.size() == 3);
  CHECK(r.hits[0].zaaknummer == "RA1503877");
  CHECK(r.hits[0].score > r.hits[1].score);
  SearchResult t = run("\"niemand belt terug\"", [](SearchOptions& o) { o.limit = 5; });
  for (const auto& h : t.hits) CHECK(h.case_title == "Niemand belt terug");
}

TEST_CASE("search: with a catalog, given or stored, a search answers exactly as the joins do", "[search][catalog]") {
  auto cat = Catalog::scan(db());
  REQUIRE(cat.ok());
  REQUIRE((*cat)->fresh(db()));
  auto untagged = Catalog::scan(db(), Catalog::kAll & ~Catalog::kTagged);  // as the web server's when stale
  REQUIRE(untagged.ok());
  for (const char* q : {"de", "klacht", "communicatie", "\"geen reactie\"", "klant*", "bejegening OR bereikbaarheid",
                        "NEAR(klantmanager excuses, 10)", "2023/0456", "ombudsman NOT gemeente", "klacht jaar:2019",
                        "de van:2016 tot:2019", "klacht kwartaal:Q2", "de doctype:rapport", "de doctype:jaarverslag van:2020",
                        "klacht afdeling:\"Werk en Re-integratie\"", "de afdeling:\"werk en re-integratie\" van:2020",
                        "de thema:communicatie", "klacht thema:bejegening thema:communicatie", "de oordeel:gegrond",
                        "de oordeel:\"niet behoorlijk\"", "besluit zaak:299", "de zaak:232 zaak:813", "de thema:communicatie jaar:2022 kwartaal:Q4",
                        "de org:Amstelveld"}) {
    for (int variant = 0; variant < 4; ++variant) {
      auto set = [&](SearchOptions& o) {
        o.limit = 0;
        o.facets = variant & 1;
        if (variant & 2) o.sort = SearchOptions::Sort::date;
      };
      SearchResult plain = run(q, [&](SearchOptions& o) { set(o); o.stored_catalog_from = SIZE_MAX; });
      SearchResult given = run(q, [&](SearchOptions& o) { set(o); o.catalog = cat->get(); });
      SearchResult stored = run(q, [&](SearchOptions& o) { set(o); o.stored_catalog_from = 0; });
      SearchResult given_untagged = run(q, [&](SearchOptions& o) { set(o); o.catalog = untagged->get(); });
      INFO(q << " variant " << variant);
      CHECK(plain.total > 0);
      for (const SearchResult* fast : {&given, &stored, &given_untagged}) {
        REQUIRE(plain.total == fast->total);
        REQUIRE(plain.hits.size() == fast->hits.size());
        CHECK(plain.facets == fast->facets);
        for (std::size_t i = 0; i < plain.hits.size(); ++i) {
          CHECK(plain.hits[i].passage_id == fast->hits[i].passage_id);
          CHECK(plain.hits[i].kind == fast->hits[i].kind);
          CHECK(plain.hits[i].case_id == fast->hits[i].case_id);
          CHECK(plain.hits[i].score == fast->hits[i].score);
          CHECK(plain.hits[i].page == fast->hits[i].page);
          CHECK(plain.hits[i].line == fast->hits[i].line);
          CHECK(plain.hits[i].year == fast->hits[i].year);
          CHECK(plain.hits[i].themes == fast->hits[i].themes);
          CHECK(plain.hits[i].snippet == fast->hits[i].snippet);
        }
      }
    }
  }
}

TEST_CASE("search: a catalog goes stale on a write and answers nothing wrong meanwhile", "[search][catalog]") {
  test::TempDir dir;
  auto w = Database::open(dir.file("c.db"));
  REQUIRE(w.ok());
  auto an = Analyzer::create(test::source_dir() + "/dictionaries");
  REQUIRE(an.ok());
  IngestOptions o;
  o.jobs = 1;
  REQUIRE(ingest(*w, {test::source_dir() + "/tests/fixtures/search"}, *an, o).ok());
  auto cat = Catalog::load(*w);
  REQUIRE(cat.ok());
  CHECK((*cat)->fresh(*w));
  dir.write("in/nieuw.txt", "Kwartaalrapportage 2024 Q2\n\nDe klacht over de ombudsman is gegrond verklaard.\n");
  REQUIRE(ingest(*w, {dir.file("in")}, *an, o).ok());
  CHECK_FALSE((*cat)->fresh(*w));
  // A stale catalog handed in anyway misses the new passage: rank() notices and joins instead.
  auto p = parse_query("klacht");
  REQUIRE(p.ok());
  SearchOptions so;
  so.query = *p;
  so.limit = 0;
  auto plain = search(*w, so);
  so.catalog = cat->get();
  auto stale = search(*w, so);
  REQUIRE(plain.ok());
  REQUIRE(stale.ok());
  CHECK(plain->total == stale->total);
}

TEST_CASE("search: every hit's score is bm25's, whether the query is one phrase or more", "[search][rank]") {
  // One phrase is scored by omb_bm25_tf and its IDF applied after; other
  // queries by omb_bm25. Date order leaves the scores without title boosts.
  for (const char* q : {"klacht", "\"geen reactie\"", "klant*", "klacht OR bejegening", "klantmanager excuses",
                        "NEAR(klantmanager excuses, 10)", "2023/0456", "de", "ombudsman NOT gemeente"}) {
    SearchResult r = run(q, [](SearchOptions& o) { o.sort = SearchOptions::Sort::date; o.stored_catalog_from = 0; });
    auto p = parse_query(q);
    REQUIRE(p.ok());
    auto st = db().prepare("SELECT -bm25(passages_fts, 3.0, 1.0) FROM passages_fts WHERE passages_fts MATCH ?1 AND rowid = ?2");
    REQUIRE(st.ok());
    INFO(q);
    REQUIRE(!r.hits.empty());
    int differ = 0;
    for (const SearchHit& h : r.hits) {
      st->reset();
      st->bind(1, p->fts).bind(2, h.passage_id);
      REQUIRE(*st->step());
      differ += st->dbl(0) != h.score;
    }
    CHECK(differ == 0);
  }
}

TEST_CASE("search: every filter with a facet keeps exactly the hits its facet counts", "[search][filters]") {
  // Over the table (search/filters.h), so a new filter with a facet is
  // tested as it is added. A document fact: the filtered search has exactly
  // the facet's count. A case fact: at least it (a passage outside cases
  // also passes by its tags, and counts under "-" in the facet).
  const SearchResult all = run("de", [](SearchOptions& o) { o.facets = true; });
  for (const FilterDef& def : kFilters) {
    if (def.facet.empty()) continue;
    auto facet = all.facets.find(std::string(def.name));
    REQUIRE(facet != all.facets.end());
    std::size_t tried = 0;
    for (const auto& [value, count] : facet->second) {
      if (value == "-") continue;
      std::string v = value;
      if (def.field == Field::doc_quarter) v = v.substr(1);  // "Q2"
      INFO(def.name << " = " << v);
      SearchResult r = run("de", [&](SearchOptions& o) { REQUIRE(set_filter(o.query.filters, def.name, v).ok()); });
      if (is_case_field(def.field)) CHECK(r.total >= count);
      else CHECK(r.total == count);
      if (++tried == 4) break;
    }
    CHECK(tried > 0);
  }
}
