#include "ingest/walk.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace omb {

namespace {

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool is_taken(const fs::path& p) {
  const std::string ext = lower_extension(p);
  return ext == ".txt" || ext == ".md" || ext == ".pdf";
}

std::string skip_reason_for(const fs::path& p) {
  const std::string ext = lower_extension(p);
  if (ext.empty()) return "not .txt, .md or .pdf (no extension)";
  return "not .txt, .md or .pdf (" + ext + ")";
}

std::string absolute_path(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) return p;
  return a.lexically_normal().string();
}

void add_file(std::vector<Candidate>& out, const fs::path& p) {
  Candidate c;
  c.path = absolute_path(p.string());
  struct stat st {};
  if (::stat(c.path.c_str(), &st) != 0) {
    c.fail_reason = std::string("cannot stat: ") + std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    c.skip_reason = "not a regular file";
  } else {
    c.size = static_cast<std::uint64_t>(st.st_size);
    c.mtime = static_cast<long long>(st.st_mtime);
    if (!is_taken(p)) c.skip_reason = skip_reason_for(p);
  }
  out.push_back(std::move(c));
}

}  // namespace

bool is_pdf_path(std::string_view path) { return lower_extension(fs::path(path)) == ".pdf"; }

std::vector<Candidate> walk(const std::vector<std::string>& inputs) {
  std::vector<Candidate> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      Candidate c;
      c.path = absolute_path(in);
      c.fail_reason = "no such file or folder";
      out.push_back(std::move(c));
      continue;
    }
    if (!fs::is_directory(st)) {
      add_file(out, in);
      continue;
    }
    fs::recursive_directory_iterator it(in, fs::directory_options::none, ec), end;
    if (ec) {
      Candidate c;
      c.path = absolute_path(in);
      c.fail_reason = "cannot list folder: " + ec.message();
      out.push_back(std::move(c));
      continue;
    }
    while (it != end) {
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      std::error_code tec;
      bool is_dir = e.is_directory(tec);
      if (!name.empty() && name[0] == '.') {
        if (is_dir) it.disable_recursion_pending();
        // Hidden files and folders (.git, .DS_Store) are not part of an archive.
      } else if (is_dir) {
        // Entered by the iterator; an unreadable one is reported below.
        if (::access(e.path().c_str(), R_OK | X_OK) != 0) {
          Candidate c;
          c.path = absolute_path(e.path().string());
          c.fail_reason = "cannot list folder: permission denied";
          out.push_back(std::move(c));
          it.disable_recursion_pending();
        }
      } else {
        add_file(out, e.path());
      }
      it.increment(ec);
      if (ec) {
        Candidate c;
        c.path = absolute_path(in);
        c.fail_reason = "cannot list folder: " + ec.message();
        out.push_back(std::move(c));
        break;
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.path < b.path; });
  out.erase(std::unique(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.path == b.path; }),
            out.end());
  return out;
}

}  // namespace omb
