// cli/cli.h — the command line: parses arguments, calls the library, turns
// Errors into one line on stderr and an exit code.
//
// Exit codes: 0 success; 1 a runtime failure (a file or the database failed);
// 2 a usage error (bad arguments, malformed query or dictionary).
// Machine output (--json) goes to stdout only; messages go to stderr.
#pragma once

namespace omb::cli {

int run(int argc, char** argv);

}  // namespace omb::cli
