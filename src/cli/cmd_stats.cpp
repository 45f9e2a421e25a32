// ombudsmine stats — what the database holds.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "ingest/analyze.h"
#include "store/catalog.h"
#include "store/counts.h"

namespace omb::cli {
namespace {

std::string year_ranges(const std::vector<int>& ys) {
  std::string out;
  for (std::size_t i = 0; i < ys.size();) {
    std::size_t j = i;
    while (j + 1 < ys.size() && ys[j + 1] == ys[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(ys[i]);
    if (j > i) out += "–" + std::to_string(ys[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace

Runner add_stats(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("stats", "Count documents, cases and tags; years covered; database size");
  auto json = std::make_shared<bool>(false);
  sub->add_flag("--json", *json, "Print the counts as JSON on stdout");
  sub->footer("Example:\n  ombudsmine --db rapporten.db stats --json");
  return [json, &g]() -> int {
    auto db = open_db(g, false);
    if (!db.ok()) return report(db.error());
    auto s = collect_counts(*db);
    if (!s.ok()) return report(s.error());
    auto catalog = Catalog::stored_current(*db);
    if (!catalog.ok()) return report(catalog.error());
    // Documents analysed with other rules than the dictionaries' now.
    auto rules = analysis_fingerprint(find_dictionaries(g.dict_dir));
    if (!rules.ok()) return report(rules.error());
    auto stale = count_stale(*db, *rules);
    if (!stale.ok()) return report(stale.error());
    if (*json) {
      nlohmann::json j = {
          {"database", db->path()}, {"schema_version", s->schema_version}, {"documents", s->documents},
          {"paths", s->sources}, {"pages", s->pages}, {"passages", s->passages}, {"cases", s->cases},
          {"tags", s->tags}, {"tags_by_type", s->tags_by_type}, {"pages_by_method", s->pages_by_method}, {"doctypes", s->doctypes}, {"years", s->years},
          {"undated_documents", s->undated_documents}, {"text_bytes", s->raw_bytes}, {"database_bytes", s->file_bytes},
          {"last_ingest_at", s->last_ingest_at}, {"search_catalog", *catalog ? "current" : "out of date"},
          {"stale_documents", *stale}};
      std::cout << j.dump(2) << "\n";
      return kExitOk;
    }
    std::printf("database     %s (%s, schema v%d)\n", db->path().c_str(),
                human_bytes(static_cast<double>(s->file_bytes)).c_str(), s->schema_version);
    std::printf("documents    %lld (%lld paths, %s of text)\n", static_cast<long long>(s->documents),
                static_cast<long long>(s->sources), human_bytes(static_cast<double>(s->raw_bytes)).c_str());
    std::printf("pages        %lld\n", static_cast<long long>(s->pages));
    for (const auto& [m, n] : s->pages_by_method) std::printf("  %-12s %lld\n", m.c_str(), static_cast<long long>(n));
    std::printf("passages     %lld\n", static_cast<long long>(s->passages));
    std::printf("cases        %lld\n", static_cast<long long>(s->cases));
    std::printf("tags         %lld\n", static_cast<long long>(s->tags));
    for (const auto& [t, n] : s->tags_by_type) std::printf("  %-12s %lld\n", t.c_str(), static_cast<long long>(n));
    std::printf("doctypes    ");
    for (const auto& [t, n] : s->doctypes) std::printf(" %s %lld;", t.c_str(), static_cast<long long>(n));
    std::printf("\n");
    std::printf("years        %s", s->years.empty() ? "none known" : year_ranges(s->years).c_str());
    if (s->undated_documents) std::printf(" (%lld documents without a year)", static_cast<long long>(s->undated_documents));
    std::printf("\n");
    std::printf("last ingest  %s\n", s->last_ingest_at.empty() ? "never" : s->last_ingest_at.c_str());
    if (*stale)
      std::printf("stale        %lld document%s analysed with other rules or word lists than %s has now: ingest "
                  "their folders again (or ingest --reanalyse) to analyse them anew\n",
                  static_cast<long long>(*stale), *stale == 1 ? "" : "s", find_dictionaries(g.dict_dir).c_str());
    std::printf("search       %s\n", *catalog ? "catalog current"
                                             : "catalog out of date: searches answer through joins, more slowly, until "
                                               "the next 'ombudsmine ingest' or 'ombudsmine reindex'");
    return kExitOk;
  };
}

}  // namespace omb::cli
