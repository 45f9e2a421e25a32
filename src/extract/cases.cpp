#include "extract/cases.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "extract/text_util.h"
#include "extract/units.h"
#include "text/fold.h"

namespace omb::interp {

std::string case_title(std::string_view text, std::size_t after, std::size_t le, std::size_t title_max) {
  std::string_view rest = trim(text.substr(after, le - after));
  while (!rest.empty() && (rest.front() == '-' || rest.front() == ':' || rest.front() == ' ' ||
                           static_cast<unsigned char>(rest.front()) == 0xE2))
    rest = trim(rest.substr(rest.front() == static_cast<char>(0xE2) && rest.size() >= 3 ? 3 : 1));
  if (rest.empty()) {
    std::size_t p = le;
    while (p < text.size() && text[p] == '\n') ++p;
    std::size_t ne = text.find('\n', p);
    if (ne == std::string_view::npos) ne = text.size();
    std::string_view next = trim(text.substr(p, ne - p));
    if (!next.empty() && next.size() <= title_max && next.back() != '.') rest = next;
  }
  // A heading the text runs on from ("– team Beslag Een man kreeg …"):
  // its first title_max bytes, to a word's end.
  if (rest.size() > title_max) {
    std::size_t cut = rest.rfind(' ', title_max);
    rest = rest.substr(0, cut == std::string_view::npos || cut == 0 ? title_max : cut);
    return collapse_space(rest) + "…";
  }
  return collapse_space(rest);
}

namespace {

// Where a report on one complaint states it: the first paragraph of one
// short line (or a heading) that opens with one of `words` after any section
// number ("1 De klacht", "Wat is de klacht?"), else 0.
std::size_t complaint_start(const Context& ctx, const std::vector<std::string>& words) {
  for (const FoldedBlock& b : ctx.spans) {
    const std::size_t le = ctx.line_end(b.start);
    if (le - b.start > 60 || (le < b.end && b.kind != PassageKind::heading)) continue;
    std::string_view line = ctx.text.substr(b.start, le - b.start);
    const std::size_t at = line.find_first_not_of("0123456789. \t");
    if (at == std::string_view::npos) continue;
    const std::string f = fold_key(line.substr(at));
    // A header field whose label goes on past the words ("Klacht over  : de
    // provincie …") names the complaint's subject; the text starts below.
    const std::size_t colon = f.find(':');
    for (const std::string& w : words)
      if (f.rfind(w, 0) == 0 && (f.size() == w.size() || !std::isalnum(static_cast<unsigned char>(f[w.size()]))) &&
          (colon == std::string::npos || f.find_first_not_of(' ', w.size()) >= colon))
        return b.start;
  }
  return 0;
}

// The number in a header field above the text (before `body`, the complaint
// section, or in the first 2000 bytes without one): the first zaaknummer
// whose line starts with one of `labels` ("Dossiernummer:", "Klachtnummer:";
// not a letter's "Kenmerk"). nullptr for none.
const Hit* header_number(Context& ctx, const std::vector<std::string>& labels, std::size_t body) {
  const std::size_t until = body > 0 ? body : std::min<std::size_t>(ctx.text.size(), 2000);
  for (const Hit& h : ctx.hits_of("zaaknummer")) {
    if (h.match_start >= until) break;
    const std::size_t ls = ctx.line_start(h.match_start);
    std::string_view before = ctx.text.substr(ls, h.match_start - ls);
    if (before.find_first_not_of(" \t") != std::string_view::npos) continue;  // a field starts its line
    const std::string f = fold_key(ctx.text.substr(h.match_start, std::min<std::size_t>(40, ctx.text.size() - h.match_start)));
    for (const std::string& l : labels)
      if (f.rfind(l, 0) == 0 && f.size() > l.size() && (f[l.size()] == ':' || f[l.size()] == ' ')) return &h;
  }
  return nullptr;
}

// Where a case starts: its heading's position, where its title begins, and
// its zaaknummer ("" for none).
struct CaseStart {
  std::size_t at = 0, title_from = 0;
  std::string zaaknummer;
};

// The end of the first non-empty line after the line at `p` (the end of
// that line at the text's end).
std::size_t next_line_end(const Context& ctx, std::size_t p) {
  std::size_t next = ctx.line_end(p);
  while (next < ctx.text.size() && ctx.text[next] == '\n') ++next;
  return next < ctx.text.size() ? ctx.line_end(next) : next;
}

// The case headings that carry a sequence number instead of the case's own
// ("Casus 3 – team Beslag", "Voorbeeld 2: …"): the zaaknummer file's
// case.numbered_heading at a block's start. The case's number is the first
// zaaknummer mentioned on that line or the next ("(dossier 2023-008870)",
// "Dossiernummer: 2023-004511"). Without one it is no case heading: a
// study's "Voorbeeld 2" or a report's "Klacht 1" is as often a part. A
// block that opens with a number field ("Klachtnummer: 23-003") is one
// too, unless it is the line under the heading before it that gave that
// heading its number.
std::vector<CaseStart> numbered_headings(const Context& ctx, const std::vector<const Hit*>& mentions) {
  std::vector<CaseStart> out;
  std::size_t last_until = 0;  // a field under a heading ("Dossiernummer: …") is that heading's
  for (const FoldedBlock& b : ctx.spans) {
    if (!out.empty() && b.start < last_until) continue;
    const std::size_t le = ctx.line_end(b.start);
    re2::StringPiece line(ctx.text.data() + b.start, le - b.start), m;
    if (!ctx.look.case_heading_re->Match(line, 0, line.size(), RE2::UNANCHORED, &m, 1)) continue;
    CaseStart c;
    c.at = b.start;
    c.title_from = static_cast<std::size_t>(m.data() + m.size() - ctx.text.data());
    const std::size_t until = next_line_end(ctx, b.start);
    bool next_line = false;  // the number stands on the line under the heading
    for (const Hit* h : mentions)
      if (h->start >= b.start && h->start < until) {
        c.zaaknummer = h->value;
        next_line = h->start >= le;
        break;
      }
    if (!c.zaaknummer.empty()) {
      last_until = next_line ? until : 0;
      out.push_back(std::move(c));
    }
  }
  return out;
}

// Case headings without a number: in a section whose numbered heading says
// it tells cases ("3. Uit de praktijk", "4 Klachten uitgelicht", "III.
// Enkele verzoeken nader bekeken": the zaaknummer file's
// case.section_words), each heading without a number, or numbered under
// the section's number ("1." under "III.", "3.2" under "3."), that a
// paragraph follows starts a case ("Geen bericht over de uitslag"). Two or
// more, or none.
std::vector<CaseStart> section_case_headings(const Context& ctx) {
  const std::vector<std::string> words = ctx.file("zaaknummer").strings("case.section_words");
  auto tells_cases = [&](std::string_view heading) { return has_listed_word(heading, words); };
  // A heading's number: "III", "3", "3.1".
  auto number_of = [](std::string_view line) {
    std::string_view n = line.substr(0, line.find(' '));
    while (!n.empty() && n.back() == '.') n.remove_suffix(1);
    return n;
  };
  // Numbered under the section's number: "1." under "III.", "3.2" under "3".
  auto under = [](std::string_view parent, std::string_view child) {
    const bool roman = !parent.empty() && parent.find_first_not_of("IVX") == std::string_view::npos;
    const bool arabic = !child.empty() && std::isdigit(static_cast<unsigned char>(child[0]));
    return (roman && arabic && child.find('.') == std::string_view::npos) ||
           (child.size() > parent.size() + 1 && child.starts_with(parent) && child[parent.size()] == '.');
  };
  std::vector<CaseStart> out;
  bool in_cases = false;
  std::string_view section;  // the number of the section that tells cases
  for (std::size_t i = 0; i < ctx.spans.size(); ++i) {
    const FoldedBlock& b = ctx.spans[i];
    if (b.kind != PassageKind::heading) continue;
    const std::string_view line(ctx.text.data() + b.start, ctx.line_end(b.start) - b.start);
    const bool numbered = RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), *ctx.look.section_re);
    if (numbered && !(in_cases && under(section, number_of(line)))) {
      in_cases = tells_cases(line);
      section = number_of(line);
      continue;
    }
    if (in_cases && i + 1 < ctx.spans.size() && ctx.spans[i + 1].kind == PassageKind::paragraph)
      out.push_back({b.start, b.start, ""});
  }
  if (out.size() < 2) out.clear();
  return out;
}

// The case starts of zaaknummer hits of role "case", and the numbered
// headings (two or more, outside a numbered report: `reports` are its
// report-number hits); a hit on a numbered heading's line or the next is
// that case. Without any, the headings of a section of cases.
std::vector<CaseStart> case_starts(Context& ctx, const std::vector<const Hit*>& reports) {
  std::vector<const Hit*> mentions;
  std::vector<CaseStart> starts;
  for (const Hit& h : ctx.hits_of("zaaknummer")) {
    const std::string& role = ctx.rule_of("zaaknummer", h).role;
    if (role == "case") starts.push_back({h.start, h.end, h.value});
    else if (role == "reference") mentions.push_back(&h);
  }
  // A series of them ("Casus 1", "Casus 2" …), and not in a report with a
  // report number: that is one case, whose "Klacht 1" and "Klacht 2" are
  // its parts.
  std::vector<CaseStart> numbered;
  if (!(ctx.out.facts.doctype == "rapport" && !reports.empty())) numbered = numbered_headings(ctx, mentions);
  // No case with a number at all: the headings of a section of cases.
  if (starts.empty() && numbered.size() < 2 && reports.empty()) return section_case_headings(ctx);
  if (numbered.size() < 2) return starts;
  for (CaseStart& n : numbered) {
    const std::size_t until = next_line_end(ctx, n.at);
    auto own = std::find_if(starts.begin(), starts.end(), [&](const CaseStart& s) { return s.at >= n.at && s.at < until; });
    if (own != starts.end()) starts.erase(own);
    starts.push_back(std::move(n));
  }
  std::sort(starts.begin(), starts.end(), [](const CaseStart& a, const CaseStart& b) { return a.at < b.at; });
  return starts;
}

}  // namespace

bool find_cases(Context& ctx) {
  std::string_view text = ctx.text;
  const RuleFile& zk = ctx.file("zaaknummer");
  std::vector<std::string> end_words = zk.strings("case.end");
  std::size_t title_max = static_cast<std::size_t>(std::stoul(zk.setting("case.title_max").value_or("100")));
  std::vector<const Hit*> reports;
  for (const Hit& h : ctx.hits_of("zaaknummer"))
    if (ctx.rule_of("zaaknummer", h).role == "report") reports.push_back(&h);
  const std::vector<CaseStart> starts = case_starts(ctx, reports);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const CaseStart& h = starts[i];
    Case c;
    c.zaaknummer = h.zaaknummer;
    c.start = ctx.line_start(h.at);
    std::size_t le = ctx.line_end(h.title_from);
    c.title = case_title(text, h.title_from, le, title_max);
    std::size_t end = i + 1 < starts.size() ? ctx.line_start(starts[i + 1].at) : text.size();
    auto first_after = std::upper_bound(ctx.spans.begin(), ctx.spans.end(), le, [](std::size_t p, const FoldedBlock& r) { return p < r.start; });
    for (auto bi = first_after; bi != ctx.spans.end(); ++bi) {
      const FoldedBlock& b = *bi;
      if (b.start >= end) break;
      std::string_view first(text.data() + b.start, ctx.line_end(b.start) - b.start);
      bool section = RE2::PartialMatch(re2::StringPiece(first.data(), first.size()), *ctx.look.section_re);
      std::string f = fold_key(first.substr(0, 40));
      bool closing = std::any_of(end_words.begin(), end_words.end(), [&](const std::string& w) { return f.rfind(w, 0) == 0; });
      if (section || closing) {
        end = b.start;
        break;
      }
    }
    while (end > c.start && (text[end - 1] == '\n' || text[end - 1] == ' ')) --end;
    c.end = end;
    ctx.out.cases.push_back(std::move(c));
  }
  if (!ctx.out.cases.empty()) return false;
  // A report or letter on one complaint is one case: numbered by its report
  // number, else by the number in its header fields ("Dossiernummer: …",
  // "Klachtnummer: …"); a letter only when it has a section on the complaint.
  const std::string& doctype = ctx.out.facts.doctype;
  if (doctype != "rapport" && doctype != "brief") return false;
  const std::size_t from = complaint_start(ctx, zk.strings("case.complaint_start"));
  const Hit* number = doctype == "rapport" && !reports.empty() ? reports.front() : nullptr;
  if (!number && (doctype == "rapport" || from > 0)) number = header_number(ctx, zk.strings("case.header_labels"), from);
  if (!number) return false;
  Case c;
  c.zaaknummer = number->value;
  c.title = ctx.out.facts.title;
  c.start = from;
  c.end = text.size();
  ctx.out.cases.push_back(std::move(c));
  return true;
}

std::string pick_oordeel(const std::vector<Tag>& tags, std::size_t a, std::size_t b, std::size_t sec_start, std::size_t sec_end) {
  std::string in_section, last;
  for (std::size_t ti = a; ti < b; ++ti) {
    const Tag& t = tags[ti];
    if (t.type != "oordeel" || t.rule == "oordeel.table") continue;
    last = t.value;
    if (in_section.empty() && t.start >= sec_start && t.start < sec_end) in_section = t.value;
  }
  return !in_section.empty() ? in_section : last;
}

namespace {

void add_theme(Case& c, const std::string& theme) {
  if (std::find(c.themes.begin(), c.themes.end(), theme) == c.themes.end()) c.themes.push_back(theme);
}

// The heading of the section a case stands under: its themes, else (when
// `names_unit`: the case's own heading names none) the afdeling it names
// (tagged, once per span, unless a tag ends there).
void section_heading(Context& ctx, const UnitNames& un, Case& c, const FoldedBlock& heading, bool names_unit,
                     std::set<std::pair<std::size_t, std::size_t>>& section_afdelingen) {
  std::size_t he = ctx.heading_end(heading);
  std::string_view raw(ctx.text.data() + heading.start, he - heading.start);
  std::string name = strip_numbering(raw);
  std::string unit, unit_word;
  std::string k = fold_key(name);
  std::string w0 = k.substr(0, k.find(' '));
  if (!un.unit_of(w0).empty() && name.size() > w0.size() + 1) {
    unit = un.unit_of(w0);
    unit_word = name.substr(0, w0.size());
    name = name.substr(w0.size() + 1);
  }
  bool theme_heading = false;
  auto [a, b] = ctx.range(heading.start, he);
  for (std::size_t ti = a; ti < b; ++ti) {
    const Tag& t = ctx.tags[ti];
    if (t.type == "theme" && t.end <= he) {
      theme_heading = true;
      add_theme(c, t.value);
    }
  }
  if (theme_heading || !names_unit || (unit.empty() && un.about_cases(name)) || !un.valid_name(name)) return;
  auto [value, u] = un.canonical(name, unit.empty() ? "afdeling" : unit, unit_word);
  c.afdeling = value;
  std::size_t s = heading.start + static_cast<std::size_t>(std::string_view(raw).find(name));
  bool have = false;
  auto [a2, b2] = ctx.range(s, s + 1);
  for (std::size_t ti = a2; ti < b2; ++ti) have |= ctx.tags[ti].type == "afdeling" && ctx.tags[ti].end == s + name.size();
  have |= section_afdelingen.count({s, s + name.size()}) > 0;
  if (!have) {
    ctx.add_extra("afdeling", value, s, s + name.size(), "afdeling.case-section", un.unit_detail(u), -1);
    section_afdelingen.emplace(s, s + name.size());
  }
}

// The last oordeel/conclusie section (oordeel file's case.sections) among
// the headings from headings[from] on inside case c: [its end, next heading).
std::pair<std::size_t, std::size_t> oordeel_section(const Context& ctx, const std::vector<std::string>& sections, std::size_t from,
                                                    const Case& c) {
  const auto& headings = ctx.headings;
  std::size_t sec_start = 0, sec_end = 0;
  for (std::size_t hj = from; hj < headings.size() && headings[hj]->start < c.end; ++hj) {
    const FoldedBlock& b = *headings[hj];
    std::string h = fold_key(strip_numbering(ctx.text.substr(b.start, ctx.heading_end(b) - b.start)));
    if (std::find(sections.begin(), sections.end(), h) == sections.end()) continue;
    sec_start = b.end;
    sec_end = hj + 1 < headings.size() ? std::min(c.end, headings[hj + 1]->start) : c.end;
  }
  return {sec_start, sec_end};
}

// How low a unit tag's level is: team 3, afdeling 2, dienst 1; -1 for an
// organisation (not a unit of the body complained about).
int unit_depth(const Tag& t) {
  if (t.detail.find("\"level\":\"organisation\"") != std::string::npos) return -1;
  if (t.detail.find("\"level\":\"team\"") != std::string::npos) return 3;
  if (t.detail.find("\"level\":\"dienst\"") != std::string::npos) return 1;
  return 2;
}

// Of tags[a], a unit tag, and the unit tags in tags[a, b) that follow it
// in a row on its line (before `eol`), each at most 16 bytes after the one
// before with only punctuation, "en", an article or a unit word between
// (listing_gap: "Afdeling: Vastgoed en
// Onderhoud, team Reparatieonderhoud", "afdeling Bijstand (sector Sociale
// Zaken)"), the lowest: the team here. A unit further on in the sentence
// ("De afdeling Verhuur vroeg het team Woonfraude") is another one's.
// Between two units named in a row: only punctuation, "en", an article and
// a unit word (", team ", " (sector ", " – afdeling "), no verb.
bool listing_gap(std::string_view gap, const UnitNames& un) {
  std::size_t i = 0;
  while (i < gap.size()) {
    while (i < gap.size() && (gap[i] == ' ' || gap[i] == ',' || gap[i] == '(' || gap[i] == ')' || gap[i] == ':' ||
                              gap[i] == '-' || gap[i] == '/' || (static_cast<unsigned char>(gap[i]) & 0x80)))
      ++i;  // a dash or a middle dot in UTF-8 too
    std::size_t j = i;
    while (j < gap.size() && std::isalpha(static_cast<unsigned char>(gap[j]))) ++j;
    if (j == i) break;
    const std::string w = fold_key(gap.substr(i, j - i));
    if (w != "en" && w != "de" && w != "het" && un.unit_of(w).empty()) return false;
    i = j;
  }
  return true;
}

std::string lowest_on_line(const Context& ctx, const UnitNames& un, std::size_t a, std::size_t b, std::size_t eol) {
  std::size_t best = a, last_end = ctx.tags[a].end;
  for (std::size_t ti = a + 1; ti < b && ctx.tags[ti].start < eol; ++ti) {
    const Tag& t = ctx.tags[ti];
    if (t.type != "afdeling" || t.end > eol || t.start < last_end) continue;
    const std::string_view gap = ctx.text.substr(last_end, t.start - last_end);
    if (gap.size() > 16 || !listing_gap(gap, un)) break;
    last_end = t.end;
    if (unit_depth(t) > unit_depth(ctx.tags[best])) best = ti;
  }
  return ctx.tags[best].value;
}

// The unit a case's own heading line names ("Klacht K22-041 – team
// Bedrijven"), the lowest of them: it says more than the section above the
// case, whose heading may be no unit at all ("Enkele klachten uitgelicht").
// "" for none.
std::string heading_unit(const Context& ctx, const UnitNames& un, const Case& c) {
  std::size_t eol = std::min(ctx.text.find('\n', c.start), c.end);
  auto [a, b] = ctx.range(c.start, eol);
  for (std::size_t ti = a; ti < b; ++ti) {
    const Tag& t = ctx.tags[ti];
    if (t.type == "afdeling" && t.end <= eol && unit_depth(t) >= 0) return lowest_on_line(ctx, un, ti, b, eol);
  }
  return {};
}

// What a case's own tags say: the first afdeling (in the first 3000 bytes
// of a report that is one case; the lowest its line names) if its heading
// named none, themes, status, oordeel.
void case_tags(Context& ctx, const UnitNames& un, Case& c, std::pair<std::size_t, std::size_t> section) {
  auto [ca, cb] = ctx.range(c.start, c.end);
  if (c.afdeling.empty()) {
    std::size_t lo = c.start, hi = c.end;
    if (ctx.out.cases.size() == 1 && c.start == 0) hi = std::min(hi, std::size_t{3000});
    auto [a, b] = ctx.range(lo, hi);
    for (std::size_t ti = a; ti < b; ++ti)
      if (ctx.tags[ti].type == "afdeling" && unit_depth(ctx.tags[ti]) >= 0) {
        // a unit of the organisation, not another organisation; the lowest its line names
        c.afdeling = lowest_on_line(ctx, un, ti, b, ctx.line_end(ctx.tags[ti].start));
        break;
      }
  }
  for (std::size_t ti = ca; ti < cb; ++ti) {
    const Tag& t = ctx.tags[ti];
    if (t.type == "theme") add_theme(c, t.value);
    if (t.type == "status") c.status = t.value;
  }
  c.oordeel = pick_oordeel(ctx.tags, ca, cb, section.first, section.second);
}

}  // namespace

void run_cases(Context& ctx) {
  // A report on one complaint: what stands above its case is the report's
  // title page, no section naming the case's afdeling.
  const bool one_report = find_cases(ctx);
  // Tags in text order, so the tags of a span are one range.
  stable_sort_tags(ctx.tags, false);
  for (Tag& t : ctx.tags) t.case_index = ctx.case_at(t.start);

  UnitNames un(ctx.file("afdeling"), ctx.look);
  std::vector<std::string> oordeel_sections = ctx.file("oordeel").strings("case.sections");
  const auto& headings = ctx.headings;
  const FoldedBlock* outside_heading = nullptr;  // nearest heading not inside a case
  std::set<std::pair<std::size_t, std::size_t>> section_afdelingen;  // spans of the afdeling tags made here, in extra
  std::size_t hi_idx = 0;
  for (Case& c : ctx.out.cases) {
    while (hi_idx < headings.size() && headings[hi_idx]->start < c.start) {
      if (ctx.case_at(headings[hi_idx]->start) < 0) outside_heading = headings[hi_idx];
      ++hi_idx;
    }
    // Sections above cases: their heading names the afdeling (or the theme).
    const std::string own = heading_unit(ctx, un, c);
    if (outside_heading && !one_report) section_heading(ctx, un, c, *outside_heading, own.empty(), section_afdelingen);
    if (!own.empty()) c.afdeling = own;
    // Oordeel: first in the last oordeel/conclusie section, else the last one.
    case_tags(ctx, un, c, oordeel_section(ctx, oordeel_sections, hi_idx, c));
  }
}

}  // namespace omb::interp
