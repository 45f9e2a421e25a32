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
#include <string_view>

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

// Tells, piece by piece, whether a file's bytes are text that decode_text()
// would pass through unchanged: UTF-8 (with or without BOM) that is valid
// throughout, with no NUL byte, not binary in its first MiB, not empty. Such a
// file can be analysed as it is read (Analyzer::analyse_file) instead of held
// in memory; for any other file the answer is false and decode_text() decides.
class PassThroughCheck {
 public:
  void feed(std::string_view piece);  // the file's bytes in order
  bool finish();                      // after the last piece: true if it passes
  std::size_t bom() const { return bom_; }  // bytes of a UTF-8 BOM to skip
  const char* encoding() const { return bom_ ? "UTF-8 (BOM)" : "UTF-8"; }

 private:
  bool ok_ = true;
  bool first_ = true;
  std::size_t bom_ = 0, body_ = 0;
  std::string carry_;  // an incomplete sequence at the end of the last piece
};

}  // namespace omb
