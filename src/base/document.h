// base/document.h — the record of one ingested document, as the pipeline
// stages fill it in and the store writes it.
//
// Offsets are byte offsets. `raw` is the decoded source text (UTF-8, same
// lines and pages as the file the user has); `norm` is the normalised text.
// Spans in pages/passages/cases/tags are offsets into `norm`; `src_start` and
// `src_end` on a passage point into `raw`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace omb {

struct Page {
  int number = 1;          // 1-based; pdftotext separates pages with '\f'
  std::size_t start = 0;   // span in norm
  std::size_t end = 0;
};

enum class PassageKind { paragraph, heading, list_item, table_row, noise };
const char* passage_kind_name(PassageKind k);

struct Passage {
  PassageKind kind = PassageKind::paragraph;
  std::size_t start = 0, end = 0;          // span in norm
  std::size_t src_start = 0, src_end = 0;  // span in raw
  int page = 1;                            // page it starts on
  int line = 1;                            // 1-based line in the source file
  std::string heading;                     // the section heading it stands under
  int case_index = -1;                     // index into DocumentRecord::cases, or -1
};

// A large report has millions of tags, so a tag is kept small: its type and
// rule are interned names (see intern()), and the words as they stand are not
// copied but read from its span (collapse_space(norm[start, end)), text/fold.h).
struct Tag {
  std::string_view type;  // interned: zaaknummer, afdeling, theme, oordeel, vereiste, date, organisation
  std::string value;      // canonical form
  std::size_t start = 0, end = 0;  // span in norm
  std::string_view rule;  // interned: id of the rule that fired
  int case_index = -1;
  std::string detail;  // a JSON object with more facts, or empty: {"unit": "team"}, {"counts": {"2021": 3}}
};

// A tag found in text that the normaliser dropped (a running head) has no
// words in norm: start == end marks where that text stood, and its detail is
// {"source_span": [S, E]}, the line it was found on in raw.
void set_source_span(Tag& t, std::size_t start, std::size_t end);
// That span, if `t` has one.
std::optional<std::pair<std::size_t, std::size_t>> source_span(const Tag& t);

// A view of a copy of `s` that lives as long as the process, the same view for
// equal strings. For the few names that many records share (tag types, rule
// ids); never for text that varies per document, which would only grow.
// Thread-safe.
std::string_view intern(std::string_view s);

// The full-text index terms of one text, made ahead by an ingest worker so
// that the single writer only hands them to FTS5 (index/fts5_dutch.h) instead
// of tokenizing again. `lexicon` names the word lists they were made with: a
// writer whose index has other lists tokenizes the text itself.
struct TokenRun {
  struct Token {
    std::uint32_t term_end;    // the term is terms[previous term_end, term_end)
    std::uint32_t start, end;  // byte span in the text
    bool colocated;            // at the same position as the term before
  };
  const void* lexicon = nullptr;
  std::string terms;
  std::vector<Token> tokens;
};

struct Case {
  std::string zaaknummer;
  std::string title;
  std::string afdeling;
  std::string status;   // gesloten, lopend, or empty
  std::string oordeel;  // or empty
  std::vector<std::string> themes;  // sorted, distinct
  std::size_t start = 0, end = 0;  // span in norm
};

struct DocFacts {
  std::string title;
  std::string doctype;        // kwartaalrapportage, rapport, jaarverslag, rekenkameronderzoek, nieuwsbrief, overig
  std::string organisation;
  std::optional<int> year;
  std::optional<int> quarter;
  std::string period;         // what the report covers: "2021", "2021-Q3", "2021-H2", "2022-H2/2023-H1", "2019-2020"; "" for none (a single case)
  std::string date;           // ISO yyyy-mm-dd or empty
};

// How one page of a PDF got its text (ingest/pdf.h); stored in page_sources.
// A page that Tesseract read now (not from the OCR cache) carries its image
// hash and text, which the writer adds to ocr_cache.
struct PageSource {
  int number = 1;            // 1-based
  std::string_view method;   // interned: text, ocr, ocr-failed, empty
  double confidence = -1;    // ocr: 0..1; else -1
  std::string image_hash;    // ocr, read now: the cache key; else empty
  std::string ocr_text;      // ocr, read now: what Tesseract read
};

struct DocumentRecord {
  std::string path;           // absolute path of the source file
  std::string content_hash;   // hex xxh3-128 of the file's bytes
  std::size_t byte_size = 0;  // size of the file in bytes
  long long mtime = 0;        // seconds since epoch
  std::string encoding;
  std::size_t replaced_chars = 0;

  std::string raw;
  std::optional<std::string> norm;  // nullopt: normalisation changed nothing
  // A large UTF-8 file is analysed as it is read (Analyzer::analyse_file):
  // then `raw` is empty, `norm` is set, and its source is read again from
  // `raw_file` (after `raw_skip` bytes of BOM) when it is stored.
  std::string raw_file;
  std::size_t raw_skip = 0;

  const std::string& text() const { return norm ? *norm : raw; }  // the normalised text
  std::vector<Page> pages;
  std::vector<Passage> passages;
  DocFacts facts;
  std::vector<Case> cases;
  std::vector<Tag> tags;
  // Index terms of each passage's heading and body (2 per passage, in order),
  // or empty: then the writer's FTS5 tokenizer makes them.
  std::vector<TokenRun> passage_terms;
  // Read from a PDF: one entry per page of the PDF; else empty.
  std::vector<PageSource> page_sources;
};

}  // namespace omb
