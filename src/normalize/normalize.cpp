#include "normalize/normalize.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "normalize/blocks.h"
#include "normalize/chars.h"
#include "normalize/classify.h"
#include "normalize/debris.h"
#include "normalize/invisible.h"
#include "normalize/lines.h"
#include "normalize/repairs.h"
#include "normalize/word_repair.h"

namespace omb {

Normalizer::~Normalizer() = default;

Result<std::shared_ptr<const Normalizer>> Normalizer::create(const std::string& dir, const LexiconPaths& base) {
  namespace fs = std::filesystem;
  LexiconPaths paths = base;
  std::error_code ec;
  fs::path words = fs::path(dir) / "words";
  if (!dir.empty() && fs::is_directory(words, ec)) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(words, ec))
      if (e.path().extension() == ".txt") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    paths.extra.insert(paths.extra.end(), files.begin(), files.end());
  }
  auto lex = Lexicon::load(paths);
  if (!lex.ok()) return lex.error();
  std::shared_ptr<Normalizer> n(new Normalizer());
  n->lex_ = *lex;
  fs::path rep = fs::path(dir) / "normalize" / "repairs.tsv";
  if (!dir.empty() && fs::exists(rep, ec)) {
    auto r = Repairs::load(rep.string());
    if (!r.ok()) return r.error();
    n->repairs_ = std::move(r).value();
  } else {
    n->repairs_ = Repairs::empty();
  }
  return std::shared_ptr<const Normalizer>(n);
}

using namespace pass;  // the passes moved out so far

namespace {

class Emitter {
 public:
  Emitter(std::string_view src, const Lexicon& lex, const Repairs& rep, Normalized& out)
      : src_(src), lex_(lex), rep_(rep), out_(out) {}

  void edit(std::size_t b, std::size_t e, std::string_view text, std::string_view rule) {
    flush_copy(b);
    if (std::string_view(src_.data() + b, e - b) == text) { copy_from_ = std::min(copy_from_, b); pending(e); return; }
    out_.map.edit(out_.text, src_, b, e, text, rule);
    pos_ = e;
  }

  // Emits src[b, e) with character fixes, context repairs and word repairs.
  // Whitespace is held back until the next visible character: a run of
  // spaces, tabs and odd spaces, with any invisible characters removed inside
  // it (controls, zero-width, lone soft hyphens), becomes one space, or none
  // at the start of a line or (when `line_end`) at its end.
  void process(std::size_t b, std::size_t e, bool line_end = true) {
    flush_copy(b);
    std::vector<RepairHit> hits = rep_.find(src_.substr(b, e - b));
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
        if (rule.empty()) pending(j);
        else edit(i, j, w, rule);
        i = j;
        continue;
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
  std::string clean_word(std::size_t b, std::size_t e, std::string* rule) const {
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
    const WordVerdict& v = verdict(lex_, w);
    if (v.repaired) {
      *rule = rule->empty() ? v.rule : *rule + "+" + v.rule;
      w = v.to;
    }
    return w;
  }

  void finish() { flush_copy(src_.size()); }
  void flush() { flush_copy(0); }

 private:
  // Held whitespace: source span [held_b_, held_e_), nothing emitted yet.
  void hold(std::size_t b, std::size_t e) {
    if (held_e_ == kNone) { flush_copy(0); held_b_ = b; held_space_ = false; }
    held_e_ = e;
    auto fx = char_fix(src_, b);
    held_space_ |= src_[b] == ' ' || (fx && fx->first[0] == ' ');
  }
  // What has been written (or waits to be copied) ends a line or a space.
  bool at_line_start() const {
    if (copy_from_ != kNone && pending_end_ > copy_from_) {
      char c = src_[pending_end_ - 1];
      return c == ' ' || c == '\n';
    }
    return out_.text.empty() || out_.text.back() == '\n' || out_.text.back() == ' ';
  }
  // A visible character follows: the held whitespace becomes one space (or none at a line start).
  void visible() {
    if (held_e_ == kNone) return;
    std::size_t b = held_b_, e = held_e_;
    held_b_ = held_e_ = kNone;
    if (!held_space_) edit(b, e, "", "invisible");
    else if (at_line_start()) edit(b, e, "", "spaces");
    else if (e - b == 1 && src_[b] == ' ') pending(e);
    else edit(b, e, " ", "spaces");
  }
  void drop_held() {
    if (held_e_ == kNone) return;
    std::size_t b = held_b_, e = held_e_;
    held_b_ = held_e_ = kNone;
    edit(b, e, "", held_space_ ? "spaces" : "invisible");
  }
  bool held_space_ = false;
  std::size_t held_b_ = static_cast<std::size_t>(-1), held_e_ = static_cast<std::size_t>(-1);

 public:
  std::size_t pos() const { return pos_; }

 private:
  // Source bytes [copy_from_, pending_end_) wait to be copied unchanged.
  void pending(std::size_t e) {
    if (copy_from_ == kNone) copy_from_ = pos_;
    pending_end_ = e;
  }
  void flush_copy(std::size_t upto) {
    if (copy_from_ != kNone) {
      out_.map.copy(out_.text, src_, copy_from_, pending_end_);
      pos_ = pending_end_;
      copy_from_ = kNone;
    }
    (void)upto;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::string_view src_;
  const Lexicon& lex_;
  const Repairs& rep_;
  Normalized& out_;
  std::size_t pos_ = 0;
  std::size_t copy_from_ = kNone, pending_end_ = 0;
};

}  // namespace

Normalized Normalizer::normalize(std::string_view src) const {
  std::optional<Stripped> st = strip_invisible(src);
  if (!st) return normalize_visible(src);
  Normalized n = normalize_visible(st->text);
  n.map = remap_through(n.map, n.text, src, *st);
  return n;
}

Normalized Normalizer::normalize_visible(std::string_view src) const {
  Normalized out;
  out.text.reserve(src.size());

  // 1. Lines, with their pages.
  std::vector<Line> lines = read_lines(src);

  // 2. Page debris.
  mark_page_debris(src, lines);

  // 3. What each line is.
  classify_lines(src, *lex_, *repairs_, lines);

  // 4. Blocks: runs of lines that belong together.
  std::vector<BlockLines> blocks = group_blocks(src, lines);

  // 5. Emit.
  Emitter em(src, *lex_, *repairs_, out);
  LineKind prev_kind = LineKind::blank;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const BlockLines& bl = blocks[bi];
    const Line& first = lines[bl.lines.front()];
    std::size_t start_src = first.cb;
    // Separator: everything since the previous block (blank lines, page breaks, debris).
    bool row_run = (bl.kind == LineKind::list_item || bl.kind == LineKind::table_row) && bl.kind == prev_kind;
    std::string_view sep = bi == 0 ? "" : (row_run ? "\n" : "\n\n");
    bool debris = false;
    for (std::size_t j = em.pos(); j < start_src; ++j) debris |= src[j] == '\f';
    em.edit(em.pos(), start_src, sep, debris ? "page-debris" : "layout");
    em.flush();
    std::size_t block_start = out.text.size();

    for (std::size_t k = 0; k < bl.lines.size(); ++k) {
      const Line& l = lines[bl.lines[k]];
      std::size_t from = std::max(l.cb, em.pos());
      if (k == 0 && bl.kind == LineKind::list_item) {
        em.edit(l.cb, l.marker_end, "• ", "bullet");
        from = l.marker_end;
      }
      std::size_t to = l.ce;
      bool last = k + 1 == bl.lines.size();
      if (!last) {
        const Line& nx = lines[bl.lines[k + 1]];
        std::string_view lc = src.substr(from, to - from);
        // A word hyphenated across the line end.
        if (lc.size() >= 2 && lc.back() == '-' && word_char(src, to - 2)) {
          std::size_t lw = to - 1;
          while (lw > from && (word_char(src, lw - 1) || (U(src[lw - 1]) & 0xC0) == 0x80)) --lw;
          while (lw < to - 1 && (U(src[lw]) & 0xC0) == 0x80) ++lw;
          std::size_t rw = nx.cb;
          while (rw < nx.ce && word_char(src, rw)) rw += std::min(seq_len(src, rw), nx.ce - rw);
          if (rw > nx.cb && lw < to - 1) {
            std::string r1, r2;
            std::string left = em.clean_word(lw, to - 1, &r1);
            std::string right(src.substr(nx.cb, rw - nx.cb));
            HyphenJoin join = join_hyphenated(*lex_, left, right);
            em.process(from, lw, /*line_end=*/false);
            em.edit(lw, rw, join.text, join.rule);
            // Continue the next line after the right half.
            lines[bl.lines[k + 1]].cb = rw;
            continue;
          }
        }
        em.process(from, to);
        em.edit(to, nx.cb, " ", "join-lines");
      } else {
        em.process(from, to);
      }
    }
    em.flush();
    Block b;
    b.kind = bl.kind == LineKind::heading ? PassageKind::heading
             : bl.kind == LineKind::list_item ? PassageKind::list_item
             : bl.kind == LineKind::table_row ? PassageKind::table_row
             : bl.kind == LineKind::noise ? PassageKind::noise
                                    : PassageKind::paragraph;
    b.start = block_start;
    b.end = out.text.size();
    b.line = first.no;
    b.page = first.page;
    out.blocks.push_back(b);
    prev_kind = bl.kind;
  }
  em.edit(em.pos(), src.size(), out.text.empty() ? "" : "\n", "layout");
  em.finish();
  return out;
}

}  // namespace omb
