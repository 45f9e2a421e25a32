// bench/extract_bench — extraction throughput, beside its floors, in one run.
//
//   omb_bench_extract DIR [RUNS] [--dictionaries D]
//
// Reads every file below DIR, normalises each once (not timed), then times,
// RUNS times each and alternating, on one thread:
//   fold     the folding pass alone (what every rule matches against),
//   extract  Extractor::extract — all rules, all interpreters;
// and prints MB/s of normalised text for each (median) and extract/fold,
// and the median CPU time of the extract runs (this thread's: on a shared
// machine it does not count the time other processes had the core).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "base/fs.h"
#include "extract/extract.h"
#include "text/fold.h"
#include "extract/rules.h"
#include <algorithm>
#include "ingest/decode.h"
#include "normalize/normalize.h"

using namespace omb;
using Clock = std::chrono::steady_clock;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

int main(int argc, char** argv) {
  auto usage = [] {
    std::fprintf(stderr, "usage: omb_bench_extract DIR [RUNS] [--dictionaries D]\n");
    return 2;
  };
  if (argc < 2 || argv[1][0] == '-') return usage();
  if (std::error_code ec; !std::filesystem::is_directory(argv[1], ec)) {
    std::fprintf(stderr, "omb_bench_extract: %s: not a folder\n", argv[1]);
    return 2;
  }
  std::string dir = argv[1], dict = "dictionaries";
  int runs = 3;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dictionaries" && i + 1 < argc) dict = argv[++i];
    else if (a.empty() || a[0] == '-' || (runs = std::atoi(a.c_str())) < 1) return usage();
  }
  auto norm = Normalizer::create(dict);
  if (!norm.ok()) { std::fprintf(stderr, "%s\n", norm.error().to_string().c_str()); return 1; }
  auto ex = Extractor::load(dict);
  if (!ex.ok()) { std::fprintf(stderr, "%s\n", ex.error().to_string().c_str()); return 1; }
  std::vector<Normalized> docs;
  std::size_t bytes = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto data = read_file(e.path().string());
    if (!data.ok()) continue;
    auto dec = decode_text(std::move(*data));
    if (!dec.ok()) continue;
    docs.push_back((*norm)->normalize(dec->text));
    bytes += docs.back().text.size();
  }
  std::size_t rules = 0;
  for (const auto& f : (*ex)->files()) rules += f->rules().size();
  std::printf("%zu documents, %.1f MB normalised text, %zu rules in %zu files\n", docs.size(), bytes / 1e6, rules,
              (*ex)->files().size());
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::vector<double> t_fold, t_ex, cpu_ex;
  std::size_t sink = 0;
  for (int r = 0; r < runs; ++r) {
    auto a = Clock::now();
    for (const Normalized& d : docs) sink += fold(d.text).text.size();
    auto b = Clock::now();
    double cpu0 = thread_cpu_s();
    auto c = Clock::now();
    for (const Normalized& d : docs) {
      Extraction x = (*ex)->extract(d.text, d.blocks, &d.map);  // as ingest calls it
      sink += x.tags.size() + x.cases.size();
    }
    auto e = Clock::now();
    cpu_ex.push_back(thread_cpu_s() - cpu0);
    t_fold.push_back(secs(a, b));
    t_ex.push_back(secs(c, e));
  }
  auto med = [](std::vector<double> v) { std::sort(v.begin(), v.end()); return v[v.size() / 2]; };
  double mb = bytes / 1e6;
  std::printf("fold     %7.2f s  %7.1f MB/s\n", med(t_fold), mb / med(t_fold));
  std::printf("extract  %7.2f s  %7.1f MB/s   (%.1fx the fold pass)\n", med(t_ex), mb / med(t_ex), med(t_ex) / med(t_fold));
  std::printf("extract_cpu %7.2f s\n", med(cpu_ex));
  std::printf("(checksum %zu)\n", sink);
  return 0;
}
