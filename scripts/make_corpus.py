"""Write the sample corpus (corpus/): four small documents of two regions, in four formats.

    .venv/bin/python scripts/make_corpus.py            # rewrites corpus/
    .venv/bin/python scripts/make_corpus.py --out DIR  # somewhere else (the tests do this)

Everything in these documents is written for this corpus: the region names are real, the
actions, dates, figures and the names of local enterprises are made up. They follow the genre
(priority headings of the framework of their period, bullets with a "Commentaar:", titled
activities, an action-plan table with actie / beoogd resultaat / trekker / partners) so that
`mine ingest corpus/` exercises every reader and every stage in well under a minute:

| file | region | what | framework | format |
|---|---|---|---|---|
| meetjesland-werkingsverslag-2022.pdf | Meetjesland | report 2022 | SE-2020 | born-digital PDF, running header and footer |
| meetjesland-werkingsverslag-2021-scan.pdf | Meetjesland | report 2021 | SE-2020 | scanned PDF (image only, OCR) |
| noorderkempen-actieplan-2024.docx | Noorderkempen | plan 2024 | WSE-2023 | DOCX: Heading styles, bullets, tables |
| noorderkempen-jaarverslag-2023.md | Noorderkempen | report 2023 | WSE-2023 | Markdown |

The same script gives the same bytes on the same library versions (reportlab's invariant mode,
fixed DOCX timestamps); tests/test_corpus.py compares the text, which holds across versions.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.fixtures import make_docx, make_pdf, make_scan

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# --------------------------------------------------------------------------------------------
# Meetjesland, werkingsverslag 2022 (framework 2020-2022: three priorities and the optional one)

MEETJESLAND_2022 = """\
# Regierol sociale economie

## Werkingsverslag werkingsjaar 2022 - regio Meetjesland

De acht lokale besturen van het Meetjesland (Aalter, Assenede, Eeklo, Kaprijke, Lievegem, Maldegem, Sint-Laureins en Zelzate) vullen de regierol sociale economie samen in. De regisseur werkt vanuit de stad Eeklo, voor 0,8 VTE ten dienste van de hele regio. Per prioriteit van het Vlaamse kader 2020-2022 lees je hieronder wat we in 2022 gepland hadden en wat ervan terechtkwam.

## 1. De lokale sociale economie verder uitbouwen

• We brengen het regionale aanbod aan arbeidszorg en arbeidsmatige activiteiten in kaart, zodat trajectbegeleiders van de sociale diensten sneller een passende werkplek vinden.

Commentaar: In het voorjaar bezocht de regisseur 14 werkvloeren van arbeidszorg en maatwerk. De inventaris met 38 werkplekken staat sinds 1 juni 2022 op de website van de regio en werd toegelicht op het lerend netwerk trajectbegeleiding. Het Sociaal Huis Maldegem en het OCMW Eeklo gebruiken de lijst intussen bij elke intake door de OCMW-
trajectbegeleiders.

• Lokale diensteneconomie: we ondersteunen de gemeenten die een LDE-initiatief willen erkennen of uitbreiden (strijkatelier, buurtrestaurant, klusjesdienst).

Commentaar: Samen met de VVSG en het departement WSE organiseerden we op 22 september 2022 een infosessie over het vernieuwde LDE-decreet, met 17 deelnemers uit 6 gemeenten. Zelzate en Assenede dienden samen een aanvraag in voor 3,5 VTE doelgroepwerknemers in het gedeelde strijkatelier. De beslissing volgt in 2023.

• Met De Kringwinkel Meetjesland en maatwerkbedrijf Werkhuis Eeklo starten we een sociaal-circulair fietsatelier.

Commentaar: Het fietsatelier opende op 3 oktober 2022 in Maldegem. Tot eind december werden 126 fietsen hersteld en 41 fietsen tegen een sociaal tarief verkocht. Vier doelgroepwerknemers kregen er een vaste plaats. De bijdrage vanuit de regierol bedroeg € 7 500.

## 2. Netwerking op het grondgebied stimuleren

• Het regionaal overleg sociale economie (ROSE Meetjesland) komt drie keer per jaar samen en stuurt de agenda van de regisseur bij.

Commentaar: ROSE vergaderde op 15 februari, 21 juni en 8 november 2022, telkens met een 25-tal aanwezigen. Terugkerende punten waren de personeelstekorten in de maatwerkbedrijven, de nieuwe regels voor collectief maatwerk en de voorbereiding van het actieplan 2023-2025.

• Jaarlijks brengen we sociale ondernemingen en reguliere werkgevers samen op een ontmoetingsdag.

Commentaar: De Dag van de sociale onderneming vond plaats op 13 oktober 2022 in Eeklo, in samenwerking met UNIZO Meetjesland en Voka Oost-Vlaanderen. 52 ondernemers bezochten de werkvloeren van vier sociale ondernemingen. Daaruit groeiden drie samenwerkingen in onderaanneming: verpakking, groenonderhoud en catering.

• Lerend netwerk trajectbegeleiders: de OCMW-trajectbegeleiders, GTB en VDAB delen kennis en casussen.

Commentaar: Het netwerk kwam vijf keer samen, met gemiddeld 11 deelnemers. Aan bod kwamen artikel 60§7 in de zorg-
sector, de nieuwe tijdelijke werkervaring (TWE), taal- en rekenvaardigheden en taalondersteuning op de werkvloer, dat laatste met Ligo Oost-
Vlaanderen.

## 3. Maatschappelijk verantwoord ondernemen bevorderen

• We moedigen de lokale besturen aan om sociale clausules en voorbehouden opdrachten te gebruiken bij hun aankopen.

Commentaar: Met de aankoopdiensten van Eeklo en Aalter schreven we een modelbestek voor groenonderhoud als voorbehouden opdracht. Twee opdrachten, samen goed voor € 84 000, gingen in 2022 naar een maatwerkbedrijf. Een vorming voor aankopers van de andere gemeenten staat gepland in maart 2023.

• Kmo's uit de regio maken kennis met de duurzame ontwikkelingsdoelen (SDG's) via een korte begeleiding op maat.

Commentaar: Deze actie werd niet uitgevoerd. Door de wissel van regisseur in de zomer van 2022 schoof ze door naar het nieuwe actieplan.

## Facultatief: tewerkstelling van mensen met een afstand tot de arbeidsmarkt en samenwerking met VDAB

• Jongeren zonder diploma begeleiden we naar werk of opleiding in het project Jobfabriek.

Commentaar: VDAB, CAW Oost-Vlaanderen, het JAC en de jeugddiensten van Eeklo en Maldegem vormen de stuurgroep. In 2022 bereikte het project 47 jongeren: 19 vonden een job, 8 begonnen aan een opleiding.

• We sluiten met VDAB een samenwerkingsakkoord over de toeleiding van werkzoekenden naar maatwerk.

Commentaar: Het akkoord werd op 9 december 2022 ondertekend door de acht burgemeesters en de regiodirecteur van VDAB Oost-Vlaanderen.

## Overzicht in cijfers

| indicator | 2021 | 2022 |
| deelnemers ROSE-overleg | 61 | 74 |
| bezochte werkvloeren | 6 | 14 |
| jongeren in Jobfabriek | 31 | 47 |
| opdrachten met sociale clausule | 0 | 2 |
"""

# --------------------------------------------------------------------------------------------
# Meetjesland, werkingsverslag 2021: the paper copy that was signed, scanned (OCR)

MEETJESLAND_2021 = ["""\
# Regierol sociale economie

## Werkingsverslag werkingsjaar 2021 - regio Meetjesland

Goedgekeurd door de stuurgroep van 17 januari 2022. Dit is het tweede werkingsjaar van het meerjarenplan 2020-2025 voor de acht besturen van het Meetjesland.

## 1. De lokale sociale economie verder uitbouwen

• We zoeken een vaste plek voor het strijkatelier van Zelzate.

Commentaar: Sinds 1 april 2021 werkt het strijkatelier vanuit het voormalige schoolgebouw aan de Kanaalstraat. Er werken 6 doelgroepwerknemers en de klantenlijst groeide tot 212 gezinnen.

• De coördinatie van de arbeidszorg in de regio wordt versterkt.

Commentaar: Er kwam een werkgroep arbeidszorg met vijf organisaties. De financiële steun voor een gedeelde begeleider werd nog niet gevonden.

## 2. Netwerking op het grondgebied stimuleren
""", """\
• We starten een regionaal overleg sociale economie (ROSE Meetjesland).

Commentaar: De eerste bijeenkomst vond digitaal plaats op 11 maart 2021 met 19 deelnemers, daarna nog twee keer in Eeklo.

## 3. Maatschappelijk verantwoord ondernemen bevorderen

• Een campagne rond lokaal en sociaal aankopen bij de gemeentelijke diensten.

Commentaar: Uitgesteld naar 2022 wegens de coronamaatregelen.
"""]

# --------------------------------------------------------------------------------------------
# Noorderkempen, actieplan 2024 (framework 2023-2025: WSE-LR1..LR4), as DOCX

TABLE_HEAD = ["actie", "beoogd resultaat", "trekker", "partners"]

NOORDERKEMPEN_2024 = [
    ("h1", "Regierol sociale economie en werk: actieplan 2024"),
    ("p", "Regio Noorderkempen: Beerse, Hoogstraten, Merksplas, Rijkevorsel en Vosselaar. "
          "Goedgekeurd door de stuurgroep op 14 november 2023; het plan is het tweede jaar van het kader 2023-2025."),
    ("h2", "WSE-LR1 Het opnemen van de lokale regierol sociale economie en werk"),
    ("p", "De vijf besturen laten zich vertegenwoordigen door één regisseur (1 VTE, in dienst van Hoogstraten). "
          "In 2024 willen we het overleg vereenvoudigen en de cijfers per gemeente beter opvolgen."),
    ("bullet", "Eén regionale stuurgroep werk en sociale economie in plaats van drie losse overlegtafels."),
    ("bullet", "Een jaarlijkse cijferfiche per gemeente met werkzoekenden, leefloners en tewerkstelling in maatwerk."),
    ("table", [
        TABLE_HEAD,
        ["Stuurgroep werk en sociale economie", "vier vergaderingen in 2024 met alle schepenen van werk", "regisseur", "lokale besturen, VDAB"],
        ["Cijferfiche per gemeente", "fiche klaar tegen 30 april 2024", "regisseur", "Steunpunt Werk, VDAB"],
    ]),
    ("h2", "WSE-LR2 Tewerkstelling van mensen met een afstand tot de arbeidsmarkt bevorderen en drempels wegnemen"),
    ("p", "Mobiliteit en kinderopvang blijven de grootste drempels in onze landelijke regio."),
    ("bullet", "Wijk-werken: het aantal wijk-werkers verhogen en meer organisatoren uit de zorg aantrekken."),
    ("bullet", "Een deelfietsenpunt aan de stations van Beerse en Hoogstraten voor werkzoekenden in een traject."),
    ("table", [
        TABLE_HEAD,
        ["Wijk-werken uitbreiden", "70 wijk-werkers op 31 december 2024 (nu 52)", "Sociaal Huis Hoogstraten", "VDAB, woonzorgcentra"],
        ["Deelfietsen voor werkzoekenden", "40 fietsen in gebruik vanaf juni 2024", "regisseur", "De Kringwinkel Kempen, maatwerkbedrijf Kempenwerk"],
        ["Flexibele kinderopvang bij een sollicitatie of opleiding", "15 plaatsen voor ouders in een traject", "OCMW Merksplas", "Kinderopvang Kempen vzw"],
    ]),
    ("h2", "WSE-LR3 Ondernemerschap bevorderen, waaronder sociaal ondernemen en MVO"),
    ("bullet", "Twee nieuwe LDE-initiatieven (buurtrestaurant en klusjesdienst) helpen opstarten."),
    ("bullet", "Kmo's begeleiden bij open hiring en een eerste stap naar inclusief aanwerven."),
    ("table", [
        TABLE_HEAD,
        ["Buurtrestaurant Rijkevorsel als LDE-initiatief", "erkenning voor 2,5 VTE aangevraagd in 2024", "gemeente Rijkevorsel", "VVSG, Trividend"],
        ["Open hiring bij kmo's", "5 bedrijven werven minstens één persoon aan via open hiring", "regisseur", "UNIZO Kempen, Voka Kempen"],
    ]),
    ("h2", "WSE-LR4 Samenwerking en partnerschappen met VDAB en andere lokale arbeidsmarktactoren"),
    ("p", "De samenwerkingsovereenkomst met VDAB loopt tot eind 2025; in 2024 ligt de nadruk op gedeelde trajecten."),
    ("table", [
        TABLE_HEAD,
        ["Gedeelde trajecten leefloners", "30 gezamenlijke trajecten met een maandelijks casusoverleg", "VDAB", "OCMW's van de vijf gemeenten"],
        ["Jobbeurs Noorderkempen", "jobbeurs op 10 oktober 2024 met 40 werkgevers", "VDAB", "regisseur, UNIZO, maatwerkbedrijven"],
    ]),
]

# --------------------------------------------------------------------------------------------
# Noorderkempen, jaarverslag 2023 (framework 2023-2025), as Markdown with titled activities

NOORDERKEMPEN_2023 = """\
# Regierol sociale economie en werk: jaarverslag 2023

Regio Noorderkempen (Beerse, Hoogstraten, Merksplas, Rijkevorsel, Vosselaar). Het eerste werkingsjaar onder het nieuwe kader 2023-2025, met een regisseur die startte op 1 februari 2023.

## WSE-LR1 Het opnemen van de lokale regierol

### Opstart van de regierol

De regisseur stelde zich in het voorjaar voor aan de vijf colleges en aan 23 organisaties uit de sociale economie en het welzijnswerk. Die gesprekken leverden de prioriteiten van het actieplan 2024 op.

### Omgevingsanalyse

Met cijfers van VDAB en Steunpunt Werk maakten we een omgevingsanalyse: 1 140 niet-werkende werkzoekenden in de regio, waarvan 38% langer dan twee jaar werkloos.

## WSE-LR2 Tewerkstelling bevorderen en drempels wegnemen

### Wijk-werken

Het aantal wijk-werkers steeg van 41 naar 52. Nieuwe organisatoren zijn het woonzorgcentrum in Beerse en de technische dienst van Vosselaar.

### Tijdelijke werkervaring

In 2023 startten 18 leefloners een tijdelijke werkervaring (TWE), vooral in de groendienst en in de kringwinkel.

## WSE-LR3 Ondernemerschap, sociaal ondernemen en MVO

### Netwerkmoment sociaal ondernemen

Op 7 december 2023 kwamen 34 ondernemers en sociale ondernemingen samen in Hoogstraten. Realisaties van het jaar:

✓ brochure met het aanbod van de maatwerkbedrijven in de regio
✓ twee bedrijfsbezoeken bij Kempenwerk
✓ eerste contacten met UNIZO Kempen over open hiring

## WSE-LR4 Samenwerking met VDAB en lokale arbeidsmarktactoren

### Samenwerkingsovereenkomst met VDAB

De overeenkomst werd op 20 juni 2023 ondertekend. Er is een maandelijks casusoverleg tussen de OCMW-trajectbegeleiders en de VDAB-bemiddelaars.
"""

HEADER_2022 = "Regio Meetjesland - regierol sociale economie"
FOOTER_2022 = "Werkingsverslag 2022 - pagina {page}"


def build(out: Path) -> list[Path]:
    """Write the four corpus files under `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    return [
        make_pdf([MEETJESLAND_2022], out / "meetjesland-werkingsverslag-2022.pdf", header=HEADER_2022, footer=FOOTER_2022),
        make_scan(MEETJESLAND_2021, out / "meetjesland-werkingsverslag-2021-scan.pdf", dpi=300, footer="- {page} -"),
        make_docx(NOORDERKEMPEN_2024, out / "noorderkempen-actieplan-2024.docx"),
        _write_text(out / "noorderkempen-jaarverslag-2023.md", NOORDERKEMPEN_2023),
    ]


def _write_text(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))  # bytes, so no platform newline ever gets in
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CORPUS, help="folder to write (default: corpus/)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"{path}  {path.stat().st_size:>8,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
