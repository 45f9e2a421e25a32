#!/usr/bin/env python3
"""Writes the sample archive in corpus/ (deterministic; run from anywhere).

Every sentence here was written for ombudsmine; none is taken from a real
report. The archive imitates what ombudsmen and audit offices publish, as
PDF-to-text output: quarterly reports per department cluster with case
summaries, investigation reports with an oordeel, annual complaint reports
with tables (one as a markdown conversion), and audit-office studies, with
OCR damage (ë read as é, fh read as th, ligatures, broken lines, hyphenation,
page-break remnants, odd bullets).

Planted signal: in the afdeling "Werk en Re-integratie" the theme
communicatie recurs and rises from the third quarter of 2021 on.
"""
import os
import random
import textwrap

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
R = random.Random(20261122)

ORG = "Gemeente Amstelveld"
OMBUDS = "Ombudsman Amstelveld"
CLUSTER = "rve Werk"
AFDELINGEN = ["Koers naar Werk", "Werk en Re-integratie", "Werkgeversservicepunt", "Werk Opleiding en Jongeren"]
ORD = ["eerste", "tweede", "derde", "vierde"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]

# (who, gender): m or v
PEOPLE = [("Een man", "m"), ("Een vrouw", "v"), ("Een jonge vader", "m"), ("Een alleenstaande moeder", "v"),
          ("Een oudere man", "m"), ("Een studente", "v"), ("Een ondernemer", "m"),
          ("Een vrouw met een bijstandsuitkering", "v")]
PRON = {"m": {"zijn": "zijn", "hij": "hij", "hem": "hem", "o": "de man"},
        "v": {"zijn": "haar", "hij": "zij", "hem": "haar", "o": "de vrouw"}}

# Case parts per theme: the problem as the citizen tells it.
PROBLEM = {
    "communicatie": [
        "{p} zegt dat de klantmanager afspraken anders uitlegt dan ze gemaakt zijn en dat niemand terugbelt.",
        "{p} krijgt over hetzelfde traject drie brieven die elkaar tegenspreken en weet niet meer wat er van {hem} verwacht wordt.",
        "{p} heeft na het intakegesprek niets meer gehoord; op vragen per e-mail komt geen antwoord.",
        "{p} vertelt dat de medewerker in het gesprek onduidelijk bleef over de gevolgen van het weigeren van een aanbod.",
        "{p} begrijpt niet waarom {zijn} traject is gestopt; de klantmanager heeft dat nooit uitgelegd.",
        "{p} wordt telkens doorverwezen naar een andere medewerker en moet steeds opnieuw {zijn} hele verhaal doen.",
    ],
    "bejegening": [
        "{p} voelt zich vernederd door de manier waarop de klantmanager over {zijn} situatie sprak.",
        "{p} zegt dat de medewerker aan de balie {hem} uitlachte toen {hij} om uitleg vroeg.",
        "{p} vindt dat er op een kleinerende toon tegen {hem} is gesproken tijdens het huisbezoek.",
    ],
    "afhandelingsduur": [
        "{p} wacht al twaalf weken op een besluit over {zijn} aanvraag, terwijl de wettelijke termijn acht weken is.",
        "{p} heeft een klacht ingediend maar na zes weken nog steeds geen besluit gekregen.",
        "{p} zegt dat de betaling van {zijn} uitkering al twee maanden achterloopt.",
    ],
    "bereikbaarheid": [
        "{p} kan de afdeling telefonisch niet bereiken; na een half uur in de wacht wordt de verbinding verbroken.",
        "{p} heeft het algemene nummer tientallen keren gebeld zonder iemand te spreken.",
    ],
    "terugvordering": [
        "{p} moet ruim 4.300 euro terugbetalen omdat inkomsten uit bijbaantjes te laat zijn doorgegeven.",
        "{p} krijgt een terugvordering en een boete, terwijl {hij} de wijziging volgens eigen zeggen wel heeft gemeld.",
    ],
    "privacy": [
        "{p} ontdekt dat {zijn} medische gegevens zonder toestemming met een re-integratiebedrijf zijn gedeeld.",
    ],
    "maatwerk": [
        "{p} vraagt om uitstel van de sollicitatieplicht vanwege de zorg voor een ziek kind, maar krijgt een standaardbrief.",
        "{p} wil een opleiding afmaken in plaats van het aangeboden werk en vraagt de gemeente om maatwerk.",
    ],
}

ACTION = [
    "De ombudsman vraagt de afdeling om een toelichting en om contact op te nemen met {o}.",
    "De ombudsman legt de klacht voor aan de teamleider en vraagt om een reactie binnen twee weken.",
    "De ombudsman bemiddelt en organiseert een gesprek tussen {o} en de afdeling.",
    "De ombudsman belt met de klantmanager en vraagt wat er is misgegaan.",
]
OUTCOME_CLOSED = [
    "De afdeling erkent dat het beter had gekund en biedt excuses aan. De ombudsman sluit het dossier.",
    "Er komt een nieuwe afspraak met een andere klantmanager. {O} is daar tevreden over en de ombudsman sluit het dossier.",
    "De gemeente neemt alsnog een besluit en betaalt het achterstallige bedrag uit. Het dossier is gesloten.",
    "De afdeling legt schriftelijk uit hoe het traject verder gaat. Daarmee is de zaak afgerond.",
]
OUTCOME_OPEN = [
    "De reactie van de afdeling laat op zich wachten. De zaak loopt nog.",
    "De ombudsman wacht op het resultaat van het gesprek; het dossier blijft open.",
]
TITLES = {
    "communicatie": ["Niemand belt terug", "Tegenstrijdige brieven", "Onduidelijk gesprek", "Stilte na de intake", "Mis communicatie", "Van loket naar loket"],
    "bejegening": ["Kleinerende toon", "Uitgelachen", "Vernederd"],
    "afhandelingsduur": ["Lang wachten", "Nog geen besluit", "Betaling blijft uit"],
    "bereikbaarheid": ["Onbereikbaar", "In de wacht"],
    "terugvordering": ["Terugvordering", "Boete onterecht"],
    "privacy": ["Gegevens gedeeld"],
    "maatwerk": ["Maatwerk gevraagd", "Opleiding of werk"],
}

# Communicatie cases per quarter in Werk en Re-integratie: low, then rising.
def planted(year, q):
    t = (year - 2018) * 4 + (q - 1)  # 0 = 2018Q1
    if t >= 14:  # from 2021Q3
        return 2 + (t - 14) // 2 + (1 if t % 2 else 0)
    return 1 if t % 5 == 2 else 0


def damage(text, level):
    """OCR damage; level 0 none, 1 light, 2 heavy."""
    if level == 0:
        return text
    reps = [("ë", "é"), ("ï", "i"), ("afh", "afth"), ("onafh", "onath"), ("fi", "ﬁ"), ("fl", "ﬂ")]
    out = []
    for w in text.split(" "):
        for a, b in reps:
            if a in w and R.random() < (0.35 if level == 1 else 0.8):
                w = w.replace(a, b, 1)
        out.append(w)
    return " ".join(out)


def wrap(par, width=96, hyphenate=True):
    """pdftotext-like: lines of about `width`, trailing space, some words split at the line end."""
    lines = textwrap.wrap(par, width=width, break_long_words=False, break_on_hyphens=False)
    res = []
    carry = ""
    for ln in lines:
        ln = carry + ln
        carry = ""
        words = ln.split(" ")
        last = words[-1]
        if hyphenate and len(last) > 10 and last.isalpha() and R.random() < 0.25 and ln is not lines[-1]:
            cut = len(last) // 2
            words[-1] = last[:cut] + "-"
            carry = last[cut:] + " "
            ln = " ".join(words)
            res.append(ln)
            continue
        res.append(ln + " ")
    if carry:
        res.append(carry.rstrip() + " ")
    return "\n".join(res) + "\n"


def case_text(theme, level):
    p, g = R.choice(PEOPLE)
    pr = PRON[g]
    o = pr["o"]
    parts = [R.choice(PROBLEM[theme]).format(p=p, **pr)]
    parts.append(R.choice(ACTION).format(o=o))
    closed = R.random() < 0.8
    parts.append((R.choice(OUTCOME_CLOSED) if closed else R.choice(OUTCOME_OPEN)).format(O=o[0].upper() + o[1:]))
    return damage(" ".join(parts), level), closed


def quarterly(year, q, zaak):
    level = 1 if year <= 2019 else (2 if (year, q) in [(2021, 2), (2022, 1)] else 0)
    cases = {a: [] for a in AFDELINGEN}
    for _ in range(planted(year, q)):
        cases["Werk en Re-integratie"].append("communicatie")
    background = ["bejegening", "afhandelingsduur", "bereikbaarheid", "terugvordering", "maatwerk", "communicatie", "privacy"]
    for a in AFDELINGEN:
        for _ in range(R.choice([0, 1, 1, 2])):
            th = R.choice(background)
            if a == "Werk en Re-integratie" and th == "communicatie":
                th = "afhandelingsduur"
            cases[a].append(th)
    for a in AFDELINGEN:
        R.shuffle(cases[a])
    total = sum(len(v) for v in cases.values())
    prev_total = total + R.choice([-3, -2, -1, 1, 2, 4])
    out = []
    out.append(f" {total}  verzoeken {CLUSTER}: {'stijging' if total > prev_total else 'daling'} \n\n")
    out.append(f" {OMBUDS} \n\n")
    out.append("1. Inleiding \n \n")
    intro = (f"Dit is de {ORD[q-1]} kwartaalrapportage van {year} over de {CLUSTER} van de {ORG}. "
             f"De {CLUSTER} bestaat uit de afdelingen Koers naar Werk, Werk en Re-integratie, het Werkgeversservicepunt "
             f"en Werk Opleiding en Jongeren. In dit kwartaal ontving de ombudsman {total} verzoeken over de {CLUSTER}, "
             f"tegen {max(prev_total, 0)} in het vorige kwartaal.")
    out.append(wrap(damage(intro, level)))
    out.append("\n2. Signaleringen \n\n")
    numbered = []
    for a in AFDELINGEN:
        for th in cases[a]:
            numbered.append((a, th, zaak))
            zaak += 1
    comm = [z for a, th, z in numbered if th == "communicatie"]
    if comm:
        refs = ", ".join(f"zaaknummer {z}" for z in comm)
        sig = (f"De ombudsman ziet dit kwartaal opnieuw klachten over de communicatie van de afdelingen met burgers "
               f"(zie {refs}). Afspraken worden niet nagekomen en brieven spreken elkaar tegen.")
        if len(comm) >= 3:
            sig += " Dit patroon keert nu al enkele kwartalen terug bij Werk en Re-integratie."
        out.append("2.1. Communicatie \n")
        out.append(wrap(damage(sig, level)))
    else:
        out.append(wrap("De ombudsman heeft dit kwartaal geen bijzondere signalen."))
    out.append("\n3. Cijfers \n\n")
    out.append(" Afdeling Aantal \n")
    for a in AFDELINGEN:
        out.append(f" {a} {len(cases[a])} \n")
    out.append(f" Totaal {total} \n\n")
    out.append(f"\f {ORD[q-1].capitalize()} kwartaalrapportage {year} \n\n 2 \n\n")
    out.append("4. Samenvatting dossiers \n \n")
    sec = 1
    for a in AFDELINGEN:
        mine = [(th, z) for aa, th, z in numbered if aa == a]
        if not mine:
            continue
        out.append(f"4.{sec}. {a} \n \n")
        sec += 1
        for th, z in mine:
            dash = R.choice(["–", "-", "–"])
            out.append(f"{z} {dash} {R.choice(TITLES[th])} \n")
            txt, _ = case_text(th, level)
            out.append(wrap(txt))
            out.append("\n")
    out.append("Heeft u vragen over deze rapportage? Bel 014 020 of mail ombudsman@amstelveld.example. \n")
    return "".join(out), zaak


RAPPORTEN = [
    (2014, 3, 12, "RA1402218", "Boete zonder hoorgesprek", "Dienst Werk en Inkomen", "zorgvuldigheid", False,
     "De dienst legt verzoeker een boete op zonder hem eerst te horen. Verzoeker krijgt de beschikking per post en "
     "kan zijn kant van het verhaal niet meer vertellen. Hij dient een klacht in, die de dienst ongegrond verklaart."),
    (2015, 11, 3, "RA1503877", "Klantmanager onbereikbaar", "Dienst Werk en Inkomen", "voortvarendheid", False,
     "Verzoekster probeert maandenlang haar klantmanager te bereiken over een wijziging in haar inkomen. Zij laat "
     "berichten achter die niet worden beantwoord. De dienst verklaart haar klacht gedeeltelijk gegrond."),
    (2017, 4, 18, "RA1700451", "Onheuse opmerking bij huisbezoek", "Dienst Werk en Inkomen", "correcte bejegening", False,
     "Tijdens een huisbezoek maakt een handhaver een opmerking over de inrichting van de woning van verzoekster. Zij "
     "voelt zich gekwetst en dient een klacht in. De dienst verklaart de klacht ongegrond."),
    (2018, 9, 27, "RA1801934", "Informatie over de kostendelersnorm", "Dienst Werk en Inkomen", "goede informatieverstrekking", False,
     "Verzoeker krijgt te horen dat het inwonen van zijn zoon geen gevolgen heeft voor zijn uitkering. Een half jaar "
     "later volgt een terugvordering. De dienst verklaart de klacht over de informatie gegrond."),
    (2020, 2, 14, "RA2000318", "Aanvraag op tijd behandeld", "Dienst Werk en Inkomen", "voortvarendheid", True,
     "Verzoekster klaagt dat de behandeling van haar aanvraag bijzondere bijstand te lang heeft geduurd. Uit het "
     "onderzoek blijkt dat de dienst binnen de termijn heeft beslist en haar tussentijds heeft geïnformeerd."),
    (2021, 6, 8, "RA2101125", "Geen uitleg bij stopzetting", "Dienst Werk en Inkomen", "motivering", False,
     "De dienst zet de uitkering van verzoeker stop. In de beschikking staat niet waarom. Verzoeker hoort pas na "
     "drie weken van de klantmanager dat een formulier ontbrak."),
]


def rapport(year, month, day, ra, title, dienst, vereiste, behoorlijk, summary, level):
    out = []
    out.append(f"Rapport {OMBUDS}\n\n{title}\n{ORG}\n{dienst}\n\n{day} {MONTHS[month-1]} {year}\n{ra}\n\n")
    out.append("Samenvatting\n\n")
    out.append(wrap(damage(summary, level), 95, False))
    verdict = ("De dienst heeft behoorlijk gehandeld." if behoorlijk else
               f"De dienst heeft in strijd met het vereiste van {vereiste} gehandeld.")
    out.append("\nOordeel\n\n" + verdict + "\n\f")
    out.append(f" Verzoek\n\nHet verzoek tot onderzoek is op |{R.randint(1,9)} {MONTHS[(month+8)%12]} {year-1 if month < 4 else year} "
               f"schriftelijk ingediend en betreft de {ORG}, {dienst}.\n\n")
    out.append("Bevindingen\n\n")
    body = ("Verzoeker heeft eerst een klacht ingediend bij de dienst. De klachtbehandelaar heeft hem gehoord en "
            "een klachtafdoeningsbrief gestuurd. Verzoeker vond de afhandeling niet onafhankelijk en wendde zich "
            "daarom tot de ombudsman. De dienst heeft op de bevindingen gereageerd en daarin erkend dat de "
            "communicatie met verzoeker beter had gekund. Verzoeker heeft laten weten dat hij zich niet gehoord voelde.")
    out.append(wrap(damage(body, level), 95, True))
    out.append("\nBeoordeling\n\n")
    norm = (f"Het vereiste van {vereiste} houdt in dat de overheid zich bij haar handelen laat leiden door wat van een "
            f"zorgvuldig werkend bestuursorgaan mag worden verwacht.")
    out.append(wrap(damage(norm, level), 95, False))
    out.append("\n" + ("Er is geen reden de dienst iets te verwijten." if behoorlijk else
                       "De dienst heeft dat in dit geval niet gedaan.") + "\n\n")
    out.append("Oordeel\n\n" + verdict + "\n")
    return "".join(out)


ZUIDER_AFD = ["Publiekszaken", "Belastingen", "Parkeren en Handhaving", "Sociaal Domein", "Openbare Ruimte", "Vergunningen"]


def jaarverslag(year, markdown):
    rng = random.Random(year)
    counts = {a: [rng.randint(2, 30) for _ in range(3)] for a in ZUIDER_AFD}
    outcome = {k: [rng.randint(1, 25) for _ in range(3)] for k in
               ["Gegrond", "Gedeeltelijk gegrond", "Ongegrond", "Niet ontvankelijk", "Ingetrokken"]}
    ys = [year, year - 1, year - 2]
    out = []
    if markdown:
        out.append(f"# Jaarverslag klachtbehandeling {year}\n\n**Gemeente Zuiderhaven**\n\n")
        out.append("## 1. Inleiding\n\n")
    else:
        out.append(f" Jaarverslag klachtbehandeling {year} \n\n Gemeente Zuiderhaven \n\n1 Inleiding \n\n")
    intro = (f"In {year} ontving de gemeente Zuiderhaven {sum(c[0] for c in counts.values())} klachten. De klachtcoördinator "
             f"behandelt klachten over gedragingen van medewerkers volgens hoofdstuk 9 van de Awb. Het college is "
             f"onderverdeeld in de afdelingen {', '.join(ZUIDER_AFD[:-1])} en {ZUIDER_AFD[-1]}.")
    out.append(wrap(intro, 95, False) + "\n")
    if markdown:
        out.append("## 2. Klachten per afdeling\n\n")
        out.append(f"| Afdeling | {ys[0]} | {ys[1]} | {ys[2]} |\n|---|---:|---:|---:|\n")
        for a, c in counts.items():
            out.append(f"| {a} | {c[0]} | {c[1]} | {c[2]} |\n")
        out.append("\n## 3. Uitkomst\n\n")
        out.append(f"| Uitkomst | {ys[0]} | {ys[1]} | {ys[2]} |\n|---|---:|---:|---:|\n")
        for k, c in outcome.items():
            out.append(f"| {k} | {c[0]} | {c[1]} | {c[2]} |\n")
        out.append("\n## 4. Onderwerpen\n\n")
        bullets = "- "
    else:
        out.append("2 Klachten per afdeling \n\n")
        out.append(f" Afdeling {ys[0]} {ys[1]} {ys[2]} \n")
        for a, c in counts.items():
            out.append(f" {a} {c[0]} {c[1]} {c[2]} \n")
        out.append("\n\f Jaarverslag klachtbehandeling \n\n 3 \n\n3 Uitkomst \n\n")
        out.append(f" Uitkomst {ys[0]} {ys[1]} {ys[2]} \n")
        for k, c in outcome.items():
            out.append(f" {k} {c[0]} {c[1]} {c[2]} \n")
        out.append("\n4 Onderwerpen \n\n")
        bullets = R.choice(["¢ ", "\uf0b7 ", "» ", "e "])
    topics = [
        "Klachten over de bereikbaarheid van Publiekszaken namen toe na de invoering van werken op afspraak.",
        "Bij Belastingen ging het vooral om de afhandelingsduur van bezwaren tegen de WOZ-waarde.",
        "Bij Parkeren en Handhaving klaagden bewoners over de bejegening door handhavers op straat.",
        "Bij Sociaal Domein ging een groot deel van de klachten over communicatie: brieven die niet werden begrepen en terugbelverzoeken zonder antwoord.",
    ]
    for t in topics:
        out.append(bullets + t + "\n")
    out.append("\n")
    return "".join(out)


def rekenkamer(year, topic):
    out = [f" Rekenkamercommissie Amstelveld \n\n {topic} \n\n Onderzoek naar de dienstverlening aan inwoners \n\n"
           f" {R.randint(1, 28)} {R.choice(MONTHS)} {year} \n\f"]
    out.append("Voorwoord \n\n")
    out.append(wrap(damage("De raad vroeg de rekenkamercommissie om te onderzoeken hoe inwoners het contact met de "
                           "gemeente ervaren. Wij danken alle inwoners en medewerkers die hun ervaringen met ons deelden. "
                           "Het onderzoek werd uitgevoerd met hulp van het onderzoeksbureau I&O Research.", 2), 95, False))
    out.append(wrap("De enquéte van I&0O Research werd door 412 inwoners ingevuld; de resultaten staan in bijlage 2.", 95, False))
    out.append("\n1 Inleiding \n\n1.1 Aanleiding \n\n")
    para = ("Signalen uit de raad wezen op problemen in de communicatie tussen de gemeente en inwoners met een "
            "uitkering. Inwoners gaven aan dat zij brieven niet begrepen en geen contactpersoon konden bereiken. "
            "De rekenkamercommissie onderzocht daarom de bereikbaarheid, de informatievoorziening en de bejegening. "
            "Ook is gekeken naar de klachtbehandeling en de onafhankelijke cliëntondersteuning.")
    out.append(wrap(damage(para, 2), 95, True))
    out.append("\n 12% \n Figuur 2 tevredenheid per jaar rnaatv 7 Ge) ii 4 Bq \n oordeel bwoners, ] 8 ‚ \n\n")
    out.append("2 Conclusies en aanbevelingen \n\n")
    bullets = "\uf0b7 "
    for c in ["Inwoners zijn overwegend tevreden over de bejegening door medewerkers.",
              "De communicatie in brieven is te ingewikkeld; ideeën van inwoners worden weinig gebruikt.",
              "De gemeente is telefonisch slecht bereikbaar voor inwoners zonder computer.",
              "Klachten worden laat afgehandeld; de termijn van zes weken wordt vaak overschreden."]:
        out.append(bullets + damage(c, 2) + " \n")
    out.append("\n")
    return "".join(out)


def main():
    written = []

    def put(rel, text, encoding="utf-8"):
        path = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding=encoding, newline="\n") as f:
            f.write(text)
        written.append(rel)

    zaak = 214
    for year in range(2018, 2023):
        for q in range(1, 5):
            text, zaak = quarterly(year, q, zaak)
            put(f"{year}/kwartaalrapportage-{year}-q{q}-rve-werk.txt", text)
    for i, (y, m, d, ra, title, dienst, ver, ok, summ) in enumerate(RAPPORTEN):
        put(f"{y}/rapport-{y}-{ra.lower()}.txt", rapport(y, m, d, ra, title, dienst, ver, ok, summ, 1 if i % 2 == 0 else 0))
    # Older files from another office: Windows-1252, and UTF-8 with a BOM.
    put("2015/jaarverslag-klachten-2015-zuiderhaven.txt", jaarverslag(2015, False).replace("\uf0b7", "-"), "cp1252")
    put("2017/jaarverslag-klachten-2017-zuiderhaven.txt", jaarverslag(2017, False), "utf-8-sig")
    put("2019/jaarverslag-klachten-2019-zuiderhaven.txt", jaarverslag(2019, False))
    put("2021/jaarverslag-klachten-2021-zuiderhaven.md", jaarverslag(2021, True))
    put("2016/rekenkamer-2016-dienstverlening-werk.txt", rekenkamer(2016, "Dichtbij en duidelijk?"))
    put("2023/rekenkamer-2023-contact-met-inwoners.txt", rekenkamer(2023, "Bereikbaar voor iedereen?"))
    # The same report saved twice by a colleague: stored once, both paths kept.
    with open(os.path.join(OUT, "2019/kwartaalrapportage-2019-q2-rve-werk.txt"), encoding="utf-8") as f:
        put("2019/kopie van kwartaalrapportage Q2 2019.txt", f.read())
    print(f"{len(written)} files written to corpus/ ({len(written) - 1} distinct documents)")


if __name__ == "__main__":
    main()
