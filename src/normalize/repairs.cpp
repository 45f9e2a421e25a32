#include "normalize/repairs.h"

#include <re2/re2.h>

#include <algorithm>

#include "base/fs.h"
#include "normalize/tsv.h"

namespace omb {

Repairs::~Repairs() = default;

std::unique_ptr<Repairs> Repairs::empty() { return std::unique_ptr<Repairs>(new Repairs()); }

Result<std::unique_ptr<Repairs>> Repairs::load(const std::string& path) {
  auto data = read_file(path);
  if (!data.ok()) return data.error();
  std::unique_ptr<Repairs> r(new Repairs());
  struct Example { int line; std::string in, out; };
  std::vector<Example> examples;
  for (const TsvRow& row : tsv_rows(*data)) {
    const std::vector<std::string_view>& cols = row.cols;
    int line = row.line;
    if (cols.size() != 4)
      return make_error(Errc::parse, "expected 4 TAB-separated columns (id, pattern, replacement, example), got " +
                                         std::to_string(cols.size()), path, line);
    Rule rule;
    rule.id = std::string(cols[0]);
    if (rule.id.empty()) return make_error(Errc::parse, "empty rule id", path, line);
    for (const Rule& other : r->rules_)
      if (other.id == rule.id) return make_error(Errc::parse, "duplicate rule id '" + rule.id + "'", path, line);
    RE2::Options o;
    o.set_log_errors(false);
    rule.re = std::make_unique<RE2>(re2::StringPiece(cols[1].data(), cols[1].size()), o);
    if (!rule.re->ok())
      return make_error(Errc::parse, "rule '" + rule.id + "': bad pattern: " + rule.re->error() +
                                         (rule.re->error_arg().empty() ? "" : " at '" + rule.re->error_arg() + "'"),
                        path, line);
    if (rule.re->NumberOfCapturingGroups() != 1)
      return make_error(Errc::parse, "rule '" + rule.id + "': the pattern needs exactly one capture group (the part to replace), it has " +
                                         std::to_string(rule.re->NumberOfCapturingGroups()), path, line);
    rule.replacement = std::string(cols[2]);
    std::string_view ex = cols[3];
    std::size_t arrow = ex.find(" => ");
    if (arrow == std::string_view::npos)
      return make_error(Errc::parse, "rule '" + rule.id + "': example must read 'input => expected output'", path, line);
    examples.push_back({line, std::string(ex.substr(0, arrow)), std::string(ex.substr(arrow + 4))});
    r->rules_.push_back(std::move(rule));
  }
  RE2::Options set_options;
  set_options.set_log_errors(false);
  // Room for the set's DFA: where the default budget (8 MB) fills, its
  // cache is thrown away and rebuilt line after line (3.4 x the normaliser's
  // time on 5 MB once, with counted repeats such as [^\n]{3,120} in
  // debris.tsv, whose header now warns against them).
  set_options.set_max_mem(int64_t{256} << 20);
  if (!r->rules_.empty()) {
    r->any_ = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
    for (const Rule& rule : r->rules_) r->any_->Add(rule.re->pattern(), nullptr);
    if (!r->any_->Compile()) return make_error(Errc::parse, "the rules do not compile together (too large)", path);
  }
  for (const Example& e : examples) {
    std::string got = r->apply(e.in);
    if (got != e.out)
      return make_error(Errc::parse, "example does not hold: '" + e.in + "' gives '" + got + "', expected '" + e.out + "'",
                        path, e.line);
  }
  return r;
}

std::vector<RepairHit> Repairs::find(std::string_view text) const {
  std::vector<RepairHit> hits;
  std::vector<int> which;
  if (!any_ || !any_->Match(re2::StringPiece(text.data(), text.size()), &which)) return hits;
  std::sort(which.begin(), which.end());  // rule order: the earliest rule wins an overlap
  for (int w : which) {
    const Rule& rule = rules_[static_cast<std::size_t>(w)];
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece group;
    std::size_t from = 0;
    while (from <= text.size()) {
      re2::StringPiece whole[2];
      if (!rule.re->Match(input, from, text.size(), RE2::UNANCHORED, whole, 2)) break;
      group = whole[1];
      std::size_t gs = static_cast<std::size_t>(group.data() - text.data());
      std::size_t ge = gs + group.size();
      std::size_t me = static_cast<std::size_t>(whole[0].data() - text.data()) + whole[0].size();
      if (group.data() && ge > gs && std::string_view(group.data(), group.size()) != rule.replacement) {
        bool overlaps = false;
        for (const RepairHit& h : hits) overlaps |= gs < h.end && h.start < ge;
        if (!overlaps) hits.push_back({gs, ge, rule.replacement, rule.id});
      }
      // Continue after the replaced group (context may be shared with the next match).
      std::size_t next = ge > from ? ge : me;
      from = next > from ? next : from + 1;
    }
  }
  std::sort(hits.begin(), hits.end(), [](const RepairHit& a, const RepairHit& b) { return a.start < b.start; });
  return hits;
}

std::string Repairs::apply(std::string_view text) const {
  std::string out;
  std::size_t at = 0;
  for (const RepairHit& h : find(text)) {
    out.append(text.substr(at, h.start - at));
    out += h.replacement;
    at = h.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace omb
