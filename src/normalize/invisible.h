// normalize/invisible.h — the first pass of the normaliser: characters that
// never reach the normalised text are taken out before anything reads lines.
//
// Control characters (C0 but tab, LF, CR, FF; DEL; C1) are removed by the
// normaliser in any case. Removed late, they had already shaped how lines
// were read: "| 2019 |\x01" is no table row, "| 2019 |" is, so a second pass
// over the output read a text differently from the first (issue #15, found by
// fuzzing). strip_invisible() removes them first and records each removal;
// remap_through() then turns the map of the normaliser's later passes, which
// point into the stripped text, into a map over the real source, with each
// removal an edit of its own (rule "control"), so --explain and the offsets
// back to the source stay exact.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/offset_map.h"

namespace omb {

struct Removal {
  std::size_t at = 0;         // position in the stripped text it stood before
  std::size_t src_start = 0;  // its bytes in the source
  std::size_t src_len = 0;
};

struct Stripped {
  std::string text;
  std::vector<Removal> removals;  // in source order
};

// Nothing to remove (the usual case, one scan): nullopt.
std::optional<Stripped> strip_invisible(std::string_view src);

// `inner` maps `text` onto stripped.text; the result maps `text` onto `src`.
// `text` is rebuilt along the way and must come out the same.
OffsetMap remap_through(const OffsetMap& inner, std::string& text, std::string_view src, const Stripped& stripped);

}  // namespace omb
