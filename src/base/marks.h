// base/marks.h — the bytes that mark highlighted words inside a text.
//
// Search snippets and the evidence sentences of signals mark the words that
// matched between kMarkOpen and kMarkClose (STX and ETX, which decoded and
// normalised text never holds); each output sink turns them into its own
// highlighting (<mark>, «», bold on a terminal) and escapes the rest.
#pragma once

namespace omb {

inline constexpr char kMarkOpen = '\x02', kMarkClose = '\x03';

}  // namespace omb
