// bench/gen_archive — writes a deterministic synthetic archive of Dutch
// ombudsman reports as PDF-to-text output: year folders, quarterly reports
// with case summaries, investigation reports, annual complaint reports, with
// OCR-typical damage and form-feed page breaks.
//
//   omb_gen_archive --out DIR [--mb 200] [--files 4000] [--seed 1]
//   omb_gen_archive --single FILE --mb 200          (one large file)
//   omb_gen_archive --dense SHAPE --single FILE --mb 4   (matches every few dozen bytes)
//   omb_gen_archive --series DIR --change K [--seed N]  (a lasting change, issue #17)
//   omb_gen_archive --zipf DIR [--mb 200] [--files N] [--seed 1] [--dict FILE]
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
// --zipf (issue #21) writes reports over a real, large vocabulary instead of
// the few hundred words above: Debian's wdutch list (/usr/share/dict/dutch;
// `apt-get install wdutch`), shuffled with the seed, each word drawn with
// probability proportional to 1/rank (Zipf, s = 1); a third of the words are
// common function words (de, het, een, ...). Reports are 2-200 kB
// (log-uniform), until about --mb MB (or --files reports), each with the
// organisation and year or quarter at the top, numbered headings, paragraphs
// wrapped as pdftotext wraps them, and sections of case summaries
// ("100234 – Geen reactie" under an afdeling) in which an ordinary report
// sentence occurs. 20% of all words are damaged as OCR damages them: rn/m,
// l/1/i, e/é/c, o/0, c/e, n/u, h/b, a letter dropped or doubled, a word split
// in two or joined to the next, a word hyphenated across a line break. It
// also writes DIR.words: the shuffled list in rank order (rank 1 first), from
// which bench/search.sh picks words of high, middle and low frequency.
//
// Same arguments, same bytes: the archive is a pure function of its options.
#include <cmath>
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

// --zipf (issue #21): reports over a large real vocabulary (see the header).
const std::vector<std::string> kFunctionWords = {
    "de", "het", "een", "van", "en", "in", "is", "op", "te", "dat", "die", "voor", "met", "niet", "aan",
    "er", "zijn", "om", "door", "bij", "ook", "als", "naar", "over", "dan", "of", "wordt", "heeft", "werd",
    "nog", "uit", "maar", "tot", "kan"};
const std::vector<std::string> kOrganisations = {
    "Gemeentelijke Ombudsman Lindehoven", "Ombudsman Metropool Amsterdam", "Nationale ombudsman",
    "Gemeentelijke Ombudsman Veenmarke", "Regionale Ombudsman Oostmarke", "Ombudsman Rotterdam-Rijnmond"};

struct ZipfWords {
  std::vector<std::string> words;  // by rank, most frequent first
  std::vector<double> cdf;         // cdf[k]: sum of 1/(i+1) for i <= k
  const std::string& draw(Rng& r) const {
    const double u = static_cast<double>(r.next() >> 11) * 0x1.0p-53 * cdf.back();
    std::size_t lo = 0, hi = cdf.size() - 1;
    while (lo < hi) {
      std::size_t mid = (lo + hi) / 2;
      if (cdf[mid] < u) lo = mid + 1; else hi = mid;
    }
    return words[lo];
  }
};

// Reads the word list, shuffles it with the seed: rank k is drawn with
// probability proportional to 1/(k+1) (Zipf, s = 1).
bool load_zipf(const std::string& path, Rng& r, ZipfWords& z) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::string line;
  while (std::getline(f, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.find(' ') == std::string::npos) z.words.push_back(line);
  }
  if (z.words.size() < 1000) return false;
  for (std::size_t i = z.words.size() - 1; i > 0; --i) std::swap(z.words[i], z.words[r.below(i + 1)]);
  z.cdf.resize(z.words.size());
  double sum = 0;
  for (std::size_t i = 0; i < z.words.size(); ++i) z.cdf[i] = sum += 1.0 / static_cast<double>(i + 1);
  return true;
}

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// One word damaged as OCR damages words. Sets *join when the word should be
// glued to the next one (the space between them lost).
std::string ocr_word(std::string w, Rng& r, bool* join) {
  auto find_any = [&](const char* set) -> std::size_t {  // a random occurrence
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < w.size(); ++i)
      if (std::strchr(set, w[i])) at.push_back(i);
    return at.empty() ? std::string::npos : at[r.below(at.size())];
  };
  std::vector<std::size_t> letters;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (ascii_letter(w[i])) letters.push_back(i);
  if (letters.empty()) return w;
  for (int attempt = 0; attempt < 4; ++attempt) {
    std::size_t p;
    switch (r.below(10)) {
      case 0:  // rn <-> m
        if ((p = w.find("rn")) != std::string::npos) return w.replace(p, 2, "m");
        if ((p = find_any("m")) != std::string::npos) return w.replace(p, 1, "rn");
        break;
      case 1:  // l / 1 / i / I
        if ((p = find_any("l")) != std::string::npos) return w.replace(p, 1, r.chance(50) ? "1" : "i");
        if ((p = find_any("iI")) != std::string::npos) return w.replace(p, 1, r.chance(50) ? "l" : "1");
        break;
      case 2:  // e -> é or c
        if ((p = find_any("e")) != std::string::npos) return w.replace(p, 1, r.chance(50) ? "\xC3\xA9" : "c");
        break;
      case 3:  // o -> 0
        if ((p = find_any("oO")) != std::string::npos) return w.replace(p, 1, "0");
        break;
      case 4:  // a letter dropped
        if (w.size() > 3) return w.erase(letters[r.below(letters.size())], 1);
        break;
      case 5:  // a letter doubled
        p = letters[r.below(letters.size())];
        return w.insert(p, 1, w[p]);
      case 6:  // split in two
        if (w.size() > 5) {
          p = 2 + r.below(w.size() - 3);
          if (ascii_letter(w[p - 1]) && ascii_letter(w[p])) return w.insert(p, " ");
        }
        break;
      case 7:  // joined with the next word
        *join = true;
        return w;
      case 8:  // hyphenated across a line break
        if (w.size() > 6) {
          p = 3 + r.below(w.size() - 5);
          if (ascii_letter(w[p - 1]) && ascii_letter(w[p])) return w.insert(p, "-\n");
        }
        break;
      default:  // c/e, n/u, h/b
        if ((p = find_any("c")) != std::string::npos) return w.replace(p, 1, "e");
        if ((p = find_any("n")) != std::string::npos) return w.replace(p, 1, "u");
        if ((p = find_any("h")) != std::string::npos) return w.replace(p, 1, "b");
        break;
    }
  }
  return w;
}

// Appends words to a paragraph, damaging `percent`% of them.
void put_words(std::string& para, const std::vector<std::string>& words, Rng& r, int percent) {
  bool join = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!para.empty() && !join) para += ' ';
    join = false;
    para += r.chance(percent) ? ocr_word(words[i], r, &join) : words[i];
  }
}

// A sentence of 6-22 words: a third function words, the rest drawn by rank.
std::vector<std::string> zipf_sentence(const ZipfWords& z, Rng& r) {
  std::vector<std::string> s;
  const int n = 6 + static_cast<int>(r.below(17));
  for (int i = 0; i < n; ++i) {
    s.push_back(r.chance(33) ? r.pick(kFunctionWords) : z.draw(r));
    if (i + 1 < n && r.chance(6)) s.back() += ',';
  }
  if (ascii_letter(s[0][0]) && s[0][0] >= 'a') s[0][0] = static_cast<char>(s[0][0] - 'a' + 'A');
  s.back() += '.';
  return s;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t sp = s.find(' ', i);
    if (sp == std::string::npos) sp = s.size();
    if (sp > i) out.push_back(s.substr(i, sp - i));
    i = sp + 1;
  }
  return out;
}

// A paragraph of drawn sentences; with `domain`, one of the ordinary report
// sentences among them (so that domain words and phrases occur too).
std::string zipf_paragraph(const ZipfWords& z, Rng& r, int year, bool domain) {
  std::string para;
  const int ns = 2 + static_cast<int>(r.below(6));
  const int at = domain ? static_cast<int>(r.below(static_cast<std::size_t>(ns))) : -1;
  for (int k = 0; k < ns; ++k) {
    if (k == at) put_words(para, split_words(r.chance(50) ? r.pick(kSentences) : varied_sentence(r, year)), r, 20);
    else put_words(para, zipf_sentence(z, r), r, 20);
  }
  return para;
}

std::string zipf_heading(const ZipfWords& z, Rng& r) {
  std::string h;
  const int n = 1 + static_cast<int>(r.below(4));
  for (int i = 0; i < n; ++i) h += (i ? " " : "") + z.draw(r);
  if (ascii_letter(h[0]) && h[0] >= 'a') h[0] = static_cast<char>(h[0] - 'a' + 'A');
  return h;
}

std::string zipf_report(const ZipfWords& z, Rng& r, int year, int quarter, std::size_t target, int* zaak,
                        const char** kind) {
  static const char* kOrd[] = {"eerste", "tweede", "derde", "vierde"};
  std::string out = " " + r.pick(kOrganisations) + " \n\n";
  const std::size_t roll = r.below(100);
  if (roll < 50) {
    *kind = "kwartaalrapportage";
    out += " Kwartaalrapportage " + std::string(kOrd[quarter - 1]) + " kwartaal " + std::to_string(year) + " \n\n";
  } else if (roll < 75) {
    *kind = "rapport";
    out += " Rapport " + r.pick(kTitles) + " \n\n" + std::to_string(1 + r.below(28)) + " " + r.pick(kMonths) +
           " " + std::to_string(year) + " \n\n";
  } else if (roll < 90) {
    *kind = "jaarverslag";
    out += " Jaarverslag klachtbehandeling " + std::to_string(year) + " \n\n";
  } else {
    *kind = "rekenkameronderzoek";
    out += " Rekenkameronderzoek " + std::to_string(year) + " \n\n";
  }
  out += "1. Inleiding \n\n";
  wrap(out, zipf_paragraph(z, r, year, true), r);
  int chapter = 2, page = 2;
  while (out.size() < target) {
    if (r.chance(40)) {  // case summaries, as in a quarterly report
      out += std::to_string(chapter) + ". Samenvatting dossiers \n\n";
      const int sections = 1 + static_cast<int>(r.below(3));
      for (int s = 1; s <= sections && out.size() < target; ++s) {
        out += std::to_string(chapter) + "." + std::to_string(s) + ". " + r.pick(kAfdelingen) + " \n\n";
        const int ncases = 1 + static_cast<int>(r.below(5));
        for (int c = 0; c < ncases && out.size() < target; ++c) {
          out += std::to_string((*zaak)++) + " \xE2\x80\x93 " + r.pick(kTitles) + " \n";
          const int np = 1 + static_cast<int>(r.below(2));
          for (int k = 0; k < np; ++k) wrap(out, zipf_paragraph(z, r, year, k == 0), r);
        }
      }
    } else {
      out += std::to_string(chapter) + " " + zipf_heading(z, r) + " \n\n";
      const int np = 2 + static_cast<int>(r.below(5));
      for (int k = 0; k < np && out.size() < target; ++k) {
        wrap(out, zipf_paragraph(z, r, year, r.chance(15)), r);
        if (r.chance(15)) page_break(out, r, &page, *kind);
      }
    }
    ++chapter;
  }
  return out;
}

// Writes reports of 2-200 kB (log-uniform) until about `total` bytes, at most
// `max_files`; and DIR.words, the shuffled list in rank order.
bool zipf_archive(const std::string& dir, const std::string& dict, Rng& r, std::size_t total, long max_files) {
  ZipfWords z;
  if (!load_zipf(dict, r, z)) {
    std::fprintf(stderr, "cannot read the word list %s (Debian: apt-get install wdutch)\n", dict.c_str());
    return false;
  }
  std::filesystem::path root(dir);
  std::filesystem::create_directories(root);
  {
    std::ofstream w(root.string() + ".words", std::ios::binary);
    for (const auto& word : z.words) w << word << '\n';
    if (!w) return false;
  }
  const double lo = std::log(2000.0), hi = std::log(200000.0);
  std::size_t written = 0;
  int zaak = 100000;  // six digits: never read as a year
  for (long n = 0; written < total && n < max_files; ++n) {
    const int year = 2010 + static_cast<int>(n % 16);
    const int q = 1 + static_cast<int>((n / 16) % 4);
    const double u = static_cast<double>(r.next() >> 11) * 0x1.0p-53;
    const auto target = static_cast<std::size_t>(std::exp(lo + u * (hi - lo)));
    const char* kind = nullptr;
    const std::string rep = zipf_report(z, r, year, q, target, &zaak, &kind);
    const auto sub = root / std::to_string(year);
    std::filesystem::create_directories(sub);
    char name[96];
    std::snprintf(name, sizeof name, "%s-%d-q%d-%05ld.txt", kind, year, q, n);
    std::ofstream f(sub / name, std::ios::binary);
    f << rep;
    if (!f) return false;
    written += rep.size();
  }
  return true;
}

void usage() {
  std::fprintf(stderr,
               "usage: omb_gen_archive --out DIR [--mb N] [--files N] [--seed N]\n"
               "       omb_gen_archive --single FILE [--mb N] [--seed N]\n"
               "       omb_gen_archive --dense line|lines|table|prose --single FILE [--mb N] [--seed N]\n"
               "       omb_gen_archive --series DIR --change K [--seed N]   (K: 0-43, or -1 for none)\n"
               "       omb_gen_archive --zipf DIR [--mb N] [--files N] [--seed N] [--dict FILE]\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, single, shape, series, zipf, dict = "/usr/share/dict/dutch";
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
    else if (a == "--zipf") zipf = val();
    else if (a == "--dict") dict = val();
    else { usage(); return 2; }
  }
  Rng r{seed};
  if (!zipf.empty()) {
    bool files_given = false;
    for (int i = 1; i < argc; ++i) files_given = files_given || std::string(argv[i]) == "--files";
    if (mb <= 0 || files <= 0) { usage(); return 2; }
    if (!zipf_archive(zipf, dict, r, static_cast<std::size_t>(mb * 1e6), files_given ? files : 1L << 40)) {
      std::fprintf(stderr, "cannot write %s\n", zipf.c_str());
      return 1;
    }
    return 0;
  }
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
