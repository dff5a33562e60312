"""Document metadata: the region registry, and region / doc_type / years / framework detection."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.docmeta import RegionRegistry, RegionsFileError, detect
from pipeline.models import Page


def text_page(text: str, page: int = 1) -> Page:
    from pipeline.readers.text import paragraphs_to_blocks

    return Page(doc_id="d", page=page, blocks=tuple(paragraphs_to_blocks(text)))


@pytest.fixture(scope="module")
def registry() -> RegionRegistry:
    return RegionRegistry.load()


def test_shipped_registry_resolves_aliases_and_municipalities(registry):
    assert registry.canonical("ISSE VMG") == "Vilvoorde-Machelen-Grimbergen"
    assert registry.canonical("ILV regie sociale economie Rivierenland") == "Rivierenland"
    assert registry.canonical("ILV Rivierenland") == "Rivierenland"
    assert registry.canonical("Zuid-West-Vlaanderen") == "W13"
    assert registry.canonical("IGO div") == "IGO"
    assert registry.canonical("Midwest") == "Midwest"
    assert registry.canonical("nergens") is None
    assert len(registry.get("W13").municipalities) == 13
    assert set(registry.get("Vilvoorde-Machelen-Grimbergen").municipalities) == {"Vilvoorde", "Machelen", "Grimbergen"}
    assert len(registry.get("Rivierenland").municipalities) == 10
    assert registry.municipality("Heist o/d Berg") == "Heist-op-den-Berg"
    assert registry.municipality("sint-katelijne waver") == "Sint-Katelijne-Waver"
    assert registry.regions_of("Bekkevoort") == ["IGO"]
    assert len(registry) >= 20  # other partnerships, so that unseen documents resolve


def test_a_user_file_extends_the_registry(tmp_path: Path):
    extra = tmp_path / "regio.toml"
    extra.write_text(
        '[[region]]\nname = "Kleine Nete"\naliases = ["ILV Kleine Nete"]\nmunicipalities = ["Grobbendonk", "Vorselaar"]\n\n'
        '[[region]]\nname = "W13"\naliases = ["Welzijnsvereniging Zuid-West"]\n',
        encoding="utf-8",
    )
    registry = RegionRegistry.load(extra)
    assert registry.canonical("ILV Kleine Nete") == "Kleine Nete"
    assert registry.canonical("Welzijnsvereniging Zuid-West") == "W13"
    assert len(registry.get("W13").municipalities) == 13  # merged, not replaced
    assert registry.canonical("ISSE VMG") == "Vilvoorde-Machelen-Grimbergen"  # shipped regions stay


def test_a_broken_user_file_is_a_typed_error_with_a_remedy(tmp_path: Path):
    bad = tmp_path / "kapot.toml"
    bad.write_text("[[region]]\naliases = 'geen lijst'\n", encoding="utf-8")
    with pytest.raises(RegionsFileError) as info:
        RegionRegistry.load(bad)
    assert "name" in str(info.value) and info.value.remedy
    with pytest.raises(RegionsFileError):
        RegionRegistry.load(tmp_path / "bestaat-niet.toml")


def test_region_from_the_title_area_wins_over_partners_named_in_the_text(registry):
    body = ("Samen met Haviland, IGO en de VDAB werken we aan wijk-werken. " * 3)
    page = text_page(f"ISSE VMG\n\nWerkingsverslag werkingsjaar 2021\n\n{body}\n\nVilvoorde, Machelen en Grimbergen werken samen.")
    meta = detect("verslag.txt", [page], registry)
    assert meta.region == "Vilvoorde-Machelen-Grimbergen"
    assert set(meta.municipalities) == {"Vilvoorde", "Machelen", "Grimbergen"}


def test_region_override_wins(registry):
    page = text_page("ISSE VMG\n\nWerkingsverslag werkingsjaar 2021")
    assert detect("x.txt", [page], registry, region_override="W13").region == "W13"
    assert detect("x.txt", [page], registry, region_override="Eigen regio").region == "Eigen regio"


def test_doc_type_years_and_framework_of_a_report(registry):
    page = text_page("Regierol sociale economie en werk\n\nJaarverslag 2023\n\nIn Zuid-West-Vlaanderen neemt W13 de regierol op. "
                     "Ons actieplan 2023-2025 telt vier prioriteiten.\n\n1. Het opnemen van de lokale regierol (WSE-LR1)\n\n"
                     "Lerend netwerk\n\nHet netwerk kwam in 2023 zes keer samen.")
    meta = detect("w13.txt", [page], registry)
    assert (meta.region, meta.doc_type, meta.years, meta.framework) == ("W13", "report", (2023,), "WSE-2023")


def test_a_report_with_a_plan_part_is_report_plus_plan_with_every_working_year(registry):
    page = text_page("JAARVERSLAG 2021 JAARACTIEPLAN 2022\n\nILV Regie Sociale Economie Rivierenland\n\n"
                     "Jaarverslag 2021\n\nDe lokale sociale economie verder uitbouwen\n\nIn 2021 werd een omgevingsanalyse gemaakt.\n\n"
                     "Actieplan 2022\n\nNetwerking op het grondgebied stimuleren\n\nIn 2022 willen we een bedank-event organiseren.")
    meta = detect("riv.txt", [page], registry)
    assert (meta.region, meta.doc_type, meta.years, meta.framework) == ("Rivierenland", "report+plan", (2021, 2022), "SE-2020")


def test_a_plan_for_a_period_covers_every_year_of_it(registry):
    page = text_page("Toelichting aan het college van Bekkevoort: intentieverklaring over een subsidieaanvraag voor de "
                     "Regierol Lokale Sociale Economie, opgemaakt door IGO div.\n\nIGO div coördineerde de periode 2017-2019 en maakt "
                     "een subsidieaanvraag op voor de periode 2020-2025.\n\n1. Beleidsvisie sociale economie\n\n"
                     "1.1. Visievorming\n\nWerkbezoeken zullen ingepland worden.")
    meta = detect("nota.txt", [page], registry)
    assert meta.region == "IGO" and meta.municipalities == ("Bekkevoort",)
    assert meta.doc_type == "plan" and meta.years == tuple(range(2020, 2026)) and meta.framework == "SE-2020"


def test_a_plan_without_dates_takes_its_frameworks_cycle(registry):
    page = text_page("1. Netwerking op het grondgebied stimuleren\n\nDe algemene ROSE vergadering organiseren. "
                     "Expert Werk W13 en de actiegroep trekken dit.\n\n2. De lokale sociale economie verder uitbouwen\n\n"
                     "We zetten in op het thema sociaal activeren in Zuid-West-Vlaanderen.\n\n"
                     "3. Het maatschappelijk verantwoord ondernemen bevorderen:\n\nWe verweven MVO in het actieplan.")
    meta = detect("plan.txt", [page], registry)
    assert (meta.region, meta.doc_type, meta.framework) == ("W13", "plan", "SE-2020")
    assert meta.years == tuple(range(2020, 2026))


def test_unknown_documents_stay_unknown(registry):
    meta = detect("x.txt", [text_page("Een tekst zonder regio of jaartal.")], registry)
    assert meta.region is None and meta.years == () and meta.framework is None


def test_metadata_of_the_five_seeds_is_right(registry):
    from pipeline import clean
    from pipeline.evaluation.labels import SEEDS_DIR, load_gold

    golds = load_gold()
    if not golds or not SEEDS_DIR.is_dir():
        pytest.skip("no gold labels or seeds")
    for gold in golds:
        page = text_page((SEEDS_DIR / gold.seed).read_text(encoding="utf-8"))
        meta = detect(gold.seed, clean.clean_pages([page]), registry)
        doc = gold.document
        assert (meta.region, meta.doc_type, list(meta.years), meta.framework) == (
            doc["region"], doc["doc_type"], doc["years"], doc["framework"]), gold.seed
        assert sorted(meta.municipalities) == sorted(doc.get("municipalities", [])), gold.seed
