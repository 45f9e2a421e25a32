#include "cli/common.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace omb::cli {

int exit_code_for(const Error& e) {
  return (e.code == Errc::usage || e.code == Errc::parse) ? kExitUsage : kExitFailure;
}

int report(const Error& e) {
  std::cerr << "ombudsmine: " << e.to_string() << "\n";
  return exit_code_for(e);
}

Result<Database> open_db(const Globals& g, bool write) {
  OpenOptions o;
  o.read_only = !write;
  return Database::open(g.db_path, o);
}

std::string find_dictionaries(const std::string& given) {
  namespace fs = std::filesystem;
  if (!given.empty()) return given;
  if (const char* env = std::getenv("OMBUDSMINE_DICTIONARIES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::is_directory(dir / "dictionaries", ec)) return (dir / "dictionaries").string();
    }
  }
  return "dictionaries";
}

bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

std::string human_bytes(double b) {
  char buf[32];
  if (b >= 1e9) std::snprintf(buf, sizeof buf, "%.2f GB", b / 1e9);
  else if (b >= 1e6) std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  else if (b >= 1e3) std::snprintf(buf, sizeof buf, "%.1f kB", b / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f B", b);
  return buf;
}

}  // namespace omb::cli
