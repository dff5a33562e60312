"""One canonical name per organisation; never a merge of names that differ in their place."""
from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz

from pipeline.errors import MineError
from pipeline.orgs import OrgRegistry, key


@pytest.fixture(scope="module")
def registry() -> OrgRegistry:
    return OrgRegistry.load()


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding", "VDAB"),
        ("Vlaamse Dienst voor Arbeidsbemiddeling", "VDAB"),
        ("de VDAB", "VDAB"),
        ("VDAB West-Vlaanderen", "VDAB"),  # a regional branch is the organisation
        ("Unizo", "UNIZO"),
        ("Unizo Antwerpen", "UNIZO"),
        ("Voka", "VOKA"),
        ("OCMW Gent", "OCMW Gent"),
        ("OCMW Genk", "OCMW Genk"),
        ("Sociaal Huis Vilvoorde", "OCMW Vilvoorde"),  # by the alias file's [prefix]
        ("stad Mechelen", "Stad Mechelen"),
        ("gemeente Vilvoorde", "Stad Vilvoorde"),  # Vilvoorde is a city
        ("gemeente Machelen", "Gemeente Machelen"),
        ("provincie West-Vlaanderen", "Provincie West-Vlaanderen"),
        ("POM West-Vlaanderen", "POM West-Vlaanderen"),  # the place is part of this name
        ("Ecoso vzw", "Ecoso"),
        ("vzw De Rand", "De Rand"),
        ("JobRoad ivzw", "JobRoad"),
        ("Duoforajob", "Duo for a Job"),
        ("Thomas Moore", "Thomas More"),  # a spelling variant, fuzzy
        ("Albert Heyn", "Albert Heijn"),
        ("agentschap integratie en inburgering", "Agentschap Integratie en Inburgering"),
        ("DWSE", "Departement WSE"),
        ("Maatwerkbedrijf Webo", "Webo"),
    ],
)
def test_canonical(registry: OrgRegistry, name: str, canonical: str) -> None:
    assert registry.canonical(name) == canonical


@pytest.mark.parametrize("name", ["SE", "NEC", "LDE", "TWE", "VTE", "NT2", "MVO", "ROSE", "SWOT"])
def test_not_organisations(registry: OrgRegistry, name: str) -> None:
    assert registry.canonical(name) is None


def test_gent_genk_stay_apart_though_they_look_alike(registry: OrgRegistry) -> None:
    assert fuzz.ratio("OCMW Gent", "OCMW Genk") > 85  # close enough to fool a fuzzy matcher
    assert not registry.same("OCMW Gent", "OCMW Genk")
    assert not registry.compatible("Kringwinkel Gent", "Kringwinkel Genk")
    merged = registry.cluster(["OCMW Gent", "OCMW Genk", "OCMW Gent"])
    assert merged["OCMW Gent"] != merged["OCMW Genk"]


def test_same(registry: OrgRegistry) -> None:
    assert registry.same("Sociaal Huis Vilvoorde", "OCMW Vilvoorde")
    assert registry.same("Unizo", "UNIZO")
    assert registry.same("Vlaamse Dienst voor Arbeidsbemiddeling", "VDAB")
    assert not registry.same("VDAB", "VVSG")


def test_cluster_merges_spellings_of_unknown_names(registry: OrgRegistry) -> None:
    merged = registry.cluster(["Werkmaat", "Werkmaat vzw", "werkmaat", "Opnieuw & Co", "Opnieuw en Co"])
    assert merged["Werkmaat vzw"] == merged["werkmaat"] == "Werkmaat"
    assert merged["Opnieuw & Co"] != merged["Werkmaat"]


def test_user_alias_file_wins(tmp_path: Path) -> None:
    user = tmp_path / "aliases.toml"
    user.write_text(
        '[same]\n"Kringwinkel Zuiderkempen" = ["KWZ", "De Kringwinkel Zuiderkempen"]\n'
        '[not_org]\nnames = ["ROA"]\n[different]\npairs = [["Werkmaat", "Werkmaten"]]\n',
        encoding="utf-8",
    )
    registry = OrgRegistry.load(aliases_file=user)
    assert registry.canonical("KWZ") == "Kringwinkel Zuiderkempen"
    assert registry.canonical("ROA") is None
    assert not registry.compatible("Werkmaat", "Werkmaten")


def test_a_broken_alias_file_is_a_typed_error(tmp_path: Path) -> None:
    bad = tmp_path / "aliases.toml"
    bad.write_text("[same\n", encoding="utf-8")
    with pytest.raises(MineError) as info:
        OrgRegistry.load(aliases_file=bad)
    assert info.value.remedy
    with pytest.raises(MineError):
        OrgRegistry.load(aliases_file=tmp_path / "missing.toml")


def test_places_in_names(registry: OrgRegistry) -> None:
    assert registry.places.in_name("OCMW Gent") == {"Gent"}
    assert registry.places.in_name("Stad Sint-Katelijne-Waver") == {"Sint-Katelijne-Waver"}
    assert registry.places.in_name("Groep Intro") == frozenset()
    assert registry.places.province("Vilvoorde") == "Vlaams-Brabant"
    assert key("Herw!n") == "herw n"
