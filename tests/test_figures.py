"""Dutch numbers with their unit and what they count, and the numbers that are no figures."""
from __future__ import annotations

import pytest

from pipeline.figures import find_figures, parse_number, unit_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("een daling van 44%", [("44%", 44.0, "%", None)]),
        ("(6.1% van het contingent)", [("6.1%", 6.1, "%", None)]),
        ("ongeveer 16,46 % van de jongeren", [("ongeveer 16,46 %", 16.46, "%", None)]),
        ("een subsidie van €16 500 voor taalcoaching", [("€16 500", 16500.0, "EUR", None)]),
        ("€ 16.500,00 werkingsmiddelen", [("€ 16.500,00", 16500.0, "EUR", None)]),
        ("€ 1,5 miljoen", [("€ 1,5 miljoen", 1_500_000.0, "EUR", None)]),
        ("5.000 EUR budget", [("5.000 EUR", 5000.0, "EUR", None)]),
        ("er zijn 10.50 VTE toegekend", [("10.50 VTE", 10.5, "VTE", None)]),
        ("er zijn 10,5 VTE toegekend", [("10,5 VTE", 10.5, "VTE", None)]),
        ("1.522 werkzoekenden", [("1.522 werkzoekenden", 1522.0, "persons", "werkzoekenden")]),
        ("er waren 66 ingeschreven, 54 gescreend",
         [("66 ingeschreven", 66.0, "persons", "ingeschreven"), ("54 gescreend", 54.0, "persons", "gescreend")]),
        ("de 16 geselecteerde kandidaten kregen een gesprek",
         [("16 geselecteerde kandidaten", 16.0, "persons", "geselecteerde kandidaten")]),
        ("met 6 sociale-economiebedrijven", [("6 sociale-economiebedrijven", 6.0, "organisations", "sociale-economiebedrijven")]),
        ("de 5 deelnemende gemeenten", [("5 deelnemende gemeenten", 5.0, "organisations", "deelnemende gemeenten")]),
        ("een 30-tal aanwezigen", [("30-tal aanwezigen", 30.0, "persons", "aanwezigen")]),
        ("een 3tal keer per jaar", [("3tal keer", 3.0, "times", None)]),
        ("ongeveer 40 deelnemers", [("ongeveer 40 deelnemers", 40.0, "persons", "deelnemers")]),
        ("de groep kwam drie keer samen", [("drie keer", 3.0, "times", None)]),
        ("vijf maal per jaar", [("vijf maal", 5.0, "times", None)]),
        ("kregen 2 x een toelichting", [("2 x", 2.0, "times", None)]),
        ("het netwerk kwam 4x samen", [("4x", 4.0, "times", None)]),
        ("één inspiratiemoment georganiseerd", [("één inspiratiemoment", 1.0, "times", "inspiratiemoment")]),
        ("twee regionale overlegtafels", [("twee regionale overlegtafels", 2.0, "times", "regionale overlegtafels")]),
        ("3-4 keer per jaar", [("3-4 keer", 3.0, "times", None)]),
        ("tussen de 10 en 15 uur per week", [("tussen de 10 en 15 uur", 10.0, "hours", None)]),
        ("16 weken van 18 uren", [("16 weken", 16.0, "other", "weken"), ("18 uren", 18.0, "hours", None)]),
        ("komt 2 maandelijks samen", [("2 maandelijks", 2.0, "other", "maandelijks")]),
        ("om de 2 maanden", [("2 maanden", 2.0, "other", "maanden")]),
        ("Eén daarvan loopt in een woonzorgcentrum", [("Eén daarvan", 1.0, "other", None)]),
        ("een tiental organisaties", [("tiental organisaties", 10.0, "organisations", "organisaties")]),
    ],
)
def test_figures(text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    assert [(f.text, f.value, f.unit, f.counts) for f in find_figures(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 kwam het overleg samen",  # a year
        "op 12/05/2021 en 18 oktober",  # dates
        "1.1 Ondersteunen van de regie",  # section numbers
        "2.2.Instroom van kansengroepen",
        "1. De lokale sociale economie",  # list numbering
        "samenwerking (1) binnen en (2) tussen sectoren",
        "medewerkers via artikel 60§7 en art. 60",  # article numbers
        "de ESF-oproep 510 lokale partnerschappen",  # call numbers
        "Tabel 8 Overzicht deelname",  # references
        "Fase 1: digitale kickstart",
        "zie p. 12 bovenaan",
        "bel 015 28 12 12 voor info",  # a phone number
        "om 14u start het event",  # times of day
        "van 9 tot 12 uur open",
        "de 3de editie van de jobbeurs",  # ordinals
        "W13 en 12Work en NT2",  # names and codes
        "People Made 2.0 draait",
        "Food Act 13 haalt voedsel op",
        "Alle 3 leenden ze zich ertoe",  # a verb, not a counted noun
        "een periode van twee jaar",  # durations in years
        "voor min 25 jarigen",
        "Eén van de belangrijkste thema's",  # not a count
        "één of meerdere partners",
        "één thema staat centraal",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_restated_quantity_is_one_figure() -> None:
    found = find_figures("er waren 1522 vacatures; voor deze 1522 betrekkingen")
    assert [f.value for f in found] == [1522.0]


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1.522", 1522.0), ("16 500", 16500.0), ("10,5", 10.5), ("10.50", 10.5), ("drie", 3.0), ("vijfentwintig", 25.0)],
)
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    ("noun", "unit"),
    [("werkzoekenden", "persons"), ("lokale besturen", "organisations"), ("opleidingsuren", "hours"),
     ("werkdagen", "days"), ("lerende netwerken", "times"), ("proeftuinen", "other"), (None, "other")],
)
def test_unit_of(noun: str | None, unit: str) -> None:
    assert unit_of(noun) == unit
