"""Dutch dates to ISO 8601: the forms the reports use, and the numbers that are no dates."""
from __future__ import annotations

import pytest

from pipeline.dates import find_dates, normalise_date, phone_spans


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # numeric dates
        ("op 12/05/2021", None, [("12/05/2021", "2021-05-12")]),
        ("op 12-05-2021", None, [("12-05-2021", "2021-05-12")]),
        ("op 1/04/2021", None, [("1/04/2021", "2021-04-01")]),
        ("vergadering 03.06.2021", None, [("03.06.2021", "2021-06-03")]),
        ("infomoment op 19-20/05/2021", None, [("19-20/05/2021", "2021-05-19/2021-05-20")]),
        ("projectweek van 07/06/2021 tot en met 11/06/2021", None,
         [("van 07/06/2021 tot en met 11/06/2021", "2021-06-07/2021-06-11")]),
        # without a year: the working year completes it
        ("de kick-off is op 12 mei", 2021, [("12 mei", "2021-05-12")]),
        ("Op 25/11 kwam de werkgroep samen", 2020, [("25/11", "2020-11-25")]),
        ("26/2 brainstorm met de partners", 2020, [("26/2", "2020-02-26")]),
        # ... unless the same sentence names a year before it
        ("eerst in 2019 en vanaf september ook elders", 2021, [("2019", "2019"), ("september", "2019-09")]),
        ("de kick-off is op 12 mei", None, [("12 mei", "--05-12")]),
        # written dates and months
        ("Op 28 januari 2021 startte de stuurgroep", None, [("28 januari 2021", "2021-01-28")]),
        ("sinds september 2021", None, [("september 2021", "2021-09")]),
        ("bron: arvastat sept 2019", None, [("sept 2019", "2019-09")]),
        ("van 7 tot 11 juni 2021", None, [("7 tot 11 juni 2021", "2021-06-07/2021-06-11")]),
        ("van januari tot juni", 2021, [("van januari tot juni", "2021-01/2021-06")]),
        ("maart 2018 – februari 2019", None, [("maart 2018 – februari 2019", "2018-03/2019-02")]),
        ("Tussen september en december 2019", None, [("Tussen september en december 2019", "2019-09/2019-12")]),
        # a qualifier never adds precision
        ("sinds midden november 2019", None, [("midden november 2019", "2019-11")]),
        ("tegen eind 2023", None, [("eind 2023", "2023")]),
        ("Begin 2021 werd de analyse voorgesteld", None, [("Begin 2021", "2021")]),
        ("in 2023", None, [("2023", "2023")]),
        # periods of months (documented convention)
        ("in het najaar 2022", None, [("najaar 2022", "2022-09/2022-11")]),
        ("in het najaar", 2022, [("najaar", "2022-09/2022-11")]),
        ("winter 2022", None, [("winter 2022", "2022-12/2023-02")]),
        ("tegen Q1 2024", None, [("Q1 2024", "2024-01/2024-03")]),
        ("in het eerste kwartaal", 2024, [("eerste kwartaal", "2024-01/2024-03")]),
        ("derde kwartaal 2021", None, [("derde kwartaal 2021", "2021-07/2021-09")]),
        ("tweede helft van 2022", None, [("tweede helft van 2022", "2022-07/2022-12")]),
        ("in het schooljaar 2022-2023", None, [("schooljaar 2022-2023", "2022-09/2023-06")]),
        # ranges of years
        ("voor de periode 2020-2025", None, [("2020-2025", "2020/2025")]),
        ("beleidscyclus 2020 - 2025", None, [("2020 - 2025", "2020/2025")]),
        ("actieplan 2023–2025", None, [("2023–2025", "2023/2025")]),
        ("tussen 2019 en 2021", None, [("tussen 2019 en 2021", "2019/2021")]),
    ],
)
def test_dates(text: str, year: int | None, expected: list[tuple[str, str]]) -> None:
    assert [(d.text, d.value) for d in find_dates(text, year)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "de ESF-oproep 510 en ESF 528",  # call numbers
        "de ESF-oproep 2020 voor lokale partnerschappen",
        "medewerkers in artikel 60§7",  # article numbers
        "art. 2021 van het decreet",
        "zie 1.1 en 2.2 hierboven",  # section numbers
        "een budget van € 2.021 en 2000 euro",  # amounts
        "zie p. 12 en blz. 2021",  # page numbers
        "bel 02/123 45 67 of 0475 12 34 56",  # phone numbers
        "Stationsstraat 5, 2000 Antwerpen",  # a postcode
        "People Made 2.0 is gelanceerd",  # a version
        "bereikbaar op 24/7 basis",
        "COVID-19 en Covid19",
        "Jan Peeters kwam langs",  # a name, not January
        "drie of vier keer",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, 2021) == []


def test_offsets_point_at_the_text() -> None:
    text = "In 2021 was er op 12/05/2021 een kickstart."
    for d in find_dates(text):
        assert text[d.start : d.end] == d.text


def test_normalise_date_is_one_date_or_none() -> None:
    assert normalise_date("12 mei 2021") == "2021-05-12"
    assert normalise_date("2020 en 2021") is None


def test_phone_spans() -> None:
    assert phone_spans("bel 015 28 12 12") == [(4, 16)]
    assert phone_spans("op 12/05/2021") == []
