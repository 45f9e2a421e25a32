#include "output/html/page.h"

#include "output/html/escape.h"

namespace omb::html {
namespace {

constexpr const char* kCss = R"css(
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a}
header.top{background:#20394f;color:#fff;padding:.6rem 1rem}header.top a{color:#fff;margin-right:1.2rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#000;padding:.3rem}
main{display:flex;gap:1.5rem;padding:1rem;max-width:76rem;margin:auto}
aside{flex:0 0 15rem}section.results{flex:1;min-width:0}
form.q input[type=search]{width:100%;font-size:1.05rem;padding:.4rem}form.q button{margin-top:.4rem}
.facet h2{font-size:.95rem;margin:1rem 0 .2rem}.facet ul{list-style:none;padding:0;margin:0}.facet li{font-size:.9rem}
.facet .on{font-weight:600}.hit{border-bottom:1px solid #e3e3e3;padding:.6rem 0}.hit h3{margin:0;font-size:1.05rem}
.meta{color:#555;font-size:.88rem}.snip{margin:.2rem 0}mark{background:#fff0a8}
.src{font-family:ui-monospace,monospace;font-size:.85rem;color:#444}.pager a{margin-right:1rem}
.error{background:#fde8e6;border:1px solid #e4a29b;padding:.6rem}
pre.doc{white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace}
.tag{border-bottom:2px solid #999;background:#f2f2f2}.tag-theme{background:#e4f0ff;border-color:#1f5fa8}
.tag-afdeling{background:#eaf7e6;border-color:#3a8f2a}.tag-oordeel{background:#fde8e6;border-color:#c0392b}
.tag-zaaknummer{background:#fff4d6;border-color:#b7870b}.tag-period,.tag-date{background:#f1eafb;border-color:#7a4fb5}
table.stats td,table.stats th{padding:.15rem .8rem;text-align:left}
)css";

}  // namespace

std::string page(const std::string& title, const std::string& body, const std::string& extra_css,
                 const std::string& script) {
  return "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>" +
         html_escape(title) + " — ombudsmine</title><style>" + kCss + extra_css +
         "</style></head><body><a class=\"skip\" href=\"#content\">Naar de inhoud</a><header class=\"top\"><nav "
         "aria-label=\"Hoofdmenu\"><a href=\"/\">Zoeken</a><a href=\"/signals\">Signalen</a><a "
         "href=\"/watches\">Gevolgd</a><a href=\"/status\">Status</a></nav></header>" +
         body + (script.empty() ? "" : "<script>" + script + "</script>") + "</body></html>\n";
}

std::string error_page(int status, const std::string& message) {
  return page("Fout", "<main id=\"content\"><section class=\"results\"><h1>" +
                          std::string(status == 404 ? "Niet gevonden" : "Dat ging niet") +
                          "</h1><p class=\"error\" role=\"alert\">" + html_escape(message) + "</p></section></main>");
}

}  // namespace omb::html
