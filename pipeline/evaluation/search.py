"""Search quality: precision@5 over the labelled queries (`eval/queries.json`).

    [{"query": "taalcoaching op de werkvloer", "relevant": [{"seed": "000_….txt", "line": 7}, …]}, …]

A relevant entry names a gold action by its seed and line (eval/labels/<seed stem>.json);
the gold action is tied to a predicted action of that seed's document by its anchor
(`labels.match_actions`), so the evaluation measures search over what the pipeline really
extracted. Relevant gold actions that the segmenter did not find are reported (`missing`) and
left out of that query's denominator: this measures ranking, not segmentation.

precision@k = relevant actions among the top k / min(k, relevant actions found), so a query
with two relevant actions can still reach 1.0. Target (issue 6): mean precision@5 >= 0.8.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Sequence

from pipeline.config import REPO_ROOT, Settings
from pipeline.evaluation.labels import LABELS_DIR, SEEDS_DIR, GoldDocument, load_gold, match_actions
from pipeline.store import Store

QUERIES_FILE = REPO_ROOT / "eval" / "queries.json"
TARGET = 0.8


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def gold_to_predicted(store: Store, gold: Sequence[GoldDocument]) -> dict[tuple[str, int], str]:
    """(seed stem, line) of each gold action -> the id of the predicted action it matches."""
    docs = {Path(d.source).stem: d for d in store.documents()}
    mapping: dict[tuple[str, int], str] = {}
    for g in gold:
        doc = docs.get(g.stem)
        if doc is None:
            continue
        predicted = store.actions(doc_id=doc.doc_id)
        # The anchor is the action's first words: its title (a heading) or the start of its text.
        texts = [a.text if a.text.lstrip().startswith(a.title.strip()[:30]) else f"{a.title}\n{a.text}" for a in predicted]
        for gi, pi in match_actions(g.actions, texts):
            mapping[(g.stem, g.actions[gi].line)] = predicted[pi].action_id
    return mapping


def evaluate_store(store: Store, queries: Sequence[dict[str, Any]], gold: Sequence[GoldDocument], k: int = 5) -> dict[str, Any]:
    """Precision@k of `search` on a store holding the ingested seeds."""
    from pipeline.analyse import load_corpus
    from pipeline.search import ActionSearcher

    mapping = gold_to_predicted(store, gold)
    searcher = ActionSearcher(load_corpus(store))
    rows, precisions = [], []
    missing_total = 0
    for q in queries:
        relevant, missing = set(), []
        for r in q["relevant"]:
            key = (Path(r["seed"]).stem, int(r["line"]))
            if key in mapping:
                relevant.add(mapping[key])
            else:
                missing.append(f"{key[0]}:{key[1]}")
        missing_total += len(missing)
        hits = searcher.search(q["query"], k=k)
        found = [h.action_id in relevant for h in hits]
        row = {"query": q["query"], "relevant": len(relevant), "missing": len(missing), "hits@k": sum(found)}
        if relevant:
            p = sum(found) / min(k, len(relevant))
            precisions.append(p)
            row[f"precision@{k}"] = round(p, 3)
        else:
            row[f"precision@{k}"] = None
        row["top"] = "".join("✓" if ok else "✗" for ok in found)  # relevance of the ranked results
        rows.append(row)
    mean = sum(precisions) / len(precisions) if precisions else 0.0
    return {
        "queries": len(queries),
        "queries_scored": len(precisions),
        f"precision@{k}": round(mean, 3),
        "target": TARGET,
        "passed": bool(precisions) and mean >= TARGET,
        "relevant_missing": missing_total,
        "tables": {"queries": rows},
    }


def evaluate_search(
    db: Path | None = None,
    queries_path: Path = QUERIES_FILE,
    labels_dir: Path = LABELS_DIR,
    seeds_dir: Path = SEEDS_DIR,
    k: int = 5,
) -> dict[str, Any]:
    """Precision@k over eval/queries.json. Without `db`, the seeds are ingested (as text)
    into a temporary store first."""
    if not queries_path.is_file():
        return {"skipped": f"no {queries_path.name} (labelled queries) yet"}
    queries = load_queries(queries_path)
    gold = load_gold(labels_dir)
    if db is not None:
        with Store(db, readonly=True) as store:
            return evaluate_store(store, queries, gold, k)
    from pipeline.ingest import ingest

    with tempfile.TemporaryDirectory(prefix="mine-eval-search-") as tmp:
        settings = Settings.build(env={}, db=Path(tmp) / "mine.db", workers=max(1, min(4, os.cpu_count() or 1)))
        ingest([seeds_dir], settings)
        with Store(settings.db, readonly=True) as store:
            return evaluate_store(store, queries, gold, k)
