#include "normalize/confusions.h"

#include <charconv>

#include "base/fs.h"
#include "normalize/chars.h"
#include "normalize/tsv.h"

namespace omb {
namespace {

Result<double> parse_cost(std::string_view s, const std::string& path, int line) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !(v > 0 && v <= 10))
    return make_error(Errc::parse, "cost must be a number above 0 and at most 10, got '" + std::string(s) + "'", path, line);
  return v;
}

}  // namespace

Result<Confusions> Confusions::load(const std::string& path) {
  auto data = read_file(path);
  if (!data.ok()) return data.error();
  Confusions c;
  for (const TsvRow& row : tsv_rows(*data)) {
    const auto& cols = row.cols;
    if (cols.size() < 4 || cols.size() > 6)
      return make_error(Errc::parse, "expected 4 to 6 TAB-separated columns (from, to, cost, scope[, min letters][, example]), got " +
                                         std::to_string(cols.size()), path, row.line);
    auto cost = parse_cost(cols[2], path, row.line);
    if (!cost.ok()) return cost.error();
    if (cols[3] != "any" && cols[3] != "lower")
      return make_error(Errc::parse, "scope must be 'any' or 'lower', got '" + std::string(cols[3]) + "'", path, row.line);
    std::string_view example = cols.size() >= 5 ? cols.back() : std::string_view();
    if (cols[0] == "<edit>") {
      if (cols[1] != "<edit>") return make_error(Errc::parse, "'<edit>' must stand in both the from and the to column", path, row.line);
      if (c.generic_.on) return make_error(Errc::parse, "a second '<edit>' row", path, row.line);
      c.generic_.on = true;
      c.generic_.cost = *cost;
      if (cols.size() == 6 || (cols.size() == 5 && cols[4].find(" => ") == std::string_view::npos)) {
        std::string_view m = cols[4];
        std::size_t v = 0;
        auto [p, ec] = std::from_chars(m.data(), m.data() + m.size(), v);
        if (ec != std::errc() || p != m.data() + m.size() || v < 3 || v > 30)
          return make_error(Errc::parse, "min letters must be a whole number from 3 to 30, got '" + std::string(m) + "'", path, row.line);
        c.generic_.min_letters = v;
        if (cols.size() == 5) example = {};
      }
    } else {
      if (cols[0].empty() || cols[1].empty()) return make_error(Errc::parse, "empty from or to", path, row.line);
      if (!pass::valid_utf8(cols[0]) || !pass::valid_utf8(cols[1])) return make_error(Errc::parse, "not UTF-8", path, row.line);
      if (cols[0] == cols[1]) return make_error(Errc::parse, "from and to are the same", path, row.line);
      if (cols.size() == 6) return make_error(Errc::parse, "min letters is only for the '<edit>' row", path, row.line);
      for (const Row& r : c.rows_)
        if (r.from == cols[0] && r.to == cols[1])
          return make_error(Errc::parse, "duplicate confusion '" + r.from + "' → '" + r.to + "'", path, row.line);
      Row r{std::string(cols[0]), std::string(cols[1]), *cost, cols[3] == "lower", ""};
      r.rule = "ocr:" + r.from + ">" + r.to;
      c.rows_.push_back(std::move(r));
    }
    if (!example.empty()) {
      std::size_t arrow = example.find(" => ");
      if (arrow == std::string_view::npos)
        return make_error(Errc::parse, "example must read 'damaged => repaired'", path, row.line);
      c.examples_.push_back({row.line, std::string(example.substr(0, arrow)), std::string(example.substr(arrow + 4))});
    }
  }
  return c;
}

bool Confusions::may_apply(std::string_view w, bool cap) const {
  for (const Row& r : rows_)
    if ((!cap || !r.lower_only) && w.find(r.from) != std::string_view::npos) return true;
  return false;
}

void Confusions::each(const std::string& w, bool cap,
                      const std::function<void(const std::string&, double, const std::string&)>& fn) const {
  std::string cand;
  for (const Row& r : rows_) {
    if (cap && r.lower_only) continue;
    std::size_t first = w.find(r.from);
    if (first == std::string::npos) continue;
    for (std::size_t p = first; p != std::string::npos; p = w.find(r.from, p + 1)) {
      cand.assign(w, 0, p);
      cand += r.to;
      cand.append(w, p + r.from.size());
      fn(cand, r.cost, r.rule);
    }
    if (w.find(r.from, first + 1) != std::string::npos) {  // every place at once
      cand = w;
      for (std::size_t p = cand.find(r.from); p != std::string::npos; p = cand.find(r.from, p + r.to.size()))
        cand.replace(p, r.from.size(), r.to);
      fn(cand, r.cost * 1.5, r.rule);
    }
  }
}

}  // namespace omb
