#include "extract/extract.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "extract/cases.h"
#include "extract/context.h"
#include "extract/facts.h"
#include "extract/oordelen.h"
#include "extract/organisation.h"
#include "extract/references.h"
#include "extract/rules.h"
#include "extract/text_util.h"
#include "extract/themes.h"
#include "extract/units.h"
#include "extract/word_rules.h"
#include "extract/zaaknummers.h"
#include "normalize/normalize.h"
#include "text/fold.h"

namespace omb {

namespace {

const char* const kRequired[] = {"doctype", "organisation", "period", "date", "zaaknummer",
                                 "afdeling", "theme", "oordeel", "vereiste", "status"};

}  // namespace

struct Extractor::Prepared : interp::Lookups {
  explicit Prepared(interp::Lookups l) : interp::Lookups(std::move(l)) {}
};

Extractor::~Extractor() = default;

Result<std::shared_ptr<const Extractor>> Extractor::load(const std::string& dictionaries_dir) {
  namespace fs = std::filesystem;
  std::shared_ptr<Extractor> x(new Extractor());
  fs::path dir = fs::path(dictionaries_dir) / "extract";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error(Errc::not_found, "no rule folder (expected extract/*.toml)", dir.string());
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  // A type is made by one file: a pattern file or a word-rule file.
  auto made_by = [&](const std::string& type) -> const std::string* {
    for (const auto& f : x->files_)
      if (f->type() == type) return &f->path();
    for (const auto& f : x->word_files_)
      if (f->type() == type) return &f->path();
    return nullptr;
  };
  auto taken = [&](const std::string& type, const fs::path& p) -> Status {
    if (const std::string* other = made_by(type))
      return make_error(Errc::parse, "type '" + type + "' is also made by " + *other + " (one file per tag type)", p.string(), 1);
    return {};
  };
  for (const fs::path& p : paths) {
    if (WordRules::is_word_rule_file(p.string())) {
      auto f = WordRules::load(p.string());
      if (!f.ok()) return f.error();
      OMB_TRY(taken((*f)->type(), p));
      x->word_files_.push_back(std::move(*f));
      continue;
    }
    auto f = RuleFile::load(p.string());
    if (!f.ok()) return f.error();
    OMB_TRY(taken((*f)->type(), p));
    x->files_.push_back(std::move(*f));
  }
  for (const char* t : kRequired)
    if (!made_by(t)) return make_error(Errc::parse, std::string("no rule file with type = \"") + t + "\"", dir.string());
  auto look = interp::Lookups::build(x->file("afdeling"), x->file("zaaknummer"));
  if (!look.ok()) return look.error();
  x->prep_ = std::make_unique<Prepared>(std::move(*look));
  std::vector<const RuleFile*> all;
  for (const auto& f : x->files_) all.push_back(f.get());
  auto sets = RuleSets::build(all);
  if (!sets.ok()) return sets.error();
  x->sets_ = std::make_unique<RuleSets>(std::move(*sets));
  return std::shared_ptr<const Extractor>(x);
}

const RuleFile& Extractor::file(std::string_view type) const {
  for (const auto& f : files_)
    if (f->type() == type) return *f;
  return *files_.front();  // unreachable: load() checks the required types
}

// The interpreters run in this order; each reads what the ones before made
// (context.h says which member each writes and reads).
Extraction Extractor::extract(std::string_view text, const std::vector<Block>& blocks, const OffsetMap* map) const {
  Extraction out;
  Folded folded = fold(text);
  std::vector<FoldedBlock> spans;
  for (const Block& b : blocks)
    if (b.kind != PassageKind::noise && b.end > b.start && b.end <= text.size()) spans.push_back({b.start, b.end, b.kind});
  std::stable_sort(spans.begin(), spans.end(), [](const FoldedBlock& a, const FoldedBlock& b) { return a.start < b.start; });
  interp::Context::Hits hits;
  {
    std::vector<std::vector<Hit>> all = sets_->match(text, folded, spans);
    for (std::size_t i = 0; i < files_.size(); ++i) hits[files_[i]->type()] = std::move(all[i]);
    for (const auto& w : word_files_) hits[w->type()] = interp::word_file_hits(*w, text, folded, spans);
  }
  interp::Context ctx(text, std::move(spans), std::move(hits), files_, word_files_, *prep_, out);
  for (const Block& b : blocks) {
    ctx.gaps.insert(ctx.gaps.end(), b.gaps.begin(), b.gaps.end());
    if (b.indent > 0) ctx.indents.emplace_back(b.start, b.indent);
  }
  std::sort(ctx.gaps.begin(), ctx.gaps.end());
  std::sort(ctx.indents.begin(), ctx.indents.end());

  // 1. doctype: the hits. Writes facts.doctype.
  interp::run_doctype(ctx);
  // 2. organisation: the hits. Writes facts.organisation.
  interp::run_organisation(ctx);
  // 3. date, period: the hits, facts.doctype (a quarter only for a
  //    kwartaalrapportage). Writes facts.date, year, quarter.
  interp::run_dates(ctx);
  // 4. units: the afdeling hits, the blocks (tables), the afdeling tags it
  //    made (named-in-report). Writes ctx.outcome_rows for 6.
  interp::run_units(ctx);
  // 5. themes: the afdeling and organisation tags (no theme inside a name).
  interp::run_themes(ctx);
  // 6. oordelen: ctx.outcome_rows (units) before the oordeel hits.
  interp::run_oordelen(ctx);
  // 7. zaaknummers and the other plain types: the hits only.
  interp::run_zaaknummers(ctx);
  // 8. title: the organisation, doctype and date tags and the facts.
  interp::run_title(ctx);
  // 9. cases: facts.doctype and facts.title (the one-case report), then every
  //    tag made above (sorted by start here, with case_index); makes
  //    afdeling tags for section headings in ctx.extra.
  interp::run_cases(ctx);
  // 10. references: the cases and the theme tags of section headings; makes
  //    theme tags in ctx.extra.
  interp::run_references(ctx);
  // 11. running heads: the zaaknummer tags above and the map's dropped text;
  //    makes zaaknummer tags in ctx.extra.
  if (map) interp::running_head_numbers(ctx, *map);

  for (Case& c : out.cases) std::sort(c.themes.begin(), c.themes.end());
  std::vector<Tag>& tags = out.tags;
  for (Tag& t : ctx.extra) tags.push_back(std::move(t));
  // Text order; one tag per type, value, span and rule. A tag placed by
  // its source span (a number in the running heads of one page break: a
  // foot and the next page's head, both where the dropped text was) is one
  // per source span.
  interp::stable_sort_tags(tags, true);
  tags.erase(std::unique(tags.begin(), tags.end(),
                         [](const Tag& a, const Tag& b) {
                           return a.type == b.type && a.start == b.start && a.end == b.end &&
                                  (a.type == "afdeling" || (a.value == b.value && a.case_index == b.case_index)) &&
                                  source_span(a) == source_span(b);
                         }),
             tags.end());
  return out;
}

}  // namespace omb
