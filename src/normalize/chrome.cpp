#include "normalize/chrome.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "base/fs.h"
#include "normalize/chars.h"
#include "normalize/tsv.h"
#include "text/fold.h"

namespace omb::pass {

namespace {

// Longer lines are text, whatever words they hold.
constexpr std::size_t kMaxLine = 240;
constexpr std::size_t kMaxTail = 160;
constexpr std::size_t kMaxTokens = 40;

enum class Kind { word, number, picture };

struct Token {
  Kind kind;
  std::string folded;  // words only
};

// Pictographs that report text does not hold: rating stars, the blocks of a
// progress bar, an envelope, a player's pause bars, circled letters and
// mathematical letters as share icons (ⓕ, 𝕏), emoji (🔗).
bool evidence_picture(UChar32 c) {
  return (c >= 0x2580 && c <= 0x259F) || c == 0x2605 || c == 0x2606 || c == 0x2709 || c == 0x275A || c == 0x275B ||
         (c >= 0x24B6 && c <= 0x24E9) || (c >= 0x1D400 && c <= 0x1D7FF) || (c >= 0x1F000 && c <= 0x1FAFF);
}

bool ascii_letter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

bool letter_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return ascii_letter(c);
  std::size_t n;
  return u_isalpha(code_point_at(s, i, &n));
}

// The end of a number at s[i]: digits with inner . , : ("1.284", "1,2",
// "10:42"), then a percent sign, a K or M ("1,2K") or am/pm ("02:31PM").
std::size_t number_end(std::string_view s, std::size_t i) {
  while (digit_at(s, i) || (i < s.size() && (s[i] == '.' || s[i] == ',' || s[i] == ':') && digit_at(s, i + 1))) ++i;
  if (i < s.size() && s[i] == '%') return i + 1;
  if (i < s.size() && (s[i] == 'k' || s[i] == 'K' || s[i] == 'm' || s[i] == 'M') && !letter_at(s, i + 1)) return i + 1;
  if (i + 1 < s.size() && ((s[i] | 0x20) == 'a' || (s[i] | 0x20) == 'p') && (s[i + 1] | 0x20) == 'm' && !letter_at(s, i + 2))
    return i + 2;
  return i;
}

// The end of a word at s[i]: letters and digits, with inner - ' ’ and .
// before a letter ("e-mail", "pagina's", "reg.nr").
std::size_t word_end(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80 && (ascii_letter(b) || (b >= '0' && b <= '9'))) { ++i; continue; }
    std::size_t n;
    UChar32 c = code_point_at(s, i, &n);
    if (u_isalpha(c) || u_isdigit(c)) { i = n; continue; }
    if ((c == '-' || c == '\'' || c == 0x2019 || c == '.') && letter_at(s, n)) { i = n; continue; }
    break;
  }
  return i;
}

// Folds s[b, e) into `out`: ASCII lowercased in place, the rest by fold_key.
void fold_into(std::string_view s, std::size_t b, std::size_t e, std::string& out) {
  out.clear();
  for (std::size_t k = b; k < e; ++k) {
    unsigned char c = static_cast<unsigned char>(s[k]);
    if (c >= 0x80) { out = fold_key(s.substr(b, e - b)); return; }
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
  }
}

// The tokens of a line one by one, separators skipped. Copying a cursor
// reads ahead.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool next(Token& t) {
    while (i < s.size()) {
      std::size_t n;
      UChar32 c = code_point_at(s, i, &n);
      if (evidence_picture(c)) {  // before letters: ⓕ and 𝕏 are letters too
        t.kind = Kind::picture;
        i = n;
        return true;
      }
      if (digit_at(s, i)) {
        std::size_t e = number_end(s, i);
        if (!letter_at(s, e)) { t.kind = Kind::number; i = e; return true; }
        e = word_end(s, e);  // "12min": a word, and no phrase
        t.kind = Kind::word;
        fold_into(s, i, e, t.folded);
        i = e;
        return true;
      }
      if (u_isalpha(c)) {
        std::size_t e = word_end(s, i);
        t.kind = Kind::word;
        fold_into(s, i, e, t.folded);
        i = e;
        return true;
      }
      i = n;  // a separator
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Chrome> Chrome::empty() { return std::unique_ptr<Chrome>(new Chrome()); }

Result<std::unique_ptr<Chrome>> Chrome::load(const std::string& path) {
  auto data = read_file(path);
  if (!data.ok()) return data.error();
  std::unique_ptr<Chrome> c(new Chrome());
  for (const TsvRow& row : tsv_rows(*data)) {
    if (row.cols.size() > 2) return make_error(Errc::parse, "expected a phrase, optionally a TAB and 'weak'", path, row.line);
    if (row.cols.size() == 2 && row.cols[1] != "weak")
      return make_error(Errc::parse, "the second column can only say 'weak', got '" + std::string(row.cols[1]) + "'", path,
                        row.line);
    Phrase p;
    p.strong = row.cols.size() == 1;
    Cursor cur{row.cols[0]};
    for (Token t; cur.next(t);) {
      if (t.kind != Kind::word)
        return make_error(Errc::parse, "a phrase is words only (numbers and signs are always allowed), got '" +
                                           std::string(row.cols[0]) + "'", path, row.line);
      p.words.push_back(t.folded);
    }
    if (p.words.empty()) return make_error(Errc::parse, "empty phrase", path, row.line);
    std::vector<Phrase>& v = c->by_first_[p.words[0]];
    for (const Phrase& o : v)
      if (o.words == p.words) return make_error(Errc::parse, "phrase listed twice: '" + std::string(row.cols[0]) + "'", path, row.line);
    c->last_words_.insert(p.words.back());
    v.push_back(std::move(p));
  }
  for (auto& [first, v] : c->by_first_)
    std::stable_sort(v.begin(), v.end(), [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
  return c;
}

bool Chrome::covers(std::string_view line) const {
  if (by_first_.empty() || line.size() > kMaxLine) return false;
  // A line that ends as a sentence does is text ("Terug.", "Sluiten!"); an
  // ellipsis is a search box's ("Zoek binnen deze site ...").
  std::size_t last = line.find_last_not_of(" \t");
  if (last == std::string_view::npos) return false;
  bool ellipsis = last >= 2 && line.substr(last - 2, 3) == "...";
  if (!ellipsis && std::string_view(".!?,;").find(line[last]) != std::string_view::npos) return false;
  bool evidence = false, words = false;
  Cursor cur{line};
  Token t, ahead;
  for (std::size_t n = 0; cur.next(t); ++n) {
    if (n > kMaxTokens) return false;
    if (t.kind != Kind::word) {
      evidence |= t.kind == Kind::picture;
      words |= t.kind == Kind::picture;
      continue;
    }
    auto it = by_first_.find(t.folded);
    if (it == by_first_.end()) return false;  // most text ends here, at its first word
    bool hit = false;
    for (const Phrase& p : it->second) {
      Cursor look = cur;
      bool same = true;
      for (std::size_t k = 1; k < p.words.size() && same; ++k)
        same = look.next(ahead) && ahead.kind == Kind::word && ahead.folded == p.words[k];
      if (!same) continue;
      hit = true;
      evidence |= p.strong;
      cur = look;
      break;
    }
    if (!hit) return false;
    words = true;
  }
  return evidence && words;
}

// Can `text` end in chrome? Its last token must be a number, a pictograph
// or the last word of a phrase: most text ends in a full stop or another
// word, and is passed over here.
bool Chrome::could_end_chrome(std::string_view text) const {
  std::size_t e = text.find_last_not_of(" \t");
  if (e == std::string_view::npos || std::string_view(".!?,;").find(text[e]) != std::string_view::npos) return false;
  std::size_t b = e + 1;
  while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\t') --b;
  Cursor cur{text.substr(b, e + 1 - b)};
  Token t, final_token;
  bool any = false;
  while (cur.next(t)) {
    std::swap(final_token, t);
    any = true;
  }
  return !any || final_token.kind != Kind::word || last_words_.count(final_token.folded) > 0;
}

std::optional<RepairHit> Chrome::tail(std::string_view text) const {
  if (by_first_.empty() || !could_end_chrome(text)) return std::nullopt;
  // The earliest sentence end in the last kMaxTail bytes whose tail is chrome.
  std::size_t from = text.size() > kMaxTail ? text.size() - kMaxTail : 0;
  for (std::size_t p = from; p + 1 < text.size(); ++p) {
    if (!(text[p] == '.' || text[p] == '!' || text[p] == '?') || text[p + 1] != ' ' || p == 0 || text[p - 1] == ' ') continue;
    std::size_t q = p + 1;
    while (q < text.size() && text[q] == ' ') ++q;
    if (q < text.size() && covers(text.substr(q))) return RepairHit{p + 1, text.size(), "", "interface-tail"};
  }
  return std::nullopt;
}

}  // namespace omb::pass
