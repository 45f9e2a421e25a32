// The damage classes of issue #19, on fixtures written by hand:
// tests/fixtures/damage/<set>/<class>.txt (format: tests/fixtures/damage/
// README.md). Per class, a case is repaired when normalize(damaged) equals
// normalize(clean); a word of a clean text (and of a control) that the
// normaliser does not write back unchanged is a damaged correct word.
// The development set is asserted (per class at least its floor, no damaged
// word; the target is 90 %); the
// held-out set, written by another hand, is measured by the hidden case
// "[.heldout]" only, to be reported, never to develop rules on:
//   build/test/tests/omb_tests "[heldout]" -s   (ctest leaves it out)
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "testutil.h"

using namespace omb;
namespace fs = std::filesystem;

namespace {

struct DamageCase {
  std::string id;
  int line = 0;
  std::string damaged, clean;  // clean empty: a control
};

// A line "<FF>" is a page break: a form feed that joins the lines around it.
std::string with_page_breaks(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) {
    if (l == "<FF>") {
      if (!out.empty() && out.back() == '\n') out.pop_back();
      out += "\n\f";
      continue;
    }
    out += l;
    out += '\n';
  }
  return out;
}

// Comment lines at the end of a case's last part belong to the next case
// (dev11 writes a case's source above its "===").
void drop_trailing_comments(std::string& part) {
  while (!part.empty()) {
    std::size_t b = part.rfind('\n', part.size() - 2);
    b = b == std::string::npos ? 0 : b + 1;
    if (part.compare(b, 1, "#") != 0) break;
    part.erase(b);
  }
}

std::vector<DamageCase> load_cases(const std::string& path) {
  std::ifstream f(path);
  std::vector<DamageCase> cases;
  std::string l;
  int no = 0;
  bool in_clean = false;
  auto close_case = [&] {
    if (!cases.empty()) drop_trailing_comments(in_clean ? cases.back().clean : cases.back().damaged);
  };
  while (std::getline(f, l)) {
    ++no;
    if (l.rfind("=== ", 0) == 0) {
      close_case();
      cases.push_back({l.substr(4), no, "", ""});
      in_clean = false;
      continue;
    }
    if (cases.empty() || (l.rfind("#", 0) == 0 && !in_clean && cases.back().damaged.empty())) continue;
    if (l == "--- clean") { in_clean = true; continue; }
    (in_clean ? cases.back().clean : cases.back().damaged) += l + "\n";
  }
  close_case();
  for (DamageCase& c : cases) {
    c.damaged = with_page_breaks(c.damaged);
    c.clean = with_page_breaks(c.clean);
  }
  return cases;
}

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> w;
  std::istringstream in(s);
  std::string t;
  while (in >> t)
    if (t != "\xE2\x80\xA2") w.push_back(t);  // the bullet the normaliser writes
  return w;
}

// Words of `text` that `out` lacks (as a multiset).
std::vector<std::string> lost_words(const std::string& text, const std::string& out) {
  std::map<std::string, int> have;
  for (const std::string& w : words_of(out)) ++have[w];
  std::vector<std::string> lost;
  for (const std::string& w : words_of(text)) {
    if (w == "-" || w == "*") continue;  // bullets as written
    if (have[w]-- <= 0) lost.push_back(w);
  }
  return lost;
}

struct Score {
  int cases = 0, repaired = 0, damaged_words = 0;
  std::vector<std::string> misses;
};

Score score_file(const std::string& path) {
  Score s;
  const Normalizer& n = test::normalizer();
  for (const DamageCase& c : load_cases(path)) {
    bool control = c.clean.empty();
    const std::string& clean = control ? c.damaged : c.clean;
    std::string want = n.normalize(clean).text;
    for (const std::string& w : lost_words(clean, want)) {
      ++s.damaged_words;
      s.misses.push_back(c.id + " (line " + std::to_string(c.line) + "): correct word changed: " + w);
    }
    if (control) continue;
    ++s.cases;
    std::string got = n.normalize(c.damaged).text;
    if (got == want) ++s.repaired;
    else s.misses.push_back(c.id + " (line " + std::to_string(c.line) + "):\n  got:  " + got + "  want: " + want);
  }
  return s;
}

struct Report {
  std::map<std::string, Score> classes;
  int damaged_words = 0;
};

Report measure(const std::string& set, bool print) {
  Report r;
  std::string dir = test::source_dir() + "/tests/fixtures/damage/" + set;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    Score s = score_file(f);
    r.damaged_words += s.damaged_words;
    if (print) {
      std::printf("%-12s %3d/%3d repaired (%.3f), %d correct words changed\n", fs::path(f).stem().c_str(), s.repaired,
                  s.cases, s.cases ? double(s.repaired) / s.cases : 1.0, s.damaged_words);
      for (const std::string& m : s.misses) std::printf("    %s\n", m.c_str());
    }
    r.classes[fs::path(f).stem().string()] = std::move(s);
  }
  return r;
}

// Every class of `set` has `cases` cases, repairs at least its floor and
// changes no correct word but the known ones.
// With `only`, the classes named there alone (a set whose classes have
// different numbers of cases).
void check_floors(const std::string& set, int cases, const std::map<std::string, int>& floors,
                  const std::map<std::string, int>& known_damage, const std::set<std::string>& only = {}) {
  Report r = measure(set, false);
  if (only.empty()) REQUIRE(r.classes.size() == floors.size());
  for (const auto& [name, s] : r.classes) {
    if (!only.empty() && !only.count(name)) continue;
    INFO(set << " " << name << ": " << s.repaired << " of " << s.cases);
    for (const std::string& m : s.misses) UNSCOPED_INFO(m);
    REQUIRE(s.cases == cases);
    CHECK(s.repaired >= floors.at(name));
    CHECK(s.damaged_words == (known_damage.count(name) ? known_damage.at(name) : 0));
  }
}

// Whole documents (dev11/documents): the words of a text, lower-cased, as a
// bag; a word is a run of letters and digits (any byte of a multi-byte
// character counts as a letter, but for U+2000–U+20FF: dashes, quotes,
// bullets, the euro sign).
std::map<std::string, int> word_bag(const std::string& text) {
  std::map<std::string, int> bag;
  std::string w;
  auto flush = [&] {
    if (!w.empty()) ++bag[w];
    w.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xFC) == 0x80) {
      flush();
      i += 2;
    } else if (std::isalnum(c) || c >= 0x80) {
      w += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return bag;
}

struct WordError {
  int extra = 0, missing = 0, words = 0;  // against the reference
  double rate() const { return words ? 100.0 * (extra + missing) / words : 0.0; }
};

WordError word_error(const std::map<std::string, int>& ref, const std::string& text) {
  WordError e;
  std::map<std::string, int> got = word_bag(text);
  for (const auto& [w, n] : ref) {
    e.words += n;
    auto it = got.find(w);
    const int have = it == got.end() ? 0 : it->second;
    if (have < n) e.missing += n - have;
  }
  for (const auto& [w, n] : got) {
    auto it = ref.find(w);
    const int want = it == ref.end() ? 0 : it->second;
    if (n > want) e.extra += n - want;
  }
  return e;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream o;
  o << f.rdbuf();
  return o.str();
}

// Per tool mode ("txt", "layout.txt", "ocr.txt"): the word error of the
// tool's output as it came, and after the normaliser, over all documents.
std::map<std::string, std::pair<WordError, WordError>> measure_documents(bool print) {
  const std::string dir = test::source_dir() + "/tests/fixtures/damage/dev11/documents/";
  std::map<std::string, std::pair<WordError, WordError>> out;
  std::vector<std::string> refs;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.size() > 8 && n.compare(n.size() - 8, 8, ".ref.txt") == 0) refs.push_back(n.substr(0, n.size() - 8));
  }
  std::sort(refs.begin(), refs.end());
  for (const std::string& doc : refs) {
    const auto ref = word_bag(slurp(dir + doc + ".ref.txt"));
    for (const char* mode : {"txt", "layout.txt", "ocr.txt"}) {
      const std::string path = dir + doc + "." + mode;
      if (!fs::exists(path)) continue;
      const std::string raw = slurp(path);
      WordError before = word_error(ref, raw), after = word_error(ref, test::normalizer().normalize(raw).text);
      if (print)
        std::printf("%-20s %-11s raw %5.2f%%  normalised %5.2f%% (%d extra, %d missing of %d)\n", doc.c_str(), mode,
                    before.rate(), after.rate(), after.extra, after.missing, after.words);
      auto& [b, a] = out[mode];
      b.extra += before.extra, b.missing += before.missing, b.words += before.words;
      a.extra += after.extra, a.missing += after.missing, a.words += after.words;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("damage fixtures: the case format, page breaks and controls") {
  test::TempDir dir;
  std::string p = dir.write("x.txt", "# comment\n=== a\nKlacht-\n<FF>\nbehandeling\n--- clean\nKlachtbehandeling\n=== b\nde UWV\n");
  std::vector<DamageCase> cs = load_cases(p);
  REQUIRE(cs.size() == 2);
  CHECK(cs[0].id == "a");
  CHECK(cs[0].line == 2);
  CHECK(cs[0].damaged == "Klacht-\n\fbehandeling\n");
  CHECK(cs[0].clean == "Klachtbehandeling\n");
  CHECK(cs[1].clean.empty());
  // A comment above the next case's "===" is no text of this case.
  std::string q = dir.write("y.txt", "=== a\nkapot\n--- clean\nheel\n# source: d01\n=== b\nde UWV\n# end\n");
  std::vector<DamageCase> ds = load_cases(q);
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].clean == "heel\n");
  CHECK(ds[1].damaged == "de UWV\n");
  CHECK(lost_words("• een twee", "• een drie\n") == std::vector<std::string>{"twee"});
}

// The target is 90 % of every class (issue #19); these floors are what the
// rules reach today, so that no change goes back on them. Raise a floor when
// a class gets better; at 0.90 each, the target is met.
TEST_CASE("damage fixtures: the development set, per class at least its floor, no correct word changed") {
  const std::map<std::string, int> floor_of_20 = {{"apostrophe", 20}, {"debris", 20}, {"glued", 19}, {"headers", 19},
                                                  {"heading", 19},    {"letter", 20},  {"mojibake", 20}, {"ocr", 19},
                                                  {"spaced", 17},     {"wrap", 20}};
  Report r = measure("dev", false);
  REQUIRE(r.classes.size() == 11);
  for (const auto& [name, s] : r.classes) {
    INFO(name << ": " << s.repaired << " of " << s.cases);
    for (const std::string& m : s.misses) UNSCOPED_INFO(m);
    if (name != "controls") {
      REQUIRE(s.cases == 20);
      CHECK(s.repaired >= floor_of_20.at(name));
    }
    CHECK(s.damaged_words == 0);
  }
}

// dev2: five classes in styles the first set did not show (viewer toolbars,
// consent lines, page markers, separators, web addresses; punctuation and
// footnotes glued; question and role headings; ligature gaps), written blind
// to the rules in session 12. Floors as above, of 24 cases each.
// One correct word is changed, and known: the company name "DeltaPoort" is
// split at its capital as "JaarbeschouwingOmbudsman" must be; telling the
// two apart needs a list of names.
TEST_CASE("damage fixtures: the second development set, per class at least its floor, no correct word changed") {
  check_floors("dev2", 24, {{"debris", 22}, {"glued", 19}, {"headers", 21}, {"heading", 24}, {"spaced", 20}}, {{"glued", 1}});
}

// dev3: five classes again, 20 cases each, written blind in session 14
// (document-site chrome, print footers, scan specks; lettered, section-mark
// and chapter-word headings; glued prepositions, dates and footnotes). Their
// first run repaired debris 3, glued 10, headers 12, heading 8, spaced 13.
TEST_CASE("damage fixtures: the third development set, per class at least its floor, no correct word changed") {
  check_floors("dev3", 20, {{"debris", 19}, {"glued", 17}, {"headers", 18}, {"heading", 19}, {"spaced", 17}}, {});
}

// dev4: debris alone, 24 cases, written blind in session 18 (document-hosting
// chrome, fax headers, incoming-mail stamps, reading and accessibility tools,
// publication metadata, watermarks). Its first run repaired 2 of 24 (5 more
// failed only as two lines of prose stood together, which the clean part now
// joins: see the file's head).
TEST_CASE("damage fixtures: the fourth development set, per class at least its floor, no correct word changed") {
  check_floors("dev4", 24, {{"debris", 17}}, {});
}

// dev5: ocr, spaced, glued, headers and heading, 20 cases each, written
// blind in session 19 (two-column scans, roman and section-mark headings,
// letter continuation headers, O for 0 in amounts). First run: glued 10,
// headers 11, heading 13, ocr 9 (13 after the OCR repairs made before it
// was read), spaced 11.
TEST_CASE("damage fixtures: the fifth development set, per class at least its floor, no correct word changed") {
  check_floors("dev5", 20, {{"glued", 17}, {"headers", 16}, {"heading", 18}, {"ocr", 19}, {"spaced", 16}}, {});
}

// dev6: debris (30 cases), headers and heading (15 each), written blind in
// session 20 (document hosts, web archives, browser and mail prints, scan
// stamps, converter watermarks, leader dots; running heads in new shapes).
// First run: debris 6, headers 9, heading 14.
TEST_CASE("damage fixtures: the sixth development set, per class at least its floor, no correct word changed") {
  check_floors("dev6", 30, {{"debris", 27}}, {}, {"debris"});
  check_floors("dev6", 15, {{"headers", 12}, {"heading", 14}}, {}, {"headers", "heading"});
}

// dev7: debris (30 cases), headers (15) and controls (15), written blind in
// session 21 (document hosts' upload and view counts, share buttons, pagers,
// language switches, converter watermarks, web-archive and cache notices
// glued to report lines; running heads as "- 4 -", "4/12", "blz. 11", a
// letter's side column). First run: debris 7, headers 11, no correct word
// changed.
TEST_CASE("damage fixtures: the seventh development set, per class at least its floor, no correct word changed") {
  check_floors("dev7", 30, {{"debris", 29}}, {}, {"debris"});
  check_floors("dev7", 15, {{"headers", 11}}, {}, {"headers"});
  CHECK(measure("dev7", false).damaged_words == 0);
}

// dev8: debris (20 cases), glued, headers, heading, ocr and spaced (15 each),
// written blind in session 23 (e-book and signature stamps, track changes,
// transcript timestamps, widgets; running heads as "Vervolgblad 2", recto and
// verso numbers, print footers; OCR's m for in, u for n; stray spaces,
// spaced numbers; glued lines, marks and lists). First run: debris 1,
// glued 6, headers 9, heading 14, ocr 10, spaced 11.
TEST_CASE("damage fixtures: the eighth development set, per class at least its floor, no correct word changed") {
  check_floors("dev8", 20, {{"debris", 19}}, {}, {"debris"});
  check_floors("dev8", 15, {{"glued", 9}, {"headers", 9}, {"heading", 14}, {"ocr", 13}, {"spaced", 11}}, {},
               {"glued", "headers", "heading", "ocr", "spaced"});
}

// dev9: debris (30 cases), glued and headers (20 each), spaced (15), written
// blind in session 28 (council portals, browser and mail prints, leaked PDF
// tags, scan stamps, converter watermarks, transcript events; heading and
// page numbers glued on; running heads as "4 | Jaarverslag", "blz. 4",
// "B-4"; small capitals and drop caps split). First run: debris 10, glued 9,
// headers 17, spaced 13; after session 28's rules for them, debris 26 (who
// left a meeting stays: minutes write the same sentence) and
// glued 14.
TEST_CASE("damage fixtures: the ninth development set, per class at least its floor, no correct word changed") {
  check_floors("dev9", 30, {{"debris", 26}}, {}, {"debris"});
  check_floors("dev9", 20, {{"glued", 14}, {"headers", 17}}, {}, {"glued", "headers"});
  check_floors("dev9", 15, {{"spaced", 13}}, {}, {"spaced"});
}

// dev10: debris (30 cases) of real sites, written blind in session 29: the
// interface text of real document mirrors (docplayer, 5dok, vdocuments,
// yumpu, vdoc.pub), government publication sites (overheid.nl,
// officielebekendmakingen.nl, a parliament mirror), a transcript service and
// municipal and audit-office sites, as the stored pages show it, around the
// helper's own sentences; four cases hold controls (a quoted "Bezig met
// laden" stays). First run: 2 repaired, 3 correct words changed (the quoted
// control); after session 29's rules, 22, none changed.
TEST_CASE("damage fixtures: the tenth development set, per class at least its floor, no correct word changed") {
  check_floors("dev10", 30, {{"debris", 22}}, {}, {"debris"});
}

// dev11: damage made by real tools, written blind in session 30: ten report
// pages rendered to PDF by Chromium, read back by pdftotext (default and
// -layout) and, scanned and degraded, by tesseract -l nld; each damaged
// part is the tools' output byte for byte. First run: debris 0/2, glued
// 5/5, headers 1/13, heading 7/8, letter 1/6, ocr 2/14, spaced 2/8, wrap
// 6/12; no correct word changed. Printed by "[.devreport]".
// dev11's whole documents: the ten pages' full tool output, against the
// words of their source (documents/*.ref.txt, scripts/fixtures/dev11-reference.py). A
// running head that repeats is found only in a whole document; the cases
// above are cut from one page break. The word error counts words added and
// words lost, as bags. At session 30 (pdftotext default, -layout,
// tesseract): raw 7.58, 7.58, 7.96 %; normalised 1.76, 1.80, 6.68 %, and
// 0.74, 0.78, 6.68 % once kerned pairs in spaced capitals joined; the OCR
// pages joined with a form feed, as ingest joins them: 5.40 %; bullets and
// dashes no words (they had counted as words): 0.66, 0.72, 4.97 % at the
// session's end.
TEST_CASE("damage fixtures: dev11's whole documents come out nearer their source") {
  auto m = measure_documents(false);
  REQUIRE(m.size() == 3);
  for (const auto& [mode, ba] : m) {
    INFO(mode << ": raw " << ba.first.rate() << "%, normalised " << ba.second.rate() << "%");
    CHECK(ba.second.rate() < ba.first.rate());
  }
  CHECK(m["txt"].second.rate() <= 0.8);
  CHECK(m["layout.txt"].second.rate() <= 0.8);
  CHECK(m["ocr.txt"].second.rate() <= 5.3);
}

TEST_CASE("damage fixtures: dev11's whole documents, printed", "[.devreport]") { measure_documents(true); }

TEST_CASE("damage fixtures: the held-out set, reported once", "[.heldout]") {
  Report r = measure("heldout", true);
  CHECK(r.damaged_words == 0);
}

// Development figures, printed (not asserted): omb_tests "[.devreport]" -s
TEST_CASE("damage fixtures: the development set, printed", "[.devreport]") {
  measure("dev", true);
  measure("dev2", true);
  measure("dev3", true);
  measure("dev4", true);
  measure("dev5", true);
  measure("dev6", true);
  measure("dev7", true);
  measure("dev8", true);
  measure("dev9", true);
  measure("dev10", true);
  measure("dev11", true);
}
