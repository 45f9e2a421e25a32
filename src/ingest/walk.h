// ingest/walk.h — the files an ingest considers, in the order it stores them.
//
// walk() lists the given files and, recursively, the given folders, sorted
// by absolute path and without repeats. Every file found becomes a
// Candidate: taken (.txt, .md or .pdf, any case), or with the reason it is
// skipped (another extension, not a regular file) or failed (cannot be
// stat'ed, a folder that cannot be listed, a path that does not exist).
// Hidden files and folders (a name starting with '.') are left out. Never
// fails as a whole: each problem is a Candidate's reason.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace omb {

struct Candidate {
  std::string path;
  std::uint64_t size = 0;
  long long mtime = 0;
  std::string skip_reason;  // non-empty: not taken, with this reason
  std::string fail_reason;  // non-empty: could not even be listed
};

std::vector<Candidate> walk(const std::vector<std::string>& inputs);

// Does the path end in .pdf (any case)?
bool is_pdf_path(std::string_view path);

}  // namespace omb
