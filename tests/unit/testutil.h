// Helpers shared by the unit tests.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "extract/extract.h"
#include "index/tokenizer.h"
#include "normalize/chrome.h"
#include "normalize/knowledge.h"
#include "normalize/normalize.h"
#include "normalize/repairs.h"
#include "normalize/site_lines.h"
#include "normalize/split.h"
#include "normalize/word_repair.h"

namespace omb::test {

// A fresh temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "omb-test-XXXXXX").string();
    char* p = ::mkdtemp(tmpl.data());
    path_ = p ? p : tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

  // Writes `bytes` to name (creating folders); returns the full path.
  std::string write(const std::string& name, const std::string& bytes) const {
    std::filesystem::path p = file(name);
    std::filesystem::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary);
    f << bytes;
    return p.string();
  }

 private:
  std::string path_;
};

inline std::string source_dir() { return OMB_SOURCE_DIR; }

// The project's normaliser, loaded once for all tests.
inline const Normalizer& normalizer() {
  static std::shared_ptr<const Normalizer> n = [] {
    auto r = Normalizer::create(source_dir() + "/dictionaries");
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return *r;
  }();
  return *n;
}
// What the normaliser's passes know, with `repairs` as the context repairs
// and no known debris.
inline pass::Knowledge knowledge(const Repairs& repairs) {
  static std::unique_ptr<Repairs> none = Repairs::empty();
  static pass::LetterFields letter;
  static std::unique_ptr<pass::Chrome> chrome = pass::Chrome::empty();
  static std::unique_ptr<pass::SiteWords> site = pass::SiteWords::empty();
  return {normalizer().words(), repairs, *none, letter, *chrome, *site};
}
// The project's search word lists (dictionaries/search), loaded once.
inline std::shared_ptr<const SearchLexicon> search_lexicon() {
  static std::shared_ptr<const SearchLexicon> lx = [] {
    auto r = SearchLexicon::load(source_dir() + "/dictionaries");
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return std::make_shared<const SearchLexicon>(*r);
  }();
  return lx;
}
// The project's extraction rules (dictionaries/extract), loaded once.
inline const Extractor& extractor() {
  static std::shared_ptr<const Extractor> x = [] {
    auto r = Extractor::load(source_dir() + "/dictionaries");
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return *r;
  }();
  return *x;
}
inline std::string shared_corpus() { return OMB_SHARED_CORPUS; }
// Whether the three real reports are there: a user's clone has no ../shared.
inline bool have_shared_corpus() {
  std::error_code ec;
  return std::filesystem::is_directory(shared_corpus(), ec);
}

}  // namespace omb::test

// First line of a [.shared] test: without ../shared/corpus the test says it
// is left out and passes, so `omb_tests "[shared]"` on a clone of the
// project alone does not fail on a file it was never given.
#define OMB_NEEDS_SHARED_CORPUS()                                                                          \
  do {                                                                                                    \
    if (!::omb::test::have_shared_corpus()) {                                                             \
      WARN("left out: this test reads " << ::omb::test::shared_corpus() << ", which this checkout lacks"); \
      return;                                                                                             \
    }                                                                                                     \
  } while (0)
