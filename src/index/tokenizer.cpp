#include "index/tokenizer.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "base/fs.h"
#include "base/word_list.h"
#include "text/fold.h"

namespace omb {

namespace {

Status load_words(const std::string& path, std::unordered_set<std::string>& out) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  return read_word_list(*text, path, {}, [&](std::string_view word, int line) -> Status {
    std::string w = fold_key(word);
    if (w.size() < 3)
      return make_error(Errc::parse, "word '" + std::string(word) + "' is too short (3 letters at least)", path, line);
    out.insert(std::move(w));
    return {};
  });
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_joiner(char c) { return c == '-' || c == '/' || c == '.' || c == '&' || c == '_'; }

}  // namespace

Result<SearchLexicon> SearchLexicon::load(const std::string& dictionaries_dir) {
  SearchLexicon lx;
  std::string dir = dictionaries_dir + "/search/";
  OMB_TRY(load_words(dir + "compounds.txt", lx.compounds));
  OMB_TRY(load_words(dir + "protected.txt", lx.protected_words));
  return lx;
}

std::string SearchLexicon::id() const {
  std::vector<std::string> all;
  for (const auto& w : compounds) all.push_back("c:" + w);
  for (const auto& w : protected_words) all.push_back("p:" + w);
  std::sort(all.begin(), all.end());
  XXH64_state_t* st = XXH64_createState();
  XXH64_reset(st, 0);
  for (const auto& w : all) XXH64_update(st, w.data(), w.size() + 1);  // with the terminating NUL
  unsigned long long h = XXH64_digest(st);
  XXH64_freeState(st);
  char buf[64];
  std::snprintf(buf, sizeof buf, "dutch/%d/%016llx", kTokenizerVersion, h);
  return buf;
}

Tokenizer::Tokenizer(std::shared_ptr<const SearchLexicon> lexicon) : lexicon_(std::move(lexicon)) {
  if (!lexicon_) lexicon_ = std::make_shared<SearchLexicon>();
  UErrorCode st = U_ZERO_ERROR;
  breaker_ = ubrk_open(UBRK_WORD, "nl", nullptr, 0, &st);
  if (U_FAILURE(st)) breaker_ = nullptr;
}

Tokenizer::~Tokenizer() {
  if (breaker_) ubrk_close(breaker_);
}

std::string Tokenizer::stem(std::string_view folded) { return stemmer_.stem(folded); }

// Words whose analysis is kept (about 10 MB): enough for the common words of
// an archive; every ingest worker has a tokenizer of its own.
constexpr std::size_t kCacheWords = 50000;

const Tokenizer::Analysis& Tokenizer::analyze(const std::string& raw) {
  if (auto it = cache_.find(raw); it != cache_.end()) return it->second;
  if (cache_.size() > kCacheWords) cache_.clear();
  Analysis a;
  std::string f = fold_key(raw);
  const SearchLexicon& lx = *lexicon_;
  if (has_digit(f) || lx.protected_words.count(f)) {
    a.term = f;
  } else {
    a.term = stem(f);
    // Compounds: a domain word at the start (with the rest) or at the end.
    if (f.size() >= 7) {
      auto add = [&](std::string t) {
        if (t != a.term && std::find(a.parts.begin(), a.parts.end(), t) == a.parts.end()) a.parts.push_back(std::move(t));
      };
      for (std::size_t i = f.size() - 3; i >= 4; --i) {
        std::string_view head(f.data(), i);
        if (!lx.compounds.count(std::string(head))) continue;
        add(stem(head));
        std::string_view rest(f.data() + i, f.size() - i);
        for (std::string_view link : {"en", "s"})  // klachtenafhandeling, bedrijfsleven
          if (rest.size() > link.size() + 3 && rest.substr(0, link.size()) == link &&
              lx.compounds.count(std::string(rest.substr(link.size()))))
            rest.remove_prefix(link.size());
        if (rest.size() >= 4) add(stem(rest));
        break;
      }
      for (std::size_t i = 1; i + 4 <= f.size(); ++i) {
        std::string_view tail(f.data() + i, f.size() - i);
        if (tail.size() < 4) break;
        if (lx.compounds.count(std::string(tail))) {
          add(stem(tail));
          break;
        }
      }
    }
  }
  return cache_.emplace(raw, std::move(a)).first->second;
}

std::string Tokenizer::term(std::string_view word) { return analyze(std::string(word)).term; }

bool Tokenizer::emit_word(std::string_view text, std::size_t a, std::size_t b, Mode mode, const Emit& emit) {
  std::string raw(text.substr(a, b - a));
  if (mode == Mode::prefix) {
    std::string f = fold_key(raw);
    return f.empty() || emit(f, a, b, false);
  }
  const Analysis& an = analyze(raw);
  if (an.term.empty()) return true;
  if (!emit(an.term, a, b, false)) return false;
  if (mode == Mode::document)
    for (const std::string& p : an.parts)
      if (!emit(p, a, b, true)) return false;
  return true;
}

void Tokenizer::tokenize_into(std::string_view text, TokenRun& out) {
  out = TokenRun{};
  if (text.size() >= 0xFFFFFFFFu) return;
  out.lexicon = lexicon_.get();
  tokenize(text, Mode::document, [&](std::string_view term, std::size_t s, std::size_t e, bool colocated) {
    out.terms.append(term);
    out.tokens.push_back({static_cast<std::uint32_t>(out.terms.size()), static_cast<std::uint32_t>(s),
                          static_cast<std::uint32_t>(e), colocated});
    return true;
  });
}

bool Tokenizer::tokenize(std::string_view text, Mode mode, const Emit& emit) {
  if (text.empty() || !breaker_) return true;
  // Word segments by ICU (native indexes of a UTF-8 UText are byte offsets).
  std::vector<std::pair<std::size_t, std::size_t>> words;
  {
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &st);
    if (U_FAILURE(st)) return true;
    ubrk_setUText(breaker_, &ut, &st);
    if (U_FAILURE(st)) {
      utext_close(&ut);
      return true;
    }
    int32_t prev = ubrk_first(breaker_);
    for (int32_t cur = ubrk_next(breaker_); cur != UBRK_DONE; prev = cur, cur = ubrk_next(breaker_))
      if (ubrk_getRuleStatus(breaker_) >= UBRK_WORD_NONE_LIMIT)
        words.emplace_back(static_cast<std::size_t>(prev), static_cast<std::size_t>(cur));
    ubrk_setText(breaker_, nullptr, 0, &st);
    utext_close(&ut);
  }
  // Words joined by one joiner character are one term (re-integratie, 2023/0456).
  for (std::size_t i = 0; i < words.size();) {
    std::size_t j = i;
    while (j + 1 < words.size() && words[j + 1].first == words[j].second + 1 && is_joiner(text[words[j].second])) ++j;
    if (j == i) {
      if (!emit_word(text, words[i].first, words[i].second, mode, emit)) return false;
    } else {
      std::size_t a = words[i].first, b = words[j].second;
      std::string whole = fold_key(text.substr(a, b - a));
      if (!emit(whole, a, b, false)) return false;
      if (mode == Mode::document) {
        std::vector<std::string> seen{whole};
        for (std::size_t k = i; k <= j; ++k) {
          std::string_view part = text.substr(words[k].first, words[k].second - words[k].first);
          std::string t = analyze(std::string(part)).term;
          if (t.size() < 2 || std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
          seen.push_back(t);
          if (!emit(t, a, b, true)) return false;
        }
      }
    }
    i = j + 1;
  }
  return true;
}

}  // namespace omb
