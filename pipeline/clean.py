"""Pure text fixers (str -> str). First version: identity; the full fixers replace it."""
from __future__ import annotations

from typing import Sequence

from pipeline.models import Page


def clean_pages(pages: Sequence[Page]) -> list[Page]:
    """Pages with their block texts repaired (hyphenation, ligatures, bullets)."""
    return list(pages)
