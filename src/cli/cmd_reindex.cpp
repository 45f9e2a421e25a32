// ombudsmine reindex — rebuild the full-text index with this program's
// tokenizer and the word lists of dictionaries/search.
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "index/tokenizer.h"
#include "store/catalog.h"
#include "store/vocab.h"

namespace omb::cli {

Runner add_reindex(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("reindex", "Rebuild the search index (after an upgrade, or after editing dictionaries/search)");
  sub->footer(
      "The index is tokenized with the Dutch tokenizer and the word lists in\n"
      "dictionaries/search (compounds.txt, protected.txt). When either changes,\n"
      "search and ingest say so; reindex rebuilds the index in one transaction\n"
      "(the stored documents, cases and tags are not touched).\n\n"
      "Example:\n  ombudsmine --db rapporten.db reindex");
  return [&g]() -> int {
    auto lexicon = SearchLexicon::load(find_dictionaries(g.dict_dir));
    if (!lexicon.ok()) return report(lexicon.error());
    auto db = open_db(g, true);
    if (!db.ok()) return report(db.error());
    auto t0 = std::chrono::steady_clock::now();
    std::string before = db->index_tokenizer();
    if (Status s = db->use_lexicon(*lexicon, true, true); !s.ok()) return report(s.error());
    if (Status s = Catalog::persist(*db); !s.ok()) return report(s.error());
    if (Status s = Vocabulary::persist(*db); !s.ok()) return report(s.error());
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!g.quiet)
      std::fprintf(stdout, "reindexed %s in %.1f s (tokenizer %s; was %s)\n", db->path().c_str(), secs,
                   db->index_tokenizer().c_str(), before.empty() ? "unknown" : before.c_str());
    return kExitOk;
  };
}

}  // namespace omb::cli
