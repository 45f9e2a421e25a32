// store/read.h — reading documents back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/db.h"

namespace omb {

struct DocumentTexts {
  std::string raw;   // the decoded source text, as the user's file has it
  std::string norm;  // the normalised text that offsets refer to
};

// Rebuilds both texts of document `id` (see the schema notes: the passages
// tile the normalised text; raw is stored only where it differs).
// Errc::not_found if there is no such document.
Result<DocumentTexts> load_texts(Database& db, std::int64_t id);

// Bytes [start, end) of document `id`'s source text (the decoded file):
// from document_raw where normalisation changed the text (only the 1 MB rows
// that hold the range are read), else from the passages, the text being its
// own source. Out-of-range parts are left out.
Result<std::string> load_source_range(Database& db, std::int64_t id, std::int64_t start, std::int64_t end);

// load_source_range() for many ranges (search's hits): the statements are
// prepared once. Used on one Database, which must outlive it.
class SourceReader {
 public:
  explicit SourceReader(Database& db) : db_(db) {}
  Result<std::string> range(std::int64_t id, std::int64_t start, std::int64_t end);

 private:
  Database& db_;
  std::optional<Stmt> any_, raw_, passages_;
};

// A case's themes as stored in cases.themes (a JSON array of strings);
// anything else gives an empty list.
std::vector<std::string> parse_theme_list(std::string_view json);

}  // namespace omb
