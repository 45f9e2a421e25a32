// ombudsmine show DOC|ZAAK — one document or case in full, with its tags marked.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "cli/common.h"
#include "output/provenance.h"
#include "store/read.h"

namespace omb::cli {

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
      std::printf("%s\n  %s · %s · %s%s   (doc:%lld)\n", d.title.c_str(), d.doctype.c_str(), d.organisation.c_str(),
                  d.when().c_str(), d.date.empty() ? "" : (" · " + d.date).c_str(), static_cast<long long>(doc));
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
