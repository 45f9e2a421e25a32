// ingest/decode.h — bytes from a file to UTF-8 text.
//
// Takes the bytes of a PDF-to-text or PDF-to-markdown file and returns UTF-8.
// Handles: UTF-8 with or without BOM; UTF-16 LE/BE with BOM; Windows-1252 and
// Latin-1 (told apart from UTF-8 and confirmed by ICU's charset detector).
// A UTF-8 file with a few invalid sequences keeps its text; each invalid
// sequence becomes U+FFFD and is counted.
//
// Fails (Errc::decode) for what is not text: empty input, NUL bytes without a
// UTF-16 BOM, or a high share of control characters. The message names the
// cause and, where useful, the byte offset; the caller adds the file name.
#pragma once

#include <cstddef>
#include <string>

#include "base/result.h"

namespace omb {

struct Decoded {
  std::string text;            // UTF-8, no BOM
  std::string encoding;        // "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-1"
  std::size_t replaced = 0;    // invalid sequences replaced by U+FFFD
};

// Consumes `bytes` (moved from when the input is already UTF-8, so a large
// file is not copied).
Result<Decoded> decode_text(std::string bytes);

// True if `s` is valid UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);

}  // namespace omb
