// ingest/pdf_record.h — a PDF made into a document record, for ingest.
//
// read_pdf_record() reads the PDF's pages (ingest/pdf.h) and fills the
// record as `pdftotext` output would fill it: the pages' texts joined by form
// feeds become rec.raw, so the normaliser gives every passage its page; one
// PageSource a page says how its text was obtained (and, for a page that
// Tesseract read now, its image hash and text, which the writer adds to the
// OCR cache). The PDF's title and creation date come back in `meta`:
// apply_pdf_metadata() puts them where the analysis of the text found none.
// A PDF that cannot be read fails with pdf.h's one-sentence reason (the
// file is then skipped); a page Tesseract could not read is a warning.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/document.h"
#include "base/result.h"
#include "ingest/pdf.h"
#include "store/ocr_cache.h"

namespace omb {

// What every worker of one ingest shares for reading PDFs.
struct PdfReading {
  OcrMode ocr = OcrMode::automatic;
  int fail_ocr_page = 0;                       // test hook (ingest/pdf.h)
  const std::atomic<bool>* cancel = nullptr;   // checked between pages
  const std::atomic<bool>* stop = nullptr;     // the run stops (a fatal error): checked likewise
  OcrCacheReader* cache = nullptr;             // earlier runs' OCR; may be null
  std::atomic<std::size_t>* pages_live = nullptr;  // pages read so far, for the progress line
  std::atomic<std::size_t>* ocr_live = nullptr;    // OCR'd among them
  OcrBoard* board = nullptr;                   // OCR jobs that idle workers help with
};

struct PdfRecordCounts {
  std::size_t pages = 0, ocr_pages = 0, ocr_cached = 0;
  std::vector<std::string> warnings;  // "page 3: OCR failed: …"
};

Result<PdfRecordCounts> read_pdf_record(std::string_view bytes, const PdfReading& how, DocumentRecord& rec,
                                        DocFacts& meta);

// The PDF's title and date for the facts the text did not give.
void apply_pdf_metadata(DocFacts& facts, DocFacts meta);

}  // namespace omb
