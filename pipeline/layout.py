"""Document-level layout: running headers and footers (first version: none found)."""
from __future__ import annotations

from typing import Sequence

from pipeline.models import Page


def separate_running_lines(pages: Sequence[Page]) -> list[Page]:
    """Pages with running headers, footers and page numbers moved out of the body."""
    return list(pages)
