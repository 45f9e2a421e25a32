// ingest/pdf.h — a PDF's text, page by page: its text layer through
// poppler-cpp, or OCR (Tesseract, Dutch) for pages without usable text.
//
// read_pdf() takes the bytes of a file (borrowed for the call only) and
// returns one PdfPage per page of the document, in order, and the PDF's
// metadata (title, creation date). Text comes from poppler's
// non_raw_non_physical_layout: poppler's reading order, the mode of
// `pdftotext` without -layout. Its text blocks are ordered by columns, so a
// two-column page reads the left column to its end, then the right one,
// instead of the physical mode's lines that run across both columns (one
// sentence from each column on a line) or the raw mode's content-stream order
// (whatever order the producer drew in: headers last, tables cell by cell).
// A page's text never contains '\f' (ingest joins pages with it).
//
// A page's text is usable (usable_text()) unless it has fewer than 8 letters
// or digits (no text layer; a scan) or is garbage: under half of its
// whitespace-separated tokens look like words (a token of which at least 60%
// of the code points are letters or digits), or 10% or more of its code
// points are U+FFFD, private-use or control characters (fonts without a
// usable ToUnicode map give exactly these). With OcrMode::automatic a page
// without usable text is rendered (page_renderer, 300 dpi, 8-bit gray) and
// read by Tesseract in Dutch ("nld"); always: every page; never: no page.
// A rendered page without ink (fewer than 1 in 20,000 pixels dark) is empty
// and not OCR'd.
// Each worker thread keeps one Tesseract instance (made on first use).
//
// OCR results may be cached by the hash of the rendered page image
// (content_hash of its pixels and size): `cached` is asked before Tesseract
// runs, and a page read by Tesseract carries its image_hash and text so that
// the caller can store them.
//
// Errors are values, never exceptions: Errc::decode with one sentence for a
// file that is not a PDF, an encrypted PDF that needs a password, a PDF that
// poppler cannot open (a broken cross-reference table that it cannot
// rebuild), a PDF with no pages; Errc::changed when `cancel` was set during
// the call. A page on which Tesseract fails does not fail the document: it
// comes back empty with PageMethod::ocr_failed and the reason in `error`.
// Poppler's own messages never reach stderr: the last one on this thread is
// added to the error. Thread-safe: calls on different threads share nothing
// but poppler's global state, which poppler guards.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace omb {

enum class OcrMode { automatic, always, never };
// "auto", "always", "never"; parse_ocr_mode fails with Errc::usage.
const char* ocr_mode_name(OcrMode m);
Result<OcrMode> parse_ocr_mode(std::string_view s);

// How a page's text was obtained. Stored in page_sources.method by name.
enum class PageMethod { text, ocr, ocr_failed, empty };
const char* page_method_name(PageMethod m);  // "text", "ocr", "ocr-failed", "empty"

struct OcrResult {
  std::string text;
  double confidence = 0;  // Tesseract's mean word confidence, 0..1
};

struct PdfPage {
  std::string text;                     // UTF-8, no '\f'
  PageMethod method = PageMethod::text;
  double confidence = -1;               // OCR only: 0..1; else -1
  std::string image_hash;               // OCR only: hash of the rendered image (the cache key)
  bool from_cache = false;              // OCR only: the text came from `cached`
  std::string error;                    // ocr_failed only: why
};

struct PdfDocument {
  std::vector<PdfPage> pages;
  std::string title;    // the Info dictionary's Title, or empty
  std::string created;  // CreationDate as yyyy-mm-dd, or empty
  std::size_t ocr_pages() const;  // pages read by OCR (cached or not)
};

// OCR jobs shared by threads: the thread reading a PDF renders its pages and
// queues them here; any thread may take a queued page and run Tesseract on it
// (ingest's idle workers do, so one long scanned PDF keeps every core busy).
// The reading thread works on queued pages itself whenever it would wait:
// when `max_queued` pages are queued, and when it needs a result. Page images
// are owned by the board until a thread takes them. Thread-safe.
class OcrBoard {
 public:
  struct Ticket;
  explicit OcrBoard(std::size_t max_queued) : max_queued_(max_queued ? max_queued : 1) {}
  // Called when a page is queued (never with the board's lock held): wake idle helpers.
  void on_queued(std::function<void()> f) { notify_ = std::move(f); }
  std::shared_ptr<Ticket> submit(std::vector<unsigned char> gray, int width, int height, int dpi);
  Result<OcrResult> wait(const std::shared_ptr<Ticket>& t);
  bool ready(const std::shared_ptr<Ticket>& t) const;
  bool run_one();          // Tesseract on one queued page; false if none was queued
  bool has_work() const;   // a page is queued
  void drop(const std::shared_ptr<Ticket>& t);  // not needed any more: not run if still queued

 private:
  std::size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable done_;
  std::deque<std::shared_ptr<Ticket>> queue_;
  std::function<void()> notify_;
};

struct PdfOptions {
  OcrMode ocr = OcrMode::automatic;
  int dpi = 300;
  // Asked with a page image's hash before Tesseract runs; may be empty.
  std::function<std::optional<OcrResult>(const std::string& image_hash)> cached;
  // Called after every page (from the calling thread); may be empty.
  std::function<void(const PdfPage&)> on_page;
  const std::atomic<bool>* cancel = nullptr;  // the user's Ctrl-C: checked between pages and OCR results
  const std::atomic<bool>* stop = nullptr;    // the caller's own stop (a fatal error elsewhere): the same
  // Where OCR runs: queued on this board (other threads may help), or, when
  // null, on the calling thread.
  OcrBoard* board = nullptr;
  // Test hook: OCR of this 1-based page fails as if Tesseract had.
  int fail_ocr_page = 0;
};

Result<PdfDocument> read_pdf(std::string_view bytes, const PdfOptions& opts = {});

// The test above: does this page text need no OCR?
bool usable_text(std::string_view text);

// Tesseract on one 8-bit gray image (rows of bytes_per_row bytes), in Dutch.
// Fails with Errc::internal when Tesseract cannot start (no "nld" data) or
// cannot read the image.
Result<OcrResult> ocr_gray(const unsigned char* pixels, int width, int height, int bytes_per_row, int dpi);

// Does `bytes` start like a PDF ("%PDF-" within the first 1024 bytes)?
bool looks_like_pdf(std::string_view bytes);

}  // namespace omb
