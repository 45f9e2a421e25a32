#include "normalize/transcript.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "normalize/lexicon.h"
#include "normalize/page_lines.h"

namespace omb::pass {

namespace {

// The page number a paragraph opens with ("12 De ..."), or -1.
long opening_number(std::string_view c) {
  std::size_t i = 0;
  while (i < c.size() && i < 4 && std::isdigit(static_cast<unsigned char>(c[i]))) ++i;
  if (i == 0 || i >= c.size() || c[i] != ' ' || i + 1 >= c.size() || c[i + 1] == ' ') return -1;
  return std::stol(std::string(c.substr(0, i)));
}

// The indexes of the text lines that open a paragraph.
std::vector<std::size_t> paragraph_starts(const std::vector<Line>& lines) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].kind == LineKind::text && (i == 0 || lines[i - 1].kind == LineKind::blank)) out.push_back(i);
  return out;
}

// The longest run of paragraphs numbered one after another, as indexes into
// `starts`: [first, last).
std::pair<std::size_t, std::size_t> numbered_run(std::string_view src, const std::vector<Line>& lines,
                                                 const std::vector<std::size_t>& starts) {
  std::pair<std::size_t, std::size_t> best{0, 0};
  std::size_t first = 0;
  long prev = -2;
  for (std::size_t k = 0; k <= starts.size(); ++k) {
    const long n = k < starts.size() ? opening_number(content(src, lines[starts[k]])) : -1;
    if (n >= 0 && n == prev + 1) {
      prev = n;
      continue;
    }
    if (k - first > best.second - best.first) best = {first, k};
    first = k;
    prev = n >= 0 ? n : -2;
    if (n < 0) first = k + 1;
  }
  return best;
}

// Words of `c` from its end: each word's start, last word first.
std::vector<std::size_t> word_starts_from_end(std::string_view c, std::size_t most) {
  std::vector<std::size_t> out;
  std::size_t e = c.size();
  while (out.size() < most && e > 0) {
    std::size_t b = c.rfind(' ', e - 1);
    b = b == std::string_view::npos ? 0 : b + 1;
    out.push_back(b);
    if (b == 0) break;
    e = b - 1;
  }
  return out;
}

bool is_number(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

// Moves the end of each page before the running foot most of them share.
void cut_running_feet(std::string_view src, std::vector<Line>& lines, const std::vector<std::size_t>& pages) {
  for (std::size_t w = 8; w >= 2; --w) {
    std::map<std::string, std::size_t> count;
    std::vector<std::string> keys(pages.size());
    std::vector<std::size_t> cut(pages.size(), 0);
    for (std::size_t p = 0; p < pages.size(); ++p) {
      const Line& l = lines[pages[p]];
      const std::string_view c = content(src, l);
      std::vector<std::size_t> ws = word_starts_from_end(c, w);
      if (ws.size() < w || ws.back() == 0 || !is_number(c.substr(ws.front()))) continue;
      // A foot holds no sentence's end: the page's last sentence is before it.
      const std::string_view foot = c.substr(ws.back());
      if (foot.find_first_of(".!?") != std::string_view::npos &&
          std::any_of(ws.begin(), ws.end(), [&](std::size_t b) {
            const std::size_t e = c.find(' ', b);
            const char last = c[(e == std::string_view::npos ? c.size() : e) - 1];
            return last == '.' || last == '!' || last == '?';
          }))
        continue;
      cut[p] = ws.back();
      keys[p] = page_key(c.substr(ws.back()));  // digits out, as a running line's copies share
      ++count[keys[p]];
    }
    auto top = std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (top == count.end() || top->second < 2 || top->second * 2 < pages.size()) continue;
    for (std::size_t p = 0; p < pages.size(); ++p) {
      if (keys[p] != top->first) continue;
      Line& l = lines[pages[p]];
      std::size_t e = l.cb + cut[p];
      while (e > l.cb && src[e - 1] == ' ') --e;
      l.ce = e;
    }
    return;
  }
}

bool related_documents(std::string_view c) {
  const std::string s = lower_latin(c);
  return s == "vergelijkbare documenten" || s == "gerelateerde documenten" || s == "similar documents" ||
         s == "related documents";
}

// From line `from` on, the first "Vergelijkbare documenten" line after
// which every line up to the end is blank or short (`short_only`), and so a
// list of titles: it and they become debris.
void mark_related_list(std::string_view src, std::vector<Line>& lines, std::size_t from, bool short_only) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (lines[i].kind != LineKind::text || !related_documents(content(src, lines[i]))) continue;
    if (short_only) {
      if (!content(src, lines[i]).starts_with("Vergelijkbare")) continue;
      // One block of titles to the end: no blank line before the last one.
      std::size_t titles = 0, last = i;
      bool all_short = true;
      for (std::size_t j = i + 1; j < lines.size(); ++j) {
        if (lines[j].kind == LineKind::blank) continue;
        all_short &= lines[j].ce - lines[j].cb <= 120 && last + 1 == j;
        last = j;
        ++titles;
      }
      if (titles == 0 || !all_short) continue;
    }
    for (std::size_t j = i; j < lines.size(); ++j)
      if (lines[j].kind != LineKind::blank) lines[j].kind = LineKind::debris;
    return;
  }
}

}  // namespace

void mark_transcript_pages(std::string_view src, std::vector<Line>& lines) {
  const std::vector<std::size_t> starts = paragraph_starts(lines);
  const auto [first, last] = numbered_run(src, lines, starts);
  if (last - first < 3) {
    mark_related_list(src, lines, 0, true);
    return;
  }
  std::vector<std::size_t> pages(starts.begin() + static_cast<long>(first), starts.begin() + static_cast<long>(last));
  std::size_t long_pages = 0;
  for (std::size_t i : pages) long_pages += lines[i].ce - lines[i].cb >= 200;
  if (long_pages * 2 < pages.size()) return;
  cut_running_feet(src, lines, pages);
  for (std::size_t i : pages) {
    Line& l = lines[i];
    const std::string_view c = content(src, l);
    const std::size_t sp = c.find(' ');
    if (sp + 1 < l.ce - l.cb) l.cb += sp + 1;
  }
  mark_related_list(src, lines, pages.back() + 1, false);
}

}  // namespace omb::pass
