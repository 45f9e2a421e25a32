#include "normalize/classify.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "normalize/chars.h"
#include "normalize/chrome.h"
#include "normalize/site_lines.h"
#include "normalize/debris.h"
#include "normalize/repairs.h"
#include "normalize/word_repair.h"

namespace omb::pass {

std::size_t bullet_len(std::string_view s) {
  if (s.empty()) return 0;
  static const char* kGlyphs[] = {"•", "¢", "»", "▪", "●", "◦", "■", "□", "➢", "►", "", "·"};
  for (const char* g : kGlyphs) {
    std::size_t n = std::strlen(g);
    if (s.size() > n && s.compare(0, n, g) == 0 && (s[n] == ' ' || s[n] == '\t')) return n;
  }
  // Any private-use glyph (Symbol fonts): U+E000–U+F8FF.
  unsigned char c = U(s[0]);
  if (s.size() >= 4 && (c == 0xEE || (c == 0xEF && U(s[1]) <= 0xA3)) && (s[3] == ' ' || s[3] == '\t')) return 3;
  if (s.size() > 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') return 1;
  return 0;
}

// "2.1. Communicatie", "6.2 Werk en Re-integratie", "3 Conclusies", "# Kop",
// and a question ("6 Wat hebben wij geleerd?").
bool numbered_heading(std::string_view s) {
  if (!s.empty() && s[0] == '#') return true;
  std::size_t i = 0, digits = 0;
  while (i < s.size() && (std::isdigit(U(s[i])) || s[i] == '.')) {
    if (s[i] != '.') ++digits;
    ++i;
  }
  if (digits == 0 || digits > 4 || i >= s.size() || s[i] != ' ') return false;
  if (digits >= 3 && s.find('.') == std::string_view::npos) return false;  // "406 ..." is a case
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size()) return false;
  if (!starts_upper_or_digit(s.substr(i)) || std::isdigit(U(s[i]))) return false;
  return count_words(s) <= 9 && (!ends_sentence(s) || s.back() == '?') && s.size() <= 90;
}

// A heading's words: 1 to 6, the first with a capital, none ending a
// sentence or a clause ("Aanbevelingen", "KLACHTEN PER AFDELING").
bool heading_like(std::string_view s) {
  std::size_t i = s.find_first_not_of(' ');
  if (i == std::string_view::npos || !(s[i] >= 'A' && s[i] <= 'Z')) return false;
  for (int n = 1; i != std::string_view::npos; ++n) {
    std::size_t j = std::min(s.find(' ', i), s.size());
    if (n > 6 || std::string_view(".,;!?").find(s[j - 1]) != std::string_view::npos) return false;
    i = s.find_first_not_of(' ', j);
  }
  return true;
}

// "406 – Geen beleid", "389 - Mis communicatie".
bool case_heading(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(U(s[i]))) ++i;
  if (i < 2 || i > 7) return false;
  std::string_view rest = s.substr(i);
  std::size_t sp = rest.find_first_not_of(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  rest = rest.substr(sp);
  if (!(rest.compare(0, 3, "–") == 0 || rest.compare(0, 3, "—") == 0 || rest.compare(0, 1, "-") == 0)) return false;
  return s.size() <= 100;
}

namespace {

// A word glued to a number of 1 to 3 digits ("kwartier20", "Parkeren31";
// not "COVID19"): the emitter may write a space there (fragments.h,
// glued_number), so a row is judged as if it had, and reads the same before
// and after.
bool glued_number_token(std::string_view t) {
  std::size_t k = 0;
  while (k < t.size() && (k == 0 ? std::isalpha(U(t[k])) : (t[k] >= 'a' && t[k] <= 'z'))) ++k;
  if (k < 4 || k == t.size() || t.size() - k > 3) return false;
  return std::all_of(t.begin() + static_cast<std::ptrdiff_t>(k), t.end(), [](char ch) { return std::isdigit(U(ch)); });
}

// A table's rule: dashes, underscores or equals signs (3 or more), spaces
// between ("----          ----" above a total).
bool rule_line(std::string_view s) {
  std::size_t marks = 0;
  for (char ch : s) {
    if (ch == '-' || ch == '_' || ch == '=') ++marks;
    else if (ch != ' ' && ch != '\t') return false;
  }
  return marks >= 3;
}

}  // namespace

// A row of a flattened table: short, ends in a number, no sentence.
bool number_row(std::string_view s) {
  // A table's numbered caption ("Tabel 2  Uitkomst per directie, Q3 2024";
  // OCR's "Tabe1 2" too, as the next pass reads it repaired) is no row,
  // whatever numbers end it.
  if (const std::size_t sp = s.find(' '); sp != std::string_view::npos && sp + 1 < s.size() && s[sp + 1] >= '0' &&
                                          s[sp + 1] <= '9') {
    std::string w(s.substr(0, sp));
    for (char& ch : w) ch = ch == '1' ? 'l' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (w == "tabel" || w == "figuur" || w == "grafiek") return false;
  }
  // Tokens walked in place (this runs for every line and its neighbours).
  std::size_t count = 0, size = s.size();
  int nums = 0;
  bool last_is_number = false;
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) {
      std::string_view t = s.substr(i, j - i);
      bool glued = glued_number_token(t);
      count += glued ? 2 : 1;
      size += glued;
      if (count > 10) return false;
      // Last year's figure in brackets right after this year's ("21 (16)");
      // alone, "(3)" is a footnote's mark at a sentence's end.
      const bool bracketed = last_is_number && t.size() > 2 && t.front() == '(' && t.back() == ')' &&
                             number_token(t.substr(1, t.size() - 2));
      last_is_number = glued || number_token(t) || bracketed;
      nums += last_is_number;
    }
    i = j;
  }
  if (size > 100 || count == 0 || !last_is_number) return false;
  return nums >= 1 && !(count > 3 && nums == 1 && ends_sentence(s));
}

bool markdown_row(std::string_view s) { return s.size() >= 2 && s.front() == '|' && s.back() == '|'; }

namespace {

// A numbered question with another item of a numbered list right above or
// below it ("1. ", "2) ") is one of that list ("1. Hoe is de
// klachtbehandeling geregeld?"), not a heading ("6 Wat hebben wij
// geleerd?", with "6.1 Klachten" or a page number beside it).
bool listed_question(std::string_view src, const std::vector<Line>& lines, std::size_t i) {
  std::string_view q = content(src, lines[i]);
  if (q.empty() || q.back() != '?') return false;
  auto enumerated = [&](std::size_t j) {
    if (lines[j].kind != LineKind::text && lines[j].kind != LineKind::heading) return false;
    std::string_view c = content(src, lines[j]);
    std::size_t d = 0;
    while (d < c.size() && d < 3 && std::isdigit(U(c[d]))) ++d;
    return d > 0 && d + 1 < c.size() && (c[d] == '.' || c[d] == ')') && c[d + 1] == ' ';
  };
  return (i > 0 && enumerated(i - 1)) || (i + 1 < lines.size() && enumerated(i + 1));
}

// Step 1: bullets, markdown rows, case and numbered headings.
void mark_structure_marks(std::string_view src, std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.kind != LineKind::text) continue;
    std::string_view c = content(src, l);
    if (std::size_t bl = bullet_len(c)) {
      l.kind = LineKind::list_item;
      l.marker_end = l.cb + bl;
      while (l.marker_end < l.ce && (src[l.marker_end] == ' ' || src[l.marker_end] == '\t')) ++l.marker_end;
      continue;
    }
    if (markdown_row(c)) { l.kind = LineKind::table_row; continue; }
    if (case_heading(c) || (numbered_heading(c) && !listed_question(src, lines, i))) { l.kind = LineKind::heading; continue; }
  }
}


// Step 2. "e " or "+ " as a bullet (OCR's readings of "•"), among other list items or after
// a sentence. A line that becomes one is context for its neighbours, before
// and after, so the lines are read until nothing changes (a worklist: each
// line turns at most once). Read in one sweep, a line judged before its
// next neighbour turned was left as text, and a second pass over the output,
// which then starts with "•", read it differently (issue #15, fuzzing).
void mark_e_bullets(std::string_view src, const Knowledge& k, std::vector<Line>& lines) {
  // The marker's length ("e" and its spaces: the emitter makes them one, so
  // the next pass sees "e " whatever their number), or 0.
  auto e_marker = [&](long i) -> std::size_t {
    if (i < 0 || lines[static_cast<std::size_t>(i)].kind != LineKind::text) return 0;
    std::string_view c = content(src, lines[static_cast<std::size_t>(i)]);
    // Tesseract reads a bullet as "+" too (dev11; "+ 3 %" in a table has no letter after it).
    if (c.size() < 3 || (c[0] != 'e' && c[0] != '+') || c[1] != ' ') return 0;
    std::size_t k = 1;
    while (k < c.size() && c[k] == ' ') ++k;
    return k < c.size() && word_char(c, k) ? k : 0;
  };
  auto e_line = [&](long i) { return e_marker(i) > 0; };
  auto in_list = [&](long i) {
    long p = prev_nonblank(lines, static_cast<std::size_t>(i)), n = next_nonblank(lines, static_cast<std::size_t>(i));
    // After a heading, the item starts with a capital: "Waardering contact⏎e De meeste …".
    auto after_heading = [&] {
      std::string_view h = content(src, lines[static_cast<std::size_t>(p)]);
      std::string_view c = content(src, lines[static_cast<std::size_t>(i)]);
      std::size_t at = e_marker(i);
      return heading_like(h) && !k.words.glue_word(last_word_lower(h)) && at < c.size() && c[at] >= 'A' && c[at] <= 'Z';
    };
    return (p >= 0 && (lines[static_cast<std::size_t>(p)].kind == LineKind::list_item ||
                       ends_sentence(content(src, lines[static_cast<std::size_t>(p)])) || after_heading())) ||
           (n >= 0 && lines[static_cast<std::size_t>(n)].kind == LineKind::list_item);
  };
  std::vector<long> work;
  for (long i = static_cast<long>(lines.size()) - 1; i >= 0; --i)
    if (e_line(i)) work.push_back(i);  // popped in line order
  while (!work.empty()) {
    const long i = work.back();
    work.pop_back();
    const std::size_t marker = e_marker(i);
    if (!marker || !in_list(i)) continue;
    Line& l = lines[static_cast<std::size_t>(i)];
    l.kind = LineKind::list_item;
    l.marker_end = l.cb + marker;
    for (long j : {prev_nonblank(lines, static_cast<std::size_t>(i)), next_nonblank(lines, static_cast<std::size_t>(i))})
      if (e_line(j)) work.push_back(j);
  }
}

// Step 0: a line that known debris (debris.tsv) covers all of: "Bezig met
// laden…", "Save this PDF as: WORD PNG TXT JPG"; a line of a viewer's
// controls (chrome.h): "Abonneren  Meld dit document  Deel op"; a line
// shaped like controls (site_lines.h): a menu, a pager, a lone time; a line a
// site or a program wrote (site_lines.h): "1.482 weergaven · 37 downloads",
// "About this capture", and a line of numbers and dates alone between two
// such lines ("4 May 2008 - 17 Feb 2022" in an archive's banner).
// "(3)" or "[12]": one to four digits in brackets, nothing else.
bool bracketed_number(std::string_view s) {
  if (s.size() < 3 || s.size() > 6) return false;
  if (!((s.front() == '(' && s.back() == ')') || (s.front() == '[' && s.back() == ']'))) return false;
  return std::all_of(s.begin() + 1, s.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

// Lines the site's own lines hem in. A run of at most three text lines with
// a debris line right before and right after it (no blank between) is
// debris too when each line is numbers and dates, or, when both of those
// are a site's lines (`site`: known debris, not a running head, around
// which a heading may stand), a short label ("Kerngegevens", "N/A", "Type
// onderzoek"). So is a run of numbers alone at the head of the text right
// before a debris line (a host's counters: "13" | "0"), and a page number
// in brackets ("(1)") right next to a site's line.
void mark_debris_islands(std::string_view src, const Knowledge& k, const std::vector<char>& site, std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != LineKind::text) continue;
    std::size_t j = i;
    while (j < lines.size() && lines[j].kind == LineKind::text) ++j;
    const bool after = j < lines.size() && lines[j].kind == LineKind::debris;
    const bool before = i > 0 && lines[i - 1].kind == LineKind::debris;
    const bool site_after = after && site[j], site_before = before && site[i - 1];
    // Only a short run next to debris is asked what its lines are (a
    // paragraph's lines are not read again).
    bool island = false;
    if (j - i <= 3 && after && (before || i == 0)) {
      bool labels = true, numbers = true;
      for (std::size_t m = i; m < j; ++m) {
        const std::string_view c = content(src, lines[m]);
        const bool neutral = k.site.neutral_line(c);
        labels &= neutral || heading_like(c);
        numbers &= neutral;
      }
      island = numbers || (site_before && site_after && labels);
    }
    for (std::size_t m = i; m < j; ++m)
      if (island || (((m == i && site_before) || (m + 1 == j && site_after)) && bracketed_number(content(src, lines[m]))))
        lines[m].kind = LineKind::debris;
    i = j;
  }
}

void mark_known_debris(std::string_view src, const Knowledge& k, std::vector<Line>& lines) {
  std::vector<char> site(lines.size(), 0);  // marked here, not a running head
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.kind != LineKind::text) continue;
    std::string_view c = content(src, l);
    // A line that starts in lower case (a web address aside) goes on a
    // sentence: the report's, whatever its words ("downloaden of printen").
    // Asked of the line alone, so that the next pass, which may see it
    // joined or apart, judges it the same.
    const bool goes_on = starts_lower(c) && c.find("://") == std::string_view::npos && !c.starts_with("www.");
    if (!goes_on && (k.chrome.covers(c) || (k.site.control_line(c) && bullet_len(c) == 0) || k.site.whole_line(c, k.words))) {
      l.kind = LineKind::debris;
      site[i] = 1;
      continue;
    }
    std::vector<RepairHit> hits = k.debris.find(c);
    if (hits.empty()) continue;
    std::size_t at = 0;
    bool all = true;
    for (const RepairHit& h : hits) {
      for (std::size_t j = at; j < h.start; ++j) all &= c[j] == ' ';
      at = h.end;
    }
    for (std::size_t j = at; j < c.size(); ++j) all &= c[j] == ' ';
    if (all) {
      l.kind = LineKind::debris;
      site[i] = 1;
    }
  }
  mark_debris_islands(src, k, site, lines);
}

// A title's year, not a table's row: a line that ends in a year after
// "jaar", "periode" or a glue word ("over het jaar 2019"), or a year alone
// after a line that ends open so ("Jaarverslag over het jaar" | "2019",
// which blocks.h joins to it). With the next line that ends in a number
// (the date it was adopted, "26 februari 2020") it made a table.
bool title_year(std::string_view src, const Knowledge& k, const std::vector<Line>& lines, long p, std::string_view c) {
  const std::size_t sp = c.rfind(' ');
  const std::string_view year = sp == std::string_view::npos ? c : c.substr(sp + 1);
  if (year.size() != 4 || !(year.starts_with("19") || year.starts_with("20")) || !std::isdigit(U(year[2])) ||
      !std::isdigit(U(year[3])))
    return false;
  std::string before;
  if (sp != std::string_view::npos) {
    before = last_word_lower(c.substr(0, sp));
  } else {
    if (p < 0) return false;
    std::string_view pc = content(src, lines[static_cast<std::size_t>(p)]);
    if (ends_sentence(pc)) return false;
    before = last_word_lower(pc);
  }
  return year_word(before) || k.words.glue_word(before);
}

// Step 3: number rows, chart debris, titles.
void mark_rows_noise_titles(std::string_view src, const Knowledge& k, std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.kind != LineKind::text) continue;
    std::string_view c = content(src, l);
    long p = prev_nonblank(lines, i), n = next_nonblank(lines, i);
    // A table's rule is part of the table: seen through when a row looks for
    // its neighbour, a row itself beside one.
    auto row_at = [&](long j, bool forward) {
      while (j >= 0 && rule_line(content(src, lines[static_cast<std::size_t>(j)])))
        j = forward ? next_nonblank(lines, static_cast<std::size_t>(j)) : prev_nonblank(lines, static_cast<std::size_t>(j));
      if (j < 0) return false;
      const std::string_view jc = content(src, lines[static_cast<std::size_t>(j)]);
      // A label broken at a hyphen above its row is that row's: a row after
      // it, or, right above this line, this row's own label.
      if (broken_label(jc) && (forward ? static_cast<std::size_t>(j) + 1 < lines.size() : static_cast<std::size_t>(j) + 1 == i))
        return forward ? number_row(content(src, lines[static_cast<std::size_t>(j) + 1])) : true;
      return number_row(jc);
    };
    if ((number_row(c) || rule_line(c)) && !title_year(src, k, lines, p, c)) {
      if (row_at(p, false) || row_at(n, true)) { l.kind = LineKind::table_row; continue; }
    }
    // A row's label broken at a hyphen over two lines ("Werkplein
    // Hoogerzande-" | "Kettelmeer   18   10"): the first half is the row's
    // too (blocks.h joins them).
    if (broken_label(c) && n == static_cast<long>(i) + 1 && lines[i + 1].page == l.page && number_row(content(src, lines[i + 1]))) {
      l.kind = LineKind::table_row;
      continue;
    }
    if (chart_debris(k, c)) { l.kind = LineKind::noise; continue; }
    // A short title line on its own: blank (or start) before it, and what
    // follows is blank or starts a sentence.
    bool blank_before = i == 0 || l.hard_start || lines[i - 1].kind == LineKind::blank || lines[i - 1].kind == LineKind::debris ||
                        (l.stray_space && (prev_nonblank(lines, i) < 0 ||
                                           ends_sentence(content(src, lines[static_cast<std::size_t>(prev_nonblank(lines, i))]))));
    bool after_ok = i + 1 >= lines.size() || lines[i + 1].kind == LineKind::blank || lines[i + 1].hard_start ||
                    (n >= 0 && starts_upper_or_digit(content(src, lines[static_cast<std::size_t>(n)])));
    if (blank_before && after_ok && count_words(c) <= 8 && c.size() <= 80 && !ends_sentence(c) &&
        c.back() != ',' && trailing_hyphen(c) == 0 && (starts_upper_or_digit(c) || starts_lower(c))) {
      // Continued in lower case, across blank lines too (blocks.h reads a
      // blank line there as a hard wrap), or ending in a glue word: no title.
      bool next_lower_cont = i + 1 < lines.size() && lines[i + 1].kind == LineKind::text && starts_lower(content(src, lines[i + 1]));
      if (n >= 0 && lines[static_cast<std::size_t>(n)].kind == LineKind::text) {
        std::string_view nc = content(src, lines[static_cast<std::size_t>(n)]);
        std::size_t sp = c.find_last_of(' ');
        std::string last = lower_latin(sp == std::string_view::npos ? c : c.substr(sp + 1));
        next_lower_cont |= (starts_lower(nc) && nc.size() > 1 && nc[1] != ' ') || k.words.glue_word(last);
      }
      // A line in lower case after one that ends no sentence goes on with it
      // (a hard wrap made a blank line): no title.
      bool goes_on = starts_lower(c) && p >= 0 && !ends_sentence(content(src, lines[static_cast<std::size_t>(p)]));
      if (!next_lower_cont && !goes_on) l.kind = LineKind::heading;
    }
  }
}

// Step 4: a line that interrupts a sentence. The line before it ends no
// sentence, the line after it goes on in lower case, all three stand
// together on one page, and the line in the middle starts with a capital or
// a digit and ended short: it and the next line's first word would have fit
// in the width the text was wrapped at (wrap_width(), or in a short text
// the shorter of its neighbours), with a seventh of it to spare, where the
// line before filled it, and it holds two words with letters at least. No
// wrap put the words of one sentence there: a
// viewer's or an editor's line did ("… maar het aantal" | "Klik om notities
// toe te voegen" | "klachten over …"). A long line before (a site's banner)
// or a short one (a letter's field) is no measure of the wrap.
int letter_words(std::string_view s) {
  int n = 0;
  bool in_word = false, letter = false;
  for (char ch : s) {
    if (ch == ' ' || ch == '\t') {
      n += in_word && letter;
      in_word = letter = false;
      continue;
    }
    in_word = true;
    letter |= std::isalpha(U(ch)) || (U(ch) & 0x80);
  }
  return n + (in_word && letter);
}

void mark_interruptions(std::string_view src, std::vector<Line>& lines) {
  const std::size_t wrap = wrap_width(src, lines);
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    const Line &p = lines[i - 1], &m = lines[i], &n = lines[i + 1];
    if (p.kind != LineKind::text || m.kind != LineKind::text || n.kind != LineKind::text) continue;
    if (p.page != m.page || m.page != n.page || m.stray_space || n.stray_space || m.hard_start || n.hard_start) continue;
    std::string_view pc = content(src, p), mc = content(src, m), nc = content(src, n);
    if (ends_sentence(pc) || trailing_hyphen(pc) > 0 || pc.back() == ',') continue;
    if (!starts_lower(nc) || (nc.size() > 1 && nc[1] == ' ')) continue;
    // A page number in brackets alone ("(3)", "[12]"): a mirror's page marker.
    if (bracketed_number(mc)) {
      lines[i].kind = LineKind::debris;
      continue;
    }
    if (!starts_upper_or_digit(mc)) continue;
    // A number or a year alone is no viewer's line ("over het jaar" | "2021").
    if (trailing_hyphen(mc) > 0 || mc.back() == ',' || letter_words(mc) < 2) continue;
    const std::size_t pn = chars(pc);
    const std::size_t width = std::max(wrap, std::min(pn, chars(nc)));
    std::size_t w = nc.find(' ');
    std::size_t need = chars(mc) + 1 + chars(nc.substr(0, w == std::string_view::npos ? nc.size() : w));
    if (need * 7 <= width * 6 && pn * 7 >= width * 6) lines[i].kind = LineKind::debris;
  }
}

}  // namespace

void classify_lines(std::string_view src, const Knowledge& k, std::vector<Line>& lines) {
  mark_known_debris(src, k, lines);
  mark_structure_marks(src, lines);
  mark_e_bullets(src, k, lines);
  mark_rows_noise_titles(src, k, lines);
  mark_interruptions(src, lines);
}

bool broken_label(std::string_view c) {
  return c.size() >= 3 && c.size() <= 60 && c.back() == '-' && std::isalpha(U(c[c.size() - 2])) && count_words(c) <= 6 &&
         std::none_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

std::string last_word_lower(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  std::size_t sp = s.rfind(' ');
  return lower_latin(sp == std::string_view::npos ? s : s.substr(sp + 1));
}

}  // namespace omb::pass
