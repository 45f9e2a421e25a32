#include "index/fts5_dutch.h"

#include <new>

namespace omb {

namespace {

// One FTS5 tokenizer instance (per table and connection).
struct DutchFts {
  std::shared_ptr<LexiconSlot> slot;
  std::shared_ptr<const SearchLexicon> built_for;
  std::unique_ptr<Tokenizer> tok;
  Tokenizer& get() {
    if (!tok || built_for != slot->lexicon) {
      built_for = slot->lexicon;
      tok = std::make_unique<Tokenizer>(built_for);
    }
    return *tok;
  }
};

int x_create(void* ctx, const char** /*args*/, int /*nargs*/, Fts5Tokenizer** out) {
  try {
    auto* slot = static_cast<std::shared_ptr<LexiconSlot>*>(ctx);
    auto* t = new DutchFts{*slot, nullptr, nullptr};
    *out = reinterpret_cast<Fts5Tokenizer*>(t);
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

void x_delete(Fts5Tokenizer* t) { delete reinterpret_cast<DutchFts*>(t); }

// A term list (kTermListMark): its terms as one token and its synonyms.
int emit_term_list(void* ctx, std::string_view in, int (*token)(void*, int, const char*, int, int, int)) {
  bool first = true;
  for (std::size_t at = 0; at < in.size();) {
    const std::size_t from = at + kTermListMark.size();
    std::size_t next = in.find(kTermListMark, from);
    if (next == std::string_view::npos) next = in.size();
    at = next;
    if (next == from) continue;
    const int rc = token(ctx, first ? 0 : FTS5_TOKEN_COLOCATED, in.data() + from, static_cast<int>(next - from), 0,
                         static_cast<int>(in.size()));
    if (rc != SQLITE_OK) return rc;
    first = false;
  }
  return SQLITE_OK;
}

int x_tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int n,
               int (*token)(void*, int, const char*, int, int, int)) {
  try {
    DutchFts& d = *reinterpret_cast<DutchFts*>(t);
    Tokenizer::Mode mode = Tokenizer::Mode::document;
    if (flags & FTS5_TOKENIZE_QUERY) mode = (flags & FTS5_TOKENIZE_PREFIX) ? Tokenizer::Mode::prefix : Tokenizer::Mode::query;
    int rc = SQLITE_OK;
    const std::string_view in(text ? text : "", text ? static_cast<std::size_t>(n) : 0);
    if (mode == Tokenizer::Mode::document && !d.slot->prepared.empty()) {
      for (const auto& [s, run] : d.slot->prepared) {
        if (run->lexicon != d.slot->lexicon.get() || s != in) continue;
        std::uint32_t from = 0;
        for (const TokenRun::Token& k : run->tokens) {
          rc = token(ctx, k.colocated ? FTS5_TOKEN_COLOCATED : 0, run->terms.data() + from, static_cast<int>(k.term_end - from),
                     static_cast<int>(k.start), static_cast<int>(k.end));
          if (rc != SQLITE_OK) return rc;
          from = k.term_end;
        }
        return SQLITE_OK;
      }
    }
    if (mode == Tokenizer::Mode::query && in.starts_with(kTermListMark)) return emit_term_list(ctx, in, token);
    d.get().tokenize(in, mode,
                     [&](std::string_view term, std::size_t s, std::size_t e, bool colocated) {
                       rc = token(ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, term.data(), static_cast<int>(term.size()),
                                  static_cast<int>(s), static_cast<int>(e));
                       return rc == SQLITE_OK;
                     });
    return rc;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

void destroy_ctx(void* ctx) { delete static_cast<std::shared_ptr<LexiconSlot>*>(ctx); }

}  // namespace

std::string term_list_phrase(const std::vector<std::string>& terms) {
  std::string out = "\"";
  for (const std::string& t : terms) {
    out += kTermListMark;
    for (char c : t) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

Result<fts5_api*> fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK)
    return make_error(Errc::db, std::string("this SQLite has no FTS5: ") + sqlite3_errmsg(db));
  sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (!api) return make_error(Errc::db, "this SQLite has no FTS5 (fts5_api not available)");
  return api;
}

Status register_dutch_tokenizer(sqlite3* db, std::shared_ptr<LexiconSlot> slot) {
  OMB_TRY_ASSIGN(api, fts5_api_of(db));
  fts5_tokenizer methods{x_create, x_delete, x_tokenize};
  auto* ctx = new std::shared_ptr<LexiconSlot>(std::move(slot));
  int rc = api->xCreateTokenizer(api, "dutch", ctx, &methods, destroy_ctx);
  if (rc != SQLITE_OK) {
    delete ctx;
    return make_error(Errc::db, std::string("cannot register the dutch tokenizer: ") + sqlite3_errstr(rc));
  }
  return {};
}

Result<SearchLexicon> load_lexicon(sqlite3* db) {
  SearchLexicon lx;
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT kind, word FROM search_lexicon", -1, &st, nullptr);
  if (rc != SQLITE_OK) return lx;  // no table: an index built before lexicons (empty)
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::string kind = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    std::string word = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    (kind == "protected" ? lx.protected_words : lx.compounds).insert(std::move(word));
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return make_error(Errc::db, std::string("cannot read search_lexicon: ") + sqlite3_errmsg(db));
  return lx;
}

}  // namespace omb
