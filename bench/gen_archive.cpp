// bench/gen_archive — writes a deterministic synthetic archive of Dutch
// ombudsman reports as PDF-to-text output: year folders, quarterly reports
// with case summaries, investigation reports, annual complaint reports, with
// OCR-typical damage and form-feed page breaks.
//
//   omb_gen_archive --out DIR [--mb 200] [--files 4000] [--seed 1]
//   omb_gen_archive --single FILE --mb 200          (one large file)
//   omb_gen_archive --dense SHAPE --single FILE --mb 4   (matches every few dozen bytes)
//   omb_gen_archive --series DIR --change K [--seed N]  (a lasting change, issue #17)
//
// --dense makes text in which an extraction tag matches every few dozen
// bytes, as a table dump, a list of cases or pdftotext output without
// paragraph breaks gives (issue #15). SHAPE is one of
//   line    one long line, no line breaks: "zaaknummer 100234, afdeling
//           Inkomen, bejegening, gegrond; ..." (a text joined into one line)
//   lines   one case per line, no blank lines: "100234 - Geen reactie -
//           Werk en Re-integratie - communicatie - ongegrond"
//   table   a markdown table dump: | Zaaknummer | Afdeling | Thema | ... |
//   prose   sentences naming a case, a department, a theme and an outcome,
//           wrapped at 95 columns, with no blank line anywhere
// Every shape starts with a short title block, so the document facts are
// the same at every size.
//
// --series writes 44 quarterly reports (2012Q1-2022Q4) of one ombudsman:
// four afdelingen with 5-10 cases a quarter each, each case about one main
// theme said in an ordinary sentence (communicatie on about 20%). From
// quarter K on (0-43; -1: never) Jeugd gets twice its cases and about 65% of
// them are about communicatie. The themes are left to the extractor, and the
// text makes its tags imperfect as on real reports: a quarter of the
// communicatie cases say it in words no rule knows, and a tenth of the others
// add a remark that mentions communicatie without complaining about it.
// bench/signals_eval.sh judges `signals` on 60 such archives and 100 flat ones.
//
// Same arguments, same bytes: the archive is a pure function of its options.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Rng {  // splitmix64: small, fast, deterministic
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

const std::vector<std::string> kAfdelingen = {
    "Koers naar Werk", "Werk en Re-integratie", "Werkgeversservicepunt", "Werk Opleiding en Jongeren",
    "Inkomen", "Schuldhulpverlening", "Handhaving", "Zorg en Welzijn", "Belastingen", "Parkeren",
    "Vergunningen", "Burgerzaken", "Leerlingenvervoer", "Jeugd", "Wonen", "Afval en Reiniging"};

const std::vector<std::string> kTitles = {
    "Geen reactie", "Lang wachten", "Mis communicatie", "Onheuse bejegening", "Terugvordering", "Geen excuses",
    "Verkeerde informatie", "Onbereikbaar", "Dossier kwijt", "Te late betaling", "Boete onterecht",
    "Klacht niet behandeld", "Maatwerk gevraagd", "Privacy geschonden", "Brief onduidelijk"};

const std::vector<std::string> kSentences = {
    "Een man is het niet eens met de afhandeling van zijn klacht door de gemeente.",
    "Een vrouw zegt dat zij al maanden geen reactie krijgt op haar brieven.",
    "De klantmanager heeft volgens verzoeker niet uitgelegd waarom de uitkering is stopgezet.",
    "De ombudsman neemt contact op met de afdeling en vraagt om een toelichting.",
    "De gemeente laat weten dat er inderdaad te lang is gewacht met een besluit.",
    "Verzoekster voelt zich niet serieus genomen door de medewerker aan de telefoon.",
    "De afdeling biedt excuses aan en belooft de zaak binnen twee weken af te ronden.",
    "Uit het dossier blijkt dat de communicatie tussen de burger en de gemeente moeizaam verliep.",
    "De ombudsman constateert dat de informatievoorziening aan de burger tekort schoot.",
    "Verzoeker heeft meerdere keren gebeld maar kreeg niemand te spreken.",
    "De terugvordering van de bijstandsuitkering leidde tot grote financiele problemen.",
    "Na bemiddeling door de ombudsman wordt een nieuwe afspraak gemaakt.",
    "De gemeente erkent dat de brief onduidelijk was geformuleerd.",
    "De ombudsman vraagt de gemeente om maatwerk te leveren in deze situatie.",
    "Het gesprek met de jobhunter verliep volgens de vrouw onprettig.",
    "De klacht over de bejegening door de handhaver wordt gegrond verklaard.",
    "De gemeente reageert pas na herhaald aandringen van de ombudsman.",
    "De man geeft aan dat zijn persoonsgegevens zonder toestemming zijn gedeeld.",
    "Een medewerker van het Werkgeversservicepunt heeft de afspraak niet nagekomen.",
    "De ombudsman sluit het dossier nu de gemeente alsnog een besluit heeft genomen.",
    "De zaak loopt nog; de ombudsman wacht op de reactie van de afdeling.",
    "Volgens de cliënte is de beëindiging van haar traject niet goed uitgelegd.",
    "De ideeën van verzoeker over een oplossing zijn niet meegenomen in het besluit.",
    "De onafhankelijke klachtbehandelaar heeft de zaak opnieuw bekeken.",
    "Er is sprake van een coöperatieve houding bij de afdeling na tussenkomst.",
};

const std::vector<std::string> kNouns = {
    "uitkering", "bijstand", "toeslag", "beschikking", "bezwaarschrift", "afspraak", "traject", "klantmanager",
    "aanvraag", "machtiging", "inkomen", "huurachterstand", "parkeervergunning", "kwijtschelding", "boete",
    "leerlingenvervoer", "indicatie", "zorgaanbieder", "woningcorporatie", "verhuizing", "inschrijving",
    "schuldregeling", "budgetbeheer", "re-integratie", "werkgever", "sollicitatieplicht", "ontheffing",
    "terugvordering", "verrekening", "beslag", "gesprek", "brief", "e-mail", "telefoontje", "loket"};
const std::vector<std::string> kPlaces = {
    "Nieuw-West", "Zuidoost", "Noord", "Centrum", "Oost", "Westpoort", "Slotervaart", "Osdorp", "De Pijp",
    "Bijlmer", "Geuzenveld", "Watergraafsmeer", "IJburg", "Buitenveldert", "Jordaan"};
const std::vector<std::string> kMonths = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                          "augustus", "september", "oktober", "november", "december"};

// A sentence with varied content words, numbers and dates.
std::string varied_sentence(Rng& r, int year) {
  std::string s;
  switch (r.below(6)) {
    case 0:
      s = "Op " + std::to_string(1 + r.below(28)) + " " + r.pick(kMonths) + " " + std::to_string(year) +
          " ontving verzoeker een brief over de " + r.pick(kNouns) + " en de " + r.pick(kNouns) + ".";
      break;
    case 1:
      s = "Het gaat om een bedrag van " + std::to_string(50 + r.below(9000)) + " euro voor de " + r.pick(kNouns) +
          " in " + r.pick(kPlaces) + ".";
      break;
    case 2:
      s = "De " + r.pick(kNouns) + " werd na " + std::to_string(2 + r.below(30)) +
          " weken nog niet afgehandeld, terwijl de " + r.pick(kNouns) + " al was ingediend.";
      break;
    case 3:
      s = "Verzoeker woont in " + r.pick(kPlaces) + " en heeft contact gehad over de " + r.pick(kNouns) + ".";
      break;
    case 4:
      s = "In " + std::to_string(year) + " kwamen " + std::to_string(3 + r.below(80)) + " klachten binnen over de " +
          r.pick(kNouns) + ", waarvan " + std::to_string(1 + r.below(20)) + " gegrond.";
      break;
    default:
      s = "De medewerker van het stadsdeel " + r.pick(kPlaces) + " zou de " + r.pick(kNouns) +
          " nog eens bekijken en verzoeker terugbellen.";
  }
  return s;
}

// OCR damage of the kinds found in real reports.
std::string damage(const std::string& s, Rng& r) {
  std::string out = s;
  auto rep = [&](const char* from, const char* to) {
    std::size_t p = out.find(from);
    if (p != std::string::npos) out.replace(p, std::strlen(from), to);
  };
  if (r.chance(30)) rep("ë", "é");
  if (r.chance(30)) rep("ö", "é");
  if (r.chance(20)) rep("onafhankelijk", "onathankelijk");
  if (r.chance(20)) rep("afhandeling", "afthandeling");
  if (r.chance(10)) rep("fi", "\xEF\xAC\x81");  // ligature fi
  return out;
}

// Wraps a paragraph at about 95 columns, as pdftotext does; sometimes
// hyphenates a word at the line end.
void wrap(std::string& out, const std::string& para, Rng& r) {
  std::size_t col = 0;
  std::size_t i = 0;
  while (i < para.size()) {
    std::size_t sp = para.find(' ', i);
    if (sp == std::string::npos) sp = para.size();
    std::string word = para.substr(i, sp - i);
    if (col + word.size() > 95 && col > 0) {
      if (word.size() > 9 && r.chance(15)) {
        std::size_t h = word.size() / 2;
        while (h > 0 && (static_cast<unsigned char>(word[h]) & 0xC0) == 0x80) --h;
        out += " " + word.substr(0, h) + "-\n";
        word = word.substr(h);
      } else {
        out += " \n";
      }
      col = 0;
    }
    if (col > 0) { out += ' '; ++col; }
    out += word;
    col += word.size();
    i = sp + 1;
  }
  out += " \n\n";
}

std::string paragraph(Rng& r, int year, int min_s, int max_s) {
  std::string para;
  int ns = min_s + static_cast<int>(r.below(static_cast<std::size_t>(max_s - min_s + 1)));
  for (int k = 0; k < ns; ++k) {
    para += k ? " " : "";
    para += damage(r.chance(45) ? varied_sentence(r, year) : r.pick(kSentences), r);
  }
  return para;
}

void page_break(std::string& out, Rng& r, int* page, const std::string& header) {
  out += "\f" + header + " \n\n";
  if (r.chance(50)) out += " " + std::to_string((*page)++) + " \n\n";
}

// A quarterly report: signals, figures, then case summaries per afdeling.
std::string quarterly(Rng& r, int year, int quarter, std::size_t target, int* zaak) {
  static const char* kOrd[] = {"eerste", "tweede", "derde", "vierde"};
  std::string out;
  int page = 2;
  out += " Kwartaalrapportage " + std::string(kOrd[quarter - 1]) + " kwartaal " + std::to_string(year) + " \n\n";
  out += "1. Inleiding \n\n";
  wrap(out, "Dit is de " + std::string(kOrd[quarter - 1]) + " kwartaalrapportage van " + std::to_string(year) +
                ". De ombudsman ontving dit kwartaal " + std::to_string(20 + r.below(40)) + " verzoeken. " +
                paragraph(r, year, 3, 6), r);
  out += "2. Signaleringen \n\n2.1. Communicatie \n";
  wrap(out, kSentences[7] + " " + paragraph(r, year, 2, 5), r);
  out += "6. Samenvatting dossiers \n\n";
  int section = 1;
  while (out.size() < target) {
    out += "6." + std::to_string(section++) + ". " + r.pick(kAfdelingen) + " \n\n";
    int ncases = 2 + static_cast<int>(r.below(5));
    for (int c = 0; c < ncases && out.size() < target; ++c) {
      out += std::to_string((*zaak)++) + " \xE2\x80\x93 " + r.pick(kTitles) + " \n";
      int np = 1 + static_cast<int>(r.below(3));
      for (int k = 0; k < np; ++k) wrap(out, paragraph(r, year, 3, 8), r);
      if (r.chance(20)) page_break(out, r, &page, "Kwartaalrapportage " + std::to_string(year));
    }
  }
  return out;
}

// An investigation report or an audit-office study: numbered chapters of prose.
std::string prose_report(Rng& r, int year, std::size_t target, bool rekenkamer) {
  std::string out;
  int page = 2;
  out += rekenkamer ? " Rekenkameronderzoek " + std::to_string(year) + " \n\n"
                    : " Rapport Gemeentelijke Ombudsman \n\n" + r.pick(kTitles) + " \n\n";
  out += std::to_string(1 + r.below(28)) + " " + r.pick(kMonths) + " " + std::to_string(year) + " \n\n";
  int chapter = 1;
  while (out.size() < target) {
    out += std::to_string(chapter) + " " + (rekenkamer ? "Bevindingen " : "Beoordeling ") + r.pick(kNouns) + " \n\n";
    int sections = 1 + static_cast<int>(r.below(4));
    for (int sct = 1; sct <= sections && out.size() < target; ++sct) {
      out += std::to_string(chapter) + "." + std::to_string(sct) + " " + r.pick(kTitles) + " \n\n";
      int np = 2 + static_cast<int>(r.below(5));
      for (int k = 0; k < np; ++k) {
        wrap(out, paragraph(r, year, 4, 10), r);
        if (r.chance(15)) page_break(out, r, &page, rekenkamer ? "Rekenkamer" : "Rapport");
      }
    }
    ++chapter;
  }
  if (!rekenkamer) out += "Oordeel \n\nDe gedraging is niet behoorlijk. \n";
  return out;
}

// An annual complaint report: prose and tables of counts.
std::string annual(Rng& r, int year, std::size_t target) {
  std::string out = " Jaarverslag klachtbehandeling " + std::to_string(year) + " \n\n";
  int chapter = 1;
  while (out.size() < target) {
    out += std::to_string(chapter++) + " Klachten per afdeling \n\n";
    out += "Afdeling " + std::to_string(year) + " " + std::to_string(year - 1) + " " + std::to_string(year - 2) + " \n";
    for (int k = 0; k < 8; ++k)
      out += r.pick(kAfdelingen) + " " + std::to_string(r.below(60)) + " " + std::to_string(r.below(60)) + " " +
             std::to_string(r.below(60)) + " \n";
    out += "\nUitkomst " + std::to_string(year) + " " + std::to_string(year - 1) + " \n";
    out += "Gegrond " + std::to_string(r.below(40)) + " " + std::to_string(r.below(40)) + " \n";
    out += "Ongegrond " + std::to_string(r.below(40)) + " " + std::to_string(r.below(40)) + " \n\n";
    for (int k = 0; k < 3; ++k) wrap(out, paragraph(r, year, 4, 9), r);
  }
  return out;
}

std::string make_report(Rng& r, int year, int quarter, std::size_t target, int* zaak, const char** kind) {
  std::size_t roll = r.below(100);
  if (roll < 55) { *kind = "kwartaalrapportage"; return quarterly(r, year, quarter, target, zaak); }
  if (roll < 75) { *kind = "rapport"; return prose_report(r, year, target, false); }
  if (roll < 90) { *kind = "jaarverslag"; return annual(r, year, target); }
  *kind = "rekenkameronderzoek";
  return prose_report(r, year, target, true);
}

// --series (see above): the case texts, by what the extractor should tag.
const std::vector<std::string> kCommTagged = {
    "Zij ontving een onduidelijke brief over haar aanvraag.",
    "De klantmanager heeft het besluit nooit uitgelegd.",
    "Er is met hem slecht gecommuniceerd over de afspraak.",
    "Hij werd van loket naar loket gestuurd.",
    "Het was onduidelijk wat er van haar werd verwacht."};
const std::vector<std::string> kCommUntagged = {  // communicatie, in words no rule knows
    "Zij hoorde pas achteraf wat er in het overleg was besproken.",
    "Hij kreeg steeds een ander verhaal te horen.",
    "De gemaakte afspraken werden niet schriftelijk bevestigd."};
const std::vector<std::string> kOtherThemes = {
    "De medewerker aan de balie was onvriendelijk tegen hem.",
    "Hij wacht al maanden op een beslissing.",
    "De afdeling was telefonisch niet bereikbaar.",
    "Haar persoonsgegevens zijn naar een verkeerd adres gestuurd."};
const std::string kCommWrong = "Over de communicatie was hij wel tevreden.";
const std::vector<std::string> kNeutral = {
    "Hij heeft contact opgenomen met de ombudsman.", "De ombudsman heeft de zaak met de afdeling besproken.",
    "De afdeling heeft de zaak opnieuw bekeken.", "Zij diende haar verzoek in het voorjaar in."};
const std::vector<std::string> kSeriesAfdelingen = {"Werk en Re-integratie", "Inkomen", "Schuldhulpverlening", "Jeugd"};
const std::vector<std::string> kCaseTitles = {"Verzoek om hulp", "Aanvraag voorziening", "Melding", "Vraag over een besluit"};

bool series_archive(const std::string& dir, Rng& r, int change) {
  static const char* kOrd[] = {"eerste", "tweede", "derde", "vierde"};
  int zaak = 40000;  // five digits: a case number like 2019 reads as a year
  for (int t = 0; t < 44; ++t) {
    const int year = 2012 + t / 4, quarter = t % 4 + 1;
    std::string out = " Kwartaalrapportage " + std::string(kOrd[quarter - 1]) + " kwartaal " + std::to_string(year) +
                      " \n\n1. Inleiding \n\n";
    wrap(out, "Dit is de " + std::string(kOrd[quarter - 1]) + " kwartaalrapportage van " + std::to_string(year) +
                  ". De ombudsman beschrijft hieronder de dossiers van dit kwartaal per afdeling.", r);
    out += "2. Samenvatting dossiers \n\n";
    int section = 1;
    for (const auto& a : kSeriesAfdelingen) {
      const bool after = change >= 0 && t >= change && a == "Jeugd";
      const int n = (5 + static_cast<int>(r.below(6))) * (after ? 2 : 1);
      out += "2." + std::to_string(section++) + ". " + a + " \n\n";
      for (int c = 0; c < n; ++c) {
        out += std::to_string(zaak++) + " \xE2\x80\x93 " + r.pick(kCaseTitles) + " \n";
        const bool comm = r.below(100) < (after ? 65u : 20u);
        std::string text = r.pick(kNeutral) + " ";
        if (comm) text += r.chance(25) ? r.pick(kCommUntagged) : r.pick(kCommTagged);
        else text += r.pick(kOtherThemes) + (r.chance(10) ? " " + kCommWrong : "");
        wrap(out, text, r);
      }
    }
    char name[64];
    std::snprintf(name, sizeof name, "kwartaalrapportage-%d-q%d.txt", year, quarter);
    std::filesystem::create_directories(dir + "/" + std::to_string(year));
    std::ofstream f(dir + "/" + std::to_string(year) + "/" + name, std::ios::binary);
    f << out;
    if (!f) return false;
  }
  return true;
}

// Dense text of one shape, about `target` bytes (see --dense above).
const std::vector<std::string> kThemes = {"bejegening", "communicatie", "bereikbaarheid", "privacy", "maatwerk",
                                          "klachtbehandeling", "informatievoorziening", "afhandelingsduur"};
const std::vector<std::string> kOordelen = {"gegrond", "ongegrond", "gedeeltelijk gegrond", "niet ontvankelijk"};

bool dense(const std::string& shape, Rng& r, std::size_t target, std::string& out) {
  out = "Overzicht klachten " + std::string(shape == "line" ? "" : "\n");
  int zaak = 100000;
  std::string line;
  if (shape == "table") out += "\n| Zaaknummer | Afdeling | Thema | Oordeel | Datum |\n|---|---|---|---|---|\n";
  while (out.size() < target) {
    const std::string& af = r.pick(kAfdelingen);
    const std::string& th = r.pick(kThemes);
    const std::string& oo = r.pick(kOordelen);
    std::string date = std::to_string(1 + r.below(28)) + " " + r.pick(kMonths) + " " + std::to_string(2010 + r.below(16));
    ++zaak;
    if (shape == "line") {
      out += "zaaknummer " + std::to_string(zaak) + ", afdeling " + af + ", " + th + ", " + oo + "; ";
    } else if (shape == "lines") {
      out += std::to_string(zaak) + " - " + r.pick(kTitles) + " - " + af + " - " + th + " - " + oo + "\n";
    } else if (shape == "table") {
      out += "| " + std::to_string(zaak) + " | " + af + " | " + th + " | " + oo + " | " + date + " |\n";
    } else if (shape == "prose") {
      line += "In zaaknummer " + std::to_string(zaak) + " over de afdeling " + af + " ging het om " + th +
              "; de klacht is " + oo + " verklaard op " + date + ". ";
      while (line.size() > 95) {
        std::size_t cut = line.rfind(' ', 95);
        out += line.substr(0, cut) + " \n";
        line.erase(0, cut + 1);
      }
    } else {
      return false;
    }
  }
  if (!line.empty()) out += line + "\n";
  return true;
}

void usage() {
  std::fprintf(stderr,
               "usage: omb_gen_archive --out DIR [--mb N] [--files N] [--seed N]\n"
               "       omb_gen_archive --single FILE [--mb N] [--seed N]\n"
               "       omb_gen_archive --dense line|lines|table|prose --single FILE [--mb N] [--seed N]\n"
               "       omb_gen_archive --series DIR --change K [--seed N]   (K: 0-43, or -1 for none)\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, single, shape, series;
  int change = -2;
  double mb = 200;
  long files = 4000;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&]() -> std::string {
      if (i + 1 >= argc) { usage(); std::exit(2); }
      return argv[++i];
    };
    if (a == "--out") out_dir = val();
    else if (a == "--single") single = val();
    else if (a == "--dense") shape = val();
    else if (a == "--mb") mb = std::atof(val().c_str());
    else if (a == "--files") files = std::atol(val().c_str());
    else if (a == "--seed") seed = std::strtoull(val().c_str(), nullptr, 10);
    else if (a == "--series") series = val();
    else if (a == "--change") change = std::atoi(val().c_str());
    else { usage(); return 2; }
  }
  Rng r{seed};
  if (!series.empty()) {
    if (change < -1 || change > 43) { usage(); return 2; }
    if (!series_archive(series, r, change)) { std::fprintf(stderr, "cannot write %s\n", series.c_str()); return 1; }
    return 0;
  }
  if ((out_dir.empty() == single.empty()) || mb <= 0 || files <= 0) { usage(); return 2; }
  int zaak = 100;
  std::size_t total = static_cast<std::size_t>(mb * 1e6);
  if (!shape.empty()) {
    std::string text;
    if (single.empty() || !dense(shape, r, total, text)) { usage(); return 2; }
    std::ofstream f(single, std::ios::binary);
    f << text;
    if (!f) { std::fprintf(stderr, "cannot write %s\n", single.c_str()); return 1; }
    return 0;
  }
  if (!single.empty()) {
    std::ofstream f(single, std::ios::binary);
    std::size_t written = 0;
    int year = 2010, q = 1;
    while (written < total) {
      const char* kind = nullptr;
      std::string rep = make_report(r, year, q, std::min<std::size_t>(total - written, 200000), &zaak, &kind);
      f << rep << '\f';
      written += rep.size() + 1;
      if (++q > 4) { q = 1; ++year; }
    }
    if (!f) { std::fprintf(stderr, "cannot write %s\n", single.c_str()); return 1; }
    return 0;
  }
  std::size_t per_file = total / static_cast<std::size_t>(files);
  const int years = 16;  // 2010..2025
  for (long n = 0; n < files; ++n) {
    int year = 2010 + static_cast<int>(n % years);
    int q = 1 + static_cast<int>((n / years) % 4);
    std::size_t target = per_file / 2 + r.below(per_file + 1);
    const char* kind = nullptr;
    std::string rep = make_report(r, year, q, target, &zaak, &kind);
    std::filesystem::path dir = std::filesystem::path(out_dir) / std::to_string(year);
    std::filesystem::create_directories(dir);
    char name[96];
    std::snprintf(name, sizeof name, "%s-%d-q%d-%05ld.txt", kind, year, q, n);
    std::ofstream f(dir / name, std::ios::binary);
    f << rep;
    if (!f) { std::fprintf(stderr, "cannot write %s\n", (dir / name).c_str()); return 1; }
  }
  return 0;
}
