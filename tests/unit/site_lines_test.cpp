// normalize/site_lines.h: lines a website, a viewer, a scanner or a
// converter wrote, told by their words.
#include <catch2/catch.hpp>

#include "normalize/chrome.h"
#include "normalize/normalize.h"
#include "normalize/site_lines.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {

const SiteWords& project_site() {
  static std::unique_ptr<SiteWords> w = [] {
    auto r = SiteWords::load(test::source_dir() + "/dictionaries/normalize/site-words.txt");
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return std::move(r).value();
  }();
  return *w;
}

bool site_line(std::string_view line) { return project_site().whole_line(line, test::normalizer().words()); }

}  // namespace

TEST_CASE("site lines: interface words, English and addresses make most of the line") {
  CHECK(site_line("Uploaden Downloaden Delen Insluiten Opslaan"));
  CHECK(site_line("1.482 weergaven \xc2\xb7 37 downloads \xc2\xb7 4 likes"));
  CHECK(site_line("Meld dit document Deel Opslaan als pdf"));
  CHECK(site_line("About this capture"));
  CHECK(site_line("All snapshots from host www.esbroek.nl"));
  CHECK(site_line("http://www.deveenlanden.nl/klachten/jaarverslag-2014    Go    NOV DEC JAN"));
  // An English line with an interface word: words that are not Dutch count with it.
  CHECK(site_line("Evaluation Warning: The document was created with Spire.PDF for .NET."));
  // One cue beside a number and nothing else.
  CHECK(site_line("38 captures                12"));
  CHECK(site_line("GESCAND 03-04-2019"));
  CHECK(site_line("SCAN0042.PDF pagina 3 03-04-2019 10:12 Scanner KM-C364"));
}

TEST_CASE("site lines: the report's own lines stay, about downloads and cookies too") {
  CHECK_FALSE(site_line("Het rapport is te downloaden via www.ombudsman.nl"));
  CHECK_FALSE(site_line("Digitaal delen en downloaden"));
  CHECK_FALSE(site_line("Opslaan en delen van gegevens"));
  CHECK_FALSE(site_line("Inloggen met DigiD"));
  CHECK_FALSE(site_line("De student klaagde dat de Board of Examiners zijn e-mail niet had beantwoord."));
  CHECK_FALSE(site_line("Klachten over cookies op de website van de gemeente"));
  CHECK_FALSE(site_line("Deel 2"));
  // Review (session 20): an English reference or summary line holds no
  // interface word; a heading of two cues beside a Dutch word; one Dutch
  // cue beside a number.
  CHECK_FALSE(site_line("Tyler, T.R. (2006). Why people obey the law. Princeton University Press."));
  CHECK_FALSE(site_line("We value your privacy"));
  CHECK_FALSE(site_line("Delen en downloaden"));
  CHECK_FALSE(site_line("Document 3"));
  CHECK_FALSE(site_line("Bijlage 3"));
  CHECK_FALSE(site_line("2019 12 3 4"));
  CHECK_FALSE(site_line("De klacht is gegrond."));
  CHECK_FALSE(site_line(""));
}

TEST_CASE("site lines: a line of numbers and dates alone is neutral") {
  CHECK(project_site().neutral_line("4 May 2008 - 17 Feb 2022      2013 2014 2015"));
  CHECK_FALSE(project_site().neutral_line("4 mei 2008 Klachten"));
  CHECK_FALSE(project_site().neutral_line("   "));
}

// Through the normaliser: the numbers between two site lines go with them;
// the same numbers between report lines stay.
TEST_CASE("site lines: the normaliser drops them, and numbers between two of them") {
  const std::string banner =
      "38 captures 12\n4 May 2008 - 17 Feb 2022 2013 2014 2015\nAbout this capture\nHet waterschap ontving klachten.\n";
  CHECK(test::normalizer().normalize(banner).text == "Het waterschap ontving klachten.\n");
  const std::string table = "De klachten per jaar.\n\n2013 2014 2015\n\nHet waterschap ontving klachten.\n";
  CHECK(test::normalizer().normalize(table).text.find("2013 2014 2015") != std::string::npos);
  // A line that goes on the sentence before it is the report's.
  const std::string wrapped = "Inwoners konden het jaarverslag niet\ndownloaden of printen\nomdat de server uitviel.\n";
  CHECK(test::normalizer().normalize(wrapped).text ==
        "Inwoners konden het jaarverslag niet downloaden of printen omdat de server uitviel.\n");
}

// A site's words glued before or after a sentence on one line (dev7).
TEST_CASE("site lines: a site's head and tail beside a sentence on one line") {
  const auto& words = test::normalizer().words();
  auto chrome = Chrome::empty();
  auto head = [&](std::string_view line) { return std::string(line.substr(project_site().head_end(line, words, *chrome))); };
  auto tail = [&](std::string_view line) { return std::string(line.substr(0, project_site().tail_start(line, words))); };
  CHECK(head("Converted by PDF2Page Free Edition - www.pdf2page-free.net De aanslag werd in twee termijnen geïnd.") ==
        "De aanslag werd in twee termijnen geïnd.");
  CHECK(tail("De ombudsman vindt de klacht gegrond. Share: Facebook Twitter LinkedIn Email") ==
        "De ombudsman vindt de klacht gegrond.");
  // The report's own line stays whole.
  for (std::string_view line : {"Het rapport is te downloaden via www.ombudsman.nl. De gemeente reageerde niet.",
                                "Download het formulier via de website. Dat lukte niet.",
                                "De klacht ging over de website. Klik hier werkte niet, zei klager.",
                                "Klager deelde de brief op Facebook. De gemeente vond dat niet gepast."}) {
    CHECK(head(line) == line);
    CHECK(tail(line) == line);
  }
  // Not up to a unit in capitals: "KB" opens no sentence.
  CHECK(head("rapport_2019-047_definitief.pdf — 412 KB — laatst gewijzigd 17-06-2019") ==
        "rapport_2019-047_definitief.pdf — 412 KB — laatst gewijzigd 17-06-2019");
}

TEST_CASE("site lines: the normaliser cuts a site's head and tail") {
  Normalized n = test::normalizer().normalize(
      "Converted by PDF2Page Free Edition - www.pdf2page-free.net De aanslag werd in twee termijnen geïnd.\n\n"
      "De ombudsman vindt de klacht gegrond. Share: Facebook Twitter LinkedIn Email\n");
  CHECK(n.text == "De aanslag werd in twee termijnen geïnd.\n\nDe ombudsman vindt de klacht gegrond.\n");
  CHECK(test::normalizer().normalize(n.text).text == n.text);
}

TEST_CASE("site lines: the file's faults name the line") {
  test::TempDir dir;
  auto section = SiteWords::load(dir.write("a.txt", "# c\n[interface]\nklik\n[engels]\nthe\n"));
  REQUIRE_FALSE(section.ok());
  CHECK(section.error().to_string().find("a.txt:4") != std::string::npos);
  auto before = SiteWords::load(dir.write("b.txt", "klik\n"));
  REQUIRE_FALSE(before.ok());
  CHECK(before.error().to_string().find("b.txt:1") != std::string::npos);
  auto twice = SiteWords::load(dir.write("c.txt", "[interface]\nklik\n[english]\nKlik\n"));
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().to_string().find("c.txt:4") != std::string::npos);
  auto two = SiteWords::load(dir.write("d.txt", "[english]\nthe end\n"));
  REQUIRE_FALSE(two.ok());
  CHECK(two.error().to_string().find("d.txt:2") != std::string::npos);
  auto star = SiteWords::load(dir.write("e.txt", "[dutch]\nde*\n"));
  REQUIRE_FALSE(star.ok());
  CHECK(star.error().to_string().find("e.txt:2") != std::string::npos);
  auto sign = SiteWords::load(dir.write("f.txt", "[signs]\n\xE2\x80\xB9\nx\n"));
  REQUIRE_FALSE(sign.ok());
  CHECK(sign.error().to_string().find("f.txt:3") != std::string::npos);
}

TEST_CASE("site lines: a line shaped like controls, whatever its words") {
  const SiteWords& w = project_site();
  // Menus: three short items or more between "|" or "·".
  CHECK(w.control_line("Over ons | Rapporten | Jaarverslagen | Nieuws | Contact"));
  CHECK(w.control_line("Vind ik leuk (14) \xC2\xB7 Tweet \xC2\xB7 Pin it \xC2\xB7 WhatsApp"));
  // A report's rows, time lines and sentences are no menu.
  CHECK_FALSE(w.control_line("Klaverbeek 39 | Oostwaarde 25 | Brinkveld 17 | Teuningen 9"));
  CHECK_FALSE(w.control_line("Stadhoven 12 (9) | Lindewijk 6 (8) | Overige 3 (1)"));
  CHECK_FALSE(w.control_line("12-03-2021 aanvraag | 18-10-2021 besluit | 01-12-2021 termijn"));
  CHECK_FALSE(w.control_line("Communicatie | Bejegening"));
  CHECK_FALSE(w.control_line("De klacht ging over de brief. | De tweede over de toon. | Een derde over de duur."));
  CHECK_FALSE(w.control_line("| Afdeling | Klachten | Gegrond |"));
  CHECK_FALSE(w.control_line("Klachten over de wijze van behandeling door de medewerkers | Bejegening | Duur"));
  // A report's units or a table's header between bars hold no site's word
  // (review, session 25).
  CHECK_FALSE(w.control_line("Directie Publiekszaken | Afdeling Burgerzaken | Team Klachten"));
  CHECK_FALSE(w.control_line("Afdeling | Ontvangen | Gegrond | Ongegrond"));
  CHECK_FALSE(w.control_line("Bejegening 14 \xE2\x86\x91"));  // a trend arrow
  // A control sign in a short line; not in a long one, not an arrow or a quote.
  CHECK(w.control_line("\xC2\xAB Eerste \xE2\x80\xB9 Vorige 1 2 3 Volgende \xE2\x80\xBA Laatste \xC2\xBB"));
  CHECK(w.control_line("Afbeelding vergroten \xE2\xA4\xA2"));
  CHECK_FALSE(w.control_line("Klacht \xE2\x86\x92 bezwaar \xE2\x86\x92 beroep"));
  CHECK_FALSE(w.control_line("De klager gaf de behandeling vier sterren \xE2\x98\x85 maar vond het wachten op de "
                             "beslissing veel te lang duren"));
  // A time alone, as a transcript writes it.
  CHECK(w.control_line("00:02:14"));
  CHECK(w.control_line("[1:02:51]"));
  CHECK_FALSE(w.control_line("09:00"));
  CHECK_FALSE(w.control_line("12:30:1"));
}

TEST_CASE("site lines: the normaliser drops a line shaped like controls") {
  std::string src = "De gemeente heeft de klacht binnen zes weken afgehandeld.\n\nOver ons | Rapporten | Contact\n\n"
                    "00:02:14\nDe voorzitter opent de hoorzitting.\n";
  CHECK(test::normalizer().normalize(src).text ==
        "De gemeente heeft de klacht binnen zes weken afgehandeld.\n\nDe voorzitter opent de hoorzitting.\n");
  // A list item whose bullet is a control sign stays (review, session 25).
  CHECK(test::normalizer().normalize("Aandachtspunten:\n\xE2\x96\xBA De klager kreeg geen antwoord op zijn brief.\n").text ==
        "Aandachtspunten:\n\n\xE2\x80\xA2 De klager kreeg geen antwoord op zijn brief.\n");
}
