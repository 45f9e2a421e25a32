#include "output/watch_out.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "output/search_out.h"
#include "output/signals_format.h"
#include "output/signals_out.h"

namespace omb {
namespace {

using ojson = nlohmann::ordered_json;

std::string dump_line(const ojson& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "3 new hits, 1 signal appeared, 2 ended"
std::string news_counts(const WatchNews& n) {
  std::vector<std::string> parts;
  if (!n.new_keys.empty()) parts.push_back(plural(n.new_keys.size(), "new hit", "new hits"));
  std::size_t count[3] = {0, 0, 0};
  for (const SignalChange& c : n.signals) ++count[static_cast<int>(c.change)];
  bool first_signal = true;
  for (SignalChangeKind k : {SignalChangeKind::appeared, SignalChangeKind::changed, SignalChangeKind::ended}) {
    const std::size_t c = count[static_cast<int>(k)];
    if (c == 0) continue;
    std::string part = std::to_string(c);
    if (first_signal) part += c == 1 ? " signal" : " signals";
    first_signal = false;
    parts.push_back(part + " " + change_name(k));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string quoted_if_needed(const std::string& v) {
  if (v.find_first_of(" \t\"():") == std::string::npos && !v.empty()) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\\\"") : std::string(1, c);
  return out + "\"";
}

ojson filters_json(const WatchRow& w) {
  ojson f = ojson::array();
  for (const auto& [k, v] : w.filters) f.push_back({k, v});
  return f;
}

// What `search --format json` writes for each hit, the ranks counting from 1.
ojson hits_json(const std::vector<SearchHit>& hits) {
  ojson out = ojson::array();
  SearchResult r;
  r.total = hits.size();
  r.hits = hits;
  const std::string lines = render_search(r, SearchFormat::json, false, 0, false);
  for (std::size_t at = 0; at < lines.size();) {
    std::size_t end = lines.find('\n', at);
    if (end == std::string::npos) end = lines.size();
    auto j = ojson::parse(lines.substr(at, end - at), nullptr, false);
    if (!j.is_discarded()) out.push_back(std::move(j));
    at = end + 1;
  }
  return out;
}

// What `signals --format json` writes for a signal.
ojson signal_json(const Signal& s) {
  SignalReport one;
  one.signals.push_back(s);
  SignalRenderOptions ro;
  ro.format = SignalFormat::json;
  auto j = ojson::parse(render_signals(one, ro), nullptr, false);
  return j.is_discarded() ? ojson() : j;
}

ojson mark_json(const SignalMark& m) {
  ojson j;
  j["organisation"] = m.organisation;
  j["doctype"] = m.doctype;
  j["afdeling"] = m.afdeling;
  j["theme"] = m.theme;
  j["kind"] = m.kind;
  j["period"] = m.period;
  j["ratio"] = m.ratio ? ojson(*m.ratio) : ojson();
  j["q"] = m.q;
  if (m.kind == "shift") {
    j["since"] = m.since;
    j["still_up"] = m.still_up;
  }
  return j;
}

std::string since_of(const WatchRow& w) { return w.reported_at.empty() ? w.created_at : w.reported_at; }

ojson news_json(const WatchNews& n) {
  ojson j;
  j["watch"] = n.watch.name;
  j["query"] = n.watch.query;
  j["filters"] = filters_json(n.watch);
  j["since"] = since_of(n.watch);
  j["hits_total"] = n.hits_total;
  j["new_hits"] = hits_json(n.new_hits);
  ojson sig = ojson::array();
  for (const SignalChange& c : n.signals) {
    ojson x;
    x["change"] = change_name(c.change);
    x["what"] = c.what;
    x["reported"] = c.reported ? mark_json(*c.reported) : ojson();
    x["signal"] = c.now ? signal_json(*c.now) : ojson();
    sig.push_back(std::move(x));
  }
  j["signals"] = std::move(sig);
  if (!n.error.empty()) j["error"] = n.error;
  return j;
}

std::string cell_line(const std::string& theme, const std::string& afdeling, const std::string& period,
                      const std::string& kind) {
  return (theme.empty() ? std::string("(alle thema's)") : theme) + " · " +
         (afdeling.empty() ? std::string("(alle afdelingen)") : afdeling) + " · " + period + " · " + kind;
}

std::string signal_text(const SignalChange& c, std::size_t evidence_shown) {
  std::string out = "  " + std::string(change_name(c.change)) + ": ";
  if (c.now) {
    const Signal& s = *c.now;
    out += cell_line(s.theme, s.afdeling, s.period, kind_name(s.kind)) + "  (ratio " + sigfmt::opt(s.ratio) +
           ", q " + sigfmt::pval(s.q) + ")\n";
    if (s.shift) out += "     " + sigfmt::shift_sentence(*s.shift, Grain::quarter) + "\n";
  } else {
    const SignalMark& m = *c.reported;
    out += cell_line(m.theme, m.afdeling, m.period, m.kind) + "\n";
  }
  for (const std::string& w : c.what) out += "     " + w + "\n";
  if (c.change == SignalChangeKind::ended) {
    if (c.reported)
      out += "     was: " + c.reported->period + ", ratio " + sigfmt::opt(c.reported->ratio) + ", q " +
             sigfmt::pval(c.reported->q) + "\n";
    out += "     now: " + (c.now ? "no alert: " + c.now->stopped : std::string("the cell is no longer tested")) + "\n";
    return out;
  }
  if (c.now) {
    const auto& ev = c.now->evidence;
    const std::size_t shown = evidence_shown == 0 ? ev.size() : std::min(ev.size(), evidence_shown);
    for (std::size_t i = 0; i < shown; ++i) {
      const Evidence& e = ev[i];
      out += "     " + e.period + "  " + (e.zaaknummer.empty() ? e.document_title : "zaak " + e.zaaknummer) + "  " +
             sigfmt::location(e) + "\n";
    }
    if (c.now->evidence_total > shown)
      out += "     … and " + std::to_string(c.now->evidence_total - shown) + " more (--format json lists them all)\n";
  }
  return out;
}

}  // namespace

std::string watch_search_text(const WatchRow& w) {
  std::string out = w.query;
  for (const auto& [k, v] : w.filters) out += (out.empty() ? "" : " ") + k + ":" + quoted_if_needed(v);
  return out;
}

std::string watch_news_line(const WatchNews& n) {
  if (!n.error.empty()) return "watch " + n.watch.name + ": cannot run: " + n.error;
  return "watch " + n.watch.name + ": " + news_counts(n) + " (ombudsmine watch)";
}

std::string render_watch_news(const std::vector<WatchNews>& news, WatchFormat fmt, std::size_t evidence_shown) {
  std::string out;
  for (const WatchNews& n : news) {
    if (!n.any() && n.error.empty()) continue;
    if (fmt == WatchFormat::json) {
      out += dump_line(news_json(n));
      continue;
    }
    if (!out.empty()) out += "\n";
    out += "== " + n.watch.name + " — " + watch_search_text(n.watch) + "\n";
    if (!n.error.empty()) {
      out += "   cannot run: " + n.error + "\n";
      continue;
    }
    out += "   " + news_counts(n) + " since " + since_of(n.watch) + "\n";
    if (!n.new_hits.empty()) {
      SearchResult r;
      r.total = n.new_hits.size();
      r.hits = n.new_hits;
      out += render_search(r, SearchFormat::table, false, 0, false);
    }
    if (!n.signals.empty()) out += "signals:\n";
    for (const SignalChange& c : n.signals) out += signal_text(c, evidence_shown);
  }
  return out;
}

std::string render_watch_list(const std::vector<WatchRow>& watches, WatchFormat fmt) {
  std::string out;
  for (const WatchRow& w : watches) {
    if (fmt == WatchFormat::json) {
      ojson j;
      j["watch"] = w.name;
      j["query"] = w.query;
      j["filters"] = filters_json(w);
      j["created_at"] = w.created_at;
      j["reported_at"] = w.reported_at.empty() ? ojson() : ojson(w.reported_at);
      j["hits_seen"] = w.seen;
      out += dump_line(j);
      continue;
    }
    out += w.name + "\n    search: " + watch_search_text(w) + "\n    made " + w.created_at + ", last reported " +
           (w.reported_at.empty() ? std::string("never") : w.reported_at) + ", " +
           plural(static_cast<std::size_t>(w.seen), "hit", "hits") + " seen\n";
  }
  return out;
}

}  // namespace omb
