// store/read.h — the reader beside the writer (store/writer.h): what the
// rest of the program reads back of the project's tables, each fact asked in
// one place: a document (its facts, texts, source ranges, source paths, tags,
// cases, the page at a place), a case by its zaaknummer (case_by_zaak) and
// its text, the index's counts for tf-idf, the units and evidence signals
// reads, and the last ingest run with its
// problems. counts.h adds the counts; catalog.h the arrays a search ranks
// with; hits.h the reads a search makes.
//
// Lookups by what a user typed (an id, a zaaknummer, a path) answer
// std::nullopt when nothing matches: that is an answer, not an error. Errors
// are the database's own.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
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

// A document's own facts (the documents row).
struct DocumentRow {
  std::int64_t id = 0;
  std::string title, doctype, organisation;
  std::optional<int> year, quarter;
  std::string date;  // as extracted (ISO), or ""
  std::int64_t page_count = 0;
  std::optional<std::string> period;  // covered ("2021-H2", "" for none); unset: stored before schema 10

  // For people: the period covered as "2021 H2" / "2021 Q3" / "2021", else
  // the year (and quarter) that date the report; "" when neither is known.
  std::string when() const {
    std::string w;
    if (period && !period->empty()) {
      w = *period;
      std::replace(w.begin(), w.end(), '-', ' ');
    } else if (year) {
      w = std::to_string(*year) + (quarter ? " Q" + std::to_string(*quarter) : "");
    }
    return w;
  }
};
Result<std::optional<DocumentRow>> document_by_id(Database& db, std::int64_t id);

// The document a source path names: the source with exactly that path, else
// one whose path ends in "/" + `path` (the first such path in byte order).
// `path` is matched as LIKE matches it: % and _ in it are wildcards.
Result<std::optional<std::int64_t>> document_by_path(Database& db, std::string_view path);

// Every source path that holds document `id`, in byte order.
Result<std::vector<std::string>> source_paths(Database& db, std::int64_t id);

// Document `id`'s tags that lie within [from, to) of its normalised text,
// by start, and at one start the longest first (so whoever marks the text
// and skips overlaps keeps the longest).
struct TagRow {
  std::string type, value, rule;
  std::int64_t start = 0, end = 0;
};
Result<std::vector<TagRow>> tags_in(Database& db, std::int64_t id, std::int64_t from = 0,
                                    std::int64_t to = std::numeric_limits<std::int64_t>::max());

// The page and line (both from 1) of the passage of document `id` that holds
// byte `at` of its normalised text; std::nullopt if it has no passage there.
// `method` and `confidence` say how the page's text was obtained (page_sources,
// ingest/pdf.h): "" for a page not read from a PDF.
struct PageLine {
  int page = 1, line = 1;
  std::string method;
  double confidence = -1;
};
Result<std::optional<PageLine>> page_at(Database& db, std::int64_t id, std::int64_t at);

// The cases of report `id`, in the order the report has them (every field
// of CaseRow filled, as case_by_zaak fills it).
Result<std::vector<CaseRow>> cases_in(Database& db, std::int64_t id);

// A case's text: the bodies of its passages in order, each followed by a
// newline, read until `max_bytes` are in (the passage that crosses it is
// read whole). "" for a case without passages or no such case.
Result<std::string> case_text(Database& db, std::int64_t case_id, std::size_t max_bytes);

// The full-text index's own counts, to weigh words by tf-idf: the number of
// passages, and for each index term (as the tokenizer makes it) the number of
// passages that hold it, 0 for a term not in the index. The latter come from
// FTS5's vocabulary (an fts5vocab table, made in temp once per connection).
Result<std::int64_t> passage_count(Database& db);
Result<std::vector<std::int64_t>> passages_with(Database& db, const std::vector<std::string>& terms);

// The last ingest run, finished or not (the newest by id).
struct IngestRun {
  std::int64_t id = 0;
  std::string started_at;
  std::string finished_at;  // "" while it runs or when it was stopped
  std::string summary;      // its JSON summary, or ""
};
Result<std::optional<IngestRun>> last_ingest_run(Database& db);

// The files run `run_id` skipped or failed on, by kind and then path.
struct IngestProblem {
  std::string path, kind, reason;
};
Result<std::vector<IngestProblem>> ingest_problems(Database& db, std::int64_t run_id);

// A case's themes as stored in cases.themes (a JSON array of strings);
// anything else gives an empty list.
std::vector<std::string> parse_theme_list(std::string_view json);

// The levels of units an afdeling tag's detail names ({"level":...}, see
// extract/units.h), from the top, and "all" (any level). A tag without a
// level (stored before levels) is at "afdeling".
inline constexpr std::string_view kUnitLevels[] = {"organisation", "dienst", "afdeling", "team", "all"};
inline bool unit_level_name(std::string_view s) {
  for (std::string_view l : kUnitLevels)
    if (s == l) return true;
  return false;
}

// The units `signals` counts (signals/signals.h), one row each: every case,
// with its report's organisation, doctype and period facts (by document,
// then the case's place in it); then every report without cases, with its
// themes (distinct, sorted) and its afdeling where its tags at `level` name
// exactly one (else ""), by id. A case's afdeling is kept where its report
// tags it at `level` (any level for "all"), else "". year and quarter are absent where the report has none;
// date is the report's ISO date or "".
struct UnitRow {
  std::int64_t document_id = 0;
  std::optional<std::int64_t> case_id;  // absent: a report without cases
  std::string organisation, doctype, afdeling;
  std::vector<std::string> themes;
  std::optional<int> year, quarter;
  std::string date;
};
Result<std::vector<UnitRow>> unit_rows(Database& db, std::string_view level = "afdeling");

// A passage to quote: its page and line, its start in the normalised text,
// its body, and the bytes [at, to) of the text to mark in it (at == to:
// none), with the rule that tagged them ("" for none).
struct QuotedPassage {
  int page = 1, line = 1;
  std::int64_t start = 0;
  std::string body;
  std::int64_t at = 0, to = 0;
  std::string rule;
};

// What a signal's evidence shows of a case or report, for many of them: the
// statements are prepared on first use and kept. Used on one Database, which
// must outlive it. std::nullopt where there is no such row.
class EvidenceReader {
 public:
  explicit EvidenceReader(Database& db) : db_(db) {}
  struct CaseHead {
    std::string zaaknummer, title;
  };
  Result<std::optional<CaseHead>> case_head(std::int64_t case_id);
  Result<std::optional<std::string>> document_title(std::int64_t id);
  // source_paths(), with its statement kept.
  Result<std::vector<std::string>> sources(std::int64_t id);
  // The first tag of type theme (with value `theme`; "" = any) of document
  // `id` and of case `case_id` (absent: tags outside cases), with the passage
  // that holds its start: inside the case's own bytes before references to it
  // elsewhere, in a paragraph before other passages, then by its start.
  Result<std::optional<QuotedPassage>> theme_passage(std::int64_t id, std::string_view theme,
                                                     std::optional<std::int64_t> case_id);
  // The first paragraph of document `id` (of case `case_id` when given), with
  // nothing marked (at = to = start, rule "").
  Result<std::optional<QuotedPassage>> first_paragraph(std::int64_t id, std::optional<std::int64_t> case_id);

 private:
  Database& db_;
  std::optional<Stmt> case_, doc_, sources_, tag_, first_;
};

}  // namespace omb
