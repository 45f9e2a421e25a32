// ingest/analyze.h — the per-document stages that run in ingest workers:
// normalise (text, pages, passages) and extract (facts, cases, tags).
//
// An Analyzer holds what those stages load once (word lists, dictionaries,
// rules) and is shared read-only by all worker threads.
#pragma once

#include <memory>
#include <string>

#include "base/document.h"
#include "base/result.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

namespace omb {

// A fingerprint of everything analysis reads besides the text:
// kPipelineVersion (store/writer.h), the files of `dictionaries_dir`'s
// extract/, normalize/ and words/ folders (names and contents), and the
// Dutch word list and hunspell dictionary of normalize/lexicon.h. Equal
// fingerprints: equal analysis of the same text. A folder that is missing
// counts as empty; an unreadable file is an error naming it.
Result<std::string> analysis_fingerprint(const std::string& dictionaries_dir);

// When a text is analysed in parts: texts longer than `above` bytes, in
// parts of about `size` bytes. The defaults are what ingest uses; tests set
// smaller ones to cover the same paths with less text.
struct AnalyzerParts {
  std::size_t above = 16u << 20;
  std::size_t size = 8u << 20;
};

class Analyzer {
 public:
  using Parts = AnalyzerParts;

  // Loads what the stages need. `dictionaries_dir` may be empty: the
  // normaliser then uses its defaults and nothing is extracted.
  static Result<std::shared_ptr<const Analyzer>> create(const std::string& dictionaries_dir, Parts parts = {});

  const Parts& parts() const { return parts_; }

  // Fills rec.norm, pages, passages, facts, cases and tags from rec.raw.
  // Never fails: odd text yields fewer findings, not an error. A text over
  // parts().above (16 MB) is analysed in parts of about parts().size (8 MB)
  // cut at blank lines (a case that runs across a cut becomes two; the facts
  // are those of the first part).
  void analyze(DocumentRecord& rec) const;

  // The same for a large file that is read as it is analysed, so that its
  // source is never held in memory: rec.raw stays empty, rec.raw_file names
  // the file (UTF-8 that decode_text() passes through; see PassThroughCheck),
  // rec.raw_skip the length of its BOM, and rec.content_hash and byte_size
  // the file's. The text after the BOM must be longer than parts().above; the
  // record is then the one analyze() makes of it. rec.norm is always set.
  // Fails with Errc::changed if the file cannot be read now, or if what was
  // read does not have the hash (it changed since it was hashed).
  Status analyze_file(DocumentRecord& rec) const;

  const Extractor* extractor() const { return extractor_.get(); }

  // What the stored analysis of a document depends on: analysis_fingerprint()
  // of the dictionaries this Analyzer loaded. The writer stores it with each
  // document; a document stored with another is stale (store/writer.h).
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  Analyzer() = default;
  Parts parts_;
  std::string fingerprint_;
  std::shared_ptr<const Normalizer> normalizer_;
  std::shared_ptr<const Extractor> extractor_;
};

}  // namespace omb
