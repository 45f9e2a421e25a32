// extract/facts.h — the document facts (context.h): doctype, date, period
// and title. The organisation is extract/organisation.h's.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/context.h"

namespace omb::interp {

// Where the report's head ends: the start of its first paragraph of 120
// bytes or more (the end of the text without one). Title, letterhead and
// the lines under them stand before it.
std::size_t head_end(const Context& ctx);
// The doctype: "brief" for a whole letter (a salutation in the head, a
// closing at the end: doctype.toml [letter]); else the hit of the highest
// priority (the first of equals) in the head, else anywhere, tagged; else
// "overig".
void run_doctype(Context& ctx);

// Date: every date hit tagged; the first in the window is the date.
// Period: every period hit tagged; the best one in the window gives the year,
// else the date does. facts.period is what the report covers: the best hit
// (its quarter for the `document.quarter_doctypes`, a period across two
// calendar years — "2022-H2/2023-H1", "2019-2020" — for the
// `period_doctypes`, its half for the `half_doctypes`, else its year; the
// year is the first) unless its rule is `dated_only`; else the
// year for the `period_doctypes`; else "". Reads facts.doctype.
void run_dates(Context& ctx);

// Title: pick_title() over the first 4000 bytes, else fallback_title().
// Reads the organisation, doctype and date tags and the facts.
void run_title(Context& ctx);

// The first line (of a block that is not a list item, starting before byte
// 4000) with letters that is not a numbered section (`section_re`) or a
// count, is not covered for 80 % by `cover` (sorted spans of fact tags), and
// is not one of `skip` (folded, numbering stripped); markdown marks and
// spaces trimmed, at most 160 bytes. Stops at the first paragraph (a line
// over 120 bytes or with ". "). "" if there is none.
std::string pick_title(std::string_view text, const std::vector<FoldedBlock>& spans,
                       const std::vector<std::pair<std::size_t, std::size_t>>& cover, const std::vector<std::string>& skip,
                       const re2::RE2& section_re);

// What the report is, for a report without a title line: "Kwartaalrapportage
// 2016 Q1, Gemeentelijke Ombudsman"; "" for doctype "overig".
std::string fallback_title(const DocFacts& facts);

}  // namespace omb::interp
