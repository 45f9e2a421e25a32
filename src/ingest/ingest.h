// ingest/ingest.h — bulk ingest of an archive of PDFs and PDFs-as-text.
//
// ingest() walks the given files and folders (ingest/walk.h: recursively, in
// sorted order), takes .txt, .md and .pdf files, and stores each one in the database: N worker
// threads read, hash, decode and analyse; one writer (the calling thread)
// stores them in walk order, in batches of about a second or 32 MB, one
// transaction each (a document that fails rolls its batch back, and the
// others of the batch are written again without it). Re-ingesting
// unchanged files writes nothing; a changed file replaces its old version;
// the same content under two paths is stored once with both paths; content
// stored by an older pipeline (kPipelineVersion) is analysed and stored again.
//
// A PDF (ingest/pdf_record.h) becomes the text of its pages joined by form
// feeds: its text layer or, for pages without usable text, what Tesseract
// reads (IngestOptions::ocr). OCR results are looked up first in, and stored
// in, the database's OCR cache by page image (store/ocr_cache.h), so no page
// is read twice across runs. Workers that have no file to take run OCR on
// the pages other workers' PDFs queued. A PDF that cannot be read (not a
// PDF, encrypted, damaged, no pages) is skipped with the reason; a page that
// Tesseract cannot read is stored empty and reported as a "warning" problem.
//
// A bad file (unreadable, not text, vanished) is reported through
// on_problem and counted; the run goes on. A database failure that makes
// further writes pointless (disk full, read-only) stops the run: the summary
// says so in `fatal`, and what was committed before stays committed.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/hash.h"
#include "base/result.h"
#include "ingest/analyze.h"
#include "ingest/pdf.h"
#include "store/db.h"

namespace omb {

struct FileProblem {
  std::string path;
  std::string kind;    // "skipped", "failed" or "warning" (a PDF page OCR could not read)
  std::string reason;
};

struct IngestProgress {
  std::size_t files_done = 0, files_total = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;
  std::size_t pages = 0, ocr_pages = 0;  // PDF pages read so far (also of files not yet stored), OCR'd among them
  double seconds = 0;
};

struct IngestOptions {
  int jobs = 0;  // worker threads; 0 = all cores
  bool reanalyze = false;  // analyse stored content again as if its pipeline were old
  OcrMode ocr = OcrMode::automatic;  // PDF pages: OCR those without usable text, all, or none
  int test_fail_ocr_page = 0;  // test hook: OCR of this page of every PDF fails (ingest/pdf.h)
  // After every file, and every 250 ms while the writer waits for one (a
  // long PDF being OCR'd); from the writer thread.
  std::function<void(const IngestProgress&)> on_progress;
  std::function<void(const FileProblem&)> on_problem;      // called from the writer thread
  const std::atomic<bool>* cancel = nullptr;               // set to stop after the current document
  // Test hook: called by a worker just before it reads a file, so tests can
  // make the file vanish or change mid-run. Called from worker threads.
  std::function<void(const std::string& path)> before_read;
};

struct IngestSummary {
  std::size_t files = 0;  // files considered (.txt/.md and others)
  std::size_t added = 0, replaced = 0, unchanged = 0, duplicates = 0, skipped = 0, failed = 0;
  std::size_t pages = 0, ocr_pages = 0, ocr_cached = 0;  // PDF pages read; OCR'd; OCR text from the cache
  std::size_t reanalysed = 0;  // stored by an older pipeline, analysed and stored again
  std::uint64_t bytes = 0;  // bytes read from files that were taken
  double seconds = 0;
  std::map<std::string, std::size_t> skipped_reasons;  // reason -> count
  std::vector<FileProblem> problems;                   // every skipped and failed file
  bool interrupted = false;
  std::optional<Error> fatal;  // the run stopped early because of this
  // The search catalog (store/catalog.h) could not be stored after the run:
  // everything is stored and searchable, search is slower until the next run.
  std::optional<Error> catalog_error;
  std::int64_t run_id = 0;

  double mb_per_s() const { return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0; }
  std::string to_json() const;
};

// Does not fail as a whole for bad files; fails only if the database cannot
// be prepared for writing.
Result<IngestSummary> ingest(Database& db, const std::vector<std::string>& paths,
                             std::shared_ptr<const Analyzer> analyzer, const IngestOptions& opts = {});

}  // namespace omb
