#include "extract/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "text/fold.h"

namespace omb {

namespace {

// A byte of RE2's \w (ASCII only).
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The spans of the hits kept so far, which never overlap one another:
// answers "does [s, e) overlap one of them?" (s < end && start < e, as the
// pairwise test had it) in O(log n). Kept non-empty spans are disjoint, so
// ordered by start they are ordered by end too and only the last one that
// starts before e can reach past s; empty spans are points, kept apart.
class Taken {
 public:
  bool overlaps(std::size_t s, std::size_t e) const {
    auto it = spans_.lower_bound(e);  // the first starting at or after e
    if (it != spans_.begin() && std::prev(it)->second > s) return true;
    auto p = points_.upper_bound(s);  // the first point after s
    return p != points_.end() && *p < e;
  }
  void add(std::size_t s, std::size_t e) {
    if (s == e) points_.insert(s);
    else spans_.emplace(s, e);
  }

 private:
  std::map<std::size_t, std::size_t> spans_;  // start -> end
  std::set<std::size_t> points_;
};

}  // namespace

MatchWork& match_work() {
  thread_local MatchWork w;
  return w;
}

std::string phrase_pattern(std::string_view phrase) {
  std::string folded = fold_key(phrase);
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < folded.size()) {
    std::size_t sp = folded.find(' ', i);
    if (sp == std::string::npos) sp = folded.size();
    std::string_view w(folded.data() + i, sp - i);
    i = sp + 1;
    if (w.empty()) continue;
    if (!first) out += "\\s+";
    bool lead = w.front() == '*', trail = w.size() > 1 && w.back() == '*';
    if (lead) w.remove_prefix(1);
    if (trail) w.remove_suffix(1);
    if (first && !lead && !w.empty() && is_word(w.front())) out += "\\b";
    if (lead) out += "\\w*";
    out += RE2::QuoteMeta(re2::StringPiece(w.data(), w.size()));
    if (trail) out += "\\w*";
    first = false;
    if (i >= folded.size() && !trail && !w.empty() && is_word(w.back())) out += "\\b";
  }
  return out;
}

struct RuleFile::Sets {
  std::unique_ptr<RE2::Set> folded, text;
  std::vector<int> folded_ids, text_ids;  // set index -> rule index
};

RuleFile::RuleFile() = default;
RuleFile::~RuleFile() = default;

std::vector<std::string> RuleFile::strings(std::string_view key) const {
  for (const auto& [k, v] : arrays_)
    if (k == key) return v;
  return {};
}

std::optional<std::string> RuleFile::setting(std::string_view key) const {
  for (const auto& [k, v] : settings_)
    if (k == key) return v;
  return std::nullopt;
}

Status RuleFile::compile_set() {
  sets_ = std::make_unique<Sets>();
  for (int mode = 0; mode < 2; ++mode) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(mode == 1);
    o.set_max_mem(64 << 20);
    auto set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    std::vector<int>& ids = mode == 0 ? sets_->folded_ids : sets_->text_ids;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (rules_[i].on_text != (mode == 1)) continue;
      std::string error;
      if (set->Add(rules_[i].re->pattern(), &error) < 0)
        return make_error(Errc::parse, "rule '" + rules_[i].id + "': " + error, path_, rules_[i].line);
      ids.push_back(static_cast<int>(i));
    }
    if (!ids.empty() && !set->Compile()) return make_error(Errc::parse, "the rules are too large to compile together", path_);
    (mode == 0 ? sets_->folded : sets_->text) = std::move(set);
  }
  return {};
}

Status RuleFile::check_examples() {
  for (const Example& e : examples_) {
    Folded fo = fold(e.text);
    std::vector<FoldedBlock> one{{0, e.text.size(), PassageKind::paragraph}};
    bool by_rule = std::any_of(rules_.begin(), rules_.end(),
                               [&](const Rule& r) { return r.id == e.entry_or_rule && r.entry.empty(); });
    // The example tests its own rule (or its entry's rules) alone; context
    // (within, blocks) is ignored.
    std::vector<int> own;
    for (std::size_t i = 0; i < rules_.size(); ++i)
      if (by_rule ? rules_[i].id == e.entry_or_rule : rules_[i].entry == e.entry_or_rule) own.push_back(static_cast<int>(i));
    std::vector<Hit> hits = match_one(e.text, fo, one[0], own);
    bool found = false;
    std::string got;
    for (const Hit& h : hits) {
      const Rule& r = rules_[static_cast<std::size_t>(h.rule)];
      bool same = by_rule ? r.id == e.entry_or_rule : r.entry == e.entry_or_rule;
      if (!same) continue;
      if (e.negative || h.value == e.value) found = true;
      if (!got.empty()) got += ", ";
      got += h.value;
    }
    std::string by = by_rule ? " by rule " + e.entry_or_rule : "";
    if (e.negative && found)
      return make_error(Errc::parse, "counter-example matches: '" + e.text + "' gives '" + got + "'" + by, path_, e.line);
    if (!e.negative && !found)
      return make_error(Errc::parse, "example does not hold: '" + e.text + "' should give '" + (by_rule ? e.value : e.entry_or_rule) +
                                         "'" + by + ", got " + (got.empty() ? "nothing" : "'" + got + "'"),
                        path_, e.line);
  }
  return {};
}

// "{year}-Q{quarter|quarters}", "{month|months|02}": named groups, looked up
// in a settings table, zero-padded. Empty when a group is unset or a lookup fails.
std::string RuleFile::expand(const Rule& r, const std::vector<std::string>& groups) const {
  const auto& names = r.re->NamedCapturingGroups();
  std::string out;
  std::size_t i = 0;
  const std::string& t = r.value;
  while (i < t.size()) {
    if (t[i] != '{') {
      out += t[i++];
      continue;
    }
    std::size_t close = t.find('}', i);
    if (close == std::string::npos) return {};
    std::string spec = t.substr(i + 1, close - i - 1);
    i = close + 1;
    std::vector<std::string> parts;
    for (std::size_t a = 0;;) {
      std::size_t bar = spec.find('|', a);
      parts.push_back(spec.substr(a, bar == std::string::npos ? std::string::npos : bar - a));
      if (bar == std::string::npos) break;
      a = bar + 1;
    }
    auto it = names.find(parts[0]);
    if (it == names.end() || it->second < 1 || static_cast<std::size_t>(it->second) > groups.size()) return {};
    std::string v = groups[static_cast<std::size_t>(it->second - 1)];
    if (v.empty()) return {};
    for (std::size_t k = 1; k < parts.size(); ++k) {
      const std::string& f = parts[k];
      if (!f.empty() && std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::size_t w = static_cast<std::size_t>(std::stoi(f));
        if (v.size() < w) v.insert(0, w - v.size(), '0');
      } else {
        auto s = setting(f + "." + fold_key(v));
        if (!s) return {};
        v = *s;
      }
    }
    out += v;
  }
  return out;
}

// A hit's value: a template, an entry's value, a capture ("$n"), a
// constant, the first capture, else the match as written.
std::string RuleFile::hit_value(const Rule& r, const Hit& h, int ng, std::string_view text) const {
  if (r.value.find('{') != std::string::npos) return expand(r, h.groups);
  if (!r.entry.empty() && (r.value.empty() || r.value[0] != '$')) return r.value;
  if (!r.value.empty() && r.value[0] == '$') return h.groups[static_cast<std::size_t>(std::atoi(r.value.c_str() + 1) - 1)];
  if (!r.value.empty()) return r.value;
  if (ng >= 1) return h.groups[0];
  return collapse_space(text.substr(h.match_start, h.match_end - h.match_start));
}

std::vector<Hit> RuleFile::find_hits(std::string_view text, const Folded& folded, const FoldedBlock& block,
                                     const std::vector<int>& rules) const {
  std::vector<Hit> hits;
  // Folded offsets of the block.
  std::size_t fs = block.fstart, fe = block.fend;
  if (fs == static_cast<std::size_t>(-1)) {
    fs = folded.folded(block.start);
    fe = std::min(folded.folded(block.end), folded.text.size());
  }
  for (int ri : rules) {
    const Rule& r = rules_[static_cast<std::size_t>(ri)];
    std::string_view hay = r.on_text ? text : std::string_view(folded.text);
    std::size_t from = r.on_text ? block.start : fs, to = r.on_text ? block.end : fe;
    re2::StringPiece input(hay.data(), hay.size());
    int ng = r.re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(static_cast<std::size_t>(ng) + 1);
    auto src = [&](std::size_t off) -> std::size_t { return r.on_text ? off : folded.source(off); };
    while (from <= to) {
      ++match_work().re2_calls;
      if (!r.re->Match(input, from, to, RE2::UNANCHORED, g.data(), ng + 1)) break;
      std::size_t ms = static_cast<std::size_t>(g[0].data() - hay.data()), me = ms + g[0].size();
      Hit h;
      h.rule = ri;
      h.match_start = src(ms);
      h.match_end = src(me);
      for (int i = 1; i <= ng; ++i) {
        if (!g[static_cast<std::size_t>(i)].data()) {
          h.groups.emplace_back();
          continue;
        }
        std::size_t gs = static_cast<std::size_t>(g[static_cast<std::size_t>(i)].data() - hay.data());
        std::size_t a = src(gs), b = src(gs + g[static_cast<std::size_t>(i)].size());
        h.groups.push_back(collapse_space(text.substr(a, b - a)));
      }
      if (r.span > 0 && g[static_cast<std::size_t>(r.span)].data()) {
        std::size_t gs = static_cast<std::size_t>(g[static_cast<std::size_t>(r.span)].data() - hay.data());
        h.start = src(gs);
        h.end = src(gs + g[static_cast<std::size_t>(r.span)].size());
      } else {
        h.start = h.match_start;
        h.end = h.match_end;
      }
      h.value = hit_value(r, h, ng, text);
      if (r.upper)
        for (char& c : h.value) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      bool rejected = h.value.empty() || (r.reject && RE2::FullMatch(h.value, *r.reject));
      if (!rejected) hits.push_back(std::move(h));
      from = me > from ? me : from + 1;
    }
  }
  return hits;
}

// Exclusions cancel overlapping hits of their entry. Per entry, the
// exclusions' spans by start with the largest end so far: a hit overlaps
// one iff the exclusions starting before its end reach past its start.
// (Every hit against every other was quadratic in a block's hits: #15.)
std::vector<Hit> RuleFile::drop_excluded(std::vector<Hit> hits) const {
  MatchWork& work = match_work();
  std::unordered_map<std::string_view, std::vector<std::pair<std::size_t, std::size_t>>> excl;  // entry -> (start, end)
  for (const Hit& x : hits) {
    const Rule& xr = rules_[static_cast<std::size_t>(x.rule)];
    if (xr.suppress) excl[xr.entry].emplace_back(x.match_start, x.match_end);
  }
  for (auto& [entry, spans] : excl) {
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) spans[i].second = std::max(spans[i].second, spans[i - 1].second);
  }
  std::vector<Hit> kept;
  kept.reserve(hits.size());
  for (Hit& h : hits) {
    const Rule& r = rules_[static_cast<std::size_t>(h.rule)];
    if (r.suppress) continue;
    ++work.hit_checks;
    if (!excl.empty()) {
      auto it = excl.find(r.entry);
      if (it != excl.end()) {
        const auto& spans = it->second;
        auto before = std::lower_bound(spans.begin(), spans.end(), h.match_end,
                                       [](const std::pair<std::size_t, std::size_t>& x, std::size_t e) { return x.first < e; });
        if (before != spans.begin() && std::prev(before)->second > h.match_start) continue;
      }
    }
    kept.push_back(std::move(h));
  }
  return kept;
}

// Overlaps: priority, then length, then earliest. A hit is kept unless it
// overlaps one kept before it (of its value, with overlap = "value"); the
// kept ones are looked up in a Taken (O(log n)), not compared one by one.
// Small keys are sorted, not the hits with their strings (a dense block
// has a million), and each hit is moved once.
std::vector<Hit> RuleFile::resolve_overlaps(std::vector<Hit> kept) const {
  MatchWork& work = match_work();
  struct Key {
    int priority, rule;
    std::size_t length, start;
    std::uint32_t at;  // index into kept: equal keys keep the order found
  };
  std::vector<Key> keys;
  keys.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const Hit& h = kept[i];
    keys.push_back({rules_[static_cast<std::size_t>(h.rule)].priority, h.rule, h.end - h.start, h.start, static_cast<std::uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.length != b.length) return a.length > b.length;
    if (a.start != b.start) return a.start < b.start;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.at < b.at;
  });
  Taken taken_all;
  std::unordered_map<std::string, Taken> taken_by_value;
  std::vector<Key> chosen;
  for (const Key& k : keys) {
    ++work.hit_checks;
    const Hit& h = kept[k.at];
    Taken& taken = overlap_by_value_ ? taken_by_value[h.value] : taken_all;
    if (taken.overlaps(h.start, h.end)) continue;
    taken.add(h.start, h.end);
    chosen.push_back(k);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Key& a, const Key& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.at < b.at;
  });
  std::vector<Hit> out;
  out.reserve(chosen.size());
  for (const Key& k : chosen) out.push_back(std::move(kept[k.at]));
  return out;
}

std::vector<Hit> RuleFile::match_one(std::string_view text, const Folded& folded, const FoldedBlock& block,
                                     std::vector<int> rules) const {
  return resolve_overlaps(drop_excluded(find_hits(text, folded, block, rules)));
}


void RuleFile::match_block(std::string_view text, const Folded& folded, const FoldedBlock& b, std::vector<int> candidates,
                           std::vector<Hit>& out) const {
  // Context: position and block kind.
  std::erase_if(candidates, [&](int ri) {
    const Rule& r = rules_[static_cast<std::size_t>(ri)];
    if (r.within && b.start >= r.within) return true;
    if (!r.blocks.empty() && std::find(r.blocks.begin(), r.blocks.end(), b.kind) == r.blocks.end()) return true;
    return false;
  });
  if (candidates.empty()) return;
  for (Hit& h : match_one(text, folded, b, std::move(candidates))) {
    const Rule& r = rules_[static_cast<std::size_t>(h.rule)];
    if (r.within && h.start >= r.within) continue;
    out.push_back(std::move(h));
  }
}

std::vector<Hit> RuleFile::match(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks) const {
  std::vector<Hit> out;
  std::vector<int> idx;
  for (const FoldedBlock& b : blocks) {
    std::vector<int> candidates;
    if (!sets_->folded_ids.empty()) {
      std::size_t fs = folded.folded(b.start), fe = std::min(folded.folded(b.end), folded.text.size());
      idx.clear();
      if (sets_->folded->Match(re2::StringPiece(folded.text.data() + fs, fe - fs), &idx))
        for (int i : idx) candidates.push_back(sets_->folded_ids[static_cast<std::size_t>(i)]);
    }
    if (!sets_->text_ids.empty()) {
      idx.clear();
      if (sets_->text->Match(re2::StringPiece(text.data() + b.start, b.end - b.start), &idx))
        for (int i : idx) candidates.push_back(sets_->text_ids[static_cast<std::size_t>(i)]);
    }
    std::sort(candidates.begin(), candidates.end());
    match_block(text, folded, b, std::move(candidates), out);
  }
  return out;
}

struct RuleSets::Impl {
  std::unique_ptr<RE2::Set> set[2];                  // folded, text
  std::vector<std::pair<int, int>> ids[2];           // set index -> (file, rule)
};

RuleSets::RuleSets() : impl_(std::make_unique<Impl>()) {}
RuleSets::RuleSets(RuleSets&&) noexcept = default;
RuleSets& RuleSets::operator=(RuleSets&&) noexcept = default;
RuleSets::~RuleSets() = default;

Result<RuleSets> RuleSets::build(const std::vector<const RuleFile*>& files) {
  RuleSets s;
  s.files_ = files;
  for (int mode = 0; mode < 2; ++mode) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(mode == 1);
    o.set_max_mem(256 << 20);
    s.impl_->set[mode] = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    for (std::size_t fi = 0; fi < files.size(); ++fi) {
      const auto& rules = files[fi]->rules();
      for (std::size_t ri = 0; ri < rules.size(); ++ri) {
        if (rules[ri].on_text != (mode == 1)) continue;
        std::string error;
        if (s.impl_->set[mode]->Add(rules[ri].re->pattern(), &error) < 0)
          return make_error(Errc::parse, "rule '" + rules[ri].id + "': " + error, files[fi]->path(), rules[ri].line);
        s.impl_->ids[mode].emplace_back(static_cast<int>(fi), static_cast<int>(ri));
      }
    }
    if (!s.impl_->ids[mode].empty() && !s.impl_->set[mode]->Compile())
      return make_error(Errc::parse, "the rules are too large to compile together");
  }
  return s;
}

std::vector<std::vector<Hit>> RuleSets::match(std::string_view text, const Folded& folded,
                                              const std::vector<FoldedBlock>& blocks) const {
  std::vector<std::vector<Hit>> out(files_.size());
  std::vector<std::vector<int>> cand(files_.size());
  std::vector<int> idx;
  // Rules match inside a sentence: cut blocks into lines and sentences, so
  // each rule the prefilter names scans a sentence, not a whole paragraph.
  // A cut is a line end, or ". X" after a lower-case word (not "nr. 5",
  // "o.a. De"). Anchors and \b still see the text around a piece.
  // A set is first asked about a whole block of several pieces, one call
  // instead of one per sentence, as long as that pays: while at least half
  // the blocks it was asked about hold none of its matches (the
  // case-sensitive rules look for codes, which most blocks lack; the folded
  // ones for common words). Every match the rules make inside a piece is a
  // match of the set over its block when the block is set off by a byte
  // that is no word byte (the normaliser's blocks are: by line ends), so no
  // hit is lost: ^ and $ are line anchors, and a block's edge is then a text
  // edge to \b and \B alike. A block next to a word byte is not asked whole.
  int asked[2] = {0, 0}, passed[2] = {0, 0};
  std::vector<FoldedBlock> pieces;
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  for (const FoldedBlock& b : blocks) {
    pieces.clear();
    std::size_t a = b.start;
    for (std::size_t i = b.start; i < b.end; ++i) {
      char c = text[i];
      bool cut = false;
      std::size_t next = i + 1;
      if (c == '\n') {
        cut = true;
      } else if ((c == '.' || c == '?' || c == '!') && i + 2 < b.end && text[i + 1] == ' ' && text[i + 2] >= 'A' &&
                 text[i + 2] <= 'Z' && i >= b.start + 3 && lower(text[i - 1]) && lower(text[i - 2]) && lower(text[i - 3])) {
        cut = true;
        next = i + 2;
      }
      if (cut) {
        if (i + 1 > a) pieces.push_back({a, c == '\n' ? i : i + 1, b.kind});
        a = next;
      }
    }
    if (b.end > a) pieces.push_back({a, b.end, b.kind});
    // Folded spans of the pieces.
    for (FoldedBlock& pc : pieces) {
      pc.fstart = std::min(folded.folded(pc.start), folded.text.size());
      pc.fend = std::min(folded.folded(pc.end), folded.text.size());
    }
    bool ask[2];
    for (int mode = 0; mode < 2; ++mode) {
      ask[mode] = !impl_->ids[mode].empty();
      if (!ask[mode] || pieces.size() < 2) continue;
      if (asked[mode] >= 16 && 2 * passed[mode] > asked[mode]) continue;
      std::string_view hay = mode == 0 ? std::string_view(folded.text) : text;
      std::size_t ws = mode == 0 ? pieces.front().fstart : pieces.front().start;
      std::size_t we = mode == 0 ? pieces.back().fend : pieces.back().end;
      if ((ws > 0 && is_word(hay[ws - 1])) || (we < hay.size() && is_word(hay[we]))) continue;
      re2::StringPiece whole(hay.data() + ws, we - ws);
      ask[mode] = impl_->set[mode]->Match(whole, nullptr);
      ++asked[mode];
      passed[mode] += ask[mode] ? 1 : 0;
    }
    if (!ask[0] && !ask[1]) continue;
    for (const FoldedBlock& pc : pieces) match_piece(text, folded, pc, ask, cand, idx, out);
  }
  return out;
}

void RuleSets::match_piece(std::string_view text, const Folded& folded, const FoldedBlock& b, const bool ask[2],
                           std::vector<std::vector<int>>& cand, std::vector<int>& idx,
                           std::vector<std::vector<Hit>>& out) const {
  for (auto& c : cand) c.clear();
  bool any = false;
  for (int mode = 0; mode < 2; ++mode) {
    if (!ask[mode]) continue;
    re2::StringPiece piece = mode == 0 ? re2::StringPiece(folded.text.data() + b.fstart, b.fend - b.fstart)
                                       : re2::StringPiece(text.data() + b.start, b.end - b.start);
    idx.clear();
    if (!impl_->set[mode]->Match(piece, &idx)) continue;
    for (int i : idx) {
      auto [fi, ri] = impl_->ids[mode][static_cast<std::size_t>(i)];
      cand[static_cast<std::size_t>(fi)].push_back(ri);
      any = true;
    }
  }
  if (!any) return;
  for (std::size_t fi = 0; fi < files_.size(); ++fi) {
    if (cand[fi].empty()) continue;
    std::sort(cand[fi].begin(), cand[fi].end());
    files_[fi]->match_block(text, folded, b, cand[fi], out[fi]);
  }
}

}  // namespace omb
