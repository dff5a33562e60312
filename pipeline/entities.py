"""Actors, dates and figures (first version: none)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from pipeline.models import Action, DocMeta, Mention, Page


class Annotator:
    @classmethod
    def load(cls, regions: Any = None, aliases_file: Path | None = None) -> "Annotator":
        return cls()


def annotate(actions: Sequence[Action], pages: Sequence[Page], meta: DocMeta, annotator: Annotator) -> tuple[list[Action], list[Mention]]:
    return list(actions), []
