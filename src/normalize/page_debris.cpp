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
#include "normalize/split.h"

namespace omb::pass {
namespace {

// What the copies of a running header or footer share from page to page:
// the line without its digits (the page number changes). A header found
// without form feeds (mark_repeated_headers) is compared without spaces too:
// the emitter joins a word spaced apart ("Kw artaalrapportage"), and the
// next pass must find the same copies. That finding asks more of a line (a
// page word or number, and text between copies), so the looser key takes
// no sentence for a header; at page edges it would.
std::string page_key(std::string_view c, bool keep_spaces = true) {
  std::string key;
  for (char ch : c)
    if (!std::isdigit(U(ch)) && (keep_spaces || (ch != ' ' && ch != '\t'))) key += ch;
  return key;
}

// The size of `c` with each run of spaces counted once: a footer set out in
// columns ("Ombudsman X – dossier 12                pagina 2 van 3") is as
// short as the next pass, which writes one space, reads it.
std::size_t squeezed_size(std::string_view c) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (!(c[i] == ' ' && i > 0 && c[i - 1] == ' ')) ++n;
  return n;
}

// How many words of three ASCII letters or more `s` holds.
int long_words(std::string_view s) {
  int words = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    while (j < s.size() && std::isalpha(U(s[j]))) ++j;
    if (j - i >= 3) ++words;
    i = j == i ? i + 1 : j;
  }
  return words;
}

// A line that ends in a page number behind a separator, after two words or
// more: "Provincie Gelderland | Klachtenverslag 2021 | 3",
// "Rekenkamer Oost - Klachten in beeld - 14".
bool separated_page_number(std::string_view c) {
  std::size_t end = c.size();
  while (end > 0 && c[end - 1] == ' ') --end;
  std::size_t d = end;
  while (d > 0 && std::isdigit(U(c[d - 1]))) --d;
  if (d == end || end - d > 4 || d < 3 || c[d - 1] != ' ') return false;
  std::string_view head = c.substr(0, d - 1);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  bool sep = head.ends_with("|") || head.ends_with(" -") || head.ends_with("\xe2\x80\x93") ||
             head.ends_with("\xe2\x80\x94") || head.ends_with("\xc2\xb7") || head.ends_with("/");
  if (!sep) return false;
  return long_words(head) >= 2;
}

// What stands between the parts of a running line: a bar, an en or em dash,
// a middle dot, a hyphen, each with spaces around it.
constexpr std::string_view kSeparators[] = {" | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ", " - "};

// A line that starts with a page number before a separator, then one part
// with a word: "17 | Jaarverslag 2009", "4 – Gemeente Hoorn".
bool leading_page_number(std::string_view c) {
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  std::size_t d = 0;
  while (d < c.size() && std::isdigit(U(c[d]))) ++d;
  if (d == 0 || d > 4) return false;
  std::string_view rest = c.substr(d);
  for (std::string_view sep : kSeparators)
    if (rest.starts_with(sep)) {
      std::string_view text = rest.substr(sep.size());
      // One part only (a table row has more), and no chapter's heading ("3 –
      // Bevindingen"): a bar, a year, or two words.
      const bool year = text.find("19") != std::string_view::npos || text.find("20") != std::string_view::npos;
      return text.find(sep) == std::string_view::npos && long_words(text) >= 1 &&
             (sep == " | " || long_words(text) >= 2 || year);
    }
  return false;
}

// A line as running headers and footers are made, not as text is: parts
// behind a separator (| · – —: "Gemeente Enschede | Klachtrapportage 2021",
// "6 | Provincie Drenthe", "Waterschap Limburg – Klachtenverslag 2022"),
// with two words of three letters or more, no separator at its ends (a
// markdown table row has them) and at most one number (a table row has
// more); or a web address alone ("www.rekenkamerwestbrabant.nl").
bool running_line(std::string_view c) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  if (c.empty() || c.front() == '|' || c.back() == '|') return false;
  if (c.find(' ') == std::string_view::npos) {
    std::string low = lower_latin(c);
    return low.starts_with("www.") || low.starts_with("http://") || low.starts_with("https://");
  }
  // At most one number (a page number or a year): a table row has more.
  int numbers = 0;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (std::isdigit(U(c[i])) && (i == 0 || !std::isdigit(U(c[i - 1])))) ++numbers;
  if (numbers > 1) return false;
  bool sep = c.find(" | ") != std::string_view::npos || c.find(" \xc2\xb7 ") != std::string_view::npos ||
             c.find(" \xe2\x80\x93 ") != std::string_view::npos || c.find(" \xe2\x80\x94 ") != std::string_view::npos;
  if (!sep) return false;
  return long_words(c) >= 2;
}

// "p." on its own, as a footer abbreviates page ("… | p. 5"): not the end
// of a word ("resp.", "blz.").
bool abbreviated_page(std::string_view low) {
  for (std::size_t at = low.find("p."); at != std::string_view::npos; at = low.find("p.", at + 1))
    if (at == 0 || !std::isalpha(U(low[at - 1]))) return true;
  return false;
}

bool page_of_pages(std::string_view c);

// Running headers and footers where no form feed marks the pages (web
// mirrors lose them): a short line with a number, whose text without its
// digits recurs, names a page ("Pagina 2 van 3", "blz. 7") or ends in one
// behind a separator, and has a number that grows each time, with text
// between. (Otherwise a repeated line with a growing number is as often a
// table's or a list's: "100001 - Klacht over", "Aanbeveling 2".)
void mark_repeated_headers(std::string_view src, std::vector<Line>& lines) {
  std::map<std::string, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != LineKind::text) continue;
    std::string_view c = content(src, lines[i]);
    if (squeezed_size(c) > 80) continue;
    if (c.find_first_of("0123456789") == std::string_view::npos && !running_line(c)) continue;
    by_key[page_key(c, /*keep_spaces=*/false)].push_back(i);
  }
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

// A line that reads as a sentence or a question: three words or more, ending
// in . ? or ! ("De klacht is gegrond.", "Wat vindt de ombudsman?"). At a page
// edge, two copies of one are as often the text's own as a footer's.
bool sentence_like(std::string_view c) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  if (c.empty() || (c.back() != '.' && c.back() != '?' && c.back() != '!')) return false;
  int words = 0;
  for (std::size_t i = 0; i < c.size();) {
    std::size_t j = i;
    while (j < c.size() && (std::isalpha(U(c[j])) || (U(c[j]) & 0x80))) ++j;
    if (j > i) ++words;
    i = j == i ? i + 1 : j;
  }
  return words >= 3;
}

// How many numbers a page's own label holds ("Pagina 2 van 3", "Page 2 of
// 3", "blz. 2 van 3": 2; "Pagina 5", "blz. 7", "p. 7": 1), or 0 when `c` is
// none.
int page_label_numbers(std::string_view c) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  if (c.size() < 3 || c.size() > 40 || ((c[0] | 0x20) != 'p' && (c[0] | 0x20) != 'b')) return 0;
  const std::string low = lower_latin(c);
  std::size_t at = 0;
  for (std::string_view w : {"pagina", "page", "blz.", "blad", "pag.", "pag", "p."})
    if (low.starts_with(w) && at == 0) at = w.size();
  if (at == 0) return 0;
  int numbers = 0;
  for (std::size_t i = at; i < low.size();) {
    if (std::isdigit(U(low[i]))) {
      ++numbers;
      while (i < low.size() && std::isdigit(U(low[i]))) ++i;
    } else if (low[i] == ' ' || low[i] == '/') {
      ++i;
    } else if (low.compare(i, 3, "van") == 0 || low.compare(i, 2, "of") == 0) {
      i += low[i] == 'v' ? 3 : 2;
    } else {
      return 0;
    }
  }
  return numbers <= 2 ? numbers : 0;
}

bool page_label(std::string_view c) { return c.size() >= 8 && page_label_numbers(c) == 2; }

// A footer that names its own page behind a separator, after two words:
// "Gemeente Almelo – Ombudsrapport 2022/08 – pagina 2", "Jaarverslag | blz. 4".
bool names_own_page(std::string_view c) {
  for (std::string_view sep : kSeparators) {
    std::size_t at = c.rfind(sep);
    if (at != std::string_view::npos && page_label_numbers(c.substr(at + sep.size())) > 0)
      return long_words(c.substr(0, at)) >= 2;
  }
  // Without a separator, a label a footer writes, not a sentence: a page
  // word with a capital, or two numbers ("Politie Gelderland-Zuid Pag. 2/5";
  // not "… staan op pagina 5").
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  for (std::size_t at = c.rfind(' '); at != std::string_view::npos && at > 0; at = c.rfind(' ', at - 1)) {
    std::string_view label = c.substr(at + 1);
    if (label.empty() || std::isdigit(U(label[0])) || label[0] == '/' || label[0] == ' ' || label.starts_with("van ") ||
        label.starts_with("of "))
      continue;
    const int numbers = page_label_numbers(label);
    if (numbers == 0) return false;
    return (numbers == 2 || std::isupper(U(label[0]))) && long_words(c.substr(0, at)) >= 2;
  }
  return false;
}

// Whether `c` ends in a page out of its pages: "2/5", "3 van 12", "3 of 12".
bool page_of_pages(std::string_view c) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  std::size_t e = c.size();
  while (e > 0 && std::isdigit(U(c[e - 1]))) --e;
  if (e == c.size() || e == 0) return false;
  std::string_view before = c.substr(0, e);
  for (std::string_view sep : {"/", " / ", " van ", " of "})
    if (before.size() > sep.size() && before.ends_with(sep) && std::isdigit(U(before[before.size() - sep.size() - 1])))
      return true;
  return false;
}

// A letter's continuation sheet names itself at its top: "Vervolgblad 2
// bij onze brief van 4 mei 1999, kenmerk BZ/99/311", "Vervolgblad 3".
bool continuation_sheet(std::string_view c) {
  if (c.size() < 13 || (c[0] | 0x20) != 'v') return false;
  const std::string low = lower_latin(c.substr(0, 13));
  return low.starts_with("vervolgblad ") && std::isdigit(U(low[12]));
}

// A page number in roman numerals, alone, as a preface numbers its pages:
// "iii", "xii" (lower case: an upper-case "I" or "V" may be a heading; up
// to xxxix: a lone "c" or "l" is a list's letter).
bool roman_page_number(std::string_view c) {
  // Between dashes too: "— iii —", "- iv -".
  for (std::string_view dash : {"\xe2\x80\x94", "\xe2\x80\x93", "-"}) {
    std::string_view t = c;
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    if (t.size() > 2 * dash.size() && t.starts_with(dash) && t.ends_with(dash)) {
      c = t.substr(dash.size(), t.size() - 2 * dash.size());
      break;
    }
  }
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  return !c.empty() && c.size() <= 6 && c.find_first_not_of("ivx") == std::string_view::npos;
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

// Running heads and feet of two or three lines, and their copies on the
// first page's top and the last page's bottom ("GEMEENTE HOORN" above
// "Klachtenjaarverslag 2020" on every page): a line that stands at the same
// place (side, and rank from the edge) on two pages or more, with the same
// text once its digits are taken out, is debris, and so is the line after
// it in the run when it does the same. A run stops at the first line that
// does not repeat, so a heading under a running head stays unless it too
// stands in that place on every page it shares with the head.
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
        key += page_key(content(src, lines[runs.back()[r]]));
        keys.back().push_back(std::move(key));
        ++count[keys.back().back()];
      }
    }
  for (std::size_t p = 0; p < runs.size(); ++p)
    for (std::size_t r = 0; r < runs[p].size() && count[keys[p][r]] >= 2; ++r) lines[runs[p][r]].kind = LineKind::debris;
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

// The page number a line at a page's edge carries at its start or its end:
// a number of one to three digits, or lower-case roman numerals, apart from
// the text by a space ("24 Jaarverslag klachtencommissie 2007", "Klachten
// over de politie 23", "iv"); -1 when there is none.
int edge_number(std::string_view c) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  if (c.empty()) return -1;
  if (roman_page_number(c)) {
    static constexpr std::string_view kRoman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
                                                  "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"};
    for (std::size_t k = 0; k < std::size(kRoman); ++k)
      if (c == kRoman[k]) return static_cast<int>(k) + 1;
    return -1;
  }
  auto number = [](std::string_view d) {
    if (d.empty() || d.size() > 3 || !std::all_of(d.begin(), d.end(), [](char ch) { return std::isdigit(U(ch)); })) return -1;
    return std::stoi(std::string(d));
  };
  std::size_t first_space = c.find(' '), last_space = c.rfind(' ');
  if (first_space == std::string_view::npos) return number(c);
  if (int n = number(c.substr(0, first_space)); n >= 0) return n;
  return number(c.substr(last_space + 1));
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
