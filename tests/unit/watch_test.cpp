// watch/watch.h and store/watches.h: names, the signal diff, the cells of a
// watch, the stored state (baseline, replace, record, remove, an older
// schema), and new hits across ingests. The whole flow over the sample
// archive's quarters is tests/e2e/watch_test.sh.
#include <catch2/catch.hpp>

#include "dbutil.h"
#include "ingest/ingest.h"
#include "output/watch_out.h"
#include "store/watches.h"
#include "testutil.h"
#include "watch/watch.h"

using namespace omb;

namespace {

std::string name_error(const std::string& name) {
  Status s = check_watch_name(name);
  return s.ok() ? "ok" : s.error().message;
}

Signal sig(const std::string& theme, const std::string& afdeling, SignalKind kind, std::optional<double> ratio,
           bool alert, const std::string& period = "2022Q4") {
  Signal s;
  s.organisation = "Ombudsman Amstelveld";
  s.doctype = "kwartaalrapportage";
  s.theme = theme;
  s.afdeling = afdeling;
  s.kind = kind;
  s.ratio = ratio;
  s.alert = alert;
  s.period = period;
  s.q = alert ? 0.01 : 0.5;
  if (!alert) s.stopped = "q 0.5 above --q 0.1";
  return s;
}

std::vector<std::string> describe(const std::vector<SignalChange>& changes) {
  std::vector<std::string> out;
  for (const SignalChange& c : changes) {
    std::string d = std::string(change_name(c.change)) + " ";
    d += c.now ? c.now->theme + "|" + c.now->afdeling + "|" + kind_name(c.now->kind)
               : c.reported->theme + "|" + c.reported->afdeling + "|" + c.reported->kind;
    for (const std::string& w : c.what) d += " [" + w + "]";
    if (c.change == SignalChangeKind::ended) d += c.now ? " now: " + c.now->stopped : " not tested";
    out.push_back(d);
  }
  return out;
}

std::string report_text(const std::string& what) {
  return "Kwartaalrapportage eerste kwartaal 2019\n\nDe klantmanager " + what + ".\n";
}

}  // namespace

TEST_CASE("watch names: letters, digits, spaces, - _ .; the first bad character and its column") {
  CHECK(name_error("klantcontact") == "ok");
  CHECK(name_error("Werk en Re-integratie 2.0") == "ok");
  CHECK(name_error("café_1") == "ok");
  CHECK(name_error("a/b") == "watch name 'a/b': '/' at column 2 is not allowed (letters, digits, spaces, '-', '_', '.')");
  CHECK(name_error("zaak \"406\"") ==
        "watch name 'zaak \"406\"': '\"' at column 6 is not allowed (letters, digits, spaces, '-', '_', '.')");
  CHECK(name_error("o'neill") == "watch name 'o'neill': ''' at column 2 is not allowed (letters, digits, spaces, '-', '_', '.')");
  CHECK(name_error("é‘x’") == "watch name 'é‘x’': '‘' at column 2 is not allowed (letters, digits, spaces, '-', '_', '.')");
  CHECK(name_error("a\tb") == "watch name 'a\tb': a control character at column 2 is not allowed (letters, digits, spaces, '-', '_', '.')");
  CHECK(name_error("") == "a watch needs a name");
  CHECK(name_error("-x") == "watch name '-x': it must start with a letter or a digit, not '-'");
  CHECK(name_error("x ") == "watch name 'x ': it must not end with a space");
  CHECK(name_error(std::string(65, 'a')) == "watch name '" + std::string(65, 'a') + "': 65 characters, at most 64");
  CHECK(name_error("a\xff") == "watch name 'a\xff': not valid UTF-8 at column 2");
}

TEST_CASE("watch names derived from a search keep what a name may hold") {
  CHECK(derive_watch_name("communicatie \"geen reactie\"", {{"afdeling", "Werk en Re-integratie"}}) ==
        "communicatie geen reactie Werk en");
  CHECK(derive_watch_name("2023/0456", {}) == "2023 0456");
  CHECK(derive_watch_name("", {{"theme", "communicatie"}}) == "communicatie");
  CHECK(derive_watch_name("\"\" ()", {}) == "zoekopdracht");
  CHECK(derive_watch_name(std::string(50, 'k'), {}) == std::string(40, 'k'));  // one word: cut
  CHECK(derive_watch_name("communicatie Werk en Re-integratie", {}) == "communicatie Werk en Re-integratie");
}

TEST_CASE("watch search: the parser's message for a bad query; nothing at all is refused") {
  auto bad = watch_search_options("\"geen reactie", {});
  REQUIRE(!bad.ok());
  CHECK(bad.error().code == Errc::usage);
  CHECK(bad.error().message == "query: unclosed quote (column 1)");
  auto none = watch_search_options("", {});
  REQUIRE(!none.ok());
  CHECK(none.error().message == "a watch needs a query or a filter (it would follow every report)");
  auto bad_filter = watch_search_options("klacht", {{"year", "twintig"}});
  REQUIRE(!bad_filter.ok());
  CHECK(bad_filter.error().code == Errc::usage);
  auto ok = watch_search_options("klacht thema:communicatie", {{"afdeling", "Werk"}});
  REQUIRE(ok.ok());
  CHECK(ok->query.filters.theme == std::vector<std::string>{"communicatie"});
  CHECK(ok->query.filters.afdeling == std::vector<std::string>{"Werk"});
}

TEST_CASE("watch cells: afdeling, theme, doctype and org narrow; cells overall only without that filter") {
  const Signal in_cell = sig("communicatie", "Werk en Re-integratie", SignalKind::shift, 3.0, true);
  const Signal theme_overall = sig("communicatie", "", SignalKind::shift, 2.0, true);
  const Signal afdeling_overall = sig("", "Werk en Re-integratie", SignalKind::rising, 2.0, true);
  const Signal other = sig("bejegening", "Inkomen", SignalKind::rising, 2.0, true);
  QueryFilters none;
  CHECK(signal_in_watch(in_cell, none));
  CHECK(signal_in_watch(other, none));
  QueryFilters af;
  af.afdeling = {"werk en re-integratie"};
  CHECK(signal_in_watch(in_cell, af));
  CHECK(!signal_in_watch(theme_overall, af));
  CHECK(signal_in_watch(afdeling_overall, af));
  CHECK(!signal_in_watch(other, af));
  QueryFilters th;
  th.theme = {"communicatie"};
  CHECK(signal_in_watch(in_cell, th));
  CHECK(signal_in_watch(theme_overall, th));
  CHECK(!signal_in_watch(afdeling_overall, th));
  QueryFilters org;
  org.org = {"amstel"};
  CHECK(signal_in_watch(other, org));
  org.org = {"zuiderhaven"};
  CHECK(!signal_in_watch(other, org));
  QueryFilters dt;
  dt.doctype = {"rapport"};
  CHECK(!signal_in_watch(in_cell, dt));
  QueryFilters years;  // year filters narrow hits only
  years.from = 2030;
  CHECK(signal_in_watch(in_cell, years));
}

TEST_CASE("signal diff: appeared, changed (ratio x1.5, since, still up), ended; small moves are not news") {
  Signal shift_now = sig("communicatie", "Werk", SignalKind::shift, 5.2, true);
  shift_now.shift = ShiftFacts{};
  shift_now.shift->since = "2021Q3";
  shift_now.shift->still_up = true;
  const std::vector<Signal> now = {
      sig("communicatie", "Werk", SignalKind::recurring, 2.0, true),   // new
      shift_now,                                                        // since moved
      sig("communicatie", "", SignalKind::trend, 3.0, true),           // ratio 2.0 -> 3.0: x1.5, changed
      sig("bejegening", "", SignalKind::trend, 2.8, true),             // 2.0 -> 2.8: x1.4, not news
      sig("privacy", "Werk", SignalKind::rising, 1.2, false),          // was an alert: ended, still tested
      sig("termijnen", "", SignalKind::profile, std::nullopt, true),   // ratio now absent: changed
  };
  auto mark = [](const Signal& s, std::optional<double> ratio, std::string since = {}, bool still_up = false) {
    SignalMark m = mark_of(s);
    m.ratio = ratio;
    m.since = std::move(since);
    m.still_up = still_up;
    m.period = "2022Q2";
    return m;
  };
  std::vector<SignalMark> reported = {
      mark(now[1], 5.0, "2021Q2", true),
      mark(now[2], 2.0),
      mark(now[3], 2.0),
      mark(now[4], 2.5),
      mark(now[5], 1.9),
      mark(sig("afhandelingsduur", "Inkomen", SignalKind::unusual, 2.0, true), 2.0),  // no longer tested
  };
  CHECK(describe(diff_signals(reported, now)) ==
        std::vector<std::string>{
            "appeared communicatie|Werk|recurring",
            "changed communicatie|Werk|shift [since 2021Q2 → 2021Q3]",
            "changed communicatie||trend [ratio 2.00 → 3.00]",
            "changed termijnen||profile [ratio 1.90 → –]",
            "ended privacy|Werk|rising now: q 0.5 above --q 0.1",
            "ended afhandelingsduur|Inkomen|unusual not tested",
        });
  // The same state again: nothing.
  std::vector<SignalMark> same;
  for (const Signal& s : now)
    if (s.alert) same.push_back(mark_of(s));
  CHECK(diff_signals(same, now).empty());
  // still_up turning is a change of a shift.
  Signal down = shift_now;
  down.shift->still_up = false;
  CHECK(describe(diff_signals({mark_of(shift_now)}, {down})) ==
        std::vector<std::string>{"changed communicatie|Werk|shift [still up in the latest period: yes → no]"});
}

TEST_CASE("watch store: baseline, a name taken, replace, record, remove") {
  test::TempDir dir;
  auto db = Database::open(dir.file("w.db"));
  REQUIRE(db.ok());
  WatchRow w;
  w.name = "klantcontact";
  w.query = "klantmanager";
  w.filters = {{"afdeling", "Werk en Re-integratie"}, {"from", "2020"}};
  w.generation = 7;
  SignalMark m;
  m.organisation = "O";
  m.doctype = "kwartaalrapportage";
  m.theme = "communicatie";
  m.kind = "shift";
  m.period = "2022Q2";
  m.ratio = 4.5;
  m.q = 0.01;
  m.since = "2021Q3";
  m.still_up = true;
  auto added = add_watch(*db, w, false, {"h1", "h2", "h2"}, {m});
  REQUIRE(added.ok());
  CHECK(added->seen == 2);
  CHECK(added->generation == 7);
  CHECK(added->reported_at.empty());
  CHECK(added->filters == w.filters);

  auto again = add_watch(*db, w, false, {}, {});
  REQUIRE(!again.ok());
  CHECK(again.error().code == Errc::usage);
  CHECK(again.error().message == "a watch named 'klantcontact' exists (--replace to replace it)");

  auto sigs = reported_signals(*db, added->id);
  REQUIRE(sigs.ok());
  REQUIRE(sigs->size() == 1);
  CHECK((*sigs)[0].key() == m.key());
  CHECK((*sigs)[0].since == "2021Q3");
  CHECK((*sigs)[0].still_up);
  CHECK((*sigs)[0].ratio == 4.5);

  // A report of generation 9 records its hits and signals.
  auto rec = record_report(*db, added->id, 9, {"h3"}, {});
  REQUIRE(rec.ok());
  CHECK(*rec);
  auto seen = seen_keys(*db, added->id);
  REQUIRE(seen.ok());
  CHECK(*seen == std::unordered_set<std::string>{"h1", "h2", "h3"});
  CHECK(reported_signals(*db, added->id)->empty());
  CHECK(!(*find_watch(*db, "klantcontact"))->reported_at.empty());
  // One made on an older state (generation 8) adds its hits, keeps the newer signals.
  REQUIRE(record_report(*db, added->id, 8, {"h4"}, {m}).ok());
  CHECK(seen_keys(*db, added->id)->size() == 4);
  CHECK(reported_signals(*db, added->id)->empty());
  CHECK((*find_watch(*db, "klantcontact"))->generation == 9);

  // Replaced: a new id, its state from scratch; a report of the old one is not recorded.
  auto replaced = add_watch(*db, w, true, {"h9"}, {});
  REQUIRE(replaced.ok());
  CHECK(replaced->id != added->id);
  CHECK(replaced->seen == 1);
  auto stale = record_report(*db, added->id, 10, {"h5"}, {m});
  REQUIRE(stale.ok());
  CHECK(!*stale);
  CHECK(test::scalar(*db, "SELECT count(*) FROM watch_seen") == 1);

  auto listed = list_watches(*db);
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  CHECK(render_watch_list(*listed, WatchFormat::text).find(
            "klantcontact\n    search: klantmanager afdeling:\"Werk en Re-integratie\" from:2020\n") == 0);

  CHECK(*remove_watch(*db, "klantcontact"));
  CHECK(!*remove_watch(*db, "klantcontact"));
  CHECK(test::scalar(*db, "SELECT count(*) FROM watch_seen") == 0);
  CHECK(test::scalar(*db, "SELECT count(*) FROM watch_signals") == 0);
}

TEST_CASE("watch store: a database of schema 7 gains the watch tables when opened for writing") {
  test::TempDir dir;
  const std::string path = dir.file("old.db");
  {
    auto db = Database::open(path);
    REQUIRE(db.ok());
    REQUIRE(db->exec("DROP TABLE watch_signals; DROP TABLE watch_seen; DROP TABLE watches; PRAGMA user_version=7").ok());
  }
  {
    auto ro = Database::open(path, OpenOptions{.read_only = true});  // upgraded through a writable connection
    REQUIRE(ro.ok());
    CHECK(ro->schema_version() == kSchemaVersion);
    auto ws = list_watches(*ro);
    REQUIRE(ws.ok());
    CHECK(ws->empty());
  }
  auto db = Database::open(path);
  REQUIRE(db.ok());
  CHECK(test::scalar(*db, "PRAGMA user_version") == kSchemaVersion);
  CHECK(test::scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'watch%'") == 3);
}

TEST_CASE("watch: new hits after an ingest, once; a copy under another path is not new") {
  test::TempDir dir;
  auto db = Database::open(dir.file("w.db"));
  REQUIRE(db.ok());
  auto an = test::with_rules();
  const std::string a = dir.write("in/a.txt", report_text("belde niet terug"));
  REQUIRE(ingest(*db, {a}, an).ok());

  auto w = create_watch(*db, {"klant", "klantmanager", {}}, false);
  REQUIRE(w.ok());
  CHECK(w->seen == 1);
  auto first = watch_news(*db, {});
  REQUIRE(first.ok());
  REQUIRE(first->size() == 1);
  CHECK(!(*first)[0].any());
  CHECK((*first)[0].hits_total == 1);

  const std::string b = dir.write("in/b.txt", report_text("stuurde geen brief"));
  REQUIRE(ingest(*db, {b}, an).ok());
  auto second = watch_news(*db, {});
  REQUIRE(second.ok());
  const WatchNews& n = (*second)[0];
  CHECK(n.hits_total == 2);
  REQUIRE(n.new_keys.size() == 1);
  CHECK(n.new_keys[0] == test::text_of(*db, "SELECT content_hash FROM documents d JOIN sources s ON s.document_id = d.id "
                                            "WHERE s.path LIKE '%b.txt'") + "#p:0");
  REQUIRE(n.new_hits.size() == 1);
  CHECK(n.new_hits[0].sources == std::vector<std::string>{b});
  CHECK(watch_news_line(n) == "watch klant: 1 new hit (ombudsmine watch)");
  // Peeking (no mark) shows it again; marking makes it old.
  CHECK((*watch_news(*db, {}))[0].new_keys.size() == 1);
  auto marked = mark_reported(*db, *second);
  REQUIRE(marked.ok());
  CHECK(*marked == 1);
  CHECK(!(*watch_news(*db, {}))[0].any());

  const std::string c = dir.write("in/copy/c.txt", report_text("stuurde geen brief"));
  REQUIRE(ingest(*db, {c}, an).ok());
  CHECK(!(*watch_news(*db, {}))[0].any());

  WatchRunOptions only;
  only.names = {"onbekend"};
  auto unknown = watch_news(*db, only);
  REQUIRE(!unknown.ok());
  CHECK(unknown.error().code == Errc::not_found);
  CHECK(unknown.error().message == "no watch named 'onbekend' (ombudsmine watch list)");
}

TEST_CASE("hit keys: a case by its zaaknummer or ordinal, the same with a seek per hit or one scan") {
  test::TempDir dir;
  auto db = Database::open(dir.file("k.db"));
  REQUIRE(db.ok());
  REQUIRE(db->exec("INSERT INTO documents(id, content_hash, byte_size, encoding, ingested_at, pipeline_version) "
                   "VALUES(5, 'h5', 1, 'utf-8', '', 1);"
                   "INSERT INTO cases(id, document_id, ordinal, zaaknummer, start, end) VALUES(50, 5, 0, '406', 0, 1);"
                   "INSERT INTO cases(id, document_id, ordinal, zaaknummer, start, end) VALUES(51, 5, 1, '', 1, 2);")
              .ok());
  const HitIdentity zaak{"case", 5, 50, 0}, nameless{"case", 5, 51, 0}, gone{"case", 5, 99, 0}, report{"document", 5, {}, 0};
  auto few = hit_keys(*db, {zaak, nameless, gone, report});
  REQUIRE(few.ok());
  CHECK(*few == std::vector<std::string>{"h5#zaak:406", "h5#case:1", "h5#case:id99", "h5"});
  std::vector<HitIdentity> many(2048, nameless);  // from 2048 case hits on: one scan of cases
  many.front() = zaak;
  many.back() = gone;
  auto scanned = hit_keys(*db, many);
  REQUIRE(scanned.ok());
  REQUIRE(scanned->size() == 2048);
  CHECK((*scanned)[0] == "h5#zaak:406");
  CHECK((*scanned)[1] == "h5#case:1");
  CHECK((*scanned)[2047] == "h5#case:id99");
}
