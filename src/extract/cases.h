// extract/cases.h — the cases of a report (context.h). A quarterly report is
// split at its case headings (zaaknummer hits with role "case"); an
// investigation report ("rapport") with a report number (role "report") and
// no case headings is one case. Then the tags are sorted by start and get
// their case, and each case its afdeling (the lowest of the units its own
// heading line names in a row, else the heading of the section it stands
// under, else the lowest of the first units named in a row inside), its themes (from that
// heading and inside), its status (the last inside) and its oordeel
// (pick_oordeel()).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/context.h"

namespace omb::interp {

// A case heading's title: the rest of its line after the number (dashes,
// colons and spaces dropped), else the next non-empty line if it is at most
// `title_max` bytes and does not end in "."; spaces collapsed. A rest of
// the line longer than `title_max` is cut at a word's end before it, with "…". `after` is
// where the number ends, `le` the end of its line.
std::string case_title(std::string_view text, std::size_t after, std::size_t le, std::size_t title_max);

// Splits the report into ctx.out.cases (in text order, disjoint). A case
// runs from its heading's line to the next case heading, or to an earlier
// block that is a numbered section (Lookups::section_re) or starts with one
// of the zaaknummer file's case.end words; trailing newlines and spaces are
// not in it. A report on one complaint starts its case where it states the
// complaint (the zaaknummer file's case.complaint_start). Reads
// facts.doctype and facts.title. Returns whether the report is that one case.
bool find_cases(Context& ctx);

// The oordeel of a case whose tags are tags[a, b): the first oordeel tag (not
// from a table) starting in [sec_start, sec_end), else the last one; "".
std::string pick_oordeel(const std::vector<Tag>& tags, std::size_t a, std::size_t b, std::size_t sec_start, std::size_t sec_end);

// find_cases(), then the tags sorted by start with their case_index, then
// each case's afdeling, themes, status and oordeel. Makes afdeling tags for
// section headings (in ctx.extra). Reads every tag made before.
void run_cases(Context& ctx);

}  // namespace omb::interp
