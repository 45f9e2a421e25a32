// output/extract_json.h — the `extract --json` contract, one object per file:
//   {"source", "title", "doctype", "organisation", "period": {"year", "quarter", "covers"},
//    "date", "tags": [{"type", "value", "text", "start", "end", "rule", ...detail}],
//    "cases": [{"zaaknummer", "title", "afdeling", "themes", "status", "oordeel",
//               "start", "end"}]}
// Missing year, quarter and date are null; "covers" is the period the report
// covers ("2021", "2021-Q3", "2021-H2", "" for a single case or a newsletter;
// `year` is then its date's); offsets are byte offsets in the
// normalised text. A tag's detail (an afdeling's unit and level, counts) adds
// keys, never replaces.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/document.h"

namespace omb {

nlohmann::ordered_json extraction_json(const std::string& source, const DocumentRecord& rec);

// The readable listing of `ombudsmine extract` without --json: facts, cases,
// and a line per tag (line, type, value, "text", rule, an afdeling's level).
std::string extraction_text(const std::string& source, const DocumentRecord& rec);

}  // namespace omb
