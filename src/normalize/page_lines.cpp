// normalize/page_lines.cpp — page_lines.h: what a page's own lines (its
// numbers, labels, running heads and feet) look like, as strings.
#include "normalize/page_lines.h"

#include <algorithm>
#include <vector>
#include <cctype>
#include <iterator>
#include <string>

#include "normalize/chars.h"
#include "normalize/lexicon.h"
#include "normalize/lines.h"

namespace omb::pass {

// What the copies of a running header or footer share from page to page:
// the line without its digits (the page number changes). A header found
// without form feeds (mark_repeated_headers) is compared without spaces too:
// the emitter joins a word spaced apart ("Kw artaalrapportage"), and the
// next pass must find the same copies. That finding asks more of a line (a
// page word or number, and text between copies), so the looser key takes
// no sentence for a header; at page edges it would.
std::string page_key(std::string_view c, bool keep_spaces) {
  std::string key;
  for (char ch : c) {
    if (std::isdigit(U(ch))) continue;
    const bool space = ch == ' ' || ch == '\t';
    if (!space) key += ch;
    // A run of spaces is one, and none at the ends: a recto head "6   Title"
    // and a verso head "Title   7" share their key.
    else if (keep_spaces && !key.empty() && key.back() != ' ') key += ' ';
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

std::string page_words_key(std::string_view c) {
  std::vector<std::string> words;
  for (std::size_t a = 0; a < c.size();) {
    std::size_t e = c.find_first_of(" \t", a);
    if (e == std::string_view::npos) e = c.size();
    std::string w;
    for (char ch : c.substr(a, e - a))
      if (!std::isdigit(U(ch))) w += ch;
    if (std::any_of(w.begin(), w.end(), [](char ch) { return std::isalpha(U(ch)) || (U(ch) & 0x80); })) words.push_back(std::move(w));
    a = e + 1;
  }
  if (words.empty()) return page_key(c, /*keep_spaces=*/false);
  std::sort(words.begin(), words.end());
  std::string key;
  for (const std::string& w : words) key += (key.empty() ? "" : " ") + w;
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
int count_numbers(std::string_view c) {
  int numbers = 0;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (std::isdigit(U(c[i])) && (i == 0 || !std::isdigit(U(c[i - 1])))) ++numbers;
  return numbers;
}

bool running_line(std::string_view c) {
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  if (c.empty() || c.front() == '|' || c.back() == '|') return false;
  if (c.find(' ') == std::string_view::npos) {
    std::string low = lower_latin(c);
    return low.starts_with("www.") || low.starts_with("http://") || low.starts_with("https://");
  }
  // At most one number (a page number or a year): a table row has more.
  if (count_numbers(c) > 1) return false;
  bool sep = c.find(" | ") != std::string_view::npos || c.find(" \xc2\xb7 ") != std::string_view::npos ||
             c.find(" \xe2\x80\x93 ") != std::string_view::npos || c.find(" \xe2\x80\x94 ") != std::string_view::npos;
  if (!sep) return false;
  return long_words(c) >= 2;
}

bool gapped_running_line(std::string_view c) {
  const std::size_t gap = c.find("        ");
  if (gap == std::string_view::npos) return false;
  const std::size_t right = c.find_first_not_of(' ', gap);
  if (right == std::string_view::npos || c.find("        ", right) != std::string_view::npos) return false;
  const std::string_view a = c.substr(0, gap), b = c.substr(right);
  return count_numbers(c) <= 1 && !starts_lower(a) && !starts_lower(b) && !std::isdigit(U(a[0])) && !std::isdigit(U(b[0])) &&
         long_words(a) >= 1 && long_words(b) >= 1;
}

// "p." on its own, as a footer abbreviates page ("… | p. 5"): not the end
// of a word ("resp.", "blz.").
bool abbreviated_page(std::string_view low) {
  for (std::size_t at = low.find("p."); at != std::string_view::npos; at = low.find("p.", at + 1))
    if (at == 0 || !std::isalpha(U(low[at - 1]))) return true;
  return false;
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

}  // namespace omb::pass
