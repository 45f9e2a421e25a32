// normalize/transcript.h — internal pass of the normaliser: a document
// mirror's transcript of a PDF, where each page is one paragraph that
// opens with its page number ("3 In 2019 ontving de gemeente ...") and
// often ends in the page's running foot ("... Jaarverslag klachten 2019 3").
//
// mark_transcript_pages() runs after mark_page_debris. It finds such pages:
// three paragraphs or more (text lines after a blank line, or the first
// line) that open with consecutive numbers and a space, with no other
// paragraph between them, at least half of them 200 bytes or longer (a
// page, not a numbered heading or a contents line). Then, on each of them,
// it moves the line's content start past the number, and its end before a
// running foot: the last two to eight words that at least half the pages
// end in alike, digits aside, the last of them a number, none ending a
// sentence. The emitter
// (emit.h) then names what lies outside the content as layout, and joins a
// sentence that runs on over a page. After the last page, a mirror's list
// of "Vergelijkbare documenten" (or "Gerelateerde documenten", "Similar
// documents") runs to the end of the text, and is debris. In a text without
// such pages, a "Vergelijkbare documenten" list is debris only when the
// lines under it, to the end of the text, are one block of short lines
// (titles, at most 120 bytes each).
#pragma once

#include <string_view>
#include <vector>

#include "normalize/lines.h"

namespace omb::pass {

void mark_transcript_pages(std::string_view src, std::vector<Line>& lines);

}  // namespace omb::pass
