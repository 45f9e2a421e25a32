// omb_make_pdf — writes a PDF for the demo and the PDF benchmark, with
// cairo (tests/unit/pdfmaker.h): text pages (a text layer) and scanned
// pages (a 300 dpi image and nothing else).
//
//   omb_make_pdf OUT.pdf LAYOUT [TEXT_FILE] [WORDS_PER_PAGE]
//
// LAYOUT has one letter per page: t = text, s = scanned (e.g. "tst", or
// "t*500" for 500 text pages). The pages' paragraphs come from TEXT_FILE
// (paragraphs at blank lines, taken in turn, the file read again from the
// start when it runs out), or from a built-in Dutch text; WORDS_PER_PAGE
// (default 220) words per page.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "../tests/unit/pdfmaker.h"

// Fontconfig keeps its configuration for the life of the process (sanitizer builds).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace {

const char* kBuiltin =
    "De ombudsman ontving in het derde kwartaal van 2021 in totaal 212 klachten over de gemeentelijke "
    "dienstverlening. Dat zijn er achttien meer dan in hetzelfde kwartaal een jaar eerder.\n\n"
    "Een inwoner klaagde over de afhandeling van zijn aanvraag voor een parkeervergunning. De gemeente had "
    "zijn brieven niet beantwoord en hem niet laten weten wanneer hij een beslissing kon verwachten.\n\n"
    "Zaaknummer 2021-0457. Mevrouw De Vries meldde dat de klantmanager van de afdeling Werk en Inkomen "
    "afspraken niet nakwam. De ombudsman oordeelt dat de gemeente niet behoorlijk heeft gehandeld en "
    "adviseert het college om terugbelverzoeken binnen twee werkdagen af te handelen.\n\n"
    "Veel klachten gingen over de bereikbaarheid van het klantcontactcentrum. Inwoners moesten lang wachten "
    "voordat zij iemand aan de telefoon kregen.\n";

std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line, cur;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r\f") == std::string::npos) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      for (char& c : line)
        if (c == '\f' || c == '\r') c = ' ';
      cur += (cur.empty() ? "" : " ") + line;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: omb_make_pdf OUT.pdf LAYOUT [TEXT_FILE] [WORDS_PER_PAGE]\n";
    return 2;
  }
  std::string layout = argv[2];
  if (auto star = layout.find('*'); star != std::string::npos)
    layout = std::string(static_cast<std::size_t>(std::stoi(layout.substr(star + 1))), layout[0]);
  std::string text = kBuiltin;
  if (argc > 3 && std::string(argv[3]) != "-") {
    std::ifstream f(argv[3]);
    if (!f) { std::cerr << "omb_make_pdf: cannot read " << argv[3] << "\n"; return 1; }
    std::stringstream ss;
    ss << f.rdbuf();
    text = ss.str();
  }
  std::size_t per_page = argc > 4 ? static_cast<std::size_t>(std::stoul(argv[4])) : 220;
  std::vector<std::string> paras = paragraphs(text);
  if (paras.empty()) { std::cerr << "omb_make_pdf: no text\n"; return 1; }
  std::vector<omb::test::PdfPageSpec> pages;
  std::size_t next = 0;
  for (char kind : layout) {
    omb::test::PdfPageSpec p;
    p.width = 595;
    p.height = 842;  // A4
    p.scanned = kind == 's';
    std::size_t words = 0;
    while (words < per_page) {
      const std::string& para = paras[next++ % paras.size()];
      std::istringstream in(para);
      std::string w, cut;
      while (in >> w && words < per_page) {
        cut += (cut.empty() ? "" : " ") + w;
        ++words;
      }
      p.paragraphs.push_back(cut);
    }
    pages.push_back(std::move(p));
  }
  if (!omb::test::make_pdf(argv[1], pages, "Kwartaalrapportage ombudsman", "2021-10-05T09:00:00")) {
    std::cerr << "omb_make_pdf: cairo could not write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
