// ombudsmine watch — saved searches and what is new for them (watch/watch.h).
//   watch                 report every watch's news and mark it reported
//   watch add NAME QUERY  save a search as a watch (its hits now are its baseline)
//   watch list            the watches
//   watch rm NAME         remove one
#include <cstdio>
#include <iostream>

#include "cli/common.h"
#include "output/watch_out.h"
#include "search/filters.h"
#include "watch/watch.h"

namespace omb::cli {
namespace {

WatchFormat watch_format(const std::string& f) { return f == "json" ? WatchFormat::json : WatchFormat::text; }

void write_out(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

Result<Database> open_existing(const Globals& g, bool write) {
  OpenOptions o;
  o.read_only = !write;
  o.create = false;  // a watch on a database that does not exist yet is a mistake
  return Database::open(g.db_path, o);
}

Runner add_watch_add(CLI::App& watch, Globals& g) {
  auto* sub = watch.add_subcommand("add", "Save a search as a watch; what it finds now is its baseline");
  struct Opts {
    std::string name;
    std::vector<std::string> query;
    std::vector<std::vector<std::string>> filters = std::vector<std::vector<std::string>>(std::size(kFilters));
    bool replace = false;
  };
  auto o = std::make_shared<Opts>();
  sub->add_option("NAME", o->name, "The watch's name: letters, digits, spaces, '-', '_', '.'")->required();
  sub->add_option("QUERY", o->query, "The search, as for 'ombudsmine search' (words, phrases, field:value)");
  for (std::size_t i = 0; i < std::size(kFilters); ++i) {  // the filters of `search`, one option each
    const FilterDef& def = kFilters[i];
    auto* opt = sub->add_option("--" + std::string(def.name), o->filters[i], std::string(def.help));
    if (def.number)
      opt->type_name("INT")->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->check(CLI::Range(def.min, def.max));
  }
  sub->add_flag("--replace", o->replace, "Replace a watch of that name (its state starts again)");
  sub->footer(
      "The watch remembers every hit the search finds now and the signals of its\n"
      "cells now; 'ombudsmine watch' then reports what comes after.\n\n"
      "Examples:\n"
      "  ombudsmine watch add klantcontact 'klantmanager OR \"geen reactie\"' --afdeling 'Werk en Re-integratie'\n"
      "  ombudsmine watch add communicatie --theme communicatie\n"
      "  ombudsmine watch add klantcontact klantmanager --replace\n\n"
      "Exit status: 0 saved; 1 the database could not be written; 2 a bad name or query, or the name is taken.");
  return [o, &g]() -> int {
    WatchSpec spec;
    spec.name = o->name;
    for (const std::string& w : o->query) spec.query += (spec.query.empty() ? "" : " ") + w;
    for (std::size_t i = 0; i < std::size(kFilters); ++i)
      for (const std::string& v : o->filters[i]) spec.filters.emplace_back(std::string(kFilters[i].name), v);
    // Name and query first: a mistake there is told before the database is opened.
    if (Status s = check_watch_name(spec.name); !s.ok()) return report(s.error());
    if (auto so = watch_search_options(spec.query, spec.filters); !so.ok()) return report(so.error());
    auto db = open_existing(g, true);
    if (!db.ok()) return report(db.error());
    auto w = create_watch(*db, spec, o->replace);
    if (!w.ok()) return report(w.error());
    if (!g.quiet)
      std::fprintf(stderr, "watch '%s' saved: %lld hit%s now (the baseline); 'ombudsmine watch' reports what comes next\n",
                   w->name.c_str(), static_cast<long long>(w->seen), w->seen == 1 ? "" : "s");
    return kExitOk;
  };
}

Runner add_watch_list(CLI::App& watch, Globals& g) {
  auto* sub = watch.add_subcommand("list", "The watches: their searches, when made and last reported");
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--format", *format, "text (default) or json (JSON Lines)")->check(CLI::IsMember({"text", "json"}));
  return [format, &g]() -> int {
    auto db = open_existing(g, false);
    if (!db.ok()) return report(db.error());
    auto ws = list_watches(*db);
    if (!ws.ok()) return report(ws.error());
    write_out(render_watch_list(*ws, watch_format(*format)));
    if (ws->empty() && !g.quiet) std::fprintf(stderr, "no watches (ombudsmine watch add NAME QUERY)\n");
    return kExitOk;
  };
}

Runner add_watch_rm(CLI::App& watch, Globals& g) {
  auto* sub = watch.add_subcommand("rm", "Remove a watch and its state");
  auto name = std::make_shared<std::string>();
  sub->add_option("NAME", *name, "The watch to remove")->required();
  return [name, &g]() -> int {
    auto db = open_existing(g, true);
    if (!db.ok()) return report(db.error());
    auto removed = remove_watch(*db, *name);
    if (!removed.ok()) return report(removed.error());
    if (!*removed) return report(make_error(Errc::not_found, "no watch named '" + *name + "' (ombudsmine watch list)"));
    if (!g.quiet) std::fprintf(stderr, "watch '%s' removed\n", name->c_str());
    return kExitOk;
  };
}

}  // namespace

void print_watch_lines(Database& db, std::FILE* out) {
  WatchRunOptions o;
  o.fetch = false;  // counts only: nothing to show, nothing marked
  auto news = watch_news(db, o);
  if (!news.ok()) {
    std::fprintf(stderr, "ombudsmine: warning: watches not checked: %s\n", news.error().to_string().c_str());
    return;
  }
  for (const WatchNews& n : *news)
    if (n.any() || !n.error.empty()) std::fprintf(out, "%s\n", watch_news_line(n).c_str());
}

Runner add_watch(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("watch", "Saved searches: new hits and new or changed signals since the last report");
  sub->require_subcommand(0, 1);
  struct Opts {
    std::vector<std::string> names;
    std::string format = "text";
    bool peek = false;
    std::size_t evidence = 5;
  };
  auto o = std::make_shared<Opts>();
  sub->add_flag("--peek", o->peek, "Show the news without marking it reported");
  sub->add_option("--name", o->names, "Only this watch (repeat for several)");
  sub->add_option("--format", o->format, "text (default) or json (JSON Lines, one object per watch with news)")
      ->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--evidence", o->evidence, "Cases shown per signal in text (default 5; 0 all; json lists all)");
  auto add = add_watch_add(*sub, g);
  auto list = add_watch_list(*sub, g);
  auto rm = add_watch_rm(*sub, g);
  sub->footer(
      "A watch is a saved search. 'ombudsmine watch' shows, for every watch, the\n"
      "hits that are new since it last reported and the signals of its cells\n"
      "(its afdeling, theme, doctype and org filters; all signals without them)\n"
      "that appeared, ended or changed (the rate ratio moved 1.5x or more; a\n"
      "shift's start moved, or it is no longer up), each with its evidence; then\n"
      "marks them reported, so a second run right after shows nothing. Only\n"
      "watches with news are shown: no output means nothing new. 'ingest' ends\n"
      "with one line per watch with news (--quiet drops it).\n\n"
      "Examples:\n"
      "  ombudsmine watch add klantcontact klantmanager --afdeling 'Werk en Re-integratie'\n"
      "  ombudsmine ingest archief/2023/\n"
      "  ombudsmine watch                       # the news, marked reported\n"
      "  ombudsmine watch --peek --name klantcontact\n"
      "  ombudsmine watch --format json | mail -E -s 'ombudsmine' analist@example.org\n"
      "  ombudsmine watch list\n"
      "  ombudsmine watch rm klantcontact\n\n"
      "Exit status: 0 done (with or without news); 1 the database could not be read or\n"
      "written, or no such watch; 2 bad options, a bad name or query.");
  return [o, sub, add, list, rm, &g]() -> int {
    for (CLI::App* s : sub->get_subcommands()) {
      if (s->get_name() == "add") return add();
      if (s->get_name() == "list") return list();
      if (s->get_name() == "rm") return rm();
    }
    auto db = open_existing(g, !o->peek);
    if (!db.ok()) return report(db.error());
    WatchRunOptions ro;
    ro.names = o->names;
    auto news = watch_news(*db, ro);
    if (!news.ok()) return report(news.error());
    write_out(render_watch_news(*news, watch_format(o->format), o->evidence));
    std::size_t with_news = 0;
    for (const WatchNews& n : *news) with_news += n.any();
    if (!g.quiet && with_news == 0)
      std::fprintf(stderr, "nothing new for %s\n",
                   news->empty() ? "any watch (there are none: ombudsmine watch add NAME QUERY)"
                                 : (std::to_string(news->size()) + (news->size() == 1 ? " watch" : " watches")).c_str());
    if (o->peek) return kExitOk;
    auto marked = mark_reported(*db, *news);
    if (!marked.ok()) {
      std::fprintf(stderr, "ombudsmine: the news above was not marked reported; it will be shown again\n");
      return report(marked.error());
    }
    return kExitOk;
  };
}

}  // namespace omb::cli
