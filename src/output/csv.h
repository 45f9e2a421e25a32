// output/csv.h — RFC 4180 fields, shared by the CSV outputs.
#pragma once

#include <string>

namespace omb {

// `s` as one CSV field: quoted (with quotes doubled) when it holds a comma,
// a quote or a line break; as is otherwise.
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace omb
