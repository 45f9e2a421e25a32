// ombudsmine ingest PATH... — bulk ingest into the database.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/common.h"
#include "ingest/ingest.h"

namespace omb::cli {
namespace {

std::atomic<bool> g_cancel{false};

extern "C" void on_sigint(int) {
  g_cancel.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends at once
}

std::string fmt_time(double s) {
  if (s < 0 || s > 359999) return "--:--";
  int t = static_cast<int>(s + 0.5);
  char buf[16];
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
  return buf;
}

class ProgressView {
 public:
  explicit ProgressView(bool tty, bool quiet) : tty_(tty), quiet_(quiet) {}

  void update(const IngestProgress& p) {
    if (quiet_) return;
    bool last = p.files_done == p.files_total;
    if (!last && p.seconds - last_draw_ < 0.1) return;  // at most ten redraws a second
    last_draw_ = p.seconds;
    double rate = p.seconds > 0 ? static_cast<double>(p.bytes_done) / p.seconds : 0;
    double eta = rate > 0 ? static_cast<double>(p.bytes_total - p.bytes_done) / rate : -1;
    char line[256];
    if (tty_) {
      double frac = p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                                  : (p.files_total ? static_cast<double>(p.files_done) / static_cast<double>(p.files_total) : 1);
      int width = 24, fill = static_cast<int>(frac * width);
      std::string bar(static_cast<std::size_t>(fill), '=');
      if (fill < width) bar += '>' + std::string(static_cast<std::size_t>(width - fill - 1), ' ');
      std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files%s  %s/%s  %s/s  ETA %s\033[K", bar.c_str(), p.files_done,
                    p.files_total, pages(p).c_str(), human_bytes(static_cast<double>(p.bytes_done)).c_str(),
                    human_bytes(static_cast<double>(p.bytes_total)).c_str(), human_bytes(rate).c_str(),
                    fmt_time(eta).c_str());
      std::cerr << line << std::flush;
      drawn_ = true;
    } else {
      // Plain log lines, at most one every 5 seconds, and the last one.
      if (!last && p.seconds - last_ < 5) return;
      last_ = p.seconds;
      std::snprintf(line, sizeof line, "ingest: %zu/%zu files%s, %s of %s, %s/s, ETA %s\n", p.files_done, p.files_total,
                    pages(p).c_str(), human_bytes(static_cast<double>(p.bytes_done)).c_str(),
                    human_bytes(static_cast<double>(p.bytes_total)).c_str(), human_bytes(rate).c_str(),
                    fmt_time(eta).c_str());
      std::cerr << line;
    }
  }

  // PDF pages read so far and the OCR'd ones among them, once there are any.
  static std::string pages(const IngestProgress& p) {
    if (p.pages == 0) return {};
    return "  " + std::to_string(p.pages) + " pages (" + std::to_string(p.ocr_pages) + " OCR)";
  }

  void problem(const FileProblem& fp) {
    if (quiet_ && fp.kind == "skipped") return;
    clear();
    std::cerr << fp.kind << ": " << fp.path << ": " << fp.reason << "\n";
  }

  void clear() {
    if (drawn_) std::cerr << "\r\033[K";
    drawn_ = false;
  }

 private:
  bool tty_, quiet_;
  bool drawn_ = false;
  double last_ = 0;
  double last_draw_ = -1;
};

void print_summary(const IngestSummary& s) {
  auto row = [](const char* name, std::size_t n) { std::fprintf(stdout, "  %-11s %6zu\n", name, n); };
  std::fprintf(stdout, "%s %zu file%s in %.1f s (%.1f MB/s)\n", s.interrupted ? "interrupted after" : "ingested",
               s.files, s.files == 1 ? "" : "s", s.seconds, s.mb_per_s());
  row("added", s.added);
  row("replaced", s.replaced);
  row("unchanged", s.unchanged);
  if (s.reanalysed) row("reanalysed", s.reanalysed);
  row("duplicates", s.duplicates);
  row("skipped", s.skipped);
  for (const auto& [reason, n] : s.skipped_reasons) std::fprintf(stdout, "    %6zu  %s\n", n, reason.c_str());
  row("failed", s.failed);
  if (s.pages) {
    row("pdf pages", s.pages);
    std::fprintf(stdout, "    %6zu  OCR (%zu from the cache)\n", s.ocr_pages, s.ocr_cached);
  }
  for (const auto& p : s.problems)
    if (p.kind == "failed") std::fprintf(stdout, "            %s: %s\n", p.path.c_str(), p.reason.c_str());
}

}  // namespace

Runner add_ingest(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("ingest", "Store .txt/.md files and PDFs in the database");
  struct Opts {
    std::vector<std::string> paths;
    int jobs = 0;
    bool json = false;
    bool reanalyse = false;
    std::string ocr = "auto";
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("PATH", o->paths, "Files and folders (recursively) to ingest")->required();
  sub->add_option("-j,--jobs", o->jobs, "Worker threads (default: all cores)")->check(CLI::Range(0, 256));
  sub->add_flag("--json", o->json, "Print the summary as JSON on stdout");
  sub->add_flag("--reanalyse", o->reanalyse,
                "Analyse unchanged files again (after editing dictionaries/): facts, cases and tags are replaced");
  sub->add_option("--ocr", o->ocr,
                  "PDF pages to read with OCR (Tesseract, Dutch): auto = those without usable text, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  sub->footer(
      "Takes .txt, .md and .pdf files; other files are skipped and counted with the reason.\n"
      "A PDF's pages keep their numbers; pages without a usable text layer are read\n"
      "by OCR (--ocr auto), and OCR results are cached by page image in the database.\n"
      "Unchanged files (same content hash) are not written again; a changed file\n"
      "replaces its old version; the same content under two paths is stored once.\n"
      "Each document is stored in its own transaction: an interrupted run (Ctrl-C)\n"
      "keeps everything stored before it. Documents stored by an older version of\n"
      "ombudsmine are analysed again; --reanalyse does so for all (after a change\n"
      "to the rules in dictionaries/).\n"
      "The run ends with one line per saved search that has news ('ombudsmine\n"
      "watch' shows it); --quiet drops those lines.\n\n"
      "Exit status: 0 all files stored or skipped; 1 some files failed or the\n"
      "database could not be written; 2 bad arguments.\n\n"
      "Examples:\n"
      "  ombudsmine ingest archief/\n"
      "  ombudsmine --db rapporten.db ingest 2015/ 2016/ --jobs 2 --json\n"
      "  ombudsmine ingest --reanalyse archief/        # after editing dictionaries/extract/*.toml");
  return [o, &g]() -> int {
    // The rules first: a faulty dictionary stops the run before the database is touched.
    const std::string dict = find_dictionaries(g.dict_dir);
    auto analyzer = Analyzer::create(dict);
    if (!analyzer.ok()) return report(analyzer.error());
    auto lexicon = SearchLexicon::load(dict);
    if (!lexicon.ok()) return report(lexicon.error());
    // Regression (#15): `ingest /nonexistent` left an empty database behind.
    // When no path exists there is nothing to do, and no file is made.
    if (std::none_of(o->paths.begin(), o->paths.end(), [](const std::string& p) {
          std::error_code ec;
          return std::filesystem::exists(p, ec);
        })) {
      for (const std::string& p : o->paths) std::cerr << "ombudsmine: failed: " << p << ": no such file or folder\n";
      std::cerr << "ombudsmine: nothing to ingest; no database was made or changed\n";
      return kExitFailure;
    }
    auto db = open_db(g, true);
    if (!db.ok()) return report(db.error());
    // The index is tokenized with dictionaries/search; changed lists need a reindex.
    if (Status s = db->use_lexicon(*lexicon, false); !s.ok()) return report(s.error());

    ProgressView view(stderr_is_tty(), g.quiet || o->json);
    IngestOptions opts;
    opts.jobs = o->jobs;
    opts.reanalyze = o->reanalyse;
    if (auto m = parse_ocr_mode(o->ocr); m.ok()) opts.ocr = *m;
    else return report(m.error());
    opts.cancel = &g_cancel;
    opts.on_progress = [&view](const IngestProgress& p) { view.update(p); };
    opts.on_problem = [&view](const FileProblem& fp) { view.problem(fp); };
    std::signal(SIGINT, on_sigint);
    auto sum = ingest(*db, o->paths, *analyzer, opts);
    std::signal(SIGINT, SIG_DFL);
    view.clear();
    if (!sum.ok()) return report(sum.error());
    if (o->json) std::cout << sum->to_json() << "\n";
    else print_summary(*sum);
    // One line per watch with news (cmd_watch.cpp); with --json, on stderr.
    if (!g.quiet && !sum->fatal) print_watch_lines(*db, o->json ? stderr : stdout);
    if (sum->catalog_error && !o->json)
      std::cerr << "ombudsmine: warning: the search catalog was not stored (search works, more slowly): "
                << sum->catalog_error->to_string() << "\n";
    if (sum->fatal) {
      std::cerr << "ombudsmine: ingest stopped: " << sum->fatal->to_string()
                << "\nombudsmine: documents stored before this are intact\n";
      return kExitFailure;
    }
    if (sum->interrupted) return 130;
    return sum->failed > 0 ? kExitFailure : kExitOk;
  };
}

}  // namespace omb::cli
