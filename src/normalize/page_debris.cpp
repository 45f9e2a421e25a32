// normalize/page_debris.cpp — mark_page_debris (debris.h): page numbers,
// running headers and footers, a letter's head on its later pages.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "normalize/chars.h"
#include "normalize/debris.h"
#include "normalize/lexicon.h"
#include "normalize/page_lines.h"
#include "normalize/split.h"

namespace omb::pass {
namespace {

void mark_copies(std::string_view src, std::vector<Line>& lines, const std::map<std::string, std::vector<std::size_t>>& by_key);

// Running headers and footers where no form feed marks the pages (web
// mirrors lose them): a short line with a number, whose text without its
// digits recurs, names a page ("Pagina 2 van 3", "blz. 7") or ends in one
// behind a separator, and has a number that grows each time, with text
// between. (Otherwise a repeated line with a growing number is as often a
// table's or a list's: "100001 - Klacht over", "Aanbeveling 2".)
// Copies are grouped twice: by their text without digits and spaces (a
// word spaced apart, "Kw artaalrapportage", is a copy), then, of the lines
// left, by their words in any order (parts that swap sides: "2 | Ombudsman X
// · Jaarverslag 2021" and "Jaarverslag 2021 · Ombudsman X | 3").
void mark_repeated_headers(std::string_view src, std::vector<Line>& lines) {
  for (bool by_words : {false, true}) {
    std::map<std::string, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].kind != LineKind::text) continue;
      std::string_view c = content(src, lines[i]);
      if (squeezed_size(c) > 80) continue;
      if (c.find_first_of("0123456789") == std::string_view::npos && !running_line(c)) continue;
      by_key[by_words ? page_words_key(c) : page_key(c, /*keep_spaces=*/false)].push_back(i);
    }
    mark_copies(src, lines, by_key);
  }
}

// The groups of copies of mark_repeated_headers that are running lines.
void mark_copies(std::string_view src, std::vector<Line>& lines, const std::map<std::string, std::vector<std::size_t>>& by_key) {
  auto numbers = [&](std::size_t i) {
    std::vector<long> v;
    std::string_view c = content(src, lines[i]);
    for (std::size_t j = 0; j < c.size();) {
      if (!std::isdigit(U(c[j]))) { ++j; continue; }
      long n = 0;
      while (j < c.size() && std::isdigit(U(c[j])) && n < 100000000) n = n * 10 + (c[j++] - '0');
      v.push_back(n);
    }
    return v;
  };
  for (const auto& entry : by_key) {
    const std::string& key = entry.first;
    const std::vector<std::size_t>& at = entry.second;  // a name a lambda can capture (clang 14)
    if (at.size() < 2) continue;
    std::string low = lower_latin(key);
    bool page_word = low.find("pagina") != std::string::npos || low.find("page") != std::string::npos ||
                     low.find("blz") != std::string::npos || low.find("blad ") != std::string::npos ||
                     low.find("pag.") != std::string::npos || abbreviated_page(low);
    // A page number that grows each time.
    bool separated = std::all_of(at.begin(), at.end(), [&](std::size_t i) { return separated_page_number(content(src, lines[i])); });
    // Or a page out of the pages at its end: "…, versie 2.0        3/7".
    bool of_pages = std::all_of(at.begin(), at.end(), [&](std::size_t i) { return page_of_pages(content(src, lines[i])); });
    // Or, in three copies or more, a last number set apart by a gap of
    // spaces that counts the pages on one by one, after three words or more
    // ("Halfjaarrapportage klachtbehandeling 2022-I – Politie Eenheid
    // Zandstreek      1", "… 2", "… 3"; not "Aanbeveling 1", "… 2", "… 3").
    auto gap_number = [&](std::string_view c) {
      std::size_t e = c.size();
      while (e > 0 && std::isdigit(U(c[e - 1]))) --e;
      return e >= 3 && e < c.size() && c[e - 1] == ' ' && c[e - 2] == ' ' && long_words(c.substr(0, e)) >= 3;
    };
    bool counts_pages = at.size() >= 3;
    for (std::size_t k = 1; counts_pages && k < at.size(); ++k) {
      std::vector<long> a = numbers(at[k - 1]), b = numbers(at[k]);
      counts_pages = !a.empty() && a.size() == b.size() && b.back() > a.back() && b.back() - a.back() <= 2 &&
                     gap_number(content(src, lines[at[k]])) && gap_number(content(src, lines[at[k - 1]]));
    }
    bool grows = page_word || separated || of_pages || counts_pages;
    // A line of parts behind separators or a web address needs no number:
    // "Gemeente Enschede | Klachtrapportage 2021", "www.rekenkamer.nl".
    bool running = std::all_of(at.begin(), at.end(), [&](std::size_t i) { return running_line(content(src, lines[i])); });
    // Copies behind a dash must be the same to the digit: "267 – Nog geen
    // besluit" and "270 – Nog geen besluit" are two cases' headings.
    bool dashed = std::any_of(at.begin(), at.end(), [&](std::size_t i) {
      std::string_view c = content(src, lines[i]);
      return c.find(" \xe2\x80\x93 ") != std::string_view::npos || c.find(" \xe2\x80\x94 ") != std::string_view::npos;
    });
    if (running && dashed)
      running = std::all_of(at.begin(), at.end(), [&](std::size_t i) { return content(src, lines[i]) == content(src, lines[at[0]]); });
    if (running) {
      bool text_between = true;
      for (std::size_t k = 1; text_between && k < at.size(); ++k) {
        text_between = false;
        for (std::size_t j = at[k - 1] + 1; j < at[k]; ++j) text_between |= lines[j].kind == LineKind::text;
      }
      if (text_between) {
        for (std::size_t i : at) lines[i].kind = LineKind::debris;
        continue;
      }
    }
    for (std::size_t k = 1; grows && k < at.size(); ++k) {
      bool text_between = false;
      for (std::size_t j = at[k - 1] + 1; j < at[k]; ++j) text_between |= lines[j].kind == LineKind::text;
      if (!text_between) { grows = false; break; }
      std::vector<long> a = numbers(at[k - 1]), b = numbers(at[k]);
      bool up = false;
      for (std::size_t j = 0; j < a.size() && j < b.size(); ++j) up |= b[j] > a[j];
      grows = up && a.size() == b.size();
    }
    if (grows)
      for (std::size_t i : at) lines[i].kind = LineKind::debris;
  }
}

// A letter's head on its later pages: at the top of a page after the first,
// short lines (its date and reference) above the page's label ("Datum 8 juni
// 2023", "Kenmerk OMB/23/0871", "Pagina 2 van 2"), within its first four lines.
void mark_letter_page_heads(std::string_view src, std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].page < 2 || lines[i].kind == LineKind::blank || !page_label(content(src, lines[i]))) continue;
    std::vector<std::size_t> above;
    bool top = true;
    for (std::size_t j = i; j-- > 0 && lines[j].page == lines[i].page;) {
      if (lines[j].kind == LineKind::blank) continue;
      std::string_view c = content(src, lines[j]);
      if (above.size() == 3 || c.size() > 60 || ends_sentence(c) || c.find_first_of("0123456789") == std::string_view::npos) {
        top = false;
        break;
      }
      above.push_back(j);
    }
    if (!top) continue;
    lines[i].kind = LineKind::debris;
    for (std::size_t j : above) lines[j].kind = LineKind::debris;
  }
}

}  // namespace

namespace {

// A page's head or foot: up to three short lines (at most 80 bytes, not a
// sentence) at its top (side 0) or its bottom (side 1), outermost first.
// The first page's top and the last page's bottom count too.
std::vector<std::size_t> page_run(std::string_view src, const std::vector<Line>& lines, std::size_t first,
                                  std::size_t end, int side) {
  std::vector<std::size_t> run;
  for (std::size_t n = 0; n < end - first && run.size() < 3; ++n) {
    std::size_t i = side == 0 ? first + n : end - 1 - n;
    if (lines[i].kind == LineKind::blank) continue;
    std::string_view c = content(src, lines[i]);
    if (squeezed_size(c) > 80 || sentence_like(c) || (lines[i].kind != LineKind::text && lines[i].kind != LineKind::debris)) break;
    run.push_back(i);
  }
  return run;
}

// The page a head or foot line numbers: 3 in "Pagina 3 van 12" and "3/12",
// else its edge number ("- 4 -", "Jaarverslag 2019 | 4"), or -1.
int numbered_page(std::string_view c) {
  while (!c.empty() && (c.back() == ' ' || c.back() == '-' || c.back() == ')' || c.back() == ']')) c.remove_suffix(1);
  while (!c.empty() && (c.front() == ' ' || c.front() == '-' || c.front() == '(' || c.front() == '[')) c.remove_prefix(1);
  if (page_of_pages(c)) {
    std::size_t e = c.size();
    while (e > 0 && std::isdigit(U(c[e - 1]))) --e;  // the pages
    while (e > 0 && !std::isdigit(U(c[e - 1]))) --e;  // " van ", "/"
    std::size_t b = e;
    while (b > 0 && std::isdigit(U(c[b - 1]))) --b;
    return e - b <= 3 ? std::stoi(std::string(c.substr(b, e - b))) : -1;
  }
  return edge_number(c);
}
bool ends_in_page_number(std::string_view c) { return numbered_page(c) >= 0; }

// Whether lines [first, end) are a cover: no line of text is a sentence,
// and its head and foot (`head`, `foot`) number it 1 if they number it at
// all (an excerpt that starts on page 11 is no cover).
bool cover_page(std::string_view src, const std::vector<Line>& lines, std::size_t first, std::size_t end,
                const std::vector<std::size_t>& head, const std::vector<std::size_t>& foot) {
  for (std::size_t i = first; i < end; ++i)
    if (lines[i].kind == LineKind::text && sentence_like(content(src, lines[i]))) return false;
  for (const auto* run : {&head, &foot})
    for (std::size_t i : *run)
      if (numbered_page(content(src, lines[i])) > 1) return false;
  return true;
}

// Running heads and feet of two or three lines, and their copies on the
// first page's top and the last page's bottom ("GEMEENTE HOORN" above
// "Klachtenjaarverslag 2020" on every page): a line that stands at the same
// place (side, and rank from the edge) on two pages or more, with the same
// text once its digits are taken out, is debris, and so is the line after
// it in the run when it does the same. A run stops at the first line that
// does not repeat, so a heading under a running head stays unless it too
// stands in that place on every page it shares with the head. On the top
// of a first page that is a cover (no sentence on it), a copy without a
// page number stays: there the running head's text is the report's
// letterhead or title ("Ministerie van X" above the title, and on top of
// every page after it).
void mark_page_runs(std::string_view src, std::vector<Line>& lines) {
  if (lines.empty() || lines.back().page < 2) return;
  std::vector<std::pair<std::size_t, std::size_t>> pages;  // [first, end) of each page
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t j = i;
    while (j < lines.size() && lines[j].page == lines[i].page) ++j;
    pages.emplace_back(i, j);
    i = j;
  }
  std::map<std::string, int> count;
  std::vector<std::vector<std::size_t>> runs;
  std::vector<std::vector<std::string>> keys;
  for (const auto& [first, end] : pages)
    for (int side = 0; side < 2; ++side) {
      runs.push_back(page_run(src, lines, first, end, side));
      keys.emplace_back();
      for (std::size_t r = 0; r < runs.back().size(); ++r) {
        std::string key{static_cast<char>('0' + side), static_cast<char>('0' + r)};  // r < 3
        key += page_words_key(content(src, lines[runs.back()[r]]));
        keys.back().push_back(std::move(key));
        ++count[keys.back().back()];
      }
    }
  bool cover = cover_page(src, lines, pages.front().first, pages.front().second, runs[0], runs[1]);
  for (std::size_t p = 0; p < runs.size(); ++p)
    for (std::size_t r = 0; r < runs[p].size() && count[keys[p][r]] >= 2; ++r)
      if (p != 0 || !cover || ends_in_page_number(content(src, lines[runs[p][r]]))) lines[runs[p][r]].kind = LineKind::debris;
}

// A letter's fields right above its page label, up to three, each a field
// of letter-fields.txt with a number, at most 60 bytes, no blank line
// between: the letter's head on a later page.
void mark_fields_above(std::string_view src, std::vector<Line>& lines, std::size_t label, const LetterFields& fields) {
  for (std::size_t j = label, n = 0; j-- > 0 && n < 3; ++n) {
    if (lines[j].kind != LineKind::text) break;
    const std::string_view c = content(src, lines[j]);
    const bool field = std::any_of(fields.fields.begin(), fields.fields.end(), [&](const std::string& f) {
      return c.size() > f.size() && c.compare(0, f.size(), f) == 0 && (c[f.size()] == ':' || c[f.size()] == ' ');
    });
    if (!field || c.size() > 60 || c.find_first_of("0123456789") == std::string_view::npos) break;
    lines[j].kind = LineKind::debris;
  }
}

// A page's label alone on its line ("Pagina 5", "Pagina 2 van 3", "blz.
// 7") is debris wherever it stands: a web mirror keeps it where the page
// broke, without a form feed. A running line (running_line) next to it is
// that page's header or footer.
// A short line that is no sentence, with the lines of the same text
// (digits aside) elsewhere: the copies of a running title.
std::map<std::string, std::vector<std::size_t>> short_line_copies(std::string_view src, const std::vector<Line>& lines) {
  std::map<std::string, std::vector<std::size_t>> copies;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != LineKind::text) continue;
    const std::string_view c = content(src, lines[i]);
    if (squeezed_size(c) <= 80 && !sentence_like(c) && long_words(c) >= 2) copies[page_key(c)].push_back(i);
  }
  return copies;
}

void mark_lone_page_labels(std::string_view src, std::vector<Line>& lines, const LetterFields* fields) {
  std::map<std::string, std::vector<std::size_t>> copies;
  bool copies_read = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == LineKind::blank || page_label_numbers(content(src, lines[i])) == 0) continue;
    lines[i].kind = LineKind::debris;
    if (fields) mark_fields_above(src, lines, i, *fields);
    for (long j : {prev_nonblank(lines, i), next_nonblank(lines, i)}) {
      if (j < 0 || lines[static_cast<std::size_t>(j)].kind != LineKind::text) continue;
      const std::string_view c = content(src, lines[static_cast<std::size_t>(j)]);
      if (running_line(c)) {
        lines[static_cast<std::size_t>(j)].kind = LineKind::debris;
        continue;
      }
      // A title beside the label that stands elsewhere too ("blz. 5" |
      // "Klachtenverslag 2020 gemeente Esbroek"): a running title, every
      // copy of it.
      // Each copy stands where a running title does: at the text's start or
      // end, or beside page debris (a later caption of the same words
      // inside a page stays).
      if (!copies_read) copies = short_line_copies(src, lines), copies_read = true;
      auto it = copies.find(page_key(c));
      if (it == copies.end() || it->second.size() < 2) continue;
      auto at_edge = [&](std::size_t k) {
        if (k == static_cast<std::size_t>(j)) return true;
        for (std::size_t n = k; n-- > 0;) {
          if (lines[n].kind == LineKind::blank) continue;
          if (lines[n].kind == LineKind::debris || page_label_numbers(content(src, lines[n])) > 0) return true;
          goto after;
        }
        return true;  // the text's first line
      after:
        for (std::size_t n = k + 1; n < lines.size(); ++n) {
          if (lines[n].kind == LineKind::blank) continue;
          return lines[n].kind == LineKind::debris || page_label_numbers(content(src, lines[n])) > 0;
        }
        return true;  // the text's last line
      };
      if (std::all_of(it->second.begin(), it->second.end(), at_edge))
        for (std::size_t k : it->second) lines[k].kind = LineKind::debris;
    }
  }
}

// A letter's head on one line, ending in its page: "Datum 12 maart 2021
// Ons kenmerk WS/2021/0318   Blad 2".
bool letter_head_line(std::string_view c, const LetterFields& fields) {
  const bool field = std::any_of(fields.fields.begin(), fields.fields.end(), [&](const std::string& f) {
    return c.size() > f.size() && c.compare(0, f.size(), f) == 0 && (c[f.size()] == ':' || c[f.size()] == ' ');
  });
  return field && names_own_page(c);  // the cheap test first: every line asks
}

// Running heads whose text changes from page to page but whose page number
// runs on: "Klachten over de politie 23" on one page, "24 Jaarverslag
// klachtencommissie 2007" on the next. A line at a page's top or bottom
// (short, not a sentence) is debris when its edge number fits the page
// numbers already found within two pages of it (the same distance from
// their pages' counts), and its own page has no page number yet: a page
// whose number is found elsewhere keeps a numbered heading at its top.
void mark_page_number_runs(std::string_view src, std::vector<Line>& lines) {
  if (lines.empty() || lines.back().page < 2) return;
  struct Edge { std::size_t line; int page; int offset; };
  std::vector<Edge> known, open;
  std::map<int, bool> numbered;  // pages with a page number found
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == LineKind::blank) continue;
    bool top = true, bottom = true;  // no other line (blank ones aside) on its page above / below it
    for (std::size_t j = i; j-- > 0 && lines[j].page == lines[i].page && top;) top = lines[j].kind == LineKind::blank;
    for (std::size_t j = i + 1; j < lines.size() && lines[j].page == lines[i].page && bottom; ++j)
      bottom = lines[j].kind == LineKind::blank;
    if (!top && !bottom) continue;
    const std::string_view c = content(src, lines[i]);
    const int number = squeezed_size(c) <= 80 && !sentence_like(c) ? edge_number(c) : -1;
    if (number < 0) continue;
    const int page = static_cast<int>(lines[i].page);
    if (lines[i].kind == LineKind::debris) {
      known.push_back({i, page, number - page});
      numbered[page] = true;
    } else if (lines[i].kind == LineKind::text) {
      open.push_back({i, page, number - page});
    }
  }
  for (const Edge& e : open) {
    // The first page opens with a title, and a page with its number found
    // keeps a numbered heading at its top.
    if (numbered[e.page] || e.page == 1) continue;
    auto fits = [&](int side) {  // a page number found before (-1) or after (1) it fits
      return std::any_of(known.begin(), known.end(), [&](const Edge& k) {
        return (k.page - e.page) * side > 0 && std::abs(k.page - e.page) <= 2 && k.offset == e.offset;
      });
    };
    // A number that opens the line reads as a heading's ("3 Oordelen")
    // unless the pages on both sides agree with it.
    const std::string_view c = content(src, lines[e.line]);
    const bool leading = !c.empty() && std::isdigit(U(c.front())) && c.find(' ') != std::string_view::npos;
    if (leading ? fits(-1) && fits(1) : fits(-1) || fits(1)) lines[e.line].kind = LineKind::debris;
  }
}

// A running head or foot seen once, inside a sentence the page break cut:
// the page before ends with no sentence end, the next page's text goes on
// in lower case, and between them stand up to two short lines that are no
// sentence at the page's bottom and up to three at the next one's top ("...
// klachten over containers" | "Kwartaalrapportage Q3 2023 | 1" | <FF>
// "Klachtenjaarverslag 2023" | "Gemeente Wolderveen" | "gegrond heeft
// verklaard."). A two-page letter or report repeats no head, so no copy
// marks it. A caption set at a page's edge ("Tabel 2 ...") is no head.
bool edge_line(std::string_view src, const Line& l) {
  std::string_view c = content(src, l);
  return (l.kind == LineKind::text || l.kind == LineKind::heading) && !starts_lower(c) && squeezed_size(c) <= 80 &&
         !sentence_like(c) && !ends_sentence(c) && c.rfind("Tabel", 0) != 0 && c.rfind("Figuur", 0) != 0 &&
         c.rfind("Grafiek", 0) != 0;
}

// A running head seen once, at the top of a page after the first: a line
// as running heads are made (running_line: parts behind a separator;
// gapped_running_line), the page's first, with the page going on below
// it. Seen once it is found by its place and its shape, not by a repeat.
void mark_page_top_running_lines(std::string_view src, std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.page <= 1 || (l.kind != LineKind::text && l.kind != LineKind::heading)) continue;
    long p = prev_nonblank(lines, i), n = next_nonblank(lines, i);
    if (p >= 0 && lines[static_cast<std::size_t>(p)].page == l.page) continue;  // not the page's first
    if (n < 0 || lines[static_cast<std::size_t>(n)].page != l.page) continue;   // the page goes on below
    std::string_view c = content(src, l);
    if (squeezed_size(c) <= 80 && !ends_sentence(c) && (running_line(c) || gapped_running_line(c)))
      lines[i].kind = LineKind::debris;
  }
}

void mark_heads_in_sentence(std::string_view src, std::vector<Line>& lines) {
  std::vector<std::size_t> text;  // the lines left that are not blank or debris
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].kind != LineKind::blank && lines[i].kind != LineKind::debris) text.push_back(i);
  for (std::size_t t = 1; t < text.size(); ++t) {
    const int page = lines[text[t]].page;
    if (lines[text[t - 1]].page == page) continue;  // text[t] is its page's first line
    std::size_t foot = t, top = t;                   // text[foot, t) the foot, text[t, top) the head
    while (foot > 0 && t - foot < 2 && lines[text[foot - 1]].page == lines[text[t - 1]].page &&
           edge_line(src, lines[text[foot - 1]]))
      --foot;
    while (top < text.size() && top - t < 3 && lines[text[top]].page == page && edge_line(src, lines[text[top]])) ++top;
    if (foot == 0 || top == text.size() || (top == t && foot == t) || lines[text[top]].page != page) continue;
    std::string_view before = content(src, lines[text[foot - 1]]), after = content(src, lines[text[top]]);
    if (ends_sentence(before) || squeezed_size(before) < 40 || !starts_lower(after)) continue;
    for (std::size_t k = foot; k < top; ++k) lines[text[k]].kind = LineKind::debris;
  }
}

}  // namespace

void mark_page_debris(std::string_view src, std::vector<Line>& lines, const LetterFields* fields) {
  std::map<std::string, int> edge_count;
  std::vector<std::size_t> edges;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == LineKind::blank) continue;
    bool first_on_page = true, last_on_page = true;
    for (std::size_t j = i; j-- > 0 && lines[j].page == lines[i].page;)
      if (lines[j].kind != LineKind::blank) { first_on_page = false; break; }
    for (std::size_t j = i + 1; j < lines.size() && lines[j].page == lines[i].page; ++j)
      if (lines[j].kind != LineKind::blank) { last_on_page = false; break; }
    bool near_break = (first_on_page && lines[i].page > 1) ||
                      (last_on_page && i + 1 < lines.size() && lines.back().page > lines[i].page);
    std::string_view c = content(src, lines[i]);
    // The last page's foot, when pages go before it: its lone number only
    // ("— iv —" under the last page of a preface).
    if (!near_break && last_on_page && lines[i].page > 1 && lines[i].page == lines.back().page &&
        (roman_page_number(c) || (page_key(c).empty() && c.size() <= 4))) {
      lines[i].kind = LineKind::debris;
      continue;
    }
    // Anywhere, a footer that names its page out of its pages ("Politie
    // Gelderland-Zuid Pag. 2/5", "Jaarverslag | pagina 3 van 12"): no
    // sentence ends so.
    if (!near_break && page_of_pages(c) && names_own_page(c)) {  // the cheap test first: every line asks
      lines[i].kind = LineKind::debris;
      continue;
    }
    if (!near_break && fields && c.size() <= 120 && letter_head_line(c, *fields)) {
      lines[i].kind = LineKind::debris;
      continue;
    }
    if (!near_break) continue;
    std::string key = page_key(c);
    // At a page's edge, a page number behind or before a separator names the
    // page too, even once ("Ombudsman Zuidoost | 18", "17 | Jaarverslag 2009").
    if ((key.empty() && c.size() <= 4) || roman_page_number(c) || names_own_page(c) || continuation_sheet(c) ||
        (squeezed_size(c) <= 80 && (separated_page_number(c) || leading_page_number(c)))) {
      lines[i].kind = LineKind::debris;
      continue;
    }
    if (squeezed_size(c) <= 80) { ++edge_count[key]; edges.push_back(i); }
  }
  for (std::size_t i : edges) {
    std::string_view c = content(src, lines[i]);
    if (edge_count[page_key(c)] >= (sentence_like(c) ? 3 : 2)) lines[i].kind = LineKind::debris;
  }
  mark_page_runs(src, lines);
  mark_lone_page_labels(src, lines, fields);
  mark_repeated_headers(src, lines);
  mark_letter_page_heads(src, lines);
  mark_page_number_runs(src, lines);
  mark_heads_in_sentence(src, lines);
  mark_page_top_running_lines(src, lines);
  // A lone page number just after a running header.
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view c = content(src, lines[i]);
    if (lines[i].kind == LineKind::text && !c.empty() && c.size() <= 4 &&
        std::all_of(c.begin(), c.end(), [](char ch) { return std::isdigit(U(ch)); })) {
      long p = prev_nonblank(lines, i);
      for (long j = static_cast<long>(i) - 1; j >= 0 && lines[static_cast<std::size_t>(j)].kind == LineKind::blank; --j) p = j - 1;
      if (p >= 0 && lines[static_cast<std::size_t>(p)].kind == LineKind::debris) lines[i].kind = LineKind::debris;
    }
  }
}

}  // namespace omb::pass
