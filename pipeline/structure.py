"""The section tree of a document, from its headings, and the stream of units under it.

Readers hand over blocks of very different quality: a DOCX states its headings and their levels,
a PDF text layer gives font sizes and bold, OCR and plain text give nothing but the words and
their line breaks. This module turns any of them into one stream of *units* (a paragraph, a list
item, a table row, a heading) in reading order over all pages, decides which units are headings
and at which level, and builds the `Section` tree from them. `segment` reads the same stream.

How a heading is recognised, strongest cue first:

1. the reader says so (DOCX "Heading N" style, Markdown `##`): the level is the source's;
2. typography (PDF): a font clearly larger than the document's body size, or a short bold
   paragraph; levels are the ranks of the heading font sizes (bold at body size lowest);
3. numbering: "1.", "1.1.", "2.2", "1.1.Ondersteunen" (OCR drops the space), "a."; the level is
   the numbering depth. A plan that numbers its objectives inside numbered priorities
   ("1. Netwerking …" directly followed by "1. samenwerking …") nests the second scheme;
4. text alone: a short line without a final period that is followed by body text, or a line in
   capitals. Its level is one below the nearest structural heading above it.

Structural headings also have a kind: a document *part* (voorwoord, inhoudsopgave, jaarverslag
2021, actieplan 2022, bijlage …) sits at the top; a *priority* heading (the policy framework's
own wording: "De lokale sociale economie verder uitbouwen", "(WSE-LR2)", "Acties die bijdragen
aan …") sits directly under the parts.

OCR of two-column plans sometimes separates a numbered heading's number from its title ("3.1."
alone on a line, the title lines further down): the bare numbers wait in a queue and the next
unnumbered headings take them, in order.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from pipeline.models import Block, Page, Section

# --------------------------------------------------------------------------------------------
# Vocabulary of the genre

_CHECK = "✓✔☑"
_BULLET_GLYPHS = "•●▪■◦‣∙⁃▸►➢➤·¢"
_MARKER = re.compile(
    rf"^\s*(?:(?P<check>[{_CHECK}])|(?P<glyph>[{_BULLET_GLYPHS}])|(?P<dash>[-–—*]_?)(?=\s))\s*"
)
_SUPERSCRIPT = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_FOOTNOTE = re.compile(rf"^\s*(?:[{_SUPERSCRIPT}]+|\(\d{{1,2}}\)|\[\d{{1,2}}\])\s*\S")
# "1.", "1.1.", "1.1.Ondersteunen", "2.2 Instroom", "a. Pragmatisering"; not "12/05", "2021 stond"
_NUMBER = re.compile(r"^\s*(?P<num>(?:\d{1,2}\.)*\d{1,2}\.?|[a-h]\.)(?=\s*\S)\s*(?P<rest>.*)$", re.S)
_BARE_NUMBER = re.compile(r"^\s*(?:\d{1,2}\.)+\d{0,2}\.?\s*$")
_TOC_LINE = re.compile(r"^(?P<title>\D.{2,}?)(?:\s*(?:\.{3,}|…+|_{3,})\s*|\s+)(?P<page>\d{1,3})\s*$")
_DOTTED = re.compile(r"(?:\.{4,}|…{2,}|\. \. \.)")
_NON_HEADING_START = re.compile(
    r"^(?:bron|tabel|figuur|grafiek|foto|afbeelding|update|noot|opmerking|zie|bijv|bv|vb|nb|p\.?s)\b[\s.:]",
    re.I,
)
_DATE_LINE = re.compile(r"^\s*(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|tb\.?)\b", re.I)
_URL = re.compile(r"https?://|www\.|<http", re.I)
_WSE_CODE = re.compile(r"\bWSE[\s-]?LR\s?-?([1-4])\b", re.I)
_SE_CODE = re.compile(r"\bSE[\s-]([1-4])\b")

# Finite verbs and auxiliaries: a short sentence that has one is a sentence, not a title.
_FINITE = re.compile(
    r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|zal|zullen|zou|zouden|kan|kunnen|kon|konden|"
    r"moet|moeten|heeft|hebben|had|hadden|gaat|gaan|wil|willen|biedt|bieden|doet|doen|komt|komen|"
    r"ligt|liggen|staat|staan|krijgt|krijgen|blijft|blijven|vond|vonden|kreeg|kregen|bleek|blijkt|"
    r"maakt|maken|neemt|nemen|geeft|geven|telt|tellen|houdt|mag|mogen|lijkt|toont|kwam|kwamen|gaf|gaven|"
    r"sloot|sloten|zat|zaten|nam|namen|ging|gingen|werkte|werkten|volgde|volgden|startte|startten|bracht|"
    r"brachten|stelde|stelden|organiseerde|organiseerden|deed|deden|zag|zagen|leidde|bleef|bleven|vroeg|"
    r"vroegen|ontving|ontvingen|heb|hebt|ben|bent|zit|zitten|loopt|lopen|vindt|vinden|betekent|vormt|vormen|"
    r"speelt|spelen|gebeurt|gebeurde|verliep|verliepen|bestaat|bestaan|omvat|ontstond|ontstaat)\b",
    re.I,
)

_PART_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("front", re.compile(r"^(?:voorwoord|woord vooraf|inhoud|inhoudsopgave|inhoudstafel|inhoudstabel|"
                         r"inleiding|inleidend|samenvatting|colofon|leeswijzer|situering)\b", re.I)),
    ("annex", re.compile(r"^(?:annex|annexen|bijlage|bijlagen|addendum)\b", re.I)),
    ("report", re.compile(r"^(?:(?:jaar|werkings|activiteiten|voortgangs)verslag|jaarrapport|rapportering|"
                          r"verslag)\b.*\b20\d\d\b", re.I)),
    ("plan", re.compile(r"^(?:(?:jaar)?actieplan|jaaractieplan|planning|beleidsplan|plan van aanpak)\b.*\b20\d\d\b", re.I)),
    ("back", re.compile(r"^(?:conclusie|conclusies|slotwoord|tot slot|besluit)\s*$", re.I)),
    ("general", re.compile(r"^(?:algemene informatie|algemeen|achtergrond)\s*$", re.I)),
)

# The policy frameworks' own priorities, as documents word them (taxonomy.md). Only close
# paraphrases count: "Netwerking tussen sociale en reguliere economie" is a subsection.
_PRIORITY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("WSE-LR1", re.compile(r"lokale regierol|regierol sociale economie en werk (?:op ?nemen|door)", re.I)),
    ("WSE-LR2", re.compile(r"afstand tot de arbeidsmarkt .*(?:bevorderen|drempels)|drempels .*wegnemen", re.I)),
    ("WSE-LR3", re.compile(r"(?:bevorderen van het|het) ondernemerschap", re.I)),
    ("WSE-LR4", re.compile(r"partnerschappen met (?:de )?vdab|lokale arbeidsmarktactoren|samenwerkingsovereenkomst met (?:de )?vdab (?:sluiten|afsluiten)", re.I)),
    ("SE-1", re.compile(r"(?:lokale )?sociale economie (?:verder )?uit(?:te )?bouwen|(?:uitbouw|ontwikkeling) van (?:de )?lokale sociale economie", re.I)),
    ("SE-2", re.compile(r"netwerking (?:met en tussen .{0,40})?op (?:het|haar|hun) grondgebied", re.I)),
    ("SE-3", re.compile(r"maatschappelijk (?:verantwoord )?ondernemen", re.I)),
    ("SE-4", re.compile(r"lokaal werkgelegenheidsbeleid|tewerkstelling van mensen met een afstand tot de arbeidsmarkt|\(facultatief\)", re.I)),
)
_PARTICIPLE = re.compile(r"\bge[a-zë]{3,}(?:d|t)\b|\b(?:be|ver|ont|her|er)[a-z]{3,}(?:d|t)\b(?= (?:door|in|op|met|bij|aan)\b)")
_ACTIONS_HEADING = re.compile(r"^acties? (?:die|ter|voor|om|met|in het kader|rond|inzake)\b", re.I)


def fold(text: str) -> str:
    """Lower case without accents, for matching cue words."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def part_kind(title: str) -> str | None:
    """'front', 'annex', 'report', 'plan' or 'back' when a heading names a document part."""
    t = title.strip().strip("*_\"'“”").strip()
    if len(t.split()) > 10:
        return None
    for kind, pattern in _PART_PATTERNS:
        if pattern.search(t):
            return kind
    return None


def priority_code(title: str) -> str | None:
    """The framework priority a heading names ('WSE-LR2', 'SE-1' …), explicit code first."""
    explicit = _WSE_CODE.search(title)
    if explicit:
        return f"WSE-LR{explicit.group(1)}"
    explicit = _SE_CODE.search(title)
    if explicit:
        return f"SE-{explicit.group(1)}"
    for code, pattern in _PRIORITY_PATTERNS:
        if pattern.search(title):
            return code
    return None


def is_priority_heading(title: str) -> bool:
    return priority_code(title) is not None or bool(_ACTIONS_HEADING.match(title.strip()))


# --------------------------------------------------------------------------------------------
# Units


@dataclass
class Unit:
    """One paragraph-like piece of the document in reading order.

    kind: "para", "item" (list item; `check` for ✓), "row" (table row, `cells`), "heading",
    "number" (a bare heading number waiting for its title), "note" (footnote), "toc" (an entry
    of a table of contents).
    """

    page: int
    text: str
    kind: str = "para"
    check: bool = False
    font_size: float | None = None
    bold: bool = False
    ocr: bool = False  # from OCR: font size and weight are estimates, not typography
    level_hint: int | None = None
    style: str | None = None
    table: int | None = None
    cells: tuple[str, ...] = ()
    split: bool = False  # cut out of a longer block (first line of a paragraph, numbered line)
    number: str | None = None
    title: str | None = None
    rank: float | None = None
    section: int | None = None  # for headings: their index in the section list
    part: str | None = None  # for headings: part kind (front/annex/report/plan/back)
    priority: bool = False
    closes_front: bool = False  # a priority heading that ends the front matter before it


@dataclass
class Outline:
    """The unit stream of a document and its sections. `owner[i]` is the index of the innermost
    section unit i belongs to (None before the first heading)."""

    units: list[Unit]
    sections: list[Section]
    owner: list[int | None]
    section_units: list[int] = field(default_factory=list)  # unit index of each section's heading
    body_size: float | None = None


_OCR_CHECK = re.compile(r"^\s*(?:[•·]\s*)?[/✓✔]\s+(?=[A-Z(\"“‘'])")  # Tesseract reads ✓ as "/"


def _strip_marker(line: str) -> tuple[str | None, str]:
    ocr_check = _OCR_CHECK.match(line)
    if ocr_check:
        return "check", line[ocr_check.end():].strip()
    match = _MARKER.match(line)
    if not match or not line[match.end():].strip():
        return None, line
    kind = "check" if match.group("check") else "bullet"
    rest = line[match.end():]
    inner = _MARKER.match(rest)  # "- ✓ Project": the innermost marker decides
    if inner and rest[inner.end():].strip():
        if inner.group("check"):
            kind = "check"
        rest = rest[inner.end():]
    return kind, rest.strip()


def _numbered(line: str) -> tuple[str, str] | None:
    """(number, title) when a line starts with a heading number followed by a letter."""
    match = _NUMBER.match(line)
    if not match:
        return None
    num, rest = match.group("num"), match.group("rest").strip()
    if not rest or not (rest[0].isalpha() or rest[0] in "(\"'“‘*"):
        return None
    if num[0].isalpha():  # "a." needs a space and a capital or a word after it
        if not re.match(r"^\s*[a-h]\.\s+\S", line):
            return None
    elif "." not in num and not re.match(r"^\s*\d{1,2}\.\d", line):
        return None  # "1 Toegevoegde schepen …" is a footnote (OCR of ¹), "2 maandelijks" a number
    return num.rstrip("."), rest


def _depth(number: str) -> int:
    if number[0].isalpha():
        return 0  # letters: one below the current numbered heading (decided later)
    return number.count(".") + 1


def _short(text: str) -> bool:
    return len(text) <= 110 and len(text.split()) <= 14


def _is_cellish(line: str) -> bool:
    """A piece of a table cell (org names, acronyms, dashes) rather than a title."""
    t = line.strip()
    return (" - " in f" {t} " or t.endswith(("-", "–"))) or len(re.findall(r"\b[A-Z]{2,}\b", t)) >= 2


def _block_units(block: Block, page: int, table_ids: list[int], full: float = 0.0, ocr: bool = False) -> list[Unit]:
    """Split one block into units: list items, numbered lines, a short first line (a title run
    into its paragraph), footnotes; other lines continue the unit before them."""
    base = dict(page=page, font_size=block.font_size, bold=block.bold and not ocr, style=block.style, ocr=ocr)
    text = block.text.strip("\n")
    if not text.strip():
        return []
    if block.kind in ("header", "footer"):
        return []
    if block.kind == "heading":
        return [Unit(text=" ".join(text.split()), kind="heading", level_hint=block.level, **base)]
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if line.strip()]
    units: list[Unit] = []
    widths = [len(line.strip()) for line in lines]
    numhead = False  # the unit before is a numbered line on its own (a title, perhaps)
    for i, raw in enumerate(lines):
        line = raw.strip()
        current = units[-1] if units else None
        if current is not None and current.kind != "para":
            numhead = False
        marker, rest = _strip_marker(line)
        if "\t" in raw.strip() and len([c for c in raw.split("\t") if c.strip()]) >= 2:
            if not (current and current.kind == "row" and current.table is not None):
                table_ids[0] += 1
            cells = tuple(c.strip() for c in raw.strip().split("\t"))
            units.append(Unit(text=" | ".join(c for c in cells if c), kind="row", cells=cells, table=table_ids[0], **base))
            continue
        if marker:
            units.append(Unit(text=rest, kind="item", check=marker == "check", split=i > 0, **base))
            continue
        if _FOOTNOTE.match(line) and (i == 0 or lines[i - 1].rstrip().endswith((".", ")", ">"))):
            units.append(Unit(text=line, kind="note", split=i > 0, **base))
            continue
        if _BARE_NUMBER.match(line):
            units.append(Unit(text=line, kind="number", number=line.strip().rstrip("."), split=i > 0, **base))
            continue
        numbered = _numbered(line)
        prev_line = lines[i - 1].strip() if i > 0 else ""
        if numbered and (i == 0 or prev_line.endswith((".", ":", ";", "!", "?", ")")) or
                         (current is not None and (current.kind in ("number", "item") or numhead))
                         or _numbered(prev_line) is not None
                         or (block.font_size is not None and len(prev_line) < 45
                             and (_depth(numbered[0]) != 1 or _title_like(numbered[1][:1].upper() + numbered[1][1:])))):
            units.append(Unit(text=line, kind="para", split=i > 0, **base))
            numhead = True
            continue
        if current is not None and numhead and current.kind == "para":
            title = current.text
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            continues = line[:1].islower() or (line.startswith("(") and not title.rstrip().endswith((".", ":")))
            if continues and "\n" not in title and (
                (_short(title + " " + line) and (not nxt or _numbered(nxt) or _BARE_NUMBER.match(nxt) or nxt[:1].isupper()))
                or (block.font_size is not None and len(title) + len(line) <= 400
                    and (wrapped(lines[i - 1], line, full) or _WSE_CODE.match(line.strip("() "))))
            ):
                current.text += " " + line  # a numbered title wrapped over two lines (or a wrapped numbered line)
                continue
            numhead = False
            title_rest = (_numbered(title) or ("", title))[1]
            if (line[:1].isupper() or _title_like(title_rest[:1].upper() + title_rest[1:])) and len(title.split()) <= 30 and not title.rstrip().endswith((",", ";")) and (
                    _short(title) and not title.rstrip().endswith(".") or block.font_size is not None):
                units.append(Unit(text=line, kind="para", split=True, **base))  # the title's body
                continue
            current.text += "\n" + line
            continue
        numhead = False
        if current is None or current.kind in ("row", "note", "number") and i > 0:
            units.append(Unit(text=line, kind="para", split=i > 0, **base))
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            block.font_size is not None and current.kind == "para" and lines[i - 1].rstrip().endswith((".", "!", "?", ":"))
            and nxt[:1].isupper() and not _strip_marker(nxt)[0] and len(line) <= (0.6 * full if full else 50)
            and len(nxt) >= (0.7 * full if full else 50) and not _is_cellish(line)
            and not line.endswith((".", ":", ";", ",")) and _title_like(line) and not _FINITE.search(line)
        ):
            # a title between two paragraphs that the layout put in one block ("…werkervaring. / Jobbeurs / De …")
            units.append(Unit(text=line, kind="para", split=True, **base))
            units.append(Unit(text="", kind="para", split=True, **base))
            continue
        if current.kind == "para" and not current.text:
            current.text = line
            continue
        current.text += "\n" + line
    units = [u for u in units if u.text or u.kind != "para"]
    # a short first line followed by a longer paragraph: a title run into its paragraph (OCR)
    if (
        units and block.kind != "list_item" and units[0].kind == "para" and "\n" in units[0].text
        and not _numbered(units[0].text)
    ):
        first, rest = units[0].text.split("\n", 1)
        longest = max(widths[1:] or [0])
        rest_lines = rest.split("\n")
        prose = sum(len(r) for r in rest_lines) / len(rest_lines) >= 45 and (
            re.search(r"[a-z)]\. [A-Z]", rest) is not None or rest.rstrip().endswith((".", ":", "…")))
        run_in = len(first) <= 0.7 * longest or (
            block.font_size is not None and _title_like(first) and not re.match(r"^[A-Z0-9]{2,}\b", rest))
        if (
            prose and first[:1].isupper() and _short(first) and not first.rstrip().endswith((".", ",", ";", ":"))
            and run_in and rest[:1].isupper() and not _FINITE.search(first)
        ):
            units[0].text = rest
            units[0].split = True
            units.insert(0, Unit(text=first, kind="para", split=True, **base))
    if block.kind == "list_item" and units and units[0].kind == "para":
        units[0].kind = "item"
    return units


def _units(pages: Sequence[Page]) -> list[Unit]:
    units: list[Unit] = []
    table_ids = [0]
    full = _full_line([Unit(page=p.page, text=b.text) for p in pages for b in p.blocks if b.font_size is not None])
    for page in pages:
        tables = sorted(page.tables, key=lambda t: t.anchor)
        t = 0
        blocks = list(page.blocks)
        for i in range(len(blocks) + 1):
            while t < len(tables) and tables[t].anchor <= i:
                table_ids[0] += 1
                for row in tables[t].rows:
                    cells = tuple(" ".join(c.split()) if "\n" not in c else c.strip() for c in row)
                    if any(c.strip() for c in cells):
                        units.append(Unit(page=page.page, text=" | ".join(c for c in cells if c.strip()), kind="row",
                                          cells=cells, table=table_ids[0]))
                t += 1
            if i < len(blocks):
                units.extend(_block_units(blocks[i], page.page, table_ids, full, page.method == "ocr"))
    _mark_page_notes(units)
    return _join_page_breaks(units)


_PLAIN_NOTE = re.compile(r"^\s*\d{1,2}\s+(?:[A-Z<]|https?:)")


def _mark_page_notes(units: list[Unit]) -> None:
    """Footnotes at the foot of a page whose superscript number OCR read as a plain digit
    ("6 Bron: arbeidsmarktverkenner …") become notes: the trailing units of a page that start so."""
    by_page: dict[int, list[Unit]] = {}
    for u in units:
        by_page.setdefault(u.page, []).append(u)
    for page_units in by_page.values():
        for u in reversed(page_units):
            if u.kind in ("para", "note") and (_PLAIN_NOTE.match(u.text) or _FOOTNOTE.match(u.text)) and len(u.text) < 400:
                u.kind = "note"
                continue
            break
    # numbered notes in the running text: "6 Bron: …", "7 Geen oproep …" (consecutive numbers), or a
    # number followed by a source or a link
    for i, u in enumerate(units):
        match = re.match(r"^\s*(\d{1,2})\s+\S", u.text)
        if u.kind != "para" or not match or len(u.text) > 400:
            continue
        n = int(match.group(1))
        nxt = units[i + 1] if i + 1 < len(units) else None
        prev = units[i - 1] if i > 0 else None
        chained = any(v is not None and v.kind in ("para", "note") and re.match(rf"^\s*{m}\s+\S", v.text)
                      for v, m in ((nxt, n + 1), (prev, n - 1)))
        if chained or re.match(r"^\s*\d{1,2}\s+(?:bron\b|https?:|<http|www\.)", u.text, re.I):
            u.kind = "note"


def _full_line(units: list[Unit]) -> float:
    """The length of a full line (a line the layout wrapped): the 90th percentile of the line
    lengths of the document's paragraphs (0 when too few multi-line paragraphs to tell)."""
    multi = [u for u in units if u.kind in ("para", "item") and "\n" in u.text]
    lengths = sorted(len(line) for u in multi for line in u.text.split("\n") if len(line) >= 20)
    if len(multi) < 3 or len(lengths) < 8:
        return 0.0
    return float(lengths[int(len(lengths) * 0.9)])


def wrapped(line: str, following: str, full: float) -> bool:
    """Did the layout wrap `line` (the first word of `following` would not have fitted on it)?"""
    if not full or not following.strip():
        return False
    n = len(line.rstrip())
    return n >= 0.75 * full and n + 1 + len(following.split()[0]) >= 0.97 * full


def _join_page_breaks(units: list[Unit]) -> list[Unit]:
    """A paragraph cut by a page break continues on the next page: glue the two halves when the
    last line before the break is a full line without a final stop."""
    full = _full_line(units)
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if prev is not None and unit.page == prev.page + 1 and unit.kind == "para" and prev.kind in ("para", "item"):
            last = prev.text.rstrip().rsplit("\n", 1)[-1]
            cut = not last.endswith((".", ":", "!", "?", ";"))
            title = "\n" not in prev.text and prev.kind == "para" and _title_like(prev.text) and not _FINITE.search(prev.text)
            if cut and not title and (unit.text[:1].islower() or (full and len(last) >= 0.75 * full)):
                prev.text += "\n" + unit.text
                continue
        out.append(unit)
    return out


# --------------------------------------------------------------------------------------------
# Headings


def _body_size(pages: Sequence[Page]) -> float | None:
    sizes: Counter[float] = Counter()
    for page in pages:
        if page.method == "ocr":
            continue
        for block in page.blocks:
            if block.font_size and block.kind not in ("header", "footer"):
                sizes[round(block.font_size * 2) / 2] += len(block.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _is_tocish(unit: Unit) -> bool:
    text = unit.text.strip()
    if "\n" in text or len(text) > 140:
        return False
    if _DOTTED.search(text):
        return True
    match = _TOC_LINE.match(text)
    return bool(match) and not match.group("title").rstrip().endswith((".", ",")) and len(match.group("title").split()) <= 14


_DANGLING = {"van", "de", "het", "een", "en", "met", "voor", "op", "in", "aan", "te", "om", "tot", "door", "of", "bij",
             "naar", "over", "die", "dat", "als", "zijn", "is", "wordt", "werd", "dan", "maar", "ook", "er", "we"}
_LABEL = re.compile(r"^(?:commentaar|opmerking(?:en)?|resultaat|resultaten|stand van zaken|realisatie|evaluatie|"
                    r"toelichting|status|bron|noot)\s*:", re.I)


def _title_like(text: str, max_words: int = 14) -> bool:
    """A line that could be a title: short, no final period, starts like a title, not a caption."""
    t = text.strip().strip("*").strip()
    if not t or "\n" in t or len(t) > 8 * max_words or len(t.split()) > max_words:
        return False
    if t.endswith((".", ",", ";", "-", "–", "/", "+")) or t.count(",") >= 2:
        return False
    if t.split()[-1].lower().strip(":") in _DANGLING or _LABEL.match(t):
        return False  # a line cut mid-sentence ("… overleg met de"), or "Commentaar: …"
    if (t.startswith("(") and t.endswith(")")) or (" - " in t and re.search(r"\b[A-Z]{2,}\b", t)):
        return False  # a cell of a flattened table: "(Ubuntu, …)", "ROA - LB", "LDE-fabriek Actiegroep - VDAB"
    if not re.search(r"\b(?=\w*[a-zà-ÿ])[^\W\d_]{4,}", t) and not (t.isupper() and len(t.split()) >= 2):
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "(\"'“‘"):
        return False
    if _NON_HEADING_START.match(t) or _DATE_LINE.match(t) or _URL.search(t) or "|" in t:
        return False
    letters = sum(c.isalpha() for c in t)
    digits = sum(c.isdigit() for c in re.sub(r"\b(?:19|20)\d\d\b", "", t))
    return letters >= 3 and digits <= letters / 3


def _classify(units: list[Unit], body_size: float | None) -> None:
    """Mark headings (kind 'heading', with number/title/part/priority) and ToC lines in place."""
    n = len(units)
    full = _full_line(units)
    tocish = [u.kind == "para" and _is_tocish(u) for u in units]
    under_toc = False
    for i, u in enumerate(units):
        if u.kind == "para" and "\n" not in u.text and re.match(r"^(?:inhoud|inhoudsopgave|inhoudstafel|inhoudstabel)\s*$", u.text.strip(), re.I):
            under_toc = True
            continue
        if not tocish[i]:
            if u.kind != "toc" and not (u.kind == "para" and _short(u.text)):
                under_toc = False
            continue
        run = sum(1 for k in range(max(0, i - 2), min(n, i + 3)) if tocish[k])
        if under_toc or _DOTTED.search(u.text) or run >= 3:
            u.kind = "toc"
    # a run of four or more short lines is a list or a flattened table, not a series of titles
    short_run = [False] * n
    i = 0
    while i < n:
        j = i
        while (j < n and units[j].kind == "para" and "\n" not in units[j].text and _short(units[j].text)
               and not _numbered(units[j].text)
               and not _sentence(units[j].text) and not part_kind(units[j].text) and not priority_code(units[j].text)):
            j += 1
        if j - i >= 4:
            for k in range(i, j):
                short_run[k] = True
        i = max(j, i + 1)

    def next_body(i: int) -> Unit | None:
        """The first unit after i that is not itself a title candidate (look at most 4 ahead)."""
        for k in range(i + 1, min(n, i + 6)):
            v = units[k]
            if v.kind in ("note", "number", "toc"):
                continue
            if (v.kind == "heading" and v.number) or (v.kind == "para" and "\n" not in v.text and _numbered(v.text)):
                return None  # a numbered heading follows: this line has no body of its own
            if v.kind == "heading" or (v.kind == "para" and _title_like(v.text) and not v.text.rstrip().endswith(":")
                                       and not _FINITE.search(v.text)):
                continue
            return v
        return None

    def body_mass(k: int) -> int:
        """Characters of body text from unit k on, up to the next title candidate (at most 5 units)."""
        mass = len(units[k].text)
        for v in units[k + 1:k + 5]:
            if v.kind == "heading" or (v.kind == "para" and "\n" not in v.text and _title_like(v.text)
                                       and not _FINITE.search(v.text) and not v.text.rstrip().endswith(":")):
                break
            mass += len(v.text)
        return mass

    for i, u in enumerate(units):
        if u.kind == "heading":
            _set_heading(u, u.text)
            continue
        if u.kind != "para":
            continue
        text = u.text.strip()
        if "\n" in text and full and text.count("\n") <= 2 and len(text) <= 240:
            lines = text.split("\n")
            if all(len(line) >= 0.75 * full for line in lines[:-1]) and not _numbered(lines[-1]):
                wrapped = " ".join(line.strip() for line in lines)
                if re.search(r"\d\s*$", wrapped):
                    pass  # "… Jaarverschil (%) Bonheiden 334": a table, not a title
                elif (_title_like(wrapped, 18) or priority_code(wrapped) or _numbered(wrapped)
                        or (wrapped.endswith(".") and _title_like(wrapped[:-1], 18) and _period_title(wrapped))):
                    text = u.text = wrapped  # a title the layout wrapped over two or three lines
        numbered = _numbered(text) if "\n" not in text else None
        nxt = units[i + 1] if i + 1 < n else None
        words = len(text.split())
        code = priority_code(text)
        caps = (text.isupper() and len(re.findall(r"[A-Z]{4,}", text)) >= 2 and words <= 12 and "\n" not in text
                and not text.endswith((".", ",", "-", "–")))
        prev = units[i - 1] if i > 0 else None
        if prev is not None and prev.kind in ("para", "item") and prev.text.rstrip().endswith(("-", "–", ",", "/", "+")) and not numbered:
            continue  # the rest of a cell or sentence broken over lines
        typographic = False
        if (u.bold or u.font_size) and not u.ocr:
            big = bool(body_size and u.font_size and u.font_size >= body_size * 1.12)
            body_or_unknown = not (body_size and u.font_size) or u.font_size >= body_size * 0.95
            if len(text) < 160 and big and words <= 25 and not text.endswith((".", ";")):
                typographic = True
            elif len(text) < 160 and u.bold and body_or_unknown and words <= 15 and not text.endswith((".", ";", ",")):
                typographic = True
        if typographic:
            _set_heading(u, " ".join(text.split()))
            continue
        if numbered:
            num, rest = numbered
            ok = (
                (words <= 30 or code is not None)
                and not rest.endswith((",", ";"))
                and not (rest.rstrip().endswith(".") and words > 14 and code is None and (_FINITE.search(rest) or words > 25))
            )
            colon = rest.find(":")
            if ok and 0 < colon < len(rest) - 1 and len(rest[colon + 1:].split()) > 3 and code is None:
                ok = False  # "1. Werkplekleren: het gebruik stimuleren door …" is a list item
            if ok and _is_numbered_list_member(units, i):
                ok = False
            if ok:
                _set_heading(u, text, number=num, title=rest)
            continue
        if "\n" in text:
            continue
        if short_run[i] and not caps and code is None and not u.split and not part_kind(text):
            continue
        if caps and (nxt is None or nxt.kind != "para" or not nxt.text.isupper()):
            _set_heading(u, text)
            continue
        if text.endswith(".") and words <= 35 and nxt is not None and nxt.kind == "item" and (
            code is not None or _ACTIONS_HEADING.match(text)
        ):
            _set_heading(u, text)  # "Acties die bijdragen aan … ." above the bullets
            continue
        if (
            text.endswith(".") and not text.endswith("..") and words <= 18 and _title_like(text[:-1], 18) and _period_title(text)
            and not _PARTICIPLE.search(text) and nxt is not None and nxt.kind == "para"
            and len(nxt.text) > 1.5 * len(text) and nxt.text[:1].isupper()
        ):
            _set_heading(u, text.rstrip("."))  # "Samenwerking tussen lokale besturen en sociale economie."
            continue
        if text.endswith(":"):
            body = nxt
            if body is not None and body.kind == "para" and _title_like(text[:-1]) and not _FINITE.search(text) and words <= 10:
                _set_heading(u, text)
            continue
        if _title_like(text) and not _FINITE.search(text) or (_title_like(text) and (code is not None or part_kind(text))):
            body = next_body(i)
            if body is not None and body.kind in ("para", "item", "row") and (
                body.kind != "para" or "\n" in body.text
                or body_mass(next(k for k in range(i + 1, n) if units[k] is body)) >= (30 if code else max(1.4 * len(text), 30))
            ) and (body.kind != "para" or not body.text[:1].islower()):
                _set_heading(u, text)
                continue
            if body is None and (u.split or part_kind(text)):
                _set_heading(u, text)
                continue
        elif _title_like(text) and u.split and not _FINITE.search(text):
            _set_heading(u, text)
            continue


_SENTENCE_START = {"in", "de", "het", "een", "er", "we", "wij", "dit", "dat", "deze", "die", "op", "voor", "met", "bij",
                   "na", "tijdens", "ook", "zo", "daarnaast", "hierbij", "daarom", "verder", "vanuit", "door", "sinds",
                   "eind", "begin", "midden", "half", "alle", "elke", "ieder", "onze", "ons", "hun", "zij", "hij", "ze"}


def _sentence(text: str) -> bool:
    """A line that reads as a full sentence (not a cell of a table or an item of a list)."""
    t = text.strip()
    if not t.endswith((".", "?", ":")) or not t[:1].isupper() or re.search(r"(?:->|→)\s*zie\b", t, re.I):
        return False
    words = len(t.split())
    if t.endswith(":"):
        return words >= 5  # a lead-in to a list: "In 2022 willen we graag:"
    return words >= 9 or (words >= 5 and _FINITE.search(t) is not None)


def _period_title(text: str) -> bool:
    """Is a short line ending in a period a title ("Samenwerking tussen lokale besturen en sociale
    economie.", "Kenbaarheid … vergroten en promoten.") rather than a sentence ("W13 zorgde voor …")?"""
    words = text.rstrip(".").split()
    if not words or _FINITE.search(text):
        return False
    last = words[-1].lower()
    if len(last) >= 5 and last.endswith("en") and not re.search(r"\d", text):
        return True  # ends in an infinitive: a planned action's title
    if words[0].lower() in _SENTENCE_START or re.match(r"\d", words[0]):
        return False
    return not any(re.fullmatch(r"[a-zë]{2,}[^aeiouyn\W](?:de|te|den|ten)", w.lower()) for w in words[1:])


def _is_numbered_list_member(units: list[Unit], i: int) -> bool:
    """True when the numbered line i belongs to a numbered list: its neighbours are numbered lines
    of the same depth with consecutive numbers and no title above them breaks the sequence.
    A list is also recognised from its items: long lines, or lines with a colon after a few words."""
    u = units[i]
    this = _numbered(u.text)
    if this is None:
        return False
    num = this[0]
    if num[0].isalpha():
        return False

    def neighbour(k: int) -> tuple[str, str] | None:
        if 0 <= k < len(units) and units[k].kind == "para" and "\n" not in units[k].text:
            return _numbered(units[k].text)
        return None

    def follows(a: str, b: str) -> bool:
        pa, pb = a.split("."), b.split(".")
        return len(pa) == len(pb) and pa[:-1] == pb[:-1] and int(pb[-1]) == int(pa[-1]) + 1 if pa[-1].isdigit() and pb[-1].isdigit() else False

    prev, nxt = neighbour(i - 1), neighbour(i + 1)
    same_block = u.split or (nxt is not None and units[i + 1].split)
    in_run = (prev is not None and follows(prev[0], num)) or (nxt is not None and follows(num, nxt[0]))
    if not in_run:
        return False
    if same_block:
        return True
    # separate paragraphs 1., 2., 3. in a row: a list when they read as sentences
    rest = this[1]
    return rest.rstrip().endswith((".", ";")) or ":" in rest[:60] or len(rest.split()) > 14


def _set_heading(u: Unit, text: str, number: str | None = None, title: str | None = None) -> None:
    u.kind = "heading"
    if number is None and title is None:
        numbered = _numbered(text) if u.level_hint is None else None
        if numbered:
            number, title = numbered
    u.number = number
    u.title = (title if title is not None else text).strip().strip("*").strip()
    u.part = part_kind(u.title) if number is None or number[0].isalpha() else part_kind(u.title)
    u.priority = is_priority_heading(u.title)


def _assign_queued_numbers(units: list[Unit]) -> None:
    """Bare numbers ("3.1.", "3.2.") wait; the next unnumbered titles take them in order. While
    numbers wait, a title may also hide inside a paragraph (OCR): a sentence of at most two lines
    that starts at a line start, ends at a line end, and has no finite verb."""
    queue: list[str] = []
    out: list[Unit] = []
    for u in units:
        if u.kind == "number":
            queue.append(u.number or "")
            continue
        if u.kind == "heading" and u.number and not u.number[0].isalpha():
            if queue and _depth(u.number) <= _depth(queue[0]):
                queue.clear()
            out.append(u)
            continue
        if queue and u.kind == "heading" and u.number is None and u.part is None:
            u.number = queue.pop(0)
            out.append(u)
            continue
        if queue and u.kind in ("para", "item") and "\n" in u.text:
            pieces = _hidden_titles(u, len(queue))
            for piece in pieces:
                if piece.kind == "heading" and queue:
                    piece.number = queue.pop(0)
                out.append(piece)
            continue
        out.append(u)
    units[:] = out


def _hidden_titles(u: Unit, wanted: int) -> list[Unit]:
    lines = u.text.split("\n")
    longest = max(len(line) for line in lines)
    pieces: list[Unit] = []
    body: list[str] = []
    i = 0
    found = 0
    while i < len(lines):
        line = lines[i]
        starts = line[:1].isupper() and (i == 0 and u.kind != "item" or i > 0 and lines[i - 1].rstrip().endswith((".", ":", "…", ")")))
        if starts and found < wanted:
            for span in (1, 2):
                chunk = " ".join(lines[i:i + span])
                after = lines[i + span] if i + span < len(lines) else ""
                if (
                    (chunk.rstrip().endswith(".") and (span == 2 or len(chunk) < 0.75 * longest)
                     or span == 1 and i == 0 and _title_like(chunk))
                    and after[:1].isupper() and len(chunk.split()) <= 18 and not _FINITE.search(chunk)
                    and chunk.count(",") < 2 and not chunk.rstrip().endswith(("...", "…"))
                    and not _strip_marker(line)[0]
                ):
                    if body:
                        pieces.append(Unit(page=u.page, text="\n".join(body), kind=u.kind, check=u.check, split=True,
                                           font_size=u.font_size, bold=u.bold))
                        body = []
                    heading = Unit(page=u.page, text=chunk, kind="heading", split=True, font_size=u.font_size, bold=u.bold)
                    heading.title = chunk.rstrip(".").strip()
                    pieces.append(heading)
                    found += 1
                    i += span
                    break
            else:
                body.append(line)
                i += 1
            continue
        body.append(line)
        i += 1
    if body:
        pieces.append(Unit(page=u.page, text="\n".join(body), kind=u.kind if not pieces else "para", check=u.check,
                           split=bool(pieces), font_size=u.font_size, bold=u.bold))
    return pieces


def _font_ranks(units: list[Unit], body_size: float | None) -> dict[float, int]:
    """Rank of each heading font size (largest first); bold at body size comes last."""
    if not body_size:
        return {}
    sizes = sorted({round(u.font_size * 2) / 2 for u in units if u.kind == "heading" and u.font_size and u.level_hint is None
                    and not u.ocr and u.font_size >= body_size * 1.12}, reverse=True)
    ranks = {s: r + 1 for r, s in enumerate(sizes)}
    return ranks


def _rank(units: list[Unit], body_size: float | None) -> None:
    """Give every heading a rank (smaller = higher); levels follow from a stack over the ranks."""
    font_rank = _font_ranks(units, body_size)
    typographic = bool(font_rank) or any(u.kind == "heading" and u.bold and u.font_size and not u.ocr for u in units)

    def typo(s: Unit) -> bool:
        return bool(typographic and not s.ocr and s.font_size and body_size and (s.font_size >= body_size * 1.12 or s.bold))

    bold_rank = (max(font_rank.values()) + 1) if font_rank else 1
    numbered_priorities = sum(1 for u in units if u.kind == "heading" and u.number and u.priority and not u.number[0].isalpha()) >= 2
    inner_scheme = False
    current_priority: Unit | None = None
    stack: list[Unit] = []
    for u in units:
        if u.kind != "heading":
            continue
        title = u.title or u.text
        if u.level_hint is not None:
            u.rank = float(u.level_hint)
        elif typo(u):
            size = round(u.font_size * 2) / 2
            u.rank = float(font_rank.get(size, bold_rank))
        elif u.part in ("front", "report", "plan", "back", "general") or (u.part == "annex" and not re.search(r"\d", title)):
            u.rank = 1.0
        elif u.part == "annex":
            u.rank = 1.5
        elif u.number and not u.number[0].isalpha():
            depth = _depth(u.number)
            is_priority = u.priority and priority_code(title) is not None or bool(_WSE_CODE.search(title))
            if depth == 1 and is_priority:
                current_priority = u
                u.rank = 2.0
            else:
                if (
                    depth == 1 and current_priority is not None and current_priority.number
                    and _depth(current_priority.number) == 1 and stack and stack[-1] is current_priority
                ):
                    inner_scheme = True
                u.rank = 2.0 + depth - 1 + (1 if inner_scheme and current_priority is not None else 0)
        elif u.number:  # a., b.: under the nearest numbered heading
            base = next((s.rank for s in reversed(stack) if s.number and not s.number[0].isalpha()), 2.0)
            u.rank = (base or 2.0) + 1
        elif u.priority and not numbered_priorities and (priority_code(title) or _ACTIONS_HEADING.match(title)):
            current_priority = u
            inner_scheme = False
            u.rank = 2.0
        else:
            base = next((s.rank for s in reversed(stack) if s.number or s.part or s.priority or s.level_hint or typo(s)),
                        None)
            if base is None:
                base = 1.0 if stack else 0.0
            u.rank = base + 1
        if u.rank is not None and u.rank <= 1.5:
            current_priority = None
            inner_scheme = False
        starts_content = u.priority or (u.number is not None and _depth(u.number) == 1)
        if starts_content and u.level_hint is None and any(s.part in ("front", "back") for s in stack):
            # "Inleiding" … "1. Netwerking op het grondgebied": the front matter ends where the
            # document's own priorities begin, even without a part heading between them
            u.closes_front = True
            while stack and any(s.part in ("front", "back") for s in stack):
                stack.pop()
        while stack and (stack[-1].rank or 0) >= u.rank:
            stack.pop()
        stack.append(u)


def _sections(units: list[Unit]) -> tuple[list[Section], list[int | None], list[int]]:
    sections: list[Section] = []
    section_units: list[int] = []
    owner: list[int | None] = []
    stack: list[int] = []  # indices into sections
    ranks: list[float] = []
    for i, u in enumerate(units):
        if u.kind == "heading":
            rank = u.rank if u.rank is not None else 9.0
            if u.closes_front:
                while stack and any(units[section_units[s]].part in ("front", "back") for s in stack):
                    stack.pop()
            while stack and ranks[stack[-1]] >= rank:
                stack.pop()
            parent = stack[-1] if stack else None
            level = len(stack) + 1
            sections.append(Section(title=u.title or u.text, level=level, page=u.page, number=u.number or None, parent=parent))
            ranks.append(rank)
            section_units.append(i)
            u.section = len(sections) - 1
            stack.append(u.section)
        owner.append(stack[-1] if stack else None)
    return sections, owner, section_units


def outline(pages: Sequence[Page]) -> Outline:
    """The unit stream and section tree of a document (pure: same pages, same outline)."""
    return _outline_cached(tuple(pages))


@lru_cache(maxsize=8)
def _outline_cached(pages: tuple[Page, ...]) -> Outline:
    body_size = _body_size(pages)
    units = _units(pages)
    _classify(units, body_size)
    _assign_queued_numbers(units)
    _rank(units, body_size)
    sections, owner, section_units = _sections(units)
    return Outline(units=units, sections=sections, owner=owner, section_units=section_units, body_size=body_size)


def build_sections(pages: Sequence[Page]) -> list[Section]:
    """The document's section tree: one Section per heading, in document order, with its level
    (1 = top), page, number ("1.1", "WSE-LR2" for a heading that states a code) and parent."""
    result = []
    for s in outline(pages).sections:
        if s.number is None:
            code = _WSE_CODE.search(s.title)
            if code:
                s = Section(title=s.title, level=s.level, page=s.page, number=f"WSE-LR{code.group(1)}", parent=s.parent)
        result.append(s)
    return result


def section_path(out: Outline, index: int | None) -> list[int]:
    """Indices of the sections from the top down to section `index`."""
    path: list[int] = []
    while index is not None:
        path.append(index)
        index = out.sections[index].parent
    return path[::-1]


__all__ = ["build_sections", "outline", "Outline", "Unit", "section_path", "part_kind", "priority_code",
           "is_priority_heading", "fold"]
