#include "normalize/split.h"

#include <algorithm>
#include <cctype>

#include "base/fs.h"
#include "normalize/chars.h"
#include "normalize/classify.h"
#include "normalize/tsv.h"
#include "normalize/word_repair.h"

namespace omb::pass {
namespace {

constexpr std::string_view kBullet = "\xE2\x80\xA2";

bool starts_with_word(std::string_view c, std::size_t at, std::string_view w) {
  if (c.compare(at, w.size(), w) != 0) return false;
  std::size_t e = at + w.size();
  return e < c.size() && (c[e] == ' ' || c[e] == ':' || c[e] == '\t');
}

// Up to `n` words of c from its start: [start, end) of each, split at
// spaces. A word broken at a hyphen ("klant- manager", as a block's lines
// are probed) is one word, as the emitter will write it.
std::size_t first_words(std::string_view c, std::size_t n, std::pair<std::size_t, std::size_t>* w) {
  std::size_t got = 0;
  for (std::size_t i = 0; i < c.size() && got < n;) {
    while (i < c.size() && c[i] == ' ') ++i;
    std::size_t j = i;
    while (j < c.size() && c[j] != ' ') ++j;
    if (j > i + 1 && c[j - 1] == '-' && j + 1 < c.size() && starts_lower(c.substr(j + 1))) {
      j = c.find(' ', j + 1);
      if (j == std::string_view::npos) j = c.size();
    }
    if (j > i) w[got++] = {i, j};
    i = j;
  }
  return got;
}

// Bullets: glued to a word, or any later one in a line that starts with one,
// or that starts with a heading ("Aanbevelingen • Reageer binnen …").
void bullet_cuts(std::string_view c, std::vector<std::size_t>& cuts) {
  bool list = bullet_len(c) > 0;
  for (std::size_t q = c.find(kBullet, 1); q != std::string_view::npos; q = c.find(kBullet, q + 1)) {
    if (q + 3 >= c.size() || c[q + 3] != ' ') continue;
    if (!list && c[q - 1] == ' ' && heading_like(c.substr(0, q))) list = true;
    if (c[q - 1] != ' ' || list) cuts.push_back(q);
  }
}

// Where a salutation starting at q ends: its comma, or a later one while
// what follows the comma is a short lower-case addition ("Geachte heer,
// mevrouw,"); npos without a comma.
std::size_t salutation_end(std::string_view c, std::size_t q) {
  std::size_t comma = c.find(',', q);
  for (int more = 0; comma != std::string_view::npos && more < 2; ++more) {
    std::size_t r = c.find_first_not_of(' ', comma + 1);
    if (r == std::string_view::npos || !starts_lower(c.substr(r))) break;
    std::size_t next = c.find(',', r);
    if (next == std::string_view::npos || next - r > 30) break;
    comma = next;
  }
  return comma;
}

// A salutation at q: a cut before it (unless it starts the line) and after
// its comma, when a sentence follows. Returns where to go on looking.
std::size_t salutation_cuts(std::string_view c, std::size_t q, std::vector<std::size_t>& cuts) {
  if (q > 0) cuts.push_back(q);
  std::size_t comma = salutation_end(c, q);
  if (comma == std::string_view::npos) return q;
  // A salutation is short and has no other punctuation ("Beste praktijken
  // zijn onder meer: A, B" is a sentence).
  std::string_view sal = c.substr(q, comma - q);
  if (sal.find_first_of(".:;!?") != std::string_view::npos || std::count(sal.begin(), sal.end(), ' ') > 5) return q;
  std::size_t r = c.find_first_not_of(' ', comma + 1);
  if (r != std::string_view::npos && starts_upper_or_digit(c.substr(r))) cuts.push_back(r);
  return comma;
}

void letter_cuts(std::string_view c, const LetterFields& lf, std::vector<std::size_t>& cuts) {
  // A line that opens with a salutation: "Geachte heer Pieters, Naar aanleiding …".
  if (lf.salutation_at(c, 0)) {
    salutation_cuts(c, 0, cuts);
    return;
  }
  if (!lf.field_at(c, 0)) return;
  for (std::size_t q = 1; q < c.size(); ++q) {
    if (c[q - 1] != ' ') continue;
    if (lf.field_at(c, q)) { cuts.push_back(q); continue; }
    if (lf.salutation_at(c, q)) q = salutation_cuts(c, q, cuts);
  }
}

bool capitalised(std::string_view w) {
  return !w.empty() && w[0] >= 'A' && w[0] <= 'Z' &&
         std::none_of(w.begin() + 1, w.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

// A name particle before a capital is a name: "Mevrouw de Vries", "van Dam".
bool name_follows(std::string_view c, const std::pair<std::size_t, std::size_t>* w, std::size_t k, std::size_t n) {
  return k + 1 < n && name_particle(c.substr(w[k].first, w[k].second - w[k].first)) && std::isupper(U(c[w[k + 1].first]));
}

// A heading glued to the sentence after it ("SamenvattingDe ombudsman …"):
// the emitter splits such a token at its capital (word_repair.h, step 1),
// so the next pass reads two words. A token of w[0, n) whose tail from a
// lower-to-upper boundary is a sentence start, and whose head is a word,
// becomes two entries (at most `cap` in all).
std::size_t split_glued_starts(std::string_view c, const WordRepair& words, std::pair<std::size_t, std::size_t>* w,
                               std::size_t n, std::size_t cap) {
  for (std::size_t k = 0; k < n && n < cap; ++k) {
    const std::size_t b = w[k].first, e = w[k].second;
    for (std::size_t p = b + 3; p + 1 < e; ++p) {
      if (!(c[p - 1] >= 'a' && c[p - 1] <= 'z' && c[p] >= 'A' && c[p] <= 'Z')) continue;
      if (!words.sentence_start(lower_latin(c.substr(p, e - p))) || !words.lex().known(c.substr(b, p - b))) break;
      std::move_backward(w + k + 1, w + n, w + n + 1);
      w[k] = {b, p};
      w[k + 1] = {p, e};
      ++n;
      ++k;
      break;
    }
  }
  return n;
}

// How many of the first n words of c number a heading: "2.1", a letter
// ("a." or "b)"), "§ 2.3", "Hoofdstuk 2:", "BIJLAGE B". 0 for none.
std::size_t heading_number(std::string_view c, const std::pair<std::size_t, std::size_t>* ws, std::size_t n) {
  auto word = [&](std::size_t k) { return c.substr(ws[k].first, ws[k].second - ws[k].first); };
  auto number = [](std::string_view w) {
    return !w.empty() && std::isdigit(U(w[0])) && w.find_first_not_of("0123456789.") == std::string_view::npos;
  };
  // A number with a letter after it: "2.a", "2.b.", "3.1.c".
  auto lettered = [&](std::string_view w) {
    if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);
    return w.size() >= 3 && std::isdigit(U(w[0])) && w[w.size() - 2] == '.' && w.back() >= 'a' && w.back() <= 'z' &&
           number(w.substr(0, w.size() - 1));
  };
  const std::string_view w0 = word(0);
  if (std::isdigit(U(w0[0]))) return number(w0) || lettered(w0) ? 1 : 0;
  if (w0.size() == 2 && w0[0] >= 'a' && w0[0] <= 'z' && (w0[1] == '.' || w0[1] == ')')) return 1;
  // A capital letter of a list of parts: "A. Inleiding" (A to H: no initial
  // of a name before a word in lower case follows, see heading_cut).
  if (w0.size() == 2 && w0[0] >= 'A' && w0[0] <= 'H' && w0[1] == '.') return 1;
  // "§3" with its number glued on.
  if (w0.size() > 2 && w0.starts_with("\xc2\xa7") && number(w0.substr(2))) return 1;
  if (n < 2) return 0;
  std::string_view w1 = word(1);
  if (w0 == "\xc2\xa7") return number(w1) ? 2 : 0;  // §
  static constexpr std::string_view kParts[] = {"Hoofdstuk", "HOOFDSTUK", "Bijlage", "BIJLAGE", "Paragraaf", "PARAGRAAF"};
  if (std::find(std::begin(kParts), std::end(kParts), w0) == std::end(kParts)) return 0;
  if (w1.size() > 1 && (w1.back() == ':' || w1.back() == '.')) w1.remove_suffix(1);
  const bool roman = !w1.empty() && w1.find_first_not_of("IVX") == std::string_view::npos;
  const bool letter = w1.size() == 1 && w1[0] >= 'A' && w1[0] <= 'Z';
  return number(w1) || roman || letter ? 2 : 0;
}

// A heading number inside a line, after a heading: "2 Werkwijze 2.1 Ontvangst …".
bool inner_heading_number(std::string_view w) {
  const std::size_t dot = w.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < w.size() && std::isdigit(U(w[0])) &&
         std::isdigit(U(w[dot + 1])) && w.find_first_not_of("0123456789.") == std::string_view::npos;
}

// A dash standing as a word: "-", "–" or "—".
bool is_dash(std::string_view w) { return w == "-" || w == "\xe2\x80\x93" || w == "\xe2\x80\x94"; }

// A short question that opens the line as a heading does: a question word
// ("Wat", "Hoe", "Waarover"), at most 7 words to the "?" and no other
// punctuation, then a capital or a dash and at least 3 more words ("Wat is
// er gebeurd? U heeft op 3 mei …", "Wat ging er goed? – De medewerker …").
// Where the sentence after it starts, or npos.
std::size_t question_end(std::string_view c, const WordRepair& words, const std::pair<std::size_t, std::size_t>* ws,
                         std::size_t n) {
  auto word = [&](std::size_t k) { return c.substr(ws[k].first, ws[k].second - ws[k].first); };
  if (n < 5 || !words.question_word(lower_latin(word(0)))) return std::string_view::npos;
  for (std::size_t k = 0; k < n && k < 7; ++k) {
    const std::string_view w = word(k);
    if (w.back() != '?') {
      if (std::string_view(".,;:!()").find(w.back()) != std::string_view::npos) return std::string_view::npos;
      continue;
    }
    if (k + 4 >= n) return std::string_view::npos;
    const std::string_view next = word(k + 1);
    return is_dash(next) || (next[0] >= 'A' && next[0] <= 'Z') ? ws[k + 1].first : std::string_view::npos;
  }
  return std::string_view::npos;
}

// A colon inside a heading, at the end of its word `at`: the first colon,
// within the heading's first 5 words, whose first word does not open a
// sentence ("Overwegingen: De commissie …", "Casus: de verdwenen container
// …", "Zaak 2021-017: parkeervergunning …"; not "Klager schreef: De …").
bool heading_colon(std::string_view c, const WordRepair& words, const std::pair<std::size_t, std::size_t>* ws,
                   std::size_t first, std::size_t at) {
  if (c[ws[at].second - 1] != ':' || at > first + 4) return false;
  for (std::size_t k = first; k < at; ++k)
    if (std::string_view(".,;:!?").find(c[ws[k].second - 1]) != std::string_view::npos) return false;
  std::string head = lower_latin(c.substr(ws[first].first, ws[first].second - ws[first].first));
  while (!head.empty() && head.back() == ':') head.pop_back();
  return !words.sentence_start(head);
}

// Whether a word of the heading from `first` to `at` opens the parenthesis
// that word `at` closes, around a count ("Bejegening (12 klachten) Twaalf
// …"); not an abbreviation, which text writes too ("Inkomen (WPI) De …",
// where a full stop went missing).
bool opened_paren(std::string_view c, const std::pair<std::size_t, std::size_t>* ws, std::size_t first, std::size_t at) {
  for (std::size_t k = first; k <= at; ++k)
    if (c[ws[k].first] == '(') {
      const std::string_view inside = c.substr(ws[k].first, ws[at].second - ws[k].first);
      return inside.find_first_of("0123456789") != std::string_view::npos;
    }
  return false;
}

// See split.h: a heading (a number before it, or not), up to 6 words without
// punctuation (in capitals, a number may carry a . or :), then a capitalised sentence start followed by a word in lower
// case or a number, and at least 3 more words. After a numbered heading, a
// question mark ends it ("4.1 Is de klacht terecht? Ja, …"), and another
// heading number starts the next ("2 Werkwijze 2.1 Ontvangst …").
void heading_cut(std::string_view c, const WordRepair& words, std::vector<std::size_t>& cuts) {
  if (c.empty()) return;
  const bool lettered = c.size() > 2 && c[0] >= 'a' && c[0] <= 'z' && (c[1] == '.' || c[1] == ')') && c[2] == ' ';
  if (!lettered && !std::isdigit(U(c[0])) && !(c[0] >= 'A' && c[0] <= 'Z') && !c.starts_with("\xc2\xa7")) return;
  std::pair<std::size_t, std::size_t> ws[14];
  std::size_t n = split_glued_starts(c, words, ws, first_words(c, 13, ws), 14);
  std::size_t first = heading_number(c, ws, n);
  // A dash after the number: "Bijlage B – Gesprekspartners".
  if (first > 0 && first + 1 < n) {
    const std::string_view d = c.substr(ws[first].first, ws[first].second - ws[first].first);
    if (is_dash(d)) ++first;
  }
  // OCR's 0 for a capital O opens a line as the capital does: the emitter
  // writes "0njuiste" there as "Onjuiste" (fragments.h).
  const bool zero_for_o = c.size() > 3 && c[0] == '0' && c[1] >= 'a' && c[1] <= 'z';
  if (first == 0 && !(c[0] >= 'A' && c[0] <= 'Z') && !zero_for_o) return;
  if (first == 0) {
    const std::size_t q = question_end(c, words, ws, n);
    if (q != std::string_view::npos) {
      cuts.push_back(q);
      return;
    }
  }
  if (first > 0 && (first >= n || !starts_upper_or_digit(c.substr(ws[first].first)) || std::isdigit(U(c[ws[first].first]))))
    return;
  // A heading in capitals may number itself with a mark: "II. BEVINDINGEN",
  // "BIJLAGE 1: VERANTWOORDING".
  bool caps = true;
  for (std::size_t k = first + 1; k < n && k <= first + 6; ++k) {
    std::string_view prev = c.substr(ws[k - 1].first, ws[k - 1].second - ws[k - 1].first);
    std::string_view w = c.substr(ws[k].first, ws[k].second - ws[k].first);
    if (first > 0 && k + 3 < n && ((prev.back() == '?' && w[0] >= 'A' && w[0] <= 'Z') ||
                                   (inner_heading_number(w) && c[ws[k + 1].first] >= 'A' && c[ws[k + 1].first] <= 'Z' &&
                                    std::string_view(".,;:!?)").find(prev.back()) == std::string_view::npos))) {
      cuts.push_back(ws[k].first);
      return;
    }
    caps &= std::none_of(prev.begin(), prev.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    bool numbering = caps && prev.size() >= 2 && (prev.back() == '.' || prev.back() == ':') &&
                     std::all_of(prev.begin(), prev.end() - 1, [](char ch) { return std::isdigit(U(ch)) || ch == 'I' || ch == 'V' || ch == 'X'; });
    const bool allowed = numbering || heading_colon(c, words, ws, first, k - 1) ||
                         (prev.back() == ')' && opened_paren(c, ws, first, k - 1));
    if (!allowed && std::string_view(".,;:!?)").find(prev.back()) != std::string_view::npos) return;  // a sentence, not a heading
    if (!capitalised(w) || k + 3 >= n) continue;
    const std::string low = lower_latin(w);
    if (!words.sentence_start(low) || words.glue_word(lower_latin(prev))) continue;
    // The next word has no capital (a name would: "De Vries"); it may still
    // be damaged ("|5 oktober"), so that the next pass, which sees it
    // repaired, cuts the same. A title before a name opens the sentence
    // when a word in lower case follows the name ("Mevrouw Koster zette").
    char next = c[ws[k + 1].first];
    const bool titled = words.title_word(low) && capitalised(c.substr(ws[k + 1].first, ws[k + 1].second - ws[k + 1].first)) &&
                        c[ws[k + 2].first] >= 'a' && c[ws[k + 2].first] <= 'z';
    // Under a heading in capitals, the sentence may name an acronym first:
    // "KLACHTEN OVER DE GGD De GGD ontving dit jaar ...".
    const std::string_view nw = c.substr(ws[k + 1].first, ws[k + 1].second - ws[k + 1].first);
    const bool acronym = caps && w != lower_latin(w) && nw.size() >= 2 &&
                         std::all_of(nw.begin(), nw.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }) &&
                         c[ws[k + 2].first] >= 'a' && c[ws[k + 2].first] <= 'z';
    if (!titled && !acronym && ((next >= 'A' && next <= 'Z') || name_follows(c, ws, k + 1, n))) continue;
    cuts.push_back(ws[k].first);
    return;
  }
}

// Cuts `l` at the offsets (within its content), in order.
void cut_line(std::string_view src, const Line& l, std::vector<std::size_t> cuts, std::vector<Line>& out) {
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  Line cur = l;
  for (std::size_t q : cuts) {
    std::size_t at = l.cb + q;
    if (at <= cur.cb || at >= cur.ce) continue;
    Line a = cur;
    a.e = at;
    a.ce = at;
    while (a.ce > a.cb && is_space(src, a.ce - 1)) --a.ce;
    out.push_back(a);
    cur.b = at;
    cur.cb = at;
    cur.hard_start = true;
    cur.stray_space = false;
  }
  out.push_back(cur);
}

}  // namespace

std::size_t heading_cut_at(std::string_view c, const WordRepair& words) {
  std::vector<std::size_t> cuts;
  heading_cut(c, words, cuts);
  return cuts.empty() ? std::string_view::npos : cuts[0];
}

bool letter_cut_in(std::string_view c, const LetterFields& lf) {
  std::vector<std::size_t> cuts;
  letter_cuts(c, lf, cuts);
  return std::any_of(cuts.begin(), cuts.end(), [](std::size_t q) { return q > 0; });
}

bool LetterFields::field_at(std::string_view c, std::size_t at) const {
  return std::any_of(fields.begin(), fields.end(), [&](const std::string& f) { return starts_with_word(c, at, f); });
}

bool LetterFields::salutation_at(std::string_view c, std::size_t at) const {
  return std::any_of(salutations.begin(), salutations.end(), [&](const std::string& f) { return starts_with_word(c, at, f); });
}

Result<LetterFields> LetterFields::load(const std::string& path) {
  auto data = read_file(path);
  if (!data.ok()) return data.error();
  LetterFields lf;
  for (const TsvRow& row : tsv_rows(*data)) {
    if (row.cols[0].empty() || row.cols.size() > 2 || (row.cols.size() == 2 && row.cols[1] != "salutation"))
      return make_error(Errc::parse, "expected a field, or a word, a TAB and 'salutation'", path, row.line);
    (row.cols.size() == 2 ? lf.salutations : lf.fields).emplace_back(row.cols[0]);
  }
  std::stable_sort(lf.fields.begin(), lf.fields.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return lf;
}

namespace {

// The cuts of `c` at a bullet, a letter's field or a salutation.
void structure_cuts(std::string_view c, const LetterFields& lf, std::vector<std::size_t>& cuts) {
  if (c.find(kBullet) != std::string_view::npos) bullet_cuts(c, cuts);
  letter_cuts(c, lf, cuts);
}

// The cuts of the piece c[from, to) as the next pass will see it: a line of
// its own. A bullet, a letter's field or a salutation cuts it; failing
// those, a heading pulled into it. Each piece those cuts leave is looked at
// the same way, until none is cut: a heading cut off may leave a letter's
// header ("Geachte" | "Ons kenmerk 2 Datum …"), a field a heading
// ("Ons kenmerk 2 Heeft u vragen …"), a heading another heading ("Worden Er
// is een werkende De uitvoering …"). Returns whether the piece was cut
// first at a heading pulled into it (no bullet, field or salutation cuts it).
bool piece_cuts(std::string_view c, std::size_t from, std::size_t to, const Knowledge& k,
                std::vector<std::size_t>& cuts) {
  while (from < to && c[from] == ' ') ++from;
  if (from >= to) return false;
  std::string_view piece = c.substr(from, to - from);
  std::vector<std::size_t> own;
  structure_cuts(piece, k.letter, own);
  own.erase(std::remove(own.begin(), own.end(), std::size_t{0}), own.end());
  const bool heading = own.empty();
  if (heading) {
    std::size_t h = heading_cut_at(piece, k.words);
    if (h == std::string_view::npos || h == 0) return false;
    own.push_back(h);
  }
  std::sort(own.begin(), own.end());
  own.erase(std::unique(own.begin(), own.end()), own.end());
  std::size_t at = from;
  for (std::size_t q : own) {
    cuts.push_back(from + q);
    piece_cuts(c, at, from + q, k, cuts);
    at = from + q;
  }
  piece_cuts(c, at, to, k, cuts);
  return heading;
}

}  // namespace

void split_joined_lines(std::string_view src, const Knowledge& k, std::vector<Line>& lines) {
  std::vector<Line> out;  // filled from the first line that is cut on
  bool changed = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    std::vector<std::size_t> cuts;
    bool heading_first = false;  // cut first at a heading pulled into it
    if (l.kind == LineKind::text) {
      // Any line, not only a block's first: once cut and joined, the next pass
      // sees each block as one line, and must cut it the same way.
      std::string_view c = content(src, l);
      heading_first = piece_cuts(c, 0, c.size(), k, cuts);
    }
    if (cuts.empty()) {
      if (changed) out.push_back(l);
      continue;
    }
    if (!changed) out.assign(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(i));
    const std::size_t first_piece = out.size();
    cut_line(src, l, std::move(cuts), out);
    // A heading pulled into the text below it never goes on the paragraph
    // above it either ("… parkeervergunning." ⏎ "Afval Ook over het …").
    // Only after a sentence's end: after "Participatie en" the line goes on.
    if (first_piece > 0 && out[first_piece - 1].kind == LineKind::text && ends_sentence(content(src, out[first_piece - 1])) &&
        heading_first)
      out[first_piece].hard_start = true;
    changed = true;
  }
  if (changed) lines.swap(out);
}

}  // namespace omb::pass
