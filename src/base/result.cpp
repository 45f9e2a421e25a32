#include "base/result.h"

namespace omb {

const char* errc_name(Errc c) {
  switch (c) {
    case Errc::io: return "io";
    case Errc::not_found: return "not_found";
    case Errc::decode: return "decode";
    case Errc::parse: return "parse";
    case Errc::usage: return "usage";
    case Errc::db: return "db";
    case Errc::db_readonly: return "db_readonly";
    case Errc::db_full: return "db_full";
    case Errc::not_database: return "not_database";
    case Errc::version: return "version";
    case Errc::changed: return "changed";
    case Errc::internal: return "internal";
  }
  return "unknown";
}

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace omb
