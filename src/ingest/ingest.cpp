#include "ingest/ingest.h"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "index/tokenizer.h"
#include "ingest/decode.h"
#include "ingest/pdf.h"
#include "store/catalog.h"
#include "store/writer.h"

namespace fs = std::filesystem;

namespace omb {

std::string IngestSummary::to_json() const {
  nlohmann::json j;
  j["files"] = files;
  j["added"] = added;
  j["replaced"] = replaced;
  j["unchanged"] = unchanged;
  j["reanalysed"] = reanalysed;
  j["duplicates"] = duplicates;
  j["skipped"] = skipped;
  j["failed"] = failed;
  j["pages"] = pages;
  j["ocr_pages"] = ocr_pages;
  j["ocr_cached"] = ocr_cached;
  j["bytes"] = bytes;
  j["seconds"] = seconds;
  j["mb_per_s"] = mb_per_s();
  j["skipped_reasons"] = skipped_reasons;
  nlohmann::json probs = nlohmann::json::array();
  for (const auto& p : problems) probs.push_back({{"path", p.path}, {"kind", p.kind}, {"reason", p.reason}});
  j["problems"] = probs;
  j["interrupted"] = interrupted;
  j["fatal"] = fatal ? nlohmann::json(fatal->to_string()) : nlohmann::json(nullptr);
  j["catalog_error"] = catalog_error ? nlohmann::json(catalog_error->to_string()) : nlohmann::json(nullptr);
  j["run_id"] = run_id;
  return j.dump();
}

namespace {

struct Candidate {
  std::string path;
  std::uint64_t size = 0;
  long long mtime = 0;
  std::string skip_reason;  // non-empty: not taken, with this reason
  std::string fail_reason;  // non-empty: could not even be listed
};

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool has_text_extension(const fs::path& p) {
  std::string ext = lower_extension(p);
  return ext == ".txt" || ext == ".md" || ext == ".pdf";
}

bool is_pdf_path(const std::string& p) { return lower_extension(fs::path(p)) == ".pdf"; }

std::string skip_reason_for(const fs::path& p) {
  std::string ext = lower_extension(p);
  if (ext.empty()) return "not .txt, .md or .pdf (no extension)";
  return "not .txt, .md or .pdf (" + ext + ")";
}

std::string absolute_path(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) return p;
  return a.lexically_normal().string();
}

void add_file(std::vector<Candidate>& out, const fs::path& p) {
  Candidate c;
  c.path = absolute_path(p.string());
  struct stat st {};
  if (::stat(c.path.c_str(), &st) != 0) {
    c.fail_reason = std::string("cannot stat: ") + std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    c.skip_reason = "not a regular file";
  } else {
    c.size = static_cast<std::uint64_t>(st.st_size);
    c.mtime = static_cast<long long>(st.st_mtime);
    if (!has_text_extension(p)) c.skip_reason = skip_reason_for(p);
  }
  out.push_back(std::move(c));
}

std::vector<Candidate> walk(const std::vector<std::string>& inputs) {
  std::vector<Candidate> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      Candidate c;
      c.path = absolute_path(in);
      c.fail_reason = "no such file or folder";
      out.push_back(std::move(c));
      continue;
    }
    if (!fs::is_directory(st)) {
      add_file(out, in);
      continue;
    }
    fs::recursive_directory_iterator it(in, fs::directory_options::none, ec), end;
    if (ec) {
      Candidate c;
      c.path = absolute_path(in);
      c.fail_reason = "cannot list folder: " + ec.message();
      out.push_back(std::move(c));
      continue;
    }
    while (it != end) {
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      std::error_code tec;
      bool is_dir = e.is_directory(tec);
      if (!name.empty() && name[0] == '.') {
        if (is_dir) it.disable_recursion_pending();
        // Hidden files and folders (.git, .DS_Store) are not part of an archive.
      } else if (is_dir) {
        // Entered by the iterator; an unreadable one is reported below.
        if (::access(e.path().c_str(), R_OK | X_OK) != 0) {
          Candidate c;
          c.path = absolute_path(e.path().string());
          c.fail_reason = "cannot list folder: permission denied";
          out.push_back(std::move(c));
          it.disable_recursion_pending();
        }
      } else {
        add_file(out, e.path());
      }
      it.increment(ec);
      if (ec) {
        Candidate c;
        c.path = absolute_path(in);
        c.fail_reason = "cannot list folder: " + ec.message();
        out.push_back(std::move(c));
        break;
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.path < b.path; });
  out.erase(std::unique(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.path == b.path; }),
            out.end());
  return out;
}

// What a worker hands to the writer for one candidate.
struct Item {
  enum Kind { skipped, failed, unchanged, known, record } kind = failed;
  std::string reason;
  std::string hash;
  std::uint64_t size = 0;
  long long mtime = 0;
  std::unique_ptr<DocumentRecord> rec;
  std::size_t pages = 0, ocr_pages = 0, ocr_cached = 0;  // a PDF's
  std::vector<std::string> warnings;                    // a PDF's pages that OCR could not read
};

// What a worker needs to read a PDF (ingest/pdf.h), shared by all workers.
struct PdfContext {
  OcrMode ocr = OcrMode::automatic;
  int fail_ocr_page = 0;
  const std::atomic<bool>* cancel = nullptr;
  std::function<std::optional<OcrResult>(const std::string&)> cached;
  std::atomic<std::size_t>* pages_live = nullptr;  // pages read, for the progress line
  std::atomic<std::size_t>* ocr_live = nullptr;
  OcrBoard* board = nullptr;  // OCR jobs that idle workers help with
};

// A PDF: its pages joined by form feeds become the record's raw text, as
// `pdftotext` output would, so the normaliser gives every passage its page;
// page_sources say how each page got its text. The PDF's title and creation
// date stand in for the facts the text did not give.
bool read_pdf_into(Item& it, DocumentRecord& rec, std::string_view bytes, const PdfContext& ctx) {
  PdfOptions po;
  po.ocr = ctx.ocr;
  po.cancel = ctx.cancel;
  po.cached = ctx.cached;
  po.fail_ocr_page = ctx.fail_ocr_page;
  po.board = ctx.board;
  po.on_page = [&](const PdfPage& p) {
    if (ctx.pages_live) ++*ctx.pages_live;
    if (ctx.ocr_live && p.method == PageMethod::ocr) ++*ctx.ocr_live;
  };
  auto pdf = read_pdf(bytes, po);
  if (!pdf.ok()) {
    it.kind = Item::skipped;
    it.reason = pdf.error().message;
    return false;
  }
  rec.encoding = "pdf";
  std::size_t total = 0;
  for (const PdfPage& p : pdf->pages) total += p.text.size() + 1;
  rec.raw.reserve(total);
  rec.page_sources.reserve(pdf->pages.size());
  for (std::size_t i = 0; i < pdf->pages.size(); ++i) {
    PdfPage& p = pdf->pages[i];
    if (i > 0) rec.raw += '\f';
    rec.raw += p.text;
    PageSource src;
    src.number = static_cast<int>(i + 1);
    src.method = page_method_name(p.method);
    src.confidence = p.confidence;
    if (p.method == PageMethod::ocr && !p.from_cache) {
      src.image_hash = std::move(p.image_hash);
      src.ocr_text = std::move(p.text);
    }
    if (p.method == PageMethod::ocr) ++it.ocr_pages;
    if (p.from_cache) ++it.ocr_cached;
    if (p.method == PageMethod::ocr_failed) it.warnings.push_back("page " + std::to_string(i + 1) + ": OCR failed: " + p.error);
    std::string().swap(p.text);
    rec.page_sources.push_back(std::move(src));
  }
  it.pages = pdf->pages.size();
  rec.facts.title = std::move(pdf->title);    // moved into place after analysis
  rec.facts.date = std::move(pdf->created);
  return true;
}

// The index terms of every passage's heading and body, made here in the
// worker so that the single writer does not tokenize (store/writer.cpp).
// Not for texts over Analyser::kPartsAbove: their terms would outweigh them.
void make_terms(DocumentRecord& rec, Tokenizer& tok) {
  const std::string& text = rec.text();
  if (text.size() > Analyser::kPartsAbove) return;
  rec.passage_terms.resize(2 * rec.passages.size());
  for (std::size_t i = 0; i < rec.passages.size(); ++i) {
    const Passage& p = rec.passages[i];
    tok.tokenize_into(p.heading, rec.passage_terms[2 * i]);
    tok.tokenize_into(std::string_view(text).substr(p.start, p.end - p.start), rec.passage_terms[2 * i + 1]);
  }
}

Item process(const Candidate& c, const std::unordered_map<std::string, std::string>& known_paths,
             const std::unordered_set<std::string>& known_hashes, const Analyser& analyser, Tokenizer& tok,
             const std::function<void(const std::string&)>& before_read, const PdfContext& pdf) {
  Item it;
  it.size = c.size;
  it.mtime = c.mtime;
  if (!c.fail_reason.empty()) { it.kind = Item::failed; it.reason = c.fail_reason; return it; }
  if (!c.skip_reason.empty()) { it.kind = Item::skipped; it.reason = c.skip_reason; return it; }
  if (before_read) before_read(c.path);
  // A large file is hashed and checked as it is read; if it is plain UTF-8 it
  // is analysed in a second reading and its source never held whole. Any
  // other file (or a large one in another encoding, damaged, unreadable) is
  // read whole.
  std::optional<std::string> bytes;
  PassThroughCheck check;
  bool stream = false;
  const bool is_pdf = is_pdf_path(c.path);
  if (c.size > Analyser::kPartsAbove + 3 && !is_pdf) {
    StreamHash hash;
    std::uint64_t size = 0;
    Status read = read_pieces(c.path, 8u << 20, [&](std::string_view piece) {
      hash.update(piece);
      check.feed(piece);
      size += piece.size();
      return true;
    });
    stream = read.ok() && check.finish() && size - check.bom() > Analyser::kPartsAbove;
    if (stream) {
      it.size = size;
      it.hash = hash.hex();
    }
  }
  if (!stream) {
    auto r = read_file(c.path);
    if (!r.ok()) {
      it.kind = Item::failed;
      it.reason = r.error().code == Errc::not_found ? "vanished during the run (no such file)" : r.error().message;
      return it;
    }
    bytes = std::move(r).value();
    it.size = bytes->size();
    it.hash = content_hash(*bytes);
  }
  if (auto kp = known_paths.find(c.path); kp != known_paths.end() && kp->second == it.hash) {
    it.kind = Item::unchanged;
    return it;
  }
  if (known_hashes.count(it.hash)) { it.kind = Item::known; return it; }
  auto rec = std::make_unique<DocumentRecord>();
  rec->path = c.path;
  rec->content_hash = it.hash;
  rec->byte_size = it.size;
  rec->mtime = c.mtime;
  if (stream) {
    rec->encoding = check.encoding();
    rec->raw_file = c.path;
    rec->raw_skip = check.bom();
    if (Status st = analyser.analyse_file(*rec); !st.ok()) {
      it.kind = Item::failed;
      it.reason = st.error().message;
      return it;
    }
  } else if (is_pdf) {
    if (!read_pdf_into(it, *rec, *bytes, pdf)) return it;
    bytes.reset();
    DocFacts meta = std::move(rec->facts);
    rec->facts = {};
    analyser.analyse(*rec);
    if (rec->facts.title.empty()) rec->facts.title = std::move(meta.title);
    if (rec->facts.date.empty() && !meta.date.empty()) {
      rec->facts.date = meta.date;
      if (!rec->facts.year) rec->facts.year = std::stoi(meta.date.substr(0, 4));
    }
    make_terms(*rec, tok);
  } else {
    auto dec = decode_text(std::move(*bytes));
    if (!dec.ok()) {
      it.kind = Item::skipped;
      it.reason = dec.error().message;
      return it;
    }
    rec->encoding = dec->encoding;
    rec->replaced_chars = dec->replaced;
    rec->raw = std::move(dec->text);
    analyser.analyse(*rec);
    make_terms(*rec, tok);
  }
  it.kind = Item::record;
  it.rec = std::move(rec);
  return it;
}

bool stops_run(const Error& e) {
  return e.code == Errc::db_full || e.code == Errc::db_readonly || e.code == Errc::io || e.code == Errc::not_database;
}

}  // namespace

Result<IngestSummary> ingest(Database& db, const std::vector<std::string>& paths,
                             std::shared_ptr<const Analyser> analyser, const IngestOptions& opts) {
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  auto writer_r = Writer::create(db);
  if (!writer_r.ok()) return writer_r.error();
  Writer& writer = *writer_r;
  if (opts.reanalyse) writer.mark_all_stale();

  IngestSummary sum;
  auto run = writer.begin_run();
  if (!run.ok()) return run.error();
  sum.run_id = *run;

  std::vector<Candidate> cands = walk(paths);
  sum.files = cands.size();

  // A snapshot of what is stored, for workers to skip unchanged files early.
  // Content stored by an older pipeline is analysed again (reanalysed).
  std::unordered_map<std::string, std::string> known_paths;
  std::unordered_set<std::string> known_hashes;
  for (const auto& [p, si] : writer.sources()) {
    if (si.stale) continue;
    known_paths.emplace(p, si.content_hash);
    known_hashes.insert(si.content_hash);
  }

  IngestProgress prog;
  prog.files_total = cands.size();
  for (const auto& c : cands)
    if (c.skip_reason.empty() && c.fail_reason.empty()) prog.bytes_total += c.size;

  // OCR results by page image hash: what earlier runs stored, read through a
  // read-only connection of their own (workers ask from their threads; the
  // writer's uncommitted batch is not seen, which costs at most a repeat).
  std::optional<Database> cache_db;
  std::optional<Stmt> cache_q;
  std::mutex cache_mu;
  if (!db.path().empty() && db.path() != ":memory:") {
    OpenOptions ro;
    ro.read_only = true;
    if (auto c = Database::open(db.path(), ro); c.ok()) {
      cache_db.emplace(std::move(*c));
      if (auto q = cache_db->prepare("SELECT text, confidence FROM ocr_cache WHERE image_hash = ?1"); q.ok())
        cache_q.emplace(std::move(*q));
    }
  }
  std::atomic<std::size_t> pages_live{0}, ocr_live{0};
  PdfContext pdf;
  pdf.ocr = opts.ocr;
  pdf.fail_ocr_page = opts.test_fail_ocr_page;
  pdf.cancel = opts.cancel;
  pdf.pages_live = &pages_live;
  pdf.ocr_live = &ocr_live;
  if (cache_q) {
    pdf.cached = [&](const std::string& hash) -> std::optional<OcrResult> {
      std::lock_guard<std::mutex> lk(cache_mu);
      cache_q->bind(1, hash);
      auto row = cache_q->step();
      std::optional<OcrResult> r;
      if (row.ok() && *row) r = OcrResult{cache_q->text(0), cache_q->dbl(1)};
      cache_q->reset();
      return r;
    };
  }

  int jobs = opts.jobs > 0 ? opts.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // The pages a worker renders wait here for Tesseract; a worker with no file
  // to take (the window is full, or every file is taken) OCRs them.
  OcrBoard board(static_cast<std::size_t>(jobs) + 1);
  pdf.board = &board;
  const std::size_t window = static_cast<std::size_t>(jobs) * 2 + 2;
  const std::uint64_t byte_budget = 96ull << 20;  // bytes of files in flight

  std::mutex mu;
  std::condition_variable cv_work, cv_done;
  std::vector<std::optional<Item>> slots(cands.size());
  std::size_t next_claim = 0, next_write = 0;
  std::size_t active = 0;  // workers processing a file
  std::uint64_t inflight = 0;
  bool stop = false;

  auto worker = [&]() {
    // The single writer is the pipeline's narrowest stage: workers run at a
    // lower priority so that it is never kept off a core by them.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
    Tokenizer tok(db.search_lexicon_ptr());
    for (;;) {
      std::size_t i = 0;
      bool help = false;
      {
        std::unique_lock<std::mutex> lk(mu);
        for (;;) {
          if (stop) return;
          bool can_claim = next_claim < cands.size() && next_claim < next_write + window &&
                           (next_claim == next_write || inflight + cands[next_claim].size <= byte_budget);
          if (can_claim) break;
          if (board.has_work()) { help = true; break; }
          // Done when every file is taken and no PDF is still being read
          // (its pages may yet be queued for OCR).
          if (next_claim >= cands.size() && active == 0) return;
          cv_work.wait_for(lk, std::chrono::milliseconds(100));
        }
        if (!help) {
          i = next_claim++;
          inflight += cands[i].size;
          ++active;
        }
      }
      if (help) { board.run_one(); continue; }
      Item item = process(cands[i], known_paths, known_hashes, *analyser, tok, opts.before_read, pdf);
      {
        std::lock_guard<std::mutex> lk(mu);
        slots[i] = std::move(item);
        --active;
      }
      cv_done.notify_all();
      cv_work.notify_all();
    }
  };
  board.on_queued([&] {
    { std::lock_guard<std::mutex> lk(mu); }
    cv_work.notify_all();
  });

  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(jobs));
  for (int j = 0; j < jobs; ++j) pool.emplace_back(worker);

  auto problem = [&](const std::string& path, const char* kind, const std::string& reason) {
    FileProblem fp{path, kind, reason};
    if (opts.on_problem) opts.on_problem(fp);
    Status s = writer.add_problem(sum.run_id, path, kind, reason);
    (void)s;  // bookkeeping only; a failure here must not stop the run
    sum.problems.push_back(std::move(fp));
  };

  // Documents go in batches of about a second or 32 MB, one transaction each
  // (see store/writer.h). The batch's items stay in memory until it commits,
  // so a document that fails half-written can be rolled back on its own: the
  // batch is rolled back and the documents before it are written again.
  struct Pending { std::size_t index; Item item; WriteOutcome outcome; };
  std::vector<Pending> batch;
  std::uint64_t batch_bytes = 0;
  auto batch_start = clock::now();
  auto count = [&](WriteOutcome o) {
    switch (o) {
      case WriteOutcome::added: ++sum.added; break;
      case WriteOutcome::replaced: ++sum.replaced; break;
      case WriteOutcome::duplicate: ++sum.duplicates; break;
      case WriteOutcome::unchanged: ++sum.unchanged; break;
      case WriteOutcome::reanalysed: ++sum.reanalysed; break;
    }
  };
  auto fail_item = [&](std::size_t i, const Error& e) {
    ++sum.failed;
    problem(cands[i].path, "failed", "not stored: " + e.to_string());
    if (stops_run(e) && !sum.fatal) sum.fatal = e;
  };
  auto put = [&](std::size_t i, const Item& item) -> Result<WriteOutcome> {
    if (item.kind == Item::known)
      return writer.put_known(cands[i].path, item.hash, static_cast<std::int64_t>(item.size), item.mtime);
    auto out = writer.put(*item.rec);
    // Written: its terms are in the index now (a replay of the batch, after
    // another document failed, tokenizes again); free them while the batch
    // is still held.
    if (out.ok()) std::vector<TokenRun>().swap(item.rec->passage_terms);
    return out;
  };
  auto fail_batch = [&](const Error& e) {
    for (const Pending& p : batch) fail_item(p.index, e);
    batch.clear();
  };
  auto commit = [&]() {
    Status s = writer.commit_batch();
    if (s.ok()) {
      for (const Pending& p : batch) count(p.outcome);
      batch.clear();
      // The batch's records were made by the workers and freed here; give
      // the pages back (glibc keeps them in each worker's arena otherwise).
      malloc_trim(0);
    } else {
      fail_batch(s.error());
    }
    batch_bytes = 0;
    batch_start = clock::now();
  };
  // A put failed inside the batch: roll back, write the others again.
  auto recover = [&](std::size_t i, const Error& e) {
    writer.abort_batch();
    fail_item(i, e);
    if (sum.fatal) { fail_batch(*sum.fatal); return; }
    std::vector<Pending> redo = std::move(batch);
    batch.clear();
    if (Status s = writer.begin_batch(); !s.ok()) { batch = std::move(redo); fail_batch(s.error()); return; }
    for (Pending& p : redo) {
      auto out = put(p.index, p.item);
      if (!out.ok()) {
        writer.abort_batch();
        batch = std::move(redo);
        fail_batch(out.error());
        return;
      }
      p.outcome = *out;
      batch.push_back(std::move(p));
    }
  };
  if (Status s = writer.begin_batch(); !s.ok()) return s.error();

  for (std::size_t i = 0; i < cands.size(); ++i) {
    Item item;
    bool cancelled_waiting = false;
    {
      // A PDF being OCR'd can take minutes: the progress line counts its
      // pages meanwhile, and Ctrl-C does not wait for it.
      std::unique_lock<std::mutex> lk(mu);
      while (!cv_done.wait_for(lk, std::chrono::milliseconds(250), [&] { return slots[i].has_value(); })) {
        if (opts.cancel && opts.cancel->load()) { cancelled_waiting = true; break; }
        if (opts.on_progress) {
          prog.pages = pages_live.load();
          prog.ocr_pages = ocr_live.load();
          prog.seconds = std::chrono::duration<double>(clock::now() - t0).count();
          lk.unlock();
          opts.on_progress(prog);
          lk.lock();
        }
      }
      if (cancelled_waiting) {
        sum.interrupted = true;
        stop = true;
        break;
      }
      item = std::move(*slots[i]);
      slots[i].reset();
    }
    const Candidate& c = cands[i];
    sum.pages += item.pages;
    sum.ocr_pages += item.ocr_pages;
    sum.ocr_cached += item.ocr_cached;
    for (const std::string& w : item.warnings) problem(c.path, "warning", w);
    if (item.kind == Item::skipped) {
      ++sum.skipped;
      ++sum.skipped_reasons[item.reason];
      problem(c.path, "skipped", item.reason);
    } else if (item.kind == Item::failed) {
      ++sum.failed;
      problem(c.path, "failed", item.reason);
    } else if (item.kind == Item::unchanged) {
      ++sum.unchanged;
      sum.bytes += item.size;
    } else {
      sum.bytes += item.size;
      if (!writer.in_batch()) {
        if (Status s = writer.begin_batch(); !s.ok()) { fail_item(i, s.error()); goto next; }
      }
      {
        auto out = put(i, item);
        if (!out.ok()) {
          recover(i, out.error());
        } else if (*out == WriteOutcome::unchanged) {
          count(*out);
        } else {
          batch_bytes += item.size;
          batch.push_back(Pending{i, std::move(item), *out});
        }
      }
    }
  next:
    {
      std::lock_guard<std::mutex> lk(mu);
      inflight -= c.size;
      next_write = i + 1;
    }
    cv_work.notify_all();

    prog.files_done = i + 1;
    prog.pages = pages_live.load();
    prog.ocr_pages = ocr_live.load();
    if (c.skip_reason.empty() && c.fail_reason.empty()) prog.bytes_done += c.size;
    prog.seconds = std::chrono::duration<double>(clock::now() - t0).count();
    if (opts.on_progress) opts.on_progress(prog);
    if (writer.in_batch() && (batch_bytes >= (32u << 20) || clock::now() - batch_start >= std::chrono::seconds(1)))
      commit();
    bool cancelled = opts.cancel && opts.cancel->load();
    if (sum.fatal || cancelled) {
      sum.interrupted = cancelled;
      std::lock_guard<std::mutex> lk(mu);
      stop = true;
      break;
    }
  }
  {
    std::lock_guard<std::mutex> lk(mu);
    stop = true;
  }
  cv_work.notify_all();
  for (auto& t : pool) t.join();
  if (writer.in_batch()) commit();

  // What search reads instead of joins, for what is stored now (also after
  // an interrupted or stopped run; nothing to do when nothing changed).
  if (Status cat = Catalog::persist(db); !cat.ok()) sum.catalog_error = cat.error();
  sum.seconds = std::chrono::duration<double>(clock::now() - t0).count();
  Status fin = writer.finish_run(sum.run_id, sum.to_json());
  (void)fin;  // a full disk may refuse even this; the summary still reaches the user
  return sum;
}

}  // namespace omb
