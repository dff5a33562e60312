"""Benchmark: entity-stage throughput (actions/s) on the labelled seeds, against the spaCy
tokenizer alone over the same texts (the floor any spaCy-based stage pays), same run.

    .venv/bin/python bench/entities.py
"""
from __future__ import annotations

import json

from pipeline.evaluation.entities import entity_throughput


def main() -> None:
    result = entity_throughput(repeat=3)
    base = result["baseline"]
    print(json.dumps(result, indent=2))
    print(
        f"entity stage: {result['actions_per_s']:.0f} actions/s "
        f"({result['actions']} actions in {result['seconds']:.2f} s, model load {result['load_seconds']:.2f} s); "
        f"tokenizer alone: {base['actions_per_s']:.0f} actions/s; "
        f"ratio stage/tokenizer = {result['actions_per_s'] / base['actions_per_s']:.3f}"
    )


if __name__ == "__main__":
    main()
