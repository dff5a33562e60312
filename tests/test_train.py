"""Training: examples from labels + seeds, determinism, the model card, the CLI command.

The seeds and labels here are made up in the test (three small regions), never seed text.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.classify import MODEL_FILE, ActionClassifier, classify_actions
from pipeline.models import Action
from pipeline.themes import load_cue_table
from pipeline.train import (
    Example,
    TrainingDataError,
    fit_temperature,
    gold_examples,
    title_of,
    train,
    tune_theme_rule,
    views_of,
)

# (heading line or None, title, text, domain, themes); a heading opens a priority
PLAN = [
    ("1. Het opnemen van de lokale regierol door de besturen (WSE-LR1)", None, None, None, None),
    (None, "Stuurgroep werk en economie", "De stuurgroep kwam {n} keer samen met de besturen van {r}; het lerend netwerk volgde.", "netwerking", ["overleg"]),
    (None, "Lerend netwerk trajectbegeleiders", "Trajectbegeleiders van {r} wisselden ervaringen uit in het lerend netwerk.", "netwerking", ["overleg"]),
    (None, "Actieplan met VDAB", "Met VDAB maakte {r} een jaaractieplan bij de samenwerkingsovereenkomst.", "samenwerking_vdab", []),
    ("2. Drempels richting de arbeidsmarkt wegnemen (WSE-LR2)", None, None, None, None),
    (None, "Wijk-werken in de regio", "Wijk-werken bood {n} werkzoekenden van {r} een opstap naar werk.", "activering", ["wijk_werken"]),
    (None, "Fietsen voor leefloners", "Elektrische fietsen en lessen voor het rijbewijs hielpen {n} cliënten in {r}.", "activering", ["mobiliteit"]),
    ("3. Bevorderen van het ondernemerschap en sociaal ondernemen (WSE-LR3)", None, None, None, None),
    (None, "Sociale clausules in overheidsopdrachten", "De besturen van {r} namen sociale clausules op in {n} aanbestedingen.", "mvo_ondernemen", ["sociaal_aankopen"]),
    (None, "Contingent collectief maatwerk", "Maatwerkbedrijven in {r} kregen {n} VTE bijkomend contingent.", "sociale_economie", ["maatwerk_lde"]),
    ("4. Partnerschappen met VDAB en lokale arbeidsmarktactoren (WSE-LR4)", None, None, None, None),
    (None, "Samenwerkingsovereenkomst met VDAB", "De samenwerkingsovereenkomst met VDAB werd in {r} {n} keer besproken.", "samenwerking_vdab", []),
]
REGIONS = ("Noordrand", "Zuidkust", "Westhoek")


def make_labelled_seeds(root: Path) -> tuple[Path, Path]:
    """Three seeds (one per region) and their label files, written by code."""
    seeds, labels = root / "seeds", root / "labels"
    seeds.mkdir()
    labels.mkdir()
    for k, region in enumerate(REGIONS):
        lines = [f"Jaarverslag 2023 {region}", ""]
        actions, non_actions = [], [{"line": 1, "anchor": "Jaarverslag 2023", "why": "title"}]
        heading = None
        for j, (head, title, text, domain, themes) in enumerate(PLAN):
            if head:
                heading = head.split(". ", 1)[1]
                lines += [head, ""]
                non_actions.append({"line": len(lines) - 1, "anchor": " ".join(head.split()[1:4]), "why": "priority heading"})
                continue
            lines += [title, text.format(r=region, n=k + j + 2), ""]
            actions.append(
                {"line": len(lines) - 2, "anchor": " ".join(title.split()[:3]), "year": 2023, "doc_type": "report", "status": "done",
                 "framework_heading": heading, "domain": domain, "themes": themes, "partners": [], "dates": [], "figures": []}
            )
        seed = f"00{k}_test.txt"
        (seeds / seed).write_text("\n".join(lines) + "\n", encoding="utf-8")
        doc = {"region": region, "municipalities": [], "doc_type": "report", "years": [2023], "framework": "WSE-2023"}
        (labels / f"00{k}_test.json").write_text(json.dumps({"seed": seed, "document": doc, "actions": actions, "non_actions": non_actions}), encoding="utf-8")
    return labels, seeds


@pytest.fixture
def data(tmp_path: Path) -> tuple[Path, Path]:
    return make_labelled_seeds(tmp_path)


def test_examples_are_cut_from_the_seeds(data: tuple[Path, Path]) -> None:
    labels, seeds = data
    for segmented in (False, True):
        examples = gold_examples(labels, seeds, segmented=segmented)
        assert len(examples) == 3 * 8
        assert {e.region for e in examples} == set(REGIONS)
        first = examples[0]
        assert first.title.startswith("Stuurgroep werk") and "lerend netwerk" in first.full_text
        assert "Lerend netwerk trajectbegeleiders" not in first.text  # the next action is not part of it
        assert first.heading_domains == ("netwerking",) and first.domain == "netwerking"
        assert examples[7].heading_domains == ("samenwerking_vdab",)


def test_missing_labels_or_seeds_are_typed_errors(tmp_path: Path, data: tuple[Path, Path]) -> None:
    labels, _ = data
    with pytest.raises(TrainingDataError):
        gold_examples(tmp_path / "nothing", tmp_path)
    with pytest.raises(TrainingDataError):
        gold_examples(labels, tmp_path / "no-seeds")


def test_title_of_takes_the_first_line_or_sentence() -> None:
    assert title_of("• Wijk-werken in de regio\nHet verhaal.") == "Wijk-werken in de regio"
    long = "Een zin over de werking. " + "Nog veel meer woorden over het project " * 8
    assert title_of(long) == "Een zin over de werking."


def run(labels: Path, seeds: Path, out: Path, evaluate: bool = False):
    return train(labels_dir=labels, seeds_dir=seeds, out_dir=out, evaluate=evaluate)


PROBES = [
    Action(action_id="p-1", doc_id="p", page=1, title="Wijk-werken", text="Wijk-werken als opstap naar werk.", framework_code="WSE-LR2"),
    Action(action_id="p-2", doc_id="p", page=1, title="Overleg met VDAB", text="Een jaaractieplan met VDAB.", framework_heading="Netwerking op het grondgebied"),
    Action(action_id="p-3", doc_id="p", page=1, title="Clausules", text="Sociale clausules en maatwerkbedrijven.", framework_code="WSE-LR3"),
]


def test_training_twice_gives_the_same_model(tmp_path: Path, data: tuple[Path, Path]) -> None:
    labels, seeds = data
    outputs = []
    for name in ("a", "b"):
        result = run(labels, seeds, tmp_path / name)
        assert result.model_path.is_file() and result.model_path.name == MODEL_FILE
        classifier = ActionClassifier.load(result.model_path.parent)
        outputs.append([(a.domain, a.domain_score, a.themes, a.theme_evidence) for a in classify_actions(PROBES, classifier)])
        outputs.append(result.params)
        outputs.append(result.theme_rule)
    assert outputs[:3] == outputs[3:]
    assert all(0.0 <= score <= 1.0 for _, score, _, _ in outputs[0])


def test_train_writes_card_and_metrics_with_loro_scores(tmp_path: Path, data: tuple[Path, Path]) -> None:
    labels, seeds = data
    result = run(labels, seeds, tmp_path / "m", evaluate=True)
    card = result.card_path.read_text(encoding="utf-8")
    for needed in ("## Data", "## Scores", "## Rebuild", "mine train", "leave-one-region-out", "combined", "heading only"):
        assert needed in card
    metrics = json.loads(result.metrics_path.read_text(encoding="utf-8"))
    evaluation = metrics["evaluation"]
    assert evaluation["actions"] == 24 and set(evaluation["regions"]) == set(REGIONS)
    methods = {row["method"] for row in evaluation["tables"]["domain methods"]}
    assert methods == {"heading only", "rules (no model)", "text only", "combined"}
    assert 0.0 <= evaluation["domain"]["macro_f1"] <= 1.0 and 0.0 <= evaluation["themes"]["micro_f1"] <= 1.0
    assert len(evaluation["tables"]["domain confusion (combined)"]) == 5


def test_the_theme_rule_is_tuned_to_the_labels(data: tuple[Path, Path]) -> None:
    labels, seeds = data
    examples = gold_examples(labels, seeds, segmented=False)
    cues = load_cue_table()
    views = views_of(examples, cues)
    rule = tune_theme_rule(examples, cues, views=views)

    def f1(r) -> float:
        from pipeline.train import micro_f1

        return micro_f1([e.themes for e in examples], [cues.assign(v.title, v.text, r, v.hits)[0] for v in views])

    assert f1(rule) >= f1(cues.rule)
    assert tune_theme_rule([Example("d", "r", 1, "t", "x", None, (), "netwerking", None)], cues) == cues.rule


def test_temperature_softens_overconfident_probabilities() -> None:
    gold = ["a", "b", "a", "b"]
    overconfident = [{"a": 0.99, "b": 0.01}, {"a": 0.99, "b": 0.01}, {"a": 0.99, "b": 0.01}, {"a": 0.01, "b": 0.99}]
    assert fit_temperature(gold, overconfident) > 1.0
    assert fit_temperature([], []) == 1.0


def test_cli_train_is_a_thin_skin(tmp_path: Path, data: tuple[Path, Path]) -> None:
    from pipeline.cli import app

    labels, seeds = data
    out = tmp_path / "cli-model"
    result = CliRunner().invoke(app, ["train", "--labels", str(labels), "--seeds", str(seeds), "--out", str(out), "--no-eval", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["examples"] == 24 and Path(summary["model"]).is_file()
    missing = CliRunner().invoke(app, ["train", "--labels", str(tmp_path / "none"), "--seeds", str(seeds), "--out", str(out)])
    assert missing.exit_code != 0
    assert "training_data" in missing.output


def test_a_store_adds_weak_examples_from_other_documents(tmp_path: Path, data: tuple[Path, Path], settings) -> None:
    from dataclasses import replace

    from pipeline.ingest import ingest
    from pipeline.train import WEAK_WEIGHT, store_examples

    labels, seeds = data
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = sorted(seeds.glob("*.txt"))
    for seed in texts:  # the same reports under other names (and other bytes): not seeds
        (corpus / f"other-{seed.name}").write_text(seed.read_text(encoding="utf-8") + "\nAnders.\n", encoding="utf-8")
    (corpus / texts[0].name).write_text(texts[0].read_text(encoding="utf-8"), encoding="utf-8")  # a seed itself
    ingest([corpus], replace(settings, model_dir=tmp_path / "no-model"))
    everything = store_examples(settings.db)
    weak = store_examples(settings.db, {p.stem for p in texts})
    assert weak and len(weak) < len(everything), "the seed is left out, the other documents give weak examples"
    assert all(e.weight == WEAK_WEIGHT and e.themes is None and e.heading_domains == (e.domain,) for e in weak)
    result = train(labels_dir=labels, seeds_dir=seeds, out_dir=tmp_path / "m", db=settings.db, evaluate=False)
    assert result.weak_examples == len(weak)
