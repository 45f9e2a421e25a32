#include "output/html/doc_parts.h"

#include <string_view>

#include "output/html/escape.h"

namespace omb::html {

std::string tagged_text(const std::string& text, std::size_t from, std::size_t to, const std::vector<TagRow>& tags) {
  std::string out;
  std::size_t at = from;
  for (const TagRow& t : tags) {
    const auto s = static_cast<std::size_t>(t.start), e = static_cast<std::size_t>(t.end);
    if (s < at || e > to || e <= s) continue;  // overlapping or outside: the first one wins
    out += html_escape(std::string_view(text).substr(at, s - at));
    out += "<span class=\"tag tag-" + html_escape(t.type) + "\" data-type=\"" + html_escape(t.type) + "\" title=\"" +
           html_escape(t.type + " = " + t.value + " · regel " + t.rule) + "\">" +
           html_escape(std::string_view(text).substr(s, e - s)) + "</span>";
    at = e;
  }
  if (at < to) out += html_escape(std::string_view(text).substr(at, to - at));
  return out;
}

std::string sources_list(const std::vector<std::string>& paths) {
  std::string out = "<ul class=\"sources\">";
  for (const auto& p : paths) out += "<li class=\"src\">" + html_escape(p) + "</li>";
  return out + "</ul>";
}

std::string case_list(const std::vector<CaseRow>& cases, const std::string& current) {
  std::string list;
  for (const CaseRow& c : cases) {
    const std::string& z = c.zaaknummer;
    std::string name = z.empty() ? html_escape(c.title)
                                 : "<a href=\"/case/" + html_escape(url_encode(z)) + "\"" +
                                       (z == current ? " aria-current=\"page\"" : "") + ">zaak " + html_escape(z) +
                                       "</a> – " + html_escape(c.title);
    if (!z.empty() && z == current) name = "<strong>" + name + "</strong>";
    list += "<li>" + name + (c.afdeling.empty() ? "" : " · " + html_escape(c.afdeling)) +
            (c.oordeel.empty() ? "" : " · " + html_escape(c.oordeel)) + "</li>";
  }
  return list.empty() ? std::string() : "<h2>Zaken in dit rapport</h2><ul class=\"cases\">" + list + "</ul>";
}

}  // namespace omb::html
