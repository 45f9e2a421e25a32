// normalize/spaced_numbers.cpp — spaced_number() of fragments.h: digits
// PDF-to-text or OCR spaced one by one ("2 0 0 1 / 0 6 5", "€ 1 2 5 , 0 0"),
// joined where the figure's shape says what it is.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "normalize/chars.h"
#include "normalize/fragments.h"
#include "normalize/lexicon.h"

namespace omb::pass {
namespace {

// Digits spaced one by one from src[at]: appended to `out`; `at` moves past
// the last. How many.
std::size_t spaced_run(std::string_view src, std::size_t& at, std::size_t stop, std::string& out) {
  std::size_t n = 0;
  while (at < stop && digit_at(src, at) && !digit_at(src, at + 1)) {
    out += src[at];
    ++n;
    if (at + 2 < stop && src[at + 1] == ' ' && digit_at(src, at + 2)) at += 2;
    else { ++at; break; }
  }
  return n;
}

// The word (lower case ASCII) after src[at] and a space, or "%".
std::string word_after(std::string_view src, std::size_t at, std::size_t stop) {
  if (at < stop && src[at] == ' ') ++at;
  if (at < stop && src[at] == '%') return "%";
  std::size_t e = at;
  while (e < stop && std::isalpha(U(src[e]))) ++e;
  return lower_latin(src.substr(at, e - at));
}

// A figure spaced out whose shape says what it is, the first run of digits
// [i, at) read as `out`: a date "1 4 - 0 3 - 2 0 2 2", a time "1 4 . 3 0
// uur", an amount after the euro sign "€ 1 2 5 , 0 0", a count before its
// unit "8 7 procent". A bare run of digits may be a table's cells
// ("Middelen 2 3") and stays.
std::optional<SpanFix> spaced_figure(std::string_view src, std::size_t i, std::size_t at, std::string out,
                                     std::size_t stop) {
  std::vector<std::size_t> sizes{out.size()};
  std::string seps;
  std::size_t end = at;
  for (;;) {
    std::size_t k = end;
    if (k < stop && src[k] == ' ') ++k;
    if (!(k < stop && (src[k] == '-' || src[k] == '.' || src[k] == ',' || src[k] == ':'))) break;
    const char sep = src[k++];
    if (k < stop && src[k] == ' ') ++k;
    std::string g;
    if (spaced_run(src, k, stop, g) == 0) break;
    out += sep;
    out += g;
    sizes.push_back(g.size());
    seps += sep;
    end = k;
  }
  if (end < stop && std::isalnum(U(src[end]))) return std::nullopt;
  const std::string after = word_after(src, end, stop);
  const bool euro = (i >= 4 && src.compare(i - 4, 4, "\xe2\x82\xac ") == 0) || (i >= 3 && src.compare(i - 3, 3, "\xe2\x82\xac") == 0);
  const bool date = sizes.size() == 3 && (seps == "--" || seps == "..") && sizes[0] <= 2 && sizes[1] <= 2 && sizes[2] == 4;
  const bool time = sizes == std::vector<std::size_t>{2, 2} && (seps == "." || seps == ":") && after == "uur";
  // An amount: "€ 1 2 5 , 0 0", "€ 1 . 4 5 0" (thousands in groups of three).
  bool grouped = sizes[0] <= 3 && !seps.empty();
  for (std::size_t g = 0; g < seps.size() && grouped; ++g)
    grouped = seps[g] == '.' ? sizes[g + 1] == 3 : (seps[g] == ',' && g + 1 == seps.size() && sizes[g + 1] == 2);
  const bool amount = euro && (sizes.size() == 1 || grouped);
  const bool count = sizes.size() == 1 && (after == "procent" || after == "%" || after == "euro" || after == "uur");
  // A section number at a line's start before its title: "3 . 2 Wachttijden".
  bool section = (i == 0 || src[i - 1] == '\n') && sizes.size() >= 2 && seps.find_first_not_of('.') == std::string::npos &&
                 std::all_of(sizes.begin(), sizes.end(), [](std::size_t n) { return n <= 2; }) && end + 1 < stop &&
                 src[end] == ' ' && std::isupper(U(src[end + 1]));
  // A number after its label: "Dossiernummer: 0 3 . 0 0 7 1 2".
  std::size_t b = i;
  while (b > 0 && (src[b - 1] == ' ' || src[b - 1] == ':')) --b;
  std::size_t lb = b;
  while (lb > 0 && (std::isalpha(U(src[lb - 1])) || src[lb - 1] == '.')) --lb;
  const std::string label = lower_latin(src.substr(lb, b - lb));
  const bool labelled = b < i && seps.find_first_not_of("./-") == std::string::npos &&
                        (label.ends_with("nummer") || label.ends_with("kenmerk") || label == "nr" || label == "nr.");
  if (!(date || time || amount || count || section || labelled)) return std::nullopt;
  return SpanFix{end, out, "join-spaced"};
}

}  // namespace

std::optional<SpanFix> spaced_number(std::string_view src, std::size_t i, std::size_t stop) {
  if (i > 0 && (std::isalnum(U(src[i - 1])) || src[i - 1] == '/')) return std::nullopt;
  // Inside a run of spaced digits, not at its start: "5 4 2 0 1 1" are a
  // table's cells, and their tail "2 0 1 1" is no year.
  if (i >= 2 && src[i - 1] == ' ' && digit_at(src, i - 2)) return std::nullopt;
  std::size_t at = i;
  std::string out;
  // One digit is a run when a figure's separator follows ("1 . 4 5 0").
  const std::size_t n = spaced_run(src, at, stop, out);
  const bool sep_next = at + 2 < stop && src[at] == ' ' && (src[at + 1] == '.' || src[at + 1] == ',') && src[at + 2] == ' ';
  if (n < 2 && !(n == 1 && sep_next)) return std::nullopt;
  std::size_t k = at;
  if (k < stop && src[k] == ' ') ++k;
  if (!(k < stop && src[k] == '/')) {
    // A year spaced out: "2 0 1 8".
    bool year = out.size() == 4 && (out.compare(0, 2, "19") == 0 || out.compare(0, 2, "20") == 0) &&
                !(at < stop && std::isalnum(U(src[at])));
    if (year) return SpanFix{at, out, "join-spaced"};
    return spaced_figure(src, i, at, out, stop);
  }
  ++k;
  if (k < stop && src[k] == ' ') ++k;
  out += '/';
  if (spaced_run(src, k, stop, out) < 2) return std::nullopt;
  if (k < stop && std::isalnum(U(src[k]))) return std::nullopt;
  return SpanFix{k, out, "join-spaced"};
}

}  // namespace omb::pass
