#include "extract/toml_file.h"

#include <exception>

namespace omb {

Result<toml::table> read_toml(const std::string& path, std::string_view what) {
  const std::string file(what);
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::string why(e.description());
    if (why.find("could not be opened") != std::string::npos) return make_error(Errc::io, "cannot read the " + file, path);
    return make_error(Errc::parse, "TOML: " + why, path, static_cast<int>(e.source().begin.line));
  } catch (const std::exception& e) {
    return make_error(Errc::io, "cannot read the " + file + ": " + e.what(), path);
  }
}

}  // namespace omb
