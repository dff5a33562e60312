"""Actions in every shape of the genre, and the look-alikes that are not actions."""
from __future__ import annotations

from pipeline.models import Block, DocMeta, Page, Table
from pipeline.segment import document_parts, find_actions
from pipeline.structure import build_sections


def text_page(text: str, page: int = 1, doc_id: str = "doc") -> Page:
    from pipeline.readers.text import paragraphs_to_blocks

    return Page(doc_id=doc_id, page=page, blocks=tuple(paragraphs_to_blocks(text)))


def actions_of(pages: list[Page], meta: DocMeta, doc_id: str = "doc"):
    return find_actions(doc_id, pages, build_sections(pages), meta)


REPORT = DocMeta(region="Vilvoorde-Machelen-Grimbergen", doc_type="report", years=(2021,), framework="SE-2020")
PLAN = DocMeta(region="W13", doc_type="plan", years=tuple(range(2020, 2026)), framework="SE-2020")

WERKINGSVERSLAG = """Regierol lokale sociale economie ISSE

Werkingsverslag werkingsjaar 2021

Acties ter ondersteuning van de ontwikkeling van de lokale sociale economie.

 • Het taalbeleid in de sociale economie wordt versterkt. De regisseur begeleidt een taalcoachingtraject in drie bedrijven.

Commentaar: In 2021 werden de drie lopende trajecten verdergezet met de taalcoaches van Ligo.

 • Een jobbeurs voor kwetsbare werkzoekenden wordt georganiseerd in samenwerking met VDAB.

Commentaar: De jobbeurs werd geannuleerd omwille van de coronapandemie.

Acties ter versterking van de netwerking op het grondgebied.

 • Een lerend netwerk voor trajectbegeleiders wordt opgestart.

Commentaar: Bij twee OCMW's werden doelen uitgezet, maar bleef de opstart uit.

 • We maken werk van een versterkte samenwerking met VDAB via een actieplan.

Commentaar: Op 18/10/2021 vond een eerste overleg plaats; drie lerende netwerken gingen door.
"""


def test_bullets_with_their_comment_are_actions_with_a_result_and_a_status():
    actions = actions_of([text_page(WERKINGSVERSLAG)], REPORT)
    assert [a.kind for a in actions] == ["bullet"] * 4
    first = actions[0]
    assert first.title == "Het taalbeleid in de sociale economie wordt versterkt."
    assert "Commentaar:" in first.text and first.result.startswith("In 2021 werden de drie lopende trajecten")
    assert [a.status for a in actions] == ["ongoing", "cancelled", "not_started", "done"]
    assert {a.year for a in actions} == {2021} and {a.doc_type for a in actions} == {"report"}
    assert first.framework_heading == "Acties ter ondersteuning van de ontwikkeling van de lokale sociale economie."
    assert first.framework_code == "SE-1" and actions[2].framework_code == "SE-2"
    assert [a.action_id for a in actions] == ["doc-0001", "doc-0002", "doc-0003", "doc-0004"]
    assert [a.position for a in actions] == [1, 2, 3, 4]
    assert {a.region for a in actions} == {"Vilvoorde-Machelen-Grimbergen"}
    assert first.section_path == ("Werkingsverslag werkingsjaar 2021",
                                  "Acties ter ondersteuning van de ontwikkeling van de lokale sociale economie.")


JAARVERSLAG = """Inhoudsopgave

Voorwoord\t3

Jaarverslag 2023\t4

Voorwoord

Beste lezer, met trots stellen wij u het jaarverslag voor. Samen zetten we in op werk voor iedereen.

Jaarverslag 2023

1. Het opnemen van de lokale regierol sociale economie en werk (WSE-LR1)

Contacten met sociale-economiebedrijven

W13 onderhoudt contacten met uiteenlopende partners uit de sociale economie.

Algemene vergadering ROSE

Het regionaal overleg sociale economie vond in 2023 één keer plaats. Na een bevraging werd beslist om voortaan inspiratiemomenten te organiseren.

Actiegroep ROSE

In 2023 kwam de actiegroep drie keer samen rond individueel maatwerk en lokale diensteneconomie.

De regionale arbeidsmarkt in 2023

In de regio telden we in januari 9.788 werkzoekenden zonder werk, waarvan 4.204 kortgeschoold.

2. De tewerkstelling van mensen met een afstand tot de arbeidsmarkt bevorderen (WSE-LR2)

Mobiliteit

In 2023 werd gewerkt aan een regionaal kader voor de aankoop van elektrische fietsen. In 2024 zullen we het kader verder uitrollen.

4. De samenwerking en partnerschappen met VDAB faciliteren (WSE-LR4)

In 2023 sloten W13, de gemeenten en VDAB samen een overeenkomst. Drie keer kwam de stuurgroep bijeen.

Bijlage 1. Jaarkalender 2024

Januari: stuurgroep. Februari: lerend netwerk trajectbegeleiders en actiegroep ROSE.
"""


def test_titled_subsections_of_a_jaarverslag_are_actions_and_look_alikes_are_not():
    actions = actions_of([text_page(JAARVERSLAG)], DocMeta(region="W13", doc_type="report", years=(2023,), framework="WSE-2023"))
    titles = [a.title for a in actions]
    assert titles[:3] == ["Algemene vergadering ROSE", "Actiegroep ROSE", "Mobiliteit"]
    assert [a.kind for a in actions[:3]] == ["subsection"] * 3
    # a priority heading's own text that reports what was done is an action, anchored on that text
    assert actions[3].text.startswith("In 2023 sloten W13") and actions[3].framework_code == "WSE-LR4"
    assert len(actions) == 4  # not: foreword, table of contents, the parent intro, labour-market figures, annex
    assert actions[2].status == "ongoing" and actions[0].status == "done"
    assert actions[0].framework_heading == "Het opnemen van de lokale regierol sociale economie en werk (WSE-LR1)"
    assert actions[0].framework_code == "WSE-LR1"
    assert actions[0].result and "inspiratiemomenten" in actions[0].result


JAARVERSLAG_EN_PLAN = """JAARVERSLAG 2021 JAARACTIEPLAN 2022

Jaarverslag 2021

De lokale sociale economie verder uitbouwen

Ondersteuning en ontwikkeling van projecten

In 2021 ondersteunde de ILV verschillende projecten met opportuniteiten voor sociale tewerkstelling:

- ✓ Project Foodsavers (Ecoso, stad Mechelen)
- ✓ Indienen voortraject Digibanken stad Lier

Actieplan 2022

De lokale sociale economie verder uitbouwen

Kenbaarheid van de sociale economie vergroten en promoten.

Onbekend maakt onbemind. Via een online gids van het aanbod en via bezoeken aan sociale en circulaire bedrijven willen we de sociale economie in onze streek zichtbaarder maken.

In 2022 willen we graag:

- ✓ Een online gids samenstellen van wat de sociale economie lokaal aanbiedt
- ✓ Bezoeken plannen bij sociale en circulaire bedrijven uit onze streek

Dagelijkse werking

Heel wat acties beschouwen we als dagelijkse werking:

- Dagelijks aanspreekpunt voor sociale economie en sociale tewerkstelling
- Opvolgen van Vlaamse en Europese subsidieoproepen

Annex

Annex 2. Overzicht acties 2022

- ✓ Een online gids samenstellen van wat de sociale economie lokaal aanbiedt
- ✓ Bezoeken plannen bij sociale en circulaire bedrijven
"""


def test_report_and_plan_parts_give_each_action_its_year_and_doc_type_and_checklists_count_in_plans():
    page = text_page(JAARVERSLAG_EN_PLAN)
    meta = DocMeta(region="Rivierenland", doc_type="report+plan", years=(2021, 2022), framework="SE-2020")
    actions = actions_of([page], meta)
    got = [(a.kind, a.year, a.doc_type, a.status, a.title) for a in actions]
    assert got == [
        ("subsection", 2021, "report", "done", "Ondersteuning en ontwikkeling van projecten"),
        ("checklist", 2022, "plan", "planned", "Een online gids samenstellen van wat de sociale economie lokaal aanbiedt"),
        ("checklist", 2022, "plan", "planned", "Bezoeken plannen bij sociale en circulaire bedrijven uit onze streek"),
        ("subsection", 2022, "plan", "planned", "Dagelijkse werking"),
    ]
    # the ✓ items of the report stay inside their subsection; the annex repeats the plan and is skipped
    assert "Project Foodsavers" in actions[0].text
    assert [(p.kind, p.years) for p in document_parts([page]) if p.kind in ("report", "plan")] == [
        ("report", (2021,)), ("plan", (2022,))]


def test_rows_of_an_action_table_are_actions_and_a_row_continues_until_the_next_actie_cell():
    header = ("Actie", "Beoogd resultaat", "Trekker", "Partners")
    table1 = Table(rows=(
        header,
        ("De algemene ROSE-vergadering organiseren", "Drie keer per jaar overleg", "regisseur", "VDAB, lokale besturen"),
        ("", "met alle spelers uit de regio", "", "SAAMO"),
        ("Een regionale rijschool opzetten", "Een laagdrempelige rijschool", "Actiegroep", "VDAB"),
    ), anchor=1)
    table2 = Table(rows=(  # the table continues on the next page without its header
        ("Werkgeversbenadering uitbouwen", "Meer jobs voor kwetsbare werkzoekenden", "Expert Werk", "VOKA, UNIZO"),
    ), anchor=0)
    pages = [
        Page(doc_id="doc", page=1, blocks=(Block("Netwerking op het grondgebied stimuleren", font_size=14, bold=True),),
             tables=(table1,)),
        Page(doc_id="doc", page=2, blocks=(), tables=(table2,)),
    ]
    actions = actions_of(pages, PLAN)
    assert [(a.kind, a.title, a.page) for a in actions] == [
        ("table_row", "De algemene ROSE-vergadering organiseren", 1),
        ("table_row", "Een regionale rijschool opzetten", 1),
        ("table_row", "Werkgeversbenadering uitbouwen", 2),
    ]
    assert "met alle spelers uit de regio" in actions[0].text and "SAAMO" in actions[0].text
    assert "Trekker: regisseur" in actions[0].text
    assert actions[0].result is None and actions[0].status == "planned" and actions[0].year == 2020
    assert actions[0].framework_heading == "Netwerking op het grondgebied stimuleren"


FLATTENED_TABLE = """1. Netwerking op het grondgebied stimuleren
1. samenwerking tussen de SE-bedrijven onderling

De plenaire ROSE vergadering organiseren. Een 3tal keer per jaar zitten de leden hier samen om de

noden van alle partners af te stemmen.

regisseur -

Actiegroep

SE-organisaties -

LB - VDAB

De Actiegroep ROSE organiseren. Deze kleinere groep bereidt agendapunten voor.

- Er is een agenda voor elke vergadering.

regisseur -

Actiegroep

We zetten sterk in op sociaal activeren. AZ biedt een zachte eerste stap voor kwetsbare profielen.

LB - ROA -

expert Werk
"""


def test_a_table_flattened_to_text_is_cut_into_rows_at_each_actie_cell():
    actions = actions_of([text_page(FLATTENED_TABLE)], PLAN)
    assert [a.kind for a in actions] == ["table_row"] * 3
    assert [a.title for a in actions] == [
        "De plenaire ROSE vergadering organiseren.",
        "De Actiegroep ROSE organiseren.",
        "We zetten sterk in op sociaal activeren.",
    ]
    assert "Er is een agenda" in actions[1].text  # a result bullet stays with its row
    assert actions[0].framework_heading == "Netwerking op het grondgebied stimuleren"


OCR_PLAN = """Nota bij de subsidieaanvraag regierol sociale economie voor de periode 2020-2025

1. Beleidsvisie sociale economie

1.1.Visievorming rond sociale economie aanmoedigen en begeleiden
Met elk lokaal bestuur wordt een werkbezoek gepland samen met de bevoegde
schepen en de beleidsmedewerkers, zodat hun plannen helder in beeld komen.

1.2.Intergemeentelijke samenwerking
De regisseur zal op intergemeentelijk niveau informeren en coördineren zodat de
deelnemende gemeenten een gedeelde visie kunnen ontwikkelen.
e Jaarlijks wordt minstens één netwerkevenement georganiseerd.
"""


def test_numbered_objectives_of_a_plan_are_actions_and_their_parent_is_not():
    meta = DocMeta(region="IGO", doc_type="plan", years=tuple(range(2020, 2026)), framework="SE-2020")
    actions = actions_of([text_page(OCR_PLAN)], meta)
    assert [(a.kind, a.title) for a in actions] == [
        ("objective", "Visievorming rond sociale economie aanmoedigen en begeleiden"),
        ("objective", "Intergemeentelijke samenwerking"),
    ]
    assert actions[1].text.endswith("netwerkevenement georganiseerd.")  # its sub-bullet belongs to it
    assert {a.year for a in actions} == {2020} and {a.status for a in actions} == {"planned"}
    assert actions[0].framework_heading == "Beleidsvisie sociale economie"


PLAN_WITH_DESCRIPTIONS = """Algemene informatie

Onderstaand een overzicht van de acties die in de periode 2020-2025 zullen worden uitgevoerd.

Acties ter bevordering van de netwerking op het grondgebied

 • Duurzame samenwerking met de sociale ondernemingen uitbouwen
 • Organiseren van evenementen rond actuele thema's

Acties ter bevordering van de netwerking op het grondgebied

 • Duurzame samenwerking met de sociale ondernemingen uitbouwen

De omgevingsanalyse bevestigde dat er een grote vraag is naar onderlinge afstemming tussen de bedrijven.

In 2020 zal geïnvesteerd worden in een haalbare vorm van overleg, met deze doelen:

 • Verder in kaart brengen van de noden
 • Een plan van aanpak opstellen

Na 2021 volgt een grondige evaluatie van de gekozen overlegvorm.

 • Organiseren van evenementen rond actuele thema's

Er wordt gemikt om zeker één keer per twee jaar een informatief moment te organiseren.
"""


def test_plan_bullets_with_a_description_are_actions_but_overview_lists_and_sub_goals_are_not():
    page = text_page(PLAN_WITH_DESCRIPTIONS)
    meta = DocMeta(region="Vilvoorde-Machelen-Grimbergen", doc_type="plan", years=tuple(range(2020, 2026)), framework="SE-2020")
    actions = actions_of([page], meta)
    assert [(a.kind, a.title) for a in actions] == [
        ("bullet", "Duurzame samenwerking met de sociale ondernemingen uitbouwen"),
        ("bullet", "Organiseren van evenementen rond actuele thema's"),
    ]
    assert "Een plan van aanpak opstellen" in actions[0].text
    assert actions[0].doc_type == "plan" and actions[0].year == 2020
    assert [(p.kind, p.years[:1]) for p in document_parts([page])][-1] == ("plan", (2020,))


def test_front_matter_statistics_member_lists_calendars_and_footnotes_are_not_actions():
    text = """Voorwoord

Beste lezer, dit verslag toont wat de regio in 2021 realiseerde. Veel leesplezier.

Inleiding

Vlaanderen kent de gemeenten de regierol toe voor hun lokale sociale economie.

Jaarverslag 2021

Kerncijfers

In de regio telden we 9.788 werkzoekenden zonder werk en 5.538 ontvangen vacatures.

Samenstelling beheerscomité

Voorzitter Luc Peeters (Duffel), ondervoorzitter An Janssens (Lier), leden uit alle gemeenten.

Jaarkalender 2022

Februari: stuurgroep. Maart: beheerscomité. April: inspiratiebezoek bij een maatwerkbedrijf.

¹ Bron: VDAB, Arvastat, januari 2022.
"""
    assert actions_of([text_page(text)], REPORT) == []


def test_a_document_without_actions_gives_none():
    assert actions_of([Page(doc_id="doc", page=1)], REPORT) == []
    assert actions_of([text_page("Enkel een titel")], REPORT) == []


def _read(path, reader):
    from pipeline import clean
    from pipeline.config import Settings

    return clean.clean_pages(reader.read(path, path.read_bytes(), "doc", Settings()).pages)


def test_docx_headings_and_tables_through_the_reader(tmp_path):
    from pipeline.docmeta import RegionRegistry, detect
    from pipeline.fixtures import make_docx
    from pipeline.readers.docx import DocxReader

    path = make_docx([
        ("h1", "Jaarverslag 2022 regierol sociale economie Midwest"),
        ("p", "In dit verslag beschrijven we wat de regio in 2022 deed."),
        ("h2", "Netwerking op het grondgebied stimuleren"),
        ("h3", "Lerend netwerk trajectbegeleiders"),
        ("p", "In 2022 kwam het lerend netwerk vijf keer samen in Roeselare en Izegem."),
        ("h3", "Jobbeurs"),
        ("p", "De jobbeurs in Tielt werd geannuleerd omwille van corona."),
        ("h2", "Actieplan 2023"),
        ("table", [["Actie", "Timing", "Trekker", "Partners"],
                   ["Een regionale jobbeurs organiseren", "voorjaar 2023", "Midwest", "VDAB, UNIZO"],
                   ["", "", "", "VOKA"],
                   ["Taalcoaching op de werkvloer", "2023", "regisseur", "Ligo"]]),
    ], tmp_path / "midwest.docx")
    pages = _read(path, DocxReader())
    meta = detect("midwest.docx", pages, RegionRegistry.load())
    assert (meta.region, meta.doc_type, meta.years) == ("Midwest", "report+plan", (2022, 2023))
    actions = actions_of(pages, meta)
    assert [(a.kind, a.title, a.year, a.doc_type, a.status) for a in actions] == [
        ("subsection", "Lerend netwerk trajectbegeleiders", 2022, "report", "done"),
        ("subsection", "Jobbeurs", 2022, "report", "cancelled"),
        ("table_row", "Een regionale jobbeurs organiseren", 2023, "plan", "planned"),
        ("table_row", "Taalcoaching op de werkvloer", 2023, "plan", "planned"),
    ]
    assert "VOKA" in actions[2].text and actions[0].framework_code == "SE-2"


def test_pdf_typography_and_comments_through_the_reader(tmp_path):
    from pipeline.fixtures import make_pdf
    from pipeline.readers.pdf import PdfReader

    text = (
        "# Jaarverslag 2022\n\n## Netwerking op het grondgebied stimuleren\n\nLerend netwerk trajectbegeleiders\n\n"
        "In 2022 kwam het lerend netwerk vijf keer samen. De trajectbegeleiders wisselden ervaringen uit over "
        "tijdelijke werkervaring en werkplekleren.\n\nJobbeurs\n\nDe jobbeurs werd geannuleerd omwille van de "
        "coronapandemie. Een nieuwe editie volgt wellicht in het najaar van het volgende werkingsjaar.\n\n"
        "## Maatschappelijk verantwoord ondernemen bevorderen\n\n"
        "• Sociale clausules in overheidsopdrachten worden gepromoot bij de lokale besturen.\n\n"
        "Commentaar: In 2022 volgden 12 aankopers een opleiding sociaal aankopen.\n\n"
        "• Een netwerkmoment met solidaire financierders wordt georganiseerd.\n\n"
        "Commentaar: Het netwerkmoment is nog niet opgestart.\n"
    )
    pages = _read(make_pdf([text], tmp_path / "verslag.pdf"), PdfReader())
    sections = build_sections(pages)
    assert [(s.level, s.title) for s in sections][:3] == [
        (1, "Jaarverslag 2022"), (2, "Netwerking op het grondgebied stimuleren"), (3, "Lerend netwerk trajectbegeleiders")]
    meta = DocMeta(region="Midwest", doc_type="report", years=(2022,), framework="SE-2020")
    actions = find_actions("doc", pages, sections, meta)
    assert [(a.kind, a.title, a.status) for a in actions] == [
        ("subsection", "Lerend netwerk trajectbegeleiders", "done"),
        ("subsection", "Jobbeurs", "cancelled"),
        ("bullet", "Sociale clausules in overheidsopdrachten worden gepromoot bij de lokale besturen.", "done"),
        ("bullet", "Een netwerkmoment met solidaire financierders wordt georganiseerd.", "not_started"),
    ]
    assert actions[2].result == "In 2022 volgden 12 aankopers een opleiding sociaal aankopen."
    assert actions[3].framework_heading == "Maatschappelijk verantwoord ondernemen bevorderen"


def test_front_matter_ends_where_the_priorities_begin():
    text = (
        "Inleiding\n\nDeze nota beschrijft de doelstellingen van de regierol voor de komende jaren in onze regio.\n\n"
        "1. Netwerking op het grondgebied stimuleren\n\n"
        "1.1. Een lerend netwerk voor trajectbegeleiders opzetten\n"
        "Vanaf 2024 komen de trajectbegeleiders van alle gemeenten drie keer per jaar samen.\n\n"
        "1.2. Een jaarlijkse jobbeurs organiseren\n"
        "Samen met VDAB en de lokale besturen organiseren we elk najaar een jobbeurs.\n"
    )
    meta = DocMeta(region="W13", doc_type="plan", years=(2024, 2025), framework="WSE-2023")
    actions = actions_of([text_page(text)], meta)
    assert [(a.kind, a.title, a.year) for a in actions] == [
        ("objective", "Een lerend netwerk voor trajectbegeleiders opzetten", 2024),
        ("objective", "Een jaarlijkse jobbeurs organiseren", 2024),
    ]
    assert actions[0].framework_heading == "Netwerking op het grondgebied stimuleren"


def test_regular_past_tense_marks_a_reported_activity_not_an_introduction():
    """A one-paragraph subsection in the weak past ("begeleidden we") reports an activity; a present-tense
    paragraph with an inverted pronoun ("hebben we verschillende") stays an introduction."""
    from pipeline.segment import _PAST

    assert _PAST.search("Met de maatwerkbedrijven begeleidden we 12 werkzoekenden naar een job.")
    assert _PAST.search("We bereikten veertig werkzoekenden.")
    assert not _PAST.search("Binnen ons netwerk hebben we verschillende overlegmomenten met partners.")
    assert not _PAST.search("Ook wij verschillende partners zien graag meer samenwerking.")
