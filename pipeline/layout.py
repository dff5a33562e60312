"""Document-level layout: running headers, footers and page numbers move out of the body.

A running line is a line at the top or bottom edge of a page that the document repeats on other
pages, its digits aside ("Actieplan 2024 – Regio Kempen – p. 3"), or a page number ("3",
"pagina 3", "3/12", "- 3 -"). It is found across all pages of one document, moved out of the
blocks (so `Page.text` leaves it out) and kept as text in `Page.header` / `Page.footer`: a running
line is metadata (it often names the region and the year), never dropped.

Which lines are at an edge: when blocks carry boxes and the page its height, lines of blocks in
the top or bottom `EDGE_ZONE` of the page (wholly); otherwise the first and last `EDGE_LINES` lines of the
page in reading order. Only lines that touch the edge are taken: the walk from the edge inwards
stops at the first line that is not a running line.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from pipeline.models import Block, Page

EDGE_LINES = 3  # lines looked at from the top and from the bottom of a page without boxes
EDGE_ZONE = 0.12  # share of the page height that is top or bottom margin (as readers.pdf.MARGIN_ZONE)
MAX_RUNNING_CHARS = 160  # a longer line is body text, whatever it repeats
SIMILAR = 90  # rapidfuzz ratio from which two lines are the same running line (OCR noise)
MAX_PAGE_NUMBER = 999  # a bare "2023" at the foot of a page is a year, not a page number

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:pagina|pag\.?|p\.|blz\.?|page)\s*(?P<a>\d{1,4})(?:\s*(?:/|van|of)\s*(?P<ta>\d{1,4}))?
      | (?P<b>\d{1,4})\s*(?:/|van|of)\s*(?P<tb>\d{1,4})
      | [-–—]\s*(?P<c>\d{1,4})\s*[-–—]
      | (?P<bare>\d{1,4})
    )$""",
    re.I | re.X,
)
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Line:
    """A line at a page edge: where it is, and what it says once digits are set aside."""

    page: int  # index into the document's pages
    block: int
    line: int
    side: str  # "top" | "bottom"
    text: str

    @property
    def key(self) -> str:
        return _SPACE.sub(" ", _DIGITS.sub("#", self.text.lower())).strip()

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(int(n) for n in _DIGITS.findall(self.text))


def page_number(text: str) -> tuple[int, bool] | None:
    """The number a page-number line shows, and whether its form says so by itself ("pagina 3",
    "3/12", "- 3 -") rather than being a bare number; None when the line is no page number.

    >>> page_number("Pagina 3 van 12"), page_number("- 4 -"), page_number("7"), page_number("2023")
    ((3, True), (4, True), (7, False), None)
    """
    match = _PAGE_NUMBER.match(text.strip())
    if not match:
        return None
    if match.group("bare"):
        value = int(match.group("bare"))
        return (value, False) if 1 <= value <= MAX_PAGE_NUMBER else None
    value = int(match.group("a") or match.group("b") or match.group("c"))
    total = match.group("ta") or match.group("tb")
    if total is not None and int(total) < value:
        return None
    return value, True


def separate_running_lines(pages: Sequence[Page]) -> list[Page]:
    """The pages of one document with running headers, footers and page numbers moved from the
    blocks into `Page.header` / `Page.footer`. A one-page document only loses its page number."""
    pages = list(pages)
    edges = [_edge_lines(i, page) for i, page in enumerate(pages)]
    lines = [line for top, bottom in edges for line in (*top, *bottom)]
    text_pages = sum(1 for page in pages if page.blocks)
    running = _page_numbers(lines, pages, single=text_pages < 2)
    if text_pages >= 2:
        boxed = any(page.height and any(b.bbox for b in page.blocks) for page in pages)
        # without boxes the edge lines are a guess: ask for more repeats before calling one running
        min_pages = 2 if boxed else min(4, max(2, math.ceil(0.2 * text_pages)))
        running |= _repeated(lines, pages, min_pages)
    result = []
    for page, (top, bottom) in zip(pages, edges):
        header = _from_edge(top, running)
        footer = _from_edge(bottom, running)
        result.append(_move_out(page, header, footer) if header or footer else page)
    return result


def _edge_lines(index: int, page: Page) -> tuple[list[_Line], list[_Line]]:
    """The page's lines nearest its top (top first) and its bottom (bottom first)."""
    lines = [
        (b, n, text.strip(), block)
        for b, block in enumerate(page.blocks)
        for n, text in enumerate(block.text.split("\n"))
        if text.strip()
    ]
    half = math.ceil(len(lines) / 2)
    top_part, bottom_part = lines[: min(EDGE_LINES, half)], lines[min(EDGE_LINES, half):][-EDGE_LINES:]
    zone = EDGE_ZONE * page.height if page.height else None

    def in_zone(block: Block, side: str) -> bool:
        if zone is None or block.bbox is None:
            return True
        # the whole block lies in the margin: its bottom above the zone line, or its top below it
        return block.bbox[3] <= zone if side == "top" else block.bbox[1] >= page.height - zone  # type: ignore[operator]

    def take(part: Iterable[tuple[int, int, str, Block]], side: str) -> list[_Line]:
        out = []
        for b, n, text, block in part:
            if not in_zone(block, side):
                break
            out.append(_Line(index, b, n, side, text))
        return out

    return take(top_part, "top"), take(reversed(bottom_part), "bottom")


def _page_numbers(lines: Sequence[_Line], pages: Sequence[Page], single: bool) -> set[_Line]:
    """Edge lines that are page numbers. An explicit form always is; a bare number is one when it
    equals the page's number, or runs with the pages at an offset at least two pages share (an
    excerpt starting at page 5), or, in a one-page document, whatever it is up to 999."""
    found: dict[_Line, tuple[int, bool]] = {}
    for line in lines:
        number = page_number(line.text)
        if number is not None:
            found[line] = number
    offsets = Counter(offset for _, offset in {(l.page, pages[l.page].page - n) for l, (n, explicit) in found.items() if not explicit})
    shared = {offset for offset, count in offsets.items() if count >= 2}
    return {
        line
        for line, (n, explicit) in found.items()
        if explicit or single or n == pages[line.page].page or pages[line.page].page - n in shared
    }


def _repeated(lines: Sequence[_Line], pages: Sequence[Page], min_pages: int) -> set[_Line]:
    """Edge lines whose text (digits aside, OCR slips forgiven) comes back on `min_pages` pages or
    more at the same edge; where the digits differ they must count with the pages."""
    groups: dict[tuple[str, str], list[_Line]] = defaultdict(list)
    for side in ("top", "bottom"):
        representatives: list[str] = []
        for line in sorted((l for l in lines if l.side == side), key=lambda l: (l.page, l.block, l.line)):
            key = line.key
            if len(line.text) > MAX_RUNNING_CHARS or not re.search(r"[^\W\d_]", key):
                continue
            match = process.extractOne(key, representatives, scorer=fuzz.ratio, score_cutoff=SIMILAR) if len(key) >= 10 else None
            if match is not None:
                key = match[0]
            elif key not in representatives:
                representatives.append(key)
            groups[(side, key)].append(line)
    running: set[_Line] = set()
    for members in groups.values():
        if len({m.page for m in members}) >= min_pages and _digits_agree(members, pages):
            running.update(members)
    return running


def _digits_agree(members: Sequence[_Line], pages: Sequence[Page]) -> bool:
    """True when the numbers in a repeated line are the same on every page, or when one number
    changes and counts the pages ("… | p. 4", "Jaarverslag 2021   7"): it goes up with the page,
    stands at an end of the line or after "pagina"/"p."/"blz", and, without such a word, comes
    back on three pages at least. "Actie 1", "Actie 5" on two pages are no running line."""
    shape = Counter(len(m.numbers) for m in members).most_common(1)[0][0]
    same_shape = [m for m in members if len(m.numbers) == shape]
    varying = [i for i in range(shape) if len({m.numbers[i] for m in same_shape}) > 1]
    if not varying:
        return True
    if len(varying) > 1:
        return False
    position = varying[0]
    if len({m.numbers[position] - pages[m.page].page for m in same_shape}) > 1:
        return False
    around = [_around_number(m.text, position) for m in same_shape]
    if all(_CUE_BEFORE.search(before) or _TOTAL_AFTER.match(after) for before, after in around):
        return True
    at_an_end = all(not re.search(r"\w", before) or not re.search(r"\w", after) for before, after in around)
    return at_an_end and len({m.page for m in same_shape}) >= 3


_CUE_BEFORE = re.compile(r"(?:pagina|pag\.?|\bp\.|blz\.?|page)\s*$", re.I)
_TOTAL_AFTER = re.compile(r"\s*(?:/|van|of)\s*\d")


def _around_number(text: str, position: int) -> tuple[str, str]:
    """The text before and after the `position`-th number of a line."""
    match = list(_DIGITS.finditer(text))[position]
    return text[: match.start()], text[match.end():]


def _from_edge(edge: Sequence[_Line], running: set[_Line]) -> list[_Line]:
    """The running lines that touch the edge, up to the first line of body."""
    taken = []
    for line in edge:
        if line not in running:
            break
        taken.append(line)
    return taken


def _move_out(page: Page, header: Sequence[_Line], footer: Sequence[_Line]) -> Page:
    """The page without those lines in its blocks, and with them in header/footer (table anchors
    follow the blocks that remain)."""
    remove: dict[int, set[int]] = defaultdict(set)
    for line in (*header, *footer):
        remove[line.block].add(line.line)
    blocks: list[Block] = []
    before = [0]
    for b, block in enumerate(page.blocks):
        if b in remove:
            kept = [text for n, text in enumerate(block.text.split("\n")) if n not in remove[b]]
            text = "\n".join(kept).strip("\n")
            if text.strip():
                blocks.append(replace(block, text=text))
        else:
            blocks.append(block)
        before.append(len(blocks))
    tables = tuple(replace(t, anchor=before[min(t.anchor, len(before) - 1)]) for t in page.tables)

    def joined(existing: str | None, lines: Sequence[_Line]) -> str | None:
        texts = [existing] if existing else []
        texts += [line.text for line in sorted(lines, key=lambda l: (l.block, l.line))]
        return "\n".join(texts) or None

    return replace(page, blocks=tuple(blocks), tables=tables, header=joined(page.header, header), footer=joined(page.footer, footer))


__all__ = ["separate_running_lines", "page_number"]
