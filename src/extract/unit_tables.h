// extract/unit_tables.h — the units a report's tables name: part of the
// units interpreter (units.h). Internal to extract/.
//
// A table is read as units when its header row's label is one of the
// afdeling file's [table] headers or names a unit word ("Cluster", "per
// team"), or when the caption line above it (or above its column header
// set apart) says "per <unit word>"; as outcomes when its header is one of
// the oordeel file's table.headers (those rows go to ctx.outcome_rows). A
// row with a count in it is data, never a header; when the first row is
// data, the caption heads it. Each row's label is an afdeling tag with the
// row's counts, at the level of the unit the header or caption names, or:
//  - in a table of two levels ("per directie en afdeling"), the rows
//    between the first level's rows ("Directie Mobiliteit") are the second
//    level;
//  - a row that opens with a unit word of its own ("Basisteam Rietmond")
//    is that word's unit, named as after the word in running text
//    ("Rietmond"), and replaces the tags inside its label.
// A label left open on one line goes on on the next (table.h, parse_table).
#pragma once

#include "extract/context.h"
#include "extract/units.h"

namespace omb::interp {

void unit_tables(Context& ctx, const UnitNames& un);

}  // namespace omb::interp
