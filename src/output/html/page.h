// output/html/page.h — the frame of every page of the web interface.
//
//  - page(): a whole HTML document: <title> "`title` — ombudsmine" (title
//    escaped), the site's style sheet with `extra_css` appended, the skip
//    link and the top menu (Zoeken, Signalen, Status), then `body` as given
//    (already HTML; it holds the <main id="content">), then `script` in a
//    <script> element when not empty.
//  - error_page(): the page for an error: "Niet gevonden" for 404, else
//    "Dat ging niet", and `message` escaped in a role="alert" paragraph. The
//    caller sets the HTTP status.
// Pure functions; no external resources are referenced.
#pragma once

#include <string>

namespace omb::html {

std::string page(const std::string& title, const std::string& body, const std::string& extra_css = {},
                 const std::string& script = {});
std::string error_page(int status, const std::string& message);

}  // namespace omb::html
