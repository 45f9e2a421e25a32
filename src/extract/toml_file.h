// extract/toml_file.h — reading a TOML file an analyst writes (rule files,
// eval's gold files): the parse as a value, with the file and line of a
// fault, and the line of any node for later messages.
#pragma once

#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "base/result.h"

namespace omb {

// The 1-based line where `n` starts in its file.
inline int toml_line(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// The parsed file, or an Error: Errc::io "cannot read the <what>" when it
// cannot be read, Errc::parse "TOML: ..." with the line of a syntax fault.
Result<toml::table> read_toml(const std::string& path, std::string_view what);

}  // namespace omb
