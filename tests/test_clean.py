"""Text fixers: one table of Dutch cases with their traps, the docstring examples, and pages."""
from __future__ import annotations

import doctest

import pytest

from pipeline import clean
from pipeline.clean import build_vocabulary, clean_pages, clean_text
from pipeline.models import Block, Page, Table

CASES = [
    # --- hyphenation across line breaks
    ("arbeids-\nmarkt", "arbeidsmarkt"),
    ("de tewerkstellings-  \n  maatregelen", "de tewerkstellingsmaatregelen"),
    ("soci-\naal", "sociaal"),  # a syllable break between vowels that are no digraph
    ("OCMW-\ntrajectbegeleiders", "OCMW-trajectbegeleiders"),  # acronym before the hyphen
    ("regisseur - LDE-\norganisaties", "regisseur - LDE-organisaties"),
    ("Zuid-West-\nVlaanderen", "Zuid-West-Vlaanderen"),  # capital after the hyphen
    ("periode 2020-\n2025", "periode 2020-2025"),  # numbers
    ("een e-\nmail sturen", "een e-mail sturen"),  # one-letter first part
    ("de niet-\nactieven", "de niet-actieven"),  # prefix Dutch always hyphenates
    ("werkgroep re-\nintegratie", "werkgroep re-integratie"),  # e+i would read as "ei"
    ("sociale-\neconomiebedrijven", "sociale-economiebedrijven"),  # e+e would read as "ee"
    ("het wijk-werken en het wijk-\nwerken", "het wijk-werken en het wijk-werken"),  # the document writes it so
    ("de financiële steun en de financi-\nele steun", "de financiële steun en de financiële steun"),  # trema restored
    ("samen-\nwerking met samenwerking", "samenwerking met samenwerking"),
    # --- suspended hyphens (Dutch "weglatingsstreepje") stay
    ("vracht- en verzendkosten", "vracht- en verzendkosten"),
    ("vracht-\nen verzendkosten", "vracht- en verzendkosten"),
    ("aanspreek- en contactpersonen", "aanspreek- en contactpersonen"),
    ("taal-, reken- en digitale vaardigheden", "taal-, reken- en digitale vaardigheden"),
    ("begin-\nof eindgesprek", "begin- of eindgesprek"),
    # --- a dash that is no hyphen
    ("regisseur -\nActiegroep", "regisseur -\nActiegroep"),
    ("arbeids-\n\nmarkt", "arbeids-\n\nmarkt"),  # a paragraph break is no line break inside a word
    # --- ligatures
    ("ﬁnanciële", "financiële"),
    ("ﬂexibele kinderopvang", "flexibele kinderopvang"),
    ("eﬀect, oﬃcieel, aﬄuent", "effect, officieel, affluent"),
    ("ĳverig", "ijverig"),
    ("Het o?ce en het office", "Het office en het office"),  # "?" for a lost ligature, with evidence
    ("De de?nitie", "De de?nitie"),  # no evidence: stays
    ("Wat doen we?En hoe?", "Wat doen we?En hoe?"),
    ("https://x.be/index?id=3 office", "https://x.be/index?id=3 office"),
    # --- invisible characters
    ("€\u00a016\u00a0500", "€ 16 500"),
    ("arbeids\u00admarkt", "arbeidsmarkt"),
    ("arbeids\u00ad\nmarkt", "arbeidsmarkt"),
    ("wijk\u200b-werken\ufeff", "wijk-werken"),
    # --- bullets
    ("• Jobbeurs", "• Jobbeurs"),
    ("  ●   Jobbeurs", "• Jobbeurs"),
    ("▪ Jobbeurs\n■ Taalcoaching", "• Jobbeurs\n• Taalcoaching"),
    ("¢ Alle gemeenten krijgen info", "• Alle gemeenten krijgen info"),
    ("* Jobbeurs", "• Jobbeurs"),
    ("- Jobbeurs\n– Taalcoaching", "• Jobbeurs\n• Taalcoaching"),
    ("\uf0b7 Jobbeurs", "• Jobbeurs"),
    ("\uf0a7Jobbeurs", "• Jobbeurs"),
    ("✓ Digibanken", "✓ Digibanken"),
    ("✔ Digibanken", "✓ Digibanken"),
    ("- ✓ Project Foodsavers", "✓ Project Foodsavers"),
    ("\uf0fc Digibanken", "✓ Digibanken"),  # the Wingdings check mark
    ("•Jobbeurs", "• Jobbeurs"),
    ("e Uitwisseling tussen aanbod en vraag", "• Uitwisseling tussen aanbod en vraag"),
    ("o een snelle matching\no het zoeken naar hiaten", "• een snelle matching\n• het zoeken naar hiaten"),
    ("o zo belangrijk", "o zo belangrijk"),  # one line, lower case: the Dutch word
    ("met de letter\ne als voorbeeld", "met de letter\ne als voorbeeld"),
    ("- 3 -", "- 3 -"),  # a page number, left for layout
    ("-5% werklozen", "-5% werklozen"),
    ("zie tabel \uf0e0 verder", "zie tabel verder"),  # a private-use glyph inside a line
    # --- OCR diacritics
    ("financiéle middelen", "financiële middelen"),
    ("taalbarriéres, potentiéle, efficiéntere, initiéren, cliént", "taalbarriëres, potentiële, efficiëntere, initiëren, cliënt"),
    ("codrdinatie en Codrdinator en codperatie", "coördinatie en Coördinator en coöperatie"),
    ("op zZichzelf staand", "op zichzelf staand"),
    ("privé, café, één, Société Générale", "privé, café, één, Société Générale"),  # real acutes stay
    ("bezoeken =zullen ingepland", "bezoeken =zullen ingepland"),  # unsure: left
    ("ACTES", "ACTES"),  # a lost letter is not invented
    ("OCMW'’s en thema’s", "OCMW's en thema's"),
    ("'inspiratiemomenten’", "'inspiratiemomenten’"),  # quotes are not apostrophes
    # --- whitespace
    ("Netwerking  op\thet grondgebied ", "Netwerking op het grondgebied"),
    ("Titel\n\n\n\nTekst", "Titel\n\nTekst"),
    ("regel een\r\nregel twee", "regel een\nregel twee"),
    ("Commentaar: ok\nVolgende regel", "Commentaar: ok\nVolgende regel"),  # line breaks stay
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_clean_text_table(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_clean_text_is_idempotent(raw: str, expected: str) -> None:
    assert clean_text(expected) == expected


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(clean)
    assert result.attempted >= 15
    assert result.failed == 0


def test_vocabulary_counts_words_on_one_line_only() -> None:
    vocab = build_vocabulary(["de arbeids-\nmarkt en de arbeidsmarkt"])
    assert vocab["arbeidsmarkt"] == 1
    assert vocab["arbeids-markt"] == 0


def _page(n: int, *blocks: Block, tables: tuple[Table, ...] = (), **kw) -> Page:  # type: ignore[no-untyped-def]
    return Page(doc_id="d", page=n, blocks=blocks, tables=tables, **kw)


def test_clean_pages_uses_the_whole_documents_vocabulary() -> None:
    pages = [
        _page(1, Block("Het sociaal-circulair ondernemersloket opent.")),
        _page(2, Block("Het sociaal-\ncirculair atelier en de o?ce-uren."), Block("Het office is open.")),
    ]
    cleaned = clean_pages(pages)
    assert cleaned[1].blocks[0].text == "Het sociaal-circulair atelier en de office-uren."
    # the same text cleaned alone has no evidence for the hyphen: it joins
    assert clean_text("Het sociaal-\ncirculair atelier") == "Het sociaalcirculair atelier"


def test_clean_pages_drops_empty_blocks_glues_lone_bullets_and_keeps_table_anchors() -> None:
    table = Table(rows=(("actie", "trekker"), ("Jobbeurs\u00a0organiseren", "VDAB-\nconsulent")), anchor=4)
    page = _page(
        1,
        Block("Acties 2024", kind="heading", level=1),
        Block("\u200b"),  # nothing left after cleaning
        Block("\uf0b7"),  # a glyph the PDF reader put in its own block
        Block("Taalcoaching op de werkvloer"),
        Block("Na de tabel"),
        tables=(table,),
        header="Regio\u00a0Kempen",
        footer=None,
    )
    [cleaned] = clean_pages([page])
    assert [b.text for b in cleaned.blocks] == ["Acties 2024", "• Taalcoaching op de werkvloer", "Na de tabel"]
    assert [b.kind for b in cleaned.blocks] == ["heading", "list_item", "text"]
    assert cleaned.tables[0].anchor == 2  # still after "Taalcoaching…", before "Na de tabel"
    assert cleaned.tables[0].rows[1] == ("Jobbeurs organiseren", "VDAB-consulent")
    assert cleaned.header == "Regio Kempen" and cleaned.footer is None


def test_clean_pages_leaves_failed_pages_alone() -> None:
    failed = _page(2, error="ocr_timeout: page 2 took longer than 120 s")
    assert clean_pages([failed]) == [failed]


def test_a_bullet_glyph_on_its_own_line_joins_the_next_line() -> None:
    assert clean_text("Acties:\n•\nJobbeurs\n\uf0fc\nDigibanken") == "Acties:\n• Jobbeurs\n✓ Digibanken"


def test_a_word_split_over_two_blocks_is_mended_unless_a_table_or_heading_stands_between() -> None:
    page = _page(
        1,
        Block("regisseur - LDE-", bbox=(72, 100, 300, 112)),
        Block("organisaties en de werkgroep re-", bbox=(72, 130, 300, 142)),
        Block("integratie"),
        Block("Overleg met de AZ-"),
        Block("fabriek"),  # a table is anchored before this block
        Block("Actiegroep ROSE en arbeids-"),
        Block("Markt", kind="heading"),
        tables=(Table(rows=(("a", "b"),), anchor=4),),
    )
    [cleaned] = clean_pages([page])
    assert [b.text for b in cleaned.blocks] == [
        "regisseur - LDE-organisaties en de werkgroep re-integratie",
        "Overleg met de AZ-",
        "fabriek",
        "Actiegroep ROSE en arbeids-",
        "Markt",
    ]
    assert cleaned.blocks[0].bbox == (72, 100, 300, 142)
    assert cleaned.tables[0].anchor == 2
