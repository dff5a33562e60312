"""Evaluation of domains and themes: leave-one-region-out cross-validation over the seeds.

Each region's labelled actions are predicted by models trained on the other regions only
(hyper-parameters and the theme rule tuned inside those training regions too), so the figures
say how the classifier does on a region it has never seen. Predictions of all folds are pooled
before computing accuracy and F1 (per-fold figures are in the "folds" table).

Domain methods, side by side:
- heading only: the heading table; a two-domain heading (WSE-LR3) or no heading gets the
  training folds' most frequent domain among the candidates;
- rules (no model): what the classifier does without a model file: the heading table, content
  cue words between two-domain headings and for heading-less actions;
- text only: the trained model without heading features;
- combined: the trained model with heading features (what `mine train` ships).

Themes: the cue rule with the cue table's default thresholds, and with thresholds tuned on the
training folds (what ships). Targets (issue 4): domain macro-F1 >= 0.80, theme micro-F1 >= 0.75.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterator, Sequence

from pipeline.classify import DOMAINS, load_heading_table
from pipeline.evaluation.labels import LABELS_DIR, SEEDS_DIR, prf
from pipeline.themes import load_cue_table

DOMAIN_TARGET = 0.80
THEME_TARGET = 0.75


def _domain_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    from pipeline.train import macro_f1

    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    # macro over the five domains, as far as they occur in gold or predictions
    return {"accuracy": round(acc, 3), "macro_f1": round(macro_f1(gold, pred), 3)}


def _ece(gold: Sequence[str], pred: Sequence[str], scores: Sequence[float], bins: int = 5) -> float:
    """Expected calibration error of `domain_score` (equal-width bins)."""
    total, err = len(gold), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, s in enumerate(scores) if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if idx:
            acc = sum(gold[i] == pred[i] for i in idx) / len(idx)
            conf = sum(scores[i] for i in idx) / len(idx)
            err += len(idx) / total * abs(acc - conf)
    return round(err, 3)


def evaluate_examples(gold_examples: Sequence[Any], weak_examples: Sequence[Any] = (), views: Sequence[Any] | None = None) -> dict[str, Any]:
    """Leave-one-region-out figures for `gold_examples` (train.Example), with the weak
    examples of the other regions added to each training fold. `views` (one per gold example,
    then one per weak example) saves finding the cue hits again."""
    from pipeline.train import DOMAIN_GRID, fit_domain, micro_f1, theme_counts, tune_domain, tune_theme_rule, views_of

    headings = load_heading_table()
    cues = load_cue_table()
    gold = list(gold_examples)
    weak = list(weak_examples)
    everything = gold + weak
    views = list(views) if views is not None else views_of(everything, cues, headings)
    regions = sorted({e.region for e in gold})
    pred: dict[str, list[str]] = {m: [""] * len(gold) for m in ("heading only", "rules (no model)", "text only", "combined")}
    scores = [0.0] * len(gold)
    themes_default: list[tuple[str, ...]] = [()] * len(gold)
    themes_tuned: list[tuple[str, ...]] = [()] * len(gold)
    text_grid = [dict(p) for p in {p["C"]: {"C": p["C"], "heading_weight": 0.0} for p in DOMAIN_GRID}.values()]
    folds: list[dict[str, Any]] = []
    tuned: list[dict[str, Any]] = []
    for region in regions:
        test = [i for i, e in enumerate(gold) if e.region == region]
        train_idx = [i for i, e in enumerate(everything) if e.region != region]
        train = [everything[i] for i in train_idx]
        train_views = [views[i] for i in train_idx]
        gold_train = [i for i in train_idx if i < len(gold)]
        rank = {d: k for k, (d, _) in enumerate(Counter(e.domain for e in train).most_common())}

        params = tune_domain(train, views=train_views)
        combined = fit_domain(train, params, train_views)
        text_params = tune_domain(train, text_grid, views=train_views)
        text_only = fit_domain(train, text_params, train_views)
        rule = tune_theme_rule([gold[i] for i in gold_train], cues, views=[views[i] for i in gold_train])
        tuned.append(
            {
                "held-out region": region,
                **{k: params[k] for k in ("C", "heading_weight", "temperature")},
                "theme rule": ", ".join(f"{k}={v}" for k, v in rule.as_dict().items() if k != "per_theme"),
                "per-theme min_strong": ", ".join(f"{k}={v}" for k, v in rule.per_theme.items()) or "-",
            }
        )

        test_views = [views[i] for i in test]
        for i, (d, s) in zip(test, combined.predict(test_views)):
            pred["combined"][i], scores[i] = d, s
        for i, (d, _) in zip(test, text_only.predict(test_views)):
            pred["text only"][i] = d
        for i, v in zip(test, test_views):
            cands = v.heading_domains if len(v.heading_domains) == 1 else (v.heading_domains or DOMAINS)
            pred["heading only"][i] = min(cands, key=lambda d: rank.get(d, len(rank)))
            pred["rules (no model)"][i] = headings.rule_domain(v.lead, v.text, v.heading_domains)[0]
            themes_default[i] = cues.assign(v.title, v.text, cues.rule, v.hits)[0]
            themes_tuned[i] = cues.assign(v.title, v.text, rule, v.hits)[0]
        folds.append(
            {
                "region": region,
                "actions": len(test),
                **_domain_scores([gold[i].domain for i in test], [pred["combined"][i] for i in test]),
                "theme_micro_f1": round(micro_f1([gold[i].themes for i in test], [themes_tuned[i] for i in test]), 3),
            }
        )

    gold_domains = [e.domain for e in gold]
    methods = {m: _domain_scores(gold_domains, p) for m, p in pred.items()}
    combined_scores = methods["combined"]
    confusion = [
        {"gold \\ predicted": g, **{d: sum(1 for x, y in zip(gold_domains, pred["combined"]) if x == g and y == d) for d in DOMAINS}}
        for g in DOMAINS
    ]
    disagree = [i for i, v in enumerate(views[: len(gold)]) if len(v.heading_domains) == 1 and v.heading_domains[0] != gold[i].domain]

    gold_themes = [e.themes or () for e in gold]
    theme_rows = []
    for name, predicted in (("cue rule, default thresholds", themes_default), ("cue rule, tuned on training folds", themes_tuned)):
        tp, n_pred, n_gold = theme_counts(gold_themes, predicted)
        s = prf(tp, n_pred, n_gold)
        theme_rows.append({"method": name, "precision": s["precision"], "recall": s["recall"], "micro_f1": s["f1"]})
    per_theme = []
    for code in cues.codes:
        tp = sum(1 for g, p in zip(gold_themes, themes_tuned) if code in g and code in p)
        s = prf(tp, sum(code in p for p in themes_tuned), sum(code in g for g in gold_themes))
        per_theme.append({"theme": code, "gold": s["gold"], "predicted": s["predicted"], "precision": s["precision"], "recall": s["recall"], "f1": s["f1"]})
    themes = theme_rows[-1]

    return {
        "actions": len(gold),
        "regions": {r: sum(e.region == r for e in gold) for r in regions},
        "from_segmenter": sum(1 for e in gold if e.source == "segment"),
        "weak_examples": len(weak),
        "domain": {
            **combined_scores,
            "target_macro_f1": DOMAIN_TARGET,
            "target_met": combined_scores["macro_f1"] >= DOMAIN_TARGET,
            "score_ece": _ece(gold_domains, pred["combined"], scores),
            "heading_disagrees": len(disagree),
            "heading_disagrees_correct": sum(pred["combined"][i] == gold[i].domain for i in disagree),
        },
        "domain_baselines": {m: s for m, s in methods.items() if m != "combined"},
        "themes": {
            "precision": themes["precision"],
            "recall": themes["recall"],
            "micro_f1": themes["micro_f1"],
            "target_micro_f1": THEME_TARGET,
            "target_met": themes["micro_f1"] >= THEME_TARGET,
        },
        "tables": {
            "domain methods": [{"method": m, **s} for m, s in methods.items()],
            "theme methods": theme_rows,
            "folds": folds,
            "domain confusion (combined)": confusion,
            "themes per theme": per_theme,
            "tuned inside each training fold": tuned,
        },
    }


def evaluate_classification(labels_dir: Path = LABELS_DIR, seeds_dir: Path = SEEDS_DIR, db: Path | None = None) -> dict[str, Any]:
    """Leave-one-region-out figures over the labelled seeds (plus a store's weak examples)."""
    from pipeline.train import gold_examples, store_examples

    gold = gold_examples(labels_dir, seeds_dir)
    weak = store_examples(db, {e.doc for e in gold}) if db else []
    return evaluate_examples(gold, weak)


def render(result: dict[str, Any]) -> Iterator[tuple[str, list[str], list[dict[str, Any]]]]:
    """(title, columns, rows) for each table the CLI prints."""
    for title, rows in result.get("tables", {}).items():
        if rows:
            yield title, list(dict.fromkeys(k for row in rows for k in row)), rows
