"""The reader interface: bytes of one file in, pages (and OCR work to do) out."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pipeline.config import Settings
from pipeline.models import Page


@dataclass(frozen=True)
class OcrJob:
    """One page that needs OCR. Picklable: a worker opens the file itself and renders the page.

    `fallback` is the page as read from the text layer (kept when OCR fails or finds less).
    """

    doc_id: str
    path: str
    page: int  # 1-based
    dpi: int
    reason: str
    lang: str = "nld"
    timeout: float = 120.0
    max_pixels: int = 60_000_000
    fallback: Page | None = None


@dataclass
class ReadResult:
    """What a reader gives back: pages in order; pages to OCR replace those with the same number."""

    pages: list[Page]
    ocr_jobs: list[OcrJob] = field(default_factory=list)


class Reader(Protocol):
    """A file format. `sniff` decides from the first bytes (and the suffix as a hint)."""

    format: str

    def sniff(self, head: bytes, suffix: str) -> bool: ...

    def read(self, path: Path, data: bytes, doc_id: str, settings: Settings) -> ReadResult: ...
