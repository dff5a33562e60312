"""Evaluation of the entity stage (partners, dates, figures) against the gold labels.

Two ways to get the actions the labels are compared with:

- `pipeline`: the seeds are ingested as text into a temporary store (the whole pipeline:
  reading, layout, segmentation, classification, entities) and predicted actions are matched
  to gold actions by anchor (`labels.match_actions`). The figures then include what the
  segmenter gets wrong (an action cut short loses its partners).
- `gold`: each gold action's text is the seed's lines from its `line` to the next labelled
  line, its year and the document's metadata are the labelled ones. This isolates the entity
  stage from segmentation and metadata detection.

Per matched action: partners are compared by canonical name (`OrgRegistry.same`, the same
canonicalisation on both sides), dates and figures by their text (one inside the other after
normalising case and punctuation), one-to-one in text order. Dates are counted once per
distinct (text, value) on both sides, as the labelling guidelines say.

Targets (issue 5): partner F1 >= 0.80, role accuracy >= 0.85; date F1 >= 0.90 and value right
>= 0.90; figure F1 >= 0.85 and value + unit right >= 0.90.
"""
from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from pipeline.evaluation.labels import LABELS_DIR, SEEDS_DIR, GoldDocument, load_gold, match_actions, normalise, prf
from pipeline.models import Action, DocMeta, Page

TARGETS = {"partner_f1": 0.80, "role_accuracy": 0.85, "date_f1": 0.90, "date_value": 0.90, "figure_f1": 0.85, "figure_value_unit": 0.90}


@dataclass
class _Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    right: int = 0  # among tp: role / value / value+unit right

    def add(self, other: "_Tally") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold
        self.right += other.right

    def scores(self, right_name: str) -> dict[str, Any]:
        out = prf(self.tp, self.pred, self.gold)
        out[right_name] = round(self.right / self.tp, 3) if self.tp else 0.0
        return out


def _seed_page(seed: Path, doc_id: str) -> Page:
    from pipeline.readers.text import decode, paragraphs_to_blocks

    text = decode(seed.read_bytes())
    return Page(doc_id=doc_id, page=1, method="text", blocks=tuple(paragraphs_to_blocks(text)))


# Non-actions that the labellers marked as part of an action (a segmenter may split them off).
_INSIDE = re.compile(r"inside|sub-goal|sub-bullet|result bullet|detail of the comment|second paragraph|examples in objective", re.I)


def gold_segmentation(gold: GoldDocument, seeds_dir: Path = SEEDS_DIR) -> tuple[list[Action], list[Page], DocMeta]:
    """The gold actions as pipeline actions: text from each labelled line to the next labelled
    line that is not part of an action (sub-bullets, result bullets and continuation paragraphs,
    listed as non-actions, stay with their action)."""
    seed = seeds_dir / gold.seed
    lines = seed.read_text(encoding="utf-8", errors="replace").split("\n")
    ends = {int(n["line"]) for n in gold.non_actions if not _INSIDE.search(n.get("why", ""))}
    boundaries = sorted({a.line for a in gold.actions} | ends | {len(lines) + 1})
    doc_id = gold.stem
    actions = []
    for i, g in enumerate(gold.actions):
        end = next(b for b in boundaries if b > g.line)
        text = "\n".join(lines[g.line - 1 : end - 1]).strip()
        title = text.split("\n", 1)[0][:200]
        actions.append(Action(action_id=f"{doc_id}:{i}", doc_id=doc_id, page=1, title=title, text=text,
                              year=g.data.get("year"), doc_type=g.data.get("doc_type"), position=i))
    d = gold.document
    meta = DocMeta(region=d.get("region"), municipalities=tuple(d.get("municipalities", ())), doc_type=d.get("doc_type"),
                   years=tuple(d.get("years", ())), framework=d.get("framework"))
    return actions, [_seed_page(seed, doc_id)], meta


def _match_text(a: str, b: str) -> bool:
    na, nb = normalise(a), normalise(b)
    return bool(na and nb) and (na in nb or nb in na)


def _pairs(pred: Sequence[Any], gold: Sequence[Any], same: Any) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), in text order."""
    used: set[int] = set()
    pairs = []
    for pi, p in enumerate(pred):
        for gi, g in enumerate(gold):
            if gi not in used and same(p, g):
                used.add(gi)
                pairs.append((pi, gi))
                break
    return pairs


def _unique_dates(items: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    seen, out = set(), []
    for text, value in items:
        k = (normalise(text), value)
        if k not in seen:
            seen.add(k)
            out.append((text, value))
    return out


def score_action(pred: Action, gold: dict[str, Any], registry: Any, details: list[dict[str, Any]] | None = None) -> dict[str, _Tally]:
    """Tallies for one matched action."""
    from pipeline.orgs import compact

    # partners
    gold_partners = []
    for p in gold.get("partners", []):
        name = registry.canonical(p["name"]) or p["name"]
        if compact(name) not in {compact(n) for n, _ in gold_partners}:
            gold_partners.append((name, p["role"]))
    pred_partners = [(p.name, p.role) for p in pred.partners]
    pp = _pairs(pred_partners, gold_partners, lambda a, b: compact(a[0]) == compact(b[0]) or registry.same(a[0], b[0]))
    partners = _Tally(len(pp), len(pred_partners), len(gold_partners), sum(pred_partners[i][1] == gold_partners[j][1] for i, j in pp))
    # dates
    gd = _unique_dates([(d["text"], d["value"]) for d in gold.get("dates", [])])
    pd = _unique_dates([(d.text, d.value) for d in pred.dates])
    dp = _pairs(pd, gd, lambda a, b: _match_text(a[0], b[0]))
    dates = _Tally(len(dp), len(pd), len(gd), sum(pd[i][1] == gd[j][1] for i, j in dp))
    # figures
    gf = [(f["text"], float(f["value"]), f.get("unit")) for f in gold.get("figures", [])]
    pf = [(f.text, float(f.value), f.unit) for f in pred.figures]
    fp = _pairs(pf, gf, lambda a, b: _match_text(a[0], b[0]) or (abs(a[1] - b[1]) < 1e-9 and bool(set(re.findall(r"\w+", a[0].lower())) & set(re.findall(r"\w+", b[0].lower())))))
    figures = _Tally(len(fp), len(pf), len(gf), sum(abs(pf[i][1] - gf[j][1]) < 1e-6 and pf[i][2] == gf[j][2] for i, j in fp))
    if details is not None:
        details.append({
            "anchor": gold.get("anchor"),
            "partners": {"missed": [g for j, g in enumerate(gold_partners) if j not in {b for _, b in pp}],
                         "extra": [p for i, p in enumerate(pred_partners) if i not in {a for a, _ in pp}],
                         "role_wrong": [(pred_partners[i], gold_partners[j][1]) for i, j in pp if pred_partners[i][1] != gold_partners[j][1]]},
            "dates": {"missed": [g for j, g in enumerate(gd) if j not in {b for _, b in dp}],
                      "extra": [p for i, p in enumerate(pd) if i not in {a for a, _ in dp}],
                      "value_wrong": [(pd[i], gd[j][1]) for i, j in dp if pd[i][1] != gd[j][1]]},
            "figures": {"missed": [g for j, g in enumerate(gf) if j not in {b for _, b in fp}],
                        "extra": [p for i, p in enumerate(pf) if i not in {a for a, _ in fp}],
                        "value_unit_wrong": [(pf[i], gf[j]) for i, j in fp if not (abs(pf[i][1] - gf[j][1]) < 1e-6 and pf[i][2] == gf[j][2])]},
        })
    return {"partners": partners, "dates": dates, "figures": figures}


def _pipeline_actions(golds: Sequence[GoldDocument], seeds_dir: Path, workdir: Path) -> dict[str, tuple[list[Action], list[Page], DocMeta]]:
    """Ingest the labelled seeds (as text) into a temporary store; their actions, pages and
    metadata by seed name."""
    import shutil

    from pipeline.config import Settings
    from pipeline.ingest import ingest
    from pipeline.store import Store

    folder = workdir / "seeds"
    folder.mkdir()
    for g in golds:
        shutil.copy(seeds_dir / g.seed, folder / g.seed)
    settings = Settings.build(env={}, db=workdir / "eval.db", workers=1)
    ingest([folder], settings)
    out: dict[str, tuple[list[Action], list[Page], DocMeta]] = {}
    with Store(settings.db, readonly=True) as store:
        for doc in store.documents():
            out[Path(doc.source).name] = (store.actions(doc_id=doc.doc_id), store.pages(doc.doc_id), doc.meta)
    return out


def evaluate_entities(
    labels_dir: Path = LABELS_DIR,
    seeds_dir: Path = SEEDS_DIR,
    segmentation: str = "pipeline",
    annotator: Any = None,
    details: bool = False,
    with_isolated: bool = True,
) -> dict[str, Any]:
    """Partner, date and figure scores over the labelled seeds (see the module docstring).

    With the pipeline's segmentation, `entity_stage_alone` adds the headline figures of the
    entity stage on the gold segmentation, so that both are read side by side."""
    from pipeline import entities
    from pipeline.docmeta import RegionRegistry

    golds = load_gold(labels_dir)
    if annotator is None:
        annotator = entities.Annotator.load(regions=RegionRegistry.load())
    registry = annotator.registry
    per_doc: dict[str, Any] = {}
    totals = {"partners": _Tally(), "dates": _Tally(), "figures": _Tally()}
    detail_rows: list[dict[str, Any]] = []
    matched = gold_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        predicted_by_seed = _pipeline_actions(golds, seeds_dir, Path(tmp)) if segmentation == "pipeline" else {}
        for gold in golds:
            if segmentation == "gold":
                actions, pages, meta = gold_segmentation(gold, seeds_dir)
                predicted, _ = entities.annotate(actions, pages, meta, annotator)
                pairs = [(i, i) for i in range(len(predicted))]
            elif segmentation == "pipeline":
                # the stored actions, annotated again by this annotator (the same one ingest uses,
                # unless the caller passes another one to compare)
                actions, pages, meta = predicted_by_seed.get(gold.seed, ([], [], DocMeta()))
                predicted, _ = entities.annotate(actions, pages, meta, annotator)
                pairs = match_actions(gold.actions, [a.text for a in predicted])
            else:
                raise ValueError(f"segmentation must be 'pipeline' or 'gold', not {segmentation!r}")
            doc_totals = {"partners": _Tally(), "dates": _Tally(), "figures": _Tally()}
            for gi, pi in pairs:
                rows: list[dict[str, Any]] | None = [] if details else None
                tallies = score_action(predicted[pi], gold.actions[gi].data, registry, rows)
                if rows:
                    detail_rows.extend({"seed": gold.seed, "line": gold.actions[gi].line, **r} for r in rows)
                for name, tally in tallies.items():
                    doc_totals[name].add(tally)
                    totals[name].add(tally)
            matched += len(pairs)
            gold_total += len(gold.actions)
            per_doc[gold.seed] = {
                "matched_actions": f"{len(pairs)}/{len(gold.actions)}",
                "partners": doc_totals["partners"].scores("role_accuracy"),
                "dates": doc_totals["dates"].scores("value_right"),
                "figures": doc_totals["figures"].scores("value_unit_right"),
            }
    partners = totals["partners"].scores("role_accuracy")
    dates = totals["dates"].scores("value_right")
    figures = totals["figures"].scores("value_unit_right")
    achieved = _headline(partners, dates, figures)
    result: dict[str, Any] = {
        "segmentation": segmentation,
        "matched_actions": f"{matched}/{gold_total}",
        "partners": partners,
        "dates": dates,
        "figures": figures,
        "targets_met": all(achieved[k] >= v for k, v in TARGETS.items()),
        "tables": {
            "targets": [{"metric": k, "target": v, "achieved": achieved[k], "met": achieved[k] >= v} for k, v in TARGETS.items()],
            "per document": [
                {"seed": seed, "matched": d["matched_actions"], **{f"{part} {m}": d[part][m] for part, ms in _DOC_COLUMNS for m in ms}}
                for seed, d in per_doc.items()
            ],
        },
    }
    if segmentation == "pipeline" and with_isolated:
        alone = evaluate_entities(labels_dir, seeds_dir, segmentation="gold", annotator=annotator)
        result["entity_stage_alone"] = {"segmentation": "gold", **_headline(alone["partners"], alone["dates"], alone["figures"])}
    if details:
        result["details"] = detail_rows
    return result


_DOC_COLUMNS = (("partners", ("f1", "role_accuracy")), ("dates", ("f1", "value_right")), ("figures", ("f1", "value_unit_right")))


def _headline(partners: dict[str, Any], dates: dict[str, Any], figures: dict[str, Any]) -> dict[str, float]:
    return {
        "partner_f1": partners["f1"], "role_accuracy": partners["role_accuracy"], "date_f1": dates["f1"],
        "date_value": dates["value_right"], "figure_f1": figures["f1"], "figure_value_unit": figures["value_unit_right"],
    }


def entity_throughput(seeds_dir: Path = SEEDS_DIR, labels_dir: Path = LABELS_DIR, repeat: int = 3, annotator: Any = None) -> dict[str, Any]:
    """Entity-stage speed on the labelled seeds (gold segmentation), best of `repeat` runs, with
    the spaCy tokenizer alone over the same texts as the baseline measured in the same run."""
    from pipeline import entities
    from pipeline.docmeta import RegionRegistry

    started = time.perf_counter()
    annotator = annotator or entities.Annotator.load(regions=RegionRegistry.load())
    load_seconds = time.perf_counter() - started
    docs = [gold_segmentation(g, seeds_dir) for g in load_gold(labels_dir)]
    best: dict[str, Any] | None = None
    for _ in range(max(1, repeat)):
        run = entities.throughput(annotator, docs)
        if best is None or run["seconds"] < best["seconds"]:
            best = run
    texts = [a.text for actions, _, _ in docs for a in actions] + [p.text for _, pages, _ in docs for p in pages]
    base_best = None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        for doc in annotator.nlp.tokenizer.pipe(texts):
            pass
        seconds = time.perf_counter() - t0
        base_best = seconds if base_best is None else min(base_best, seconds)
    assert best is not None
    return {
        **best,
        "load_seconds": round(load_seconds, 3),
        "baseline": {"what": "spaCy blank('nl') tokenizer alone over the same texts",
                     "seconds": round(base_best or 0.0, 4),
                     "actions_per_s": round(best["actions"] / base_best, 1) if base_best else 0.0},
    }
