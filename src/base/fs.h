// base/fs.h — reading files with errors that say what went wrong.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace omb {

// Reads the whole file at `path` into a string. Fails with Errc::not_found
// ("no such file"), Errc::io ("permission denied", "is a directory", or the
// OS's words); `file` in the error is `path`.
Result<std::string> read_file(const std::string& path);

// Writes `data` to `path` atomically (temp file + rename).
Status write_file(const std::string& path, const std::string& data);

}  // namespace omb
