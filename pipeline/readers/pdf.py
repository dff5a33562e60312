"""PDF: the text layer with its geometry, in reading order, and the pages that need OCR.

Per page, pdfium gives the characters with their boxes (a few milliseconds a page, layout
included); they become words, the words are ordered by their place on the page (recursive
XY-cut, so two columns read column by column whatever the content-stream order), grouped into
lines and paragraphs. pdfplumber's table finder (about 100 ms a page) runs only where ruling
lines suggest a table.

A page whose text layer cannot be trusted (no text, too little text for its images, one image
over the whole page, garbled text) becomes an `OcrJob`; its text-layer page rides along as the
fallback. `layout` is shared with OCR, so both give blocks in the same reading order.
"""
from __future__ import annotations

import bisect
import ctypes
import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from pipeline.config import Settings
from pipeline.errors import CorruptPdf, EncryptedPdf, PageError, UnsupportedFormat
from pipeline.models import BBox, Block, Page, Table
from pipeline.readers.base import OcrJob, ReadResult

# Bullet glyphs that start a list item; private-use code points are Symbol/Wingdings bullets
# as Word writes them, mapped to what they look like.
BULLET_GLYPHS = frozenset("•●▪■◦○‣∙·–-✓✔☐☑□➢➤►▶◆◇❖")
OCR_BULLETS = frozenset({"e", "¢", "o", "°", "«", "»", "*", "©", "®", "+", ">", "@"})  # how Tesseract reads "•"
_PUA_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf06e": "■", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf0a8": "•", "\uf0e0": "➢"}
_HYPHENS = {"\ufffe": "-", "\x02": "-"}  # pdfium marks a hyphen that ends a line so (a soft hyphen stays U+00AD)

MARGIN_ZONE = 0.12  # running headers/footers lie in the top/bottom 12% of the page
FULL_PAGE_IMAGE = 0.8  # one image over this share of the page: a scan (with or without OCR text)
SCAN_TEXT_CHARS = 200  # ... unless it carries at least this much visible text (a background picture)
LITTLE_TEXT_CHARS = 30  # fewer characters than this on a page that is mostly images: a scan
OUTLINED_TEXT_PATHS = 500  # ... or that is drawn with this many vector paths (text as outlines)
MIN_OCR_DPI = 150  # low-resolution scans are upsampled: Tesseract reads small text badly below this

_STOPWORDS = frozenset(
    "de het een en van in op te is dat die voor met zijn aan er niet ook als bij om door naar of "
    "uit over tot wordt worden werd dit deze nog meer dan wat wij we ze zij hun onze kan zal "
    "the of and to a in is that for on with as by are be this from at or an it "
    "le la les des du et un une est pour dans que qui sur par au aux der die das und den ist mit".split()
)
_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûüÿAEIOUYÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ")


# --------------------------------------------------------------------------------------------
# Words and the layout shared with OCR


@dataclass(slots=True)
class Word:
    """A word with its box in points from the page's top-left (from the text layer or OCR)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float  # font size in points
    bold: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class _Unit:
    """What the XY-cut orders: a run of words on one line, or a whole table."""

    x0: float
    top: float
    x1: float
    bottom: float
    words: list[Word] = field(default_factory=list)
    table: int | None = None  # index into the page's tables


@dataclass(slots=True)
class _Line:
    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def bullet(self) -> bool:
        """Starts with a bullet glyph; or, as OCR reads bullets ("e", "¢", "o"), with one such
        character set apart from the text by a bullet-sized gap."""
        first = self.words[0].text
        if first[0] in BULLET_GLYPHS and (len(first) == 1 or (first[0] not in "-–" and not first[1].isalnum())):
            return True
        return (
            first in OCR_BULLETS and len(self.words) > 1
            and self.words[1].x0 - self.words[0].x1 >= 0.45 * self.words[0].size
        )

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _runs(words: Sequence[Word]) -> list[_Unit]:
    """Consecutive words on one baseline with word-sized gaps become one unit (faster XY-cut;
    a run never crosses a column gutter, which is wider than a word space)."""
    units: list[_Unit] = []
    current: _Unit | None = None
    for w in words:
        if current is not None:
            last = current.words[-1]
            h = max(last.height, w.height)
            same_line = abs((w.top + w.bottom) - (last.top + last.bottom)) / 2 < 0.35 * h
            if same_line and -0.2 * h <= w.x0 - last.x1 <= 0.55 * max(last.size, w.size):
                current.words.append(w)
                current.x1 = max(current.x1, w.x1)
                current.top = min(current.top, w.top)
                current.bottom = max(current.bottom, w.bottom)
                continue
        current = _Unit(w.x0, w.top, w.x1, w.bottom, [w])
        units.append(current)
    return units


def _unit(words: Sequence[Word]) -> _Unit:
    return _Unit(min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words), list(words))


def _gaps(intervals: list[tuple[float, float]]) -> list[tuple[float, float, int]]:
    """Empty bands between intervals sorted by start: (start, end, index of the first after)."""
    out = []
    reach = intervals[0][1]
    for i in range(1, len(intervals)):
        start, end = intervals[i]
        if start > reach + 0.01:
            out.append((reach, start, i))
        reach = max(reach, end)
    return out


def _xy_cut(units: list[_Unit], median_size: float) -> list[list[_Unit]]:
    """Reading order: recursively cut the page at the widest empty band. A vertical band (a column
    gutter) wins over a horizontal one unless the latter is clearly wider; a vertical cut needs
    at least two lines and a real width on each side, so a bullet-glyph column or one widely
    spaced line is never cut apart."""
    if len(units) > 4000:  # pathological pages: plain top-to-bottom order
        return [sorted(units, key=lambda u: (u.top, u.x0))]
    leaves: list[list[_Unit]] = []
    stack: list[list[_Unit]] = [units]
    min_gutter = max(0.8 * median_size, 5.0)
    while stack:
        region = stack.pop()
        if len(region) == 1:
            leaves.append(region)
            continue
        by_y = sorted(region, key=lambda u: u.top)
        best_y = None
        for start, end, i in _gaps([(u.top, u.bottom) for u in by_y]):
            if best_y is None or end - start > best_y[0]:
                best_y = (end - start, i)
        by_x = sorted(region, key=lambda u: u.x0)
        best_x = None
        region_width = max(u.x1 for u in region) - by_x[0].x0
        for start, end, i in _gaps([(u.x0, u.x1) for u in by_x]):
            width = end - start
            if width < min_gutter or (best_x is not None and width <= best_x[0]):
                continue
            left, right = by_x[:i], by_x[i:]
            if all(_column_like(side, region_width, median_size) for side in (left, right)):
                best_x = (width, i)
        if best_x is not None and (best_y is None or best_x[0] * 1.5 >= best_y[0]):
            i = best_x[1]
            stack.extend([by_x[i:], by_x[:i]])  # left is popped first
        elif best_y is not None:
            i = best_y[1]
            stack.extend([by_y[i:], by_y[:i]])
        else:
            leaves.append(region)
    return leaves


def _column_like(side: list[_Unit], region_width: float, median_size: float) -> bool:
    width = max(u.x1 for u in side) - min(u.x0 for u in side)
    height = max(u.bottom for u in side) - min(u.top for u in side)
    line = statistics.median(u.bottom - u.top for u in side)
    return width >= max(3 * median_size, 0.12 * region_width) and height >= 1.8 * line


def _lines(units: Iterable[_Unit]) -> list[_Line]:
    """Words of one leaf grouped into lines (by vertical overlap), each line read left to right.
    A word drawn twice at the same place (fake bold by overprinting) is kept once."""
    lines: list[_Line] = []
    for u in sorted(units, key=lambda u: u.top):
        for w in u.words:
            for line in reversed(lines[-3:]):
                overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
                if overlap >= 0.5 * min(line.height, w.height):
                    if not any(o.text == w.text and abs(o.x0 - w.x0) < 1.0 for o in line.words):
                        line.words.append(w)
                        line.x0, line.x1 = min(line.x0, w.x0), max(line.x1, w.x1)
                        line.top, line.bottom = min(line.top, w.top), max(line.bottom, w.bottom)
                    break
            else:
                lines.append(_Line([w], w.x0, w.top, w.x1, w.bottom))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: ln.top)
    return lines


_PAGE_NUMBER = re.compile(r"(?:pagina|page|blz\.?|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|van|of)\s*\d{1,4})?", re.I)


def _margin_bands(units: list[_Unit], height: float, body_size: float) -> tuple[list[list[_Unit]], list[list[_Unit]], list[_Unit]]:
    """The top-most and bottom-most lines in the page margins that stand apart from the body
    (running headers, footers, page numbers): at most two each. Returns (headers, footers, rest).

    Standing apart: a gap of more than a line to the body, or a smaller font, or a page number,
    with at least some gap. The last line of a column that reaches into the margin zone is no
    running line: its gap is a paragraph gap, its font the body's."""
    rest = [u for u in units if u.table is None]
    tables = [u for u in units if u.table is not None]
    found: dict[bool, list[list[_Unit]]] = {True: [], False: []}
    for top_side in (True, False):
        for _ in range(2):
            if len(rest) < 2:
                break
            edge = min(rest, key=lambda u: u.top) if top_side else max(rest, key=lambda u: u.bottom)
            band = [u for u in rest if min(u.bottom, edge.bottom) - max(u.top, edge.top) >= 0.5 * min(u.bottom - u.top, edge.bottom - edge.top)]
            others = [u for u in rest if u not in band] + tables
            b_top, b_bottom = min(u.top for u in band), max(u.bottom for u in band)
            line = b_bottom - b_top
            if top_side:
                in_zone, gap = b_bottom <= MARGIN_ZONE * height, min((u.top for u in others), default=height) - b_bottom
            else:
                in_zone, gap = b_top >= (1 - MARGIN_ZONE) * height, b_top - max((u.bottom for u in others), default=0.0)
            words = [w for u in sorted(band, key=lambda u: u.x0) for w in u.words]
            smaller = statistics.median(w.size for w in words) <= 0.9 * body_size
            number = _PAGE_NUMBER.fullmatch(" ".join(w.text for w in words)) is not None
            if not (in_zone and (gap >= 1.2 * line or (gap >= 0.4 * line and (smaller or number)))):
                break
            found[top_side].append(band)
            rest = others[: len(others) - len(tables)]
    return found[True], found[False][::-1], rest + tables


def _block(lines: list[_Line], kind: str = "text") -> Block:
    return Block(
        text="\n".join(line.text for line in lines),
        kind=kind,  # type: ignore[arg-type]
        bbox=(round(min(ln.x0 for ln in lines), 2), round(lines[0].top, 2), round(max(ln.x1 for ln in lines), 2), round(lines[-1].bottom, 2)),
        font_size=round(statistics.median(ln.size for ln in lines), 1),
        bold=all(ln.bold for ln in lines),
    )


def gap_ratios(sequence: Sequence[_Line | Table]) -> list[float]:
    """White space between consecutive lines of one column, in line heights."""
    lines = [x for x in sequence if isinstance(x, _Line)]
    out = []
    for a, b in zip(lines, lines[1:]):
        h = max(a.height, b.height, 0.1)
        ratio = (b.top - a.bottom) / h
        if -0.2 <= ratio <= 1.5 and _overlaps(a, b):
            out.append(ratio)
    return out


def usual_gap(ratios: Sequence[float]) -> float | None:
    """The line spacing of running text, as white space in line heights: the lowest gap that
    recurs (at least 3 times and 2% of all gaps, within 0.15 line). Not the median: paragraph
    gaps may outnumber line gaps (a document of one-line paragraphs), and a stray overlap is no
    line spacing."""
    ordered = sorted(ratios)
    need = max(3, int(0.02 * len(ordered)))
    for i, low in enumerate(ordered):
        j = bisect.bisect_right(ordered, low + 0.15)
        if j - i >= need:
            return ordered[(i + j) // 2]
    return None


def _paragraphs(sequence: list[_Line | Table], usual: float | None = None) -> list[Block | Table]:
    """Lines in reading order grouped into paragraphs (tables pass through). A paragraph ends at
    a gap clearly wider than the usual line gap (`usual`, in line heights: the document's, else
    this page's), a change of font size or weight, a bullet, a table, or a jump to another column."""
    if usual is None:
        usual = usual_gap(gap_ratios(sequence)) or 0.0
    out: list[Block | Table] = []
    current: list[_Line] = []
    kind = "text"
    text_x0 = 0.0
    for item in sequence:
        if isinstance(item, Table):
            if current:
                out.append(_block(current, kind))
                current = []
            out.append(item)
            continue
        line = item
        if current:
            prev = current[-1]
            h = max(prev.height, line.height)
            gap = line.top - prev.bottom
            limit = min(max(usual * h + max(0.3 * h, 2.0), 0.25 * h), h)
            same = (
                -0.3 * h <= gap <= limit
                and line.x0 < max(ln.x1 for ln in current) and line.x1 > min(ln.x0 for ln in current)
                and abs(line.size - prev.size) <= 0.2 * max(line.size, prev.size)
                and line.bold == prev.bold
                and not line.bullet
                and (kind != "list_item" or line.x0 >= text_x0 - 0.5 * line.size)
            )
            if same:
                current.append(line)
                continue
            out.append(_block(current, kind))
        current = [line]
        kind = "list_item" if line.bullet else "text"
        if line.bullet:
            text_x0 = line.words[1].x0 if len(line.words) > 1 else line.x1
    if current:
        out.append(_block(current, kind))
    return out


def _overlaps(a: _Line, b: _Line) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


@dataclass
class Layout:
    """A page laid out up to its paragraphs: running lines as blocks, the body as lines and
    tables in reading order (paragraphs need the document's line spacing: `blocks`)."""

    headers: list[Block]
    sequence: list[_Line | Table]
    footers: list[Block]

    def blocks(self, usual: float | None = None) -> tuple[list[Block], list[Table]]:
        """Blocks in reading order, and the tables anchored where they fall among them."""
        items: list[Block | Table] = [*self.headers, *_paragraphs(self.sequence, usual), *self.footers]
        blocks: list[Block] = []
        placed: list[Table] = []
        for item in items:
            if isinstance(item, Table):
                placed.append(Table(rows=item.rows, bbox=item.bbox, anchor=len(blocks)))
            else:
                blocks.append(item)
        return blocks, placed


def layout(words: Sequence[Word], tables: Sequence[Table], height: float, runs: Sequence[Sequence[Word]] | None = None) -> Layout:
    """Order positioned words (and tables with a box) on a page: running lines in the margins
    apart, the body by XY-cut, grouped into lines. `runs`: the words already grouped into lines
    (OCR gives them so); otherwise they are grouped here. A table without a box goes last."""
    units = _runs(words) if runs is None else [_unit(run) for run in runs if run]
    boxes = [t.bbox for t in tables if t.bbox]
    if boxes:
        units = [u for u in units if not any(_center_in(u, b) for b in boxes)]
    units += [_Unit(*t.bbox, table=i) for i, t in enumerate(tables) if t.bbox]  # type: ignore[misc]
    median_size = statistics.median([w.size for w in words]) if words else 10.0
    headers, footers, body = _margin_bands(units, height, median_size) if units else ([], [], [])
    sequence: list[_Line | Table] = []
    for leaf in _xy_cut(body, median_size) if body else []:
        sequence.extend(tables[u.table] for u in leaf if u.table is not None)
        sequence.extend(_lines(u for u in leaf if u.table is None))
    sequence.extend(t for t in tables if not t.bbox)
    return Layout([_block(_lines(band)) for band in headers], sequence, [_block(_lines(band)) for band in footers])


def layout_blocks(words: Sequence[Word], tables: Sequence[Table], height: float, runs: Sequence[Sequence[Word]] | None = None) -> tuple[list[Block], list[Table]]:
    """Blocks in reading order from positioned words, with the page's own line spacing."""
    return layout(words, tables, height, runs).blocks()


def _center_in(u: _Unit, b: BBox) -> bool:
    cx, cy = (u.x0 + u.x1) / 2, (u.top + u.bottom) / 2
    return b[0] <= cx <= b[2] and b[1] <= cy <= b[3]


# --------------------------------------------------------------------------------------------
# The text layer: characters -> words (pdfium's raw API; a Python object per char would be slow)


@dataclass
class _PageText:
    words: list[Word]
    chars: int = 0  # visible, non-space characters
    invisible: int = 0  # characters drawn in render mode 3 (an OCR layer under a scan)
    bad: int = 0  # U+FFFD, control characters, unmapped glyphs, unknown private-use code points


@dataclass
class _Ink:
    images: float = 0.0  # share of the page covered by images (summed, at most 1)
    largest: float = 0.0  # share covered by the largest image
    dpi: float = 0.0  # that image's own resolution (pixels / placed size), 0 when unknown
    paths: int = 0
    rules: tuple[int, int] = (0, 0)  # thin horizontal and vertical path objects (table rulings)
    boxes: int = 0  # rectangle-like path objects
    objects: int = 0


def _transform(page: Any) -> tuple[Any, float, float]:
    """A function mapping a user-space rect (l, b, r, t) to a top-left display box, and the
    displayed width and height (crop box and /Rotate applied)."""
    left, bottom, right, top = page.get_cropbox()
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return (lambda l, b, r, t: (b - bottom, l - left, t - bottom, r - left)), top - bottom, right - left
    if rotation == 180:
        return (lambda l, b, r, t: (right - r, b - bottom, right - l, t - bottom)), right - left, top - bottom
    if rotation == 270:
        return (lambda l, b, r, t: (top - t, right - r, top - b, right - l)), top - bottom, right - left
    return (lambda l, b, r, t: (l - left, top - t, r - left, top - b)), right - left, top - bottom


def _font_info(raw_c: Any, obj: Any) -> tuple[float, bool, bool]:
    """(size in points, bold, invisible) of a text object."""
    size = ctypes.c_float(0)
    raw_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
    matrix = raw_c.FS_MATRIX()
    scale = 1.0
    if raw_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
    name = b""
    font = raw_c.FPDFTextObj_GetFont(obj)
    if font:
        buffer = ctypes.create_string_buffer(128)
        raw_c.FPDFFont_GetBaseFontName(font, buffer, 128)
        name = buffer.value
    weight = raw_c.FPDFFont_GetWeight(font) if font else -1
    bold = weight >= 600 or re.search(rb"bold|black|heavy|semibold|demi", name, re.I) is not None
    invisible = raw_c.FPDFTextObj_GetTextRenderMode(obj) in (3, 7)
    return size.value * scale, bold, invisible


_CHAR_MAP = str.maketrans({**_HYPHENS, **_PUA_BULLETS})
_BAD_CHARS = re.compile("[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff]")
_TOKEN = re.compile(r"\S+")


def _chars(tp: Any, n: int) -> str:
    """The page's characters, one per pdfium index (pdfium's own spaces and line breaks included)."""
    import pypdfium2.raw as c

    buffer = ctypes.create_string_buffer((n + 1) * 2)
    got = c.FPDFText_GetText(tp, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters outside the BMP take two UTF-16 units: ask one by one
        text = "".join(chr(u) if 0 < (u := c.FPDFText_GetUnicode(tp, i)) < 0x110000 else "\ufffd" for i in range(n))
    return text


def _page_text(textpage: Any, transform: Any) -> _PageText:
    """Words with their boxes. Most tokens (between spaces) need the boxes of their first and last
    character only; a token whose ends disagree (two lines, vertical text, a wide gap) is split
    character by character."""
    import pypdfium2.raw as c

    tp = textpage.raw
    n = c.FPDFText_CountChars(tp)
    out = _PageText(words=[])
    if n <= 0:
        return out
    text = _chars(tp, n)
    rect = c.FS_RECTF()
    fonts: dict[int, tuple[float, bool, bool]] = {}

    def box(i: int) -> tuple[float, float, float, float]:
        c.FPDFText_GetLooseCharBox(tp, i, rect)
        return transform(rect.left, rect.bottom, rect.right, rect.top)

    def font(i: int) -> tuple[float, bool, bool]:
        obj = c.FPDFText_GetTextObject(tp, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        info = fonts.get(key)
        if info is None:
            info = fonts[key] = _font_info(c, obj) if key else (0.0, False, False)
        return info

    def add(word: str, x0: float, top: float, x1: float, bottom: float, info: tuple[float, bool, bool]) -> None:
        size = info[0] if info[0] > 0.5 else (bottom - top) / 1.15
        out.words.append(Word(x0, top, x1, bottom, word, round(size, 2), info[1]))

    for match in _TOKEN.finditer(text):
        start, end = match.span()
        token = match.group().translate(_CHAR_MAP)
        info = font(start)
        if info[2]:
            out.invisible += len(token)
        else:
            out.chars += len(token)
        out.bad += len(_BAD_CHARS.findall(token)) + (len(token) if c.FPDFText_HasUnicodeMapError(tp, start) else 0)
        first = box(start)
        last = box(end - 1) if end - start > 1 else first
        h = max(first[3] - first[1], last[3] - last[1], 0.1)
        width = last[2] - first[0]
        if abs((first[1] + first[3]) - (last[1] + last[3])) / 2 < 0.4 * h and -0.1 * h <= width <= (end - start + 1) * 1.2 * h:
            add(token, first[0], min(first[1], last[1]), max(first[2], last[2]), max(first[3], last[3]), info)
            continue
        # split where consecutive characters leave the line, jump back, or leave a gap
        chars = [token[0]]
        x0, top, x1, bottom = first
        for k in range(1, end - start):
            b = box(start + k)
            h = max(bottom - top, b[3] - b[1], 0.1)
            if abs((b[1] + b[3]) - (top + bottom)) / 2 >= 0.4 * h or b[0] - x1 > 0.2 * h or b[0] < x1 - 0.6 * h:
                add("".join(chars), x0, top, x1, bottom, info)
                chars, (x0, top, x1, bottom) = [], b
                info = font(start + k)
            else:
                x0, top, x1, bottom = min(x0, b[0]), min(top, b[1]), max(x1, b[2]), max(bottom, b[3])
            chars.append(token[k])
        add("".join(chars), x0, top, x1, bottom, info)
    return out


def _ink(page: Any, transform: Any, width: float, height: float) -> _Ink:
    """What is drawn on the page besides text: images (coverage, resolution) and vector paths."""
    import pypdfium2.raw as c

    ink = _Ink()
    area = max(width * height, 1.0)
    horizontal = vertical = 0
    for obj in page.get_objects(max_depth=3):
        ink.objects += 1
        if obj.type == c.FPDF_PAGEOBJ_IMAGE:
            l, b, r, t = obj.get_bounds()
            x0, top, x1, bottom = transform(l, b, r, t)
            w = max(0.0, min(x1, width) - max(x0, 0.0))
            h = max(0.0, min(bottom, height) - max(top, 0.0))
            share = w * h / area
            ink.images = min(1.0, ink.images + share)
            if share > ink.largest:
                ink.largest = share
                try:
                    meta = obj.get_metadata()
                    ink.dpi = float(max(meta.horizontal_dpi, meta.vertical_dpi))
                except Exception:  # pdfium cannot read this image's metadata: resolution unknown
                    ink.dpi = 0.0
        elif obj.type == c.FPDF_PAGEOBJ_PATH:
            ink.paths += 1
            l, b, r, t = obj.get_bounds()
            w, h = r - l, t - b
            if h < 3 and w > 15:
                horizontal += 1
            elif w < 3 and h > 8:
                vertical += 1
            elif w > 8 and h > 8:
                ink.boxes += 1
    ink.rules = (horizontal, vertical)
    return ink


def _looks_like_table(ink: _Ink) -> bool:
    horizontal, vertical = ink.rules
    return (horizontal >= 3 and vertical >= 2) or ink.boxes >= 4 or (horizontal >= 3 and ink.boxes >= 1)


# --------------------------------------------------------------------------------------------
# Routing: is the text layer usable?


@lru_cache(maxsize=1 << 16)
def _is_real(token: str) -> bool:
    """A stopword, or a word that looks pronounceable (vowels, no long consonant run, sane case)."""
    lower = token.lower()
    if lower in _STOPWORDS:
        return True
    vowels = sum(1 for ch in lower if ch in _VOWELS)
    longest_run = max(len(run) for run in _CONSONANT_RUNS.split(lower))
    mixed = any(ch.isupper() for ch in token[1:]) and not token.isupper()
    return bool(vowels) and longest_run <= 5 and not mixed and 0.15 <= vowels / len(lower) <= 0.8


_LEADERS = re.compile(r"([^\w\s])\1{2,}")
_CONSONANT_RUNS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûüÿ]")
_LETTER_TOKENS = re.compile(r"[^\W\d_]{2,}")


def real_words(text: str) -> int:
    """How many tokens of `text` look like real words (the measure OCR and the text layer are
    compared by)."""
    return sum(1 for t in _LETTER_TOKENS.findall(text) if _is_real(t))


def _word_share(text: str) -> tuple[int, float, float]:
    """(number of letter tokens, share that look like real words, share of stopwords)."""
    tokens = _LETTER_TOKENS.findall(text)
    if not tokens:
        return 0, 1.0, 0.0
    stop = sum(1 for t in tokens if t.lower() in _STOPWORDS)
    return len(tokens), sum(1 for t in tokens if _is_real(t)) / len(tokens), stop / len(tokens)


def garbled_reason(text: str, bad: int = 0) -> str | None:
    """Why a text layer is garbage, or None. Signs: replacement and control characters or
    unmapped glyphs, pdfminer's "(cid:NN)", ligatures lost as "?" inside words ("e?ciënt"),
    letters outside the Latin script (byte-swapped UTF-16), or too few real words."""
    text = _LEADERS.sub(r"\1", text)  # dot leaders of a table of contents are not garbage
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return None
    n = len(visible)
    if (bad + text.count("\ufffd")) / n > 0.1:
        return "unmapped characters"
    if len(re.findall(r"\(cid:\d+\)", text)) >= 3:
        return "(cid:NN) glyph codes"
    words = re.findall(r"\S+", text)
    lost_ligatures = len(re.findall(r"[^\W\d_]\?[^\W\d_]", text))
    if lost_ligatures >= 3 and lost_ligatures >= 0.02 * len(words):
        return "ligatures lost as '?'"
    letters = [ch for ch in visible if ch.isalpha()]
    if len(letters) >= 20 and sum(1 for ch in letters if ord(ch) < 0x250) < 0.5 * len(letters):
        return "letters outside the Latin script"
    if n >= 5 and len(letters) < 0.3 * n and sum(1 for ch in visible if not ch.isalnum()) >= 0.5 * n:
        return "symbols instead of letters"
    # real Dutch pages score 89-100% (stopwords 2-25%); a shifted font mapping 28-68% (no stopwords)
    tokens, share, stop = _word_share(text)
    if tokens >= 15 and (share < 0.5 or (share < 0.75 and stop < 0.02)):
        return f"few real words ({share:.0%})"
    return None


def _ocr_reason(text: _PageText, ink: _Ink, page_text: str) -> str | None:
    if text.chars + text.invisible == 0:
        return "no_text" if ink.objects else None  # nothing at all on the page: a blank page
    if ink.largest >= FULL_PAGE_IMAGE and (text.invisible or text.chars < SCAN_TEXT_CHARS):
        return "image_page"
    if text.chars < LITTLE_TEXT_CHARS and (ink.images >= 0.3 or ink.paths >= OUTLINED_TEXT_PATHS):
        return "little_text"
    if text.chars == 0:  # only invisible text: whatever shows on the page is not in the text layer
        return "invisible_text"
    garbled = garbled_reason(page_text, text.bad)
    return f"garbled_text: {garbled}" if garbled else None


def ocr_dpi(ink_dpi: float, settings: Settings) -> int:
    """The resolution to OCR at: the scan's own, or the default when unknown; within
    [MIN_OCR_DPI, max_dpi]."""
    dpi = ink_dpi if ink_dpi > 0 else settings.default_dpi
    return int(min(max(dpi, MIN_OCR_DPI), settings.max_dpi))


# --------------------------------------------------------------------------------------------
# The reader


class _Tables:
    """pdfplumber, opened only when a page looks like it has a ruled table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: Any = None

    def find(self, index: int) -> list[Table]:
        import pdfplumber

        if self._pdf is None:
            self._pdf = pdfplumber.open(self.path)
        page = self._pdf.pages[index]
        try:
            x_off, y_off = page.bbox[0], page.bbox[1]
            found = []
            for table in page.find_tables():
                rows = tuple(tuple((cell or "").strip() for cell in row) for row in table.extract())
                rows = tuple(r for r in rows if any(r))
                if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                    x0, top, x1, bottom = table.bbox
                    found.append(Table(rows=rows, bbox=(round(x0 - x_off, 2), round(top - y_off, 2), round(x1 - x_off, 2), round(bottom - y_off, 2))))
            return found
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def _is_xfa(path: Path) -> bool:
    """True when the document is a (dynamic) XFA form, which pdfium as shipped cannot render;
    pdfminer reads the catalog, also from compressed object streams."""
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import resolve1

    try:
        with open(path, "rb") as handle:
            catalog = PDFDocument(PDFParser(handle)).catalog
            form = resolve1(catalog.get("AcroForm"))
            return resolve1(catalog.get("NeedsRendering")) is True or (isinstance(form, dict) and "XFA" in form)
    except Exception:  # pdfminer cannot parse what pdfium could: no evidence of XFA
        return False


@dataclass
class _PageRead:
    """A page read from its text layer, before its paragraphs are formed."""

    width: float
    height: float
    layout: Layout
    reason: str | None  # why it needs OCR, None when the text layer is good
    dpi: float  # its largest image's own resolution (0: none or unknown)


class PdfReader:
    format = "pdf"
    SAMPLE_PAGES = 16  # pages (spread over the document) that measure its line spacing

    def sniff(self, head: bytes, suffix: str) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, path: Path, data: bytes, doc_id: str, settings: Settings) -> ReadResult:
        """Two passes: a sample of pages gives the document's usual line gap (one page of one-line
        paragraphs cannot tell a paragraph gap from a line gap), then every page is read with it.
        The sampled pages are kept, not read twice; memory stays flat in the page count."""
        import pypdfium2 as pdfium
        import pypdfium2.raw as c

        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == c.FPDF_ERR_PASSWORD:
                raise EncryptedPdf("the PDF needs a password to open") from exc
            raise CorruptPdf(f"cannot be parsed ({exc})") from exc
        tables = _Tables(path)
        try:
            count = len(document)
            if count == 0:
                raise CorruptPdf("the PDF has no pages")
            step = max(1, count // self.SAMPLE_PAGES)
            sampled = {i: self._read_page(document, i, tables) for i in range(0, count, step)[: self.SAMPLE_PAGES]}
            usual = usual_gap([r for read in sampled.values() if isinstance(read, _PageRead) for r in gap_ratios(read.layout.sequence)])
            pages: list[Page] = []
            jobs: list[OcrJob] = []
            for index in range(count):
                read = sampled.pop(index, None) or self._read_page(document, index, tables)
                page, job = self._finish(index + 1, read, usual, doc_id, path, settings)
                pages.append(page)
                if job is not None:
                    jobs.append(job)
            if not jobs and not any(p.blocks or p.error for p in pages) and _is_xfa(path):
                raise UnsupportedFormat("a dynamic XFA form: its content is not in the PDF's pages (print it to PDF first)")
        finally:
            tables.close()
            document.close()
        return ReadResult(pages=pages, ocr_jobs=jobs)

    @staticmethod
    def _read_page(document: Any, index: int, tables: _Tables) -> _PageRead | str:
        """The page's layout and OCR routing, or the page error (a typed reason) when it cannot be read."""
        try:
            page = document[index]
        except Exception as exc:  # pdfium cannot load this page object: the others are kept
            return PageError(f"pdfium cannot load the page ({exc})").reason
        textpage = None
        try:
            transform, width, height = _transform(page)
            textpage = page.get_textpage()
            text = _page_text(textpage, transform)
            ink = _ink(page, transform, width, height)
            found: list[Table] = []
            if _looks_like_table(ink) and text.chars:
                try:
                    found = tables.find(index)
                except Exception:  # pdfminer chokes on what pdfium read: keep the text without tables
                    found = []
            reason = _ocr_reason(text, ink, "\n".join(w.text for w in text.words))
            return _PageRead(width, height, layout(text.words, found, height), reason, ink.dpi)
        except Exception as exc:  # one unreadable page must not fail the document
            return PageError(f"the page cannot be read ({type(exc).__name__}: {exc})").reason
        finally:
            if textpage is not None:
                textpage.close()
            page.close()

    @staticmethod
    def _finish(number: int, read: _PageRead | str, usual: float | None, doc_id: str, path: Path, settings: Settings) -> tuple[Page, OcrJob | None]:
        if isinstance(read, str):
            return Page(doc_id=doc_id, page=number, error=read), None
        blocks, placed = read.layout.blocks(usual)
        page = Page(doc_id=doc_id, page=number, method="text", blocks=tuple(blocks), tables=tuple(placed),
                    width=round(read.width, 2), height=round(read.height, 2), ocr_reason=read.reason)
        if read.reason is None:
            return page, None
        job = OcrJob(doc_id=doc_id, path=str(path), page=number, dpi=ocr_dpi(read.dpi, settings), reason=read.reason,
                     lang=settings.ocr_lang, timeout=settings.ocr_timeout, max_pixels=settings.max_render_pixels, fallback=page)
        return page, job
