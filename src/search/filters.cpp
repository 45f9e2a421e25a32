#include "search/filters.h"

#include <algorithm>
#include <cctype>

namespace omb {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A whole decimal number in [lo, hi]: leading white space and a sign allowed,
// nothing after the digits (as std::stoi reads it, with nothing left over).
std::optional<int> parse_number(const std::string& v, int lo, int hi) {
  std::size_t i = 0;
  while (i < v.size() && std::isspace(static_cast<unsigned char>(v[i]))) ++i;
  bool negative = false;
  if (i < v.size() && (v[i] == '+' || v[i] == '-')) negative = v[i++] == '-';
  if (i == v.size()) return std::nullopt;
  long long n = 0;
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return std::nullopt;
    n = n * 10 + (v[i] - '0');
    if (n > 1'000'000'000) return std::nullopt;
  }
  if (negative) n = -n;
  if (n < lo || n > hi) return std::nullopt;
  return static_cast<int>(n);
}

}  // namespace

bool QueryFilters::empty() const {
  for (const FilterDef& def : kFilters)
    if (filter_set(*this, def)) return false;
  return true;
}

bool QueryFilters::case_level() const {
  for (const FilterDef& def : kFilters)
    if (is_case_field(def.field) && filter_set(*this, def)) return true;
  return false;
}

const FilterDef* find_filter(std::string_view name) {
  const std::string l = lower(name);
  for (const FilterDef& def : kFilters) {
    if (l == def.name) return &def;
    for (std::string_view a : def.aliases)
      if (!a.empty() && l == a) return &def;
  }
  return nullptr;
}

Status set_filter(QueryFilters& f, std::string_view field_in, const std::string& value) {
  const std::string field = lower(field_in);
  const FilterDef* def = find_filter(field);
  if (!def) return make_error(Errc::usage, "unknown filter '" + std::string(field_in) + "'");
  if (value.empty()) return make_error(Errc::usage, field + ": needs a value");
  if (def->texts) {
    (f.*def->texts).push_back(def->lowered ? lower(value) : value);
    return {};
  }
  std::string v = value;
  if (!def->strip_prefix.empty()) {
    const std::string l = lower(v);
    if (l.size() == def->strip_prefix.size() + 1 && l.rfind(def->strip_prefix, 0) == 0) v = v.substr(def->strip_prefix.size());
  }
  const std::optional<int> n = parse_number(v, def->min, def->max);
  if (!n)
    return make_error(Errc::usage, field + ": '" + value + "' is not a number from " + std::to_string(def->min) +
                                       " to " + std::to_string(def->max));
  f.*def->number = *n;
  return {};
}

bool filter_set(const QueryFilters& f, const FilterDef& def) {
  return def.number ? (f.*def.number).has_value() : !(f.*def.texts).empty();
}

std::vector<std::string> filter_values(const QueryFilters& f, const FilterDef& def) {
  if (def.texts) return f.*def.texts;
  if (const std::optional<int>& n = f.*def.number) return {std::to_string(*n)};
  return {};
}

std::string filters_key(const QueryFilters& f) {
  std::string key;
  for (const FilterDef& def : kFilters) {
    std::vector<std::string> values = filter_values(f, def);
    if (values.empty()) continue;
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    key += def.name;
    for (const std::string& v : values) (key += '\x1f') += v;
    key += '\x1e';
  }
  return key;
}

}  // namespace omb
