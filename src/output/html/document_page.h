// output/html/document_page.h — a report's page (/doc/ID).
//
// Its title (or "(zonder titel)"), kind, organisation, year and quarter and
// page count; its source paths; its cases (doc_parts.h's case_list); its
// normalised text with the tags marked, the first max_shown bytes of it and
// a note when there is more. `sources` and `cases` may be empty (the caller
// passes none when reading them failed). Pure; all text escaped.
#pragma once

#include <string>
#include <vector>

#include "store/read.h"

namespace omb::html {

struct DocumentView {
  const DocumentRow& doc;
  const std::vector<std::string>& sources;
  const std::vector<CaseRow>& cases;
  const std::string& text;  // normalised
  const std::vector<TagRow>& tags;
};

std::string document_page(const DocumentView& v);

}  // namespace omb::html
