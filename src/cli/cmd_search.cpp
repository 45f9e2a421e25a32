// ombudsmine search QUERY — past dossiers; ombudsmine show DOC|ZAAK — one in full.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/common.h"
#include "output/search_out.h"
#include "search/query.h"
#include "search/search.h"
#include "search/similar.h"
#include "store/read.h"

namespace omb::cli {

Runner add_search(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("search", "Search past dossiers: words, phrases, filters; cases with snippets and sources");
  struct Opts {
    std::vector<std::string> query;
    std::vector<std::string> afdeling, theme, oordeel, doctype, org, zaak;
    int year = 0, from = 0, to = 0, quarter = 0;
    std::size_t limit = 0, offset = 0;
    bool all = false, facets = false;
    std::string sort = "rank", format;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("QUERY", o->query, "Words, \"phrases\", AND/OR/NOT, NEAR(a b, 10), prefix*, field:value filters");
  sub->add_option("--year", o->year, "Reports of this year")->check(CLI::Range(1900, 2200));
  sub->add_option("--from", o->from, "Reports from this year on")->check(CLI::Range(1900, 2200));
  sub->add_option("--to", o->to, "Reports up to this year")->check(CLI::Range(1900, 2200));
  sub->add_option("--quarter", o->quarter, "Quarter 1-4")->check(CLI::Range(1, 4));
  sub->add_option("--afdeling", o->afdeling, "Cases of this afdeling (repeat for any of several)");
  sub->add_option("--theme", o->theme, "Cases with this theme (communicatie, bejegening, …)");
  sub->add_option("--oordeel", o->oordeel, "Cases with this oordeel (gegrond, niet behoorlijk, …)");
  sub->add_option("--doctype", o->doctype, "kwartaalrapportage, rapport, jaarverslag, rekenkameronderzoek, overig");
  sub->add_option("--org", o->org, "Organisation (part of its name)");
  sub->add_option("--zaak", o->zaak, "Zaaknummer");
  sub->add_option("--limit", o->limit, "Hits to show (default 20 in a table; all with --format json/csv)");
  sub->add_option("--offset", o->offset, "Skip this many hits first");
  sub->add_flag("--all", o->all, "Every hit, no limit");
  sub->add_option("--sort", o->sort, "rank (default) or date")->check(CLI::IsMember({"rank", "date"}));
  sub->add_option("--format", o->format, "table (default on a terminal), json (JSON Lines) or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  sub->add_flag("--facets", o->facets, "Count the hits by year, quarter, afdeling, theme, oordeel and doctype");
  sub->footer(
      "Words are found in every form: klacht finds klachten, communicatie finds\n"
      "communicatieproblemen, client finds cliënt; gegrond never finds ongegrond.\n"
      "Codes are searched whole: 2023/0456, RA1056992, re-integratie, Q4.\n\n"
      "Examples:\n"
      "  ombudsmine search klantmanager excuses\n"
      "  ombudsmine search '\"geen reactie\"' --afdeling 'Werk en Re-integratie' --from 2020\n"
      "  ombudsmine search 'bejegening jaar:2016 oordeel:\"niet behoorlijk\"'\n"
      "  ombudsmine search --theme communicatie --facets        # filters alone list cases\n"
      "  ombudsmine search 2023/0456 --format json | jq .sources\n"
      "  ombudsmine search -- -klacht                         # -- before a query that starts with -\n\n"
      "Exit status: 0 hits found or none; 1 the database could not be read; 2 a malformed query.");
  return [o, &g]() -> int {
    std::string q;
    for (const std::string& w : o->query) q += (q.empty() ? "" : " ") + w;
    auto parsed = parse_query(q);
    if (!parsed.ok()) return report(parsed.error());
    QueryFilters& f = parsed->filters;
    auto add = [&](const char* field, const std::vector<std::string>& vs) -> Status {
      for (const auto& v : vs) OMB_TRY(set_filter(f, field, v));
      return {};
    };
    for (auto [field, vs] : {std::pair{"afdeling", &o->afdeling}, std::pair{"theme", &o->theme},
                             std::pair{"oordeel", &o->oordeel}, std::pair{"doctype", &o->doctype},
                             std::pair{"org", &o->org}, std::pair{"zaak", &o->zaak}})
      if (Status s = add(field, *vs); !s.ok()) return report(s.error());
    if (o->year) f.year = o->year;
    if (o->from) f.from = o->from;
    if (o->to) f.to = o->to;
    if (o->quarter) f.quarter = o->quarter;

    SearchFormat fmt = SearchFormat::table;
    if (o->format == "json") fmt = SearchFormat::json;
    else if (o->format == "csv") fmt = SearchFormat::csv;
    SearchOptions so;
    so.query = std::move(*parsed);
    so.offset = o->offset;
    so.limit = o->all ? 0 : (o->limit ? o->limit : (fmt == SearchFormat::table ? 20 : 0));
    so.sort = o->sort == "date" ? SearchOptions::Sort::date : SearchOptions::Sort::rank;
    so.facets = o->facets;

    auto db = open_db(g, false);
    if (!db.ok()) return report(db.error());
    auto r = search(*db, so);
    if (!r.ok()) return report(r.error());
    bool tty = isatty(STDOUT_FILENO);
    std::string s = render_search(*r, fmt, tty && fmt == SearchFormat::table, so.offset, so.facets);
    std::fwrite(s.data(), 1, s.size(), stdout);
    if (fmt == SearchFormat::table && !g.quiet) {
      if (r->total == 0) std::fprintf(stderr, "no hits\n");
      else
        std::fprintf(stderr, "%zu–%zu of %zu hit%s%s\n", r->hits.empty() ? 0 : so.offset + 1, so.offset + r->hits.size(),
                     r->total, r->total == 1 ? "" : "s",
                     so.offset + r->hits.size() < r->total ? " (more with --offset, --limit or --all)" : "");
    }
    return kExitOk;
  };
}

Runner add_show(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("show", "Show one document or case in full, with its tags marked");
  auto what = std::make_shared<std::string>();
  sub->add_option("DOC|ZAAK", *what, "A zaaknummer (406, RA1056992), doc:ID (from search --format json), or a source path")
      ->required();
  sub->footer(
      "Tags are marked [words]{type=value}. The header gives the document, its\n"
      "source paths and the page each part starts on.\n\n"
      "Examples:\n  ombudsmine show 406\n  ombudsmine show doc:12\n  ombudsmine show corpus/2016/rapport.txt");
  return [what, &g]() -> int {
    auto db = open_db(g, false);
    if (!db.ok()) return report(db.error());
    // What the argument names, in this order: doc:ID, a zaaknummer (the same
    // case as the web's /case/ page and similar: store/read.h), a source path.
    std::int64_t doc = 0;
    std::size_t from = 0, to = std::string::npos;
    std::string header;
    bool found = false;
    if (what->rfind("doc:", 0) == 0) {
      auto d = document_by_id(*db, std::atoll(what->c_str() + 4));
      if (!d.ok()) return report(d.error());
      if (*d) doc = (*d)->id, found = true;
    }
    if (!found) {
      auto c = case_by_zaak(*db, *what);
      if (!c.ok()) return report(c.error());
      if (*c) {
        const CaseRow& cr = **c;
        doc = cr.document_id;
        from = static_cast<std::size_t>(cr.start);
        to = static_cast<std::size_t>(cr.end);
        std::string themes;
        for (const auto& t : cr.themes) themes += (themes.empty() ? "" : ", ") + t;
        header = "zaak " + cr.zaaknummer + " – " + cr.title + "\n  afdeling " + cr.afdeling + "   themes " + themes +
                 "   status " + cr.status + "   oordeel " + cr.oordeel + "\n";
        found = true;
      }
    }
    if (!found) {
      auto p = document_by_path(*db, *what);
      if (!p.ok()) return report(p.error());
      if (*p) doc = **p, found = true;
    }
    if (!found) return report(make_error(Errc::not_found, "no case, document or path '" + *what + "' in the database", db->path()));

    auto texts = load_texts(*db, doc);
    if (!texts.ok()) return report(texts.error());
    const std::string& norm = texts->norm;
    if (to == std::string::npos || to > norm.size()) to = norm.size();
    auto meta = document_by_id(*db, doc);
    if (!meta.ok()) return report(meta.error());
    if (*meta) {
      const DocumentRow& d = **meta;
      std::printf("%s\n  %s · %s · %s%s%s   (doc:%lld)\n", d.title.c_str(), d.doctype.c_str(), d.organisation.c_str(),
                  d.year ? std::to_string(*d.year).c_str() : "", d.quarter ? (" Q" + std::to_string(*d.quarter)).c_str() : "",
                  d.date.empty() ? "" : (" · " + d.date).c_str(), static_cast<long long>(doc));
    }
    auto paths = source_paths(*db, doc);
    auto at = page_at(*db, doc, static_cast<std::int64_t>(from));
    if (!paths.ok()) return report(paths.error());
    if (!at.ok()) return report(at.error());
    const PageLine pl = at->value_or(PageLine{});
    for (const auto& path : *paths)
      std::printf("  %s  %s, line %d\n", path.c_str(), page_label(pl.page, pl.method, pl.confidence).c_str(), pl.line);
    if (!header.empty()) std::printf("%s", header.c_str());
    std::printf("\n");
    // The text with its tags marked; overlapping tags: the first (longest) wins.
    auto tags = tags_in(*db, doc, static_cast<std::int64_t>(from), static_cast<std::int64_t>(to));
    if (!tags.ok()) return report(tags.error());
    bool tty = isatty(STDOUT_FILENO);
    std::string out;
    std::size_t pos = from;
    for (const TagRow& t : *tags) {
      auto s = static_cast<std::size_t>(t.start), e = static_cast<std::size_t>(t.end);
      if (s < pos || e > to || t.type == "doctype" || t.type == "period") continue;
      out.append(norm, pos, s - pos);
      std::string words = norm.substr(s, e - s);
      std::string label = words == t.value ? t.type : t.type + "=" + t.value;
      out += tty ? "\033[1;36m[" + words + "]\033[0;36m{" + label + "}\033[0m" : "[" + words + "]{" + label + "}";
      pos = e;
    }
    out.append(norm, pos, to - pos);
    std::fwrite(out.data(), 1, out.size(), stdout);
    if (out.empty() || out.back() != '\n') std::fputc('\n', stdout);
    return kExitOk;
  };
}

}  // namespace omb::cli

namespace omb::cli {

Runner add_similar(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("similar", "The cases most like a given one: have we seen this before?");
  struct Opts {
    std::string zaak, format;
    std::size_t limit = 10;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("ZAAK", o->zaak, "The zaaknummer of the case (406, 2023/0456, RA1056992)")->required();
  sub->add_option("--limit", o->limit, "Cases to show (default 10)")->check(CLI::Range(1, 1000));
  sub->add_option("--format", o->format, "table (default), json (JSON Lines) or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  sub->footer(
      "Reads the case, picks its most telling words (rare in the archive, frequent in\n"
      "the case; no numbers or codes), searches them, and ranks the other cases by\n"
      "those shared words first, shared themes and the same afdeling next.\n\n"
      "Examples:\n  ombudsmine similar 406\n  ombudsmine similar 2023/0456 --format json | jq .zaaknummer\n\n"
      "Exit status: 0 found (or nothing like it); 1 no such case or the database could not be read.");
  return [o, &g]() -> int {
    auto db = open_db(g, false);
    if (!db.ok()) return report(db.error());
    SimilarOptions so;
    so.zaak = o->zaak;
    so.limit = o->limit;
    auto r = similar(*db, so);
    if (!r.ok()) return report(r.error());
    SearchFormat fmt = SearchFormat::table;
    if (o->format == "json") fmt = SearchFormat::json;
    else if (o->format == "csv") fmt = SearchFormat::csv;
    if (fmt == SearchFormat::table && !g.quiet) {
      std::string themes;
      for (const auto& t : r->of.themes) themes += (themes.empty() ? "" : ", ") + t;
      std::string words;
      for (const auto& w : r->words) words += (words.empty() ? "" : ", ") + w;
      std::fprintf(stderr, "cases like zaak %s – %s (%s%s%s)\nby the words: %s\n\n", r->of.zaaknummer.c_str(),
                   r->of.case_title.c_str(), r->of.afdeling.c_str(), themes.empty() ? "" : "; ", themes.c_str(),
                   words.empty() ? "(none telling enough)" : words.c_str());
    }
    bool tty = isatty(STDOUT_FILENO);
    std::string s = render_search(r->result, fmt, tty && fmt == SearchFormat::table, 0, false);
    std::fwrite(s.data(), 1, s.size(), stdout);
    if (fmt == SearchFormat::table && r->result.hits.empty() && !g.quiet) std::fprintf(stderr, "nothing like it\n");
    return kExitOk;
  };
}

}  // namespace omb::cli
