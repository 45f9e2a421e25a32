// store/fields.h — the facts of documents and cases that a search can be
// narrowed by, named without SQL.
//
// search/filters.h defines the filters over these (one table: name, help,
// value, Field, Compare); store/hits.h turns a Field and a Compare into the
// SQL condition, so the knowledge of where a fact is kept stays in store/.
//
// A fact is a document's (its report: year, quarter, doctype, organisation)
// or a case's (zaaknummer, afdeling, themes, oordeel, status). Three case
// facts are also tags that extraction writes (afdeling, theme, oordeel): a
// passage outside cases qualifies by such tags inside it.
#pragma once

namespace omb {

enum class Field {
  doc_year,
  doc_quarter,
  doc_doctype,
  doc_organisation,
  case_zaaknummer,
  case_afdeling,
  case_themes,  // a list (several themes a case)
  case_oordeel,
  case_status,
};

// How a filter's value is compared with the fact. Text comparisons of a list
// fact ask whether the list holds the value.
enum class Compare {
  equal,         // =, for text byte for byte
  equal_nocase,  // =, ASCII letters folded (as SQLite's NOCASE)
  at_least,      // >= (numbers)
  at_most,       // <= (numbers)
  contains,      // the fact holds the value (LIKE '%value%': ASCII letters folded)
};

constexpr bool is_case_field(Field f) { return f >= Field::case_zaaknummer; }

// The tag type that stands for a case fact in a passage outside cases, or
// nullptr when the fact has none (it is then the case's alone).
constexpr const char* tag_type_of(Field f) {
  switch (f) {
    case Field::case_afdeling: return "afdeling";
    case Field::case_themes: return "theme";
    case Field::case_oordeel: return "oordeel";
    default: return nullptr;
  }
}

}  // namespace omb
