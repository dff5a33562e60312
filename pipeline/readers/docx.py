"""DOCX: paragraphs and tables in body order, with Heading/List styles kept as block hints."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import CorruptDocx
from pipeline.models import Block, Page, Table
from pipeline.readers.base import ReadResult

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.I)


def _paragraph_block(paragraph) -> Block | None:  # type: ignore[no-untyped-def]
    text = paragraph.text.strip()
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else None
    bold = bool(paragraph.runs) and all(run.bold for run in paragraph.runs if run.text.strip())
    match = _HEADING_STYLE.match(style or "")
    if match:
        return Block(text=text, kind="heading", style=style, level=int(match.group(1)), bold=bold)
    if style and style.lower() in ("title", "titel"):
        return Block(text=text, kind="heading", style=style, level=1, bold=bold)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if (style and "list" in style.lower()) or numbered:
        return Block(text=text, kind="list_item", style=style, bold=bold)
    return Block(text=text, style=style, bold=bold)


def _table(table) -> Table:  # type: ignore[no-untyped-def]
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell repeats itself in python-docx
                continue
            previous = cell._tc
            cells.append(cell.text.strip())
        rows.append(tuple(cells))
    return Table(rows=tuple(rows))


class DocxReader:
    """`.docx` (Office Open XML) files; one page (DOCX has no fixed pages)."""

    format = "docx"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return head.startswith(b"PK\x03\x04") and suffix == ".docx"

    def read(self, path: Path, data: bytes, doc_id: str, settings: Settings) -> ReadResult:
        import docx  # python-docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        try:
            document = docx.Document(io.BytesIO(data))
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise CorruptDocx(f"cannot open as DOCX ({type(exc).__name__}: {exc})") from exc
        blocks: list[Block] = []
        tables: list[Table] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                block = _paragraph_block(Paragraph(child, document))
                if block:
                    blocks.append(block)
            elif tag == "tbl":
                table = _table(DocxTable(child, document))
                tables.append(replace(table, anchor=len(blocks)))
        return ReadResult(pages=[Page(doc_id=doc_id, page=1, method="text", blocks=tuple(blocks), tables=tuple(tables))])
