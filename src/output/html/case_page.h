// output/html/case_page.h — a case's page (/case/ZAAKNUMMER).
//
// "zaak N – title"; its afdeling, themes, status and oordeel; a link to its
// report (/doc/ID) with year and quarter; the report's source paths and the
// page the case starts on; the case's stretch of the normalised text with
// its tags marked (at most doc_parts.h's max_shown bytes); the report's
// other cases; and, when `similar` is given, the similar cases (linked,
// with afdeling, period and shared themes) and the words they were found
// by, or "Geen.". `sources` and `cases` may be empty (the caller passes none
// when reading them failed); `similar` null leaves that section out.
// Pure; all text escaped.
#pragma once

#include <string>
#include <vector>

#include "search/similar.h"
#include "store/read.h"

namespace omb::html {

struct CaseView {
  const CaseRow& c;
  const std::vector<std::string>& sources;  // of its report
  const std::vector<CaseRow>& cases;        // of its report
  const std::string& text;                  // the report's normalised text
  const std::vector<TagRow>& tags;          // the case's
  const SimilarResult* similar = nullptr;
};

std::string case_page(const CaseView& v);

}  // namespace omb::html
