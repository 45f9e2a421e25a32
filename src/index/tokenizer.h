// index/tokenizer.h — the Dutch tokenizer of the full-text index.
//
// Tokenizer::tokenize() cuts UTF-8 text into index terms and reports each
// with its byte span:
//  - words by ICU word breaking (UBRK_WORD over UTF-8 UText);
//  - words joined by one '-', '/', '.', '&' or '_' without spaces are kept
//    whole as one term (re-integratie, 2023/0456, Z-2023-0456, I&O, 1.250),
//    and in document mode their parts are added at the same position;
//  - case and diacritics folded (cliënt = client = OCR's cliént);
//  - the Snowball Dutch stemmer (libstemmer) on words without digits, so
//    klachten -> klacht, afdelingen -> afdel; terms with digits stay whole;
//  - protected words (SearchLexicon::protected_words: gegrond, ongegrond, …)
//    are never stemmed or split, so gegrond never matches ongegrond;
//  - in document mode, compounds that begin or end with a domain word of
//    SearchLexicon::compounds add that word (and the rest) at the same
//    position: communicatieproblemen also indexes communicatie + problem.
// Query mode emits one term per word (no colocated parts); prefix mode
// (klant*) folds but does not stem.
//
// The lexicon is part of the index's identity: tokenizer_id() names the
// algorithm version and a fingerprint of the word lists, and is stored in
// the database, so an index is only queried with the tokenizer that built it.
//
// A Tokenizer is not thread-safe (it owns a stemmer and a term cache); make
// one per thread or per SQLite connection. It never fails on input: invalid
// UTF-8 is cut like any other text.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/document.h"
#include "base/result.h"
#include "text/stem.h"

struct UBreakIterator;

namespace omb {

inline constexpr int kTokenizerVersion = 1;

struct SearchLexicon {
  std::unordered_set<std::string> compounds;        // folded domain words compounds are split on
  std::unordered_set<std::string> protected_words;  // folded words never stemmed or split

  // Reads `dictionaries_dir`/search/compounds.txt and protected.txt (one
  // word a line, # comments). Errors name the file and line.
  static Result<SearchLexicon> load(const std::string& dictionaries_dir);
  // "dutch/<version>/<16 hex digits of the lists' hash>".
  std::string id() const;
};

class Tokenizer {
 public:
  enum class Mode { document, query, prefix };
  // token (folded term), byte start, byte end, colocated with the previous term
  using Emit = std::function<bool(std::string_view term, std::size_t start, std::size_t end, bool colocated)>;

  explicit Tokenizer(std::shared_ptr<const SearchLexicon> lexicon);
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Emits the terms of `text`; stops early when emit returns false.
  // Returns false if it stopped early.
  bool tokenize(std::string_view text, Mode mode, const Emit& emit);

  // The terms tokenize() gives `text` in document mode, kept for a replay
  // (see TokenRun, base/document.h, and LexiconSlot, fts5_dutch.h). Texts of
  // 4 GiB or more are not kept: `out` is left without tokens and lexicon.
  void tokenize_into(std::string_view text, TokenRun& out);

  // The term of one word as the index holds it (folded, stemmed unless protected).
  std::string term(std::string_view word);

  const SearchLexicon& lexicon() const { return *lexicon_; }

 private:
  struct Analysis {  // what one folded word gives
    std::string term;
    std::vector<std::string> parts;  // colocated terms (document mode)
  };
  const Analysis& analyze(const std::string& folded);
  std::string stem(std::string_view folded);
  bool emit_word(std::string_view text, std::size_t a, std::size_t b, Mode mode, const Emit& emit);

  std::shared_ptr<const SearchLexicon> lexicon_;
  Stemmer stemmer_;
  UBreakIterator* breaker_ = nullptr;
  std::unordered_map<std::string, Analysis> cache_;
};

}  // namespace omb
