// index/sqlite_ext.cpp — the Dutch tokenizer as an SQLite loadable extension,
// so that the sqlite3 shell (and Datasette) can query an ombudsmine index:
//   sqlite3 ombudsmine.db '.load build/release/ombudsmine_fts'
//       "SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'klacht'"
// The lexicon is read from the database's search_lexicon table, so queries
// are tokenized like the index. omb_bm25() (index/rank.h) comes along.
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <cstring>

#include "index/fts5_dutch.h"
#include "index/rank.h"

extern "C" {

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_ombudsminefts_init(sqlite3* db, char** err, const sqlite3_api_routines* api) {
  SQLITE_EXTENSION_INIT2(api);
  try {
    auto slot = std::make_shared<omb::LexiconSlot>();
    auto lx = omb::load_lexicon(db);
    if (lx.ok()) slot->lexicon = std::make_shared<omb::SearchLexicon>(std::move(*lx));
    omb::Status s = omb::register_dutch_tokenizer(db, slot);
    if (s.ok()) s = omb::register_rank_function(db, "passages_fts");
    if (!s.ok()) {
      std::string m = s.error().message;
      *err = static_cast<char*>(sqlite3_malloc(static_cast<int>(m.size()) + 1));
      if (*err) std::memcpy(*err, m.c_str(), m.size() + 1);
      return SQLITE_ERROR;
    }
    return SQLITE_OK;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

int sqlite3_extension_init(sqlite3* db, char** err, const sqlite3_api_routines* api) {
  return sqlite3_ombudsminefts_init(db, err, api);
}

}  // extern "C"
