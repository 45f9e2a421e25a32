// base/fs.h — reading files with errors that say what went wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace omb {

// Reads the whole file at `path` into a string. Fails with Errc::not_found
// ("no such file"), Errc::io ("permission denied", "is a directory", or the
// OS's words); `file` in the error is `path`.
Result<std::string> read_file(const std::string& path);

// Reads the file at `path` in order, handing `fn` pieces of at most `piece`
// bytes (only the last may be shorter), until the end of the file or until
// `fn` returns false. Memory is one piece, whatever the size of the file.
// Fails as read_file() does.
Status read_pieces(const std::string& path, std::size_t piece, const std::function<bool(std::string_view)>& fn);

// read_pieces() for a file known by its content hash (base/hash.h): hands
// `fn` the bytes after the first `skip` (a BOM), and fails with Errc::changed
// if the file cannot be read, or if its bytes no longer have `hash`. The
// message says "changed while it was being <doing>"; `fn` has by then seen
// bytes that are not the hashed ones, so the caller drops what it made.
Status read_pieces_as_hashed(const std::string& path, const std::string& hash, std::size_t skip, std::size_t piece,
                             const char* doing, const std::function<void(std::string_view)>& fn);

// Writes `data` to `path` atomically (temp file + rename).
Status write_file(const std::string& path, const std::string& data);

}  // namespace omb
