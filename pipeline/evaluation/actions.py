"""Evaluation of action finding and document metadata against the gold labels (`mine evaluate`).

The labelled seeds (read at run time from the shared seeds folder, never copied) are ingested
into a temporary store through the whole pipeline (`pipeline.ingest.ingest`), in one of three
variants:

- `text`: the seed files as they are (`.txt`);
- `pdf`: each seed rendered to a born-digital PDF (`pipeline.fixtures.make_pdf`);
- `scan`: each seed rendered to an image-only PDF (`pipeline.fixtures.make_scan`), so every page
  goes through OCR.

Predicted actions are matched one-to-one to gold actions by anchor (`labels.match_actions`:
the action's text must start with the gold anchor, fuzzily). Reported per seed and overall:
action precision / recall / F1; on matched actions the share with the right year, doc_type,
status and framework heading; per seed whether region, doc_type, years and framework are right.

Targets (issue 3): recall >= 0.90 and precision >= 0.85 on the seeds as text; the PDF and scan
variants within 0.05 of the text figures; metadata right for all five seeds.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from pipeline.evaluation.labels import LABELS_DIR, SEEDS_DIR, GoldDocument, load_gold, match_actions, normalise, prf
from pipeline.models import Action, DocMeta

VARIANTS = ("text", "pdf", "scan")
TARGETS = {"recall": 0.90, "precision": 0.85, "variant_gap": 0.05}
META_FIELDS = ("region", "doc_type", "years", "framework")


def prepare_inputs(golds: Sequence[GoldDocument], variant: str, folder: Path, seeds_dir: Path = SEEDS_DIR) -> dict[str, str]:
    """Write each labelled seed into `folder` in the variant's format; returns {file name: seed name}."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose from {', '.join(VARIANTS)}")
    folder.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for g in golds:
        source = seeds_dir / g.seed
        if not source.is_file():
            raise FileNotFoundError(f"seed {g.seed} not found in {seeds_dir} (the labels refer to it)")
        if variant == "text":
            target = folder / g.seed
            target.write_bytes(source.read_bytes())
        else:
            from pipeline import fixtures

            text = source.read_text(encoding="utf-8")
            target = folder / f"{g.stem}.pdf"
            if variant == "pdf":
                fixtures.make_pdf([text], target)
            else:
                fixtures.make_scan([text], target)
        names[target.name] = g.seed
    return names


def predicted(golds: Sequence[GoldDocument], variant: str, workdir: Path, seeds_dir: Path = SEEDS_DIR,
              workers: int | None = None) -> dict[str, tuple[DocMeta, list[Action], str]]:
    """Ingest the seeds (as `variant`) into a store under `workdir`; {seed: (meta, actions, status)}."""
    from pipeline.config import Settings
    from pipeline.ingest import ingest
    from pipeline.store import Store

    folder = workdir / f"seeds-{variant}"
    names = prepare_inputs(golds, variant, folder, seeds_dir)
    flags: dict[str, Any] = {"db": workdir / f"eval-{variant}.db"}
    if workers is not None:
        flags["workers"] = workers
    settings = Settings.build(env={}, **flags)
    ingest([folder], settings)
    out: dict[str, tuple[DocMeta, list[Action], str]] = {}
    with Store(settings.db, readonly=True) as store:
        for doc in store.documents():
            seed = names.get(Path(doc.source).name)
            if seed is not None:
                out[seed] = (doc.meta, store.actions(doc_id=doc.doc_id), doc.status)
    return out


def _heading_right(pred: str | None, gold: str | None) -> bool:
    """The gold heading is the document's own (first ten words and "…" when longer)."""
    if not gold:
        return not pred
    if not pred:
        return False
    g = normalise(gold.rstrip("…").rstrip("."))
    return normalise(pred).startswith(g)


def score_document(gold: GoldDocument, meta: DocMeta | None, actions: Sequence[Action]) -> dict[str, Any]:
    """Figures for one seed: action P/R/F1, metadata right or wrong, per-field accuracy on matches."""
    pairs = match_actions(gold.actions, [a.text for a in actions])
    scores = prf(len(pairs), len(actions), len(gold.actions))
    right = {"year": 0, "doc_type": 0, "status": 0, "framework_heading": 0}
    for gi, pi in pairs:
        g, p = gold.actions[gi].data, actions[pi]
        right["year"] += p.year == g.get("year")
        right["doc_type"] += p.doc_type == g.get("doc_type")
        right["status"] += p.status == g.get("status")
        right["framework_heading"] += _heading_right(p.framework_heading, g.get("framework_heading"))
    doc = gold.document
    meta_right = {
        "region": meta is not None and meta.region == doc.get("region"),
        "doc_type": meta is not None and meta.doc_type == doc.get("doc_type"),
        "years": meta is not None and list(meta.years) == list(doc.get("years", [])),
        "framework": meta is not None and meta.framework == doc.get("framework"),
        # reported, not part of the metadata target
        "municipalities": meta is not None and sorted(meta.municipalities) == sorted(doc.get("municipalities", [])),
    }
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    return {
        **scores,
        "meta": meta_right,
        "meta_predicted": None if meta is None else {"region": meta.region, "doc_type": meta.doc_type,
                                                      "years": list(meta.years), "framework": meta.framework,
                                                      "municipalities": list(meta.municipalities)},
        "right": right,
        "missed": [{"line": gold.actions[i].line, "anchor": gold.actions[i].anchor} for i in range(len(gold.actions)) if i not in matched_g],
        "extra": [{"page": a.page, "kind": a.kind, "title": a.title[:80]} for i, a in enumerate(actions) if i not in matched_p],
    }


def evaluate_actions(
    variant: str = "text",
    seeds_dir: Path = SEEDS_DIR,
    labels_dir: Path = LABELS_DIR,
    workdir: Path | None = None,
    workers: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """Action precision/recall/F1 per seed and overall, metadata correctness per seed, and
    year/doc_type/status/framework-heading accuracy on matched actions, for one input variant."""
    golds = load_gold(labels_dir)
    if not golds:
        return {"variant": variant, "seeds": 0, "note": f"no gold labels in {labels_dir}"}
    started = time.perf_counter()
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="mine-eval-") as tmp:
            found = predicted(golds, variant, Path(tmp), seeds_dir, workers)
    else:
        found = predicted(golds, variant, Path(workdir), seeds_dir, workers)
    progress(f"ingested {len(found)} of {len(golds)} seeds as {variant} in {time.perf_counter() - started:.1f} s")

    per_seed: dict[str, Any] = {}
    tp = n_pred = n_gold = 0
    right = {"year": 0, "doc_type": 0, "status": 0, "framework_heading": 0}
    meta_all = {f: 0 for f in META_FIELDS}
    for g in golds:
        meta, actions, status = found.get(g.seed, (None, [], "missing"))
        result = score_document(g, meta, actions)
        result["status"] = status
        per_seed[g.stem] = result
        tp += result["tp"]
        n_pred += result["predicted"]
        n_gold += result["gold"]
        for k in right:
            right[k] += result["right"][k]
        for f in META_FIELDS:
            meta_all[f] += bool(result["meta"][f])
    overall = prf(tp, n_pred, n_gold)
    accuracy = {k: round(v / tp, 3) if tp else 0.0 for k, v in right.items()}
    meta_ok = all(all(r["meta"][f] for f in META_FIELDS) for r in per_seed.values())
    figures: dict[str, Any] = {
        "variant": variant,
        "seeds": len(golds),
        "overall": overall,
        "accuracy_on_matched": accuracy,
        "metadata_right": {**{f: f"{meta_all[f]}/{len(golds)}" for f in META_FIELDS},
                           "municipalities": f"{sum(bool(r['meta']['municipalities']) for r in per_seed.values())}/{len(golds)}"},
        "metadata_all_right": meta_ok,
        "targets": {
            "recall>=0.90": overall["recall"] >= TARGETS["recall"],
            "precision>=0.85": overall["precision"] >= TARGETS["precision"],
            "metadata": meta_ok,
        },
        "per_seed": {stem: {k: r[k] for k in ("precision", "recall", "f1", "tp", "predicted", "gold")} for stem, r in per_seed.items()},
        "seconds": round(time.perf_counter() - started, 1),
        "tables": {
            "per seed": [
                {"seed": stem, "P": r["precision"], "R": r["recall"], "F1": r["f1"], "tp": r["tp"], "pred": r["predicted"],
                 "gold": r["gold"], **{f: "ok" if r["meta"][f] else "WRONG" for f in META_FIELDS}, "status": r["status"]}
                for stem, r in per_seed.items()
            ],
            "missed": [{"seed": stem, **m} for stem, r in per_seed.items() for m in r["missed"]],
            "extra": [{"seed": stem, **e} for stem, r in per_seed.items() for e in r["extra"]],
            "metadata": [{"seed": stem, **(r["meta_predicted"] or {})} for stem, r in per_seed.items()],
        },
    }
    return figures


def variant_gap(text: dict[str, Any], other: dict[str, Any]) -> dict[str, float]:
    """How far a PDF/scan run falls behind the text run (positive = worse), per overall figure."""
    return {k: round(text["overall"][k] - other["overall"][k], 3) for k in ("precision", "recall", "f1")}


__all__ = ["evaluate_actions", "score_document", "prepare_inputs", "predicted", "variant_gap", "TARGETS", "VARIANTS"]
