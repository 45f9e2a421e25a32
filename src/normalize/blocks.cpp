#include "normalize/blocks.h"

#include <algorithm>
#include <cctype>

#include "normalize/chars.h"
#include "normalize/classify.h"
#include "normalize/fragments.h"
#include "normalize/split.h"
#include "normalize/word_repair.h"

namespace omb::pass {

namespace {

bool year_at(std::string_view c, std::size_t i) {
  return i + 4 <= c.size() && (c.compare(i, 2, "19") == 0 || c.compare(i, 2, "20") == 0) && std::isdigit(U(c[i + 2])) &&
         std::isdigit(U(c[i + 3])) && (i + 4 == c.size() || !std::isdigit(U(c[i + 4])));
}

// A year alone, or a span of years, as a title's last line ("Jaarverslag
// klachten over het jaar⏎2005", "over de jaren⏎2014-2018").
bool lone_year(std::string_view c) {
  if (!year_at(c, 0)) return false;
  if (c.size() == 4) return true;
  std::string_view rest = c.substr(4);
  for (std::string_view dash : {"-", "/", "\xE2\x80\x93", " - ", " \xE2\x80\x93 "})
    if (rest.starts_with(dash)) return rest.size() == dash.size() + 4 && year_at(rest, dash.size());
  return false;
}

// A sentence that goes on after a word a year follows, with the year:
// "In het verslag over het jaar⏎⏎2005 staan de cijfers …".
bool year_goes_on(std::string_view last, std::string_view c) {
  return year_word(last) && year_at(c, 0) && c.size() > 6 && c[4] == ' ' && starts_lower(c.substr(5));
}

// Joining `c` to `cur` would make a text the next pass cuts into a heading
// and a paragraph (split.h): its first words with c's.
bool would_cut(std::string_view src, const Knowledge& k, const std::vector<Line>& lines, const BlockLines& cur,
               std::string_view c) {
  std::string probe;
  for (std::size_t li : cur.lines) {
    if (count_words(probe) >= 12) return false;
    if (!probe.empty()) probe += ' ';
    probe += content(src, lines[li]);
  }
  probe += ' ';
  probe += c;
  return heading_cut_at(probe, k.words) != std::string_view::npos || letter_cut_in(probe, k.letter);
}

// A line that is a field: a label of one or two words, the first
// capitalised, then a colon and a value ("Afdeling: Vastgoed", "Onderwerp:
// lekkage dak"); a letter's form may pad the label to a column ("Aan
// : de leden van de raad"). Of the label, the length (padding left out).
std::size_t field_label(std::string_view c) {
  if (c.empty() || !(c[0] >= 'A' && c[0] <= 'Z')) return 0;
  std::size_t i = 1, words = 1, end = 0;
  for (; i < c.size() && i <= 25; ++i) {
    if (c[i] == ':') break;
    if (c[i] == ' ') {
      if (c[i - 1] == ' ') return 0;
      std::size_t k = i;
      while (k < c.size() && c[k] == ' ') ++k;
      if (k < c.size() && c[k] == ':') {  // padding up to the colon
        end = i;
        i = k;
        break;
      }
      if (++words > 2) return 0;
    } else if (!(c[i] >= 'a' && c[i] <= 'z')) {
      return 0;
    }
  }
  if (!(i < c.size() && c[i] == ':' && i + 2 < c.size() && c[i + 1] == ' ')) return 0;
  return end ? end : i;
}

// A letter's field alone on its line ("Datum", "Ons kenmerk"), as
// pdftotext's default mode sets a field apart from its value.
bool field_alone(std::string_view c, const LetterFields& lf) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  return std::find(lf.fields.begin(), lf.fields.end(), c) != lf.fields.end();
}

// Fields stand on lines of their own: a field after a field ("Klachtnummer:
// 23-003" ⏎ "Afdeling: …" ⏎ "Onderwerp: …"), or a letter's field
// (letter-fields.txt) after anything.
bool own_field_line(std::string_view last, std::string_view c, const LetterFields& lf) {
  const std::size_t n = field_label(c);
  if (n == 0) return false;
  if (field_label(last) > 0) return true;
  return field_alone(c.substr(0, n), lf);
}

// A field's value on the line after it: short, no sentence, no field or
// salutation of its own ("14 november 2023", "2023/0457", "mr. P. de Wit").
// A heading under a field-like heading ("Bijlagen" | "Overzicht van de
// klachten in 2022 per afdeling") is none: a value is at most 40 bytes and
// holds a digit, a mark of a code, a name's initials or an address, or
// starts in lower case, or is three words at most.
bool field_value(std::string_view c, const LetterFields& lf) {
  if (c.size() > 40 || ends_sentence(c) || c.back() == ':' || field_label(c) > 0 || field_alone(c, lf)) return false;
  const bool marked = std::any_of(c.begin(), c.end(), [](char ch) {
    return std::isdigit(U(ch)) || ch == '.' || ch == '/' || ch == '@';
  });
  if (!marked && !starts_lower(c) && count_words(c) > 3) return false;
  return !lf.field_at(c, 0) && !lf.salutation_at(c, 0);
}

// Whether the line `last` was ended on purpose: the first word of the next
// line `next` would have fitted on it, with room to spare (a sixth of the
// width, for proportional fonts), so no wrap put it there. A heading that
// runs into its paragraph with no blank line between ("Verhaal 1 – KO-2024-
// 0117 – afdeling Leerlingenvervoer" | "Lotte (9) heeft ...").
bool ended_short(std::string_view last, std::string_view next, std::size_t width) {
  if (width == 0) return false;
  std::size_t w = next.find(' ');
  if (w == std::string_view::npos) w = next.size();
  return (chars(last) + 1 + chars(next.substr(0, w))) * 6 <= width * 5;
}

// "a. ", "b) ": a letter from a to l (not "p. 12", a page), a point or
// bracket, and text after a space, or glued on ("b.klachten"; not "a.s.").
bool letter_item(std::string_view c) {
  if (c.size() < 5 || c[0] < 'a' || c[0] > 'l' || (c[1] != '.' && c[1] != ')')) return false;
  auto lower = [&](std::size_t i) { return c[i] >= 'a' && c[i] <= 'z'; };
  return c[2] == ' ' ? c.find_first_not_of(' ', 2) != std::string_view::npos : lower(2) && lower(3) && lower(4);
}

// A field in lower case: its first word, of letters, ends in a colon
// ("secretariaat: Postbus 87").
bool lower_field(std::string_view c) {
  std::size_t i = 0;
  while (i < c.size() && c[i] >= 'a' && c[i] <= 'z') ++i;
  return i >= 3 && i < c.size() && c[i] == ':';
}

// A line whose letters are all capitals, three at least.
bool capitals_line(std::string_view c) {
  int upper = 0;
  for (char ch : c) {
    if (ch >= 'a' && ch <= 'z') return false;
    upper += ch >= 'A' && ch <= 'Z';
  }
  return upper >= 3;
}

// A table's header row as PDF-to-text lays it out: cells apart by a column
// gap (three spaces or more, or a tab), none over three words, at most 10
// words, no count (a year may be a column), no colon, no sentence end, not
// in lower case ("Directie   Gegrond   Deels").
bool header_like(std::string_view c) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  const std::size_t first = c.find_first_not_of(' ');
  if (first == std::string_view::npos || ends_sentence(c)) return false;
  c.remove_prefix(first);
  // A letter's fields ("Aan   : de raad", "uw brief van   uw kenmerk") are
  // fields.h's, and a line in lower case goes on as text does.
  if (c.find(':') != std::string_view::npos || starts_lower(c)) return false;
  bool gap = c.find('\t') != std::string_view::npos || c.find("   ") != std::string_view::npos;
  if (!gap || count_words(c) > 10) return false;
  // No cell over three words between the gaps: a justified line's stretched
  // spaces ("Klager heeft   meerdere keren gebeld met de") are no columns.
  for (std::size_t a = 0; a < c.size();) {
    std::size_t e = a;
    while (e < c.size() && c[e] != '\t' && c.compare(e, 3, "   ") != 0) ++e;
    if (count_words(c.substr(a, e - a)) > 3) return false;
    while (e < c.size() && (c[e] == ' ' || c[e] == '\t')) ++e;
    a = e;
  }
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!std::isdigit(U(c[i])) || (i > 0 && c[i - 1] != ' ')) continue;
    std::size_t e = i;
    while (e < c.size() && std::isdigit(U(c[e]))) ++e;
    const bool year = e - i == 4 && (c.compare(i, 2, "19") == 0 || c.compare(i, 2, "20") == 0);
    if ((e == c.size() || c[e] == ' ' || c[e] == '(') && !year) return false;
    i = e;
  }
  return true;
}

}  // namespace

std::vector<BlockLines> group_blocks(std::string_view src, const Knowledge& k, const std::vector<Line>& lines) {
  const WordRepair& words = k.words;
  const std::size_t width = wrap_width(src, lines);
  std::vector<BlockLines> blocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.kind == LineKind::blank || l.kind == LineKind::debris) continue;
    std::string_view c = content(src, l);
    if (!blocks.empty() && !l.hard_start && !would_cut(src, k, lines, blocks.back(), c) &&
        !own_field_line(content(src, lines[blocks.back().lines.back()]), c, k.letter)) {
      BlockLines& cur = blocks.back();
      const Line& last = lines[cur.lines.back()];
      std::string_view lc = content(src, last);
      bool adjacent = true;  // no blank line between
      bool crossed_page = false;
      for (std::size_t j = cur.lines.back() + 1; j < i; ++j) {
        if (lines[j].kind == LineKind::blank) adjacent = false;
        if (lines[j].kind == LineKind::debris) crossed_page = true;
      }
      if (lines[cur.lines.back()].page != l.page) crossed_page = true;
      std::size_t block_len = cur.len;  // the block so far: the same in raw text and in its normalised form
      // A word broken at a hyphen goes on ("verre-⏎weg"); a dash after a
      // space is an empty field or a separator ("Uw kenmerk: -").
      const std::size_t hy = trailing_hyphen(lc);  // "-", or U+2010 (chars.h)
      bool broken_word = hy > 0 && lc.size() > hy && lc[lc.size() - hy - 1] != ' ' && lc[lc.size() - hy - 1] != '\t';
      // "b. de telefoon ..." after "...;" or "...:", or "b. Bel ..." (a
      // capital): the next item of a list lettered a, b, c, not a line that goes on.
      const std::size_t text_at = c.find_first_not_of(" .)", 1);
      bool item = letter_item(c) && (ends_sentence(lc) || (text_at != std::string_view::npos && starts_upper_or_digit(c.substr(text_at)) &&
                                                       !std::isdigit(U(c[text_at]))));
      // A line in capitals (a letterhead) is not continued by a field in lower
      // case ("WOONSTICHTING WENTERDIJK" | "secretariaat: Postbus 87"); a
      // title is ("J A A R V E R S L A G" | "van de commissie over 1982").
      const bool field_under_caps = capitals_line(lc) && lower_field(c);
      bool continues = !item && !ends_sentence(lc) &&
                       ((starts_lower(c) && !field_under_caps) || broken_word ||
                        (block_len >= 60 && lc.back() != ',' && std::isdigit(U(as_repaired(c)[0]))));
      // A short line, or a new page's stray space after a full stop, ends a
      // paragraph. A stray space is one the line before lacks: in text
      // indented throughout ("-layout" margins) every line starts with
      // spaces; and a line that goes on in lower case ("de heer K." |
      // "heeft behandeld") ends none.
      const bool stray = l.stray_space && l.cb - l.b > last.cb - last.b && !starts_lower(c);
      bool line_break_meant = ((lc.size() < 50 || ended_short(lc, c, width)) && !starts_lower(c) && lc.back() != ',') ||
                              (stray && ends_sentence(lc)) || item;
      // A table row's label broken at a hyphen goes on in the next row's line
      // (classify.h: "Werkplein Hoogerzande-" | "Kettelmeer  18").
      if (l.kind == LineKind::table_row && cur.kind == LineKind::table_row && cur.lines.size() == 1 && adjacent &&
          !crossed_page && broken_label(lc)) {
        cur.lines.push_back(i);
        cur.len += l.ce - l.cb + 1;
        continue;
      }
      // A table's header row is a block of its own: not the caption's
      // next line, nor the line its first row goes on in.
      const bool header_edge = !broken_word && ((header_like(c) && !header_like(lc)) || (header_like(lc) && !header_like(c) && !starts_lower(c)));
      if (l.kind == LineKind::text && (cur.kind == LineKind::text || cur.kind == LineKind::list_item) && !header_edge &&
          ((adjacent && !crossed_page && !line_break_meant && (cur.kind == LineKind::text || starts_lower(c))) || continues)) {
        cur.lines.push_back(i);
        cur.len += l.ce - l.cb + 1;
        continue;
      }
      // A letter's field set apart from its value, a blank line between or
      // not ("Datum" ⏎⏎ "14 november 2023"): the value goes on its line. A
      // name of initials is read as noise ("mr. P. de Wit"), and goes on too.
      if (cur.lines.size() == 1 && field_alone(lc, k.letter) && field_value(c, k.letter) && !crossed_page &&
          (l.kind == LineKind::text || l.kind == LineKind::heading || l.kind == LineKind::noise)) {
        cur.lines.push_back(i);
        cur.len += l.ce - l.cb + 1;
        cur.kind = LineKind::text;
        continue;
      }
      // A hard wrap that became a blank line: a title or sentence that goes
      // on in lower case, after a glue word, or with its year.
      // Across a page break too: the next pass sees a blank line there.
      bool open_end = !ends_sentence(lc) && lc.back() != ',';
      bool lower_word = starts_lower(c) && c.size() > 1 && c[1] != ' ' && !field_under_caps;  // "e " is OCR's bullet
      std::string lw = last_word_lower(lc);
      bool goes_on = lower_word || words.glue_word(lw) || (lone_year(c) && cur.len <= 100) || year_goes_on(lw, c);
      std::string_view head = content(src, lines[cur.lines.front()]);
      bool numbered = numbered_heading(head) || case_heading(head) ||  // complete as they stand
                      numbered_heading(c) || case_heading(c);
      if (open_end && goes_on && !numbered && (cur.kind == LineKind::heading || cur.kind == LineKind::text) &&
          (l.kind == LineKind::text || l.kind == LineKind::heading)) {
        cur.lines.push_back(i);
        cur.len += l.ce - l.cb + 1;
        // No title any more (too long, or ends as a sentence or clause does):
        // a paragraph, as the next pass reads it (classify.h's title rule).
        if (cur.kind == LineKind::heading) {
          int n = 0;
          for (std::size_t li : cur.lines) n += count_words(content(src, lines[li]));
          if (cur.len > 81 || n > 8 || ends_sentence(c) || c.back() == ',' || trailing_hyphen(c) > 0) cur.kind = LineKind::text;
        }
        continue;
      }
    }
    blocks.push_back({l.kind, {i}, l.ce - l.cb + 1});
  }
  return blocks;
}

HyphenJoin join_hyphenated(const WordRepair& words, const std::string& left, const std::string& right) {
  const Lexicon& lex = words.lex();
  std::string joined = left + right, hyph = left + "-" + right;
  std::string pick;
  if (right == "en" || right == "of" || right == "tot") pick = left + "- " + right;  // "terug- en invordering"
  else if (lex.known(hyph) && !lex.known(joined)) pick = hyph;
  else if (lex.known(joined)) pick = joined;
  else if (starts_upper_or_digit(right)) pick = hyph;
  else {
    // Unknown either way: rejoin, then let the word repair try, and an OCR
    // "1" for an "l" ("ge-" | "me1d") as the emitter repairs it inside a
    // line (fragments.h, one_for_l).
    pick = joined;
    const std::size_t one = joined.find('1');
    if (auto rep = words.repair(joined)) {
      pick = rep->first;
    } else if (one != std::string::npos) {
      if (auto f = one_for_l(words, joined, 0, one, joined.size()); f && f->end == joined.size()) pick = f->text;
    }
  }
  std::string_view rule = pick == hyph || pick == left + "- " + right ? "hyphen-kept" : "dehyphenate";
  return {std::move(pick), rule};
}

}  // namespace omb::pass
