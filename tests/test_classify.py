"""Domains and themes: the heading table, the rules fallback, the trained model, safe loading."""
from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
import skops.io as sio

from pipeline.classify import (
    DOMAINS,
    MODEL_FILE,
    ActionClassifier,
    ModelError,
    classify_actions,
    load_heading_table,
    load_model_state,
    save_model,
    subheading,
)
from pipeline.config import MODELS_DIR
from pipeline.models import Action
from pipeline.themes import ThemeRule
from pipeline.train import Example, fit_domain, views_of


@pytest.mark.parametrize(
    "heading, domains",
    [
        # 2020-2022 priorities, in the wordings the reports use
        ("Acties die bijdragen aan de ontwikkeling van de lokale sociale economie.", ("sociale_economie",)),
        ("(1) De lokale sociale economie verder uitbouwen", ("sociale_economie",)),
        ("2. Netwerking op het grondgebied stimuleren", ("netwerking",)),
        ("Acties die de netwerking met en tussen de sociale economie bevorderen", ("netwerking",)),
        ("(3) Maatschappelijk verantwoord ondernemen bevorderen", ("mvo_ondernemen",)),
        ("Acties ter bevordering van het maatschappelijk ondernemen.", ("mvo_ondernemen",)),
        ("Actie voor de uitbouw van het lokaal werkgelegenheidsbeleid (facultatief)", ("samenwerking_vdab",)),
        ("Facultatief: samenwerking met de VDAB", ("samenwerking_vdab",)),
        ("Facultatief: tewerkstelling van personen met een afstand tot de arbeidsmarkt", ("activering",)),
        ("Tewerkstelling van mensen met een afstand tot de arbeidsmarkt, met VDAB", ("activering", "samenwerking_vdab")),
        # 2023-2025: codes, and the priorities written out
        ("1. Het opnemen van de lokale regierol door de besturen (WSE-LR1)", ("netwerking",)),
        ("WSE-LR2", ("activering",)),
        ("Drempels richting de arbeidsmarkt wegnemen", ("activering",)),
        ("WSE LR3", ("sociale_economie", "mvo_ondernemen")),
        ("3. Bevorderen van het ondernemerschap, waaronder sociaal ondernemen", ("sociale_economie", "mvo_ondernemen")),
        ("Partnerschappen met VDAB en lokale arbeidsmarktactoren (WSE-LR4)", ("samenwerking_vdab",)),
        # what names no priority
        ("Jaarverslag 2021", ()),
        ("Voorwoord", ()),
        ("", ()),
        (None, ()),
    ],
)
def test_heading_table(heading: str | None, domains: tuple[str, ...]) -> None:
    assert load_heading_table().match(heading) == domains


def action(title: str = "Een actie", text: str = "", **fields) -> Action:
    return Action(action_id="d-0001", doc_id="d", page=1, title=title, text=text, **fields)


def test_lookup_order_code_then_heading_then_nearest_section() -> None:
    table = load_heading_table()
    assert table.lookup(action(framework_code="WSE-LR2", framework_heading="Netwerking op het grondgebied")) == ("activering",)
    assert table.lookup(action(framework_heading="Netwerking op het grondgebied stimuleren", section_path=("Maatschappelijk verantwoord ondernemen",))) == ("netwerking",)
    nested = ("Jaarverslag 2021", "De lokale sociale economie verder uitbouwen", "Samenwerking met VDAB")
    assert table.lookup(action(section_path=nested)) == ("samenwerking_vdab",)
    assert table.lookup(action(framework_code="SE-3")) == ("mvo_ondernemen",)
    assert table.lookup(action(section_path=("Jaarverslag 2021", "Dagelijkse werking"))) == ()


def test_a_two_domain_heading_is_split_by_content() -> None:
    table = load_heading_table()
    lr3 = ("sociale_economie", "mvo_ondernemen")
    assert table.rule_domain("Contingent collectief maatwerk", "Twee maatwerkbedrijven kregen bijkomende VTE.", lr3)[0] == "sociale_economie"
    assert table.rule_domain("Sociale clausules", "Besturen namen sociale clausules op in hun aanbestedingen.", lr3)[0] == "mvo_ondernemen"
    domain, score = table.rule_domain("Dagelijkse werking", "", ())
    assert domain in DOMAINS and 0 <= score <= 1


def test_subheading_is_the_nearest_heading_below_the_framework_heading() -> None:
    a = action(
        title="Gestructureerd overleg met alle actoren",
        framework_heading="2. De lokale sociale economie verder uitbouwen",
        section_path=("De lokale sociale economie verder uitbouwen", "Inzetten op doelgroepen", "Re-integratie van langdurig zieken"),
    )
    assert subheading(a) == "Re-integratie van langdurig zieken"
    assert subheading(action(framework_heading="Netwerking", section_path=("Netwerking",))) == ""
    assert subheading(action(title="Wijk-werken", framework_heading="WSE-LR2", section_path=("Iets anders", "Wijk-werken"))) == ""


def fields_are_filled(out: list[Action]) -> None:
    for a in out:
        assert a.domain in DOMAINS
        assert a.domain_score is not None and 0.0 <= a.domain_score <= 1.0
        assert set(a.themes) == {t for t, _ in a.theme_evidence}
        assert all(words for _, words in a.theme_evidence)


ACTIONS = [
    action("Wijk-werken als opstap", "Wijk-werken werd ingezet voor langdurig werkzoekenden.", framework_code="WSE-LR2"),
    action("Sociale clausules", "De besturen namen sociale clausules op in overheidsopdrachten.", framework_heading="3. Bevorderen van het ondernemerschap"),
    action("Dagelijkse werking", "De regisseur beantwoordde vragen van besturen."),
]


def test_without_a_model_the_rules_classify_and_say_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pipeline.classify"):
        classifier = ActionClassifier.load(tmp_path)
    assert not classifier.uses_model
    assert "no domain model" in caplog.text and "mine train" in caplog.text
    out = classify_actions(ACTIONS, classifier)
    fields_are_filled(out)
    assert [a.domain for a in out[:2]] == ["activering", "mvo_ondernemen"]
    assert "wijk_werken" in out[0].themes and "sociaal_aankopen" in out[1].themes
    assert dict(out[0].theme_evidence)["wijk_werken"].startswith("Wijk-werken")


def synthetic_examples() -> list[Example]:
    """Tiny made-up actions in three regions (not seed text)."""
    rows = [
        ("netwerking", ("netwerking",), "Stuurgroep werk", "De stuurgroep en het lerend netwerk kwamen samen met de besturen.", ("overleg",)),
        ("activering", ("activering",), "Wijk-werken", "Wijk-werken als opstap voor werkzoekenden met een afstand tot de arbeidsmarkt.", ("wijk_werken",)),
        ("activering", ("netwerking",), "Fietsen voor leefloners", "Elektrische fietsen en het rijbewijs als drempels naar werk.", ("mobiliteit",)),
        ("mvo_ondernemen", ("mvo_ondernemen",), "Sociale clausules", "Sociale clausules in overheidsopdrachten van de besturen; MVO bij ondernemers.", ("sociaal_aankopen",)),
        ("sociale_economie", ("sociale_economie",), "Contingent maatwerk", "Maatwerkbedrijven kregen bijkomend contingent collectief maatwerk.", ("maatwerk_lde",)),
        ("samenwerking_vdab", ("netwerking",), "Actieplan met VDAB", "Met VDAB werd de samenwerkingsovereenkomst opgevolgd in een jaaractieplan.", ()),
    ]
    out = []
    for r, region in enumerate(("Noord", "Zuid", "West")):
        for i, (domain, hd, title, text, themes) in enumerate(rows):
            out.append(Example(f"doc{r}", region, i + 1, title, f"{title}. {text} Regio {region}.", None, hd, domain, themes))
    return out


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    examples = synthetic_examples()
    model = fit_domain(examples, {"min_df": 1}, views_of(examples))
    path = tmp_path_factory.mktemp("model") / MODEL_FILE
    save_model(path, model, ThemeRule(), {"version": "test"})
    return path.parent


def test_a_trained_model_loads_and_classifies(model_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pipeline.classify"):
        classifier = ActionClassifier.load(model_dir)
    assert classifier.uses_model and "no domain model" not in caplog.text
    out = classify_actions(ACTIONS, classifier)
    fields_are_filled(out)
    assert out[0].domain == "activering"
    assert classify_actions([], classifier) == []


def test_the_content_can_overrule_the_heading(model_dir: Path) -> None:
    classifier = ActionClassifier.load(model_dir)
    vdab = action("Actieplan met VDAB", "De samenwerkingsovereenkomst met VDAB werd opgevolgd.", framework_heading="Netwerking op het grondgebied")
    assert classify_actions([vdab], classifier)[0].domain == "samenwerking_vdab"


class _Payload:
    """Something a model file must never bring along."""


@pytest.mark.parametrize("payload", [_Payload(), print], ids=["object", "function"])
def test_untrusted_types_are_refused(tmp_path: Path, model_dir: Path, payload: object) -> None:
    state = sio.load(model_dir / MODEL_FILE, trusted=[])
    sio.dump({**state, "info": {"x": payload}}, tmp_path / MODEL_FILE)
    with pytest.raises(ModelError, match="does not trust"):
        ActionClassifier.load(tmp_path)


def test_a_file_with_other_trusted_estimators_or_damage_is_refused(tmp_path: Path, model_dir: Path) -> None:
    from sklearn.tree import DecisionTreeClassifier

    state = sio.load(model_dir / MODEL_FILE, trusted=[])
    swapped = tmp_path / "swapped.skops"
    sio.dump({**state, "domain": {**state["domain"], "clf": DecisionTreeClassifier()}}, swapped)
    with pytest.raises(ModelError):
        load_model_state(swapped)
    damaged = tmp_path / "damaged.skops"
    damaged.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ModelError):
        load_model_state(damaged)


SHIPPED = MODELS_DIR / MODEL_FILE


@pytest.mark.skipif(not SHIPPED.is_file(), reason="no committed model")
def test_the_committed_model_is_small_loads_fast_and_classifies() -> None:
    assert SHIPPED.stat().st_size < 5_000_000
    load_heading_table.cache_clear()
    started = time.perf_counter()
    classifier = ActionClassifier.load(MODELS_DIR)
    assert time.perf_counter() - started < 1.0
    assert classifier.uses_model
    fields_are_filled(classify_actions(ACTIONS, classifier))
