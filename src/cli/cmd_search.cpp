// ombudsmine search QUERY — past dossiers.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "base/heap.h"
#include "cli/common.h"
#include "output/search_out.h"
#include "search/filters.h"
#include "search/query.h"
#include "search/search.h"
#include "search/suggest.h"

namespace omb::cli {

Runner add_search(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("search", "Search past dossiers: words, phrases, filters; cases with snippets and sources");
  struct Opts {
    std::vector<std::string> query;
    std::vector<std::vector<std::string>> filters = std::vector<std::vector<std::string>>(std::size(kFilters));
    std::size_t limit = 0, offset = 0;
    bool all = false, facets = false;
    std::string sort = "rank", format, level = "afdeling";
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("QUERY", o->query,
                  "Words, \"phrases\", AND/OR/NOT, NEAR(a b, 10), prefix*, fuzzy~ or fuzzy~2, field:value filters");
  // One option a filter (search/filters.h); a number filter takes one value
  // in its range, a text filter may be given again for any of several.
  for (std::size_t i = 0; i < std::size(kFilters); ++i) {
    const FilterDef& def = kFilters[i];
    auto* opt = sub->add_option("--" + std::string(def.name), o->filters[i], std::string(def.help));
    if (def.number)
      opt->type_name("INT")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->check(CLI::Range(def.min, def.max));
  }
  sub->add_option("--limit", o->limit, "Hits to show (default 20 in a table; all with --format json/csv)");
  sub->add_option("--offset", o->offset, "Skip this many hits first");
  sub->add_flag("--all", o->all, "Every hit, no limit");
  sub->add_option("--sort", o->sort, "rank (default) or date")->check(CLI::IsMember({"rank", "date"}));
  sub->add_option("--format", o->format, "table (default on a terminal), json (JSON Lines) or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  std::vector<std::string_view> facets;  // the filters with a facet
  for (const FilterDef& def : kFilters)
    if (!def.facet.empty()) facets.push_back(def.name);
  std::string by;
  for (std::size_t i = 0; i < facets.size(); ++i)
    (by += i == 0 ? "" : i + 1 == facets.size() ? " and " : ", ") += facets[i];
  sub->add_flag("--facets", o->facets, "Count the hits by " + by);
  sub->add_option("--level", o->level,
                  "The afdeling facet counts units of this level: organisation, dienst (rve, cluster, directie, "
                  "programma, sector), afdeling (default), team, or all")
      ->check(CLI::IsMember({"organisation", "dienst", "afdeling", "team", "all"}));
  sub->footer(
      "Words are found in every form: klacht finds klachten, communicatie finds\n"
      "communicatieproblemen, client finds cliënt; gegrond never finds ongegrond.\n"
      "Codes are searched whole: 2023/0456, RA1056992, re-integratie, Q4.\n"
      "word~ also finds the index's words one edit away (two for words of 8\n"
      "letters or more): OCR damage and typing errors; word~1 and word~2 say how\n"
      "many edits. When a query finds nothing, a corrected query is proposed.\n\n"
      "Examples:\n"
      "  ombudsmine search klantmanager excuses\n"
      "  ombudsmine search 'cornmunicatie~2 \"geen reactie~\"'   # OCR damage, in phrases too\n"
      "  ombudsmine search '\"geen reactie\"' --afdeling 'Werk en Re-integratie' --from 2020\n"
      "  ombudsmine search 'bejegening jaar:2016 oordeel:\"niet behoorlijk\"'\n"
      "  ombudsmine search --theme communicatie --facets        # filters alone list cases\n"
      "  ombudsmine search bezwaar --facets --level dienst      # the diensten, not the afdelingen\n"
      "  ombudsmine search 2023/0456 --format json | jq .sources\n"
      "  ombudsmine search -- -klacht                         # -- before a query that starts with -\n\n"
      "Exit status: 0 hits found or none; 1 the database could not be read; 2 a malformed query.");
  return [o, &g]() -> int {
    std::string q;
    for (const std::string& w : o->query) q += (q.empty() ? "" : " ") + w;
    auto parsed = parse_query(q);
    if (!parsed.ok()) return report(parsed.error());
    for (std::size_t i = 0; i < std::size(kFilters); ++i)
      for (const auto& v : o->filters[i])
        if (Status s = set_filter(parsed->filters, kFilters[i].name, v); !s.ok()) return report(s.error());

    SearchFormat fmt = SearchFormat::table;
    if (o->format == "json") fmt = SearchFormat::json;
    else if (o->format == "csv") fmt = SearchFormat::csv;
    SearchOptions so;
    so.query = std::move(*parsed);
    so.offset = o->offset;
    so.limit = o->all ? 0 : (o->limit ? o->limit : (fmt == SearchFormat::table ? 20 : 0));
    so.sort = o->sort == "date" ? SearchOptions::Sort::date : SearchOptions::Sort::rank;
    so.facets = o->facets;
    so.level = o->level;

    // One query in a fresh process: its arrays and the pages SQLite reads go
    // to a heap of huge pages (base/heap.h), and the file is read, not mapped:
    // each page of a mapping costs a fault, which a virtual machine makes
    // dear (two words 63 -> 53 ms, a word in every passage 100 -> 77 ms).
    use_huge_page_heap(std::size_t{128} << 20);
    auto db = open_db(g, false);
    if (!db.ok()) return report(db.error());
    if (Status s = db->exec("PRAGMA mmap_size=0"); !s.ok()) return report(s.error());
    auto r = search(*db, so);
    if (!r.ok()) return report(r.error());
    if (fmt != SearchFormat::csv) {
      auto dym = did_you_mean(*db, q, so, r->total);
      if (!dym.ok()) return report(dym.error());
      r->did_you_mean = std::move(*dym);
    }
    bool tty = isatty(STDOUT_FILENO);
    std::string s = render_search(*r, fmt, tty && fmt == SearchFormat::table, so.offset, so.facets);
    std::fwrite(s.data(), 1, s.size(), stdout);
    if (fmt == SearchFormat::table && !g.quiet) {
      for (const FuzzyWord& f : r->fuzzy) std::fprintf(stderr, "%s\n", fuzzy_note(f).c_str());
      if (r->did_you_mean)
        std::fprintf(stderr, "did you mean: %s   (%zu hit%s)\n", r->did_you_mean->query.c_str(), r->did_you_mean->total,
                     r->did_you_mean->total == 1 ? "" : "s");
      if (r->total == 0) std::fprintf(stderr, "no hits\n");
      else
        std::fprintf(stderr, "%zu–%zu of %zu hit%s%s\n", r->hits.empty() ? 0 : so.offset + 1, so.offset + r->hits.size(),
                     r->total, r->total == 1 ? "" : "s",
                     so.offset + r->hits.size() < r->total ? " (more with --offset, --limit or --all)" : "");
    }
    return kExitOk;
  };
}

}  // namespace omb::cli
