#include "output/html/document_page.h"

#include <algorithm>

#include "output/html/doc_parts.h"
#include "output/html/escape.h"
#include "output/html/page.h"

namespace omb::html {

std::string document_page(const DocumentView& v) {
  const DocumentRow& d = v.doc;
  const std::string& title = d.title;
  std::string body = "<main id=\"content\"><section class=\"results\"><h1>" +
                     html_escape(title.empty() ? "(zonder titel)" : title) + "</h1><p class=\"meta\">" +
                     html_escape(d.doctype) + " · " + html_escape(d.organisation) + " · " +
                     html_escape(d.when()) +
                     " · " + std::to_string(d.page_count) + " pagina's</p>";
  body += "<h2>Bron</h2>" + sources_list(v.sources);
  body += case_list(v.cases, "");
  const std::size_t to = std::min(v.text.size(), max_shown);
  body += "<h2>Tekst (genormaliseerd, tags gemarkeerd)</h2><pre class=\"doc\">" + tagged_text(v.text, 0, to, v.tags) +
          "</pre>";
  if (to < v.text.size()) body += "<p>(De eerste 2 MB van " + std::to_string(v.text.size() >> 20) + " MB.)</p>";
  body += "</section></main>";
  return page(title, body);
}

}  // namespace omb::html
