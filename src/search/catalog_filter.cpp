#include "search/catalog_filter.h"

#include <algorithm>

#include "store/read.h"

namespace omb {

namespace {

bool nocase_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool text_matches(Compare c, std::string_view value, std::string_view fact) {
  return c == Compare::equal_nocase ? nocase_equal(value, fact) : value == fact;
}

bool any_matches(const FilterDef& def, const std::vector<std::string>& values, std::string_view fact) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return text_matches(def.compare, v, fact); });
}

// The catalog's number for a numeric document fact (0: unknown).
int number_of(const Catalog::Document& d, Field f) { return f == Field::doc_year ? d.year : d.quarter; }

bool number_matches(Compare c, int want, int fact) {
  if (fact == 0) return false;
  return c == Compare::at_least ? fact >= want : c == Compare::at_most ? fact <= want : fact == want;
}

// The catalog's string (by id) of a case fact it holds.
std::uint32_t case_string(const Catalog::Case& c, Field f) {
  return f == Field::case_afdeling ? c.afdeling : f == Field::case_themes ? c.themes : c.oordeel;
}

Catalog::TagType tag_of(Field f) {
  return f == Field::case_afdeling ? Catalog::kAfdeling : f == Field::case_themes ? Catalog::kTheme : Catalog::kOordeel;
}

bool held(const FilterDef& def) {
  switch (def.field) {
    case Field::doc_year:
    case Field::doc_quarter: return def.compare != Compare::contains;
    case Field::doc_doctype:
    case Field::case_afdeling:
    case Field::case_themes:
    case Field::case_oordeel: return def.compare == Compare::equal || def.compare == Compare::equal_nocase;
    default: return false;
  }
}

}  // namespace

bool CatalogFilter::usable(const QueryFilters& f) {
  for (const FilterDef& def : kFilters)
    if (filter_set(f, def) && !held(def)) return false;
  return true;
}

CatalogFilter::CatalogFilter(Database& db, const QueryFilters& f, const Catalog& cat) : db_(db), f_(f), cat_(cat) {
  for (const FilterDef& def : kFilters) {
    if (!def.texts || !is_case_field(def.field) || !filter_set(f, def)) continue;
    TextFilter t{&def, std::vector<bool>(cat.string_count()), std::vector<bool>(cat.string_count())};
    const std::vector<std::string>& values = f.*def.texts;
    for (std::uint32_t i = 0; i < cat.string_count(); ++i) {
      t.accepts[i] = any_matches(def, values, cat.str(i));
      t.accepts_nocase[i] = std::any_of(values.begin(), values.end(),
                                        [&](const std::string& v) { return nocase_equal(v, cat.str(i)); });
    }
    text_.push_back(std::move(t));
  }
}

bool CatalogFilter::keep_document(const Catalog::Document& d) const {
  for (const FilterDef& def : kFilters) {
    if (is_case_field(def.field) || !filter_set(f_, def)) continue;
    if (def.number) {
      if (!number_matches(def.compare, *(f_.*def.number), number_of(d, def.field))) return false;
    } else if (!any_matches(def, f_.*def.texts, cat_.str(d.doctype))) {
      return false;
    }
  }
  return true;
}

Result<bool> CatalogFilter::keep_passage(std::int64_t id, const Catalog::Passage& p) {
  if (text_.empty()) return true;
  if (p.case_id != 0) return keep_case(cat_.case_of(p.case_id));
  for (const TextFilter& t : text_) {
    OMB_TRY_ASSIGN(keep, keep_uncased(id, p, t));
    if (!keep) return false;
  }
  return true;
}

bool CatalogFilter::keep_case(const Catalog::Case& c) {
  for (const TextFilter& t : text_) {
    const std::uint32_t s = case_string(c, t.def->field);
    if (t.def->field != Field::case_themes) {
      if (!t.accepts[s]) return false;
      continue;
    }
    const std::vector<std::string>& list = themes(s);
    if (std::none_of(list.begin(), list.end(),
                     [&](const std::string& theme) { return any_matches(*t.def, f_.*t.def->texts, theme); }))
      return false;
  }
  return true;
}

Result<bool> CatalogFilter::keep_uncased(std::int64_t id, const Catalog::Passage& p, const TextFilter& t) {
  const char* type = tag_type_of(t.def->field);
  if (!type) return false;
  if (cat_.parts() & Catalog::kTagged) return cat_.passage_tagged(id, tag_of(t.def->field), t.accepts_nocase);
  if (!probe_) probe_.emplace(db_);
  for (const std::string& v : f_.*t.def->texts) {
    OMB_TRY_ASSIGN(found, probe_->holds(id, static_cast<std::int64_t>(p.document), type, v));
    if (found) return true;
  }
  return false;
}

const std::vector<std::string>& CatalogFilter::themes(std::uint32_t id) {
  auto [it, fresh] = themes_.try_emplace(id);
  if (fresh) it->second = parse_theme_list(cat_.str(id));
  return it->second;
}

}  // namespace omb
