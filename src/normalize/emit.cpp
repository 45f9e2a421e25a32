#include "normalize/emit.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>

#include "normalize/chars.h"
#include "normalize/chrome.h"
#include "normalize/fragments.h"
#include "normalize/mojibake.h"
#include "normalize/repairs.h"
#include "normalize/site_lines.h"
#include "normalize/word_repair.h"

namespace omb::pass {

void Emitter::edit(std::size_t b, std::size_t e, std::string_view text, std::string_view rule) {
  flush_copy(b);
  if (std::string_view(src_.data() + b, e - b) == text) { copy_from_ = std::min(copy_from_, b); pending(e); return; }
  out_.map.edit(out_.text, src_, b, e, text, rule);
  pos_ = e;
}

namespace {

// The repairs of spans, in order and without overlaps: mojibake first, then
// known debris, then a site's words before or after a sentence
// (site_lines.h, as `site_edges` asks), a viewer's controls after one
// (chrome.h, when `line_end`), then context repairs (an earlier kind wins an
// overlap).
// Whether a hit of known debris stands in quotes: the report quotes it ("de
// melding ‘Bezig met laden’ bleef staan"), and it stays.
bool quoted(std::string_view text, const RepairHit& h) {
  static constexpr std::string_view kOpen[] = {"\"", "'", "‘", "“", "„", "‚", "«"};
  static constexpr std::string_view kClose[] = {"\"", "'", "’", "”", "»"};
  const std::string_view before = text.substr(0, h.start);
  if (std::none_of(std::begin(kOpen), std::end(kOpen), [&](std::string_view q) { return before.ends_with(q); })) return false;
  std::size_t e = h.end;
  while (e > h.start && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  const std::string_view after = text.substr(e);
  return std::any_of(std::begin(kClose), std::end(kClose), [&](std::string_view q) { return after.starts_with(q); });
}

std::vector<RepairHit> span_repairs(const Knowledge& k, std::string_view text, bool line_end, int site_edges) {
  std::vector<RepairHit> hits = find_mojibake(k.words, text);
  // Adds the hits of a later kind that overlap none before them.
  auto add = [&](std::vector<RepairHit> more) {
    if (more.empty()) return;
    if (hits.empty()) { hits = std::move(more); return; }
    for (RepairHit& h : more) {
      bool overlaps = false;
      for (const RepairHit& o : hits) overlaps |= h.start < o.end && o.start < h.end;
      if (!overlaps) hits.push_back(std::move(h));
    }
    std::sort(hits.begin(), hits.end(), [](const RepairHit& a, const RepairHit& b) { return a.start < b.start; });
  };
  std::vector<RepairHit> debris = k.debris.find(text);
  std::erase_if(debris, [&](const RepairHit& h) { return quoted(text, h); });
  add(std::move(debris));
  if (site_edges & kSiteHead)
    if (std::size_t h = k.site.head_end(text, k.words, k.chrome); h > 0) add({RepairHit{0, h, "", "site-head"}});
  if (site_edges & kSiteTail)
    if (std::size_t t = k.site.tail_start(text, k.words); t < text.size()) add({RepairHit{t, text.size(), "", "site-tail"}});
  if (line_end)
    if (std::optional<RepairHit> t = k.chrome.tail(text)) add({std::move(*t)});
  add(k.repairs.find(text));
  return hits;
}

}  // namespace

// Emits src[b, e) with character fixes, context repairs and word repairs.
// Whitespace is held back until the next visible character: a run of
// spaces, tabs and odd spaces, with any invisible characters removed inside
// it (controls, zero-width, lone soft hyphens), becomes one space, or none
// at the start of a line or (when `line_end`) at its end.
void Emitter::process(std::size_t b, std::size_t e, bool line_end, int site_edges) {
  flush_copy(b);
  std::vector<RepairHit> hits = span_repairs(k_, src_.substr(b, e - b), line_end, noise_ ? 0 : site_edges);
  std::size_t h = 0;
  std::size_t i = b;
  while (i < e) {
    // A hit that starts inside a character already passed (invalid UTF-8:
    // a lead byte's sequence spans its start) cannot apply; without this
    // skip, a word character there never advanced i (#15, a hang).
    while (h < hits.size() && b + hits[h].start < i) ++h;
    if (h < hits.size() && b + hits[h].start == i) {
      visible();
      edit(i, b + hits[h].end, hits[h].replacement, hits[h].rule);
      i = b + hits[h].end;
      ++h;
      continue;
    }
    std::size_t stop = h < hits.size() ? b + hits[h].start : e;
    std::size_t n = std::min(seq_len(src_, i), e - i);
    if (word_char(src_, i)) {
      std::size_t j = i;
      while (j < stop && word_char(src_, j)) j += std::min(seq_len(src_, j), stop - j);
      std::string rule;
      std::string w = clean_word(i, j, &rule);
      if (w.empty()) { hold(i, j); i = j; continue; }  // nothing visible left
      visible();
      if (!noise_) {  // a noise line's words stand as written (emit.h)
        // A figure that starts with OCR's letter for a digit ("l997",
        // "O214" after "2005/", "OO" after "25O,").
        std::optional<SpanFix> f;
        const bool figure_around = (j < stop && src_[j] >= '0' && src_[j] <= '9') ||
                                   (i >= 2 && ((src_[i - 2] >= '0' && src_[i - 2] <= '9') || src_[i - 2] == 'O') &&
                                    (src_[i - 1] == '/' || src_[i - 1] == '.' || src_[i - 1] == ',' || src_[i - 1] == '-'));
        if (figure_around && (src_[i] == 'O' || src_[i] == 'o' || src_[i] == 'l' || src_[i] == 'I'))
          f = letters_in_number(k_.words, src_, i, stop);
        if (!f) f = one_for_l(k_.words, src_, i, j, stop);
        if (!f) {
          // Not where a context repair wrote the space already ("Oordeel:Gegrond":
          // repairs.tsv's colon-glue-word).
          if (glued_before(k_.words, src_, b, i, j, w) && !space_written(i)) edit(i, i, " ", "glue");
          f = join_fragments(k_.words, src_, i, j, stop, w);
          // A fragment the word repair took for a word ("aanbevelin" →
          // "aanbevelen") joins as written: "aanbevelin g" → "aanbeveling".
          if (!f && !rule.empty()) {
            std::string chars_rule;
            std::string raw = clean_chars(i, j, &chars_rule);
            if (raw != w) f = join_fragments(k_.words, src_, i, j, stop, raw);
          }
        }
        if (f) {
          edit(i, f->end, f->text, f->rule);
          i = f->end;
          continue;
        }
      }
      if (rule.empty()) pending(j);
      else edit(i, j, w, rule);
      i = j;
      continue;
    }
    if (src_[i] >= '0' && src_[i] <= '9' && !noise_) {
      if (auto f = letters_in_number(k_.words, src_, i, stop)) {
        visible();
        edit(i, f->end, f->text, f->rule);
        i = f->end;
        continue;
      }
      if (number_glued(b, i, stop)) edit(i, i, " ", "glue");
      if (auto f = spaced_number(src_, i, stop)) {
        visible();
        edit(i, f->end, f->text, f->rule);
        i = f->end;
        continue;
      }
    }
    auto fx = char_fix(src_, i);
    if (src_[i] == ' ' || (fx && (fx->first[0] == ' ' || fx->first[0] == '\0'))) {
      hold(i, i + n);
      i += n;
      continue;
    }
    visible();
    if (fx) edit(i, i + n, fx->first, fx->second);
    else pending(i + n);
    i += n;
  }
  if (line_end) drop_held();
  else visible();
  flush_copy(e);
}

// A word, cleaned and repaired; the result replaces src[b, e).
std::string Emitter::clean_word(std::size_t b, std::size_t e, std::string* rule) const {
  std::string w = clean_chars(b, e, rule);
  if (noise_) return w;  // characters only (see emit.h)
  const WordVerdict& v = verdict(k_.words, w);
  // The first part of a compound ("beleids-", "uitvoerings-") is no word of
  // its own: only a sure repair applies to it.
  bool part = e < src_.size() && src_[e] == '-';
  if (v.repaired && !(part && v.guessed)) {
    *rule = rule->empty() ? v.rule : *rule + "+" + v.rule;
    w = v.to;
  } else if (!v.known && !part && w.size() >= 6 && w[0] >= 'A' && w[0] <= 'Z') {
    // A sentence's start: the text's start, or after . ! ? that end a word
    // of two letters or more that is no abbreviation ("dhr.", "o.a.", "nr."),
    // or a number, and a paragraph's first word; a line break is none (a
    // hard wrap breaks sentences anywhere).
    static constexpr std::string_view kAbbreviations[] = {"dhr", "mevr", "mw", "mr", "dr", "drs", "ir", "ing", "prof", "nr",
                                                          "blz", "bijv", "enz", "ca", "resp", "jl", "vs", "st", "art", "jr"};
    std::size_t p = b;
    while (p > 0 && (src_[p - 1] == ' ' || src_[p - 1] == '\t' || src_[p - 1] == '\n')) --p;
    const bool paragraph = b == paragraph_start_;  // whatever ends the line before
    bool starts = p == 0 || paragraph;
    if (!paragraph && p > 0 && (src_[p - 1] == '.' || src_[p - 1] == '!' || src_[p - 1] == '?')) {
      std::size_t q = p - 1;
      while (q > 0 && std::isalnum(static_cast<unsigned char>(src_[q - 1]))) --q;
      const std::string before = lower_latin(src_.substr(q, p - 1 - q));
      const bool abbreviation = (q > 0 && src_[q - 1] == '.') ||  // "o.a."
                                std::find(std::begin(kAbbreviations), std::end(kAbbreviations), before) != std::end(kAbbreviations);
      starts = before.size() >= 2 && !abbreviation;
    }
    if (starts)
      if (auto s = k_.words.split_sentence_start(w)) {
        *rule = rule->empty() ? "split" : *rule + "+split";
        w = *s;
      }
  }
  return w;
}

std::string Emitter::clean_chars(std::size_t b, std::size_t e, std::string* rule) const {
  std::string w;
  bool marks = false;
  for (std::size_t i = b; i < e;) {
    std::size_t n = std::min(seq_len(src_, i), e - i);
    if (const char* lig = ligature(src_, i)) { w += lig; *rule = "ligature"; }
    else if (n == 2 && U(src_[i]) == 0xC2 && U(src_[i + 1]) == 0xAD) { *rule = "soft-hyphen"; }
    else if (n == 3 && U(src_[i]) == 0xE2 && U(src_[i + 1]) == 0x80) { *rule = "zero-width"; }
    else {
      if (n == 2 && (U(src_[i]) == 0xCC || U(src_[i]) == 0xCD)) marks = true;
      w.append(src_.data() + i, n);
    }
    i += n;
  }
  if (marks) {
    std::string c = nfc(w);
    if (c != w) { w = c; *rule = "nfc"; }
  }
  return w;
}

// A number glued to what comes before the digit src_[i] (fragments.h:
// glued_digit, glued_number), judged on the line as written so far: the
// word before it may have been repaired ("kwar<soft hyphen>tier20" is
// written "kwartier20", which the next pass reads).
bool Emitter::number_glued(std::size_t line_b, std::size_t i, std::size_t stop) {
  if (i <= line_b || !(std::isalpha(U(src_[i - 1])) || src_[i - 1] == '.')) return false;
  visible();
  flush_copy(i);
  const std::string& t = out_.text;
  std::size_t from = t.rfind('\n');
  from = from == std::string::npos ? 0 : from + 1;
  if (t.size() - from > 64) from = t.size() - 64;
  std::string probe = t.substr(from);
  const std::size_t at = probe.size();
  probe.append(src_.substr(i, std::min(stop, i + 16) - i));
  return glued_digit(probe, 0, at) || glued_number(k_.words, probe, 0, at, probe.size());
}

bool Emitter::space_written(std::size_t i) {
  flush_copy(i);
  return !out_.text.empty() && out_.text.back() == ' ';
}

void Emitter::finish() { flush_copy(src_.size()); }
void Emitter::flush() { flush_copy(0); }

// Held whitespace: source span [held_b_, held_e_), nothing emitted yet.
void Emitter::hold(std::size_t b, std::size_t e) {
  if (held_e_ == kNone) { flush_copy(0); held_b_ = b; held_space_ = false; }
  held_e_ = e;
  auto fx = char_fix(src_, b);
  held_space_ |= src_[b] == ' ' || (fx && fx->first[0] == ' ');
}

// What has been written (or waits to be copied) ends a line or a space.
bool Emitter::at_line_start() const {
  if (copy_from_ != kNone && pending_end_ > copy_from_) {
    char c = src_[pending_end_ - 1];
    return c == ' ' || c == '\n';
  }
  return out_.text.empty() || out_.text.back() == '\n' || out_.text.back() == ' ';
}

// A visible character follows: the held whitespace becomes one space (or none at a line start).
void Emitter::visible() {
  if (held_e_ == kNone) return;
  std::size_t b = held_b_, e = held_e_;
  held_b_ = held_e_ = kNone;
  if (!held_space_) edit(b, e, "", "invisible");
  else if (at_line_start()) edit(b, e, "", "spaces");
  else if (e - b == 1 && src_[b] == ' ') pending(e);
  else {
    edit(b, e, " ", "spaces");
    // A column gap: in a table row two spaces or more, in another line
    // three (a table's header above its rows, not a justified line's
    // stretched space), or a tab; not one odd space, nor a space beside an
    // invisible character.
    const auto spaces = std::count(src_.begin() + static_cast<std::ptrdiff_t>(b), src_.begin() + static_cast<std::ptrdiff_t>(e), ' ');
    if (spaces >= (table_ ? 2 : 3) || src_.substr(b, e - b).find('\t') != std::string_view::npos)
      gaps_.push_back(out_.text.size() - 1);
  }
}

void Emitter::drop_held() {
  if (held_e_ == kNone) return;
  std::size_t b = held_b_, e = held_e_;
  held_b_ = held_e_ = kNone;
  edit(b, e, "", held_space_ ? "spaces" : "invisible");
}

// Source bytes [copy_from_, pending_end_) wait to be copied unchanged.
void Emitter::pending(std::size_t e) {
  if (copy_from_ == kNone) copy_from_ = pos_;
  pending_end_ = e;
}

void Emitter::flush_copy(std::size_t upto) {
  if (copy_from_ != kNone) {
    out_.map.copy(out_.text, src_, copy_from_, pending_end_);
    pos_ = pending_end_;
    copy_from_ = kNone;
  }
  (void)upto;
}

namespace {

PassageKind passage_kind(LineKind k) {
  return k == LineKind::heading     ? PassageKind::heading
         : k == LineKind::list_item ? PassageKind::list_item
         : k == LineKind::table_row ? PassageKind::table_row
         : k == LineKind::noise     ? PassageKind::noise
                                    : PassageKind::paragraph;
}

// Whether the gaps of a block that is no table row are a header's: one
// line, and no cell over three words ("Stadsdeel ⟨gap⟩ Ontvangen ⟨gap⟩
// Informeel opgelost"); not a justified line's stretched spaces ("de
// afdeling ⟨gap⟩ Burgerzaken heeft …").
bool header_cells(std::string_view text, std::size_t b, std::size_t e, const std::vector<std::size_t>& gaps) {
  if (gaps.empty()) return false;
  std::string_view block = text.substr(b, e - b);
  while (!block.empty() && block.back() == '\n') block.remove_suffix(1);
  if (block.find('\n') != std::string_view::npos) return false;
  std::size_t from = b;
  for (std::size_t i = 0; i <= gaps.size(); ++i) {
    const std::size_t to = i < gaps.size() ? gaps[i] : b + block.size();
    if (to < from) return false;
    const std::string_view cell = text.substr(from, to - from);
    if (std::count(cell.begin(), cell.end(), ' ') > 2) return false;  // more than three words
    from = to + 1;
  }
  return true;
}

// A word hyphenated across the end of the line src[from, to) and the start
// of `next`: writes the line up to the word and the word as join_hyphenated
// picks it, and moves next.cb past the word's right half. False, and nothing
// written, if the line ends in no such word.
bool emit_hyphenated(Emitter& em, const WordRepair& words, std::string_view src, std::size_t from, std::size_t to,
                     Line& next) {
  std::string_view lc = src.substr(from, to - from);
  const std::size_t hy = trailing_hyphen(lc);  // "-", or U+2010 (chars.h)
  if (!(hy > 0 && lc.size() > hy)) return false;
  // The letter before the hyphen, from its first byte ("financië-").
  std::size_t last = to - hy - 1;
  while (last > from && (U(src[last]) & 0xC0) == 0x80) --last;
  if (!word_char(src, last)) return false;
  std::size_t lw = to - hy;
  while (lw > from && (word_char(src, lw - 1) || (U(src[lw - 1]) & 0xC0) == 0x80)) --lw;
  while (lw < to - hy && (U(src[lw]) & 0xC0) == 0x80) ++lw;
  // So does one inside the left half ("k1achten-" | "regeling"), when the
  // half starts with a letter (not "2021-" | "2022").
  std::size_t wider = lw;
  while (wider > from && (word_char(src, wider - 1) || std::isdigit(U(src[wider - 1])) || (U(src[wider - 1]) & 0xC0) == 0x80))
    --wider;
  if (wider < lw && std::isalpha(U(src[wider]))) lw = wider;
  std::size_t rw = next.cb;
  while (rw < next.ce && word_char(src, rw)) rw += std::min(seq_len(src, rw), next.ce - rw);
  if (!(rw > next.cb && lw < to - hy)) return false;
  // An OCR digit inside the right half belongs to it ("ge-" | "me1d,"): the
  // joined word is repaired whole, as the next pass would read it.
  std::size_t more = rw;
  while (more < next.ce && (word_char(src, more) || std::isdigit(U(src[more])))) more += std::min(seq_len(src, more), next.ce - more);
  if (more > rw && std::isalpha(U(src[more - 1]))) rw = more;
  std::string rules;
  std::string left = em.clean_word(lw, to - hy, &rules);
  std::string right = em.clean_chars(next.cb, rw, &rules);  // a ligature too ("onthef-" | "ﬁng")
  HyphenJoin join = join_hyphenated(words, left, right);
  em.process(from, lw, /*line_end=*/false);
  em.edit(lw, rw, join.text, join.rule);
  // Continue the next line after the right half.
  next.cb = rw;
  return true;
}

// A word letter-spaced across the end of the line src[from, to) and the
// start of `next` ("de" | "cember"): the next pass reads the line ends
// joined by a space, and joins the fragments there (fragments.h,
// join_fragments), so this pass does. Only the line's last token starts
// such a join, and only when the token before it would not start one
// itself. Writes the line up to the token and the joined word, and moves
// next.cb past what it took. False, and nothing written, otherwise.
bool emit_spaced_across(Emitter& em, const WordRepair& words, std::string_view src, std::size_t from, std::size_t to,
                        Line& next) {
  if (to <= from || !word_char(src, to - 1)) return false;
  std::size_t lw = to;
  while (lw > from && src[lw - 1] != ' ' && src[lw - 1] != '\t') --lw;
  for (std::size_t k = lw; k < to; k += std::min(seq_len(src, k), to - k))
    if (!word_char(src, k)) return false;  // a token with marks or digits in it
  const std::size_t take = std::min(next.ce - next.cb, std::size_t{64});
  auto join_at = [&](std::size_t b) -> std::optional<SpanFix> {
    std::size_t e = b;
    while (e < to && word_char(src, e)) e += std::min(seq_len(src, e), to - e);
    std::string probe(src.substr(b, to - b));
    const std::size_t boundary = probe.size();
    probe += ' ';
    probe.append(src.substr(next.cb, take));
    std::string rule;
    std::string w = em.clean_word(b, e, &rule);
    auto f = join_fragments(words, probe, 0, e - b, probe.size(), w);
    if (!f || f->end <= boundary) return std::nullopt;
    f->end = next.cb + (f->end - boundary - 1);
    return f;
  };
  auto f = join_at(lw);
  if (!f || f->end > next.ce) return false;
  // The token before the last one, when a plain word: it may start the join.
  std::size_t pb = lw;
  while (pb > from && (src[pb - 1] == ' ' || src[pb - 1] == '\t')) --pb;
  std::size_t pw = pb;
  while (pw > from && word_char(src, pw - 1)) --pw;
  if (pw < pb && (pw == from || src[pw - 1] == ' ' || src[pw - 1] == '\t') && join_at(pw)) return false;
  em.process(from, lw, /*line_end=*/false);
  em.edit(lw, f->end, f->text, f->rule);
  next.cb = f->end;
  return true;
}

}  // namespace

void emit_blocks(std::string_view src, const Knowledge& know, std::vector<Line>& lines,
                 const std::vector<BlockLines>& blocks, Normalized& out) {
  Emitter em(src, know, out);
  LineKind prev_kind = LineKind::blank;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const BlockLines& bl = blocks[bi];
    const Line& first = lines[bl.lines.front()];
    std::size_t start_src = first.cb;
    // Separator: everything since the previous block (blank lines, page breaks, debris).
    bool row_run = (bl.kind == LineKind::list_item || bl.kind == LineKind::table_row) && bl.kind == prev_kind;
    std::string_view sep = bi == 0 ? "" : (row_run ? "\n" : "\n\n");
    bool page = false, line_end = false;
    for (std::size_t j = em.pos(); j < start_src; ++j) {
      page |= src[j] == '\f';
      line_end |= src[j] == '\n';
    }
    for (std::size_t j = bi == 0 ? 0 : blocks[bi - 1].lines.back() + 1; j < bl.lines.front(); ++j)
      page |= lines[j].kind == LineKind::debris;
    em.edit(em.pos(), start_src, sep, page ? "page-debris" : first.hard_start && !line_end ? "split" : "layout");
    em.flush();
    em.set_noise(bl.kind == LineKind::noise);
    em.set_table(bl.kind == LineKind::table_row);
    em.set_paragraph_start(bl.kind == LineKind::text ? first.cb : Emitter::kNone);
    std::size_t block_start = out.text.size();

    for (std::size_t k = 0; k < bl.lines.size(); ++k) {
      const Line& l = lines[bl.lines[k]];
      std::size_t from = std::max(l.cb, em.pos());
      if (k == 0 && bl.kind == LineKind::list_item) {
        em.edit(l.cb, l.marker_end, "• ", "bullet");
        from = l.marker_end;
      }
      std::size_t to = l.ce;
      // A site's words glued to the block: before its first sentence, after
      // its last (where a page's text begins and ends). Not in a table row,
      // whose cells a cut would mangle: a row is the table's, whole.
      const int edges = bl.kind == LineKind::table_row
                            ? 0
                            : (k == 0 && from == l.cb ? kSiteHead : 0) | (k + 1 == bl.lines.size() ? kSiteTail : 0);
      if (k + 1 == bl.lines.size()) {
        em.process(from, to, true, edges);
        continue;
      }
      Line& nx = lines[bl.lines[k + 1]];
      if (emit_hyphenated(em, know.words, src, from, to, nx)) continue;
      if (bl.kind != LineKind::noise && emit_spaced_across(em, know.words, src, from, to, nx)) continue;
      em.process(from, to, true, edges);
      // A line between them dropped as debris (a running head, an
      // interrupting line: classify.h) is named in --explain.
      bool dropped = false;
      for (std::size_t j = bl.lines[k] + 1; j < bl.lines[k + 1]; ++j) dropped |= lines[j].kind == LineKind::debris;
      em.edit(to, nx.cb, " ", dropped ? "page-debris" : "join-lines");
    }
    em.flush();
    Block b;
    b.kind = passage_kind(bl.kind);
    b.start = block_start;
    b.end = out.text.size();
    b.line = first.no;
    b.page = first.page;
    b.gaps = em.take_gaps();
    if (bl.kind != LineKind::table_row && !header_cells(out.text, b.start, b.end, b.gaps)) b.gaps.clear();
    if (bl.kind == LineKind::table_row)
      for (std::size_t j = first.b; j < first.cb; ++j) b.indent += src[j] == '\t' ? 8 : 1;
    out.blocks.push_back(std::move(b));
    prev_kind = bl.kind;
  }
  em.edit(em.pos(), src.size(), out.text.empty() ? "" : "\n", "layout");
  em.finish();
}

}  // namespace omb::pass
