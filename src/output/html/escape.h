// output/html/escape.h — the one place where text becomes HTML or a URL part.
//
// Every page and report in output/html/ (and nothing else) writes outside
// text into HTML through these; no other file spells an entity.
//  - html_escape(): text made safe as element content and as a quoted
//    attribute value: & < > " ' become &amp; &lt; &gt; &quot; &#39;. Every
//    other byte is copied as it is: invalid UTF-8, control bytes and NUL
//    pass unchanged (the page declares UTF-8; the browser shows U+FFFD).
//  - html_marked(): the same, but the highlight marks of base/marks.h
//    (kMarkOpen, kMarkClose) become <mark> and </mark>; for snippets and
//    evidence sentences.
//  - url_encode(): one query parameter's name or value, or one path segment:
//    ASCII letters, digits and - _ . ~ stay, a space becomes +, every other
//    byte %XX (upper-case hex). The result is plain ASCII; put it in an
//    attribute through html_escape() (& separates parameters).
// Pure functions; they never fail.
#pragma once

#include <string>
#include <string_view>

namespace omb {

std::string html_escape(std::string_view s);
std::string html_marked(std::string_view s);
std::string url_encode(std::string_view s);

}  // namespace omb
