// store/read.h — the reader beside the writer (store/writer.h): what the
// rest of the program reads back of the project's tables, each fact asked in
// one place. Today: a document's texts and source ranges, and the case with a
// zaaknummer (case_by_zaak). stats.h adds the counts; catalog.h the arrays a
// search ranks with. Issue #16 moves the remaining SQL of the CLI, the web,
// search, similar and signals here.
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

// A case and the report it is in: what `ombudsmine show`, the web's /case/
// page and similar() need of it.
struct CaseRow {
  std::int64_t id = 0, document_id = 0;
  std::string zaaknummer;  // as stored (the extraction rules write RA numbers in upper case)
  std::string title, afdeling, status, oordeel;
  std::vector<std::string> themes;
  std::int64_t start = 0, end = 0;   // its bytes in the report's normalised text
  std::string report_title, organisation;
  std::optional<int> year, quarter;  // of the report, when known
  std::optional<int> first_page;     // the page its first passage is on
};

// The one lookup of "the case with this zaaknummer", for the CLI, the web and
// similar cases alike.
// - Case-insensitive: `zaak` is compared as SQLite's NOCASE does (ASCII
//   letters folded), so ra1402218, RA1402218 and Ra1402218 are one case,
//   whatever case the report or the user wrote it in. Nothing else is
//   changed: no spaces trimmed, no other spelling matched.
// - One order when several cases share the number (the same report stored
//   twice with different text, a report republished or corrected, a case
//   followed up in a later report): the newest report first, by its year
//   (descending; undated reports last), then its quarter (descending; none
//   last), then the case's id (descending: the one stored last). The newest
//   report is the one that says what is known now, and ids break the
//   remaining ties the same way on every run over the same database.
// Returns std::nullopt when no case has that zaaknummer (a normal answer to a
// lookup by what a user typed, so not an error); the database's errors
// otherwise. Reads only. Cost: a scan of cases' zaaknummer index (the index
// is BINARY, the comparison NOCASE), about 5 ms over 118,000 cases.
Result<std::optional<CaseRow>> case_by_zaak(Database& db, std::string_view zaak);

// Two zaaknummers are the same number by case_by_zaak's rule (ASCII case
// folded, nothing else).
bool same_zaak(std::string_view a, std::string_view b);

// A case's themes as stored in cases.themes (a JSON array of strings);
// anything else gives an empty list.
std::vector<std::string> parse_theme_list(std::string_view json);

}  // namespace omb
