"""Section tree: numbered, typographic (PDF fonts), DOCX styles and plain-text headings, with levels."""
from __future__ import annotations

from pipeline.models import Block, Page, Section
from pipeline.structure import build_sections, outline, part_kind, priority_code


def text_page(text: str, page: int = 1, doc_id: str = "d") -> Page:
    """A page as the plain-text reader makes it: one block per blank-line-separated paragraph."""
    from pipeline.readers.text import paragraphs_to_blocks

    return Page(doc_id=doc_id, page=page, blocks=tuple(paragraphs_to_blocks(text)))


def titles(sections: list[Section]) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in sections]


def test_numbered_headings_nest_by_depth_and_keep_their_numbers():
    page = text_page(
        "1. Beleidsvisie sociale economie\n\n"
        "1.1.Ondersteunen en stimuleren van visievorming\nWerkbezoeken bij de lokale besturen zullen ingepland worden.\n\n"
        "1.2 Intergemeentelijke samenwerking\n\nDe regisseur informeert en coördineert op intergemeentelijk niveau.\n\n"
        "2. Netwerk sociale economie\n\n"
        "2.1. Samenwerking met VDAB\n\nEr wordt structureel overleg met VDAB georganiseerd."
    )
    sections = build_sections([page])
    assert titles(sections) == [
        (1, "Beleidsvisie sociale economie"),
        (2, "Ondersteunen en stimuleren van visievorming"),
        (2, "Intergemeentelijke samenwerking"),
        (1, "Netwerk sociale economie"),
        (2, "Samenwerking met VDAB"),
    ]
    assert [s.number for s in sections] == ["1", "1.1", "1.2", "2", "2.1"]
    assert sections[1].parent == 0 and sections[4].parent == 3 and sections[0].parent is None


def test_ocr_bare_numbers_are_given_to_the_titles_that_follow():
    page = text_page(
        "3. Verbetering van de bestaande werking\n\n3.1.\n\n3.2.\n\n"
        "Omgevingsanalyse\n\nEen omgevingsanalyse zal gemaakt worden waarbij de actoren bevraagd worden.\n\n"
        "Doorstroom\nVanaf 2020 zullen doelgroepmedewerkers moeten doorstromen naar het normaal economisch circuit."
    )
    sections = build_sections([page])
    assert [(s.number, s.title, s.level) for s in sections] == [
        ("3", "Verbetering van de bestaande werking", 1),
        ("3.1", "Omgevingsanalyse", 2),
        ("3.2", "Doorstroom", 2),
    ]


def test_a_numbered_list_in_one_paragraph_is_no_heading():
    page = text_page(
        "Inleiding\n\nDe Vlaamse overheid legt drie acties op:\n\n"
        "1. De lokale sociale economie verder uitbouwen\n2. Netwerking op het grondgebied stimuleren\n"
        "3. Het maatschappelijk verantwoord ondernemen bevorderen\n\nDaarom werken we samen."
    )
    assert titles(build_sections([page])) == [(1, "Inleiding")]


def test_priority_codes_and_parts_order_the_levels_of_plain_text():
    page = text_page(
        "Jaarverslag 2023\n\n"
        "1. Het opnemen van de lokale regierol sociale economie en werk (WSE-LR1)\n\n"
        "Lerend netwerk trajectbegeleiders\n\nHet netwerk kwam in 2023 zes keer samen met de trajectbegeleiders.\n\n"
        "Regionaal overleg activering\n\nIn 2023 kwam dit overleg vier keer samen.\n\n"
        "2. De tewerkstelling van mensen met een afstand tot de arbeidsmarkt bevorderen (WSE-LR2)\n\n"
        "Mobiliteit\n\nIn 2023 werd gewerkt aan een regionaal kader voor elektrische fietsen."
    )
    sections = build_sections([page])
    assert [s.level for s in sections] == [1, 2, 3, 3, 2, 3]
    assert sections[1].number == "1" and sections[1].parent == 0
    assert sections[2].parent == 1 and sections[5].parent == 4


def test_inner_numbering_under_numbered_priorities_nests():
    page = text_page(
        "1. Netwerking op het grondgebied stimuleren\n1. samenwerking tussen de SE-bedrijven onderling\n\n"
        "De plenaire ROSE vergadering organiseren. Een 3tal keer per jaar zitten de leden hier samen.\n\n"
        "2. De lokale sociale economie verder uitbouwen\n2. We maken het netwerk sociale economie sluitend\n\n"
        "1.1. samenwerking SE en NEC\n\nBelangen van SE-bedrijven en NEC samenbrengen."
    )
    sections = build_sections([page])
    assert [(s.level, s.number) for s in sections] == [(1, "1"), (2, "1"), (1, "2"), (2, "2"), (3, "1.1")]


def test_plain_text_headings_short_line_caps_and_a_period_title():
    page = text_page(
        "JAARVERSLAG 2021\n\n"
        "Samenwerking tussen lokale besturen en sociale economie.\n\n"
        "Samenwerking vindt in de regio voornamelijk plaats in het kader van aanbestedingen en projecten.\n\n"
        "Promoten van sociale tewerkstelling\n\n"
        "Verschillende lokale besturen zetten in 2021 in op het promoten van sociale tewerkstelling.\n\n"
        "In 2021 werd één inspiratiemoment georganiseerd.\n\nHet inspiratiemoment had veertig deelnemers."
    )
    got = titles(build_sections([page]))
    assert got[0] == (1, "JAARVERSLAG 2021")
    assert (2, "Samenwerking tussen lokale besturen en sociale economie") in got
    assert (2, "Promoten van sociale tewerkstelling") in got
    assert all("inspiratiemoment" not in t for _, t in got)  # a sentence, not a title


def test_table_of_contents_lines_are_not_headings():
    page = text_page(
        "Inhoudsopgave\n\nVoorwoord\t3\n\nJaarverslag 2021\t6\n\nActieplan 2022\t19\n\nAnnex\t27\n\n"
        "Voorwoord\n\nBeste lezer, een job is voor velen van ons een evidentie."
    )
    assert titles(build_sections([page])) == [(1, "Inhoudsopgave"), (1, "Voorwoord")]


def test_pdf_font_sizes_rank_headings_relative_to_the_body():
    body = "De regisseur coördineert het overleg met de lokale besturen en de sociale economie in de regio."
    page = Page(doc_id="d", page=1, blocks=(
        Block("Actieplan 2022", font_size=18.0, bold=True),
        Block("Netwerking op het grondgebied stimuleren", font_size=14.0, bold=True),
        Block(body, font_size=10.0),
        Block("Bedank-event voor werkgevers", font_size=10.0, bold=True),
        Block(body, font_size=10.0),
        Block(body, font_size=10.0),
    ))
    page2 = Page(doc_id="d", page=2, blocks=(
        Block("Maatschappelijk verantwoord ondernemen bevorderen", font_size=14.0, bold=True),
        Block(body, font_size=10.0),
    ))
    sections = build_sections([page, page2])
    assert [(s.level, s.page) for s in sections] == [(1, 1), (2, 1), (3, 1), (2, 2)]
    assert sections[3].parent == 0


def test_docx_heading_styles_give_the_levels():
    page = Page(doc_id="d", page=1, blocks=(
        Block("Jaarverslag 2022", kind="heading", level=1, style="Heading 1"),
        Block("Uitbouw van de lokale sociale economie", kind="heading", level=2, style="Heading 2"),
        Block("Ondersteuning van projecten", kind="heading", level=3, style="Heading 3"),
        Block("In 2022 ondersteunden we drie projecten van lokale sociale-economiebedrijven."),
        Block("Netwerking", kind="heading", level=2, style="Heading 2"),
    ))
    sections = build_sections([page])
    assert [(s.level, s.parent) for s in sections] == [(1, None), (2, 0), (3, 1), (2, 0)]


def test_a_title_cut_off_a_page_is_not_glued_to_the_next_page():
    para = "Lokale besturen kunnen via hun aankoopbeleid een krachtige actor zijn voor sociale verandering."
    pages = [
        Page(doc_id="d", page=1, blocks=(Block("Netwerking", font_size=11.0), Block(para, font_size=11.0),
                                         Block("Verduurzaming van overheidsopdrachten", font_size=11.0))),
        Page(doc_id="d", page=2, blocks=(Block(para, font_size=11.0),)),
    ]
    out = outline(pages)
    assert [s.title for s in out.sections][-1] == "Verduurzaming van overheidsopdrachten"
    assert out.sections[-1].page == 1


def test_part_and_priority_vocabulary():
    assert part_kind("Jaarverslag 2021") == "report"
    assert part_kind("Actieplan 2022") == "plan"
    assert part_kind("Voorwoord") == "front"
    assert part_kind("Annex 3. Jaarkalender ILV 2022") == "annex"
    assert part_kind("Samenwerking met VDAB") is None
    assert priority_code("2. De tewerkstelling van mensen … (WSE-LR2)") == "WSE-LR2"
    assert priority_code("Netwerking op het grondgebied stimuleren") == "SE-2"
    assert priority_code("Acties ter bevordering van het maatschappelijk verantwoord ondernemen.") == "SE-3"
    assert priority_code("Netwerking tussen sociale en reguliere economie") is None


def test_heading_with_a_code_gets_it_as_its_number():
    page = text_page("Het opnemen van de lokale regierol (WSE-LR1)\n\nIn 2023 kwam het lerend netwerk zes keer samen.")
    assert build_sections([page])[0].number == "WSE-LR1"
