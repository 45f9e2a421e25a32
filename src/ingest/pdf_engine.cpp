// ingest/pdf_engine.cpp — the module ombudsmine_pdf.so: poppler-cpp and
// Tesseract behind the table of ingest/pdf_engine.h. Built as a module of
// its own so that only a run that reads a PDF loads these libraries.
#include "ingest/pdf_engine.h"

#include <tesseract/baseapi.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>

#include <algorithm>
#include <cmath>
#include <poppler/cpp/poppler-page.h>

namespace omb {

struct PdfHandle {
  std::unique_ptr<poppler::document> doc;
  poppler::page_renderer renderer;
};

namespace {

// Poppler reports through one global function; it is called on the thread
// that did the work, so the last message is kept per thread.
thread_local std::string t_poppler_message;

void poppler_quiet(const std::string& msg, void*) { t_poppler_message = msg; }

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(&poppler_quiet, nullptr);
  });
}

std::string with_poppler_message(std::string what) {
  if (!t_poppler_message.empty()) what += " (poppler: " + t_poppler_message + ")";
  return what;
}

std::string utf8(const poppler::ustring& u) {
  poppler::byte_array b = u.to_utf8();
  std::string s(b.begin(), b.end());
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

// Debian's Tesseract uses OpenMP (libgomp), which reads OMP_THREAD_LIMIT as
// it is loaded, too early for the program to set it; the thread's own limit is set
// here. Weak: absent when Tesseract was built without OpenMP.
extern "C" void omp_set_num_threads(int) __attribute__((weak));

struct Tess {
  tesseract::TessBaseAPI api;
  bool ready = false;
  std::string init_error;
};

Tess& thread_tess() {
  thread_local Tess t;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    // One thread per page: ingest's workers already keep every core busy, and
    // OpenMP's spinning threads on top of them made OCR 5x slower (bench/RESULTS.md).
    if (omp_set_num_threads) omp_set_num_threads(1);
    t.api.SetVariable("debug_file", "/dev/null");  // its warnings would go to stderr
    if (t.api.Init(nullptr, "nld") != 0) t.init_error = "Tesseract cannot start with language 'nld' (is tesseract-ocr-nld installed?)";
    else {
      t.api.SetVariable("debug_file", "/dev/null");
      t.api.SetPageSegMode(tesseract::PSM_AUTO);
      t.ready = true;
    }
  }
  return t;
}

}  // namespace


Result<OcrResult> ocr_page(const unsigned char* pixels, int width, int height, int bytes_per_row, int dpi) {
  init_once();
  Tess& t = thread_tess();
  if (!t.ready) return make_error(Errc::internal, t.init_error);
  if (width < 3 || height < 3) return make_error(Errc::internal, "the page image is too small for Tesseract");
  t.api.SetImage(pixels, width, height, 1, bytes_per_row);
  t.api.SetSourceResolution(dpi);
  if (t.api.Recognize(nullptr) != 0) {
    t.api.Clear();
    return make_error(Errc::internal, "Tesseract could not read the page image");
  }
  std::unique_ptr<char[]> txt(t.api.GetUTF8Text());
  OcrResult r;
  if (txt) r.text = txt.get();
  int conf = t.api.MeanTextConf();
  r.confidence = conf < 0 ? 0 : conf / 100.0;
  t.api.Clear();
  if (!txt) return make_error(Errc::internal, "Tesseract returned no text");
  return r;
}


Result<PdfHandle*> open_pdf(std::string_view bytes, int* pages, std::string* title, std::string* created) {
  init_once();
  t_poppler_message.clear();
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return make_error(Errc::decode, "PDF larger than 2 GB");
  // load_from_raw_data borrows the bytes: they outlive the handle.
  auto h = std::make_unique<PdfHandle>();
  h->doc.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!h->doc) return make_error(Errc::decode, with_poppler_message("damaged PDF: poppler cannot open it"));
  if (h->doc->is_locked()) return make_error(Errc::decode, "encrypted PDF: it needs a password to be read");
  *pages = h->doc->pages();
  if (*pages <= 0) return make_error(Errc::decode, with_poppler_message("PDF with no pages"));
  *title = utf8(h->doc->get_title());
  created->clear();
  if (std::time_t t = h->doc->get_creation_date_t(); t > 0) {
    std::tm tm{};
    if (gmtime_r(&t, &tm)) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
      *created = buf;
    }
  }
  h->renderer.set_image_format(poppler::image::format_gray8);
  h->renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  h->renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  return h.release();
}


std::string text_of_page(PdfHandle* h, int i) {
  std::unique_ptr<poppler::page> page(h->doc->create_page(i));
  if (!page) return {};
  std::string text = utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
  for (char& c : text)
    if (c == '\f') c = '\n';
  return text;
}

// The resolution at which page `page` makes an image of at most
// kMaxPagePixels: `dpi`, or less for a page larger than A3 or so (a page box
// of 5000 points would need 434 megapixels at 300 dpi).
int capped_dpi(const poppler::page& page, int dpi) {
  const poppler::rectf box = page.page_rect();
  const double w = std::abs(box.width()) / 72.0, h = std::abs(box.height()) / 72.0;  // inches
  if (!(w > 0) || !(h > 0)) return dpi;
  const double most = std::floor(std::sqrt(kMaxPagePixels / (w * h)));
  return static_cast<int>(std::clamp(most, 1.0, static_cast<double>(dpi)));
}

Result<GrayImage> render_page(PdfHandle* h, int i, int dpi) {
  t_poppler_message.clear();
  std::unique_ptr<poppler::page> page(h->doc->create_page(i));
  if (!page) return make_error(Errc::decode, with_poppler_message("poppler could not read the page"));
  dpi = capped_dpi(*page, dpi);
  poppler::image img = h->renderer.render_page(page.get(), dpi, dpi);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0)
    return make_error(Errc::decode, with_poppler_message("poppler could not render the page"));
  GrayImage g;
  g.dpi = dpi;
  g.width = img.width();
  g.height = img.height();
  const int bpr = img.bytes_per_row();
  const auto* px = reinterpret_cast<const unsigned char*>(img.const_data());
  g.pixels.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
  for (int y = 0; y < g.height; ++y)
    std::memcpy(g.pixels.data() + static_cast<std::size_t>(y) * g.width, px + static_cast<std::size_t>(y) * bpr,
                static_cast<std::size_t>(g.width));
  return g;
}

// The engine's entry points: no exception leaves the module (poppler and
// Tesseract may throw std::bad_alloc on a page too large to hold).
Error thrown(const char* what) { return make_error(Errc::internal, std::string("PDF engine: ") + what); }

Result<PdfHandle*> engine_open(std::string_view bytes, int* pages, std::string* title, std::string* created) {
  try {
    return open_pdf(bytes, pages, title, created);
  } catch (const std::bad_alloc&) {
    return thrown("out of memory opening the PDF");
  } catch (...) {
    return thrown("poppler failed opening the PDF");
  }
}

void engine_close(PdfHandle* h) noexcept { delete h; }

std::string engine_page_text(PdfHandle* h, int i) noexcept {
  try {
    return text_of_page(h, i);
  } catch (...) {
    return {};  // a page poppler cannot make has no text
  }
}

Result<GrayImage> engine_render(PdfHandle* h, int i, int dpi) {
  try {
    return render_page(h, i, dpi);
  } catch (const std::bad_alloc&) {
    return thrown("out of memory rendering the page");
  } catch (...) {
    return thrown("poppler failed rendering the page");
  }
}

Result<OcrResult> engine_ocr(const unsigned char* pixels, int width, int height, int bytes_per_row, int dpi) {
  try {
    return ocr_page(pixels, width, height, bytes_per_row, dpi);
  } catch (const std::bad_alloc&) {
    return thrown("out of memory in Tesseract");
  } catch (...) {
    return thrown("Tesseract failed on the page image");
  }
}

}  // namespace omb

extern "C" __attribute__((visibility("default"))) const omb::PdfEngine* omb_pdf_engine_v1() {
  static const omb::PdfEngine engine{omb::kPdfEngineVersion, &omb::engine_open,  &omb::engine_close,
                                     &omb::engine_page_text, &omb::engine_render, &omb::engine_ocr};
  return &engine;
}
