// signals/cells.h: units placed in periods and counted per series and cell.
#include <catch2/catch.hpp>

#include "signals/cells.h"

using namespace omb;
using detect::Key;

namespace {

SignalUnit unit(std::string org, std::string doctype, std::string afdeling, std::vector<std::string> themes,
                std::optional<int> year, std::optional<int> quarter, std::string date = "") {
  SignalUnit u;
  u.organisation = std::move(org);
  u.doctype = std::move(doctype);
  u.afdeling = std::move(afdeling);
  u.themes = std::move(themes);
  u.year = year;
  u.quarter = quarter;
  u.date = std::move(date);
  return u;
}

}  // namespace

TEST_CASE("period_of: year and quarter, else the date, else no period", "[signals][cells]") {
  using detect::period_of;
  CHECK(period_of(Grain::quarter, 2021, 3, "") == 2021 * 4 + 2);
  CHECK(period_of(Grain::year, 2021, 3, "") == 2021);
  // No quarter: the date's month gives it, if the date is of the report's year.
  CHECK(period_of(Grain::quarter, 2021, std::nullopt, "2021-08-15") == 2021 * 4 + 2);
  CHECK(period_of(Grain::quarter, 2021, std::nullopt, "2022-01-10") == -1);
  CHECK(period_of(Grain::year, 2021, std::nullopt, "2022-01-10") == 2021);
  // No year: the date's.
  CHECK(period_of(Grain::quarter, std::nullopt, std::nullopt, "2020-12-01") == 2020 * 4 + 3);
  CHECK(period_of(Grain::quarter, std::nullopt, std::nullopt, "") == -1);
  CHECK(period_of(Grain::quarter, std::nullopt, std::nullopt, "geen datum") == -1);
  CHECK(period_of(Grain::quarter, 2021, 5, "") == -1);
}

TEST_CASE("build_cells: series per organisation and doctype, missing periods, cells and exposure", "[signals][cells]") {
  const std::vector<SignalUnit> in = {
      unit("Ombudsman A", "kwartaalrapportage", "Werk", {"privacy", "bejegening", "privacy"}, 2021, 1),
      unit("Ombudsman A", "kwartaalrapportage", "Werk", {}, 2021, 1),
      unit("Ombudsman A", "kwartaalrapportage", "Inkomen", {"privacy"}, 2021, 3),
      unit("Ombudsman A", "kwartaalrapportage", "", {"privacy"}, 2021, 4),
      unit("Ombudsman A", "onderzoeksrapport", "", {"privacy"}, 2021, 2),
      unit("Ombudsman B", "kwartaalrapportage", "Werk", {"privacy"}, std::nullopt, std::nullopt),
  };
  SignalOptions o;
  const detect::Cells c = detect::build_cells(in, o);
  REQUIRE(c.units.size() == 6);
  CHECK(c.unplaced == 1);
  CHECK(c.units[0].themes == std::vector<std::string>{"bejegening", "privacy"});
  REQUIRE(c.series.size() == 3);
  const detect::Series& a = c.series[0];
  CHECK(a.name == "Ombudsman A");
  CHECK(a.doctype == "kwartaalrapportage");
  // 2021Q2 has no report of this series: missing, not zero.
  CHECK(a.periods == std::vector<int>{2021 * 4, 2021 * 4 + 2, 2021 * 4 + 3});
  CHECK(a.total == std::vector<std::int64_t>{2, 1, 1});
  CHECK(a.afdeling_total.at("Werk") == std::vector<std::int64_t>{2, 0, 0});
  CHECK(a.afdeling_total.at("Inkomen") == std::vector<std::int64_t>{0, 1, 0});
  CHECK(a.count.at(Key{"Werk", "privacy"}) == std::vector<std::int64_t>{1, 0, 0});
  CHECK(a.count.at(Key{"Werk", ""}) == std::vector<std::int64_t>{2, 0, 0});
  CHECK(a.count.at(Key{"", "privacy"}) == std::vector<std::int64_t>{1, 1, 1});
  CHECK(a.count.count(Key{"", ""}) == 0);
  // A cell starts where its afdeling first has cases.
  CHECK(a.first(Key{"Inkomen", "privacy"}) == 1);
  CHECK(a.first(Key{"", "privacy"}) == 0);
  CHECK(&a.exposure(Key{"Inkomen", "privacy"}) == &a.afdeling_total.at("Inkomen"));
  CHECK(&a.exposure(Key{"Inkomen", ""}) == &a.total);
  CHECK(&a.exposure(Key{"", "privacy"}) == &a.total);
  CHECK(c.series[1].doctype == "onderzoeksrapport");
  CHECK(c.series[2].name == "Ombudsman B");
  CHECK(c.series[2].periods.empty());
  CHECK(c.afdeling(c.units[2]) == "Inkomen");

  o.orgs = {"ombudsman b"};
  const detect::Cells only_b = detect::build_cells(in, o);
  CHECK(only_b.units.size() == 1);
  CHECK(only_b.series.size() == 1);
  CHECK(only_b.units[0].source == 5);
}

TEST_CASE("named: the cells --theme and --afdeling name", "[signals][cells]") {
  SignalOptions o;
  CHECK(detect::named(Key{"Werk", ""}, o));
  o.themes = {"Privacy"};
  CHECK(detect::named(Key{"Werk", "privacy"}, o));
  CHECK(detect::named(Key{"", "privacy"}, o));
  CHECK_FALSE(detect::named(Key{"Werk", ""}, o));
  CHECK_FALSE(detect::named(Key{"Werk", "bejegening"}, o));
  o.afdelingen = {"werk"};
  CHECK(detect::named(Key{"Werk", "privacy"}, o));
  CHECK_FALSE(detect::named(Key{"", "privacy"}, o));
}
