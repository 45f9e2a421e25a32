#include "extract/zaaknummers.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>

#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

namespace {

// The shape of a number: each digit '9', each letter 'a', the rest as written
// ("Z-22-01873" → "a-99-99999").
std::string shape_of(std::string_view v) {
  std::string s(v);
  for (char& c : s) {
    if (c >= '0' && c <= '9') c = '9';
    else if (std::isalpha(static_cast<unsigned char>(c))) c = 'a';
  }
  return s;
}

// A shape particular enough to stand for the document's case numbers: parts
// joined by / - or ., five digits or more.
bool telling_shape(std::string_view s) {
  int digits = 0;
  for (char c : s) digits += c == '9';
  return digits >= 5 && s.find_first_of("/-.") != std::string_view::npos;
}

// Two years, or a year and the next one's last two digits: a period
// ("2020/2021", "2020/21", "2021-2022"), not a number.
bool year_span(std::string_view v) {
  const std::size_t sep = v.find_first_of("/-.");
  if (sep != 4 || v.find_first_of("/-.", sep + 1) != std::string_view::npos) return false;
  if (!is_year(v.substr(0, 4))) return false;
  std::string_view b = v.substr(5);
  if (is_year(b)) return true;
  const int next = (std::stoi(std::string(v.substr(2, 2))) + 1) % 100;
  return b.size() == 2 && std::isdigit(static_cast<unsigned char>(b[0])) && std::isdigit(static_cast<unsigned char>(b[1])) &&
         std::stoi(std::string(b)) == next;
}

bool number_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '.'; }

// A number's shape and its first part as written ("99/017" → "99/999|99"):
// a document's case numbers share both (the year they start with), where a
// phone number ("0800-1351") or a ratio ("50/100") shares the shape only.
// A number with letters ("BC 24/117", "23.KL.00318") shares the shape and
// the letters: they tell it, whatever year it is of ("BC 23/188",
// "22.KL.05530").
std::string shape_key(std::string_view v) {
  std::string letters;
  for (char c : v)
    if (std::isalpha(static_cast<unsigned char>(c))) letters += c;
  if (!letters.empty()) return shape_of(v) + "|" + letters;
  const std::size_t sep = v.find_first_of("/-.");
  return shape_of(v) + "|" + std::string(v.substr(0, sep));
}

// The letters of a prefix right before `i` ("BC " before "24/117"): where
// they start, or `i` when there are none (two to five capitals, one space).
std::size_t prefix_start(std::string_view text, std::size_t i) {
  if (i < 3 || text[i - 1] != ' ') return i;
  std::size_t b = i - 1;
  while (b > 0 && b + 6 > i && std::isupper(static_cast<unsigned char>(text[b - 1]))) --b;
  const std::size_t letters = i - 1 - b;
  if (letters < 2 || letters > 5 || (b > 0 && std::isalnum(static_cast<unsigned char>(text[b - 1])))) return i;
  return b;
}

// Whether a letter's reference label stands right before `i` ("Kenmerk:
// KC 93/117", "ons kenmerk 93/117"): a reference, no case number.
bool after_reference_label(std::string_view text, std::size_t i) {
  const std::size_t from = i > 20 ? i - 20 : 0;
  std::string before = fold_key(text.substr(from, i - from));
  return before.find("kenmerk") != std::string::npos;
}

}  // namespace

bool is_plain_type(std::string_view type) {
  for (std::string_view own : {"doctype", "organisation", "date", "period", "afdeling", "theme", "oordeel"})
    if (type == own) return false;
  return true;
}

void same_shape_numbers(Context& ctx) {
  std::unordered_set<std::string> shapes;
  Coverage have;
  for (const Tag& t : ctx.tags) {
    if (t.type != "zaaknummer") continue;
    have.add(t.start, t.end);
    if (telling_shape(shape_of(t.value))) shapes.insert(shape_key(t.value));
  }
  if (shapes.empty()) return;
  const std::string_view text = ctx.text;
  for (std::size_t i = 0; i < text.size();) {
    if (!number_char(text[i]) || (i > 0 && number_char(text[i - 1]))) { ++i; continue; }
    std::size_t e = i;
    while (e < text.size() && number_char(text[e])) ++e;
    std::size_t end = e;
    while (end > i && (text[end - 1] == '.' || text[end - 1] == '-' || text[end - 1] == '/')) --end;  // a sentence's full stop
    std::size_t start = prefix_start(text, i);
    std::string_view v = text.substr(start, end - start);
    if (start < i && !shapes.count(shape_key(v))) v = text.substr(start = i, end - i);
    if (end > start && std::isdigit(static_cast<unsigned char>(v.back())) && shapes.count(shape_key(v)) && !year_span(v) &&
        !have.overlaps(start, end) && !after_reference_label(text, start)) {
      have.add(start, end);
      ctx.add("zaaknummer", std::string(v), start, end, "zaaknummer.same-shape");
    }
    i = e;
  }
}

void run_zaaknummers(Context& ctx) {
  for (const auto& f : ctx.files) {
    const std::string& type = f->type();
    if (!is_plain_type(type)) continue;
    for (const Hit& h : ctx.hits_of(type)) ctx.add(type, h.value, h.start, h.end, ctx.rule_of(type, h).id);
  }
  for (const auto& w : ctx.word_files) {
    const std::string& type = w->type();
    if (!is_plain_type(type)) continue;
    for (const Hit& h : ctx.hits_of(type)) ctx.add(type, h.value, h.start, h.end, ctx.rule_id(type, h));
  }
  same_shape_numbers(ctx);
}

namespace {

// Where `value` stands in `line` as a whole number (no letter or digit
// right before or after it), or npos.
std::size_t find_number(std::string_view line, std::string_view value) {
  for (std::size_t at = line.find(value); at != std::string_view::npos; at = line.find(value, at + 1)) {
    const std::size_t end = at + value.size();
    if ((at == 0 || !std::isalnum(static_cast<unsigned char>(line[at - 1]))) &&
        (end == line.size() || !std::isalnum(static_cast<unsigned char>(line[end]))))
      return at;
  }
  return std::string_view::npos;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \n\f\t\r") == std::string_view::npos; }

// The line as its numbers were meant, where OCR read a digit as a letter
// beside a digit or a slash ("rapport 2001/l4" is 2001/14): l, I and | as
// 1, O and o as 0. Dropped running heads are raw text, which the
// normaliser's repairs never reached.
std::string digits_as_meant(std::string_view line) {
  std::string out(line);
  auto numeric = [&](std::size_t i) { return i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '/'); };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = line[i];
    if (c != 'l' && c != 'I' && c != '|' && c != 'O' && c != 'o') continue;
    if (!(i > 0 && numeric(i - 1)) && !numeric(i + 1)) continue;
    out[i] = (c == 'O' || c == 'o') ? '0' : '1';
  }
  return out;
}

}  // namespace

void running_head_numbers(Context& ctx, const OffsetMap& map) {
  std::vector<std::string> values;  // copies: add_extra() grows ctx.tags
  for (const Tag& t : ctx.tags)
    if (t.type == "zaaknummer" && t.value.size() >= 4) values.push_back(t.value);
  if (values.empty()) return;
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  for (const MapEntry& m : map.entries()) {
    if (m.copy || blank(m.src_text) || m.norm_start + m.norm_len > ctx.text.size() ||
        !blank(ctx.text.substr(m.norm_start, m.norm_len)))
      continue;
    const std::string_view dropped = m.src_text;
    for (std::size_t a = 0; a < dropped.size();) {
      std::size_t b = dropped.find_first_of("\n\f", a);
      if (b == std::string_view::npos) b = dropped.size();
      const std::string line = digits_as_meant(dropped.substr(a, b - a));
      for (const std::string& v : values) {
        if (find_number(line, v) == std::string_view::npos) continue;
        ctx.add_extra("zaaknummer", v, m.norm_start, m.norm_start, "zaaknummer.running-head", {},
                      ctx.case_at(m.norm_start));
        set_source_span(ctx.extra.back(), m.src_start + a, m.src_start + b);
      }
      a = b + 1;
    }
  }
}

}  // namespace omb::interp
