#include "extract/organisation.h"

#include <algorithm>
#include <cctype>

#include "extract/text_util.h"
#include "text/fold.h"

namespace omb::interp {

const Hit* pick_organisation(const std::vector<Hit>& hits, const std::vector<bool>& issuer, std::size_t window) {
  const Hit* pick[4] = {nullptr, nullptr, nullptr, nullptr};
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    int k = (h.start < window ? 0 : 2) + (issuer[i] ? 0 : 1);
    if (!pick[k]) pick[k] = &h;
  }
  for (const Hit* p : pick)
    if (p) return p;
  return nullptr;
}

namespace {

std::size_t alnum_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
  return n;
}

}  // namespace

const Hit* letterhead(std::string_view text, const std::vector<Hit>& hits, int lines) {
  std::size_t b = 0;
  for (int seen = 0; seen < lines && b < text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    if (std::size_t all = alnum_count(line); all > 0) {
      ++seen;
      bool sentence = std::string_view(".!?;,").find(line[line.find_last_not_of(" \t\r")]) != std::string_view::npos;
      for (const Hit& h : hits)
        if (!sentence && h.start >= b && h.end <= e &&
            (alnum_count(text.substr(b, h.start - b)) == 0 || alnum_count(text.substr(h.start, h.end - h.start)) * 10 >= all * 6))
          return &h;
    }
    b = e + 1;
  }
  return nullptr;
}

bool watchdog_publisher(const Context& ctx) {
  const std::vector<std::string> watchdogs = ctx.file("organisation").strings("publisher.watchdogs");
  const std::string name = fold_key(ctx.out.facts.organisation);
  for (std::size_t a = 0; a < name.size();) {
    std::size_t e = a;
    while (e < name.size() && std::isalnum(static_cast<unsigned char>(name[e]))) ++e;
    if (e > a && std::find(watchdogs.begin(), watchdogs.end(), name.substr(a, e - a)) != watchdogs.end()) return true;
    a = e + 1;
  }
  return false;
}

void run_organisation(Context& ctx) {
  std::size_t w = ctx.window("organisation", 3000);
  const std::vector<Hit>& hits = ctx.hits_of("organisation");
  std::vector<Hit> may_publish;  // a mention (a care provider, a foundation) never publishes the report
  std::vector<bool> issuer;
  for (const Hit& h : hits) {
    const Rule& r = ctx.rule_of("organisation", h);
    ctx.add("organisation", tidy_org(h.value), h.start, h.end, r.id);
    if (r.role == "mention") continue;
    may_publish.push_back(h);
    issuer.push_back(r.role == "issuer");
  }
  const Hit* p = letterhead(ctx.text, hits, 4);
  if (!p) p = pick_organisation(may_publish, issuer, w);
  if (p) ctx.out.facts.organisation = tidy_org(p->value);
}

}  // namespace omb::interp
