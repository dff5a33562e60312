"""Document metadata: region, municipalities, doc_type, years, framework (first version)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from pipeline.models import DocMeta, Page


class RegionRegistry:
    @classmethod
    def load(cls, extra: Path | None = None) -> "RegionRegistry":
        return cls()


def detect(source: str, pages: Sequence[Page], registry: RegionRegistry, region_override: str | None = None) -> DocMeta:
    return DocMeta(region=region_override)
