#include "extract/oordelen.h"

#include <algorithm>

#include "extract/organisation.h"
#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

std::string outcome_value(const RuleFile& oordeel, const std::string& label) {
  std::string k = fold_key(label), value;
  if (auto s = oordeel.setting("table.labels." + k)) value = *s;
  for (const Rule& r : oordeel.rules())
    if (value.empty() && !r.entry.empty() && fold_key(r.entry) == k) value = r.entry;
  return value;
}

namespace {

// Between the words of a count or a header: spaces, a colon, a bar, a dash,
// a table's leader dots (three or more: "gegrond ........ 11").
std::size_t skip_separators(std::string_view t, std::size_t i) {
  while (i < t.size()) {
    if (t[i] == ' ' || t[i] == '\t' || t[i] == ':' || t[i] == '|' || t[i] == '-') ++i;
    else if (t.compare(i, 3, "...") == 0) while (i < t.size() && t[i] == '.') ++i;
    else if (t.compare(i, 3, "\xE2\x80\x93") == 0) i += 3;  // an en dash
    else break;
  }
  return i;
}

// The lower-case ASCII words of `s` (other bytes end a word; folded text
// has few).
std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) w += static_cast<char>(c | 0x20);
    else if (!w.empty()) out.push_back(std::move(w)), w.clear();
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

bool in(const std::vector<std::string>& v, const std::string& w) { return std::find(v.begin(), v.end(), w) != v.end(); }

// A count before the verdict word: "8 maal gegrond", "9 keer niet gegrond".
bool counted_before(std::string_view text, std::size_t at) {
  std::size_t e = at;
  while (e > 0 && text[e - 1] == ' ') --e;
  std::size_t b = e;
  while (b > 0 && text[b - 1] >= 'a' && text[b - 1] <= 'z') --b;
  const std::string_view w = text.substr(b, e - b);
  if (w != "maal" && w != "keer" && w != "x") return false;
  while (b > 0 && text[b - 1] == ' ') --b;
  return b > 0 && text[b - 1] >= '0' && text[b - 1] <= '9';
}

}  // namespace

OtherBody other_body_of(const RuleFile& oordeel) {
  OtherBody other{oordeel.strings("other_body.bodies"), oordeel.strings("other_body.own"), {},
                  oordeel.strings("other_body.objections"), oordeel.strings("other_body.complaints")};
  for (const std::string& w : oordeel.strings("other_body.organ_of")) {
    std::size_t eq = w.find('=');
    if (eq == std::string::npos) continue;
    std::vector<std::string> organs;
    for (std::size_t a = eq + 1; a < w.size();) {
      std::size_t c = w.find(',', a);
      if (c == std::string::npos) c = w.size();
      organs.push_back(w.substr(a, c - a));
      a = c + 1;
    }
    other.organs.emplace_back(w.substr(0, eq), std::move(organs));
  }
  return other;
}

void own_or_other_bodies(OtherBody& other, const std::string& publisher, const std::vector<std::string>& kinds) {
  const std::string folded = fold_key(publisher);
  for (const std::string& k : kinds) {
    const std::size_t eq = k.find('=');
    const std::string word = k.substr(0, eq), part = eq == std::string::npos ? word : k.substr(eq + 1);
    // No publisher found: the word speaks for the report, as it did before.
    (folded.empty() || folded.find(part) != std::string::npos ? other.own : other.bodies).push_back(word);
  }
}

std::vector<std::string> publishers_words(const OtherBody& other, const std::string& publisher) {
  std::vector<std::string> pub = words_of(publisher), mine = pub;
  for (const auto& [word, organs] : other.organs)
    if (in(pub, word)) mine.insert(mine.end(), organs.begin(), organs.end());
  return mine;
}

namespace {

// Back to the sentence's start, at most 300 bytes: a page of verdict words
// without a full stop (a table on one line) costs no more per hit. A
// semicolon starts a clause of its own subject ("… een taak van de
// gemeente; daarom is de klacht niet-ontvankelijk verklaard").
std::size_t sentence_start(std::string_view text, std::size_t at) {
  std::size_t b = at, limit = at > 300 ? at - 300 : 0;
  while (b > limit) {
    char c = text[b - 1];
    if (c == '\n' || c == ';' || ((c == '.' || c == '!' || c == '?') && b < text.size() && text[b] == ' ')) break;
    --b;
  }
  return b;
}

}  // namespace

bool objection_decided(std::string_view text, std::size_t at, const OtherBody& other) {
  if (other.objections.empty()) return false;
  const std::size_t b = sentence_start(text, at);
  // An objections entry: a word, or with "*" the start of every word so begun.
  auto stem_of = [](std::string_view o) { return o.ends_with('*') ? o.substr(0, o.size() - 1) : o; };
  // Most sentences hold no such word: ask that first, on the stems without
  // their first letter's case ("bezwa*" → "ezwa").
  const std::string_view sentence = text.substr(b, at - b);
  if (std::none_of(other.objections.begin(), other.objections.end(), [&](const std::string& o) {
        const std::string_view stem = stem_of(o);
        return stem.size() < 2 || sentence.find(stem.substr(1)) != std::string_view::npos;
      }))
    return false;
  const std::vector<std::string> before = words_of(sentence);
  auto objection = [&](const std::string& w) {
    return std::any_of(other.objections.begin(), other.objections.end(), [&](const std::string& o) {
      return o.ends_with('*') ? w.starts_with(stem_of(o)) : w == o;
    });
  };
  // A complaint word anywhere before it: the complaint's verdict ("De klacht
  // dat de gemeente het bezwaar niet tijdig afhandelde, is gegrond").
  if (std::any_of(before.begin(), before.end(), [&](const std::string& w) { return in(other.complaints, w); })) return false;
  for (std::size_t i = before.size(); i-- > 0;) {
    if (!objection(before[i])) continue;
    bool phrase = false;  // "van het bezwaar", "over zijn beroep"
    for (std::size_t k = 1; k <= 2 && k <= i; ++k)
      for (std::string_view p : {"van", "over", "op", "tegen", "bij", "na", "naar", "in", "om"}) phrase |= before[i - k] == p;
    if (!phrase) return true;
  }
  return false;
}

bool organ_named(std::string_view text, std::size_t at, const std::vector<std::string>& organs) {
  if (organs.empty()) return false;
  const std::size_t b = sentence_start(text, at);
  std::string sentence = " ";
  for (const std::string& w : words_of(text.substr(b, at - b))) sentence += w + " ";
  return std::any_of(organs.begin(), organs.end(), [&](const std::string& o) { return sentence.find(" " + o + " ") != std::string::npos; });
}

bool another_bodys(std::string_view text, std::size_t at, const OtherBody& other, const std::vector<std::string>& mine) {
  if (other.bodies.empty()) return false;
  const std::size_t b = sentence_start(text, at);
  std::vector<std::string> before = words_of(text.substr(b, at - b));
  bool body = false, complaint_told = false;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::string& w = before[i];
    if (in(other.own, w)) return false;
    // "De klacht dat de gemeente ..., is gegrond": what the complaint says,
    // up to the comma before the verdict (words_of drops it: the clause
    // runs to the verdict).
    // "De klacht over de gedragingen van de gemeente X is gegrond": all it is
    // about, up to a "door" that names who judged ("... is door het college
    // gegrond verklaard").
    if (in(other.complaints, w) && i + 1 < before.size() && (before[i + 1] == "dat" || before[i + 1] == "over"))
      complaint_told = true;
    if (w == "door") complaint_told = false;
    // "De klacht over de gemeente is gegrond": the body complained about.
    bool about = complaint_told || (i >= 1 && before[i - 1] == "over") || (i >= 2 && before[i - 2] == "over");
    body |= in(other.bodies, w) && !in(mine, w) && !about;
  }
  return body;
}

bool named_organisation_gave(std::string_view text, std::size_t at, const std::vector<std::size_t>& organisations,
                             const OtherBody& other) {
  // The verdict's own clause: "Omdat het CBIS niet tijdig besliste, is de
  // klacht gegrond" is the report's.
  std::size_t b = sentence_start(text, at);
  if (std::size_t comma = text.substr(b, at - b).rfind(','); comma != std::string_view::npos) b += comma + 1;
  auto it = std::lower_bound(organisations.begin(), organisations.end(), b);
  if (it == organisations.end() || *it >= at) return false;
  for (const std::string& w : words_of(text.substr(b, at - b)))
    if (in(other.own, w)) return false;
  for (; it != organisations.end() && *it < at; ++it) {
    // "De klacht over de gemeente Ekelstede is gegrond", "de klacht van de
    // heer B. over de provincie", "de klacht dat het CBIS ...": the body
    // complained about.
    const std::vector<std::string> before = words_of(text.substr(b, *it - b));
    const std::size_t n = before.size();
    bool about = false;
    for (std::size_t i = 0; i + 1 < n; ++i)
      about |= in(other.complaints, before[i]) && (before[i + 1] == "over" || before[i + 1] == "tegen" || before[i + 1] == "dat");
    for (std::size_t k = 1; k <= 3 && k <= n; ++k) about |= before[n - k] == "over";
    if (!about) return true;
  }
  return false;
}

// A number in words, "één" to "twintig" (not "een", the article), in lower
// case or with a capital.
bool number_word(std::string_view w) {
  static constexpr std::string_view kNumbers[] = {
      "\xC3\xA9\xC3\xA9n", "e\xC3\xA9n", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
      "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"};
  std::string k(w);
  if (!k.empty() && k[0] >= 'A' && k[0] <= 'Z') k[0] = static_cast<char>(k[0] | 0x20);
  if (k.starts_with("\xC3\x89")) k.replace(0, 2, "\xC3\xA9");  // "Één"
  return std::find(std::begin(kNumbers), std::end(kNumbers), k) != std::end(kNumbers);
}

// A clause that opens with a number in words and "klacht", or a plural
// ("één klacht is ingetrokken", "drie klachten waren gegrond", "Elf
// studenten trokken hun klacht in"; not "een klacht", the article, which
// opens a case's summary too).
bool counted_subject(std::string_view clause) {
  const std::size_t sp = clause.find(' ');
  if (sp == std::string_view::npos || !number_word(clause.substr(0, sp))) return false;
  const std::string_view rest = clause.substr(sp + 1);
  const std::string_view word = rest.substr(0, rest.find(' '));
  return word == "klacht" || (word.size() >= 4 && (word.ends_with("en") || word.ends_with("s")) && word.back() != ',');
}

// A count of verdicts: a number right before the verdict ("58 gegrond",
// "12 procent deels gegrond", "11 niet behoorlijk"; not numbered parts,
// "klachtonderdelen 1 en 2 gegrond"), or a clause that opens
// with one ("31 klachten zijn in onderling overleg afgesloten", "41 procent
// van de klachten vonden wij gegrond").
bool number_counts(std::string_view text, std::size_t at) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t e = at;
  while (e > 0 && text[e - 1] == ' ') --e;
  std::size_t b = e;
  while (b > 0 && text[b - 1] >= 'a' && text[b - 1] <= 'z') --b;
  std::string_view w = text.substr(b, e - b);
  // Numbered parts are no count: "vindt de klachtonderdelen 1 en 2 gegrond",
  // "klachtonderdeel twee gegrond".
  auto numbered_parts = [&](std::size_t end) {
    std::size_t from = end > 60 ? end - 60 : 0;
    std::string_view before = text.substr(from, end - from);
    return before.find("onderde") != std::string_view::npos || before.find("punt") != std::string_view::npos ||
           before.find("aspect") != std::string_view::npos;
  };
  // A number in words right before it: "verklaarde het er vijf gegrond"
  // ("één", "eén": their accented letters stopped the scan at "n").
  const bool in_words = number_word(w) || (w == "n" && ((b >= 4 && number_word(text.substr(b - 4, 5))) ||
                                                        (b >= 3 && number_word(text.substr(b - 3, 4)))));
  if (in_words) return !numbered_parts(b);
  // A count in brackets: "was een derde (28) gegrond".
  if (w.empty() && e >= 3 && text[e - 1] == ')' && digit(text[e - 2])) {
    std::size_t n = e - 2;
    while (n > 0 && digit(text[n - 1])) --n;
    // After a word ("een derde (28)"), not an enumerator at a line's start
    // ("(1) gegrond") nor a year ("(2023)").
    const bool after_word = n >= 3 && text[n - 1] == '(' && text[n - 2] == ' ' && std::isalpha(static_cast<unsigned char>(text[n - 3]));
    if (after_word && !is_year(text.substr(n, e - 1 - n))) return !numbered_parts(n);
  }
  if (w == "procent" || (e > 0 && text[e - 1] == '%')) {
    e = w.empty() ? e - 1 : b;
    while (e > 0 && text[e - 1] == ' ') --e;
  }
  if (e > 0 && digit(text[e - 1])) {
    std::size_t n = e;
    while (n > 0 && digit(text[n - 1])) --n;
    // A date's year or day is no count: "op 3 mei 2022 gegrond verklaard".
    const std::string_view number = text.substr(n, e - n);
    if (is_year(number)) return false;
    return !numbered_parts(e);
  }
  // The clause's first word: back to a sentence end, a line end or a ; , :
  std::size_t c = at, limit = at > 300 ? at - 300 : 0;
  while (c > limit) {
    char ch = text[c - 1];
    if (ch == '\n' || ch == ';' || ch == ':' || (ch == ',' && !(c >= 2 && digit(text[c - 2]))) ||
        ((ch == '.' || ch == '!' || ch == '?') && text[c] == ' '))
      break;
    --c;
  }
  while (c < at && text[c] == ' ') ++c;
  if (c < at && counted_subject(text.substr(c))) return true;
  if (!(c < at && digit(text[c]))) return false;
  // A count opens the clause: a whole number and a word that is no month
  // ("31 klachten zijn ...", "2.377 klachten waren ..."; not "15 juni 2021
  // heeft ...", "2.1 De klacht").
  std::size_t d = c;
  auto thousands = [&](std::size_t p) {  // ".377" then no digit: a group of thousands
    return text[p] == '.' && p + 4 < at && digit(text[p + 1]) && digit(text[p + 2]) && digit(text[p + 3]) && !digit(text[p + 4]);
  };
  while (d < at && (digit(text[d]) || (d > c && thousands(d)))) ++d;
  if (d >= at || text[d] != ' ') return false;
  const std::size_t ws = d + 1;
  std::size_t we = ws;
  while (we < at && text[we] >= 'a' && text[we] <= 'z') ++we;
  return we > ws && !is_month_name(text.substr(ws, we - ws));
}

namespace {

// Whether the line at `p` holds two numbers or more standing alone, as a
// table's row of counts does ("Oudewaard   4   2   3"); years do not count.
bool counts_row(std::string_view text, std::size_t p) {
  int numbers = 0;
  for (std::size_t i = p; i < text.size() && text[i] != '\n'; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) || (i > p && text[i - 1] != ' ')) continue;
    std::size_t e = i;
    while (e < text.size() && std::isdigit(static_cast<unsigned char>(text[e]))) ++e;
    if ((e == text.size() || text[e] == ' ' || text[e] == '\n') && !is_year(text.substr(i, e - i)) && ++numbers >= 2)
      return true;
    if (e == text.size() || text[e] == '\n') break;
    i = e;
  }
  return false;
}

// The words of a line, split at spaces.
std::size_t count_words(std::string_view line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) n += line[i] != ' ' && (i == 0 || line[i - 1] == ' ');
  return n;
}

// The start of the first line after the one that ends at `b` (its '\n')
// that holds more than spaces.
std::size_t next_text_line(std::string_view text, std::size_t b) {
  std::size_t p = b;
  while (p < text.size() && (text[p] == '\n' || text[p] == ' ')) ++p;
  const std::size_t nl = text.rfind('\n', p - 1);  // p > b >= 0: the '\n' at b at least
  return nl + 1;
}

// A column of a table's header: the verdict's line holds a word that names a
// column of counts (`column_words`) or two years, or stands over a row of
// counts, and does not end like a sentence or a list item: "ontvangen   afgehandeld   gegrond", "binnen
// termijn   gegrond of deels gegrond", "2022   2023   waarvan gegrond".
bool on_count_header(const Context& ctx, const Hit& h, const std::vector<std::string>& column_words) {
  // A header row is short; a long line is prose (and folding it for every
  // verdict on it would make dense text quadratic).
  constexpr std::size_t kMaxHeader = 240;
  std::string_view text = ctx.text;
  std::size_t a = h.start;
  while (a > 0 && text[a - 1] != '\n')
    if (h.start - --a > kMaxHeader) return false;
  std::size_t b = h.end;
  while (b < text.size() && text[b] != '\n')
    if (++b - h.end > kMaxHeader) return false;
  std::string_view line = text.substr(a, b - a);
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  static constexpr std::string_view kEnds = ".;:!?)\"'";
  // Cells apart by two column gaps or more are a table's, whatever the last
  // one ends in ("Deels gegr.   Ongegrond   Ingetr.").
  const auto g0 = std::lower_bound(ctx.gaps.begin(), ctx.gaps.end(), a);
  const bool columns = std::distance(g0, std::lower_bound(g0, ctx.gaps.end(), b)) >= 2;
  if (line.empty() ||
      (!columns && ((kEnds.find(line.back()) != std::string_view::npos && line.back() != ')') || line.ends_with("\u201D") ||
                    line.ends_with("\u2019"))))
    return false;
  // Two years name columns too, a bracket after them ("2022  2023  gegrond
  // (2023)", "Directie  Q1 2021  Q2 2021  (deels) gegrond").
  int periods = 0;
  for (std::size_t p = 0; p + 4 <= line.size(); ++p) {
    const bool edge = (p == 0 || !std::isalnum(static_cast<unsigned char>(line[p - 1]))) &&
                      (p + 4 == line.size() || !std::isalnum(static_cast<unsigned char>(line[p + 4])));
    if (edge && is_year(line.substr(p, 4)) && ++periods >= 2) return true;
  }
  if (line.back() == ')') return false;
  // A line without numbers over a row of counts is the header of their
  // columns ("Directie  Gegrond  Deels  Ongegrond" over "Studiefinanciering
  // 402  188  311").
  if (b < text.size() && !counts_row(line, 0) && count_words(line) >= 3) {
    const std::size_t next = next_text_line(text, b);
    if (counts_row(text, next) && (columns || ctx.in_table_row(next))) return true;
  }
  const std::string folded = fold_key(line);
  for (const std::string& w : column_words) {
    for (std::size_t p = folded.find(w); p != std::string::npos; p = folded.find(w, p + 1)) {
      const bool starts = p == 0 || folded[p - 1] == ' ';
      const bool ends = p + w.size() == folded.size() || folded[p + w.size()] == ' ';
      if (starts && ends) return true;
    }
  }
  return false;
}

}  // namespace

bool statistic(std::string_view text, const std::vector<Hit>& hits, std::size_t i) {
  const Hit& h = hits[i];
  std::size_t after = skip_separators(text, h.end);
  if (after < text.size() && text[after] >= '0' && text[after] <= '9') return true;
  if (counted_before(text, h.start) || number_counts(text, h.start)) return true;
  // Hits come in text order: the header's other words are the neighbours.
  if (i + 1 < hits.size() && after > h.end && hits[i + 1].start == after) return true;
  if (i > 0 && hits[i - 1].end < h.start && skip_separators(text, hits[i - 1].end) == h.start) return true;
  return false;
}

void run_oordelen(Context& ctx) {
  const RuleFile& oo = ctx.file("oordeel");
  Coverage table_labels;  // oordeel rows, to drop plain hits there
  for (const OutcomeRow& row : ctx.outcome_rows) {
    std::string value = outcome_value(oo, row.label);
    if (value.empty()) continue;
    ctx.add("oordeel", value, row.start, row.end, "oordeel.table", row.counts);
    table_labels.add(row.start, row.end);
  }
  // A study's publisher (a rekenkamer) judges no complaint: every verdict
  // in it is another's (the municipality's, an ombudsman's).
  if (has_listed_word(ctx.out.facts.organisation, oo.strings("other_body.no_verdicts"))) return;
  OtherBody other = other_body_of(oo);
  const std::vector<std::string> mine = publishers_words(other, ctx.out.facts.organisation);
  own_or_other_bodies(other, ctx.out.facts.organisation, oo.strings("other_body.own_bodies"));
  std::vector<std::size_t> organisations;  // where the organisations the report is about are named
  for (const Tag& t : ctx.tags)
    if (t.type == "afdeling" && t.detail.find("\"level\":\"organisation\"") != std::string::npos) organisations.push_back(t.start);
  std::sort(organisations.begin(), organisations.end());
  // A watchdog's report (an ombudsman, a committee, a rekenkamer) tells of
  // the verdicts the units it looks at gave: "Het cluster verklaarde de
  // klacht gegrond" is the cluster's, not the report's.
  const bool watchdog = watchdog_publisher(ctx);
  if (watchdog) {
    std::vector<std::string> units = oo.strings("other_body.unit_bodies");
    other.bodies.insert(other.bodies.end(), units.begin(), units.end());
  }
  // Verdicts only a watchdog gives ("behoorlijk"): in another body's report
  // they are an ombudsman's about it, never the report's own.
  // The report of a body that is no watchdog (a school board, a hospital, an
  // agency) tells of its own board's verdicts: "Het college van bestuur
  // heeft de klacht gegrond verklaard" is the report's.
  const std::vector<std::string> own_organs = !watchdog && !mine.empty() ? oo.strings("other_body.own_organs")
                                                                         : std::vector<std::string>{};
  const std::vector<std::string> watchdog_values = oo.strings("other_body.watchdog_values");
  const std::vector<std::string> judged = oo.strings("other_body.values");
  const std::vector<std::string> column_words = oo.strings("table.column_words");
  const std::vector<Hit>& hits = ctx.hits_of("oordeel");
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    if (table_labels.overlaps(h.start, h.end) || statistic(ctx.text, hits, i) || on_count_header(ctx, h, column_words))
      continue;
    if (!watchdog && !mine.empty() && in(watchdog_values, h.value)) continue;
    if (std::find(judged.begin(), judged.end(), h.value) != judged.end() &&
        ((another_bodys(ctx.text, h.start, other, mine) && !organ_named(ctx.text, h.start, own_organs)) ||
         named_organisation_gave(ctx.text, h.start, organisations, other) || objection_decided(ctx.text, h.start, other)))
      continue;
    ctx.add("oordeel", h.value, h.start, h.end, ctx.rule_of("oordeel", h).id);
  }
}

}  // namespace omb::interp
