"""The records that flow through the stages.

Every record is a small frozen dataclass that carries its provenance (`doc_id`, `page`),
so that every action and every mention traces back to the page it came from. Stages never
mutate a record: they return new ones (`dataclasses.replace`).

Flow:  bytes -> Page (blocks, tables) -> DocMeta + Section tree -> Action -> Mention
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["text", "heading", "list_item", "header", "footer", "caption"]
PageMethod = Literal["text", "ocr"]
DocStatus = Literal["ok", "partial", "failed", "duplicate", "unsupported"]
ActionStatus = Literal["planned", "done", "ongoing", "cancelled", "not_started", "unknown"]
Role = Literal["lead", "partner"]

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points from the top-left


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit of a page in reading order.

    `text` may hold newlines: they are the line breaks of the source (useful to find a
    heading on the first line of a paragraph). `kind` is a hint from the reader
    (DOCX style, PDF font, bullet glyph); the layout stage decides what is a heading.
    """

    text: str
    kind: BlockKind = "text"
    bbox: BBox | None = None
    font_size: float | None = None
    bold: bool = False
    style: str | None = None  # DOCX paragraph style name, e.g. "Heading 2", "List Bullet"
    level: int | None = None  # heading level when the source states it (DOCX Heading N)


@dataclass(frozen=True)
class Table:
    """A table as rows of cells (cell text with its own line breaks), with its place."""

    rows: tuple[tuple[str, ...], ...]
    bbox: BBox | None = None
    anchor: int = 0  # number of the page's blocks that come before the table in reading order


def table_text(table: Table) -> str:
    """A table as text: one line per row, cells joined by " | " (line breaks in cells become spaces)."""
    rows = (" | ".join(" ".join(cell.split()) for cell in row) for row in table.rows)
    return "\n".join(row for row in rows if row.strip(" |"))


@dataclass(frozen=True)
class Page:
    """One page of a document after reading (and OCR when the text layer was unusable)."""

    doc_id: str
    page: int  # 1-based
    method: PageMethod = "text"
    blocks: tuple[Block, ...] = ()
    tables: tuple[Table, ...] = ()
    header: str | None = None
    footer: str | None = None
    width: float | None = None
    height: float | None = None
    ocr_reason: str | None = None  # why the page was routed to OCR
    error: str | None = None  # set when the page failed (e.g. OCR timeout); blocks then empty

    @property
    def text(self) -> str:
        """The body text in reading order: paragraphs, and each table at its place as rows of
        cells joined by " | " (running headers/footers are not part of the body)."""
        parts: list[str] = []
        tables = sorted(self.tables, key=lambda t: t.anchor)
        t = 0
        for i, block in enumerate(self.blocks):
            while t < len(tables) and tables[t].anchor <= i:
                parts.append(table_text(tables[t]))
                t += 1
            if block.kind not in ("header", "footer"):
                parts.append(block.text)
        parts.extend(table_text(table) for table in tables[t:])
        return "\n\n".join(part for part in parts if part)


@dataclass(frozen=True)
class SourceFile:
    """A file as found on disk, before reading."""

    path: str  # absolute path
    source: str  # path as given, relative to the ingested folder
    size: int
    mtime: float


@dataclass(frozen=True)
class DocMeta:
    """What a document is: who wrote it, for which years, a report or a plan."""

    region: str | None = None
    municipalities: tuple[str, ...] = ()
    doc_type: str | None = None  # report | plan | report+plan
    years: tuple[int, ...] = ()
    framework: str | None = None  # SE-2020 | WSE-2023
    title: str | None = None
    in_genre: bool = True  # a regierol report or plan; False for e.g. council minutes (no actions then)


@dataclass(frozen=True)
class Document:
    """A stored document: identity, format, outcome and metadata."""

    doc_id: str
    source: str
    path: str
    format: str
    size: int
    pages: int = 0
    ocr_pages: int = 0
    status: DocStatus = "ok"
    error: str | None = None
    meta: DocMeta = field(default_factory=DocMeta)
    seconds: float = 0.0


@dataclass(frozen=True)
class Section:
    """A node of a document's section tree: a heading with its level and page."""

    title: str
    level: int  # 1 = top
    page: int
    number: str | None = None  # "1.1", "WSE-LR2", …
    parent: int | None = None  # index of the parent section in the document's list


@dataclass(frozen=True)
class Partner:
    name: str  # canonical organisation name
    role: Role


@dataclass(frozen=True)
class DateValue:
    text: str
    value: str  # ISO 8601: 2021-05-12, 2021-09, 2021, 2020/2025, 2021-06-07/2021-06-11


@dataclass(frozen=True)
class Figure:
    text: str
    value: float
    unit: str | None = None  # %, EUR, VTE, hours, persons, times, …
    counts: str | None = None  # what is counted, in the text's words


@dataclass(frozen=True)
class Action:
    """One thing a region did (report) or plans to do (plan)."""

    action_id: str
    doc_id: str
    page: int  # where the action starts
    title: str
    text: str
    kind: str = "bullet"  # bullet | subsection | checklist | table_row | objective
    result: str | None = None
    year: int | None = None
    doc_type: str | None = None  # report | plan
    status: ActionStatus = "unknown"
    region: str | None = None
    framework_heading: str | None = None
    framework_code: str | None = None  # WSE-LR2, SE-1, … where the document states one
    section_path: tuple[str, ...] = ()  # headings from the top down to the action
    domain: str | None = None
    domain_score: float | None = None
    themes: tuple[str, ...] = ()
    theme_evidence: tuple[tuple[str, str], ...] = ()  # (theme, words that triggered it)
    partners: tuple[Partner, ...] = ()
    dates: tuple[DateValue, ...] = ()
    figures: tuple[Figure, ...] = ()
    position: int = 0  # order within the document


@dataclass(frozen=True)
class Mention:
    """An entity mention, traceable to its page and character offsets in the page text."""

    doc_id: str
    type: str  # ORG | PERSON | PLACE | DATE | FIGURE
    text: str
    normalized: str | None
    page: int
    start: int
    end: int
    action_id: str | None = None
    role: Role | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-able data (tuples become lists)."""
    return _plain(asdict(record))
