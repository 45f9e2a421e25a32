// cli/cli.h — the command line: parses arguments, calls the library, turns
// Errors into one line on stderr and an exit code.
//
// Exit codes: 0 success; 1 a runtime failure (a file or the database failed);
// 2 a usage error (bad arguments, malformed query or dictionary).
// Machine output (--json) goes to stdout only; messages go to stderr.
#pragma once

#include <functional>
#include <string>

#include "base/result.h"

namespace omb::web {
struct ServeOptions;
}

namespace omb::cli {

// The web server (web::serve), in the program that links it
// (ombudsmine-serve). Without one, `ombudsmine serve` runs that program,
// found beside this one, with the same arguments: the server's libraries
// (cpp-httplib, OpenSSL) then load only when serving.
using ServeFn = Status (*)(const web::ServeOptions&, const std::function<void(const std::string&)>&);

int run(int argc, char** argv, ServeFn serve = nullptr);

}  // namespace omb::cli
