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

// Where the `n`-th line that holds anything ends (the end of `text` if it has fewer).
std::size_t line_end(std::string_view text, int n) {
  std::size_t b = 0;
  for (int seen = 0; b < text.size();) {
    std::size_t e = std::min(text.find('\n', b), text.size());
    if (alnum_count(text.substr(b, e - b)) > 0 && ++seen == n) return e;
    b = e + 1;
  }
  return text.size();
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
  return has_listed_word(ctx.out.facts.organisation, ctx.file("organisation").strings("publisher.watchdogs"));
}

namespace {

// The [publisher] watchdog words: whether `word` (folded) is one.
bool watchdog_word(const std::vector<std::string>& watchdogs, std::string_view word) {
  return std::find(watchdogs.begin(), watchdogs.end(), fold_key(word)) != watchdogs.end();
}

// The line after the one that holds byte `at`, skipping empty lines: its
// span, or {npos, npos} at the end of `text`.
std::pair<std::size_t, std::size_t> next_line(std::string_view text, std::size_t at) {
  std::size_t b = text.find('\n', at);
  while (b != std::string_view::npos) {
    ++b;
    std::size_t e = std::min(text.find('\n', b), text.size());
    if (alnum_count(text.substr(b, e - b)) > 0) return {b, e};
    if (e >= text.size()) break;
    b = e;
  }
  return {std::string_view::npos, std::string_view::npos};
}

}  // namespace

std::string watchdog_under(const Context& ctx, const Hit& head, const std::vector<Hit>& issuers, std::size_t title_end) {
  const std::vector<std::string> watchdogs = ctx.file("organisation").strings("publisher.watchdogs");
  // The title names the watchdog with the body: "Ombudsfunctionaris
  // Studenten Universiteit Eldermaas" under "UNIVERSITEIT ELDERMAAS".
  // Or with the body's name on the line after it ("van de Ombudsfunctionaris
  // Studenten" above "Universiteit Eldermaas").
  const std::string body = fold_key(head.value);
  for (const Hit& h : issuers) {
    if (h.start >= title_end || !watchdog_word(watchdogs, h.value.substr(0, h.value.find(' ')))) continue;
    if (h.end - h.start > head.end - head.start && fold_key(h.value).find(body) != std::string::npos) return tidy_org(h.value);
    // Nothing after it on its line, and the next line starts with the
    // body's name, as whole words.
    auto [nb, ne] = next_line(ctx.text, h.end);
    const std::size_t after = ctx.text.find_first_not_of(" \t\r\n", h.end);
    if (nb == std::string_view::npos || after < nb) continue;
    std::string next = fold_key(ctx.text.substr(after, ne - after));
    if (next.compare(0, body.size(), body) == 0 && (next.size() == body.size() || next[body.size()] == ' '))
      return tidy_org(h.value) + " " + tidy_org(head.value);
  }
  // The line under the letterhead is the watchdog's word alone, or with a
  // word or two: "PROVINCIE ZUIDERMARKEN" above "Klachtencommissie".
  auto [b, e] = next_line(ctx.text, head.end);
  if (b == std::string_view::npos) return "";
  std::string_view line = ctx.text.substr(b, e - b);
  std::size_t l = line.find_first_not_of(" \t"), r = line.find_last_not_of(" \t\r");
  if (l == std::string_view::npos) return "";
  line = line.substr(l, r - l + 1);
  // Its words: the watchdog's, then at most two capitalised ones, no digit
  // ("Klachtencommissie Jaarverslag 2022" is a title).
  std::vector<std::string_view> words;
  for (std::size_t a = 0; a < line.size();) {
    std::size_t z = std::min(line.find_first_of(" \t", a), line.size());
    if (z > a) words.push_back(line.substr(a, z - a));
    a = z + 1;
  }
  if (words.empty() || words.size() > 3 || !watchdog_word(watchdogs, words.front()) ||
      line.find_first_of("0123456789.!?;,:") != std::string_view::npos)
    return "";
  for (std::size_t k = 1; k < words.size(); ++k)
    if (!(words[k][0] >= 'A' && words[k][0] <= 'Z')) return "";
  std::string name(words.front());
  for (std::size_t k = 1; k < words.size(); ++k) name += " " + std::string(words[k]);
  return tidy_org(name) + " " + tidy_org(head.value);
}

namespace {

// A committee's letterhead in capitals with its body's name on the next line,
// in capitals too: "KLACHTENCOMMISSIE HUURDERS" over "WOONSTICHTING
// WENTERDIJK" is the "Klachtencommissie Huurders Woonstichting Wenterdijk".
// Nothing else on either line, and the body is no watchdog itself; an
// ombudsman's name is whole on its own.
std::string committee_over_body(const Context& ctx, const Hit& head, const std::vector<Hit>& hits) {
  auto caps = [](std::string_view v) { return std::none_of(v.begin(), v.end(), [](char c) { return c >= 'a' && c <= 'z'; }); };
  if (fold_key(head.value).find("commissie") == std::string::npos || !caps(head.value)) return "";
  const auto next = next_line(ctx.text, head.end);  // not a structured binding: the lambda below reads it
  const std::size_t nb = next.first, ne = next.second;
  const std::size_t after = ctx.text.find_first_not_of(" \t\r\n", head.end);
  if (nb == std::string_view::npos || after < nb) return "";
  // The first hit on that line, as the whole line.
  auto h = std::find_if(hits.begin(), hits.end(), [&](const Hit& x) { return x.start >= nb && x.start < ne; });
  if (h == hits.end()) return "";
  const std::string_view line = ctx.text.substr(nb, ne - nb);
  if (nb + line.find_first_not_of(" \t") != h->start || h->end < nb + line.find_last_not_of(" \t\r") ||
      has_listed_word(h->value, ctx.file("organisation").strings("publisher.watchdogs")) || !caps(h->value))
    return "";
  return tidy_org(head.value) + " " + tidy_org(h->value);
}

}  // namespace

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
  const Hit* head = letterhead(ctx.text, hits, 4);
  if (head && ctx.rule_of("organisation", *head).role == "issuer") {
    if (std::string whole = committee_over_body(ctx, *head, hits); !whole.empty()) {
      ctx.out.facts.organisation = whole;
      return;
    }
  }
  if (head && ctx.rule_of("organisation", *head).role != "issuer") {
    std::vector<Hit> issuers;
    for (std::size_t i = 0; i < may_publish.size(); ++i)
      if (issuer[i]) issuers.push_back(may_publish[i]);
    if (std::string under = watchdog_under(ctx, *head, issuers, line_end(ctx.text, 8)); !under.empty()) {
      ctx.out.facts.organisation = under;
      return;
    }
  }
  const Hit* p = head ? head : pick_organisation(may_publish, issuer, w);
  if (p) ctx.out.facts.organisation = tidy_org(p->value);
}

}  // namespace omb::interp
