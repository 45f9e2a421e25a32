// A Context (src/extract/context.h) over a small text, for the tests of one
// interpreter alone: the text normalised as ingest does, the hits of the
// project's rule files, nothing extracted yet. Run the interpreters a test
// needs, in the order Extractor::extract runs them.
#pragma once

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "extract/context.h"
#include "extract/extract.h"
#include "extract/themes.h"
#include "normalize/normalize.h"
#include "testutil.h"
#include "text/fold.h"

namespace omb::test {

inline const RuleFile& rule_file(std::string_view type) {
  for (const auto& f : extractor().files())
    if (f->type() == type) return *f;
  throw std::runtime_error("no rule file " + std::string(type));
}

inline const interp::Lookups& lookups() {
  static interp::Lookups l = [] {
    auto r = interp::Lookups::build(rule_file("afdeling"), rule_file("zaaknummer"));
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return std::move(*r);
  }();
  return l;
}

struct ExtractCtx {
  std::string text;
  Extraction out;
  std::unique_ptr<interp::Context> ctx;

  explicit ExtractCtx(const std::string& raw) {
    Normalized n = normalizer().normalize(raw);
    text = std::move(n.text);
    std::vector<FoldedBlock> spans;
    for (const Block& b : n.blocks)
      if (b.kind != PassageKind::noise && b.end > b.start && b.end <= text.size()) spans.push_back({b.start, b.end, b.kind});
    std::stable_sort(spans.begin(), spans.end(), [](const FoldedBlock& a, const FoldedBlock& b) { return a.start < b.start; });
    Folded folded = fold(text);
    interp::Context::Hits hits;
    for (const auto& f : extractor().files()) hits[f->type()] = f->match(text, folded, spans);
    for (const auto& w : extractor().word_files()) hits[w->type()] = interp::word_file_hits(*w, text, folded, spans);
    ctx = std::make_unique<interp::Context>(text, std::move(spans), std::move(hits), extractor().files(), extractor().word_files(),
                                            lookups(), out);
    for (const Block& b : n.blocks) {
      ctx->gaps.insert(ctx->gaps.end(), b.gaps.begin(), b.gaps.end());
      if (b.indent > 0) ctx->indents.emplace_back(b.start, b.indent);
    }
  }
  interp::Context& operator*() { return *ctx; }
  interp::Context* operator->() { return ctx.get(); }

  // "type value [start,end) rule" of every tag, in the order made.
  std::vector<std::string> tags() const {
    std::vector<std::string> v;
    for (const Tag& t : out.tags)
      v.push_back(std::string(t.type) + " " + t.value + " [" + std::to_string(t.start) + "," + std::to_string(t.end) + ") " +
                  std::string(t.rule));
    return v;
  }
  // The text of a tag's span.
  std::string at(const Tag& t) const { return text.substr(t.start, t.end - t.start); }
};

}  // namespace omb::test
