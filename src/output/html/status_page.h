// output/html/status_page.h — the status page (/status).
//
// A table of the database's counts (documents, source files, cases, tags,
// the years covered; "?" for each when `counts` is null, i.e. they could not
// be read); then, when `run` is given, when the last ingest started and
// finished, the numbers of its JSON summary (other members and a summary
// that is not a JSON object left out) and, when `problems` is given, the
// files it skipped or failed on ("Geen." when none). Pure; all text escaped.
#pragma once

#include <string>
#include <vector>

#include "store/counts.h"
#include "store/read.h"

namespace omb::html {

struct StatusView {
  const RowCounts* counts = nullptr;
  const IngestRun* run = nullptr;
  const std::vector<IngestProblem>* problems = nullptr;  // of `run`
};

std::string status_page(const StatusView& v);

}  // namespace omb::html
