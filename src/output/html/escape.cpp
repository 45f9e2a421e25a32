#include "output/html/escape.h"

#include <cctype>

#include "base/marks.h"

namespace omb {
namespace {

void escape_into(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
  }
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) escape_into(out, c);
  return out;
}

std::string html_marked(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == kMarkOpen) out += "<mark>";
    else if (c == kMarkClose) out += "</mark>";
    else escape_into(out, c);
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else { out += '%'; out += hex[c >> 4]; out += hex[c & 15]; }
  }
  return out;
}

}  // namespace omb
