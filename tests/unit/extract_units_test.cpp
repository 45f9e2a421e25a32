// The units interpreter (src/extract/units.h) and the table reader
// (src/extract/table.h) alone.
#include <catch2/catch.hpp>

#include <algorithm>

#include "extract/lower_names.h"
#include "extract/organisation.h"
#include "extract/table.h"
#include "extract/unit_mentions.h"
#include "extract/units.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

namespace {
using Views = std::vector<std::string_view>;
UnitNames names() { return UnitNames(test::rule_file("afdeling"), test::lookups()); }
}  // namespace

TEST_CASE("units: a list splits at commas and the last item at its last en, or where a side is known") {
  auto none = [](std::string_view) { return false; };
  CHECK(list_items("A, B en Beleid Werk en Inkomen", none) == Views{"A", "B en Beleid Werk", "Inkomen"});
  // A comma before "en" marks the last item: "Beleid Werk en Inkomen" stays whole (#18).
  CHECK(list_items("A, B, en Beleid Werk en Inkomen", none) == Views{"A", "B", "Beleid Werk en Inkomen"});
  CHECK(list_items("de Publiekszaken, het Belastingen en Vergunningen", none) == Views{"Publiekszaken", "Belastingen", "Vergunningen"});
  CHECK(list_items("Burgerzaken", none) == Views{"Burgerzaken"});
  UnitNames un = names();
  auto known = [&](std::string_view p) { return un.known(p); };
  CHECK(list_items("Werkgeversservicepunt en Werk Opleiding en Jongeren", known) ==
        Views{"Werkgeversservicepunt", "Werk Opleiding en Jongeren"});
}

TEST_CASE("units: names are checked and made canonical") {
  UnitNames un = names();
  CHECK(un.valid_name("Burgerzaken"));
  CHECK_FALSE(un.valid_name("burgerzaken"));
  CHECK_FALSE(un.valid_name("Inleiding"));
  CHECK_FALSE(un.valid_name("Totaal Werk"));
  CHECK(un.valid_name("Alfa Twee Drie Vier Vijf Zes"));
  CHECK_FALSE(un.valid_name("Alfa Twee Drie Vier Vijf Zes Zeven"));
  CHECK(un.unit_of("Teams") == "team");
  CHECK(un.canonical("Werk", "rve", "RVE") == std::pair<std::string, std::string>{"rve Werk", "rve"});
  CHECK(un.canonical("DWI", "team", "") == std::pair<std::string, std::string>{"Dienst Werk en Inkomen", "dienst"});
  CHECK(un.canonical("Burgerzaken", "team", "") == std::pair<std::string, std::string>{"Burgerzaken", "team"});
  CHECK(un.canonical("Wonen", "dienst", "Dienst") == std::pair<std::string, std::string>{"dienst Wonen", "dienst"});
  CHECK(un.unit_detail("team") == "{\"unit\":\"team\",\"level\":\"team\"}");
  CHECK(un.unit_detail("rve") == "{\"unit\":\"rve\",\"level\":\"dienst\"}");
  CHECK(un.unit_detail("") == "{\"level\":\"afdeling\"}");
}

TEST_CASE("units: parse_table reads markdown and plain rows") {
  std::string md = "| **Afdeling** | Aantal |\n|---|:--:|\n| Burgerzaken | 12 |\n";
  auto rows = parse_table(md, 0, md.size());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].label == "Afdeling");
  CHECK(rows[0].cells == std::vector<std::string>{"Aantal"});
  CHECK(rows[1].label == "Burgerzaken");
  CHECK(md.substr(rows[1].label_start, rows[1].label_end - rows[1].label_start) == "Burgerzaken");
  CHECK(rows[1].cells == std::vector<std::string>{"12"});

  std::string plain = "Team 2019 2020\nBeleid en Regie 3 4,5%\nTotaal 10 -\n";
  rows = parse_table(plain, 0, plain.size());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].label == "Team");
  CHECK(rows[0].cells == std::vector<std::string>{"2019", "2020"});
  CHECK(rows[1].label == "Beleid en Regie");
  CHECK(rows[1].label_start == 15);
  CHECK(rows[1].cells == std::vector<std::string>{"3", "4,5%"});
  CHECK(rows[2].cells == std::vector<std::string>{"10", "-"});
}

TEST_CASE("units: one block of tables splits at header rows; table rows one byte apart merge") {
  std::vector<Row> rows(5);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].label = std::string(1, static_cast<char>('a' + i));
  auto split = split_tables(rows, [](const Row& r) { return r.label == "a" || r.label == "c"; });
  REQUIRE(split.size() == 2);
  CHECK(split[0].size() == 2);
  CHECK(split[1].size() == 3);
  CHECK(split[1][0].label == "c");

  std::vector<FoldedBlock> spans{{0, 10, PassageKind::table_row}, {11, 20, PassageKind::table_row},
                                 {22, 30, PassageKind::table_row}, {31, 40, PassageKind::paragraph}};
  auto t = table_spans(std::string(40, 'x'), spans);
  REQUIRE(t.size() == 3);
  CHECK(t[0].end == 20);
  CHECK(t[1].start == 22);
}

TEST_CASE("units: a column gap ends a row's label; the text cells after it are cells") {
  const std::string text = "afdeling Intensieve Zorg Hoogerbeek 5 4\nJeugd en Gezin Ravenszande 2 2\nTotaal 7 6\n";
  const std::vector<std::size_t> gaps{24, 35, 37, 54, 65};
  auto rows = parse_table(text, 0, text.size(), gaps);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].label == "afdeling Intensieve Zorg");
  CHECK(rows[0].cells == std::vector<std::string>{"5", "4"});  // the text column is no cell: counts stay in line
  CHECK(rows[1].label == "Jeugd en Gezin");
  CHECK(text.substr(rows[1].label_start, rows[1].label_end - rows[1].label_start) == "Jeugd en Gezin");
  CHECK(rows[2].label == "Totaal");
  // Without gaps the words up to the first number are the label, as before.
  CHECK(parse_table(text, 0, text.size())[0].label == "afdeling Intensieve Zorg Hoogerbeek");
}

// Regression (dev10 eval document, session 24): a table per RVE and
// afdeling with a location column gave "Opname Kort Verblijf Hoogerbeek",
// by the table and by the unit word at the row's start.
TEST_CASE("units: a table with a text column beside its names") {
  test::ExtractCtx x(
      "Tabel 1  Klachten per RVE en afdeling\n"
      "RVE / afdeling                 locatie        2023   2022\n"
      "RVE Acute Zorg                                  12      9\n"
      "  afdeling Opname Kort Verblijf  Hoogerbeek       7      5\n"
      "  afdeling Intensieve Zorg       Hoogerbeek       5      4\n"
      "afdeling Cli\xc3\xabntservice          Lutterzijl       2      1\n");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags) values.push_back(t.value + " " + x.at(t));
  // Each row's counts meet their years: the location column is left out of
  // the header and of the rows alike (review, session 24: they were shifted).
  for (const Tag& t : x.out.tags)
    if (t.value == "Opname Kort Verblijf") CHECK(t.detail.find("\"counts\":{\"2023\":7,\"2022\":5}") != std::string::npos);
  // A header "Team ⟨gap⟩ Locatie": no team "Locatie" (review, session 24).
  test::ExtractCtx hx("Tabel 2  Klachten per team\nTeam          Locatie        2023   2022\nFACT Noord    Hoogerbeek        4      2\n");
  run_units(*hx);
  for (const Tag& t : hx.out.tags) CHECK(t.value != "Locatie");
  CHECK(values == std::vector<std::string>{"RVE Acute Zorg RVE Acute Zorg", "Opname Kort Verblijf afdeling Opname Kort Verblijf",
                                           "Intensieve Zorg afdeling Intensieve Zorg",
                                           "Cli\xc3\xabntservice afdeling Cli\xc3\xabntservice"});
}

// Regression (dev12, session 25): a table's header line above its rows is
// no table row itself (no count), and its column gaps were lost, so
// "Stadsdeel ⟨gap⟩ Ontvangen ⟨gap⟩ Informeel opgelost" gave a unit
// "stadsdeel Ontvangen Informeel". A city's stadsdelen are units at the
// district's level.
TEST_CASE("units: a stadsdeel is a unit; a header line's column gaps end a name") {
  test::ExtractCtx x(
      "Tabel 2  Klachten per stadsdeel\n"
      "Stadsdeel           Ontvangen   Informeel opgelost   Gegrond\n"
      "Centrum                   142                   81        24\n"
      "Haven-West                117                   59        27\n\n"
      "Dat stadsdeel Noord zoveel klachten kreeg, komt door de verbouwing van het kantoor.\n");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags) values.push_back(t.value + " | " + x.at(t));
  std::sort(values.begin(), values.end());
  CHECK(values == std::vector<std::string>{"Centrum | Centrum", "Haven-West | Haven-West", "stadsdeel Noord | Noord"});
  for (const Tag& t : x.out.tags) CHECK(t.detail.find("\"unit\":\"sector\"") != std::string::npos);
}

// dev12 (session 25): a school board's table per cluster en school. "school"
// is no unit word, and the schools' names open with an article.
TEST_CASE("units: a table per cluster en school gives the schools, named with their article") {
  test::ExtractCtx x(
      "Tabel 1  Klachten per cluster en school\n"
      "Cluster / school            Leerlingen   Klachten\n"
      "Cluster Noord                    2.210         25\n"
      "   De Schelpenkamp                 486          7\n"
      "   Het Zeilschip                   412          6\n"
      "Cluster Zuid                     1.930         22\n"
      "   Kindcentrum Elzenhorst          522          8\n");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags) values.push_back(t.value + " | " + t.detail.substr(0, t.detail.find(",\"counts\"")));
  std::sort(values.begin(), values.end());
  CHECK(values == std::vector<std::string>{
                      "Cluster Noord | {\"unit\":\"cluster\",\"level\":\"dienst\"",
                      "Cluster Zuid | {\"unit\":\"cluster\",\"level\":\"dienst\"",
                      "De Schelpenkamp | {\"unit\":\"afdeling\",\"level\":\"afdeling\"",
                      "Het Zeilschip | {\"unit\":\"afdeling\",\"level\":\"afdeling\"",
                      "Kindcentrum Elzenhorst | {\"unit\":\"afdeling\",\"level\":\"afdeling\"",
                  });
  // Per cluster en onderwerp: the second word names no place; its rows stay no units.
  test::ExtractCtx y(
      "Tabel 2  Klachten per cluster en onderwerp\n"
      "Cluster / onderwerp         Klachten\n"
      "Cluster Noord                     25\n"
      "   Veiligheid                      7\n");
  run_units(*y);
  std::vector<std::string> y_values;
  for (const Tag& t : y.out.tags) y_values.push_back(t.value);
  CHECK(y_values == std::vector<std::string>{"Cluster Noord"});
  // "per afdeling en per team": the second word after its own "per" (review, session 25).
  test::ExtractCtx z(
      "Tabel 3  Klachten per afdeling en per team\n"
      "Afdeling / team             Klachten\n"
      "Afdeling Publiekszaken            25\n"
      "   Balie                           7\n");
  run_units(*z);
  std::vector<std::string> z_values;
  for (const Tag& t : z.out.tags) z_values.push_back(t.value + " | " + t.detail.substr(0, t.detail.find(",\"counts\"")));
  std::sort(z_values.begin(), z_values.end());
  CHECK(z_values == std::vector<std::string>{"Balie | {\"unit\":\"team\",\"level\":\"team\"",
                                             "Publiekszaken | {\"unit\":\"afdeling\",\"level\":\"afdeling\""});
}

// Regression (dev eval document, session 24): in a table of "Cluster  Team"
// the teams under a cluster stand indented in a column of their own; the
// normalised text shows them as rows of the first column, and they were
// tagged at the cluster's level though the report writes "team Invordering".
TEST_CASE("units: a table row's level follows the unit word the report writes before its name") {
  test::ExtractCtx x(
      "Tabel 1  Klachten per cluster\n"
      "Cluster           Team            ontvangen   afgehandeld\n"
      "Heffen en Innen   Heffingen          22          20\n"
      "                  Invordering        31          29\n"
      "Waarderen         Waardebepaling     12          11\n\n"
      "Het team Invordering kreeg de meeste klachten; het cluster Waarderen de minste.\n");
  run_units(*x);
  std::vector<std::string> levels;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table") levels.push_back(t.value + " " + t.detail);
  // The counts keep their detail. Known limit: this header stands apart as
  // the caption's column header and holds the first column's word too, so
  // its words meet the counts one column early ("Team":22), and an indented
  // row, whose text column the normalised text no longer shows, two early.
  // The "Team" column's names are not read as units of their own.
  CHECK(levels == std::vector<std::string>{
                      "Heffen en Innen {\"unit\":\"cluster\",\"level\":\"dienst\",\"counts\":{\"Team\":22,\"ontvangen\":20}}",
                      "Invordering {\"unit\":\"team\",\"level\":\"team\",\"counts\":{\"Cluster\":31,\"Team\":29}}",
                      "Waarderen {\"unit\":\"cluster\",\"level\":\"dienst\",\"counts\":{\"Team\":12,\"ontvangen\":11}}"});
}

// Regression (dev7 council letter, session 24): a table's "Cluster Ruimte"
// did not make a section headed "Ruimte" a mention; once it did, "Ruimte"
// took the end of "Beheer Openbare Ruimte" before the longer name could;
// and a portfolio ("wethouder Dienstverlening en Financiën") was read as
// the units of those names.
TEST_CASE("units: the other mentions: a name after a row's unit word, longer names first, no portfolios") {
  test::ExtractCtx x(
      "Portefeuillehouder  : wethouder Dienstverlening en Financi\xc3\xabn\n\n"
      "Tabel 1. Klachten per cluster en afdeling      2022    2023\n"
      "Cluster Ruimte                                   52      57\n"
      "   Beheer Openbare Ruimte                        27      28\n"
      "Cluster Dienstverlening                          49      58\n"
      "   Financi\xc3\xabn                                    12       8\n\n"
      "Ruimte\n\n"
      "Meldingen over losse tegels en takken bij Beheer Openbare\nRuimte bleven liggen, zegt Dienstverlening.\n");
  run_units(*x);
  std::vector<std::string> mentions;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.named-in-report") mentions.push_back(t.value + " = " + x.at(t));
  CHECK(mentions == std::vector<std::string>{"Cluster Ruimte = Ruimte", "Beheer Openbare Ruimte = Beheer Openbare Ruimte",
                                             "Cluster Dienstverlening = Dienstverlening"});
}

// A table per cluster and team laid out in two columns, the teams beside
// their cluster or indented under it, with no other mention of any team
// (session 24): the layout gives the levels, and the counts are the teams'.
TEST_CASE("units: a table of two levels by its layout, a text column and indented rows") {
  test::ExtractCtx x(
      "Tabel 1  Klachten per cluster en team\n"
      "Cluster            Team              ontvangen    afgehandeld\n"
      "Heffen en Innen    Heffingen          22              20\n"
      "                   Invordering        31              29\n"
      "Waarderen          Waardebepaling     12              11\n"
      "Totaal                                65              60\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table") got.push_back(t.value + " " + unit_in(t.detail) + (t.detail.find("counts") != std::string::npos ? " +counts" : ""));
  CHECK(got == std::vector<std::string>{"Heffen en Innen cluster", "Heffingen team +counts", "Invordering team +counts",
                                        "Waarderen cluster", "Waardebepaling team +counts"});
}

// Regression (#18, dev3 rekenkamer): a row's label wrapped onto a line of
// its own ("Vergunningen, Toezicht en 27 19 8" | "Handhaving (VTH)") ended
// the table there, and the unit was cut to "Vergunningen, Toezicht en".
TEST_CASE("units: a row label that goes on on the next line is one label") {
  const std::string text =
      "Afdeling ontvangen formeel\nWerk 51 18\nVergunningen, Toezicht en 27 8\n\nHandhaving (VTH)\n\nBelastingen 15 3\n";
  std::vector<FoldedBlock> spans{{0, 68, PassageKind::table_row}, {70, 86, PassageKind::paragraph},
                                 {88, 104, PassageKind::table_row}};
  auto t = table_spans(text, spans);
  REQUIRE(t.size() == 1);
  auto rows = parse_table(text, t[0].start, t[0].end);
  REQUIRE(rows.size() == 4);
  CHECK(rows[2].label == "Vergunningen, Toezicht en Handhaving");
  CHECK(text.substr(rows[2].label_start, rows[2].label_end - rows[2].label_start) == "Vergunningen, Toezicht en");
  CHECK(rows[2].cells == std::vector<std::string>{"27", "8"});
  CHECK(rows[3].label == "Belastingen");
}

TEST_CASE("units: after a unit word, tables with counts, outcome rows and the other mentions") {
  test::ExtractCtx x(
      "De afdeling Waterbeheer kreeg klachten.\n\n"
      "| Afdeling | Aantal |\n|---|---|\n| Belastingen | 4 |\n\n"
      "| Uitkomst | Aantal |\n|---|---|\n| Gegrond | 3 |\n\n"
      "Ook Belastingen en Waterbeheer.\n");
  run_units(*x);
  CHECK(x.tags() == std::vector<std::string>{
                        "afdeling Waterbeheer [12,23) afdeling.after-unit",
                        "afdeling Belastingen [75,86) afdeling.table",
                        // mentions of the names in the order they were found
                        "afdeling Waterbeheer [161,172) afdeling.named-in-report",
                        "afdeling Belastingen [146,157) afdeling.named-in-report",
                    });
  CHECK(x.out.tags[0].detail == "{\"unit\":\"afdeling\",\"level\":\"afdeling\"}");
  CHECK(x.out.tags[1].detail == "{\"unit\":\"afdeling\",\"level\":\"afdeling\",\"counts\":{\"Aantal\":4}}");
  CHECK(x.out.tags[2].detail == "{\"unit\":\"afdeling\",\"level\":\"afdeling\"}");
  REQUIRE(x->outcome_rows.size() == 1);
  CHECK(x->outcome_rows[0].label == "Gegrond");
  CHECK(x->outcome_rows[0].counts == "{\"counts\":{\"Aantal\":3}}");
}

// dev9 (session 21): a row "Afdeling Veilig Thuis  16" tags the row with its
// unit word; the name alone in the text is the same afdeling.
TEST_CASE("units regression: a table row's name without its unit word is a mention too") {
  const std::string text =
      "Klachten per afdeling\n\nAfdeling Jeugdgezondheidszorg    29\nAfdeling Veilig Thuis    16\n\n"
      "Veilig Thuis kreeg zestien klachten.\n";
  test::ExtractCtx x(text);
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.value == "Veilig Thuis") got.push_back(std::string(x->text.substr(t.start, t.end - t.start)) + " " + std::string(t.rule));
  CHECK(got == std::vector<std::string>{"Afdeling Veilig Thuis afdeling.table", "Veilig Thuis afdeling.named-in-report"});
}

namespace {
// "as written = value" of every tag made, with " rule" after it when `rule`.
std::vector<std::string> written(test::ExtractCtx& x, bool rule = false) {
  std::vector<std::string> v;
  for (const Tag& t : x.out.tags)
    v.push_back(std::string(x->text.substr(t.start, t.end - t.start)) + " = " + t.value + (rule ? " " + std::string(t.rule) : ""));
  return v;
}
}  // namespace

// dev10 (session 22): indented rows "  afdeling Wegen en Vaarwegen  19" of a
// table per directie en afdeling were no rows (the name check saw the lower-case
// unit word), so their counts were lost; and the name alone names the unit.
TEST_CASE("units regression: a row that opens with its unit word in lower case is a row") {
  const std::string text =
      "Klachten per directie en afdeling\n\nDirectie Ruimte    27\nafdeling Wegen en Vaarwegen    19\n"
      "team Aflossing    8\n\nDe teams Aflossing en Beslag werken samen.\n";
  test::ExtractCtx x(text);
  run_units(*x);
  const std::vector<std::string> got = written(x, true);
  CHECK(std::count(got.begin(), got.end(), "afdeling Wegen en Vaarwegen = Wegen en Vaarwegen afdeling.table") == 1);
  CHECK(std::count(got.begin(), got.end(), "team Aflossing = Aflossing afdeling.table") == 1);
  // Since session 31 the plural and its list name both teams (rule plural-list).
  CHECK(std::count(got.begin(), got.end(), "Aflossing = Aflossing afdeling.plural-list") == 1);
  CHECK(std::count(got.begin(), got.end(), "Beslag = Beslag afdeling.plural-list") == 1);
}

// dev9 (session 21): a unit table's last row counts the cases sent on.
TEST_CASE("units regression: a row of an outcome under a unit table is no unit") {
  test::ExtractCtx x("Klachten per afdeling\n\nWerk en Inkomen    11\nBelastingen    6\nDoorverwezen    9\n\nTekst.\n");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags) values.push_back(t.value);
  CHECK(values == std::vector<std::string>{"Werk en Inkomen", "Belastingen"});
}

TEST_CASE("units: hereafter_name reads the short name a text gives") {
  auto at = [](std::string_view text) {
    return std::string(hereafter_name(text, text.find(" (") == std::string_view::npos ? text.size() : text.find(" (")));
  };
  CHECK(at("Stichting Kraaiendonk Wonen (hierna: Kraaiendonk). Meer") == "Kraaiendonk");
  CHECK(at("Woonstichting Aldervoort (hierna te noemen \xE2\x80\x9C" "De Aldervoort\xE2\x80\x9D) en") == "De Aldervoort");
  CHECK(at("De gemeente Oldenvaart (hierna: de gemeente) schreef") == "");
  // dev19 (session 29): an article before the short name.
  CHECK(at("de Omgevingsdienst Brakenstein-Zuid (hierna: de ODBZ). Zij") == "ODBZ");
  CHECK(at("het Waterbedrijf Oost (hierna het Waterbedrijf) meldde") == "Waterbedrijf");
  CHECK(at("Het college (VTH) schreef") == "");
  CHECK(at("Het college (hierna: Een Heel Lange Naam Van Vijf) schreef") == "");
}

// dev9 (session 21): "Stichting Kraaiendonk Wonen (hierna: Kraaiendonk)".
TEST_CASE("units regression: the short name a report gives a unit is a mention of it") {
  test::ExtractCtx x(
      "Wij behandelen klachten van huurders van Stichting Kraaiendonk Wonen (hierna: Kraaiendonk).\n\n"
      "Bij Kraaiendonk ging het drie keer over overlast.\n");
  run_units(*x);
  const std::vector<std::string> got = written(x);
  // Once: the short name inside "(hierna: …)" is part of the full name's
  // mention, as an abbreviation in brackets is (session 22).
  CHECK(std::count(got.begin(), got.end(), "Kraaiendonk = Stichting Kraaiendonk Wonen") == 1);
}

// dev10 (session 22): a gazetteer unit's short name, "afdeling Klantcontactcentrum
// (hierna: KCC)", was lost because entries were left out of named_in_report.
TEST_CASE("units regression: the short name given to a gazetteer unit is a mention of it") {
  test::ExtractCtx x(
      "Het cluster bestaat uit de afdeling Klantcontactcentrum (hierna: KCC) en de afdeling Wmo.\n\n"
      "Wie bij het KCC belde, hoorde vaak niets meer.\n");
  run_units(*x);
  const std::vector<std::string> got = written(x);
  CHECK(std::count(got.begin(), got.end(), "KCC = Klantcontactcentrum") == 1);
}

namespace {
// "value level [start,end) rule" of every afdeling tag made.
std::vector<std::string> leveled(const test::ExtractCtx& x) {
  std::vector<std::string> v;
  for (const Tag& t : x.out.tags) {
    auto q = t.detail.find("\"level\":\"");
    std::string level = q == std::string::npos ? "-" : t.detail.substr(q + 9, t.detail.find('"', q + 9) - q - 9);
    v.push_back(t.value + " " + level + " [" + std::to_string(t.start) + "," + std::to_string(t.end) + ") " + std::string(t.rule));
  }
  return v;
}
}  // namespace

TEST_CASE("units: every unit tag says its level") {
  test::ExtractCtx x(
      "De Dienst Werk en Inkomen stuurt de rve Werk aan. Daaronder vallen de afdeling Waterbeheer\n"
      "en team Beleid & Regie. Het cluster Dienstverlening kreeg twee klachten.\n");
  run_units(*x);
  CHECK(leveled(x) == std::vector<std::string>{
                          "Dienst Werk en Inkomen dienst [3,25) afdeling.Dienst Werk en Inkomen/dienst werk en inkomen",
                          "rve Werk dienst [36,44) afdeling.rve Werk/rve werk",
                          "Waterbeheer afdeling [79,90) afdeling.after-unit",
                          "Beleid & Regie team [99,113) afdeling.after-unit",
                          "cluster Dienstverlening dienst [127,142) afdeling.after-unit",
                      });
  CHECK(x.out.tags[0].detail == "{\"unit\":\"dienst\",\"level\":\"dienst\"}");
  CHECK(x.out.tags[4].detail == "{\"unit\":\"cluster\",\"level\":\"dienst\"}");
}

TEST_CASE("units: a table per cluster, programmaonderdeel, team or rve gives its rows that unit and level") {
  test::ExtractCtx x(
      "Tabel 2. Klachten per cluster (uitvoering)\n\n"
      "| | 2021 | 2022 |\n|---|---|---|\n| Zorg en Welzijn | 4 | 6 |\n| Werk | 2 | 3 |\n\n"
      "Een alinea tussen de tabellen.\n\n"
      "| Programmaonderdeel | Aantal |\n|---|---|\n| Participatie | 5 |\n\n"
      "| Klachten per team | Aantal |\n|---|---|\n| Noord | 1 |\n\n"
      "| RVE | Aantal |\n|---|---|\n| Werk | 3 |\n");
  run_units(*x);
  std::vector<std::string> units;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table") units.push_back(t.value + " " + t.detail);
  CHECK(units == std::vector<std::string>{
                     "Zorg en Welzijn {\"unit\":\"cluster\",\"level\":\"dienst\",\"counts\":{\"2021\":4,\"2022\":6}}",
                     "Werk {\"unit\":\"cluster\",\"level\":\"dienst\",\"counts\":{\"2021\":2,\"2022\":3}}",
                     "Participatie {\"unit\":\"programma\",\"level\":\"dienst\",\"counts\":{\"Aantal\":5}}",
                     "Noord {\"unit\":\"team\",\"level\":\"team\",\"counts\":{\"Aantal\":1}}",
                     // a row that is a known entry with its unit word: that entry
                     "rve Werk {\"unit\":\"rve\",\"level\":\"dienst\",\"counts\":{\"Aantal\":3}}",
                 });
}

TEST_CASE("units: a table whose header names no unit gives afdelingen; a caption about something else none") {
  test::ExtractCtx x(
      "Tabel 1. Klachten per onderwerp\n\n| Onderwerp | Aantal |\n|---|---|\n| Parkeren | 4 |\n\n"
      "| Onderdeel | Aantal |\n|---|---|\n| Burgerzaken | 2 |\n");
  run_units(*x);
  CHECK(leveled(x) == std::vector<std::string>{"Burgerzaken afdeling [118,129) afdeling.table"});
}

// Regression (#18, dev17 parking report): "Publieksservice" without a unit
// word was no unit; the names most municipalities share are entries now. A
// unit word before one says its level in the report; a longer unit's name
// holds it as a part; a topic row that starts with it names no unit.
TEST_CASE("units: a known name takes the level of the unit word before it, and is no part of a longer name") {
  test::ExtractCtx x(
      "Zij belde naar Publieksservice. De sector Publiekszaken antwoordde.\n\n"
      "Tabel 2. Klachten per sector\n\nSector                  2023   2024\nBurgerzaken en Welzijn     7      9\n\n"
      "De meeste klachten gingen over de telefoon.\n\n"
      "Tabel 3. Klachten per onderwerp\n\nOnderwerp                         2023   2024\n"
      "Klantenservice niet bereikbaar    371    148\n");
  run_units(*x);
  CHECK(leveled(x) == std::vector<std::string>{
                          "Publieksservice afdeling [15,30) afdeling.Publieksservice/publieksservice",
                          "Publiekszaken dienst [42,55) afdeling.Publiekszaken/publiekszaken",
                          "Burgerzaken en Welzijn dienst [116,138) afdeling.table",
                      });
  // After "afdeling" and "team" a known name keeps its entry and takes the word's level.
  test::ExtractCtx y("De afdeling Burgerzaken en het team Burgerzaken kregen klachten.\n");
  run_units(*y);
  CHECK(leveled(y) == std::vector<std::string>{"Burgerzaken afdeling [12,23) afdeling.Burgerzaken/burgerzaken",
                                               "Burgerzaken team [36,47) afdeling.Burgerzaken/burgerzaken"});
}

// Regression (#18, dev18 ombudsman for three municipalities, session 28):
// a header set apart by a blank line, with capitalised columns ("Cluster
// ⟨gap⟩ Ontvangen ⟨gap⟩ waarvan onderzoek"), named no unit, and the next
// table's numbered caption read as the last row of the one before.
TEST_CASE("units: a detached header with capitalised columns; the next table's caption is no row") {
  test::ExtractCtx x(
      "Verslag\n\n"
      "Tabel 3  Hemmerlo: verzoeken per team, 2023\n"
      "Team                                  Ontvangen   waarvan onderzoek\n"
      "Wijkbeheer                                   21                   4\n"
      "Jeugd en Gezin                               11                   1\n\n"
      "Tabel 4  Stralendijk: verzoeken per cluster, 2023\n"
      "Cluster                               Ontvangen   waarvan onderzoek\n"
      "Samenleving                                  23                   4\n"
      "Ruimte                                       15                   2\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags) got.push_back(t.value + " " + std::string(t.detail.substr(0, t.detail.find(",\"counts"))));
  CHECK(got == std::vector<std::string>{
                   "Wijkbeheer {\"unit\":\"team\",\"level\":\"team\"",
                   "Jeugd en Gezin {\"unit\":\"team\",\"level\":\"team\"",
                   "Samenleving {\"unit\":\"cluster\",\"level\":\"dienst\"",
                   "Ruimte {\"unit\":\"cluster\",\"level\":\"dienst\"",
               });
}

// Regression (#18, dev6 water board): a numbered caption with the years of
// its columns ("Tabel 1  Klachten per afdeling  2020  2021") was read as the
// table's first row, and no row was a unit.
TEST_CASE("units regression: a numbered caption with numbers in it is the caption, not a row") {
  test::ExtractCtx x(
      "Tabel 1  Klachten per afdeling                    2020        2021\n"
      "Watersysteem                                        18          21\n"
      "Zuivering                                            9           8\n"
      "Wegen en Vaarwegen                                   4           6\n");
  run_units(*x);
  std::vector<std::string> names;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") names.push_back(t.value);
  CHECK(names == std::vector<std::string>{"Watersysteem", "Zuivering", "Wegen en Vaarwegen"});
}

TEST_CASE("units: the rule file says the level of each unit word") {
  UnitNames un = names();
  CHECK(un.unit_of("Programmaonderdeel") == "programma");
  CHECK(un.level_of("programma") == "dienst");
  CHECK(un.level_of("directie") == "dienst");
  CHECK(un.level_of("rve") == "dienst");
  CHECK(un.level_of("team") == "team");
  CHECK(un.level_of("afdeling") == "afdeling");
  CHECK(un.level_of("") == "afdeling");
  CHECK(un.unit_named_in("Klachten per directie") == "directie");
  CHECK(un.unit_named_in("Teams") == "team");
  CHECK(un.unit_named_in("Klachten per onderwerp").empty());
  CHECK(un.unit_named_in("Super team").empty());
}

TEST_CASE("units: a bad [levels] entry is an error with the file and line") {
  test::TempDir tmp;
  auto lookups_of = [&](const std::string& body) -> std::string {
    auto f = RuleFile::load(tmp.write("afdeling.toml", "type = \"afdeling\"\n" + body));
    if (!f.ok()) return f.error().to_string();
    auto l = Lookups::build(**f, test::rule_file("zaaknummer"));
    return l.ok() ? std::string() : l.error().to_string();
  };
  CHECK(lookups_of("[units]\nteam = \"team\"\nwijk = \"wijk\"\n[levels]\nwijk = \"team\"\n").empty());
  CHECK_THAT(lookups_of("[units]\nteam = \"team\"\nwijk = \"wijk\"\n[levels]\nwijk = \"buurt\"\n"),
             Catch::Contains("afdeling.toml:6") && Catch::Contains("[levels] wijk") && Catch::Contains("organisation"));
  CHECK_THAT(lookups_of("[units]\nwijk = \"wijk\"\n"),
             Catch::Contains("afdeling.toml:3") && Catch::Contains("unit 'wijk' has no level"));
  CHECK_THAT(lookups_of("[units]\nteam = \"team\"\n[levels]\nbuurt = \"team\"\n"),
             Catch::Contains("afdeling.toml:5") && Catch::Contains("[levels] buurt"));
  CHECK_THAT(lookups_of("[levels]\nteam = 3\n"), Catch::Contains("afdeling.toml:3"));
}

TEST_CASE("units: a header set apart from its table by a blank line still names its unit") {
  test::ExtractCtx x(
      "Directie                 aantal   gegrond\n\n"
      "Watersysteem                 14         5\n"
      "Bestuur en Organisatie        4         1\n\n"
      "Afdeling Burgerzaken kreeg de meeste klachten\n\n"
      "Parkeren                      3         1\n"
      "Afval                         2         0\n");
  run_units(*x);
  std::vector<std::string> units;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table") units.push_back(t.value + " " + t.detail);
  // The sentence before the second table is no header: its rows are no units.
  CHECK(units == std::vector<std::string>{
                     "Watersysteem {\"unit\":\"directie\",\"level\":\"dienst\",\"counts\":{\"aantal\":14,\"gegrond\":5}}",
                     "Bestuur en Organisatie {\"unit\":\"directie\",\"level\":\"dienst\",\"counts\":{\"aantal\":4,\"gegrond\":1}}",
                 });
}

// dev5 (session 17): a column header with no unit word stands between the
// caption and the rows.
TEST_CASE("units: a caption above a column header set apart names the rows' unit") {
  test::ExtractCtx x(
      "Ingediende klachten per afdeling\n\n"
      "Q1 Q2 totaal\n\n"
      "Vastgoed en Onderhoud 9 12 21\n"
      "Verhuur en Leefbaarheid 5 7 12\n");
  run_units(*x);
  std::vector<std::string> units;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table") units.push_back(t.value);
  CHECK(units == std::vector<std::string>{"Vastgoed en Onderhoud", "Verhuur en Leefbaarheid"});
  // Not across a sentence.
  test::ExtractCtx y(
      "Ingediende klachten per afdeling\n\n"
      "Hieronder de cijfers van dit jaar.\n\n"
      "Vastgoed en Onderhoud 9 12 21\n"
      "Verhuur en Leefbaarheid 5 7 12\n");
  run_units(*y);
  CHECK(std::none_of(y.out.tags.begin(), y.out.tags.end(), [](const Tag& t) { return t.rule == "afdeling.table"; }));
}

namespace {
// "value level [start,end) rule" of the afdeling tags at level organisation.
std::vector<std::string> organisations(const test::ExtractCtx& x) {
  std::vector<std::string> v;
  for (const std::string& s : leveled(x))
    if (s.find(" organisation [") != std::string::npos) v.push_back(s);
  return v;
}
}  // namespace

TEST_CASE("units: the organisations a report writes about are units at level organisation") {
  test::ExtractCtx x(
      "Ombudsman Rijnvallei\n\nJaarverslag 2021 voor de gemeenten Aardam, Beekdam en Ceedam.\n\n"
      "Een inwoner van de gemeente Beekdam klaagde over de afdeling Publiekszaken van Aardam.\n"
      "Zorggroep De Linde en het Werkbedrijf Rijnvallei kregen ieder een klacht. Het Werkbedrijf\n"
      "antwoordde niet. Verzoeker woont in Ceedam, Postbus 1, 1234 AB Aardam.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Ombudsman Rijnvallei");
  run_units(*x);
  CHECK(organisations(x) == std::vector<std::string>{
                                "Aardam organisation [57,63) afdeling.gemeenten",
                                "Beekdam organisation [65,72) afdeling.gemeenten",
                                "Ceedam organisation [76,82) afdeling.gemeenten",
                                "Beekdam organisation [113,120) afdeling.organisation",
                                "Zorggroep De Linde organisation [172,190) afdeling.organisation",
                                "Werkbedrijf Rijnvallei organisation [198,220) afdeling.organisation",
                                // other mentions: the name alone, the short form; not a residence or an address
                                "Aardam organisation [164,170) afdeling.named-in-report",
                                "Werkbedrijf Rijnvallei organisation [250,261) afdeling.named-in-report",
                            });
  // The unit named with its organisation is the unit alone.
  CHECK(leveled(x)[7] == "Publiekszaken afdeling [146,159) afdeling.after-unit");
}

// Regression (four blind sets, session 25: dev3, dev5, dev7, dev12): a joint
// body's own municipalities ("voor de gemeenten A, B en C" in an
// omgevingsdienst's or an ISD's report) were tagged as organisations it
// writes about: 12 false units. Only a watchdog's list names them so.
TEST_CASE("units: a joint body's list of its municipalities names no units") {
  test::ExtractCtx x(
      "Intergemeentelijke Sociale Dienst Heiderand\n\nKwartaalrapportage voor de gemeenten Aardam, Beekdam en Ceedam.\n\n"
      "De gemeente Beekdam vroeg om een toelichting.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Intergemeentelijke Sociale Dienst Heiderand");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") values.push_back(t.value + " " + std::string(t.rule));
  // Beekdam, which the report writes about, is named in the list too.
  CHECK(values == std::vector<std::string>{"Beekdam afdeling.organisation", "Beekdam afdeling.named-in-report"});
}

// dev and dev3 (session 25): a report calls a unit by its first word in
// lower case ("de ‘afdeling vergunningen’") or by its initials ("afdeling
// VTH"); each was a unit of its own.
TEST_CASE("units: a shorter name of a unit the report names in full takes its name") {
  test::ExtractCtx x(
      "De meeste klachten lagen bij de afdeling Vergunningen, Toezicht en Handhaving.\n\n"
      "Een ondernemer klaagde dat de afdeling vergunningen zijn aanvraag liet liggen.\n\n"
      "Dossier 2023-0203 \xE2\x80\x93 afdeling VTH\n\n"
      "Het team Werk en het team Werk en Inkomen kregen elk een klacht; de afdeling werk niet.\n");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") values.push_back(t.value);
  // "werk" is a unit's whole name (team Werk) beside Werk en Inkomen: it stays.
  std::sort(values.begin(), values.end());
  CHECK(values == std::vector<std::string>{"Vergunningen, Toezicht en Handhaving", "Vergunningen, Toezicht en Handhaving",
                                           "Vergunningen, Toezicht en Handhaving", "Werk", "Werk", "Werk en Inkomen"});
}

// Regression (eight blind eval sets, session 23): a municipality named as
// where someone lives, as an address or a letter's place, or as the council
// of it, was tagged as the organisation complained about: 12 false units.
TEST_CASE("units: a residence, an address, a letter's place and a council are no mention of the body") {
  test::ExtractCtx x(
      "Ombudsman Rijnvallei\n\nJaarverslag 2021 voor de gemeenten Aardam en Beekdam.\n\n"
      "Aan de gemeenteraad van Aardam\n\nAardam, 21 november 2022\n\nBeekdam, juni 2022\n\n"
      "Een inwoner van Beekdam en een ondernemer uit Aardam klaagden. Postbus 12, Beekdam.\n\n"
      "De gemeente Aardam reageerde niet.\n");
  run_organisation(*x);
  run_units(*x);
  CHECK(organisations(x) == std::vector<std::string>{
                                "Aardam organisation [57,63) afdeling.gemeenten",
                                "Beekdam organisation [67,74) afdeling.gemeenten",
                                "Aardam organisation [251,257) afdeling.organisation",
                            });
}

// Regression (shared Amsterdam report, session 24): "Dienst Werk en
// Inkomen, Werkplein Nieuw-West" names a district office of the dienst; once
// "Werkplein" named a body, it was an organisation of its own.
TEST_CASE("units: a body named after a unit and a comma is a part of it; after an organisation, the next of a list") {
  test::ExtractCtx x(
      "Ombudsman Rijnvallei\n\nRapport 2021/014\n\nDienst Werk en Inkomen, Werkplein Noordoost\n\n"
      "Het gaat over Woonstichting Heidezoom, Werkplein Aardam en Stichting Huisvesting Beekdam.\n");
  run_organisation(*x);
  run_units(*x);
  std::vector<std::string> bodies;
  for (const std::string& s : leveled(x))
    if (s.find("afdeling.organisation") != std::string::npos) bodies.push_back(s);
  CHECK(bodies == std::vector<std::string>{"Werkplein Noordoost afdeling [64,83) afdeling.organisation",
                                           "Woonstichting Heidezoom organisation [99,122) afdeling.organisation",
                                           "Werkplein Aardam organisation [124,140) afdeling.organisation",
                                           "Stichting Huisvesting Beekdam organisation [144,173) afdeling.organisation"});
}

// The proper name alone stands for the body ("Heidezoom" for "Woonstichting
// Heidezoom"), unless the publisher's name holds it too (the place both
// carry: "Rijnvallei" here is the ombudsman's).
TEST_CASE("units: an organisation's proper name alone is a mention of it") {
  test::ExtractCtx x(
      "Ombudsman Rijnvallei\n\nJaarverslag 2021.\n\nDe klacht ging over Woonstichting Heidezoom. Heidezoom reageerde "
      "niet. Stichting Thuiszorg Rijnvallei ook niet.\n");
  run_organisation(*x);
  run_units(*x);
  CHECK(organisations(x) == std::vector<std::string>{
                                "Woonstichting Heidezoom organisation [61,84) afdeling.organisation",
                                "Stichting Thuiszorg Rijnvallei organisation [112,142) afdeling.organisation",
                                "Woonstichting Heidezoom organisation [86,95) afdeling.named-in-report",
                            });
}

// Regression (dev eval document, session 23): a table per organisation gave
// its row "Belastingsamenwerking" as a unit of its own, beside the
// "Belastingsamenwerking Maasheuvelland" named above it, and every later
// "de Belastingsamenwerking" took the short value.
TEST_CASE("units: an organisation's first word alone, in a table row too, is the organisation named in full") {
  test::ExtractCtx x(
      "Ombudsman Rijnvallei\n\nJaarverslag 2021 voor de gemeente Aardam en de Belastingsamenwerking Rijnmond.\n\n"
      "Tabel 1  Verzoeken per gemeente\nAardam      39\nBelastingsamenwerking      14\n\n"
      "Bij de Belastingsamenwerking wachtten verzoekers lang.\n");
  run_organisation(*x);
  run_units(*x);
  CHECK(organisations(x) == std::vector<std::string>{
                                "Aardam organisation [134,140) afdeling.table",
                                "Belastingsamenwerking Rijnmond organisation [144,165) afdeling.table",
                                "Aardam organisation [56,62) afdeling.organisation",
                                "Belastingsamenwerking Rijnmond organisation [69,99) afdeling.organisation",
                                "Belastingsamenwerking Rijnmond organisation [177,198) afdeling.named-in-report",
                            });
  // Two organisations that begin with the word: the row stays as written.
  test::ExtractCtx two(
      "Ombudsman Rijnvallei\n\nOver de Belastingsamenwerking Rijnmond en de Belastingsamenwerking Oost.\n\n"
      "Tabel 1  Verzoeken per gemeente\nAardam      39\nBelastingsamenwerking      14\n");
  run_organisation(*two);
  run_units(*two);
  CHECK(organisations(two) == std::vector<std::string>{
                                  "Aardam organisation [128,134) afdeling.table",
                                  "Belastingsamenwerking organisation [138,159) afdeling.table",
                                  "Belastingsamenwerking Rijnmond organisation [30,60) afdeling.organisation",
                                  "Belastingsamenwerking Oost organisation [67,93) afdeling.organisation",
                              });
}

TEST_CASE("units: the publisher is no unit of its own report, nor a body its name holds") {
  test::ExtractCtx x("Gemeente Aardam\n\nKlachtenjaarverslag 2020 van de gemeente Aardam.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Gemeente Aardam");
  run_units(*x);
  CHECK(organisations(x).empty());
  test::ExtractCtx z("Klachtencommissie Zorggroep Aardam\n\nJaarverslag 2020. De Zorggroep Aardam en Zorggroep Beekdam.\n");
  run_organisation(*z);
  CHECK(z.out.facts.organisation == "Klachtencommissie Zorggroep Aardam");
  run_units(*z);
  CHECK(organisations(z) == std::vector<std::string>{"Zorggroep Beekdam organisation [77,94) afdeling.organisation"});
  // Nor its name's initials (dev5, session 17); another body's initials are.
  test::ExtractCtx i("Intergemeentelijke Sociale Dienst Aardam\n\nDe ISD Aardam en de ISD Beekdam werken samen.\n");
  run_organisation(*i);
  CHECK(i.out.facts.organisation == "Intergemeentelijke Sociale Dienst Aardam");
  run_units(*i);
  CHECK(organisations(i) == std::vector<std::string>{"ISD Beekdam organisation [62,73) afdeling.organisation"});
  // A joint body's member municipalities are not what its report is about.
  test::ExtractCtx y("De gemeenschappelijke regeling van de gemeenten Aardam, Beekdam en Ceedam voert de Participatiewet uit.\n");
  run_organisation(*y);
  run_units(*y);
  CHECK(organisations(y).empty());
}

// Regression (#18, dev5 ISD): "Dienst Heiderand" inside the publisher's own
// name above its report was a dienst.
TEST_CASE("units regression: a unit word inside the publisher's own name makes no unit") {
  test::ExtractCtx x("Intergemeentelijke Sociale Dienst Aardam\n\nDe dienst Werk en Inkomen stuurde een brief.\n");
  run_organisation(*x);
  REQUIRE(x.out.facts.organisation == "Intergemeentelijke Sociale Dienst Aardam");
  run_units(*x);
  std::vector<std::string> units;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") units.push_back(t.value);
  CHECK(units == std::vector<std::string>{"Dienst Werk en Inkomen"});
}

TEST_CASE("units: a section title is no unit name") {
  UnitNames un = names();
  CHECK_FALSE(un.valid_name("Onderzoeken en oordelen"));
  CHECK_FALSE(un.valid_name("Voorbeelden van klachten"));
  CHECK_FALSE(un.valid_name("RAPPORT"));
  CHECK_FALSE(un.valid_name("Jaarverslag 2021 Ombudsman Rivierenweide 6"));
  CHECK(un.valid_name("Klachtbehandeling"));
  CHECK(un.valid_name("Vergunningen, Toezicht en Handhaving"));
}

namespace {
// "value [start,end)" of each lower-case name lower_names.h finds.
std::vector<std::string> lower(std::string_view text) {
  const RuleFile& af = test::rule_file("afdeling");
  LowerNameRules rules;
  rules.unit_words = af.strings("discover.lower_units");
  for (std::string& w : af.strings("discover.lower_stop")) rules.stop.insert(std::move(w));
  std::vector<std::string> v;
  for (const LowerName& n : lower_case_names(text, rules))
    v.push_back(n.value + " [" + std::to_string(n.start) + "," + std::to_string(n.end) + ")");
  return v;
}
}  // namespace

TEST_CASE("units: names in lower case after a unit word in lower case") {
  CHECK(lower("bij de afdeling schuldhulpverlening hoorden wij") == std::vector<std::string>{"Schuldhulpverlening [16,35)"});
  CHECK(lower("de \xE2\x80\x9C" "afdeling werk\xE2\x80\x9D stopte") == std::vector<std::string>{"Werk [15,19)"});
  CHECK(lower("de afdeling vergunningen, toezicht en handhaving (VTH) en") ==
        std::vector<std::string>{"Vergunningen, Toezicht en Handhaving [12,48)"});
  CHECK(lower("over de afdeling openbare werken kwamen") == std::vector<std::string>{"Openbare Werken [17,32)"});
  // Regression (#18, dev3 rekenkamer): a noun in -te after its adjective was
  // read as a past tense, and the name cut to "Openbare".
  CHECK(lower("bij de afdeling openbare ruimte en groen ging") ==
        std::vector<std::string>{"Openbare Ruimte en Groen [16,40)"});
  CHECK(lower("de afdeling werkte hard") == std::vector<std::string>{});
  CHECK(lower("het team handhaving kwam langs") == std::vector<std::string>{"Handhaving [9,19)"});
  CHECK(lower("de afdeling financi\xC3\xABn betaalde") == std::vector<std::string>{"Financi\xC3\xABn [12,22)"});
  // No name: a verb, an adverb, a particle, a participle, a word in a word.
  for (const char* no : {"de afdeling heeft besloten", "geeft de afdeling toe dat", "de afdeling stuurde een brief",
                         "de afdeling hoorden wij", "een andere afdeling doorgestuurd", "de afdeling daarover",
                         "de afdeling niet", "de vakafdeling werk", "de afdeling Werk", "de afdeling, werk"})
    CHECK(lower(no) == std::vector<std::string>{});
  // Commas without "en" are no coordination: the first item only.
  CHECK(lower("de afdeling werk, inkomen, zorg kreeg") == std::vector<std::string>{"Werk [12,16)"});
  // Regression (dev5 rekenkamer letter, session 24): a cluster and a
  // directie in lower case too; a "dienst" or "sector" is mostly a word.
  CHECK(lower("over het cluster werk en inkomen klaagden") == std::vector<std::string>{"Werk en Inkomen [17,32)"});
  CHECK(lower("de directie bedrijfsvoering besloot") == std::vector<std::string>{"Bedrijfsvoering [12,27)"});
  CHECK(lower("de dienst verklaart het en de sector gevraagd") == std::vector<std::string>{});
  // Regression (dev11 advice letter, session 24): a comparative after the
  // name ended no name ("Klantenservice Vaker"), nor a column header.
  CHECK(lower("gesprekken van de afdeling klantenservice vaker na te bespreken") ==
        std::vector<std::string>{"Klantenservice [27,41)"});
  CHECK(lower("Directie / afdeling vestiging aantal") == std::vector<std::string>{});
}

// Regression (#18, dev5 GGD and 1996 scan): a participle without "ge" ("het
// team besproken") and an adverb in -lijk ("de afdeling uitdrukkelijk
// gevraagd") were read as names.
TEST_CASE("units regression: participles of be-, ver-, ont- and her- verbs and adverbs in -lijk are no names") {
  for (const char* no : {"met de klager en het team besproken", "de afdeling uitdrukkelijk gevraagd", "de afdeling verstuurd",
                         "het team ontvangen", "de afdeling behandeld",
                         // dev6: a strong past tense, a table's column header
                         "van de afdeling sprak met de bewoner", "afdeling aantal klachten binnen termijn"})
    CHECK(lower(no) == std::vector<std::string>{});
  CHECK(lower("de afdeling beleid schreef") == std::vector<std::string>{"Beleid [12,18)"});
  CHECK(lower("de afdeling belastingen stuurde") == std::vector<std::string>{"Belastingen [12,23)"});
  CHECK(lower("de afdeling vergunningen kwam") == std::vector<std::string>{"Vergunningen [12,24)"});
  CHECK(lower("het team verhuur kwam") == std::vector<std::string>{"Verhuur [9,16)"});
}

TEST_CASE("units: a lower-case name is tagged, and its bracketed abbreviation names it") {
  test::ExtractCtx x(
      "Verzoeken gingen over de afdeling vergunningen, toezicht en handhaving (\xE2\x80\x9CVTH\xE2\x80\x9D) en het sociaal loket.\n\n"
      "Bij de afdeling VTH ging het om overlast. Ook VTH kreeg klachten, en werk is er genoeg.\n");
  run_units(*x);
  CHECK(leveled(x) == std::vector<std::string>{
                          "Sociaal Loket afdeling [90,103) afdeling.Sociaal Loket/sociaal loket",
                          "Vergunningen, Toezicht en Handhaving afdeling [122,125) afdeling.after-unit",
                          "Vergunningen, Toezicht en Handhaving afdeling [34,70) afdeling.lower-case",
                          // the abbreviation elsewhere; not inside its own brackets
                          "Vergunningen, Toezicht en Handhaving afdeling [152,155) afdeling.named-in-report",
                      });
}

// Regression (#18, dev3 hospital letter): "de afdeling Spoedeisende Hulp
// (SEH)" and then "naar de SEH": the abbreviation alone was no unit.
TEST_CASE("units: the abbreviation a capitalised unit name is given names it alone") {
  test::ExtractCtx x("Wij spraken met de teamleider van de afdeling Spoedeisende Hulp (SEH) en een arts.\n\n"
                     "U bent naar de SEH gekomen.\n");
  run_units(*x);
  CHECK(leveled(x) == std::vector<std::string>{
                          "Spoedeisende Hulp afdeling [46,63) afdeling.after-unit",
                          "Spoedeisende Hulp afdeling [99,102) afdeling.named-in-report",
                      });
}

// dev3 (session 14): a name ran on into the next sentence ("team Invordering
// en Beslag Een klant"), and "de afdeling Werk, Inkomen en Zorg" gave "Werk".
TEST_CASE("units: a name after its unit word stops at the next sentence and keeps its commas") {
  test::ExtractCtx x(
      "Het ging om team Invordering en Beslag Een klant wachtte lang.\n\n"
      "De afdeling Werk, Inkomen en Zorg beslist.\n\n"
      "De afdelingen Werk, Inkomen en Zorg beslissen.\n");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling" && t.rule == "afdeling.after-unit") values.push_back(t.value);
  CHECK(values == std::vector<std::string>{"Invordering en Beslag", "Werk, Inkomen en Zorg"});
}

// The shared rekenkamer study lists its teams each with its unit word, one
// in lower case after "en": "(team Terugvordering en verhaal, team Poort)"
// gave a team "Terugvordering".
TEST_CASE("units: an item of a list that repeats its unit word runs to its comma") {
  test::ExtractCtx x(
      "Wij spraken met de teams (team Terugvordering en verhaal, team Poort, team Werk) en het management.\n\n"
      "Het ging om team Poort en daarna om de balie.\n\n"
      "Zij sprak met team Inkomen en later, in mei, met de wijkteams.\n");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling" && t.rule == "afdeling.after-unit") values.push_back(t.value);
  CHECK(values == std::vector<std::string>{"Terugvordering en verhaal", "Poort", "Werk", "Poort", "Inkomen"});
}

// dev7 (session 19): "Klachten per cluster en afdeling" with each cluster's
// row ("Cluster Ruimte") above its afdelingen' rows, which carry no level
// word: those rows are afdelingen, not clusters.
TEST_CASE("units: a table of two levels gives the rows under a level's row the second level") {
  test::ExtractCtx x(
      "Tabel 1. Klachten per cluster en afdeling                  2022        2023\n"
      "Cluster Sociaal Domein                                         71          84\n"
      "   Werk en Inkomen                                             33          41\n"
      "Cluster Ruimte                                                 52          57\n"
      "   Beheer Openbare Ruimte                                      27          28\n");
  run_units(*x);
  std::vector<std::string> units;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table") units.push_back(t.value + " " + t.detail);
  CHECK(units == std::vector<std::string>{
                     "Cluster Sociaal Domein {\"unit\":\"cluster\",\"level\":\"dienst\"}",
                     "Werk en Inkomen {\"unit\":\"afdeling\",\"level\":\"afdeling\"}",
                     "Cluster Ruimte {\"unit\":\"cluster\",\"level\":\"dienst\"}",
                     "Beheer Openbare Ruimte {\"unit\":\"afdeling\",\"level\":\"afdeling\"}",
                 });
  // One level named: every row is of it.
  test::ExtractCtx flat("Tabel 1. Klachten per cluster en afdeling       2023\nSociaal Domein       84\nRuimte     57\n");
  run_units(*flat);
  for (const Tag& t : flat.out.tags)
    if (t.rule == "afdeling.table") CHECK(t.detail.find("\"unit\":\"cluster\"") != std::string::npos);
}

// dev8 (session 20): the caption "per directie en afdeling" stood above a
// column header set apart ("2021  2022  afgehandeld"), and the second level
// was read from the column header; rows that open with a unit word of their
// own ("Basisteam Rietmond" in a table per district en dienst) took the
// table's level; names broken over two rows at a hyphen or after an
// adjective lost their end.
TEST_CASE("units: a two-level table under a column header, rows with their own unit word, broken names") {
  test::ExtractCtx x(
      "Tabel 1   Klachten per directie en afdeling\n\n"
      "                                   2021      2022    afgehandeld\n\n"
      "Directie Mobiliteit                  29        33         31\n"
      "   Wegen en Vaarwegen                17        22         21\n"
      "   Openbaar Vervoer                  12        11         10\n");
  run_units(*x);
  std::vector<std::string> units;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table") units.push_back(t.value + " " + t.detail.substr(0, t.detail.find(",\"counts\"")));
  CHECK(units == std::vector<std::string>{
                     "Directie Mobiliteit {\"unit\":\"directie\",\"level\":\"dienst\"",
                     "Wegen en Vaarwegen {\"unit\":\"afdeling\",\"level\":\"afdeling\"",
                     "Openbaar Vervoer {\"unit\":\"afdeling\",\"level\":\"afdeling\"",
                 });
  test::ExtractCtx police(
      "\n"
      "Tabel 1  Klachten per district en dienst, januari t/m juni 2023\n"
      "                                          ingekomen   afgerond   lopend\n"
      "District Hoogwater                            61          52         9\n"
      "   Basisteam Hoogwater-Stad                   38          33         5\n"
      "   Basisteam Rietmond                         23          19         4\n"
      "District Turfmeer                             44          40         4\n"
      "   Basisteam Turfmeer                         27          25         2\n"
      "   Basisteam Eemsloot                         17          15         2\n"
      "District Kanaalstreek                         39          31         8\n"
      "   Basisteam Kanaalstreek-West                22          17         5\n"
      "   Basisteam Ravenbroek                       17          14         3\n"
      "Dienst Regionale Operationele                 12          11         1\n"
      "Samenwerking\n"
      "Dienst Regionale Recherche                     6           5         1\n"
      "Dienst Regionale Informatie-                  14          12         2\n"
      "organisatie\n"
      "Totaal                                       176         151        25\n");
  run_units(*police);
  std::vector<std::string> rows;
  for (const Tag& t : police.out.tags)
    if (t.type == "afdeling") rows.push_back(t.value + " " + t.detail.substr(0, t.detail.find(",\"counts\"")) + " " + std::string(t.rule));
  CHECK(rows == std::vector<std::string>{
                    "District Hoogwater {\"unit\":\"sector\",\"level\":\"dienst\"} afdeling.table",
                    "Hoogwater-Stad {\"unit\":\"team\",\"level\":\"team\"} afdeling.table",
                    "Rietmond {\"unit\":\"team\",\"level\":\"team\"} afdeling.table",
                    "District Turfmeer {\"unit\":\"sector\",\"level\":\"dienst\"} afdeling.table",
                    "Turfmeer {\"unit\":\"team\",\"level\":\"team\"} afdeling.table",
                    "Eemsloot {\"unit\":\"team\",\"level\":\"team\"} afdeling.table",
                    "District Kanaalstreek {\"unit\":\"sector\",\"level\":\"dienst\"} afdeling.table",
                    "Kanaalstreek-West {\"unit\":\"team\",\"level\":\"team\"} afdeling.table",
                    "Ravenbroek {\"unit\":\"team\",\"level\":\"team\"} afdeling.table",
                    "Dienst Regionale Operationele Samenwerking {\"unit\":\"dienst\",\"level\":\"dienst\"} afdeling.table",
                    "Dienst Regionale Recherche {\"unit\":\"dienst\",\"level\":\"dienst\"} afdeling.table",
                    "Dienst Regionale Informatieorganisatie {\"unit\":\"dienst\",\"level\":\"dienst\"} afdeling.table",
                });
}

// dev13 (session 26, written blind): a tax cooperation's own report named
// its owners in its letterhead ("gemeenschappelijke regeling van de
// gemeenten A, B en C en Waterschap D") and counted its work per owner in a
// table; each was tagged as an organisation it writes about (10 false units).
TEST_CASE("units: the owners of a joint body are no units of its own report") {
  test::ExtractCtx x(
      "Belastingsamenwerking Hollemeer\ngemeenschappelijke regeling van de gemeenten Aardam, Beekdam en Ceedam\n"
      "en Waterschap De Dee\n\nTabel 2  Klachten per deelnemer\n\nGemeente Aardam     12\nWaterschap De Dee    3\n\n"
      "Een klant uit Aardam belde over de afdeling Invordering.\n");
  run_organisation(*x);
  CHECK(x.out.facts.organisation == "Belastingsamenwerking Hollemeer");
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") values.push_back(t.value);
  CHECK(values == std::vector<std::string>{"Invordering"});
}

// Review of session 26: only where the report presents itself does such a
// phrase name its owners; a collaboration named further on does not.
TEST_CASE("units: a collaboration named further on names no owners") {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "In dit jaar kwamen weer klachten binnen.\n";
  test::ExtractCtx x("Gemeente Lindehoven\n\nJaarverslag klachten 2022\n" + filler +
                     "\nDe afdeling Werk werkt in samenwerking met de gemeenten Aardam en Beekdam.\n\n"
                     "De gemeente Aardam kreeg 3 klachten.\n");
  run_organisation(*x);
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") values.push_back(t.value);
  CHECK(std::find(values.begin(), values.end(), "Aardam") != values.end());
}

// dev14 (session 26, written blind): bodies organised by region report per
// "regio"; the area a body serves ("gemeenten in de regio X") is none, nor
// the region the publisher names itself by.
TEST_CASE("units: regions, the area served, the publisher's own region") {
  test::ExtractCtx x("Jeugdbescherming Lindemeer\n\nWij werken in drie regio's: regio Kustvlakte en regio Zuidwold.\n\n"
                     "De ombudsman werkt voor vier gemeenten in de regio Kempenwaard.\n");
  run_organisation(*x);
  run_units(*x);
  std::vector<std::string> values;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") values.push_back(t.value);
  CHECK(values == std::vector<std::string>{"regio Kustvlakte", "regio Zuidwold"});
  test::ExtractCtx own("Reclasseringszorg Nederland, regio Hanzekwartier\n\nHalfjaarrapportage klachten\n\n"
                       "Voor: het managementteam regio Hanzekwartier.\n");
  run_organisation(*own);
  CHECK(own.out.facts.organisation == "Reclasseringszorg Nederland, regio Hanzekwartier");
  run_units(*own);
  for (const Tag& t : own.out.tags) CHECK(t.type != "afdeling");
}

// Regression (dev15, a 1987 report, session 27): a table's rows with leader
// dots kept the dots in their names ("Dienst Stadswerken ........"), and a
// row naming a dienst and, after a comma, its afdeling ("Dienst Financiën,
// afd. Belastingen") was one unit of the dienst's level.
TEST_CASE("units regression: leader dots are no part of a row's name; a row's afd. after a comma is its own unit") {
  test::ExtractCtx x(
      "Tabel 2. Verzoekschriften per dienst\n"
      "Dienst Stadswerken ....................  17\n"
      "Dienst Financien, afd. Belastingen ....  13\n"
      "Gas- en Waterbedrijf..................  14\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.rule == "afdeling.table")
      got.push_back(t.value + " " + std::string(x.text.substr(t.start, t.end - t.start)) + " " +
                    (t.detail.find("\"level\":\"dienst\"") != std::string::npos ? "dienst" : "afdeling"));
  CHECK(got == std::vector<std::string>{"Dienst Stadswerken Dienst Stadswerken dienst",
                                        "Dienst Financien Dienst Financien dienst", "Belastingen afd. Belastingen afdeling",
                                        "Gas- en Waterbedrijf Gas- en Waterbedrijf dienst"});
  const UnitNames un = names();
  CHECK(un.unit_of("afd.") == "afdeling");
  CHECK(un.unit_of("afdeling") == "afdeling");
  CHECK(un.unit_of(".") == "");
}

// Regression (dev15, session 27): a name with commas after a singular unit
// word ran into the closing bracket around it.
TEST_CASE("units regression: a name with commas stops at a closing bracket") {
  test::ExtractCtx x("Kader 4 Dossier KB-2020-0051 (Aadorp, afdeling Zorg, Werk en Inkomen)\nDe uitkering stopte.\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") got.push_back(t.value + " [" + std::string(x.text.substr(t.start, t.end - t.start)) + "]");
  CHECK(got == std::vector<std::string>{"Zorg, Werk en Inkomen [Zorg, Werk en Inkomen]"});
}

// Regression (dev19, session 29): the last part of a name with commas may
// be two words: "team Jeugd, Zeden en Huiselijk Geweld" was cut before
// "Geweld".
TEST_CASE("units regression: a name with commas ends in a part of two words") {
  test::ExtractCtx x("KL 25/0017 · team Jeugd, Zeden en Huiselijk Geweld\nDe klager wachtte lang.\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") got.push_back(t.value);
  CHECK(got == std::vector<std::string>{"Jeugd, Zeden en Huiselijk Geweld"});
}

// Regression (dev20, session 31): a unit word that maps to another level's
// unit ("Faculteit" is a sector) is still singular, so its name with commas
// runs to its last part; only a plural ("faculteiten") stops at the comma.
TEST_CASE("units regression: faculteit_name_with_commas_is_cut_at_the_first_comma") {
  test::ExtractCtx x("Klachten per faculteit\n\nFaculteit Economie, Recht en Bestuur\n\nDe klager wachtte lang.\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") got.push_back(t.value + " [" + std::string(x.text.substr(t.start, t.end - t.start)) + "]");
  CHECK(got == std::vector<std::string>{"faculteit Economie, Recht en Bestuur [Economie, Recht en Bestuur]"});
}

// Regression (dev20, session 31): "Dienst Facilitaire Zaken en de Dienst
// Informatievoorziening" was one unit; the unit word after "en" opens the
// next one.
TEST_CASE("units regression: two_units_joined_by_en_were_one") {
  test::ExtractCtx x("De klachten gingen over de Dienst Facilitaire Zaken en de Dienst Informatievoorziening.\n"
                     "Ook de afdeling Heffingen en team Invordering kregen klachten.\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") got.push_back(t.value + " [" + std::string(x.text.substr(t.start, t.end - t.start)) + "]");
  CHECK(got == std::vector<std::string>{"dienst Facilitaire Zaken [Facilitaire Zaken]",
                                        "dienst Informatievoorziening [Informatievoorziening]", "Heffingen [Heffingen]",
                                        "Invordering [Invordering]"});
}

// Regression (dev20, session 31): once "Regio" counted as singular, "Regio
// Noord, Regio Oost en Regio West" became one name; a part after a comma
// that opens with a unit word is the next unit of the list.
TEST_CASE("units regression: a_comma_before_a_unit_word_ends_the_name") {
  test::ExtractCtx x("De regionale directies (Regio Noord, Regio Oost en Regio West) werken samen.\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") got.push_back(std::string(x.text.substr(t.start, t.end - t.start)));
  CHECK(got == std::vector<std::string>{"Noord", "Oost", "West"});
}

// dev20 (session 31): a city's stadsdeel named as a place ("Vooral in
// Kleiwijk", "Een bewoner van Kleiwijk") is not the unit "stadsdeel
// Kleiwijk"; named as the unit, it is.
TEST_CASE("units: a stadsdeel named as a place is no mention of the unit") {
  test::ExtractCtx x("Het stadsdeel Kleiwijk kreeg tien klachten. Vooral in Kleiwijk ging het om parkeren.\n"
                     "Een bewoner van Kleiwijk klaagde. Kleiwijk heeft de klacht zelf behandeld.\n");
  run_units(*x);
  std::vector<std::string> got;
  for (const Tag& t : x.out.tags)
    if (t.type == "afdeling") got.push_back(std::string(x.text.substr(t.start, t.end - t.start)));
  CHECK(got == std::vector<std::string>{"Kleiwijk", "Kleiwijk"});
}
