#include "ingest/pdf.h"

#include <tesseract/baseapi.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <cstring>
#include <deque>
#include <ctime>
#include <memory>
#include <mutex>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include "base/hash.h"

namespace omb {

const char* ocr_mode_name(OcrMode m) {
  switch (m) {
    case OcrMode::automatic: return "auto";
    case OcrMode::always: return "always";
    case OcrMode::never: return "never";
  }
  return "auto";
}

Result<OcrMode> parse_ocr_mode(std::string_view s) {
  if (s == "auto") return OcrMode::automatic;
  if (s == "always") return OcrMode::always;
  if (s == "never") return OcrMode::never;
  return make_error(Errc::usage, "--ocr must be auto, always or never, not '" + std::string(s) + "'");
}

const char* page_method_name(PageMethod m) {
  switch (m) {
    case PageMethod::text: return "text";
    case PageMethod::ocr: return "ocr";
    case PageMethod::ocr_failed: return "ocr-failed";
    case PageMethod::empty: return "empty";
  }
  return "text";
}

std::size_t PdfDocument::ocr_pages() const {
  std::size_t n = 0;
  for (const PdfPage& p : pages) n += p.method == PageMethod::ocr;
  return n;
}

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

bool usable_text(std::string_view text) {
  std::size_t alnum = 0, bad = 0, points = 0, tokens = 0, wordlike = 0;
  std::size_t tok_points = 0, tok_alnum = 0;
  auto end_token = [&] {
    if (tok_points == 0) return;
    ++tokens;
    if (tok_alnum > 0 && tok_alnum * 10 >= tok_points * 6) ++wordlike;
    tok_points = tok_alnum = 0;
  };
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || u_isUWhiteSpace(c)) { end_token(); continue; }
    ++points;
    ++tok_points;
    if (u_isalnum(c)) { ++alnum; ++tok_alnum; }
    if (c == 0xFFFD || u_charType(c) == U_PRIVATE_USE_CHAR || u_charType(c) == U_CONTROL_CHAR) ++bad;
  }
  end_token();
  if (alnum < 8) return false;
  if (wordlike * 2 < tokens) return false;
  if (bad * 10 >= points) return false;
  return true;
}

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

Result<OcrResult> ocr_gray(const unsigned char* pixels, int width, int height, int bytes_per_row, int dpi) {
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

struct OcrBoard::Ticket {
  std::vector<unsigned char> gray;
  int width = 0, height = 0, dpi = 300;
  bool taken = false, done = false, dropped = false;
  std::optional<Result<OcrResult>> result;
};

std::shared_ptr<OcrBoard::Ticket> OcrBoard::submit(std::vector<unsigned char> gray, int width, int height, int dpi) {
  auto t = std::make_shared<Ticket>();
  t->gray = std::move(gray);
  t->width = width;
  t->height = height;
  t->dpi = dpi;
  for (;;) {  // too many queued: work on them instead of piling up images
    {
      std::lock_guard<std::mutex> lk(mu_);
      if (queue_.size() < max_queued_) {
        queue_.push_back(t);
        break;
      }
    }
    run_one();
  }
  if (notify_) notify_();
  return t;
}

bool OcrBoard::run_one() {
  std::shared_ptr<Ticket> t;
  {
    std::lock_guard<std::mutex> lk(mu_);
    while (!queue_.empty() && !t) {
      t = std::move(queue_.front());
      queue_.pop_front();
      if (t->dropped) t.reset();
    }
    if (!t) return false;
    t->taken = true;
  }
  auto r = ocr_gray(t->gray.data(), t->width, t->height, t->width, t->dpi);
  {
    std::lock_guard<std::mutex> lk(mu_);
    t->result.emplace(std::move(r));
    t->done = true;
    std::vector<unsigned char>().swap(t->gray);
  }
  done_.notify_all();
  return true;
}

bool OcrBoard::has_work() const {
  std::lock_guard<std::mutex> lk(mu_);
  return !queue_.empty();
}

bool OcrBoard::ready(const std::shared_ptr<Ticket>& t) const {
  std::lock_guard<std::mutex> lk(mu_);
  return t->done;
}

void OcrBoard::drop(const std::shared_ptr<Ticket>& t) {
  std::lock_guard<std::mutex> lk(mu_);
  t->dropped = true;
}

Result<OcrResult> OcrBoard::wait(const std::shared_ptr<Ticket>& t) {
  for (;;) {
    {
      std::unique_lock<std::mutex> lk(mu_);
      if (t->done) return std::move(*t->result);
      if (t->taken) {  // another thread runs it
        done_.wait(lk, [&] { return t->done; });
        return std::move(*t->result);
      }
    }
    run_one();  // ours is still queued: work (on it, or one before it)
  }
}

namespace {

void set_ocr(PdfPage& pg, OcrResult r) {
  pg.method = PageMethod::ocr;
  pg.text = std::move(r.text);
  for (char& c : pg.text)
    if (c == '\f') c = '\n';
  pg.confidence = r.confidence;
}

void set_failed(PdfPage& pg, std::string why) {
  pg.method = PageMethod::ocr_failed;
  pg.text.clear();
  pg.confidence = -1;
  pg.error = std::move(why);
}

}  // namespace

Result<PdfDocument> read_pdf(std::string_view bytes, const PdfOptions& opts) {
  init_once();
  t_poppler_message.clear();
  if (!looks_like_pdf(bytes)) return make_error(Errc::decode, "not a PDF (no %PDF- header)");
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return make_error(Errc::decode, "PDF larger than 2 GB");
  // load_from_raw_data borrows the bytes: they outlive `doc`.
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return make_error(Errc::decode, with_poppler_message("damaged PDF: poppler cannot open it"));
  if (doc->is_locked()) return make_error(Errc::decode, "encrypted PDF: it needs a password to be read");
  const int n = doc->pages();
  if (n <= 0) return make_error(Errc::decode, with_poppler_message("PDF with no pages"));

  PdfDocument out;
  out.title = utf8(doc->get_title());
  if (std::time_t t = doc->get_creation_date_t(); t > 0) {
    std::tm tm{};
    if (gmtime_r(&t, &tm)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
      out.created = buf;
    }
  }
  out.pages.reserve(static_cast<std::size_t>(n));
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);

  // Pages queued on the board, in page order; settle() takes in the results
  // that are there (all of them when `all`).
  struct Pending { std::size_t index; std::shared_ptr<OcrBoard::Ticket> ticket; };
  std::deque<Pending> pending;
  auto settle = [&](bool all) {
    while (!pending.empty() && (all || opts.board->ready(pending.front().ticket))) {
      PdfPage& pg = out.pages[pending.front().index];
      auto r = opts.board->wait(pending.front().ticket);
      if (r.ok()) set_ocr(pg, std::move(*r));
      else set_failed(pg, r.error().message);
      if (opts.on_page) opts.on_page(pg);
      pending.pop_front();
    }
  };
  struct DropPending {  // an early return leaves no queued work behind
    std::deque<Pending>& p;
    OcrBoard* b;
    ~DropPending() {
      for (auto& x : p) b->drop(x.ticket);
    }
  } drop_pending{pending, opts.board};

  for (int i = 0; i < n; ++i) {
    if (opts.cancel && opts.cancel->load()) return make_error(Errc::changed, "interrupted");
    PdfPage pg;
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) {
      pg.method = PageMethod::empty;
      out.pages.push_back(std::move(pg));
      continue;
    }
    pg.text = utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    for (char& c : pg.text)
      if (c == '\f') c = '\n';
    bool need_ocr = opts.ocr == OcrMode::always || (opts.ocr == OcrMode::automatic && !usable_text(pg.text));
    if (!need_ocr) {
      pg.method = pg.text.find_first_not_of(" \n\t\r") == std::string::npos ? PageMethod::empty : PageMethod::text;
    } else {
      poppler::image img = renderer.render_page(page.get(), opts.dpi, opts.dpi);
      std::string failure;
      if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
        failure = with_poppler_message("poppler could not render the page");
      } else {
        const int w = img.width(), h = img.height(), bpr = img.bytes_per_row();
        const auto* px = reinterpret_cast<const unsigned char*>(img.const_data());
        StreamHash hash;
        std::string dims = std::to_string(w) + "x" + std::to_string(h) + ":";
        hash.update(dims);
        for (int y = 0; y < h; ++y) hash.update(std::string_view(reinterpret_cast<const char*>(px) + y * bpr, w));
        pg.image_hash = hash.hex();
        std::optional<OcrResult> hit;
        if (opts.cached) hit = opts.cached(pg.image_hash);
        if (hit) {
          pg.from_cache = true;
          set_ocr(pg, std::move(*hit));
        } else if (opts.fail_ocr_page == i + 1) {
          failure = "Tesseract could not read the page image (test)";
        } else if (opts.board) {
          std::vector<unsigned char> gray(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
          for (int y = 0; y < h; ++y) std::memcpy(gray.data() + static_cast<std::size_t>(y) * w, px + y * bpr, static_cast<std::size_t>(w));
          img = poppler::image();  // the copy is what is queued
          pending.push_back({out.pages.size(), opts.board->submit(std::move(gray), w, h, opts.dpi)});
          out.pages.push_back(std::move(pg));
          settle(false);
          continue;
        } else {
          auto r = ocr_gray(px, w, h, bpr, opts.dpi);
          if (r.ok()) set_ocr(pg, std::move(*r));
          else failure = r.error().message;
        }
      }
      if (!failure.empty()) set_failed(pg, std::move(failure));
    }
    if (opts.on_page) opts.on_page(pg);
    out.pages.push_back(std::move(pg));
    settle(false);
  }
  settle(true);
  return out;
}

}  // namespace omb
