#include "output/html/links.h"

#include "output/html/escape.h"

namespace omb::html {

std::string get(const Params& p, const std::string& k) {
  auto it = p.find(k);
  return it == p.end() ? std::string() : it->second;
}

std::vector<std::string> all(const Params& p, const std::string& k) {
  std::vector<std::string> out;
  for (auto [a, b] = p.equal_range(k); a != b; ++a)
    if (!a->second.empty()) out.push_back(a->second);
  return out;
}

Params without(Params p, const std::string& k, const std::string& v) {
  for (auto it = p.begin(); it != p.end();)
    if (it->first == k && (v.empty() || it->second == v)) it = p.erase(it);
    else ++it;
  return p;
}

std::string url(const std::string& path, const Params& p) {
  std::string out = path;
  char sep = '?';
  for (const auto& [k, v] : p) {
    if (v.empty()) continue;
    out += sep + url_encode(k) + "=" + url_encode(v);
    sep = '&';
  }
  return out;
}

}  // namespace omb::html
