// store/statements.h — inside store/: what its readers share about running
// statements. Not a contract for other stages.
//  - kept(): a statement kept in a slot, prepared on first use and reset for
//    the next (readers that ask the same question per hit or per evidence);
//  - kSourcePaths / read_source_paths(): every path of a document, sorted;
//  - kTagLevelSql: the level of an afdeling tag `t` (its detail's "level",
//    "afdeling" when it has none).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/db.h"

namespace omb::statements {

inline constexpr std::string_view kTagLevelSql =
    "COALESCE(json_extract(CASE WHEN json_valid(t.detail) THEN t.detail END, '$.level'), 'afdeling')";

inline Result<Stmt*> kept(Database& db, std::optional<Stmt>& slot, std::string_view sql) {
  if (!slot) {
    OMB_TRY_ASSIGN(st, db.prepare(sql));
    slot.emplace(std::move(st));
  }
  slot->reset();
  return &*slot;
}

inline constexpr const char* kSourcePaths = "SELECT path FROM sources WHERE document_id = ?1 ORDER BY path";

inline Result<std::vector<std::string>> read_source_paths(Stmt& st, std::int64_t id) {
  st.reset();
  st.bind(1, id);
  std::vector<std::string> out;
  for (;;) {
    OMB_TRY_ASSIGN(row, st.step());
    if (!row) return out;
    out.push_back(st.text(0));
  }
}

}  // namespace omb::statements
