// ingest/analyse.h — the per-document stages that run in ingest workers:
// normalise (text, pages, passages) and extract (facts, cases, tags).
//
// An Analyser holds what those stages load once (word lists, dictionaries,
// rules) and is shared read-only by all worker threads.
#pragma once

#include <memory>
#include <string>

#include "base/document.h"
#include "base/result.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

namespace omb {

class Analyser {
 public:
  // Loads what the stages need. `dictionaries_dir` may be empty: the
  // normaliser then uses its defaults and nothing is extracted.
  static Result<std::shared_ptr<const Analyser>> create(const std::string& dictionaries_dir);

  // Fills rec.norm, pages, passages, facts, cases and tags from rec.raw.
  // Never fails: odd text yields fewer findings, not an error.
  void analyse(DocumentRecord& rec) const;

  const Extractor* extractor() const { return extractor_.get(); }

 private:
  Analyser() = default;
  std::shared_ptr<const Normalizer> normalizer_;
  std::shared_ptr<const Extractor> extractor_;
};

}  // namespace omb
