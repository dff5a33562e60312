"""Domain and theme classification (first version: unclassified)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from pipeline.models import Action


class ActionClassifier:
    @classmethod
    def load(cls, model_dir: Path) -> "ActionClassifier":
        return cls()


def classify_actions(actions: Sequence[Action], classifier: ActionClassifier) -> list[Action]:
    return list(actions)
