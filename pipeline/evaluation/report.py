"""`mine evaluate`: runs each evaluation part and turns its figures into printable tables.

Each part is a function in pipeline/evaluation/<area>.py returning a dict of figures.
A part may include "tables": {title: [row dicts]} for tables it wants printed as they are.
"""
from __future__ import annotations

import importlib
import time
from typing import Any, Callable, Iterator

# part -> (module, function, kwargs)
PARTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "actions": ("pipeline.evaluation.actions", "evaluate_actions", {"variant": "text"}),
    "actions-pdf": ("pipeline.evaluation.actions", "evaluate_actions", {"variant": "pdf"}),
    "actions-scan": ("pipeline.evaluation.actions", "evaluate_actions", {"variant": "scan"}),
    "classify": ("pipeline.evaluation.classify", "evaluate_classification", {}),
    "entities": ("pipeline.evaluation.entities", "evaluate_entities", {}),
    "search": ("pipeline.evaluation.search", "evaluate_search", {}),
    "negative": ("pipeline.evaluation.negative", "evaluate_negative_control", {}),
    "heldout": ("pipeline.evaluation.heldout", "evaluate_heldout", {}),
}
DEFAULT_PARTS = ("actions", "classify", "entities", "search", "negative", "heldout")


def run_evaluation(parts: list[str], progress: Callable[[str], None] = lambda m: None) -> dict[str, Any]:
    """Run the named parts; returns {part: figures} (an unknown part is a ValueError)."""
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown evaluation part(s): {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    results: dict[str, Any] = {}
    for part in parts:
        module, function, kwargs = PARTS[part]
        progress(f"evaluating {part} …")
        started = time.perf_counter()
        results[part] = getattr(importlib.import_module(module), function)(**kwargs)
        progress(f"  {part}: {time.perf_counter() - started:.1f} s")
    return results


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "tables":
                continue
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, (list, tuple)) and data and isinstance(data[0], (dict, list, tuple)):
        return  # long structures belong in "tables"
    else:
        yield prefix, data


def render(results: dict[str, Any]) -> Iterator[tuple[str, list[str], list[dict[str, Any]]]]:
    """(title, columns, rows) for each table to print."""
    for part, figures in results.items():
        rows = [{"metric": k, "value": v} for k, v in _flatten(figures)]
        yield f"evaluate {part}", ["metric", "value"], rows
        for title, table in (figures.get("tables") or {}).items() if isinstance(figures, dict) else ():
            if table:
                columns = list(dict.fromkeys(k for row in table for k in row))
                yield f"{part}: {title}", columns, table
