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
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "index/tokenizer.h"
#include "ingest/decode.h"
#include "ingest/pdf_engine.h"
#include "ingest/pdf_record.h"
#include "ingest/walk.h"
#include "store/catalog.h"
#include "store/vocab.h"
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

// What a worker hands to the writer for one candidate.
struct Item {
  enum Kind { skipped, failed, unchanged, known, record } kind = failed;
  std::string reason;
  std::string hash;
  std::uint64_t size = 0;
  long long mtime = 0;
  std::unique_ptr<DocumentRecord> rec;
  PdfRecordCounts pdf;  // a PDF's pages, OCR'd pages and warnings
};

// The index terms of every passage's heading and body, made here in the
// worker so that the single writer does not tokenize (store/writer.cpp).
// Not for texts analysed in parts: their terms would outweigh them.
void make_terms(DocumentRecord& rec, const Analyzer& analyzer, Tokenizer& tok) {
  const std::string& text = rec.text();
  if (text.size() > analyzer.parts().above) return;
  rec.passage_terms.resize(2 * rec.passages.size());
  for (std::size_t i = 0; i < rec.passages.size(); ++i) {
    const Passage& p = rec.passages[i];
    tok.tokenize_into(p.heading, rec.passage_terms[2 * i]);
    tok.tokenize_into(std::string_view(text).substr(p.start, p.end - p.start), rec.passage_terms[2 * i + 1]);
  }
}

// A PDF's pages (ingest/pdf_record.h) analysed as one text; the PDF's
// metadata fills in the title and date the text did not give.
void analyze_pdf(Item& it, DocumentRecord& rec, std::string bytes, const PdfReading& how, const Analyzer& analyzer,
                 Tokenizer& tok) {
  DocFacts meta;
  auto counts = read_pdf_record(bytes, how, rec, meta);
  std::string().swap(bytes);
  if (!counts.ok()) {
    it.kind = Item::skipped;
    it.reason = counts.error().message;
    return;
  }
  it.pdf = std::move(*counts);
  analyzer.analyze(rec);
  apply_pdf_metadata(rec.facts, std::move(meta));
  make_terms(rec, analyzer, tok);
  it.kind = Item::record;
}

Item process(const Candidate& c, const std::unordered_map<std::string, std::string>& known_paths,
             const std::unordered_set<std::string>& known_hashes, const Analyzer& analyzer, Tokenizer& tok,
             const std::function<void(const std::string&)>& before_read, const PdfReading& pdf) {
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
  if (c.size > analyzer.parts().above + 3 && !is_pdf) {
    StreamHash hash;
    std::uint64_t size = 0;
    Status read = read_pieces(c.path, 8u << 20, [&](std::string_view piece) {
      hash.update(piece);
      check.feed(piece);
      size += piece.size();
      return true;
    });
    stream = read.ok() && check.finish() && size - check.bom() > analyzer.parts().above;
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
    if (Status st = analyzer.analyze_file(*rec); !st.ok()) {
      it.kind = Item::failed;
      it.reason = st.error().message;
      return it;
    }
  } else if (is_pdf) {
    analyze_pdf(it, *rec, std::move(*bytes), pdf, analyzer, tok);
    if (it.kind != Item::record) return it;
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
    analyzer.analyze(*rec);
    make_terms(*rec, analyzer, tok);
  }
  it.kind = Item::record;
  it.rec = std::move(rec);
  return it;
}

bool stops_run(const Error& e) {
  return e.code == Errc::db_full || e.code == Errc::db_readonly || e.code == Errc::io || e.code == Errc::not_database;
}

// The workers: they claim the candidates in walk order, at most `window`
// files and 96 MB (or one file, however large) ahead of the writer, process
// them and leave each item in its slot for the writer to take in order. A
// worker that cannot claim a file (the window is full, or every file is
// taken) runs OCR on a page another worker's PDF queued on the board, so one
// long scanned PDF keeps every core busy.
class WorkPool {
 public:
  using Work = std::function<Item(std::size_t index, Tokenizer& tok)>;

  WorkPool(const std::vector<Candidate>& cands, int jobs, Database& db, OcrBoard& board, Work work)
      : cands_(cands), slots_(cands.size()), window_(static_cast<std::size_t>(jobs) * 2 + 2), board_(board),
        work_(std::move(work)) {
    board_.on_queued([this] {
      { std::lock_guard<std::mutex> lk(mu_); }
      cv_work_.notify_all();
    });
    pool_.reserve(static_cast<std::size_t>(jobs));
    for (int j = 0; j < jobs; ++j) pool_.emplace_back([this, &db] { run(db); });
  }
  ~WorkPool() { stop(); }

  // Item `i`, once a worker has made it; std::nullopt if `still_wanted`,
  // asked every 250 ms meanwhile (a PDF being OCR'd can take minutes: the
  // caller shows progress and looks for Ctrl-C), returns false.
  std::optional<Item> take(std::size_t i, const std::function<bool()>& still_wanted) {
    std::unique_lock<std::mutex> lk(mu_);
    while (!cv_done_.wait_for(lk, std::chrono::milliseconds(250), [&] { return slots_[i].has_value(); })) {
      lk.unlock();
      const bool wanted = still_wanted();
      lk.lock();
      if (!wanted) return std::nullopt;
    }
    Item item = std::move(*slots_[i]);
    slots_[i].reset();
    return item;
  }

  // The writer is done with item `i`: its bytes leave the budget, the window moves.
  void written(std::size_t i) {
    {
      std::lock_guard<std::mutex> lk(mu_);
      inflight_ -= cands_[i].size;
      next_write_ = i + 1;
    }
    cv_work_.notify_all();
  }

  // No more claims; waits for the workers to finish what they hold.
  void stop() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      stop_ = true;
    }
    cv_work_.notify_all();
    for (auto& t : pool_)
      if (t.joinable()) t.join();
    board_.on_queued({});
  }

 private:
  static constexpr std::uint64_t kByteBudget = 96ull << 20;  // bytes of files in flight
  enum class Next { claim, help, done };

  // Under mu_: what this worker does next (waiting while there is nothing).
  Next next(std::unique_lock<std::mutex>& lk) {
    for (;;) {
      if (stop_) return Next::done;
      const bool can_claim = next_claim_ < cands_.size() && next_claim_ < next_write_ + window_ &&
                             (next_claim_ == next_write_ || inflight_ + cands_[next_claim_].size <= kByteBudget);
      if (can_claim) return Next::claim;
      if (board_.has_work()) return Next::help;
      // Done when every file is taken and no PDF is still being read (its
      // pages may yet be queued for OCR).
      if (next_claim_ >= cands_.size() && active_ == 0) return Next::done;
      cv_work_.wait_for(lk, std::chrono::milliseconds(100));
    }
  }

  void run(Database& db) {
    // The single writer is the pipeline's narrowest stage: workers run at a
    // lower priority so that it is never kept off a core by them.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
    Tokenizer tok(db.search_lexicon_ptr());
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock<std::mutex> lk(mu_);
        const Next n = next(lk);
        if (n == Next::done) return;
        if (n == Next::help) {
          lk.unlock();
          board_.run_one();
          continue;
        }
        i = next_claim_++;
        inflight_ += cands_[i].size;
        ++active_;
      }
      Item item = work_(i, tok);
      {
        std::lock_guard<std::mutex> lk(mu_);
        slots_[i] = std::move(item);
        --active_;
      }
      cv_done_.notify_all();
      cv_work_.notify_all();
    }
  }

  const std::vector<Candidate>& cands_;
  std::vector<std::optional<Item>> slots_;
  const std::size_t window_;
  OcrBoard& board_;
  Work work_;
  std::mutex mu_;
  std::condition_variable cv_work_, cv_done_;
  std::size_t next_claim_ = 0, next_write_ = 0;
  std::size_t active_ = 0;  // workers processing a file
  std::uint64_t inflight_ = 0;
  bool stop_ = false;
  std::vector<std::thread> pool_;
};

// The writer's side: documents go in batches of about a second or 32 MB,
// one transaction each (see store/writer.h). The batch's items stay in
// memory until it commits, so a document that fails half-written can be
// rolled back on its own: the batch is rolled back and the documents before
// it are written again. Counts every outcome and problem into the summary.
class BatchWriter {
 public:
  BatchWriter(Writer& writer, IngestSummary& sum, const std::vector<Candidate>& cands, const IngestOptions& opts)
      : writer_(writer), sum_(sum), cands_(cands), opts_(opts) {}

  void problem(const std::string& path, const char* kind, const std::string& reason) {
    FileProblem fp{path, kind, reason};
    if (opts_.on_problem) opts_.on_problem(fp);
    Status s = writer_.add_problem(sum_.run_id, path, kind, reason);
    (void)s;  // bookkeeping only; a failure here must not stop the run
    sum_.problems.push_back(std::move(fp));
  }

  // Stores item `i` (a record, or a path to content known by its hash).
  void store(std::size_t i, Item item) {
    if (!writer_.in_batch()) {
      if (Status s = writer_.begin_batch(); !s.ok()) return fail_item(i, s.error());
    }
    auto out = put(i, item);
    if (!out.ok()) return recover(i, out.error());
    if (*out == WriteOutcome::unchanged) return count(*out);
    batch_bytes_ += item.size;
    batch_.push_back(Pending{i, std::move(item), *out});
  }

  // Commits when the batch is a second old or 32 MB large.
  void commit_if_due() {
    if (writer_.in_batch() && (batch_bytes_ >= (32u << 20) || clock::now() - batch_start_ >= std::chrono::seconds(1)))
      commit();
  }
  void finish() {
    if (writer_.in_batch()) commit();
  }

 private:
  using clock = std::chrono::steady_clock;
  struct Pending {
    std::size_t index;
    Item item;
    WriteOutcome outcome;
  };

  void count(WriteOutcome o) {
    switch (o) {
      case WriteOutcome::added: ++sum_.added; break;
      case WriteOutcome::replaced: ++sum_.replaced; break;
      case WriteOutcome::duplicate: ++sum_.duplicates; break;
      case WriteOutcome::unchanged: ++sum_.unchanged; break;
      case WriteOutcome::reanalysed: ++sum_.reanalysed; break;
    }
  }
  void fail_item(std::size_t i, const Error& e) {
    ++sum_.failed;
    problem(cands_[i].path, "failed", "not stored: " + e.to_string());
    if (stops_run(e) && !sum_.fatal) sum_.fatal = e;
  }
  Result<WriteOutcome> put(std::size_t i, const Item& item) {
    if (item.kind == Item::known)
      return writer_.put_known(cands_[i].path, item.hash, static_cast<std::int64_t>(item.size), item.mtime);
    auto out = writer_.put(*item.rec);
    // Written: its terms are in the index now (a replay of the batch, after
    // another document failed, tokenizes again); free them while the batch
    // is still held.
    if (out.ok()) std::vector<TokenRun>().swap(item.rec->passage_terms);
    return out;
  }
  void fail_batch(const Error& e) {
    for (const Pending& p : batch_) fail_item(p.index, e);
    batch_.clear();
  }
  void commit() {
    Status s = writer_.commit_batch();
    if (s.ok()) {
      for (const Pending& p : batch_) count(p.outcome);
      batch_.clear();
      // The batch's records were made by the workers and freed here; give
      // the pages back (glibc keeps them in each worker's arena otherwise).
      malloc_trim(0);
    } else {
      fail_batch(s.error());
    }
    batch_bytes_ = 0;
    batch_start_ = clock::now();
  }
  // A put failed inside the batch: roll back, write the others again.
  void recover(std::size_t i, const Error& e) {
    writer_.abort_batch();
    fail_item(i, e);
    if (sum_.fatal) return fail_batch(*sum_.fatal);
    std::vector<Pending> redo = std::move(batch_);
    batch_.clear();
    if (Status s = writer_.begin_batch(); !s.ok()) {
      batch_ = std::move(redo);
      return fail_batch(s.error());
    }
    for (Pending& p : redo) {
      auto out = put(p.index, p.item);
      if (!out.ok()) {
        writer_.abort_batch();
        batch_ = std::move(redo);
        return fail_batch(out.error());
      }
      p.outcome = *out;
      batch_.push_back(std::move(p));
    }
  }

  Writer& writer_;
  IngestSummary& sum_;
  const std::vector<Candidate>& cands_;
  const IngestOptions& opts_;
  std::vector<Pending> batch_;
  std::uint64_t batch_bytes_ = 0;
  clock::time_point batch_start_ = clock::now();
};

// What is stored, for workers to skip unchanged files early: paths with
// their content hashes, and the hashes. Content stored by an older pipeline
// or with other rules is left out: it is analysed again (reanalysed).
struct Known {
  std::unordered_map<std::string, std::string> paths;
  std::unordered_set<std::string> hashes;
};

Known known_of(const Writer& writer) {
  Known k;
  for (const auto& [p, si] : writer.sources()) {
    if (si.stale) continue;
    k.paths.emplace(p, si.content_hash);
    k.hashes.insert(si.content_hash);
  }
  return k;
}

}  // namespace

Result<IngestSummary> ingest(Database& db, const std::vector<std::string>& paths,
                             std::shared_ptr<const Analyzer> analyzer, const IngestOptions& opts) {
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  OMB_TRY_ASSIGN(writer, Writer::create(db, analyzer->fingerprint()));
  if (opts.reanalyze) writer.mark_all_stale();

  IngestSummary sum;
  OMB_TRY_ASSIGN(run, writer.begin_run());
  sum.run_id = run;
  const std::vector<Candidate> cands = walk(paths);
  sum.files = cands.size();
  const Known known = known_of(writer);

  IngestProgress prog;
  prog.files_total = cands.size();
  for (const auto& c : cands)
    if (c.skip_reason.empty() && c.fail_reason.empty()) prog.bytes_total += c.size;

  const int jobs = opts.jobs > 0 ? opts.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // PDFs: the engine loaded now, before the workers start (ingest/pdf_engine.h);
  // OCR results of earlier runs by page image; pages waiting for OCR.
  if (std::any_of(cands.begin(), cands.end(), [](const Candidate& c) { return c.skip_reason.empty() && is_pdf_path(c.path); }))
    (void)pdf_engine();  // a failure is reported per PDF
  std::unique_ptr<OcrCacheReader> ocr_cache = OcrCacheReader::open(db.path());
  std::atomic<std::size_t> pages_live{0}, ocr_live{0};
  OcrBoard board(static_cast<std::size_t>(jobs) + 1);
  PdfReading pdf;
  pdf.ocr = opts.ocr;
  pdf.fail_ocr_page = opts.test_fail_ocr_page;
  pdf.cancel = opts.cancel;
  std::atomic<bool> stop_run{false};  // set when the run ends early: PDFs being read stop too
  pdf.stop = &stop_run;
  pdf.cache = ocr_cache.get();
  pdf.pages_live = &pages_live;
  pdf.ocr_live = &ocr_live;
  pdf.board = &board;
  auto progress = [&] {
    prog.pages = pages_live.load();
    prog.ocr_pages = ocr_live.load();
    prog.seconds = std::chrono::duration<double>(clock::now() - t0).count();
    if (opts.on_progress) opts.on_progress(prog);
  };
  const auto cancelled = [&] { return opts.cancel && opts.cancel->load(); };

  BatchWriter out(writer, sum, cands, opts);
  OMB_TRY(writer.begin_batch());
  WorkPool pool(cands, jobs, db, board, [&](std::size_t i, Tokenizer& tok) {
    return process(cands[i], known.paths, known.hashes, *analyzer, tok, opts.before_read, pdf);
  });

  for (std::size_t i = 0; i < cands.size(); ++i) {
    std::optional<Item> taken = pool.take(i, [&] {
      progress();
      return !cancelled();
    });
    if (!taken) {
      sum.interrupted = true;
      break;
    }
    Item& item = *taken;
    const Candidate& c = cands[i];
    if (item.kind == Item::skipped && cancelled()) {  // a PDF left between pages: not a bad file
      sum.interrupted = true;
      break;
    }
    sum.pages += item.pdf.pages;
    sum.ocr_pages += item.pdf.ocr_pages;
    sum.ocr_cached += item.pdf.ocr_cached;
    for (const std::string& w : item.pdf.warnings) out.problem(c.path, "warning", w);
    if (item.kind == Item::skipped) {
      ++sum.skipped;
      ++sum.skipped_reasons[item.reason];
      out.problem(c.path, "skipped", item.reason);
    } else if (item.kind == Item::failed) {
      ++sum.failed;
      out.problem(c.path, "failed", item.reason);
    } else if (item.kind == Item::unchanged) {
      ++sum.unchanged;
      sum.bytes += item.size;
    } else {
      sum.bytes += item.size;
      out.store(i, std::move(item));
    }
    pool.written(i);

    prog.files_done = i + 1;
    if (c.skip_reason.empty() && c.fail_reason.empty()) prog.bytes_done += c.size;
    progress();
    out.commit_if_due();
    if (sum.fatal || cancelled()) {
      sum.interrupted = cancelled();
      break;
    }
  }
  stop_run = true;  // a worker still reading a long scanned PDF stops at its next page
  pool.stop();
  out.finish();

  // What search reads instead of joins, for what is stored now (also after
  // an interrupted or stopped run; nothing to do when nothing changed).
  if (Status cat = Catalog::persist(db); !cat.ok()) sum.catalog_error = cat.error();
  // And the index's term list, for fuzzy words and "did you mean".
  if (Status voc = Vocabulary::persist(db); !voc.ok() && !sum.catalog_error) sum.catalog_error = voc.error();
  sum.seconds = std::chrono::duration<double>(clock::now() - t0).count();
  Status fin = writer.finish_run(sum.run_id, sum.to_json());
  (void)fin;  // a full disk may refuse even this; the summary still reaches the user
  return sum;
}

}  // namespace omb
