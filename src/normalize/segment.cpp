#include "normalize/segment.h"

#include <cctype>

#include "normalize/normalize.h"

namespace omb {
namespace {

bool is_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\v') return false;
  return true;
}

// "2.1. Communicatie", "6.2 Werk en Re-integratie", "3 Conclusies".
bool is_numbered_heading(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  std::size_t digits = 0;
  while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '.')) {
    if (line[i] != '.') ++digits;
    ++i;
  }
  if (digits == 0 || digits > 4) return false;
  if (i >= line.size() || line[i] != ' ') return false;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size()) return false;
  unsigned char c = static_cast<unsigned char>(line[i]);
  // A capital, or a Latin-1 letter (UTF-8 lead byte 0xC3); not "406 – Titel".
  return std::isupper(c) || c == 0xC3;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

class Builder {
 public:
  explicit Builder(std::string_view text) : text_(text) {}

  void add_line(std::size_t start, std::size_t end, int line_no, int page) {
    std::string_view line = text_.substr(start, end - start);
    if (is_blank(line)) {
      // A paragraph ends: close the passage once it is big enough.
      if (open_ && p_end_ - p_start_ >= kTargetPassageBytes) flush();
      return;
    }
    bool heading = line.size() < 100 && is_numbered_heading(line);
    if (heading) {
      // Consecutive headings ("2. Signaleringen" then "2.1. Communicatie")
      // stay together with the text under the last one.
      if (body_) flush();
      current_heading_ = std::string(trim(line));
    }
    if (!open_) { open_ = true; body_ = false; p_start_ = start; p_line_ = line_no; p_page_ = page; }
    body_ |= !heading;
    p_end_ = end;
    if (p_end_ - p_start_ > kMaxPassageBytes) cut_long();
  }

  void flush(PassageKind kind = PassageKind::paragraph) {
    if (!open_) return;
    emit(p_start_, p_end_, kind);
    open_ = false;
  }

  std::vector<Passage> take() { return std::move(out_); }

 private:
  void emit(std::size_t s, std::size_t e, PassageKind kind) {
    // Trim surrounding blanks so the span starts and ends on text.
    while (s < e && std::isspace(static_cast<unsigned char>(text_[s]))) ++s;
    while (e > s && std::isspace(static_cast<unsigned char>(text_[e - 1]))) --e;
    if (s == e) return;
    Passage p;
    p.kind = kind;
    p.start = p.src_start = s;
    p.end = p.src_end = e;
    p.page = p_page_;
    p.line = p_line_ + count_newlines(p_start_, s);
    p.heading = current_heading_;
    out_.push_back(std::move(p));
  }

  int count_newlines(std::size_t a, std::size_t b) const {
    int n = 0;
    for (std::size_t i = a; i < b; ++i) n += text_[i] == '\n';
    return n;
  }

  // The open paragraph has grown past the limit: emit whole chunks that end
  // at a space, keep the rest open.
  void cut_long() {
    while (p_end_ - p_start_ > kMaxPassageBytes) {
      std::size_t limit = p_start_ + kMaxPassageBytes;
      std::size_t cut = limit;
      while (cut > p_start_ + kMaxPassageBytes / 2 && text_[cut] != ' ' && text_[cut] != '\n') --cut;
      if (text_[cut] != ' ' && text_[cut] != '\n') {
        cut = limit;  // no space: cut on a UTF-8 boundary
        while (cut > p_start_ && (static_cast<unsigned char>(text_[cut]) & 0xC0) == 0x80) --cut;
      }
      std::size_t old_start = p_start_;
      emit(p_start_, cut, PassageKind::paragraph);
      p_line_ += count_newlines(old_start, cut);
      p_start_ = cut;
    }
  }

  std::string_view text_;
  std::vector<Passage> out_;
  bool open_ = false;
  bool body_ = false;  // the open passage holds more than headings
  std::size_t p_start_ = 0, p_end_ = 0;
  int p_line_ = 1, p_page_ = 1;
  std::string current_heading_;
};

}  // namespace

Segments segment_text(std::string_view text) {
  Segments seg;
  Builder b(text);
  int page = 1;
  std::size_t page_start = 0;
  int line_no = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find_first_of("\n\f", pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    // A very long line is fed in slices so cutting stays linear.
    for (std::size_t s = pos; s < end || s == pos;) {
      std::size_t e = end - s > kMaxPassageBytes ? s + kMaxPassageBytes : end;
      if (e < end) {
        while (e > s && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) --e;
        if (e == s) e = end;
      }
      b.add_line(s, e, line_no, page);
      if (e >= end) break;
      s = e;
    }
    if (nl == std::string_view::npos) break;
    if (text[nl] == '\f') {
      b.flush();
      seg.pages.push_back(Page{page, page_start, nl});
      ++page;
      page_start = nl + 1;
    } else {
      ++line_no;
    }
    pos = nl + 1;
  }
  b.flush();
  seg.pages.push_back(Page{page, page_start, text.size()});
  seg.passages = b.take();
  // Tile: stretch each passage over the blanks that follow it.
  if (!seg.passages.empty()) {
    seg.passages.front().start = seg.passages.front().src_start = 0;
    for (std::size_t i = 0; i + 1 < seg.passages.size(); ++i)
      seg.passages[i].end = seg.passages[i].src_end = seg.passages[i + 1].start;
    seg.passages.back().end = seg.passages.back().src_end = text.size();
  }
  return seg;
}

Segments pack_passages(std::string_view text, const std::vector<Block>& blocks, const OffsetMap& map) {
  Segments seg;
  std::string heading;
  auto open_new = [&](const Block& b, PassageKind kind) {
    Passage p;
    p.kind = kind;
    p.start = b.start;
    p.end = b.end;
    p.page = b.page;
    p.line = b.line;
    p.heading = heading;
    seg.passages.push_back(std::move(p));
  };
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.kind == PassageKind::heading) {
      heading = std::string(text.substr(b.start, b.end - b.start));
      bool after_heading = !seg.passages.empty() && seg.passages.back().kind == PassageKind::heading;
      if (after_heading) {  // consecutive headings stay together, under the last one
        seg.passages.back().end = b.end;
        seg.passages.back().heading = heading;
      } else {
        open_new(b, PassageKind::heading);
      }
      continue;
    }
    if (b.kind == PassageKind::noise) { open_new(b, PassageKind::noise); continue; }
    Passage* cur = seg.passages.empty() ? nullptr : &seg.passages.back();
    bool joinable = cur && cur->kind != PassageKind::noise && cur->page == b.page &&
                    (cur->kind == PassageKind::heading || cur->end - cur->start < kTargetPassageBytes) &&
                    b.end - cur->start <= kMaxPassageBytes;
    if (joinable) {
      cur->end = b.end;
      if (cur->kind == PassageKind::heading) cur->kind = PassageKind::paragraph;
    } else {
      open_new(b, PassageKind::paragraph);
    }
  }
  // Tile: each passage runs to the next one's start; the first from 0.
  if (!seg.passages.empty()) {
    seg.passages.front().start = 0;
    for (std::size_t i = 0; i + 1 < seg.passages.size(); ++i) seg.passages[i].end = seg.passages[i + 1].start;
    seg.passages.back().end = text.size();
  }
  for (Passage& p : seg.passages) {
    Span s = map.to_source(p.start, p.end);
    p.src_start = s.start;
    p.src_end = s.end;
  }
  // Pages: from the first block on each page to the next page's first block.
  int page = 1;
  std::size_t page_start = 0;
  for (const Block& b : blocks) {
    while (b.page > page) {
      seg.pages.push_back(Page{page, page_start, b.start});
      page_start = b.start;
      ++page;
    }
  }
  seg.pages.push_back(Page{page, page_start, text.size()});
  return seg;
}

}  // namespace omb
