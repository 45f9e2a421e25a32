#include "extract/facts.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

std::size_t head_end(const Context& ctx) {
  for (const FoldedBlock& b : ctx.spans)
    if (b.kind == PassageKind::paragraph && b.end - b.start >= 120) return b.start;
  return ctx.text.size();
}

// A letter whole: a salutation opens a line in its head, and a closing
// stands in its last `letter.tail` bytes (doctype.toml [letter]). A report
// sent with a cover letter closes that letter early, and goes on.
bool whole_letter(const Context& ctx, std::size_t head) {
  const RuleFile& dt = ctx.file("doctype");
  const std::vector<std::string> salutations = dt.strings("letter.salutations"), closings = dt.strings("letter.closings");
  if (salutations.empty() || closings.empty()) return false;
  bool opens = false;
  for (std::size_t b = 0; b < head && b < ctx.text.size() && !opens;) {
    std::size_t e = ctx.text.find('\n', b);
    if (e == std::string_view::npos) e = ctx.text.size();
    const std::string line = fold_key(ctx.text.substr(b, std::min<std::size_t>(e - b, 40)));
    for (const std::string& w : salutations) opens |= line.starts_with(w + " ");
    b = e + 1;
  }
  if (!opens) return false;
  const std::size_t tail = static_cast<std::size_t>(std::stoul(dt.setting("letter.tail").value_or("3000")));
  const std::string end = fold_key(ctx.text.substr(ctx.text.size() > tail ? ctx.text.size() - tail : 0));
  return std::any_of(closings.begin(), closings.end(), [&](const std::string& c) { return end.find(c) != std::string::npos; });
}

void run_doctype(Context& ctx) {
  // What the head says the report is beats what its text mentions: a
  // half-year report's text names its quarters ("Rapportage Q1 + Q2 2023",
  // then "het eerste en tweede kwartaal").
  const std::size_t head = head_end(ctx);
  const Hit* best = nullptr;
  for (const Hit& h : ctx.hits_of("doctype")) {
    if (!best) { best = &h; continue; }
    const bool in_head = h.start < head, best_in_head = best->start < head;
    if (in_head != best_in_head ? in_head : ctx.rule_of("doctype", h).priority > ctx.rule_of("doctype", *best).priority) best = &h;
  }
  if (whole_letter(ctx, head)) {
    ctx.out.facts.doctype = "brief";
    return;
  }
  ctx.out.facts.doctype = best ? best->value : "overig";
  if (best) ctx.add("doctype", best->value, best->start, best->end, ctx.rule_of("doctype", *best).id);
}

namespace {

// A period across two calendar years: "2022-H2/2023-H1", "2019-2020".
bool spans_years(const std::string& v) {
  return v.find('/') != std::string::npos ||
         (v.size() == 9 && v[4] == '-' && std::all_of(v.begin() + 5, v.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

}  // namespace

void run_dates(Context& ctx) {
  DocFacts& facts = ctx.out.facts;
  {
    std::size_t w = ctx.window("date", 4000);
    for (const Hit& h : ctx.hits_of("date")) {
      ctx.add("date", h.value, h.start, h.end, ctx.rule_of("date", h).id);
      if (facts.date.empty() && h.start < w) facts.date = h.value;
    }
  }
  std::size_t w = ctx.window("period", 2000);
  const RuleFile& rules = ctx.file("period");
  const Hit* best = nullptr;
  for (const Hit& h : ctx.hits_of("period")) {
    ctx.add("period", h.value, h.start, h.end, ctx.rule_of("period", h).id);
    // The document's window, or a rule's own when it reaches further (a
    // study states its years in its method section).
    const Rule& r = ctx.rule_of("period", h);
    if (h.start < std::max(w, r.within) && (!best || r.priority > ctx.rule_of("period", *best).priority)) best = &h;
  }
  if (best) {
    facts.year = std::atoi(best->value.c_str());
  } else if (!facts.date.empty()) {
    facts.year = std::atoi(facts.date.c_str());
  }
  auto listed = [&](const char* key, const std::string& what) {
    std::vector<std::string> v = rules.strings(key);
    return std::find(v.begin(), v.end(), what) != v.end();
  };
  // Rule ids are "period.<id>"; the file lists them without the type.
  bool covering = best && !listed("document.dated_only", ctx.rule_of("period", *best).id.substr(std::string_view("period.").size()));
  if (covering) {
    facts.period = std::to_string(*facts.year);
    std::size_t q = best->value.find("-Q"), half = best->value.find("-H");
    if (q != std::string::npos && listed("document.quarter_doctypes", facts.doctype)) {
      facts.quarter = std::atoi(best->value.c_str() + q + 2);
      facts.period += best->value.substr(q);
    } else if (spans_years(best->value) && listed("document.period_doctypes", facts.doctype)) {
      facts.period = best->value;  // "2022-H2/2023-H1", "2019-2020"
    } else if (half != std::string::npos && listed("document.half_doctypes", facts.doctype)) {
      facts.period += best->value.substr(half);
    }
  } else if (facts.year && listed("document.period_doctypes", facts.doctype)) {
    facts.period = std::to_string(*facts.year);
  }
}

std::string pick_title(std::string_view text, const std::vector<FoldedBlock>& spans,
                       const std::vector<std::pair<std::size_t, std::size_t>>& cover, const std::vector<std::string>& skip,
                       const re2::RE2& section_re) {
  for (const FoldedBlock& b : spans) {
    if (b.start > 4000) break;
    if (b.kind == PassageKind::list_item) continue;
    std::size_t nl = text.find('\n', b.start);
    std::size_t e = std::min(nl == std::string_view::npos ? b.end : nl, b.end);
    std::string_view line = trim(text.substr(b.start, e - b.start));
    bool letters = false;
    for (char c : line) letters |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    // The title stands before the first paragraph (long, or more than one
    // sentence); a numbered section is not one.
    if (!letters) continue;
    if (line.size() > 120 || line.find(". ") != std::string_view::npos) break;
    if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), section_re)) continue;
    if (!line.empty() && line[0] >= '0' && line[0] <= '9') continue;  // "6 verzoeken: stijging", a count
    std::size_t covered = 0;
    for (auto [a, z] : cover) {
      if (a >= e) break;
      if (b.start < z) covered += std::min(z, e) - std::max(a, b.start);
    }
    if (covered * 10 >= line.size() * 8) continue;
    if (std::find(skip.begin(), skip.end(), fold_key(strip_numbering(line))) != skip.end()) continue;
    while (!line.empty() && (line.front() == '#' || line.front() == '*' || line.front() == ' ')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == '*' || line.back() == ' ')) line.remove_suffix(1);
    std::string title = collapse_space(line);
    if (title.size() > 160) {
      std::size_t cut = 160;
      while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
      title.resize(cut);
    }
    return title;
  }
  return {};
}

std::string fallback_title(const DocFacts& facts) {
  if (facts.doctype == "overig") return {};
  std::string t = facts.doctype;
  t[0] = static_cast<char>(t[0] - 32);
  // The period as covered when it spans years ("2019-2020"), else the year.
  if (!facts.period.empty() && spans_years(facts.period)) t += " " + facts.period;
  else if (facts.year) t += " " + std::to_string(*facts.year);
  if (facts.quarter) t += " Q" + std::to_string(*facts.quarter);
  if (!facts.organisation.empty()) t += ", " + facts.organisation;
  return t;
}

void run_title(Context& ctx) {
  // Lines that only name the organisation, the doctype or a date (a
  // letterhead) are no title. An organisation tag that holds the doctype's
  // word, then "van" or "door", is a title naming its publisher
  // ("Nieuwsbrief van de Vereniging X"); "Rekenkamer Westvliet" is not.
  std::vector<const Tag*> doctypes;
  for (const Tag& t : ctx.tags)
    if (t.type == "doctype") doctypes.push_back(&t);
  auto holds_doctype = [&](const Tag& o) {
    return std::any_of(doctypes.begin(), doctypes.end(), [&](const Tag* d) {
      if (d->start < o.start || d->end > o.end) return false;
      const std::string after = " " + fold_key(ctx.text.substr(d->end, o.end - d->end)) + " ";
      return after.find(" van ") != std::string::npos || after.find(" door ") != std::string::npos;
    });
  };
  std::vector<std::pair<std::size_t, std::size_t>> cover;
  for (const Tag& t : ctx.tags)
    if ((t.type == "organisation" && !holds_doctype(t)) || t.type == "doctype" || t.type == "date") cover.emplace_back(t.start, t.end);
  std::sort(cover.begin(), cover.end());  // by start: a line's overlaps are among those starting before its end
  std::vector<std::string> skip = ctx.file("doctype").strings("title.skip");
  DocFacts& facts = ctx.out.facts;
  facts.title = pick_title(ctx.text, ctx.spans, cover, skip, *ctx.look.section_re);
  // No title line: say what the report is.
  if (facts.title.empty()) facts.title = fallback_title(facts);
}

}  // namespace omb::interp
