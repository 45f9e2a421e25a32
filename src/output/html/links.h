// output/html/links.h — query parameters: read, changed, written into a link.
//
// Params are a request's decoded query parameters (web::Request::params),
// repeated names allowed. An empty value counts as absent everywhere:
// all() skips it and url() leaves it out.
//  - get(): the first value of `k`, or "".
//  - all(): every non-empty value of `k`, in order.
//  - without(): `p` with `k` removed (only the value `v` when one is given).
//  - url(): `path` followed by ?k=v&k=v… (url_encode()d, in the multimap's
//    order). The result is a URL, not HTML: escape it for an attribute.
// Pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace omb::html {

using Params = std::multimap<std::string, std::string>;

std::string get(const Params& p, const std::string& k);
std::vector<std::string> all(const Params& p, const std::string& k);
Params without(Params p, const std::string& k, const std::string& v = {});
std::string url(const std::string& path, const Params& p);

}  // namespace omb::html
