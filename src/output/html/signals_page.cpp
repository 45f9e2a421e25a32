#include "output/html/signals_page.h"

#include "output/html/escape.h"
#include "output/html/page.h"

namespace omb::html {

std::string signals_page(const SignalsForm& f, const SignalReport& r, double q, const EvidenceLink& link) {
  std::string levels = "<label for=\"level\">niveau</label> <select id=\"level\" name=\"level\">";
  for (const char* l : {"organisation", "dienst", "afdeling", "team", "all"})
    levels += std::string("<option value=\"") + l + "\"" + (f.level == l ? " selected" : "") + ">" + l + "</option>";
  levels += "</select> ";
  std::string form =
      "<form class=\"q\" action=\"/signals\" method=\"get\"><label for=\"by\">Per</label> <select id=\"by\" name=\"by\">"
      "<option value=\"quarter\"" + std::string(!f.by_year ? " selected" : "") + ">kwartaal</option>"
      "<option value=\"year\"" + std::string(f.by_year ? " selected" : "") + ">jaar</option></select> "
      "<label for=\"theme\">thema</label> <input id=\"theme\" name=\"theme\" value=\"" + html_escape(f.theme) + "\" size=\"12\"> "
      "<label for=\"afdeling\">afdeling</label> <input id=\"afdeling\" name=\"afdeling\" value=\"" + html_escape(f.afdeling) + "\" size=\"16\"> " +
      levels +
      "<label for=\"from\">van</label> <input id=\"from\" name=\"from\" value=\"" + html_escape(f.from) + "\" size=\"7\" placeholder=\"2021Q1\"> "
      "<label for=\"to\">tot</label> <input id=\"to\" name=\"to\" value=\"" + html_escape(f.to) + "\" size=\"7\"> "
      "<button type=\"submit\">Toon</button></form>";
  return page("Signalen", "<main id=\"content\"><section class=\"results\"><h1>Signalen</h1>" + form +
                              signals_body(r, q, link) + "</section></main>",
              signals_style(), signals_script());
}

}  // namespace omb::html
