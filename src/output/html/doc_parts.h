// output/html/doc_parts.h — what the document page and the case page share.
//
//  - tagged_text(): normalised text [from, to) escaped, each tag that lies
//    wholly inside and starts at or after the end of the previous one as a
//    <span class="tag tag-TYPE" data-type title="type = value · regel rule">
//    (tags by start, as store/read.h's tags_in() gives them: of overlapping
//    tags the first wins). Requires from <= to <= text.size().
//  - sources_list(): the source paths as <ul class="sources">.
//  - case_list(): "Zaken in dit rapport" and the report's cases, each linked
//    to its /case/ page (the one numbered `current` in <strong>, marked
//    aria-current); "" when there are none.
//  - max_shown: the bytes of text one page shows at most.
// Pure functions; all text escaped.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "store/read.h"

namespace omb::html {

inline constexpr std::size_t max_shown = 2 << 20;

std::string tagged_text(const std::string& text, std::size_t from, std::size_t to, const std::vector<TagRow>& tags);
std::string sources_list(const std::vector<std::string>& paths);
std::string case_list(const std::vector<CaseRow>& cases, const std::string& current);

}  // namespace omb::html
