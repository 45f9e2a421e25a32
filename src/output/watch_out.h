// output/watch_out.h — watches and their news for people and for scripts.
//
//  - render_watch_news(): only the watches with news (or whose query no
//    longer parses); nothing at all when none has any, so a cron job mails
//    only non-empty output.
//      text: per watch a heading "NAME — N new hits, A appeared, C changed,
//            E ended (since <when>)", the new hits as `search` lists them (a
//            table), then each signal change: "appeared|changed|ended: cell ·
//            period · kind", its figures (ratio, q; a shift's since), what
//            changed ("ratio 1.80 → 3.10"), for an ended signal what stops it
//            now, and up to `evidence_shown` evidence items (0: all).
//      json: JSON Lines, one object per watch: {"watch", "query", "filters"
//            ([[name, value], …]), "since" (the last report, or when it was
//            made), "hits_total", "new_hits" (as `search --format json` writes
//            a hit, ranks counting the new hits from 1), "signals": [{"change",
//            "what": [...], "reported": {the key and figures as last
//            reported} or null, "signal": {as `signals --format json` writes
//            one} or null}], "error" (only when set)}.
//  - render_watch_list(): text: a table of name, query and filters, made,
//    last reported, hits seen; json: JSON Lines, one object per watch.
//  - watch_news_line(): ingest's line for a watch with news: "watch NAME: 3
//    new hits, 1 signal appeared, 1 ended (ombudsmine watch)".
// Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "watch/watch.h"

namespace omb {

enum class WatchFormat { text, json };

std::string render_watch_news(const std::vector<WatchNews>& news, WatchFormat fmt, std::size_t evidence_shown = 5);
std::string render_watch_list(const std::vector<WatchRow>& watches, WatchFormat fmt);
std::string watch_news_line(const WatchNews& n);

// "communicatie afdeling:\"Werk en Re-integratie\"": the query and the
// filters as one line, filters in the query language's name:value form.
std::string watch_search_text(const WatchRow& w);

}  // namespace omb
