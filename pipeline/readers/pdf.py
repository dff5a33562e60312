"""PDF text layer (minimal first version: replaced by the full reader with OCR routing)."""
from __future__ import annotations

from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import CorruptPdf
from pipeline.models import Page
from pipeline.readers.base import ReadResult
from pipeline.readers.text import paragraphs_to_blocks


class PdfReader:
    format = "pdf"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, path: Path, data: bytes, doc_id: str, settings: Settings) -> ReadResult:
        import pdfplumber

        try:
            with pdfplumber.open(path) as pdf:
                pages = [
                    Page(doc_id=doc_id, page=i + 1, blocks=tuple(paragraphs_to_blocks(p.extract_text() or "")))
                    for i, p in enumerate(pdf.pages)
                ]
        except Exception as exc:
            raise CorruptPdf(str(exc)) from exc
        return ReadResult(pages=pages)
