#include "ingest/pdf.h"

#include <dlfcn.h>
#include <unistd.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>

#include <string>
#include <vector>

#include "base/hash.h"
#include "ingest/pdf_engine.h"

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

// Where the engine module may be: $OMB_PDF_ENGINE, beside the running
// program, where the build put it.
std::vector<std::string> engine_paths() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("OMB_PDF_ENGINE"); env && *env) out.emplace_back(env);
  char self[4096];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::string dir(self, static_cast<std::size_t>(n));
    dir.erase(dir.find_last_of('/') + 1);
    out.push_back(dir + "ombudsmine_pdf.so");
  }
#ifdef OMB_PDF_ENGINE_BUILT
  out.emplace_back(OMB_PDF_ENGINE_BUILT);
#endif
  return out;
}

Result<const PdfEngine*> load_engine() {
  // Debian's Tesseract runs OpenMP (libgomp), which reads OMP_THREAD_LIMIT
  // once, when it is loaded: here, with the module. One thread per page:
  // ingest's workers already keep every core busy, and OpenMP's spinning
  // threads beside them made OCR 4x slower (bench/RESULTS.md). A limit the
  // user set is kept. ingest loads the engine before its workers start, so
  // no other thread reads the environment meanwhile.
  ::setenv("OMP_THREAD_LIMIT", "1", 0);
  std::string tried;
  for (const std::string& p : engine_paths()) {
    void* h = ::dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      tried += (tried.empty() ? "" : "; ") + std::string(::dlerror());
      continue;
    }
    using Entry = const PdfEngine* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(h, "omb_pdf_engine_v1"));
    if (!entry) {
      tried += (tried.empty() ? "" : "; ") + p + ": not an ombudsmine PDF module";
      continue;
    }
    const PdfEngine* e = entry();
    if (!e || e->version != kPdfEngineVersion) {
      tried += (tried.empty() ? "" : "; ") + p + ": from another build of ombudsmine";
      continue;
    }
    return e;  // kept loaded for the life of the process
  }
  return make_error(Errc::internal, "PDF support cannot be loaded (ombudsmine_pdf.so: " + tried + ")");
}

}  // namespace

Result<const PdfEngine*> pdf_engine() {
  static const Result<const PdfEngine*> engine = load_engine();
  return engine;
}

Result<OcrResult> ocr_gray(const unsigned char* pixels, int width, int height, int bytes_per_row, int dpi) {
  OMB_TRY_ASSIGN(e, pdf_engine());
  return e->ocr(pixels, width, height, bytes_per_row, dpi);
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

namespace {

// The hash of a page image: the OCR cache's key.
std::string image_hash(const GrayImage& g) {
  StreamHash hash;
  hash.update(std::to_string(g.width) + "x" + std::to_string(g.height) + ":");
  hash.update(std::string_view(reinterpret_cast<const char*>(g.pixels.data()), g.pixels.size()));
  return hash.hex();
}

// A page image without ink: fewer dark pixels than one in 20,000 (435 on
// an A4 page at 300 dpi, less than one short word; a speck of scanner noise
// is a few). Such a page is empty, and Tesseract (whose start alone takes a
// second) is not asked: reports have blank pages between chapters.
bool blank(const GrayImage& g) {
  const std::size_t limit = g.pixels.size() / 20000;
  std::size_t dark = 0;
  for (unsigned char px : g.pixels)
    if (px < 128 && ++dark > limit) return false;
  return true;
}

}  // namespace

Result<PdfDocument> read_pdf(std::string_view bytes, const PdfOptions& opts) {
  if (!looks_like_pdf(bytes)) return make_error(Errc::decode, "not a PDF (no %PDF- header)");
  OMB_TRY_ASSIGN(engine, pdf_engine());
  PdfDocument out;
  int n = 0;
  OMB_TRY_ASSIGN(handle, engine->open(bytes, &n, &out.title, &out.created));
  std::unique_ptr<PdfHandle, void (*)(PdfHandle*)> doc(handle, engine->close);
  out.pages.reserve(static_cast<std::size_t>(n));

  // Pages queued on the board, in page order; settle() takes in the results
  // that are there (all of them when `all`).
  struct Pending { std::size_t index; std::shared_ptr<OcrBoard::Ticket> ticket; };
  std::deque<Pending> pending;
  auto stopped = [&] { return (opts.cancel && opts.cancel->load()) || (opts.stop && opts.stop->load()); };
  // False when the run is stopped while results are awaited (the pages
  // still queued are dropped on return).
  auto settle = [&](bool all) {
    while (!pending.empty() && (all || opts.board->ready(pending.front().ticket))) {
      if (all && stopped()) return false;
      PdfPage& pg = out.pages[pending.front().index];
      auto r = opts.board->wait(pending.front().ticket);
      if (r.ok()) set_ocr(pg, std::move(*r));
      else set_failed(pg, r.error().message);
      if (opts.on_page) opts.on_page(pg);
      pending.pop_front();
    }
    return true;
  };
  struct DropPending {  // an early return leaves no queued work behind
    std::deque<Pending>& p;
    OcrBoard* b;
    ~DropPending() {
      for (auto& x : p) b->drop(x.ticket);
    }
  } drop_pending{pending, opts.board};

  for (int i = 0; i < n; ++i) {
    if (stopped()) return make_error(Errc::changed, "interrupted");
    PdfPage pg;
    pg.text = engine->page_text(doc.get(), i);
    const bool need_ocr = opts.ocr == OcrMode::always || (opts.ocr == OcrMode::automatic && !usable_text(pg.text));
    if (!need_ocr) {
      pg.method = pg.text.find_first_not_of(" \n\t\r") == std::string::npos ? PageMethod::empty : PageMethod::text;
    } else if (auto img = engine->render(doc.get(), i, opts.dpi); !img.ok()) {
      set_failed(pg, img.error().message);
    } else if (blank(*img)) {
      // No ink: nothing for OCR. A short text layer (a page number) is kept.
      pg.method = pg.text.find_first_not_of(" \n\t\r") == std::string::npos ? PageMethod::empty : PageMethod::text;
    } else {
      pg.image_hash = image_hash(*img);
      std::optional<OcrResult> hit;
      if (opts.cached) hit = opts.cached(pg.image_hash);
      if (hit) {
        pg.from_cache = true;
        set_ocr(pg, std::move(*hit));
      } else if (opts.fail_ocr_page == i + 1) {
        set_failed(pg, "Tesseract could not read the page image (test)");
      } else if (opts.board) {
        const int w = img->width, h = img->height;
        pending.push_back({out.pages.size(), opts.board->submit(std::move(img->pixels), w, h, img->dpi)});
        out.pages.push_back(std::move(pg));
        settle(false);
        continue;
      } else {
        auto r = engine->ocr(img->pixels.data(), img->width, img->height, img->width, img->dpi);
        if (r.ok()) set_ocr(pg, std::move(*r));
        else set_failed(pg, r.error().message);
      }
    }
    if (opts.on_page) opts.on_page(pg);
    out.pages.push_back(std::move(pg));
    settle(false);
  }
  if (!settle(true)) return make_error(Errc::changed, "interrupted");
  return out;
}

}  // namespace omb
