// store/ocr_cache.h — what Tesseract read earlier, by page image (schema v7).
//
// The writer adds to ocr_cache (store/writer.cpp, with a PDF document's
// page_sources); an ingest's workers ask it before they run OCR on a page.
// OcrCacheReader reads through a read-only connection of its own, so the
// workers' questions do not touch the writer's connection; the writer's
// uncommitted batch is not seen, which costs at most one repeated OCR of a
// page that occurs twice within a second. find() is safe from many threads
// (one statement behind a mutex: a lookup is microseconds, OCR is seconds).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/result.h"
#include "store/db.h"

namespace omb {

struct CachedOcr {
  std::string text;
  double confidence = 0;  // Tesseract's mean word confidence, 0..1
};

class OcrCacheReader {
 public:
  // A reader of the database file at `path`; null for an in-memory
  // database, or one that cannot be opened again (then nothing is cached).
  static std::unique_ptr<OcrCacheReader> open(const std::string& path);

  std::optional<CachedOcr> find(const std::string& image_hash);

 private:
  explicit OcrCacheReader(Database db) : db_(std::move(db)) {}
  Database db_;
  std::optional<Stmt> q_;  // prepared on first use, on db_ where it lives
  std::mutex mu_;
};

}  // namespace omb
