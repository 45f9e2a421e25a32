// extract/word_sections.cpp — WordRules::match over a text's blocks: each
// block's span with where it stands (its kind, whether it is a numbered
// paragraph, and its section's heading and list lead-in for
// `if_in_section`).
#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "extract/word_rules.h"
#include "extract/word_rules_impl.h"
#include "text/fold.h"

namespace omb {

using words::ClassId;

namespace {

// Whether folded[fs, fe) ends in a colon: a paragraph that leads in a list
// ("De commissie doet de volgende aanbevelingen:").
bool leads_in(std::string_view t, std::size_t fs, std::size_t fe) {
  while (fe > fs && (t[fe - 1] == ' ' || t[fe - 1] == '\n')) --fe;
  return fe > fs && t[fe - 1] == ':';
}

// Whether text[start, end) opens with an enumerator: one or two digits or a
// lower-case letter, then "." or ")" and a space ("1. Bel ouders terug",
// "b) de telefoon").
bool enumerated(std::string_view text, std::size_t start, std::size_t end) {
  std::string_view t = text.substr(start, std::min<std::size_t>(end - start, 5));
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  if (i < t.size() && t[i] >= 'a' && t[i] <= 'z') {
    ++i;
  } else {
    while (i < t.size() && i < 2 && digit(t[i])) ++i;
  }
  return i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
}

}  // namespace

// A block's section, for `if_in_section`: the words of the last heading
// before it and, for a list item or a numbered paragraph, of the paragraph
// that leads in its list. A short numbered item the normaliser took for a
// heading ("1. Bel ouders terug" right under "Aanbevelingen" or another
// item) is an item too, and leaves the section as it is.
std::vector<Hit> WordRules::match(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks) const {
  return match_blocks(text, folded, blocks, true);
}

std::vector<Hit> WordRules::match_unresolved(std::string_view text, const Folded& folded,
                                             const std::vector<FoldedBlock>& blocks) const {
  return match_blocks(text, folded, blocks, false);
}

// Hits that overlap nothing before or after are resolved alone (most are),
// a run of overlapping ones together: resolution only weighs hits against
// those they overlap.
void WordRules::resolve(std::vector<Hit>& hits) const {
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.start < b.start; });
  std::vector<Hit> out, run;
  out.reserve(hits.size());
  std::size_t reach = 0;
  auto flush = [&] {
    resolve_word_overlaps(*impl_, run, false);
    for (Hit& h : run) out.push_back(std::move(h));
    run.clear();
  };
  for (Hit& h : hits) {
    if (!run.empty() && h.start >= reach) flush();
    reach = run.empty() ? h.end : std::max(reach, h.end);
    run.push_back(std::move(h));
  }
  flush();
  hits = std::move(out);
}

std::vector<Hit> WordRules::match_blocks(std::string_view text, const Folded& folded, const std::vector<FoldedBlock>& blocks,
                                         bool resolve) const {
  std::vector<Hit> out;
  std::vector<ClassId> heading, lead, both;
  bool after_heading_or_item = false;
  for (const FoldedBlock& b : blocks) {
    std::size_t fs = b.fstart, fe = b.fend;
    if (fs == static_cast<std::size_t>(-1)) {
      fs = std::min(folded.folded(b.start), folded.text.size());
      fe = std::min(folded.folded(b.end), folded.text.size());
    }
    if (fe <= fs) continue;
    const bool enumerator = b.end <= text.size() && b.start < b.end && enumerated(text, b.start, b.end);
    words::SpanAt at{b.kind, enumerator && (b.kind == PassageKind::paragraph ||
                                             (b.kind == PassageKind::heading && after_heading_or_item)),
                     &heading, resolve};
    bool item = at.kind == PassageKind::list_item || at.numbered;
    after_heading_or_item = item || at.kind == PassageKind::heading;
    if (item && !lead.empty()) {
      both.clear();
      std::set_union(heading.begin(), heading.end(), lead.begin(), lead.end(), std::back_inserter(both));
      at.section = &both;
    }
    impl_->match_span(folded, fs, fe, at, -1, out);
    if (!impl_->section_rules) continue;
    if (at.kind == PassageKind::heading && !item) {
      impl_->classes_in(folded, fs, fe, heading);
      lead.clear();
    } else if (!item && at.kind == PassageKind::paragraph && leads_in(folded.text, fs, fe)) {
      impl_->classes_in(folded, fs, fe, lead);
    } else if (!item) {
      lead.clear();
    }
  }
  return out;
}

}  // namespace omb
