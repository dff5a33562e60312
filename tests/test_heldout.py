"""Held-out evaluation on the sample corpus (corpus/, regions Meetjesland and Noorderkempen).

The labels in eval/labels-corpus/ follow eval/GUIDELINES.md; the thresholds are the issues'
targets (3: actions and metadata; 4: domain and themes; 5: partners, dates, figures), not the
measured values. Targets the pipeline does not meet yet are strict xfails with the measured
figure in the reason: they fail as soon as the target is met, so the marker gets removed then.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from pipeline.classify import DOMAINS
from pipeline.evaluation.heldout import CORPUS_DIR, LABELS_CORPUS_DIR, TARGETS, evaluate_heldout
from pipeline.evaluation.labels import load_gold, normalise

ROOT = Path(__file__).resolve().parent.parent
STATUSES = {"done", "ongoing", "cancelled", "not_started", "unknown", "planned"}
UNITS = {"%", "EUR", "VTE", "persons", "organisations", "hours", "times", "days", "other"}
THEMES = {"taal", "mobiliteit", "kinderopvang", "jongeren", "wijk_werken", "art60_twe", "maatwerk_lde", "arbeidszorg",
          "sociaal_aankopen", "circulair", "voedsel", "zorg", "digitaal", "zichtbaarheid", "werkgevers", "langdurig_zieken",
          "kansengroepen", "overleg", "analyse", "projectsubsidies", "duurzaamheid", "opleiding"}


def _source_texts() -> dict[str, str]:
    """The corpus texts as the generator writes them (file name -> normalised text)."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "scripts" / "make_corpus.py")
    m = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(m)  # type: ignore[union-attr]
    docx_parts: list[str] = []
    for kind, value in m.NOORDERKEMPEN_2024:
        docx_parts += [" ".join(row) for row in value] if kind == "table" else [value]
    return {
        "meetjesland-werkingsverslag-2022.pdf": normalise(m.MEETJESLAND_2022),
        "meetjesland-werkingsverslag-2021-scan.pdf": normalise(" ".join(m.MEETJESLAND_2021)),
        "noorderkempen-actieplan-2024.docx": normalise(" ".join(docx_parts)),
        "noorderkempen-jaarverslag-2023.md": normalise(m.NOORDERKEMPEN_2023),
    }


def test_the_corpus_labels_load_and_follow_the_guidelines() -> None:
    golds = load_gold(LABELS_CORPUS_DIR)
    assert {g.seed for g in golds} == {p.name for p in CORPUS_DIR.iterdir() if p.is_file()}
    texts = _source_texts()
    for g in golds:
        assert g.actions, g.seed
        assert {"region", "doc_type", "years", "framework"} <= set(g.document)
        lines = [a.line for a in g.actions]
        assert lines == sorted(set(lines)), f"{g.seed}: positions must increase strictly"
        assert not set(lines) & {n["line"] for n in g.non_actions}, f"{g.seed}: a position is both action and non-action"
        for a in g.actions:
            d = a.data
            where = f"{g.seed}:{a.line}"
            assert len(a.anchor.split()) <= 8, where
            assert normalise(a.anchor) in texts[g.seed], f"{where}: anchor not in the document"
            assert d["domain"] in DOMAINS and set(d["themes"]) <= THEMES, where
            assert d["status"] in STATUSES and d["doc_type"] in ("report", "plan"), where
            assert (d["status"] == "planned") == (d["doc_type"] == "plan"), where
            assert d["year"] in g.document["years"], where
            assert all(p["role"] in ("lead", "partner") for p in d["partners"]), where
            assert all(f["unit"] in UNITS and len(f["counts"].split()) <= 6 for f in d["figures"]), where
            for item in d["dates"] + d["figures"]:
                assert normalise(item["text"]) in texts[g.seed], f"{where}: {item['text']!r} not in the document"


@pytest.fixture(scope="module")
def heldout() -> dict[str, Any]:
    return evaluate_heldout()


def test_the_evaluation_reports_every_document_and_its_tables(heldout: dict[str, Any]) -> None:
    assert heldout["documents"] == 4
    assert heldout["gold_actions"] == sum(len(g.actions) for g in load_gold(LABELS_CORPUS_DIR))
    assert [r["status"] for r in heldout["tables"]["per document"]] == ["ok"] * 4
    for table in ("targets", "per document", "missed actions", "extra actions", "label errors on matched actions"):
        assert table in heldout["tables"]


def test_action_finding_meets_the_issue_3_targets(heldout: dict[str, Any]) -> None:
    assert heldout["actions"]["recall"] >= TARGETS["action_recall"], heldout["tables"]["missed actions"]
    assert heldout["actions"]["precision"] >= TARGETS["action_precision"], heldout["tables"]["extra actions"]


def test_document_metadata_is_right_for_every_document(heldout: dict[str, Any]) -> None:
    assert heldout["metadata_all_right"], heldout["tables"]["metadata predicted"]


@pytest.mark.xfail(strict=True, reason="measured: domain macro-F1 0.71 < 0.80 (8 of 28 matched actions wrong), "
                                       "theme micro-F1 0.744 < 0.75 (precision 0.63)")
def test_classification_meets_the_issue_4_targets(heldout: dict[str, Any]) -> None:
    assert heldout["domain"]["macro_f1"] >= TARGETS["domain_macro_f1"]
    assert heldout["themes"]["micro_f1"] >= TARGETS["theme_micro_f1"]


def test_entities_meet_the_issue_5_targets(heldout: dict[str, Any]) -> None:
    assert heldout["partners"]["f1"] >= TARGETS["partner_f1"]
    assert heldout["dates"]["f1"] >= TARGETS["date_f1"]
    assert heldout["figures"]["f1"] >= TARGETS["figure_f1"]
