// ingest/pdf_engine.h — inside ingest/: poppler and Tesseract, loaded when
// the first PDF is read. Not a contract for other stages (they use pdf.h).
//
// Poppler, Tesseract and what they pull in (Leptonica, image codecs, OpenMP)
// are 60 shared libraries: linked into the program they made every command
// start in 40 ms instead of 13 ms (the dynamic loader's work), PDF or not.
// So they live in a module of their own, ombudsmine_pdf.so
// (pdf_engine.cpp), which pdf_engine() opens with dlopen on first use and
// keeps loaded: from $OMB_PDF_ENGINE, else beside the running program, else
// where the build put it. The module exports one C function,
// omb_pdf_engine_v1(), which returns this table; both sides are built from
// this header by the same build.
//
// The engine only does what needs the libraries: open a PDF (its page count
// and metadata), one page's text, one page rendered to 8-bit gray, Tesseract
// on a gray image. pdf.cpp does the rest (which pages need OCR, the cache,
// the board). Errors are values; the engine catches what the libraries throw.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "ingest/pdf.h"

namespace omb {

struct GrayImage {
  std::vector<unsigned char> pixels;  // width * height bytes, rows packed
  int width = 0, height = 0;
  int dpi = 0;  // the resolution it was rendered at (below the one asked for a huge page)
};

// render() lowers the resolution of a page that would make a larger image
// (40 megapixels: A3 at 300 dpi is 17).
inline constexpr double kMaxPagePixels = 40e6;

struct PdfHandle;  // an open PDF, owned by the engine

struct PdfEngine {
  int version;  // kPdfEngineVersion of the build that made the module
  // Opens `bytes` (borrowed until close): Errc::decode with one sentence for
  // a damaged or encrypted PDF or one with no pages.
  Result<PdfHandle*> (*open)(std::string_view bytes, int* pages, std::string* title, std::string* created);
  void (*close)(PdfHandle* doc);
  // Page i (0-based): its text in reading order ('\f' made '\n'); an empty
  // string for a page poppler cannot make.
  std::string (*page_text)(PdfHandle* doc, int i);
  // Page i as a gray image at `dpi`, or lower (kMaxPagePixels). No entry
  // point throws: failures, out of memory included, are Errc values.
  Result<GrayImage> (*render)(PdfHandle* doc, int i, int dpi);
  Result<OcrResult> (*ocr)(const unsigned char* pixels, int width, int height, int bytes_per_row, int dpi);
};

inline constexpr int kPdfEngineVersion = 2;  // 2: GrayImage::dpi

// The loaded engine, or why it cannot be loaded (Errc::internal, naming the
// module and dlerror()). Loads once; thread-safe, but the first call sets
// OMP_THREAD_LIMIT (unless set): make it before other threads start.
Result<const PdfEngine*> pdf_engine();

}  // namespace omb

extern "C" const omb::PdfEngine* omb_pdf_engine_v1();
