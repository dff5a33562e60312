"""Actions from pages and sections (first version: none)."""
from __future__ import annotations

from typing import Sequence

from pipeline.models import Action, DocMeta, Page, Section


def find_actions(doc_id: str, pages: Sequence[Page], sections: Sequence[Section], meta: DocMeta) -> list[Action]:
    return []
