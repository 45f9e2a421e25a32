// store/stats.h — what the database holds, in counts.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/db.h"

namespace omb {

struct DbStats {
  std::int64_t documents = 0, sources = 0, pages = 0, passages = 0, cases = 0, tags = 0;
  std::int64_t raw_bytes = 0;
  std::map<std::string, std::int64_t> tags_by_type;
  std::map<std::string, std::int64_t> doctypes;
  std::vector<int> years;                 // distinct, ascending
  std::int64_t undated_documents = 0;     // documents without a year
  std::int64_t file_bytes = 0;            // database file plus its WAL
  int schema_version = 0;
  std::string last_ingest_at;             // finished_at of the last run, or ""
  std::string last_ingest_summary;        // its JSON summary, or ""
};

Result<DbStats> collect_stats(Database& db);

}  // namespace omb
