#include "normalize/site_lines.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "base/fs.h"
#include "normalize/chars.h"
#include "normalize/chrome.h"
#include "normalize/tsv.h"
#include "normalize/word_repair.h"
#include "text/fold.h"

namespace omb::pass {

namespace {

// Longer lines are a report's paragraphs, whatever words they hold.
constexpr std::size_t kMaxSiteLine = 240;

// `t` without the signs around it ("(pdf,", "»", "capture."), letters and
// digits kept.
std::string_view trim_signs(std::string_view t) {
  std::size_t b = 0, e = 0;
  bool found = false;
  for (std::size_t i = 0, n; i < t.size(); i = n) {
    UChar32 c = code_point_at(t, i, &n);
    if (c >= 0 && u_isalnum(c)) {
      if (!found) b = i;
      found = true;
      e = n;
    }
  }
  return found ? t.substr(b, e - b) : std::string_view();
}

bool holds_letter(std::string_view t) {
  for (std::size_t i = 0, n; i < t.size(); i = n) {
    UChar32 c = code_point_at(t, i, &n);
    if (c >= 0 && u_isalpha(c)) return true;
  }
  return false;
}

std::string ascii_lower(std::string_view t) {
  std::string s(t);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return s;
}

// A web address, an e-mail address or a file name, as written (signs
// around it allowed): "https://…", "www.x.nl", "archive.today",
// "klachten@x.nl", "SCAN0042.PDF", ".zip".
bool web_address(std::string_view raw) {
  const std::string t = ascii_lower(raw);
  if (t.find("://") != std::string::npos || t.starts_with("www.")) return true;
  const std::size_t at = t.find('@');
  if (at != std::string::npos && at > 0 && t.find('.', at) != std::string::npos) return true;
  static constexpr std::string_view kEnds[] = {".nl",  ".com", ".org", ".net",  ".eu",  ".be",  ".de",   ".io",
                                               ".info", ".today", ".pdf", ".zip", ".doc", ".docx", ".jpg", ".png", ".tif"};
  std::string_view s = t;
  while (!s.empty() && std::string_view(".,;:)]»›\"'").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  const std::size_t slash = s.find('/');
  const std::string_view host = slash == std::string_view::npos ? s : s.substr(0, slash);
  for (std::string_view end : kEnds)
    if (host.size() >= end.size() && host.ends_with(end)) return true;
  return false;
}

}  // namespace

std::unique_ptr<SiteWords> SiteWords::empty() { return std::unique_ptr<SiteWords>(new SiteWords()); }

Result<std::unique_ptr<SiteWords>> SiteWords::load(const std::string& path) {
  auto data = read_file(path);
  if (!data.ok()) return data.error();
  std::unique_ptr<SiteWords> w(new SiteWords());
  std::unordered_set<std::string>* section = nullptr;
  bool interface = false, signs = false;
  for (const TsvRow& row : tsv_rows(*data)) {
    if (row.cols.size() != 1) return make_error(Errc::parse, "expected one word or a [section], no TAB", path, row.line);
    std::string_view v = row.cols[0];
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    if (v.starts_with("[")) {
      interface = v == "[interface]";
      signs = v == "[signs]";
      if (signs) {
        section = &w->signs_;
        continue;
      }
      section = interface            ? &w->interface_
                : v == "[english]"   ? &w->english_
                : v == "[dutch]"     ? &w->dutch_
                : v == "[neutral]"   ? &w->neutral_
                                     : nullptr;
      if (!section)
        return make_error(Errc::parse, "unknown section '" + std::string(v) + "' (interface, english, dutch, neutral, signs)", path,
                          row.line);
      continue;
    }
    if (!section) return make_error(Errc::parse, "a word before the first [section]", path, row.line);
    if (signs) {
      if (v.empty() || v.find(' ') != std::string_view::npos || !trim_signs(v).empty())
        return make_error(Errc::parse, "a sign is one token with no letter or digit, got '" + std::string(v) + "'", path,
                          row.line);
      if (!w->signs_.insert(std::string(v)).second)
        return make_error(Errc::parse, "sign listed twice: '" + std::string(v) + "'", path, row.line);
      continue;
    }
    if (v.empty() || v.find(' ') != std::string_view::npos)
      return make_error(Errc::parse, "one word a line, got '" + std::string(v) + "'", path, row.line);
    const bool prefix = v.back() == '*';
    if (prefix && !interface) return make_error(Errc::parse, "only [interface] words may end in *", path, row.line);
    std::string word = fold_key(prefix ? v.substr(0, v.size() - 1) : v);
    if (word.empty() || trim_signs(word) != word)
      return make_error(Errc::parse, "a word is letters and digits, got '" + std::string(v) + "'", path, row.line);
    for (const auto* other : {&w->interface_, &w->english_, &w->dutch_, &w->neutral_})
      if (other->count(word)) return make_error(Errc::parse, "word listed twice: '" + word + "'", path, row.line);
    if (prefix) {
      if (std::find(w->prefixes_.begin(), w->prefixes_.end(), word) != w->prefixes_.end())
        return make_error(Errc::parse, "word listed twice: '" + word + "*'", path, row.line);
      w->prefixes_.push_back(std::move(word));
    } else {
      section->insert(std::move(word));
    }
  }
  // The first letters and lengths of the cue words (site_sign's quick no).
  auto shape = [&](const std::string& word, bool prefix) {
    const char first = word.empty() ? 0 : word[0];
    if (first < 'a' || first > 'z') {  // a word that folds to no ASCII letter: always look it up
      for (auto& m : w->cue_shapes_) m = ~std::uint64_t{0};
      return;
    }
    for (std::size_t n = std::min<std::size_t>(word.size(), 63); n < 64; ++n) {
      w->cue_shapes_[first - 'a'] |= std::uint64_t{1} << n;
      if (!prefix) break;
    }
  };
  for (const std::string& word : w->interface_) shape(word, false);
  for (const std::string& p : w->prefixes_) shape(p, true);
  return w;
}

SiteWords::Class SiteWords::word_class(const std::string& key) const {
  if (neutral_.count(key)) return Class::neutral;
  if (interface_.count(key) || english_.count(key)) return Class::cue;
  if (dutch_.count(key)) return Class::dutch;
  for (const std::string& p : prefixes_)
    if (key.starts_with(p)) return Class::cue;
  return Class::content;
}

namespace {

// The folded form of a word into `out`: ASCII lowered in place, the rest by
// fold_key (the cheap way first: nearly every word is ASCII).
void fold_site_word(std::string_view w, std::string& out) {
  out.clear();
  for (char c : w) {
    if (static_cast<unsigned char>(c) >= 0x80) { out = fold_key(w); return; }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
  }
}

// The words of `line` (tokens between spaces and tabs), one by one.
template <typename F>
void each_token(std::string_view line, F&& f) {
  for (std::size_t i = 0; i < line.size();) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i && !f(line.substr(i, j - i))) return;
    i = j;
  }
}

}  // namespace

bool SiteWords::neutral_line(std::string_view line) const {
  if (line.size() > kMaxSiteLine || neutral_.empty()) return false;
  bool any = false, neutral = true;
  std::string key;
  each_token(line, [&](std::string_view raw) {
    any = true;
    if (!holds_letter(raw)) return true;
    fold_site_word(trim_signs(raw), key);
    neutral = neutral_.count(key) > 0;
    return neutral;
  });
  return any && neutral;
}

namespace {

// A transcript's time alone: "00:02:14", "[1:02:14]".
bool time_alone(std::string_view t) {
  if (t.size() >= 2 && t.front() == '[' && t.back() == ']') t = t.substr(1, t.size() - 2);
  int colons = 0, digits = 0;
  for (char c : t) {
    if (c == ':') {
      if (digits == 0 || (colons > 0 && digits != 2)) return false;
      ++colons, digits = 0;
    } else if (c >= '0' && c <= '9') {
      ++digits;
    } else {
      return false;
    }
  }
  return colons == 2 && digits == 2;
}

// The items of a menu: `line` cut at the tokens "|" and "·"; of each item,
// its words, or 99 when it is empty or ends a sentence (no menu then). Two
// items with a digit make a report's row or time line ("Klaverbeek 39 |
// Oostwaarde 25 | …", "12-03-2021 aanvraag | 18-10-2021 besluit | …"): no
// items then.
std::vector<int> menu_items(std::string_view line) {
  std::vector<int> items{0};
  bool sentence_end = false, digit = false;
  int with_digits = 0;
  auto close = [&] {
    if (items.back() == 0 || sentence_end) items.back() = 99;  // an empty item or a sentence: no menu
    with_digits += digit;
  };
  each_token(line, [&](std::string_view raw) {
    if (raw == "|" || raw == "\xC2\xB7") {
      close();
      items.push_back(0);
      sentence_end = digit = false;
      return true;
    }
    ++items.back();
    digit |= std::any_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; });
    const char last = raw.back();
    sentence_end = (last == '.' || last == '!' || last == '?') && raw.size() >= 3;
    return true;
  });
  close();
  if (with_digits >= 2) items.clear();
  return items;
}

}  // namespace

bool SiteWords::control_line(std::string_view line) const {
  if (line.size() > kMaxSiteLine || line.empty()) return false;
  // Cheap first: a menu needs "|" or "·", a sign a byte over ASCII, a time a
  // colon; most lines hold none.
  if (std::none_of(line.begin(), line.end(), [](char c) { return c == '|' || c == ':' || static_cast<unsigned char>(c) >= 0x80; }))
    return false;
  if (time_alone(line)) return true;
  if (line[0] == '|') return false;  // a markdown row
  std::vector<int> items = menu_items(line);
  if (items.size() >= 3 && std::all_of(items.begin(), items.end(), [](int n) { return n >= 1 && n <= 4; })) {
    // A site's menu holds a site's word or address; a report's units or a
    // table's header between bars do not ("Directie X | Afdeling Y | Team Z").
    bool cue = false;
    each_token(line, [&](std::string_view raw) {
      if (!holds_letter(raw)) return true;
      thread_local std::string key;
      fold_site_word(trim_signs(raw), key);
      cue = web_address(raw) || word_class(key) == Class::cue;  // an [interface] or [english] word
      return !cue;
    });
    if (cue) return true;
  }
  if (signs_.empty()) return false;
  int n = 0;
  bool sign = false;
  each_token(line, [&](std::string_view raw) {
    if (signs_.count(std::string(raw))) sign = true;
    else n += holds_letter(raw) ? 1 : 0;
    return n <= 8;
  });
  return sign && n <= 8;
}

bool SiteWords::whole_line(std::string_view line, const WordRepair& words) const {
  if (line.size() > kMaxSiteLine || (interface_.empty() && english_.empty())) return false;
  int most = 0;  // words in the line, at most (neutral ones are known later)
  each_token(line, [&](std::string_view raw) { most += holds_letter(raw) ? 1 : 0; return true; });
  if (most == 0) return false;
  int cues = 0, english = 0, dutch = 0, content = 0, neutral = 0, strong = 0;
  bool number = false, hopeless = false;
  std::vector<std::string_view> unknown;  // content words, judged once the line is read
  std::string key;
  each_token(line, [&](std::string_view raw) {
    if (!holds_letter(raw)) {
      number |= std::any_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; });
      return true;
    }
    if (web_address(raw)) { ++cues, ++strong; return true; }
    const std::string_view word = trim_signs(raw);
    fold_site_word(word, key);
    switch (word_class(key)) {
      case Class::neutral: ++neutral; break;
      case Class::cue:
        ++cues;
        if (english_.count(key)) ++english;
        else ++strong;
        break;
      case Class::dutch: ++dutch; break;
      case Class::content:
        ++content;
        unknown.push_back(word);
        break;
    }
    // With a Dutch word in it, content words stay content: once they and
    // the Dutch words are half the line, no more cues can make it a site's.
    if (dutch > 0 && 2 * (dutch + content) >= most - neutral && most - neutral > 1) hopeless = true;
    return !hopeless;
  });
  // An English sentence alone is a summary's or a reference's: a site's
  // line holds an interface word or an address.
  if (hopeless || strong == 0) return false;
  const int total = most - neutral;
  // In an English line, a word that is not Dutch is the site's too.
  if (english > 0 && dutch == 0)
    for (std::string_view w : unknown)
      if (!verdict(words, w).known) ++cues;
  if (total <= 0) return false;
  // Beside a Dutch word, three cues at least ("Delen en downloaden" is a
  // heading; "Meld dit document Deel Opslaan als pdf" is not).
  if (cues >= (dutch > 0 ? 3 : 2) && 2 * cues > total) return true;
  // One cue beside a number, which no Dutch text writes so: an English or
  // unknown word, or a stamp in capitals ("38 captures 12", "GESCAND
  // 03-04-2019"; not "Document 3").
  if (cues != 1 || total != 1 || !number || unknown.size() > 0) return false;
  bool capitals = false, known = false;
  each_token(line, [&](std::string_view raw) {
    if (!holds_letter(raw)) return true;
    const std::string_view w = trim_signs(raw);
    capitals = std::none_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    known = verdict(words, w).known;
    return false;
  });
  return capitals || !known || english > 0;
}

namespace {

struct SiteTok {
  std::size_t b, e;
};

// The tokens of `line` into `out` (reused: one buffer per thread).
void site_tokens(std::string_view line, std::vector<SiteTok>& out) {
  out.clear();
  each_token(line, [&](std::string_view raw) {
    const std::size_t b = static_cast<std::size_t>(raw.data() - line.data());
    out.push_back({b, b + raw.size()});
    return true;
  });
}

// Does `raw` open a sentence: a Dutch word in capitals ("De", "Klaagster"),
// not a site's ("Share", "Download").
bool opens_report_sentence(std::string_view raw, const WordRepair& words) {
  if (raw.empty() || !(raw[0] >= 'A' && raw[0] <= 'Z')) return false;
  const std::string_view w = trim_signs(raw);
  // Not a unit or an acronym in capitals ("KB", "PDF").
  if (w.size() > 1 && std::none_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
  return w.data() == raw.data() && verdict(words, w).known;
}

}  // namespace

// Most tokens are plain ASCII words of the report: they are told apart
// without folding (cue_shapes_ holds the first letters and lengths of the
// [interface] words).
bool SiteWords::site_sign(std::string_view raw) const {
  // One pass: ASCII alone? letters, digits, signs inside, an address's marks.
  bool ascii = true, letter = false, digit = false, marks = false, inner_sign = false;
  std::size_t b = raw.size(), e = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
    const bool l = (c | 0x20) >= 'a' && (c | 0x20) <= 'z', d = c >= '0' && c <= '9';
    letter |= l, digit |= d;
    marks |= c == '.' || c == '@' || c == '/';
    if (l || d) {
      if (b == raw.size()) b = i;
      else if (e != i) inner_sign = true;
      e = i + 1;
    }
  }
  if (!ascii) {
    if (!holds_letter(raw)) return std::none_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; });
  } else {
    if (!letter) return !digit;  // signs alone ("|", "--"), not a number
    if (!marks && !inner_sign) {
      const char first = static_cast<char>(raw[b] | 0x20);
      if (first < 'a' || first > 'z' || !(cue_shapes_[first - 'a'] >> std::min<std::size_t>(e - b, 63) & 1)) return false;
    }
  }
  if (web_address(raw)) return true;
  thread_local std::string key;
  fold_site_word(trim_signs(raw), key);
  return word_class(key) == Class::cue && !english_.count(key);
}

std::size_t SiteWords::head_end(std::string_view line, const WordRepair& words, const Chrome& chrome) const {
  thread_local std::vector<SiteTok> toks;
  std::size_t cut = 0;
  for (;;) {  // again on the rest, so that a second pass finds nothing more
    const std::string_view rest = line.substr(cut);
    site_tokens(rest, toks);
    // Cheap first: a word in capitals to start a sentence after the first
    // token, and a sign or an interface word before it ("|", "weergaven").
    auto capital = [&](std::size_t t) {
      const char c = rest[toks[t].b];
      return c >= 'A' && c <= 'Z' && toks[t].e - toks[t].b > 1 && rest[toks[t].b + 1] >= 'a' && rest[toks[t].b + 1] <= 'z';
    };
    std::size_t last_capital = 0;
    for (std::size_t t = 1; t + 2 < toks.size() && toks[t].b <= kMaxSiteLine; ++t)
      if (capital(t)) last_capital = t;
    std::size_t first_sign = toks.size();
    for (std::size_t t = 0; t < last_capital && first_sign == toks.size(); ++t)
      if (site_sign(rest.substr(toks[t].b, toks[t].e - toks[t].b))) first_sign = t;
    std::size_t best = 0;
    int letters_after = 0;  // words with letters from t on
    for (std::size_t t = toks.size(); t-- > first_sign + 1;) {
      const std::string_view raw = rest.substr(toks[t].b, toks[t].e - toks[t].b);
      letters_after += holds_letter(raw) ? 1 : 0;
      if (toks[t].b > kMaxSiteLine || letters_after < 3 || !opens_report_sentence(raw, words)) continue;
      const std::string_view head = rest.substr(0, toks[t - 1].e);
      if ((whole_line(head, words) || chrome.covers(head)) && !whole_line(rest.substr(toks[t].b), words)) {
        best = toks[t].b;
        break;
      }
    }
    if (best == 0) return cut;
    cut += best;
  }
}

std::size_t SiteWords::tail_start(std::string_view line, const WordRepair& words) const {
  thread_local std::vector<SiteTok> toks;
  std::size_t end = line.size();
  for (;;) {
    const std::string_view text = line.substr(0, end);
    // Cheap first: a sentence end before the last 240 bytes' tokens, with a
    // sign or an interface word after it.
    if (text.find_first_of(".!?") == std::string_view::npos) return end;
    site_tokens(text, toks);
    auto ends_sentence = [&](std::size_t t) {
      const std::string_view prev = text.substr(toks[t - 1].b, toks[t - 1].e - toks[t - 1].b);
      const char last = prev.back();
      return (last == '.' || last == '!' || last == '?') && prev.size() >= 3;
    };
    std::size_t first = toks.size();
    for (std::size_t t = toks.size(); t-- > 3 && text.size() - toks[t].b <= kMaxSiteLine;)
      if (ends_sentence(t)) first = t;
    bool sign = false;
    for (std::size_t t = first; t < toks.size() && !sign; ++t) sign = site_sign(text.substr(toks[t].b, toks[t].e - toks[t].b));
    if (!sign) return end;
    // The longest tail that is a site's.
    std::size_t best = end;
    for (std::size_t t = first; t < toks.size() && best == end; ++t)
      if (ends_sentence(t) && whole_line(text.substr(toks[t].b), words)) best = toks[t - 1].e;
    if (best == end) return end;
    end = best;
  }
}

}  // namespace omb::pass
