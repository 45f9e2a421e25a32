// extract/zaaknummers.h — the plain tags (context.h): every hit of the
// zaaknummer file and of every type without an interpreter of its own
// (vereiste, status, and any other rule file), tagged as it is; and the
// numbers shaped like the case numbers those found.
#pragma once

#include <string_view>

#include "extract/context.h"
#include "normalize/offset_map.h"

namespace omb::interp {

// Whether hits of `type` become tags as they are (not doctype, organisation,
// date, period, afdeling, theme or oordeel, which have interpreters).
bool is_plain_type(std::string_view type);

// Numbers of the shape of a case number found by a rule, elsewhere in the
// text: a document writes its case numbers alike ("Klacht nr. 99/017" in
// the text, "99/034" in a list of open complaints), rule
// "zaaknummer.same-shape". The same shape (digits 9, letters a) and the
// same first part ("99"; not a phone number "0800-1351" beside
// "2022-0163"); only shapes of parts joined by / - or . with five digits or
// more, and never two years ("2020/21", "2021-2022"). A number with a
// prefix of capitals ("BC 24/117") takes its prefix; a number with letters
// matches by its letters whatever its first part ("zaak BC 23/188",
// "22.KL.05530" beside "23.KL.00318"). Not after a letter's "kenmerk"
// ("Kenmerk: KC 93/117").
void same_shape_numbers(Context& ctx);

// In the order of the rule files, then same_shape_numbers().
void run_zaaknummers(Context& ctx);

// Case numbers in running heads. The normaliser drops a page's running head
// from the text ("Rapport 2024/037   Ombudsman X   pagina 2") and keeps what
// it dropped in its map (normalize/offset_map.h). A case number that a
// zaaknummer tag of the text holds, found again in such dropped text (an
// edit whose new text is only white space), is tagged there, rule
// "zaaknummer.running-head": start == end where the head stood in the text,
// its source line in the detail (base/document.h source_span). Into
// ctx.extra, after the cases: a running head starts no case.
void running_head_numbers(Context& ctx, const OffsetMap& map);

}  // namespace omb::interp
