#include "extract/text_util.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "text/fold.h"

namespace omb::interp {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_upper_start(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

bool is_number_token(std::string_view t) {
  if (t.empty()) return false;
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.' && c != ',' && c != '%' && c != '-' && c != '*') return false;
  }
  return digit;
}

bool is_month_name(std::string_view w) {
  static constexpr std::string_view kMonths[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                                 "augustus", "september", "oktober", "november", "december"};
  return std::find(std::begin(kMonths), std::end(kMonths), w) != std::end(kMonths);
}

bool is_year(std::string_view w) {
  return w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) && w[2] >= '0' && w[2] <= '9' && w[3] >= '0' &&
         w[3] <= '9';
}

bool has_listed_word(std::string_view text, const std::vector<std::string>& words) {
  const std::string f = fold_key(text);
  for (std::size_t a = 0; a < f.size();) {
    std::size_t e = a;
    while (e < f.size() && std::isalpha(static_cast<unsigned char>(f[e]))) ++e;
    if (e > a && std::find(words.begin(), words.end(), f.substr(a, e - a)) != words.end()) return true;
    a = e + 1;
  }
  return false;
}

void Coverage::add(std::size_t s, std::size_t e) {
  if (e <= s) return;
  auto it = ranges_.upper_bound(s);
  if (it != ranges_.begin() && std::prev(it)->second >= s) {
    --it;
    s = it->first;
    e = std::max(e, it->second);
    it = ranges_.erase(it);
  }
  while (it != ranges_.end() && it->first <= e) {
    e = std::max(e, it->second);
    it = ranges_.erase(it);
  }
  ranges_.emplace(s, e);
}

bool Coverage::overlaps(std::size_t s, std::size_t e) const {
  auto it = ranges_.lower_bound(e);  // first range starting at or after e
  if (it == ranges_.begin()) return false;
  return std::prev(it)->second > s;
}

std::vector<Line> lines_of(std::string_view text, std::size_t a, std::size_t b) {
  std::vector<Line> out;
  while (a < b) {
    std::size_t nl = text.find('\n', a);
    if (nl == std::string_view::npos || nl > b) nl = b;
    if (nl > a) out.push_back({a, nl});
    a = nl + 1;
  }
  return out;
}

std::string strip_numbering(std::string_view s) {
  s = trim(s);
  while (!s.empty() && s.front() == '#') s.remove_prefix(1);
  s = trim(s);
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  if (i > 0 && i < s.size() && s[i] == ' ') s.remove_prefix(i);
  s = trim(s);
  while (!s.empty() && (s.back() == ':' || s.back() == '.')) s.remove_suffix(1);
  return std::string(s);
}

std::string tidy_org(std::string v) {
  for (const char* art : {"De ", "de ", "Het ", "het "})
    if (v.rfind(art, 0) == 0) v.erase(0, std::string_view(art).size());
  bool all_caps = true;
  for (char c : v) all_caps &= !(c >= 'a' && c <= 'z');
  if (all_caps) {
    bool start = true;
    for (char& c : v) {
      if (c >= 'A' && c <= 'Z' && !start) c = static_cast<char>(c + 32);
      start = c == ' ' || c == '-';
    }
  }
  if (!v.empty() && v[0] >= 'a' && v[0] <= 'z') v[0] = static_cast<char>(v[0] - 32);
  return v;
}

std::string json_counts(const std::vector<std::string>& header, const std::vector<std::string>& cells) {
  std::string out = "{\"counts\":{";
  bool any = false;
  for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i) {
    std::string v;
    for (char c : cells[i])
      if (c >= '0' && c <= '9') v += c;
    if (v.empty() || v.size() > 12) continue;
    std::string key;
    for (char c : header[i])
      if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) key += c;
    if (any) out += ',';
    out += "\"" + key + "\":" + std::to_string(std::stoll(v));
    any = true;
  }
  out += "}}";
  return any ? out : std::string();
}

void stable_sort_tags(std::vector<Tag>& tags, bool by_end_type) {
  struct Key {
    std::size_t start, end;
    std::string_view type;
    std::uint32_t at;
  };
  std::vector<Key> keys;
  keys.reserve(tags.size());
  for (std::size_t i = 0; i < tags.size(); ++i) keys.push_back({tags[i].start, tags[i].end, tags[i].type, static_cast<std::uint32_t>(i)});
  std::stable_sort(keys.begin(), keys.end(), [by_end_type](const Key& a, const Key& b) {
    if (a.start != b.start) return a.start < b.start;
    if (!by_end_type) return false;
    if (a.end != b.end) return a.end > b.end;
    return a.type < b.type;
  });
  std::vector<Tag> sorted;
  sorted.reserve(tags.size());
  for (const Key& k : keys) sorted.push_back(std::move(tags[k.at]));
  tags = std::move(sorted);
}

}  // namespace omb::interp
