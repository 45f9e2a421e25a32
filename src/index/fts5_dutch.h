// index/fts5_dutch.h — the Dutch tokenizer as an SQLite FTS5 tokenizer.
//
// register_dutch_tokenizer() registers the tokenizer "dutch" with the FTS5
// of one connection (through fts5_api, fetched with `SELECT fts5(?1)`).
// Every FTS5 table using `tokenize='dutch'` on that connection then creates
// a Tokenizer (index/tokenizer.h) with the lexicon held in `slot`; the owner
// may put another lexicon in the slot (reindex), and tokenizers pick it up at
// their next call. No C++ exception crosses the C boundary: a failure inside
// a tokenizer call becomes SQLITE_NOMEM or SQLITE_ERROR.
//
// load_lexicon() reads the lexicon an index was built with from the
// database's `search_lexicon` table (kind 'compound' or 'protected'), so a
// query is tokenized like the index whatever the dictionaries say now.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "index/tokenizer.h"

namespace omb {

// A list of index terms in a query: FTS5 query text that begins with
// kTermListMark and holds terms, each preceded by the mark
// ("\uE000communicati\uE000communciati"), is one query token that matches
// any of its terms. The first is emitted as a term, the others as
// FTS5_TOKEN_COLOCATED (FTS5's synonyms), so the list stands for one word in
// phrases and NEAR as well. Its terms are index terms already: they are not
// folded or stemmed again. search/fuzzy.h writes such lists; the query
// parser (search/query.h) refuses the mark in what a user types. In
// document mode the mark is text like any other.
inline constexpr std::string_view kTermListMark = "\xEE\x80\x80";  // U+E000, private use

// `terms` as one quoted FTS5 string holding a term list (never empty: at
// least one term must be given).
std::string term_list_phrase(const std::vector<std::string>& terms);

struct LexiconSlot {
  std::shared_ptr<const SearchLexicon> lexicon = std::make_shared<SearchLexicon>();
  // Texts about to be inserted with their terms made ahead (TokenRun): a
  // document-mode call for a text equal to one of these, with this lexicon,
  // replays its terms instead of tokenizing. Set around one INSERT by its
  // caller (store/writer.cpp), which owns what the views point to.
  std::vector<std::pair<std::string_view, const TokenRun*>> prepared;
};

// The FTS5 API of one connection (`SELECT fts5(?1)`), for registering
// tokenizers and auxiliary functions. Errors: Errc::db when this SQLite has
// no FTS5.
Result<fts5_api*> fts5_api_of(sqlite3* db);

// Errors: Errc::db when this SQLite has no FTS5 or registration fails.
Status register_dutch_tokenizer(sqlite3* db, std::shared_ptr<LexiconSlot> slot);

// The lexicon stored in `search_lexicon`; an empty one if the table is missing.
Result<SearchLexicon> load_lexicon(sqlite3* db);

}  // namespace omb
