"""Running headers, footers and page numbers, on Page records made in code."""
from __future__ import annotations

import doctest

from pipeline import layout
from pipeline.layout import page_number, separate_running_lines
from pipeline.models import Block, Page, Table

H = 841.89  # A4 height in points
BODY = [
    "WSE-LR1 Het opnemen van de lokale regierol.",
    "WSE-LR2 Drempels naar werk wegnemen.",
    "WSE-LR3 Sociaal ondernemen bevorderen.",
    "WSE-LR4 Samenwerking met VDAB.",
    "Bijlage: overzicht van de partners.",
    "Bijlage: jaarkalender.",
]


def _pages(*texts: str) -> list[Page]:
    """One block per paragraph (blank line), no boxes: what a plain text layer gives."""
    return [
        Page(doc_id="d", page=n, blocks=tuple(Block(p) for p in text.split("\n\n")))
        for n, text in enumerate(texts, 1)
    ]


def test_header_and_footer_with_page_numbers_move_out_of_the_body() -> None:
    pages = _pages(*(
        f"Regio Kempen – Actieplan 2024\n{BODY[n - 1]}\n\n{BODY[n + 2]}\nPagina {n} van 3"
        for n in (1, 2, 3)
    ))
    out = separate_running_lines(pages)
    for n, page in enumerate(out, 1):
        assert page.header == "Regio Kempen – Actieplan 2024"
        assert page.footer == f"Pagina {n} van 3"
        assert page.text == f"{BODY[n - 1]}\n\n{BODY[n + 2]}"


def test_digits_that_count_the_pages_are_allowed_to_change() -> None:
    pages = _pages(*(f"{BODY[n]}\n\nWerkingsverslag 2022 | Sociaal Huis Lier | p. {n + 2}" for n in range(2)))
    out = separate_running_lines(pages)
    assert [p.footer for p in out] == [f"Werkingsverslag 2022 | Sociaal Huis Lier | p. {n + 2}" for n in range(2)]
    assert [p.text for p in out] == BODY[:2]
    # without a page word, a number at the end of the line counts the pages from three pages on
    pages = _pages(*(f"{BODY[n]}\nJaarverslag 2021 ILV Rivierenland {n + 7}" for n in range(3)))
    assert [p.footer for p in separate_running_lines(pages)] == [f"Jaarverslag 2021 ILV Rivierenland {n + 7}" for n in range(3)]
    assert [p.footer for p in separate_running_lines(pages[:2])] == [None, None]


def test_numbered_body_headings_are_no_running_header() -> None:
    pages = _pages("Actie 1\nDe jobbeurs.", "Actie 5\nDe taalcoaching.", "Actie 9\nHet wijk-werken.")
    out = separate_running_lines(pages)
    assert [p.header for p in out] == [None, None, None]
    assert out[1].text == "Actie 5\nDe taalcoaching."
    # even when the number happens to go with the page, on two pages without a page word
    out = separate_running_lines(_pages("Actie 1\nDe jobbeurs.", "Actie 2\nDe taalcoaching."))
    assert [p.header for p in out] == [None, None]


def test_a_title_page_without_header_and_lines_repeated_inside_the_body_stay() -> None:
    body = "De regisseur coördineert het overleg.\nCommentaar: het overleg vond drie keer plaats."
    pages = _pages(
        "Jaarverslag 2023\n\nRegierol sociale economie en werk",
        f"Regio Meetjesland\n\nEerste alinea.\n\n{body}\n\nDe werkgroep taal kwam samen.",
        f"Regio Meetjesland\n\nTweede alinea.\n\n{body}\n\nHet lerend netwerk startte.",
        f"Regio Meetjesland\n\nDerde alinea.\n\n{body}\n\nDe jobbeurs trok 40 werkgevers.",
    )
    out = separate_running_lines(pages)
    assert out[0].header is None and out[0].text == "Jaarverslag 2023\n\nRegierol sociale economie en werk"
    for page in out[1:]:
        assert page.header == "Regio Meetjesland"
        assert body in page.text


def test_ocr_slips_in_a_running_line_are_forgiven() -> None:
    pages = _pages(
        "Regio Kempen - Actieplan 2024\nTekst een.",
        "Regio Kernpen - Actieplan 2024\nTekst twee.",
        "Regio Kempen - Actieplan 2O24\nTekst drie.",
    )
    out = separate_running_lines(pages)
    assert all(p.header and p.header.startswith("Regio") for p in out)
    assert [p.text for p in out] == ["Tekst een.", "Tekst twee.", "Tekst drie."]


def test_alternating_headers_on_even_and_odd_pages() -> None:
    texts = [("Jaarverslag 2022" if n % 2 else "ILV Rivierenland") + f"\n{BODY[n - 1]}\n{n}" for n in range(1, 7)]
    out = separate_running_lines(_pages(*texts))
    assert [p.header for p in out] == ["Jaarverslag 2022", "ILV Rivierenland"] * 3
    assert [p.footer for p in out] == [str(n) for n in range(1, 7)]
    assert [p.text for p in out] == BODY


def test_bare_page_numbers_of_an_excerpt_run_at_an_offset() -> None:
    out = separate_running_lines(_pages(*(f"{BODY[n]}\n{n + 12}" for n in range(3))))
    assert [p.footer for p in out] == ["12", "13", "14"]
    assert [p.text for p in out] == BODY[:3]


def test_a_number_that_does_not_run_with_the_pages_stays() -> None:
    out = separate_running_lines(_pages("Tekst a.\n\n44", "Tekst b.\n\nslot"))
    assert out[0].footer is None and out[0].text.endswith("44")


def test_one_page_document_loses_only_its_page_number() -> None:
    [page] = separate_running_lines(_pages("Regio Kempen – Actieplan 2024\n\nDe jobbeurs.\n\n- 3 -"))
    assert page.header is None and page.footer == "- 3 -"
    assert page.text == "Regio Kempen – Actieplan 2024\n\nDe jobbeurs."
    [dated] = separate_running_lines(_pages("De jobbeurs vond plaats in\n\n2023"))
    assert dated.footer is None and dated.text.endswith("2023")  # a year, not a page number


def test_with_boxes_only_lines_in_the_margins_count() -> None:
    def page(n: int) -> Page:
        return Page(
            doc_id="d", page=n, height=H, width=595.0,
            blocks=(
                Block("ILV Regie Sociale Economie Rivierenland", bbox=(72, 31, 300, 42)),
                Block("Commentaar:", bbox=(72, 104, 150, 116)),  # a body line below the margin zone
                Block(BODY[n], bbox=(72, 120, 500, 400)),
                Block(str(n), bbox=(520, 797, 530, 808)),
            ),
            tables=(Table(rows=(("actie", "trekker"),), anchor=3),),
        )

    out = separate_running_lines([page(1), page(2)])
    for n, p in enumerate(out, 1):
        assert p.header == "ILV Regie Sociale Economie Rivierenland" and p.footer == str(n)
        assert [b.text for b in p.blocks] == ["Commentaar:", BODY[n]]
        assert p.tables[0].anchor == 2  # was after three blocks, one of which left


def test_failed_pages_pass_and_a_readers_header_is_kept() -> None:
    pages = [
        Page(doc_id="d", page=1, blocks=(Block(f"Regio Kempen\n{BODY[0]}"),), header="Kempen"),
        Page(doc_id="d", page=2, error="ocr_timeout"),
        Page(doc_id="d", page=3, blocks=(Block(f"Regio Kempen\n{BODY[2]}"),)),
    ]
    out = separate_running_lines(pages)
    assert out[0].header == "Kempen\nRegio Kempen"
    assert out[1] == pages[1]
    assert out[2].header == "Regio Kempen" and out[2].text == BODY[2]


def test_page_number_forms() -> None:
    assert page_number("3/12") == (3, True)
    assert page_number("blz. 7") == (7, True)
    assert page_number("13/12") is None  # a date, not page 13 of 12
    assert page_number("Pagina drie") is None
    assert doctest.testmod(layout).failed == 0
