// tests/fuzz/extract_fuzz.cpp — Extractor::extract over normalised text.
//
// The input goes the way ingest takes a file: decode_text, normalize, extract.
// Properties (extract/extract.h):
//  - no crash, no sanitizer report;
//  - every tag's span lies inside the text, on character boundaries, and tags
//    come in text order; a tag's case_index is -1 or a case;
//  - cases lie inside the text, in order; values and facts are valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/extract.h"
#include "fuzz_common.h"
#include "ingest/decode.h"
#include "normalize/normalize.h"

using namespace omb;

namespace {
std::shared_ptr<const Normalizer> g_norm;
std::shared_ptr<const Extractor> g_ext;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_norm = fuzz::must(Normalizer::create(fuzz::dictionaries()), "normaliser");
  g_ext = fuzz::must(Extractor::load(fuzz::dictionaries()), "extractor");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto d = decode_text(std::string(reinterpret_cast<const char*>(data), size));
  if (!d.ok()) return 0;
  Normalized n = g_norm->normalize(d->text);
  const std::string& t = n.text;
  Extraction x = g_ext->extract(t, n.blocks);

  std::size_t prev = 0;
  for (const Tag& g : x.tags) {
    std::string what = std::string(g.type) + " '" + g.value + "' (" + std::string(g.rule) + ") at " +
                       std::to_string(g.start) + ".." + std::to_string(g.end);
    FUZZ_CHECK(g.start <= g.end && g.end <= t.size(), "tag outside the text: " + what);
    FUZZ_CHECK(g.start >= prev, "tags out of text order: " + what);
    FUZZ_CHECK(fuzz::char_boundary(t, g.start) && fuzz::char_boundary(t, g.end), "tag cuts a character: " + what);
    FUZZ_CHECK(g.case_index >= -1 && g.case_index < static_cast<int>(x.cases.size()), "tag's case out of range: " + what);
    FUZZ_CHECK(is_valid_utf8(g.value), "tag value not UTF-8: " + what);
    prev = g.start;
  }
  std::size_t cprev = 0;
  for (const Case& c : x.cases) {
    std::string what = "case '" + c.zaaknummer + "' at " + std::to_string(c.start) + ".." + std::to_string(c.end);
    FUZZ_CHECK(c.start <= c.end && c.end <= t.size(), "case outside the text: " + what);
    FUZZ_CHECK(c.start >= cprev, "cases out of order: " + what);
    for (const std::string* s : {&c.zaaknummer, &c.title, &c.afdeling, &c.status, &c.oordeel})
      FUZZ_CHECK(is_valid_utf8(*s), "case field not UTF-8: " + what);
    cprev = c.start;
  }
  for (const std::string* s : {&x.facts.title, &x.facts.doctype, &x.facts.organisation})
    FUZZ_CHECK(is_valid_utf8(*s), "fact not UTF-8: " + *s);
  return 0;
}
