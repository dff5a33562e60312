"""Model command: train (the domain model and the theme rule, from the labelled seeds)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.cli_common import JsonOption, err, handle_errors, print_json, print_table


def register(app: typer.Typer) -> None:
    """Add the model commands to the app."""
    app.command()(train)


@handle_errors
def train(
    db: Annotated[Optional[Path], typer.Option("--db", help="Also learn from this store's other documents, labelled by their headings (default: labelled seeds only).")] = None,
    labels: Annotated[Optional[Path], typer.Option("--labels", help="Folder of gold label files (default: eval/labels).")] = None,
    seeds: Annotated[Optional[Path], typer.Option("--seeds", help="Folder of the seed texts the labels refer to (default: ../shared/seeds).")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Folder to write the model, its card and metrics to (default: models/).")] = None,
    no_eval: Annotated[bool, typer.Option("--no-eval", help="Skip the leave-one-region-out evaluation (faster; the card then has no scores).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Train the domain classifier and tune the theme rule on the labelled seeds.

    With --db, the store's other documents add weak examples (labelled by their heading).
    Writes domain_model.skops, MODEL_CARD.md and metrics.json; prints the cross-validated scores.
    """
    from pipeline.config import MODELS_DIR
    from pipeline.evaluation.labels import LABELS_DIR, SEEDS_DIR
    from pipeline.train import train as run_train

    result = run_train(
        labels_dir=labels or LABELS_DIR,
        seeds_dir=seeds or SEEDS_DIR,
        out_dir=out_dir or MODELS_DIR,
        db=db,
        evaluate=not no_eval,
        progress=lambda message: err.print(message),
    )
    summary = {
        "model": str(result.model_path),
        "card": str(result.card_path),
        "metrics": str(result.metrics_path),
        "examples": result.examples,
        "weak_examples": result.weak_examples,
        "params": result.params,
        "theme_rule": result.theme_rule,
        "seconds": result.seconds,
        "evaluation": {k: v for k, v in result.metrics.items() if k != "tables"},
    }
    if as_json:
        print_json(summary)
        return
    from pipeline.evaluation.classify import render

    for title, columns, rows in render(result.metrics):
        print_table(rows, columns, title=title)
    err.print(f"wrote {result.model_path}, {result.card_path}, {result.metrics_path} ({result.seconds} s)")
