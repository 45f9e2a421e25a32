// tests/fuzz/rules_fuzz.cpp — RuleFile::load and WordRules::load on any text.
//
// Properties (extract/rules.h): loading never crashes, hangs or throws; a
// file that does not load gives an Error naming the file and a line of it
// (1 <= line <= the file's lines + 1). A file that loads is matched over a
// few lines of text without a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "extract/rules.h"
#include "extract/word_rules.h"
#include "fuzz_common.h"
#include "normalize/normalize.h"
#include "text/fold.h"

using namespace omb;

namespace {
std::string g_path;

void write_file(std::string_view bytes) {
  std::FILE* f = std::fopen(g_path.c_str(), "wb");
  FUZZ_CHECK(f != nullptr, "cannot write " + g_path);
  if (!bytes.empty()) FUZZ_CHECK(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(), "short write");
  std::fclose(f);
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // RuleFile::load reads a path: one file per process, on tmpfs when there is one.
  std::error_code ec;
  std::string dir = std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path().string();
  g_path = dir + "/omb-rules-fuzz-" + std::to_string(::getpid()) + ".toml";
  std::atexit([] { std::remove(g_path.c_str()); });
  return 0;
}

// A load error names this file, a line of it, and a cause.
void check_error(const Error& e, std::string_view in) {
  std::size_t lines = 1;
  for (char c : in) lines += c == '\n';
  FUZZ_CHECK(e.file == g_path, "error names another file: " + e.to_string());
  FUZZ_CHECK(e.line >= 1 && static_cast<std::size_t>(e.line) <= lines + 1, "error without a line of the file: " + e.to_string());
  FUZZ_CHECK(!e.message.empty(), "empty message");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  write_file(in);
  static const std::string kText =
      "Kwartaalrapportage 2016 Q1\n\nDe klantmanager van Werk en Re-integratie belde niet terug.\n\n"
      "406 – Bejegening\n\nDe klacht is gegrond verklaard op 15 oktober 2009.";
  Folded folded = fold(kText);
  std::vector<FoldedBlock> spans{{0, kText.size(), PassageKind::paragraph}};
  // The same bytes as a pattern file and as a word-rule file (#18).
  if (auto r = RuleFile::load(g_path); r.ok()) (void)(*r)->match(kText, folded, spans);
  else check_error(r.error(), in);
  if (auto w = WordRules::load(g_path); w.ok()) (void)(*w)->match(kText, folded, spans);
  else check_error(w.error(), in);
  return 0;
}
