"""Section tree from headings (first version: no sections)."""
from __future__ import annotations

from typing import Sequence

from pipeline.models import Page, Section


def build_sections(pages: Sequence[Page]) -> list[Section]:
    return []
