#include "normalize/lines.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "normalize/chars.h"

namespace omb::pass {

namespace {

// The first \n or \f at or after i, or src.size(): memchr for the newline,
// then the (rare) form feed before it.
std::size_t line_break(std::string_view src, std::size_t i) {
  if (i >= src.size()) return src.size();
  const char* p = static_cast<const char*>(std::memchr(src.data() + i, '\n', src.size() - i));
  std::size_t nl = p ? static_cast<std::size_t>(p - src.data()) : src.size();
  const char* f = static_cast<const char*>(std::memchr(src.data() + i, '\f', nl - i));
  return f ? static_cast<std::size_t>(f - src.data()) : nl;
}

}  // namespace

std::vector<Line> read_lines(std::string_view src) {
  std::vector<Line> lines;
  // One Line per source line, known before the walk: no regrowth (a 20 MB
  // text has 300,000 lines).
  lines.reserve(static_cast<std::size_t>(std::count(src.begin(), src.end(), '\n')) + 1);
  int no = 1, page = 1;
  std::size_t b = 0;
  for (std::size_t i = 0; i <= src.size(); ++i) {
    i = line_break(src, i);
    Line l;
    l.b = b;
    l.e = i;
    l.no = no;
    l.page = page;
    std::size_t cb = b, ce = i;
    while (cb < ce && is_space(src, cb)) cb += std::min(seq_len(src, cb), ce - cb);
    while (ce > cb && (src[ce - 1] == ' ' || src[ce - 1] == '\t' || src[ce - 1] == '\r' || src[ce - 1] == '\v' ||
                       (ce - cb >= 2 && U(src[ce - 2]) == 0xC2 && U(src[ce - 1]) == 0xA0)))
      ce -= (src[ce - 1] == ' ' || src[ce - 1] == '\t' || src[ce - 1] == '\r' || src[ce - 1] == '\v') ? 1 : 2;
    l.cb = cb;
    l.ce = ce;
    l.stray_space = cb > b && src[b] == ' ';
    l.kind = cb == ce || only_invisible(src, cb, ce) ? LineKind::blank : LineKind::text;
    lines.push_back(l);
    if (i < src.size()) {
      if (src[i] == '\f') ++page;
      else ++no;
    }
    b = i + 1;
  }
  return lines;
}

int count_words(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

bool ends_sentence(std::string_view s) {
  if (s.empty()) return true;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
  // A closing quote or bracket after the punctuation.
  if ((c == '"' || c == ')' || c == '\'') && s.size() > 1) return ends_sentence(s.substr(0, s.size() - 1));
  return s.size() >= 3 && (s.substr(s.size() - 3) == "”" || s.substr(s.size() - 3) == "’") &&
         ends_sentence(s.substr(0, s.size() - 3));
}

// How a line starts once repaired: a ligature is a lowercase f, "|5" a digit.
std::string_view as_repaired(std::string_view s) {
  if (s.size() >= 3 && U(s[0]) == 0xEF && U(s[1]) == 0xAC && U(s[2]) <= 0x86) return "f";
  if (s.size() >= 2 && s[0] == '|' && std::isdigit(U(s[1]))) return "1";
  return s;
}

bool name_particle(std::string_view w) {
  static constexpr std::string_view kParticles[] = {"de", "van", "der", "den", "ter", "ten", "te"};
  return std::find(std::begin(kParticles), std::end(kParticles), w) != std::end(kParticles);
}

bool starts_lower(std::string_view s) {
  s = as_repaired(s);
  if (s.empty()) return false;
  unsigned char c = U(s[0]);
  if (c >= 'a' && c <= 'z') return true;
  if (c == 0xC3 && s.size() > 1) return U(s[1]) >= 0xA0;  // à–ÿ
  return false;
}

bool starts_upper_or_digit(std::string_view s) {
  s = as_repaired(s);
  if (s.empty()) return false;
  unsigned char c = U(s[0]);
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == 0xC3 && s.size() > 1 && U(s[1]) < 0xA0);
}

bool number_token(std::string_view t) {
  while (!t.empty() && (t.back() == '%' || t.back() == ',' || t.back() == '.')) t.remove_suffix(1);
  if (t.empty()) return false;
  for (char c : t)
    if (!std::isdigit(U(c)) && c != '.' && c != ',') return false;
  return true;
}

bool year_word(std::string_view lower) {
  static constexpr std::string_view kBeforeYear[] = {"jaar", "jaren", "kalenderjaar", "verslagjaar", "boekjaar", "periode"};
  return std::find(std::begin(kBeforeYear), std::end(kBeforeYear), lower) != std::end(kBeforeYear);
}

std::size_t chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (U(c) & 0xC0) != 0x80;
  return n;
}

std::size_t wrap_width(std::string_view src, const std::vector<Line>& lines) {
  std::vector<std::size_t> len;
  for (const Line& l : lines)
    if (l.kind == LineKind::text) len.push_back(chars(content(src, l)));
  if (len.size() < 40) return 0;
  auto at = len.begin() + static_cast<std::ptrdiff_t>(len.size() * 9 / 10);
  std::nth_element(len.begin(), at, len.end());
  return *at >= 60 ? *at : 0;
}

}  // namespace omb::pass
