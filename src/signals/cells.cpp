#include "signals/cells.h"

#include <cstdio>
#include <set>

#include "text/fold.h"

namespace omb::detect {
namespace {

// The organisations asked for, their units with a period and distinct themes.
void load(Cells& c, const SignalOptions& o) {
  std::map<std::string, std::size_t> org_ids;
  for (std::size_t i = 0; i < c.in.size(); ++i) {
    const SignalUnit& su = c.in[i];
    if (!matches_any(o.orgs, su.organisation, true)) continue;
    auto [it, fresh] = org_ids.emplace(su.organisation + '\x1f' + su.doctype, c.series.size());
    if (fresh) {
      c.series.push_back(Series{su.organisation});
      c.series.back().doctype = su.doctype;
    }
    Unit u;
    u.source = i;
    u.org = it->second;
    u.period = period_of(o.grain, su.year, su.quarter, su.date);
    std::set<std::string> themes(su.themes.begin(), su.themes.end());
    u.themes.assign(themes.begin(), themes.end());
    c.units.push_back(std::move(u));
  }
}

void count(Cells& c) {
  for (const Unit& u : c.units) {
    if (u.period < 0) { ++c.unplaced; continue; }
    Series& org = c.series[u.org];
    if (!org.pos.count(u.period)) org.pos[u.period] = 0;
  }
  for (Series& org : c.series) {
    std::size_t i = 0;
    for (auto& [period, pos] : org.pos) {
      pos = i++;
      org.periods.push_back(period);
    }
    org.total.assign(org.periods.size(), 0);
  }
  for (const Unit& u : c.units) {
    if (u.period < 0) continue;
    Series& org = c.series[u.org];
    const std::size_t pos = org.pos.at(u.period);
    const std::size_t n = org.periods.size();
    auto bump = [&](const Key& k) {
      auto& v = org.count[k];
      if (v.empty()) v.assign(n, 0);
      ++v[pos];
    };
    ++org.total[pos];
    const auto& themes = u.themes;
    const std::string& afdeling = c.afdeling(u);
    if (!afdeling.empty()) {
      auto& at = org.afdeling_total[afdeling];
      if (at.empty()) at.assign(n, 0);
      ++at[pos];
      bump({afdeling, ""});
      for (const auto& t : themes) bump({afdeling, t});
    }
    for (const auto& t : themes) bump({"", t});
  }
}

}  // namespace

std::size_t Series::first(const Key& k) const {
  if (k.first.empty()) return 0;
  const auto& at = afdeling_total.at(k.first);
  std::size_t i = 0;
  while (i < at.size() && at[i] == 0) ++i;
  return i;
}

const std::vector<std::int64_t>& Series::exposure(const Key& k) const {
  if (!k.first.empty() && !k.second.empty()) return afdeling_total.at(k.first);
  return total;
}

Cells build_cells(const std::vector<SignalUnit>& in, const SignalOptions& o) {
  Cells c{in};
  load(c, o);
  count(c);
  return c;
}

int period_of(Grain g, std::optional<int> year, std::optional<int> quarter, std::string_view date) {
  int y = year.value_or(0), q = quarter.value_or(0);
  if (date.size() >= 7 && (y == 0 || q == 0)) {
    int dy = 0, dm = 0;
    if (std::sscanf(std::string(date.substr(0, 7)).c_str(), "%d-%d", &dy, &dm) == 2) {
      if (y == 0) y = dy;
      if (q == 0 && dy == y && dm >= 1 && dm <= 12) q = (dm - 1) / 3 + 1;
    }
  }
  if (y <= 0) return -1;
  if (g == Grain::year) return y;
  if (q < 1 || q > 4) return -1;
  return y * 4 + q - 1;
}

bool matches_any(const std::vector<std::string>& wanted, const std::string& value, bool substring) {
  if (wanted.empty()) return true;
  const std::string v = fold_key(value);
  for (const auto& w : wanted) {
    const std::string f = fold_key(w);
    if (substring ? v.find(f) != std::string::npos : v == f) return true;
  }
  return false;
}

bool named(const Key& key, const SignalOptions& o) {
  const bool theme_cell = !key.second.empty(), afdeling_cell = !key.first.empty();
  if (!o.themes.empty() && (!theme_cell || !matches_any(o.themes, key.second, false))) return false;
  if (!o.afdelingen.empty() && (!afdeling_cell || !matches_any(o.afdelingen, key.first, false))) return false;
  return true;
}

}  // namespace omb::detect
