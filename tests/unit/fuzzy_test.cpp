// Fuzzy words (search/fuzzy.h), the stored vocabulary (store/vocab.h) and
// "did you mean" (search/suggest.h).
//
// The fixture archive tests/fixtures/fuzzy/ has eight short reports, each
// naming one word in one spelling (edits from "klantmanager", a
// transposition counting one):
//   a-exact klantmanager 0 · b-rn-for-m klantrnanager 2 (OCR's rn for m) ·
//   c-capital-i-for-l kIantmanager 1 · d-transposed klantmanagre 1 ·
//   e-letter-dropped klantmnager 1 · f-three-edits kIantrnanager 3 ·
//   g-other-word klantbeheerder · h-accent cliént (OCR's é for ë)
// b writes the word in capitals ("De KLANTRNANAGER"), d and e capitalised
// ("De Klantmanagre"): the normaliser repairs OCR's confusions in a word in
// lower case or a long capitalised one, and edits in lower case only; these
// must reach the index as written.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "index/tokenizer.h"
#include "ingest/ingest.h"
#include "search/fuzzy.h"
#include "search/query.h"
#include "search/search.h"
#include "search/suggest.h"
#include "store/db.h"
#include "store/vocab.h"
#include "dbutil.h"
#include "testutil.h"

using namespace omb;
using Strings = std::vector<std::string>;

namespace {

Database open_ingested(const std::string& path, const Strings& dirs) {
  auto r = Database::open(path);
  if (!r.ok()) throw std::runtime_error(r.error().to_string());
  if (Status s = r->use_lexicon(*test::search_lexicon(), false); !s.ok()) throw std::runtime_error(s.error().to_string());
  IngestOptions o;
  o.jobs = 2;
  auto s = ingest(*r, dirs, test::with_rules(), o);
  if (!s.ok() || s->failed) throw std::runtime_error("ingest failed");
  return std::move(*r);
}

Database& fixtures() {
  static test::TempDir dir;
  static Database d = open_ingested(dir.file("fuzzy.db"), {test::source_dir() + "/tests/fixtures/fuzzy"});
  return d;
}

Database& corpus() {
  static test::TempDir dir;
  static Database d = open_ingested(dir.file("corpus.db"), {test::source_dir() + "/corpus"});
  return d;
}

// The fixture files a query finds, by name without .txt, sorted.
Strings files_found(const std::string& query) {
  auto q = parse_query(query);
  REQUIRE(q.ok());
  SearchOptions so;
  so.query = *q;
  so.limit = 0;
  auto r = search(fixtures(), so);
  REQUIRE(r.ok());
  std::set<std::string> names;
  for (const SearchHit& h : r->hits)
    for (const std::string& s : h.sources) {
      std::string n = s.substr(s.rfind('/') + 1);
      names.insert(n.substr(0, n.size() - 4));
    }
  return Strings(names.begin(), names.end());
}

Strings terms_of(const FuzzyMatches& m) {
  Strings out;
  for (const TermMatch& t : m.terms) out.push_back(t.term + "/" + std::to_string(t.distance));
  return out;
}

}  // namespace

TEST_CASE("query: fuzzy words, in phrases and NEAR, become placeholders with their distance") {
  auto q = parse_query("klantmanagr~ \"geen reactie~1\" NEAR(excuses~2 brief, 5) zorg~0 kans~");
  REQUIRE(q.ok());
  CHECK_FALSE(q->expanded);
  REQUIRE(q->fuzzy.size() == 5);
  CHECK(q->fuzzy[0].word == "klantmanagr");
  CHECK(q->fuzzy[0].distance == 2);  // 11 letters
  CHECK(q->fuzzy[0].column == 1);
  CHECK(q->fuzzy[1].word == "reactie");
  CHECK(q->fuzzy[1].distance == 1);
  CHECK(q->fuzzy[1].column == 20);
  CHECK(q->fuzzy[2].word == "excuses");
  CHECK(q->fuzzy[2].distance == 2);
  CHECK(q->fuzzy[3].distance == 0);
  CHECK(q->fuzzy[4].word == "kans");
  CHECK(q->fuzzy[4].distance == 1);  // 4 letters
  CHECK(q->fts == fuzzy_slot(0) + " AND \"geen\" + " + fuzzy_slot(1) + " AND NEAR(" + fuzzy_slot(2) +
                      " \"brief\", 5) AND " + fuzzy_slot(3) + " AND " + fuzzy_slot(4));
  // Every word typed, with its place; fuzzy ones are not plain.
  REQUIRE(q->spans.size() == 7);
  CHECK(q->spans[0].offset == 0);
  CHECK_FALSE(q->spans[0].plain);
  CHECK(q->spans[1].offset == 14);  // geen
  CHECK(q->spans[1].plain);
  CHECK(q->spans[4].offset == 45);  // brief
  CHECK(q->spans[4].plain);
  CHECK(default_fuzzy_distance("cliënten") == 2);
  CHECK(default_fuzzy_distance("cliënt") == 1);
  // A query without fuzzy words has nothing to expand.
  auto plain = parse_query("klacht \"geen reactie\"");
  REQUIRE(plain.ok());
  CHECK(plain->expanded);
  CHECK(plain->fts == "\"klacht\" AND \"geen reactie\"");
}

TEST_CASE("query: a malformed fuzzy word says what and where, exit 2") {
  auto fails = [](const std::string& q, const std::string& what, int col) {
    auto r = parse_query(q);
    INFO(q);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::usage);
    CHECK(r.error().message.find(what) != std::string::npos);
    CHECK(r.error().message.find("(column " + std::to_string(col) + ")") != std::string::npos);
  };
  fails("klacht~3", "0, 1 or 2", 8);
  fails("klacht ~-1", "needs a word before it", 8);
  fails("klacht~-1", "0, 1 or 2", 8);
  fails("~", "needs a word before it", 1);
  fails("klacht~~", "'~' twice", 8);
  fails("wo*~", "prefix", 4);
  fails("wo~*", "prefix", 3);
  fails("\"geen reactie~\"*", "phrase ending in *", 1);
  fails("\"geen reactie~9\"", "0, 1 or 2", 15);
  fails("klacht \xEE\x80\x80x", "reserves", 8);
}

TEST_CASE("edit distance: insertions, deletions, substitutions, transpositions") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("klantmanager", "klantmanagre") == 1);
  CHECK(edit_distance("klantmanager", "klantrnanager") == 2);
  CHECK(edit_distance("cliënt", "cliént") == 1);  // code points, not bytes
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("ab", "ba") == 1);
}

TEST_CASE("fuzzy: match_terms finds exactly the terms within the distance, ordered") {
  auto v = Vocabulary::of({{"klacht", 40}, {"klachte", 2}, {"klucht", 5}, {"kracht", 9}, {"kachel", 1},
                           {"lacht", 3}, {"klachtbehandel", 30}, {"klaagt", 4}, {"communicati", 12}});
  CHECK(terms_of(match_terms(*v, "klacht", 0)) == Strings{"klacht/0"});
  CHECK(terms_of(match_terms(*v, "klacht", 1)) == Strings{"klacht/0", "kracht/1", "klucht/1", "lacht/1", "klachte/1"});
  CHECK(terms_of(match_terms(*v, "klacht", 2)) ==
        Strings{"klacht/0", "kracht/1", "klucht/1", "klaagt/2", "lacht/1", "klachte/1"});  // not kachel: 3
  // The bound: the commonest first, the rest counted.
  FuzzyMatches m = match_terms(*v, "klacht", 2, 3);
  CHECK(terms_of(m) == Strings{"klacht/0", "kracht/1", "klucht/1"});
  CHECK(m.more == 3);
  // A word the vocabulary lacks: only its neighbours.
  CHECK(terms_of(match_terms(*v, "klachtt", 1)) == Strings{"klacht/1", "klachte/1"});
  CHECK(match_terms(*v, "zzzz", 2).terms.empty());
}

TEST_CASE("fuzzy property: match_terms equals a full table against every term") {
  std::mt19937 rng(7);
  const Strings alphabet = {"a", "b", "k", "l", "é", "ë", "n"};
  auto word = [&](std::size_t max) {
    std::string w;
    const std::size_t n = 1 + rng() % max;
    for (std::size_t i = 0; i < n; ++i) w += alphabet[rng() % alphabet.size()];
    return w;
  };
  for (int round = 0; round < 20; ++round) {
    std::vector<std::pair<std::string, std::uint32_t>> list;
    for (int i = 0; i < 300; ++i) list.emplace_back(word(7), 1 + rng() % 50);
    auto v = Vocabulary::of(list);
    for (int k = 0; k < 10; ++k) {
      const std::string q = word(6);
      const int d = static_cast<int>(rng() % 3);
      std::set<std::string> want;
      for (std::size_t i = 0; i < v->size(); ++i)
        if (edit_distance(q, v->term(i)) <= d) want.insert(std::string(v->term(i)));
      std::set<std::string> got;
      for (const TermMatch& t : match_terms(*v, q, d, 100000).terms) {
        got.insert(t.term);
        CHECK(t.distance == edit_distance(q, t.term));
      }
      INFO(q << " ~" << d);
      CHECK(got == want);
    }
  }
}

TEST_CASE("fuzzy: a word within reach of 100,000 terms is bounded and says how many were left out") {
  // Every "aa" + two letters of 317 is within 2 edits of "aaaa".
  std::vector<std::pair<std::string, std::uint32_t>> list;
  auto utf8 = [](char32_t c) {
    std::string s;
    if (c < 0x80) s += static_cast<char>(c);
    else {
      s += static_cast<char>(0xC0 | (c >> 6));
      s += static_cast<char>(0x80 | (c & 0x3F));
    }
    return s;
  };
  for (char32_t x = 0x61; x < 0x61 + 317; ++x)
    for (char32_t y = 0x61; y < 0x61 + 317; ++y) list.emplace_back("aa" + utf8(x) + utf8(y), 1);
  auto v = Vocabulary::of(list);
  REQUIRE(v->size() == 100489);
  FuzzyMatches m = match_terms(*v, "aaaa", 2);
  CHECK(m.terms.size() == kMaxFuzzyTerms);
  CHECK(m.more == 100489 - kMaxFuzzyTerms);
  CHECK(m.terms[0].term == "aaaa");
}

TEST_CASE("fuzzy: the stemmer's endings cost nothing when a term is matched as a word") {
  Tokenizer tok(test::search_lexicon());
  const TailCheck tails = stem_tail(tok);
  auto v = Vocabulary::of({{tok.term("bejegening"), 9}, {tok.term("communicatie"), 31}, {tok.term("klachten"), 50}});
  CHECK(terms_of(match_terms(*v, "bejegenign", 1, kMaxFuzzyTerms, &tails)) == Strings{tok.term("bejegening") + "/1"});
  CHECK(terms_of(match_terms(*v, "communciatie", 1, kMaxFuzzyTerms, &tails)) == Strings{tok.term("communicatie") + "/1"});
  CHECK(terms_of(match_terms(*v, "klachten", 0, kMaxFuzzyTerms, &tails)) == Strings{"klacht/0"});
  // Without the stemmer, the same words are further away.
  CHECK(match_terms(*v, "bejegenign", 1).terms.empty());
}

TEST_CASE("vocabulary: stored form round trip, and a damaged form names its line") {
  auto v = Vocabulary::of({{"klacht", 4}, {"afdel", 2}, {"cliënt", 1}, {"klacht", 1}});
  REQUIRE(v->size() == 3);
  CHECK(v->docs_of("klacht") == 5);
  CHECK(v->docs_of("klach") == 0);
  CHECK(v->encode() == "afdel\t2\ncliënt\t1\nklacht\t5\n");
  auto back = Vocabulary::decode(v->encode());
  REQUIRE(back.ok());
  CHECK((*back)->encode() == v->encode());
  auto bad = Vocabulary::decode("afdel\t2\nklacht\tx\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("line 2") != std::string::npos);
  auto order = Vocabulary::decode("klacht\t2\nafdel\t1\n");
  REQUIRE_FALSE(order.ok());
  CHECK(order.error().message.find("line 2 is out of order") != std::string::npos);
}

TEST_CASE("vocabulary: ingest stores it for the database's generation; a stale one is read anew") {
  test::TempDir dir;
  Database db = open_ingested(dir.file("v.db"), {test::source_dir() + "/tests/fixtures/fuzzy"});
  CHECK(test::scalar(db, "SELECT generation FROM search_vocab") ==
        test::scalar(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'"));
  auto v = Vocabulary::load(db);
  REQUIRE(v.ok());
  auto scanned = Vocabulary::scan(db);
  REQUIRE(scanned.ok());
  CHECK((*v)->encode() == (*scanned)->encode());
  CHECK((*v)->docs_of("klantmanager") == 2);  // c's "kIantmanager" is repaired at ingest (I for l)
  CHECK((*v)->docs_of("klantbeheerder") == 1);
  // A list of another generation is not used: the index is read anew, and stored.
  REQUIRE(db.exec("UPDATE search_vocab SET generation = generation - 1, data = 'zzz' || char(9) || '1' || char(10)").ok());
  auto after = Vocabulary::load(db);
  REQUIRE(after.ok());
  CHECK((*after)->encode() == (*scanned)->encode());
  CHECK(test::scalar(db, "SELECT generation FROM search_vocab") ==
        test::scalar(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'"));
  CHECK(test::text_of(db, "SELECT data FROM search_vocab") == (*scanned)->encode());
  // A connection that only reads stores it through a writable one of its own.
  REQUIRE(db.exec("UPDATE search_vocab SET generation = generation - 1, data = 'zzz' || char(9) || '1' || char(10)").ok());
  OpenOptions ro;
  ro.read_only = true;
  auto reader = Database::open(dir.file("v.db"), ro);
  REQUIRE(reader.ok());
  auto read = Vocabulary::load(*reader);
  REQUIRE(read.ok());
  CHECK((*read)->encode() == (*scanned)->encode());
  CHECK(test::text_of(db, "SELECT data FROM search_vocab") == (*scanned)->encode());
}

// The fixture c-capital-i-for-l writes "kIantmanager": since session 19 the
// normaliser repairs a capital I between small letters, so it is found as
// written; the other damaged forms only by fuzzy words.
TEST_CASE("fuzzy search: OCR-damaged and mistyped forms are found, never those further away") {
  CHECK(files_found("klantmanager") == Strings{"a-exact", "c-capital-i-for-l"});
  CHECK(files_found("klantmanager~0") == Strings{"a-exact", "c-capital-i-for-l"});
  CHECK(files_found("klantmanager~1") == Strings{"a-exact", "c-capital-i-for-l", "d-transposed", "e-letter-dropped"});
  CHECK(files_found("klantmanager~") ==
        Strings{"a-exact", "b-rn-for-m", "c-capital-i-for-l", "d-transposed", "e-letter-dropped"});
  CHECK(files_found("klantmanager~2") == files_found("klantmanager~"));
  // Mistyped: one edit (a transposition) from klantmanager, two from klantmanagre.
  CHECK(files_found("klantmangaer~1") == Strings{"a-exact", "c-capital-i-for-l"});
  // In a phrase and in NEAR.
  CHECK(files_found("\"de klantmanager~1 belde\"") ==
        Strings{"a-exact", "c-capital-i-for-l", "d-transposed", "e-letter-dropped"});
  // From OCR's form: kIantrnanager is one edit away, klantmanager two.
  CHECK(files_found("NEAR(klantrnanager~1 terug, 5)") == Strings{"b-rn-for-m", "f-three-edits"});
  CHECK(files_found("NEAR(klantrnanager~2 terug, 5)") ==
        Strings{"a-exact", "b-rn-for-m", "c-capital-i-for-l", "f-three-edits"});
  CHECK(files_found("klantmanager~ NOT klantmanager") == Strings{"b-rn-for-m", "d-transposed", "e-letter-dropped"});
  // Folding comes first: cliënt, client and OCR's cliént are one term.
  CHECK(files_found("cliënt~0") == Strings{"h-accent"});
}

TEST_CASE("fuzzy search: the result says which terms each fuzzy word became") {
  auto q = parse_query("klantmanager~1");
  REQUIRE(q.ok());
  SearchOptions so;
  so.query = *q;
  auto r = search(fixtures(), so);
  REQUIRE(r.ok());
  REQUIRE(r->fuzzy.size() == 1);
  CHECK(r->fuzzy[0].word == "klantmanager");
  CHECK(r->fuzzy[0].term == "klantmanager");
  CHECK(r->fuzzy[0].terms == Strings{"klantmanager", "klantmanagr", "klantmnager"});
  CHECK(r->fuzzy[0].more == 0);
  CHECK(r->total == 4);
}

namespace {

std::optional<SearchResult::Proposal> proposal(const std::string& query) {
  auto q = parse_query(query);
  REQUIRE(q.ok());
  SearchOptions so;
  so.query = *q;
  auto r = search(corpus(), so);
  REQUIRE(r.ok());
  auto p = did_you_mean(corpus(), query, so, r->total);
  REQUIRE(p.ok());
  return *p;
}

}  // namespace

TEST_CASE("did you mean: ten mistyped queries get their correction, filters and operators kept") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"communciatie", "communicatie"},
      {"klantmanagr", "klantmanager"},
      {"bejegenign", "bejegening"},
      {"excusses", "excuses"},
      {"uitkerring", "uitkering"},
      {"Reactei", "Reactie"},
      {"afpsraak", "afspraak"},
      {"huisbezeok jaar:2021", "huisbezoek jaar:2021"},
      {"\"geen besluitt\"", "\"geen besluit\""},
      {"communicatie AND (klantmanagr OR afdleing) NOT excuses", "communicatie AND (klantmanager OR afdeling) NOT excuses"},
  };
  for (const auto& [typed, want] : cases) {
    INFO(typed);
    auto p = proposal(typed);
    REQUIRE(p);
    CHECK(p->query == want);
    CHECK(p->total > 0);
  }
}

TEST_CASE("did you mean: nothing for ten correct queries") {
  for (const std::string q : {"bejegening", "medewerker", "gemeente", "excuses", "brief", "aanvraag", "besluit",
                              "termijn", "informatie", "\"geen besluit\" klantmanager"}) {
    INFO(q);
    CHECK_FALSE(proposal(q));
  }
}
