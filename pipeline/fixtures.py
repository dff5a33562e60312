"""Test documents made by code: tiny, deterministic, fast (a page renders in milliseconds).

Used by the tests, the benchmarks and the sample-corpus script. Every maker writes one file and
returns its path; the same arguments give the same bytes (reportlab's `invariant` mode).

Page text is a small markup, one string per page (a page that overflows continues on the next):

- paragraphs are separated by blank lines; a line break inside a paragraph is kept as a line break
  (so `"arbeids-\\nmarkt"` renders exactly so); long lines wrap at the column width;
- a line starting with a bullet glyph and a space (`"• "`, `"✓ "`, `"▪ "`) is a bulleted line with a
  hanging indent;
- `"# Kop"` / `"## Kop"` start a bold heading paragraph (16 pt / 13 pt);
- a paragraph whose lines all start with `"|"` is a ruled table, cells split on `"|"`.

    make_pdf(["# Actieplan\\n\\nDe regisseur coördineert…\\n\\n• één actie"], "a.pdf", footer="pagina {page}")
    make_scan(["Tekst van een gescande pagina."], "s.pdf", dpi=300)
    make_mixed([("digitaal", False), ("gescand", True)], "m.pdf")
    make_docx([("h1", "Kop"), ("p", "Tekst"), ("bullet", "punt"), ("table", [["a", "b"]])], "d.docx")
"""
from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence, Union

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 72.0
GUTTER = 24.0
BODY_SIZE = 11.0
LEADING = 1.3  # line height as a multiple of the font size
PARAGRAPH_GAP = 7.0
_BULLET_LINE = re.compile(r"^\s*([•✓▪◦\-–])\s+(.*)$")  # "• tekst": a bulleted line

_FONT_FILES = {  # DejaVu covers ✓, superscripts and €; reportlab's own Vera is the fallback
    "regular": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Vera.ttf"),
    "bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "VeraBd.ttf"),
}


@lru_cache(maxsize=None)
def _fonts() -> tuple[str, str]:
    """Register the regular and bold TrueType fonts once; returns their reportlab names."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for style, (system, bundled) in _FONT_FILES.items():
        path = Path(system)
        if not path.is_file():
            path = Path(reportlab.__file__).parent / "fonts" / bundled
        name = f"Fixture-{style}"
        pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    return names[0], names[1]


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap of one source line (no hyphenation)."""
    words = text.split()
    if not words:
        return [""]
    lines, current = [], words[0]
    for word in words[1:]:
        candidate = f"{current} {word}"
        if _width(candidate, font, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


# --------------------------------------------------------------------------------------------
# Layout: text -> physical pages of drawing operations (shared by born-digital and scanned pages)


@dataclass
class _Text:
    x: float
    y: float  # baseline, from the top of the page
    text: str
    font: str
    size: float


@dataclass
class _Line:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class _PageOps:
    texts: list[_Text] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _Paragraph:
    """One laid-out unit: lines of (indent, text, font, size), or a table grid."""

    lines: list[tuple[float, str, str, float]]
    leading: float
    gap_before: float = 0.0
    table: list[list[str]] | None = None


def _paragraphs(text: str, width: float) -> list[_Paragraph]:
    regular, bold = _fonts()
    result: list[_Paragraph] = []
    for para in re.split(r"\n[ \t]*\n+", text.strip("\n")):
        if not para.strip():
            continue
        source_lines = para.split("\n")
        if all(line.strip().startswith("|") for line in source_lines):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in source_lines]
            result.append(_Paragraph(lines=[], leading=0, table=rows))
            continue
        heading = re.match(r"^(#{1,2})\s+(.*)$", para.strip(), re.S)
        if heading:
            size = 16.0 if len(heading.group(1)) == 1 else 13.0
            lines = [(0.0, line, bold, size) for src in heading.group(2).split("\n") for line in _wrap(src, bold, size, width)]
            result.append(_Paragraph(lines=lines, leading=size * 1.25, gap_before=size * 0.6))
            continue
        lines: list[tuple[float, str, str, float]] = []
        for src in source_lines:
            bullet = _BULLET_LINE.match(src)
            if bullet:
                indent = 14.0
                wrapped = _wrap(bullet.group(2), regular, BODY_SIZE, width - indent)
                lines.append((-1.0, bullet.group(1), regular, BODY_SIZE))  # the glyph, at the left edge
                lines.append((indent, wrapped[0], regular, BODY_SIZE))
                lines.extend((indent, w, regular, BODY_SIZE) for w in wrapped[1:])
            else:
                lines.extend((0.0, w, regular, BODY_SIZE) for w in _wrap(src, regular, BODY_SIZE, width))
        result.append(_Paragraph(lines=lines, leading=BODY_SIZE * LEADING))
    return result


def _table_ops(rows: list[list[str]], x: float, y: float, width: float) -> tuple[list[_Text], list[_Line], float]:
    """Texts and ruling lines of a grid table whose top-left corner is (x, y); returns its height too."""
    regular, bold = _fonts()
    size, pad = 9.5, 4.0
    ncols = max(len(r) for r in rows)
    natural = [max((_width(r[c], regular, size) if c < len(r) else 0.0) for r in rows) + 2 * pad + 1 for c in range(ncols)]
    total = sum(natural)
    widths = [width * n / total for n in natural] if total > width else [n * width / total for n in natural]
    texts: list[_Text] = []
    lines: list[_Line] = []
    top = y
    row_tops = [top]
    for r, row in enumerate(rows):
        font = bold if r == 0 else regular
        cells = [_wrap(row[c] if c < len(row) else "", font, size, widths[c] - 2 * pad) for c in range(ncols)]
        height = max(len(c) for c in cells) * size * 1.25 + 2 * pad
        cx = x
        for c, cell in enumerate(cells):
            for i, line in enumerate(cell):
                texts.append(_Text(cx + pad, top + pad + size + i * size * 1.25 - 1.5, line, font, size))
            cx += widths[c]
        top += height
        row_tops.append(top)
    for t in row_tops:
        lines.append(_Line(x, t, x + sum(widths), t))
    cx = x
    for w in [0.0, *widths]:
        cx += w
        lines.append(_Line(cx, y, cx, top))
    return texts, lines, top - y


def _layout(pages: Sequence[str], columns: int) -> list[_PageOps]:
    """Flow each page's text into columns; overflow continues on a new page."""
    content_width = PAGE_WIDTH - 2 * MARGIN
    col_width = (content_width - GUTTER * (columns - 1)) / columns
    bottom = PAGE_HEIGHT - MARGIN
    out: list[_PageOps] = []

    for page_text in pages:
        ops = _PageOps()
        out.append(ops)
        col, y = 0, MARGIN

        def next_column() -> None:
            nonlocal ops, col, y
            col += 1
            if col >= columns:
                ops = _PageOps()
                out.append(ops)
                col = 0
            y = MARGIN

        for para in _paragraphs(page_text, col_width):
            x = MARGIN + col * (col_width + GUTTER)
            if para.table is not None:
                texts, lines, height = _table_ops(para.table, x, y, col_width)
                if y + height > bottom and y > MARGIN:
                    next_column()
                    x = MARGIN + col * (col_width + GUTTER)
                    texts, lines, height = _table_ops(para.table, x, y, col_width)
                ops.texts.extend(texts)
                ops.lines.extend(lines)
                y += height + PARAGRAPH_GAP * 2
                continue
            if y > MARGIN:
                y += para.gap_before
            for indent, text, font, size in para.lines:
                if indent >= 0 and y + para.leading > bottom:
                    next_column()
                x = MARGIN + col * (col_width + GUTTER)
                if indent < 0:  # a bullet glyph sits on the baseline of the line that follows
                    ops.texts.append(_Text(x + 2, y + size, text, font, size))
                    continue
                ops.texts.append(_Text(x + indent, y + size, text, font, size))
                y += para.leading
            y += PARAGRAPH_GAP
    return out


def _running_lines(pages: list[_PageOps], header: str | None, footer: str | None) -> list[_PageOps]:
    """A header at the top left and a footer at the bottom right of every page, in the margins;
    `{page}` in them becomes the page number (counted over the whole document)."""
    regular, _ = _fonts()
    for number, ops in enumerate(pages, 1):
        if header:
            ops.texts.append(_Text(MARGIN, 40.0, header.format(page=number), regular, 9.0))
        if footer:
            text = footer.format(page=number)
            ops.texts.append(_Text(PAGE_WIDTH - MARGIN - _width(text, regular, 9.0), PAGE_HEIGHT - 36.0, text, regular, 9.0))
    return pages


# --------------------------------------------------------------------------------------------
# Painting: vector text, or a raster image of the same page


def _paint(canvas, ops: _PageOps) -> None:  # type: ignore[no-untyped-def]
    canvas.setLineWidth(0.6)
    for line in ops.lines:
        canvas.line(line.x0, PAGE_HEIGHT - line.y0, line.x1, PAGE_HEIGHT - line.y1)
    for t in ops.texts:
        canvas.setFont(t.font, t.size)
        canvas.drawString(t.x, PAGE_HEIGHT - t.y, t.text)


def _canvas(target):  # type: ignore[no-untyped-def]
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    canvas.setTitle("fixture")
    return canvas


def _raster(ops: _PageOps, dpi: int, skew: float, noise: float, seed: int):  # type: ignore[no-untyped-def]
    """The page as a grayscale image at `dpi` (pdfium renders the vector page in memory)."""
    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    canvas = _canvas(buffer)
    _paint(canvas, ops)
    canvas.showPage()
    canvas.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    if skew:
        image = image.rotate(skew, resample=3, expand=False, fillcolor=255)
    if noise:
        rng = random.Random(seed)
        pixels = image.load()
        w, h = image.size
        for _ in range(int(w * h * noise)):
            pixels[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 255))
    return image


def _write(path: Path, pages: list[_PageOps], scanned: Sequence[bool], dpi: int, skew: float, noise: float) -> Path:
    from reportlab.lib.utils import ImageReader

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = _canvas(str(path))
    for number, (ops, scan) in enumerate(zip(pages, scanned)):
        if scan:
            image = _raster(ops, dpi, skew, noise, seed=number)
            # placed over the whole page, so pixels / placed size gives back `dpi`
            canvas.drawImage(ImageReader(image), 0, 0, width=PAGE_WIDTH, height=PAGE_HEIGHT)
        else:
            _paint(canvas, ops)
        canvas.showPage()
    canvas.save()
    return path


# --------------------------------------------------------------------------------------------
# The makers


def make_pdf(pages: Sequence[str], path: str | Path, *, columns: int = 1, header: str | None = None, footer: str | None = None) -> Path:
    """A born-digital PDF (text layer, embedded TrueType font). `header`/`footer` are running lines
    drawn in the top/bottom margin of every page; `{page}` in them becomes the page number."""
    ops = _running_lines(_layout(pages, columns), header, footer)
    return _write(Path(path), ops, [False] * len(ops), 0, 0.0, 0.0)


def make_scan(
    pages: Sequence[str],
    path: str | Path,
    dpi: int = 300,
    *,
    columns: int = 1,
    header: str | None = None,
    footer: str | None = None,
    skew: float = 0.0,
    noise: float = 0.0,
) -> Path:
    """An image-only PDF (no text layer): each page rendered to a grayscale image at `dpi` and
    placed over the whole page. `skew` rotates the image (degrees); `noise` is the share of
    pixels set to random black/white (deterministic)."""
    ops = _running_lines(_layout(pages, columns), header, footer)
    return _write(Path(path), ops, [True] * len(ops), dpi, skew, noise)


def make_mixed(pages: Sequence[tuple[str, bool]], path: str | Path, *, dpi: int = 300, columns: int = 1,
               header: str | None = None, footer: str | None = None) -> Path:
    """A PDF with some pages born-digital and some scanned: `pages` holds (text, scanned).
    Each entry's text should fit on one page (an overflow page takes the entry's kind)."""
    ops: list[_PageOps] = []
    scanned: list[bool] = []
    for text, scan in pages:
        laid = _layout([text], columns)
        ops.extend(laid)
        scanned.extend([scan] * len(laid))
    return _write(Path(path), _running_lines(ops, header, footer), scanned, dpi, 0.0, 0.0)


DocxItem = tuple[str, Union[str, Sequence[Sequence[str]]]]


def make_docx(content: Sequence[DocxItem] | str, path: str | Path) -> Path:
    """A DOCX from ("h1"|"h2"|"p"|"bullet", text) and ("table", rows) items, in order; or from the
    page markup above (`# `, `## `, `• ` lines, `|` tables, other paragraphs)."""
    import docx

    items = _markup_to_items(content) if isinstance(content, str) else list(content)
    document = docx.Document()
    for kind, value in items:
        if kind in ("h1", "h2", "h3"):
            document.add_heading(str(value), level=int(kind[1]))
        elif kind == "bullet":
            document.add_paragraph(str(value), style="List Bullet")
        elif kind == "p":
            document.add_paragraph(str(value))
        elif kind == "table":
            rows = [list(r) for r in value]  # type: ignore[union-attr]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = str(cell)
        else:
            raise ValueError(f"unknown DOCX item kind {kind!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime(2024, 1, 1)
    document.core_properties.created = document.core_properties.modified = stamp
    buffer = io.BytesIO()
    document.save(buffer)
    # python-docx stamps zip members with the current time: rewrite them with a fixed one
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6]), source.read(info.filename), zipfile.ZIP_DEFLATED)
    return path


def _markup_to_items(text: str) -> list[DocxItem]:
    items: list[DocxItem] = []
    for para in re.split(r"\n[ \t]*\n+", text.strip("\n")):
        lines = [line for line in para.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.strip().startswith("|") for line in lines):
            items.append(("table", [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]))
        elif lines[0].startswith("## "):
            items.append(("h2", " ".join(lines)[3:]))
        elif lines[0].startswith("# "):
            items.append(("h1", " ".join(lines)[2:]))
        else:  # bulleted lines become bullets; the other lines of a paragraph join into one
            text: list[str] = []
            for line in lines:
                bullet = _BULLET_LINE.match(line)
                if bullet and text:
                    items.append(("p", " ".join(text)))
                    text = []
                if bullet:
                    items.append(("bullet", bullet.group(2)))
                else:
                    text.append(line.strip())
            if text:
                items.append(("p", " ".join(text)))
    return items


# --------------------------------------------------------------------------------------------
# Deterministic Dutch filler (for benchmarks and long documents; not real sentences)

_WORDS = (
    "de het een en van in op voor met door aan bij naar over tot uit als ook niet meer dan nog om "
    "regio gemeente gemeenten sociale economie regisseur actie acties actieplan werkingsjaar "
    "werkzoekenden maatwerkbedrijf lokale diensteneconomie tewerkstelling doelgroep partners OCMW VDAB "
    "samenwerking overleg netwerk ondernemers ondersteuning coördinatie coördineert één ideeën financiële "
    "geëvalueerd reïntegratie België café opleiding opleidingen traject trajecten begeleiding jobcoaching "
    "kwetsbare inwoners arbeidsmarkt arbeidszorg vrijwilligers kringloopwinkel strijkatelier buurtwerk "
    "projecten project subsidie middelen budget resultaat resultaten evaluatie doelstelling doelstellingen "
    "organiseert organiseerde werd worden wordt zijn was heeft hebben zal zullen kunnen moet jaarlijks "
    "bijeenkomsten infosessie infosessies werkgevers bedrijven sector maatschappelijk verantwoord ondernemen"
).split()


def dutch_text(paragraphs: int, seed: int = 0, words: tuple[int, int] = (25, 70), bullets: float = 0.2) -> str:
    """Deterministic Dutch-looking filler: `paragraphs` paragraphs, some of them bulleted."""
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        n = rng.randint(*words)
        sentence = " ".join(rng.choice(_WORDS) for _ in range(n))
        sentence = sentence[0].upper() + sentence[1:] + "."
        out.append(("• " if rng.random() < bullets else "") + sentence)
    return "\n\n".join(out)


def dutch_pages(count: int, seed: int = 0, paragraphs: int = 6) -> list[str]:
    """`count` page texts of filler, each fitting one A4 page in one column."""
    return [f"## Hoofdstuk {i + 1}\n\n" + dutch_text(paragraphs, seed=seed * 100_003 + i) for i in range(count)]


__all__ = ["make_pdf", "make_scan", "make_mixed", "make_docx", "dutch_text", "dutch_pages", "PAGE_WIDTH", "PAGE_HEIGHT"]
