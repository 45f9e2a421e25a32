// normalize/chrome.h: lines and tails of a viewer's controls.
#include <catch2/catch.hpp>

#include "normalize/chrome.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {

const Chrome& project_chrome() {
  static std::unique_ptr<Chrome> c = [] {
    auto r = Chrome::load(test::source_dir() + "/dictionaries/normalize/interface-phrases.txt");
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return std::move(r).value();
  }();
  return *c;
}

std::unique_ptr<Chrome> chrome_of(const std::string& text) {
  static test::TempDir dir;
  auto r = Chrome::load(dir.write("interface-phrases.txt", text));
  if (!r.ok()) throw std::runtime_error(r.error().to_string());
  return std::move(r).value();
}

}  // namespace

TEST_CASE("chrome: a line of strong phrases, numbers and signs is chrome") {
  auto c = chrome_of("meld dit document\ndeel op\nabonneren\nweergaven\ngepubliceerd\tweak\njaar geleden\tweak\n");
  CHECK(c->covers("Abonneren     Meld dit document     Deel op"));
  CHECK(c->covers("Gepubliceerd: 3 jaar geleden  |  Weergaven: 1,2K"));
  CHECK(c->covers("» Deel op «"));
  // A word that is no phrase, or a phrase cut short, keeps the line.
  CHECK_FALSE(c->covers("Abonneren op de nieuwsbrief"));
  CHECK_FALSE(c->covers("Meld dit"));
  CHECK_FALSE(c->covers("Abonneren."));  // a line that ends as a sentence does is text
}

TEST_CASE("chrome: weak phrases alone are text, beside evidence they are chrome") {
  auto c = chrome_of("ga direct naar\ninhoud\tweak\nzoeken\nstop\tweak\npauze\tweak\n");
  CHECK_FALSE(c->covers("Inhoud"));
  CHECK_FALSE(c->covers("Stop"));
  CHECK_FALSE(c->covers("12 34"));  // numbers alone: a table's row
  CHECK(c->covers("Ga direct naar: Inhoud | Zoeken"));
  CHECK(c->covers("❚❚ Pauze   ■ Stop"));     // the pause bars are evidence
  CHECK(c->covers("★★★★☆  4,2"));            // rating stars
  CHECK_FALSE(c->covers("■ Stop"));          // a bullet is no evidence
}

TEST_CASE("chrome: share icons that are letters (circled, mathematical) are pictographs") {
  auto c = chrome_of("deel op\nin\tweak\n");
  CHECK(c->covers("Deel op:   ⓕ   𝕏   in   ✉   🔗"));
  CHECK(c->covers("in ⓕ ✉"));  // pictographs are evidence on their own
  CHECK_FALSE(c->covers("in de brief"));
}

TEST_CASE("chrome: a tail after a sentence end goes, the sentence stays") {
  auto c = chrome_of("lees voor\npauze\tweak\nstop\tweak\n");
  std::string t = "Bij de helft ontbrak een verslag. ▶ Lees voor   ❚❚ Pauze   ■ Stop";
  std::optional<RepairHit> h = c->tail(t);
  REQUIRE(h);
  CHECK(t.substr(0, h->start) == "Bij de helft ontbrak een verslag.");
  CHECK(h->end == t.size());
  CHECK(h->rule == "interface-tail");
  CHECK_FALSE(c->tail("Hij stopte. Pauze"));           // weak alone
  CHECK_FALSE(c->tail("Lees voor"));                   // no sentence before it: a line's matter
  CHECK_FALSE(c->tail("Zij las het. Lees voor het slapen."));
}

TEST_CASE("chrome: the file's faults name the line") {
  test::TempDir dir;
  auto bad = Chrome::load(dir.write("p.txt", "# c\nlees voor\tsterk\n"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().to_string().find("p.txt:2") != std::string::npos);
  auto twice = Chrome::load(dir.write("q.txt", "delen\nDelen:\n"));
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().to_string().find("q.txt:2") != std::string::npos);
  auto digits = Chrome::load(dir.write("r.txt", "pagina 3\n"));
  REQUIRE_FALSE(digits.ok());
  CHECK(digits.error().to_string().find("r.txt:1") != std::string::npos);
}

TEST_CASE("chrome: the project's phrases keep report lines that look like controls") {
  const Chrome& c = project_chrome();
  CHECK(c.covers("Pagina 3 van 12"));
  CHECK(c.covers("Inzoomen Uitzoomen Afdrukken Downloaden Volledig scherm"));
  CHECK(c.covers("Tekst vergroten   A   A   A     Contrast     ▶ Lees voor"));
  CHECK_FALSE(c.covers("Inhoud"));
  CHECK_FALSE(c.covers("Hoofdstuk 3"));
  CHECK_FALSE(c.covers("Volgen"));
  CHECK_FALSE(c.covers("De klacht is gegrond."));
}

// Regression (fuzzing, session 19): a number at the very end of the text
// was read one byte past it (number_end looked at s[i] before checking i).
// The string is cut from a longer buffer so that the byte past it is no
// terminator the sanitizers would miss.
TEST_CASE("chrome regression: a number at the text's end is read within it") {
  auto c = chrome_of("lees voor\n");
  std::string buffer = "Het verslag kwam in 2021.5";
  std::string_view t = std::string_view(buffer).substr(0, buffer.size() - 2);  // "... in 2021"
  CHECK_FALSE(c->tail(t));
  CHECK_FALSE(c->covers(t));
}
