// The oordelen interpreter (src/extract/oordelen.h) alone.
#include <catch2/catch.hpp>

#include "extract/oordelen.h"
#include "extract/units.h"
#include "extract_ctx.h"

using namespace omb;
using namespace omb::interp;

namespace {

// The values of the oordeel tags of `text` in a report of `publisher`.
std::vector<std::string> oordeel_values(const std::string& text, const std::string& publisher) {
  test::ExtractCtx x(text);
  x->out.facts.organisation = publisher;
  run_units(*x);
  run_oordelen(*x);
  std::vector<std::string> v;
  for (const Tag& t : x.out.tags)
    if (t.type == "oordeel") v.push_back(t.value);
  return v;
}

}  // namespace

TEST_CASE("oordelen: an outcome row's label from table.labels, else an entry's value") {
  const RuleFile& oo = test::rule_file("oordeel");
  CHECK(outcome_value(oo, "Deels gegrond") == "gedeeltelijk gegrond");
  CHECK(outcome_value(oo, "Onontvankelijk") == "niet ontvankelijk");
  CHECK(outcome_value(oo, "Gegrond") == "gegrond");
  CHECK(outcome_value(oo, "**Ongegrond**").empty());
  CHECK(outcome_value(oo, "Totaal").empty());
}

TEST_CASE("oordelen: outcome rows first, with counts; no plain hit on their labels") {
  test::ExtractCtx x("| Uitkomst | Aantal |\n|---|---|\n| Gegrond | 3 |\n| Totaal | 3 |\n\nDe klacht is ongegrond.\n");
  run_units(*x);
  REQUIRE(x->outcome_rows.size() == 2);
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel gegrond [34,41) oordeel.table",
                                             "oordeel ongegrond [77,86) oordeel.ongegrond/ongegrond"});
  CHECK(x.out.tags[0].detail == "{\"counts\":{\"Aantal\":3}}");
}

TEST_CASE("oordelen: without outcome rows every hit is a tag, but not a count") {
  test::ExtractCtx x("Gegrond | 3\n\nDe klacht is gegrond.\n");
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel gegrond [26,33) oordeel.gegrond/gegrond"});
}

// Regression (#18, dev set): counts in running text and the header of a
// table of outcomes were tagged as verdicts, one per number.
TEST_CASE("oordelen regression: counts and column headers are statistics, not verdicts") {
  auto values = [](const std::string& text) {
    test::ExtractCtx x(text);
    run_oordelen(*x);
    std::vector<std::string> v;
    for (const Tag& t : x.out.tags) v.push_back(t.value);
    return v;
  };
  using V = std::vector<std::string>;
  CHECK(values("Klacht gegrond        4\nKlacht ongegrond      5\n").empty());
  CHECK(values("behoorlijk: 3 \xE2\x80\x93 niet behoorlijk: 4 \xE2\x80\x93 gegrond: 2\n").empty());
  CHECK(values("Sector     aantal   gegrond   ongegrond   overig\n").empty());
  // A verdict stays one, also beside another in a sentence.
  CHECK(values("De klacht is gegrond. Op het tweede punt is zij ongegrond.\n") == V{"gegrond", "ongegrond"});
  CHECK(values("Het eerste punt is gegrond, het tweede ongegrond.\n") == V{"gegrond", "ongegrond"});
  CHECK(values("De klacht is gegrond (zie bijlage 2).\n") == V{"gegrond"});
  // dev10 (session 22): one verdict word among the names of count columns,
  // also where the caption and the header row were joined on one line.
  CHECK(values("Tabel 1 Klachten per directie en afdeling, 2024 ontvangen afgehandeld gegrond\n").empty());
  CHECK(values("ontvangen Q2 2024 ontvangen Q1 2024 afgehandeld binnen termijn gegrond of deels gegrond\n").empty());
  CHECK(values("De klacht is op 3 mei ontvangen en gegrond verklaard.\n") == V{"gegrond"});
  // dev sets (session 23): columns named by two years, or "waarvan",
  // "aandeel", "formeel" beside the verdict.
  CHECK(values("2022 2023 gegrond (2023)\n").empty());
  CHECK(values("Directie 2018 2019 aandeel 2019 gegrond\n").empty());
  CHECK(values("Directie Q1 2021 Q2 2021 formeel (deels) gegrond\n").empty());
  CHECK(values("In 2022 en 2023 was de klacht gegrond.\n") == V{"gegrond"});
}

TEST_CASE("oordelen: a row whose label names no oordeel covers nothing") {
  test::ExtractCtx x("De klacht is gegrond.\n");
  x->outcome_rows.push_back({"gegrond", 13, 20, ""});
  x->outcome_rows.push_back({"Totaal", 0, 21, ""});
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel gegrond [13,20) oordeel.table"});
}

TEST_CASE("oordelen: another body's verdict is not the report's, unless the body publishes it") {
  OtherBody other{{"gemeente", "provincie", "college", "interne"}, {"ombudsman", "commissie", "ik"},
                  {{"gemeente", {"college"}}}};
  auto judged = [&](const std::string& sentence, const std::string& publisher) {
    std::size_t at = sentence.find("gegrond");
    if (sentence.find("ongegrond") != std::string::npos) at = sentence.find("ongegrond");
    return another_bodys(sentence, at, other, publishers_words(other, publisher));
  };
  // A first-line verdict reported by an ombudsman.
  CHECK(judged("De gemeente had zijn klacht behandeld en ongegrond verklaard.", "Ombudsman Maasheuvelland"));
  CHECK(judged("Zij kreeg een brief. Daarin verklaarde de provincie de klacht ongegrond.", "Provinciale Ombudsman Noord"));
  CHECK(judged("De gemeente verklaarde de klacht in haar interne klachtbehandeling ongegrond.", "Nationale ombudsman"));
  // The publisher speaking, or the body complained about.
  CHECK_FALSE(judged("De ombudsman vindt de klacht over de gemeente gegrond.", "Ombudsman Maasheuvelland"));
  CHECK_FALSE(judged("De klacht over de gemeente Veenmarke is gegrond.", "Gemeentelijke ombudsman Veenmarke"));
  CHECK_FALSE(judged("Ik vind dat de gemeente de klacht ten onrechte ongegrond verklaarde.", "Ombudsman Maasheuvelland"));
  // The publisher's own verdict, by the publisher or one of its organs.
  CHECK_FALSE(judged("De gemeente heeft de klacht gegrond verklaard.", "Gemeente Vlietdorp"));
  CHECK_FALSE(judged("Het college heeft de klacht gegrond verklaard.", "Gemeente Vlietdorp"));
  CHECK(judged("Het college heeft de klacht gegrond verklaard.", "Ombudsman Maasheuvelland"));
  // Only the sentence of the verdict counts.
  CHECK_FALSE(judged("De gemeente reageerde laat. De klacht is gegrond.", "Ombudsman Maasheuvelland"));
}

TEST_CASE("oordelen: a first-line verdict in an ombudsman's report gives no tag; the ombudsman's does") {
  test::ExtractCtx x("De gemeente heeft de klacht ongegrond verklaard.\n\nDe ombudsman vindt de klacht gegrond.\n");
  x->out.facts.organisation = "Ombudsman Rijnstreek";
  run_units(*x);
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel gegrond [79,86) oordeel.gegrond/gegrond"});
}

// dev5 (session 17): in a watchdog's report, its units' verdicts are
// theirs; in the body's own report, they are the report's. A count before a
// verdict word is a statistic.
TEST_CASE("oordelen: a unit's verdict in a watchdog's report, and a count before the word") {
  test::ExtractCtx x("Het cluster verklaarde de klacht na elf weken gegrond.\n\nDe rechtbank heeft het beroep gegrond verklaard.\n\n"
                     "De ombudsman vindt de klacht ongegrond.\n");
  // (A rekenkamer judges no complaint at all: see the regression below.)
  x->out.facts.organisation = "Ombudscommissie Aardam";
  run_units(*x);
  run_oordelen(*x);
  CHECK(x.tags() == std::vector<std::string>{"oordeel ongegrond [135,144) oordeel.ongegrond/ongegrond"});
  test::ExtractCtx own("Het cluster verklaarde de klacht na elf weken gegrond.\n");
  own->out.facts.organisation = "Gemeente Aardam";
  run_units(*own);
  run_oordelen(*own);
  CHECK(own.tags() == std::vector<std::string>{"oordeel gegrond [46,53) oordeel.gegrond/gegrond"});
  test::ExtractCtx count("In de 21 rapporten achtte de commissie de klacht 8 maal gegrond en 9 maal niet gegrond.\n");
  count->out.facts.organisation = "Ombudscommissie Aardam";
  run_units(*count);
  run_oordelen(*count);
  CHECK(count.tags().empty());
}

// dev7 (session 19): verdicts counted in running text ("er 58 gegrond",
// "12 procent deels gegrond", a clause that opens with a number) are
// statistics; numbered parts are not counts; "niet behoorlijk" in the report
// of a body that is no watchdog is an ombudsman's verdict about it.
TEST_CASE("oordelen: counts in prose, numbered parts, and a watchdog's verdict in a body's report") {
  using V = std::vector<std::string>;
  CHECK(oordeel_values("Van de klachten verklaarden wij er 58 gegrond en 37 deels gegrond.\n", "Gemeente Aardam") == V{});
  CHECK(oordeel_values("Wij vonden 12 procent deels gegrond en 33 % ongegrond.\n", "Gemeente Aardam") == V{});
  CHECK(oordeel_values("31 klachten zijn in onderling overleg afgesloten.\n", "Gemeente Aardam") == V{});
  CHECK(oordeel_values("41 procent van de klachten vonden wij gegrond.\n", "Gemeente Aardam") == V{});
  CHECK(oordeel_values("De ombudsman vindt de klachtonderdelen 1 en 2 gegrond.\n", "Nationale ombudsman") == V{"gegrond"});
  CHECK(oordeel_values("Hij vond dat wij niet behoorlijk hadden gehandeld.\n", "Landelijk Bureau Aardam") == V{});
  CHECK(oordeel_values("Ik vind dat de gemeente niet behoorlijk heeft gehandeld.\n", "Ombudsman Aardam") == V{"niet behoorlijk"});
  // Without a publisher nothing is judged so.
  CHECK(oordeel_values("Hij vond dat wij niet behoorlijk hadden gehandeld.\n", "") == V{"niet behoorlijk"});
}

// Review (session 19): a date's year or day before the verdict, or a date
// or section number opening the clause, is no count.
TEST_CASE("oordelen regression: a dated verdict is a verdict, not a count") {
  auto values = [](const std::string& text) { return oordeel_values(text, "Nationale ombudsman"); };
  using V = std::vector<std::string>;
  CHECK(values("De ombudsman heeft de klacht op 3 mei 2022 gegrond verklaard.\n") == V{"gegrond"});
  CHECK(values("15 juni 2021 heeft de ombudsman de klacht gegrond verklaard.\n") == V{"gegrond"});
  CHECK(values("31 klachten vond de ombudsman gegrond.\n") == V{});
}

// Regression (dev11 eval documents, session 24): a count with a thousands
// separator ("2.377 klachten waren ongegrond"), a legend of outcomes
// ("gegrond of deels gegrond") and a decision on an objection with words
// between ("zijn bezwaar in oktober gegrond verklaard") were verdicts.
TEST_CASE("oordelen regression: thousands, a legend of outcomes, and decisions on objections") {
  auto values = [](const std::string& text) { return oordeel_values(text, "Rijksinstituut Werk en Uitkering"); };
  using V = std::vector<std::string>;
  CHECK(values("2.377 klachten waren ongegrond. De klacht van de heer V. is gegrond.\n") == V{"gegrond"});
  CHECK(values("2.1 De klacht is gegrond.\n") == V{"gegrond"});  // a section number is no count
  CHECK(values("* gegrond of deels gegrond\n") == V{});
  CHECK(values("De afdeling bezwaar en beroep heeft zijn bezwaar in oktober gegrond verklaard.\n") == V{});
  CHECK(values("De bezwaarschriftencommissie verklaarde een van die bezwaren gegrond.\n") == V{});
  CHECK(values("Het hoger beroep werd ongegrond verklaard.\n") == V{});
  // The complaint's verdict, with the objection inside a phrase about it.
  CHECK(values("De klacht over de afhandeling van het bezwaar is gegrond.\n") == V{"gegrond"});
  CHECK(values("Wij vinden de klacht over het bezwaar gegrond.\n") == V{"gegrond"});
  CHECK(values("De klacht dat het bezwaar niet tijdig is afgehandeld, is gegrond.\n") == V{"gegrond"});
  CHECK(values("Wij vinden de klacht dat zijn bezwaarschrift zoekraakte gegrond.\n") == V{"gegrond"});
  // (An ombudsman's verdict in an agency's report is another body's: session 27.)
  CHECK(values("De ombudsman vindt de klacht dat zijn bezwaarschrift zoekraakte gegrond.\n") == V{});
}

// Regression (dev16, blind, session 27): in a care group's report, the
// external committee's verdict; in a school committee's advice, the
// director's decision before it; and a definition of a verdict ("noemen wij
// gegrond als") were taken as the report's verdicts.
TEST_CASE("oordelen regression: a committee or a director not the publisher, a verdict's definition") {
  using V = std::vector<std::string>;
  CHECK(oordeel_values("De Klachtencommissie Wzd deed uitspraak. De commissie verklaarde de klacht gegrond.\n",
                       "Zorggroep Rivierzicht") == V{});
  CHECK(oordeel_values("De commissie acht de klacht op onderdeel 1 gegrond.\n",
                       "Regionale Klachtencommissie Onderwijs Westerheide") == V{"gegrond"});
  CHECK(oordeel_values("De directeur heeft de klacht gegrond verklaard.\n", "Gemeente Aadorp") == V{"gegrond"});
  CHECK(oordeel_values("Een klacht noemen wij gegrond als wij iets niet goed hebben gedaan.\n", "Gemeente Aadorp") == V{});
  // Review (session 27): another body's board is no organ of the publisher;
  // a verdict per part is no definition; with no publisher known, the
  // committee and the ombudsman speak for the report.
  CHECK(oordeel_values("Het bestuur van woningcorporatie Woonwel heeft de klacht gegrond verklaard.\n", "Gemeente Aadorp") == V{});
  CHECK(oordeel_values("Ik vind de klacht gegrond als het gaat om de bejegening.\n", "Ombudsman Aadorp") == V{"gegrond"});
  CHECK(oordeel_values("De commissie acht de klacht gegrond.\n", "") == V{"gegrond"});
  CHECK(oordeel_values("De ombudsman vindt de klacht ongegrond.\n", "") == V{"ongegrond"});
}

// Seen in review (session 24): "De klacht dat de gemeente ... is gegrond"
// in an ombudsman's report lost its verdict: the gemeente named inside
// what the complaint says counted as the body that gave the verdict.
TEST_CASE("oordelen regression: a body inside what the complaint says gives no verdict") {
  auto values = [](const std::string& text) { return oordeel_values(text, "Ombudsman Aardam"); };
  using V = std::vector<std::string>;
  CHECK(values("De klacht dat de gemeente het bezwaar niet tijdig heeft afgehandeld, is gegrond.\n") == V{"gegrond"});
  CHECK(values("De klacht is door de gemeente ongegrond verklaard.\n") == V{});  // the gemeente's verdict
  CHECK(values("De gemeente verklaarde de klacht dat de medewerker onbeleefd was gegrond.\n") == V{});
}

// dev12 (session 25, written blind): a 1982 table of outcomes with leader
// dots, counts in words, a school board's own verdicts, and a legend.
TEST_CASE("oordelen regression: leader dots, counts in words, a board's own verdict, a legend") {
  auto values = [](const std::string& text, const std::string& publisher) { return oordeel_values(text, publisher); };
  using V = std::vector<std::string>;
  const std::string board = "Onderwijsstichting Ravelsberg";
  CHECK(values("     gegrond ......................................  11\n"
               "     ongegrond ....................................  15\n",
               "Klachtencommissie gemeente Haverdonk") == V{});
  CHECK(values("Het college behandelde veertien klachten en verklaarde er vijf gegrond, drie deels gegrond en vier "
               "ongegrond; \xC3\xA9\xC3\xA9n klacht is ingetrokken.\n",
               board) == V{});
  CHECK(values("Drie klachten zijn ingetrokken.\n", board) == V{});
  // The board is the publisher's own organ: its verdict is the report's.
  CHECK(values("Het college van bestuur heeft de klacht gegrond verklaard.\n", board) == V{"gegrond"});
  CHECK(values("Het college van bestuur heeft de klacht gegrond verklaard.\n", "Ombudsman Gaasterweide") == V{});
  // "Een klacht" is the article, not a count: a case's summary opens so.
  CHECK(values("Een klacht over de bejegening verklaarde de ombudsman gegrond.\n", "Ombudsman Gaasterweide") == V{"gegrond"});
  CHECK(values("Elk onderdeel zegt of dat deel van de klacht gegrond of niet gegrond is.\n", "Ombudsman Gaasterweide") == V{});
  // Review (session 25): a numbered part in words is no count; another
  // body called a college is no board of the publisher's.
  CHECK(values("De ombudsman vindt klachtonderdeel twee gegrond.\n", "Ombudsman Gaasterweide") == V{"gegrond"});
  CHECK(values("Het College voor de Rechten van de Mens verklaarde de klacht gegrond.\n", board) == V{});
  CHECK(values("Vier klachten waren in eén gesprek opgelost; eén gegrond.\n", board) == V{});
}

// dev and dev3 (session 25): verdicts said in ways the rules did not read.
TEST_CASE("oordelen: behoorlijk after its body, agreement after a comma, a semicolon's own clause") {
  auto values = [](const std::string& text, const std::string& publisher) { return oordeel_values(text, publisher); };
  using V = std::vector<std::string>;
  const std::string committee = "Ombudscommissie Oosterholt";
  CHECK(values("De commissie is van oordeel dat de gemeente behoorlijk heeft gehandeld.\n", committee) == V{"behoorlijk"});
  CHECK(values("De commissie acht de handelwijze van de afdeling op dit punt behoorlijk.\n", committee) == V{"behoorlijk"});
  CHECK(values("De commissie vindt dat de gemeente niet behoorlijk heeft gehandeld.\n", committee) == V{"niet behoorlijk"});
  CHECK(values("Per klachtonderdeel geef ik aan of de gemeente behoorlijk heeft gehandeld.\n", committee) == V{});
  CHECK(values("De commissie heeft het onderzoek beëindigd, in overeenstemming met verzoeker.\n", committee) ==
        V{"wederzijdse overeenstemming"});
  CHECK(values("De klacht is in overleg met de klager afgesloten.\n", committee) == V{"wederzijdse overeenstemming"});
  // The gemeente before the semicolon gave no verdict.
  CHECK(values("Verlichting is een taak van de gemeente; daarom is de klacht niet-ontvankelijk verklaard.\n",
               "Omgevingsdienst Marsdijk") == V{"niet ontvankelijk"});
  CHECK(values("De gemeente verklaarde de klacht niet-ontvankelijk.\n", "Ombudsman Marsdijk") == V{});
}

// dev13 (session 26, written blind): a count of people who withdrew ("Elf
// studenten trokken hun klacht in") is no verdict; a prison's beklag is
// withdrawn as a complaint is; the list of verdicts a committee may give is
// none of them.
TEST_CASE("oordelen regression: counted people, a withdrawn beklag, the verdicts one may give") {
  auto values = [](const std::string& text, const std::string& publisher) { return oordeel_values(text, publisher); };
  using V = std::vector<std::string>;
  const std::string cvt = "Commissie van Toezicht bij de Penitentiaire Inrichting Heerenbroek";
  CHECK(values("Elf studenten trokken hun klacht in.\n", cvt) == V{});
  CHECK(values("Klager heeft het beklag ingetrokken nadat hij excuses kreeg.\n", cvt) == V{"ingetrokken"});
  CHECK(values("Zij verklaart het beklag gegrond, gedeeltelijk gegrond, ongegrond of niet-ontvankelijk.\n", cvt) == V{});
  CHECK(values("De beklagcommissie verklaart het beklag niet-ontvankelijk.\n", cvt) == V{"niet ontvankelijk"});
}

// dev14 (session 26, written blind): a verdict on a complaint "over de
// gedragingen van de gemeente X" is the ombudsman's, not the gemeente's; a
// part judged "behoorlijk" in so many words; a rule that says when a
// complaint is gegrond gives no verdict.
TEST_CASE("oordelen regression: what a complaint is about, a part behoorlijk, a rule's condition") {
  auto values = [](const std::string& text, const std::string& publisher) { return oordeel_values(text, publisher); };
  using V = std::vector<std::string>;
  const std::string om = "Ombudsman Lisvenne";
  CHECK(values("De klacht over de gedragingen van de gemeente Keppelwaard is op de onderdelen a en d gegrond.\n", om) ==
        V{"gegrond"});
  CHECK(values("De klacht over de afdeling is door het college gegrond verklaard.\n", om) == V{});
  CHECK(values("De gedraging is op dit onderdeel behoorlijk.\n", om) == V{"behoorlijk"});
  CHECK(values("De regeling bepaalt dat een klacht gegrond is als de gedraging niet behoorlijk is.\n", om) == V{});
}

// Regression (dev15, blind, session 27): a transport authority's report told
// of its carriers' own verdicts, a Nationale ombudsman report of the
// agency's, and a rekenkamer's study of an ombudsman's; each was taken as the
// report's verdict.
TEST_CASE("oordelen regression: the verdict of an organisation the report is about, and a rekenkamer's study") {
  using V = std::vector<std::string>;
  const std::string no = "Nationale ombudsman";
  CHECK(oordeel_values("Het gaat om het Centraal Bureau Inning Sancties (CBIS).\n\n"
                       "In juni kreeg zij een brief waarin het CBIS de klacht ongegrond verklaarde.\n",
                       no) == V{});
  CHECK(oordeel_values("Het gaat om het Centraal Bureau Inning Sancties.\n\n"
                       "De klacht over het Centraal Bureau Inning Sancties is gegrond.\n",
                       no) == V{"gegrond"});
  CHECK(oordeel_values("In rapport 2022/087 oordeelde de ombudsman dat de gemeente Aadorp niet behoorlijk had gehandeld.\n"
                       "Het college verklaarde de klacht gegrond.\n",
                       "Rekenkamer Hoevelanden") == V{});
  // The verdict's own clause after the organisation's (review, session 27),
  // and a complaint that only led to the organisation's verdict.
  CHECK(oordeel_values("Het gaat om het Centraal Bureau Inning Sancties.\n\n"
                       "Omdat het Centraal Bureau Inning Sancties niet tijdig besliste, is de klacht gegrond.\n",
                       no) == V{"gegrond"});
  CHECK(oordeel_values("Het gaat om het Centraal Bureau Inning Sancties.\n\n"
                       "Naar aanleiding van haar klacht heeft het Centraal Bureau Inning Sancties de klacht ongegrond verklaard.\n",
                       no) == V{});
}

// Regression (#18, dev18, session 28): a header of verdict columns over a
// row of counts ("Directie  Gegrond  Deels  Ongegrond") is no verdict, nor
// is a count in brackets ("een derde (28) gegrond"); Gedeputeerde Staten
// are another body in a provincial ombudsman's report.
TEST_CASE("oordelen regression: a header over counts, a bracketed count, the organs of another body") {
  CHECK(oordeel_values("Tabel 2 Uitkomst per directie\n\nDirectie         Gegrond   Deels   Ongegrond\n"
                       "Studiefinanciering    402     188         311\nOnderwijs              61      22          57\n",
                       "Uitvoeringsdienst Leren")
            .empty());
  CHECK(oordeel_values("Van de 85 klachten was een derde (28) gegrond.\n", "Rechtbank Oostergouw").empty());
  CHECK(oordeel_values("Gedeputeerde Staten achtten de klacht ongegrond. De ombudsman acht de klacht gegrond.\n",
                       "Provinciale Ombudsman Noordmeer") == std::vector<std::string>{"gegrond"});
  // A numbered part in brackets is no count, nor a line's enumerator or a year.
  CHECK(oordeel_values("De ombudsman vindt klachtonderdeel (2) gegrond.\n", "Ombudsman Noordmeer") ==
        std::vector<std::string>{"gegrond"});
  CHECK(oordeel_values("(1) gegrond: de brief kwam te laat.\n", "Ombudsman Noordmeer") == std::vector<std::string>{"gegrond"});
  // A verdict heading over a sentence with numbers is a verdict.
  CHECK(oordeel_values("Oordeel gegrond\n\nDe ombudsman sprak op 12 maart met 2 medewerkers.\n", "Ombudsman Noordmeer") ==
        std::vector<std::string>{"gegrond"});
  // A header whose last cell is abbreviated ("Ingetr.") over counts.
  CHECK(oordeel_values("Team                Gegrond   Deels gegr.   Ongegrond   Ingetr.\n"
                       "Wmo en Vervoer           6             2           3         0\n"
                       "Jeugd en Opvoeden        1             1           2         2\n",
                       "Gemeente Vreeswolde")
            .empty());
}
