"""Pure text fixers (str -> str), composed by `clean_text` and applied to every block by `clean_pages`.

Each fixer does one repair, is safe to run twice, and keeps line breaks (later stages use them to
find headings and bullets). The docstring examples are Dutch and are run as doctests.

Order matters and is fixed in `clean_text`:

    invisible characters -> ligatures -> "?" ligature marks -> OCR diacritics -> apostrophes
    -> bullets -> hyphenation -> whitespace

Bullets come before hyphenation so that an OCR bullet line ("e Uitwisseling…") is never glued to
a line that ends in a hyphen; whitespace comes last because the others may leave double spaces.

Where a fixer has to choose between readings without a dictionary (join "sociaal-\\ncirculair" or
keep its hyphen? is "o?ce" "office" or "oflce"?) it asks the document's own vocabulary: the words
written elsewhere in the same document on one line. `clean_pages` builds it once per document;
a fixer called on a bare string builds it from that string. No evidence: the conservative choice.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Container, Iterable, Mapping, Sequence

from pipeline.models import BBox, Block, Page

Vocabulary = Mapping[str, int]  # lower-cased word (internal hyphens kept) -> occurrences

_LETTER = r"[^\W\d_]"
_WORD = re.compile(rf"{_LETTER}+(?:[-'’]{_LETTER}+)*")


def build_vocabulary(texts: Iterable[str]) -> Counter[str]:
    """The words of some texts, lower-cased, counted line by line (a word broken over two lines
    is not a word of the vocabulary, so the vocabulary is evidence of how the author writes).

    >>> v = build_vocabulary(["Het sociaal-circulair loket", "sociaal-circulair"])
    >>> v["sociaal-circulair"], v["loket"]
    (2, 1)
    """
    counts: Counter[str] = Counter()
    for text in texts:
        for line in text.split("\n"):
            counts.update(w.lower() for w in _WORD.findall(line))
    return counts


_SPACE_FREE_END = re.compile(r"\S*$")
_SPACE_FREE_START = re.compile(r"\S*")


def _token_around(s: str, start: int, end: int) -> str:
    """The run of non-space characters that holds s[start:end]."""
    return _SPACE_FREE_END.search(s, 0, start).group() + s[start:end] + _SPACE_FREE_START.match(s, end).group()  # type: ignore[union-attr]


# --------------------------------------------------------------------------------------------
# Invisible and look-alike characters

_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\n[ \t]*")


def normalize_invisible(s: str) -> str:
    r"""Non-breaking and other wide spaces become a plain space; zero-width characters go; a soft
    hyphen (a hyphenation point the typesetter may use) goes, and where the line did break there,
    the two halves are joined.

    >>> normalize_invisible("€\u00a016\u00a0500 voor de arbeids\u00ad\nmarkt")
    '€ 16 500 voor de arbeidsmarkt'
    >>> normalize_invisible("wijk\u200bwerken")
    'wijkwerken'
    """
    s = _SOFT_HYPHEN_BREAK.sub("", s)
    s = s.replace("\u00ad", "")
    s = _ZERO_WIDTH.sub("", s)
    return _SPACES.sub(" ", s)


_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\u0132": "IJ", "\u0133": "ij",
})


def replace_ligatures(s: str) -> str:
    """Typographic ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ, and the Dutch ĳ) become their letters.

    >>> replace_ligatures("ﬁnanciële middelen voor de ﬂexibele kinderopvang in ĳzendijke")
    'financiële middelen voor de flexibele kinderopvang in ijzendijke'
    """
    return s.translate(_LIGATURES)


_LIGATURE_CHOICES = ("fi", "fl", "ff", "ffi", "ffl")
_QUESTION_IN_WORD = re.compile(rf"(?<![\w?])({_LETTER}*)\?({_LETTER}+)(?![\w?])")
_URLISH = re.compile(r"[/=&.:@]\S")


def repair_ligature_marks(s: str, vocabulary: Vocabulary | None = None) -> str:
    """A "?" inside a word that stands for a lost ligature (a PDF without a Unicode map for its
    ﬁ/ﬂ/ﬀ/ﬃ glyphs) is replaced, but only on evidence: of the readings with fi, fl, ff, ffi and
    ffl, the one the document itself writes elsewhere (the most frequent when several). A question
    mark ending a sentence, or inside a URL, is never touched; without evidence the "?" stays.

    >>> repair_ligature_marks("Het o?ce van de regisseur. Het office is open.")
    'Het office van de regisseur. Het office is open.'
    >>> repair_ligature_marks("De ?nanciële steun", {"financiële": 3})
    'De financiële steun'
    >>> repair_ligature_marks("Wie doet wat?Niemand. Zie saw.dll?dashboard en o?ce.")
    'Wie doet wat?Niemand. Zie saw.dll?dashboard en o?ce.'
    """
    if "?" not in s:
        return s
    vocab = build_vocabulary([s]) if vocabulary is None else vocabulary

    def fix(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        if not after[0].islower():
            return match.group(0)
        if _URLISH.search(_token_around(s, *match.span())):
            return match.group(0)
        counts = {c: vocab.get(f"{before}{c}{after}".lower(), 0) for c in _LIGATURE_CHOICES}
        best = max(counts, key=lambda c: counts[c])
        return f"{before}{best}{after}" if counts[best] else match.group(0)

    return _QUESTION_IN_WORD.sub(fix, s)


# --------------------------------------------------------------------------------------------
# OCR repairs

_IE_ACUTE = re.compile(r"(?<=[a-z])ié(?=[lnrs])")
_OCR_FRAGMENTS = {"codrdin": "coördin", "codperat": "coöperat"}
_OCR_FRAGMENT = re.compile("|".join(_OCR_FRAGMENTS), re.I)
_DOUBLED_CASE = re.compile(r"\b([a-z])([A-Z])(?=[a-z])")


def repair_ocr_diacritics(s: str) -> str:
    """Three misreadings of Tesseract on Dutch, repaired only where the result is certain:

    - a trema read as an acute after i ("financiéle", "cliént", "initiéren"): Dutch writes "ië"
      there, never "ié" before l, n, r or s; a word with a second é (French "société") is left;
    - ö read as "d" in coördin-/coöperat- ("codrdinatie"): "codr"/"codp" is no Dutch spelling;
    - a doubled first letter in two cases ("zZichzelf").

    Anything else that looks broken (a lost letter, "=zullen") stays: guessing would invent text.

    >>> repair_ocr_diacritics("de financiéle codrdinatie door de cliént op zZichzelf")
    'de financiële coördinatie door de cliënt op zichzelf'
    >>> repair_ocr_diacritics("Société Générale, privé, café")
    'Société Générale, privé, café'
    """

    def trema(match: re.Match[str]) -> str:
        return match.group(0) if _token_around(s, *match.span()).count("é") > 1 else "ië"

    s = _IE_ACUTE.sub(trema, s)

    def fragment(match: re.Match[str]) -> str:
        fixed = _OCR_FRAGMENTS[match.group(0).lower()]
        return fixed[0].upper() + fixed[1:] if match.group(0)[0].isupper() else fixed

    s = _OCR_FRAGMENT.sub(fragment, s)
    return _DOUBLED_CASE.sub(lambda m: m.group(1) if m.group(1).upper() == m.group(2) else m.group(0), s)


_APOSTROPHES = re.compile(r"(?<=\w)(?:['’‘`´]{1,2})(?=\w)")


def normalize_apostrophes(s: str) -> str:
    """An apostrophe between letters becomes "'", and a doubled one (OCR) becomes one.

    >>> normalize_apostrophes("de OCMW'’s en thema’s")
    "de OCMW's en thema's"
    """
    return _APOSTROPHES.sub("'", s)


# --------------------------------------------------------------------------------------------
# Bullets

_CHECK = "✓"
_BULLET = "•"
_CHECK_MARKS = "✓✔☑\uf0fc\uf0fe"  # the last two: Wingdings check marks (private-use code points)
_GLYPH_MARKERS = "•●▪■◦‣∙⁃▸►➢➤·¢\ue000-\uf8ff"  # bullets at a line start, even without a space
_DASH_MARKERS = r"[-–—*]"  # bullets only when a space follows
_PAGE_NUMBER_LINE = re.compile(r"^[ \t]*[-–—][ \t]*\d+[ \t]*[-–—][ \t]*$")
_MARKER = re.compile(
    rf"^[ \t]*(?:(?P<check>[{_CHECK_MARKS}])[ \t]*|[{_GLYPH_MARKERS}][ \t]*|{_DASH_MARKERS}[ \t]+)"
)
_LONE_MARKER = re.compile(rf"^[ \t]*[{_CHECK_MARKS}{_GLYPH_MARKERS}][ \t]*$")
_LETTER_MARKER = re.compile(r"^[ \t]*([eo])[ \t]+(?=\S)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_HSPACE = re.compile(r"[ \t]+")


def normalize_bullets(s: str) -> str:
    r"""List markers at the start of a line become "• " (check marks "✓ ", which checklists need):
    •●▪■◦‣, "¢" (OCR), "-", "–", "*" followed by a space, and private-use font glyphs ().
    "e " and "o " (Tesseract's reading of • and ◦) count only where the line looks like a list:
    the next word is capitalised, or two lines or more start with the same letter marker.
    A nested marker ("- ✓ ") keeps the innermost; a marker alone on its line is joined to the
    next line. A page number "- 3 -" is not a bullet.
    Private-use glyphs elsewhere in a line are dropped.

    >>> normalize_bullets("e Uitwisseling tussen aanbod\no een snelle matching\no het zoeken naar hiaten")
    '• Uitwisseling tussen aanbod\n• een snelle matching\n• het zoeken naar hiaten'
    >>> normalize_bullets("¢ Alle gemeenten\n- ✓ Project Foodsavers\n\uf0b7Netwerkmoment\n- 3 -")
    '• Alle gemeenten\n✓ Project Foodsavers\n• Netwerkmoment\n- 3 -'
    >>> normalize_bullets("de lijst van a tot z, met e\ne en o als letters")
    'de lijst van a tot z, met e\ne en o als letters'
    """
    lines = s.split("\n")
    letter_counts = Counter(m.group(1) for line in lines if (m := _LETTER_MARKER.match(line)))
    out: list[str] = []
    for line in (_drop_private_use(_bullet_line(line, letter_counts)) for line in lines):
        if out and out[-1] in (_BULLET, _CHECK) and line.strip():  # a glyph on a line of its own
            out[-1] = line if line.startswith((_BULLET, _CHECK)) else f"{out[-1]} {line.lstrip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _bullet_line(line: str, letter_counts: Mapping[str, int]) -> str:
    if _PAGE_NUMBER_LINE.match(line):
        return line
    if _LONE_MARKER.match(line):  # a glyph alone on its line: glued to the next line (or block)
        return _CHECK if line.strip() in _CHECK_MARKS else _BULLET
    marker = None
    rest = line
    while (match := _MARKER.match(rest)) and rest[match.end():].strip():
        # nested markers ("- ✓ ", "• • "): strip them all, the innermost decides the kind
        marker = _CHECK if match.group("check") else _BULLET
        rest = rest[match.end():]
    if marker is None:
        letter = _LETTER_MARKER.match(line)
        if letter and (line[letter.end()].isupper() or letter_counts[letter.group(1)] >= 2):
            marker, rest = _BULLET, line[letter.end():]
    return f"{marker} {rest.lstrip()}" if marker else line


def _drop_private_use(line: str) -> str:
    return _HSPACE.sub(" ", _PRIVATE_USE.sub(" ", line)).rstrip() if _PRIVATE_USE.search(line) else line


# --------------------------------------------------------------------------------------------
# Hyphenation

_BREAK = re.compile(r"(\w+(?:-\w+)*)-[ \t]*\n[ \t]*(\w)(?=(\w*))")
_SUSPENDED_NEXT = {"en", "of", "tot", "noch"}
_HYPHEN_PREFIXES = {"niet", "ex", "oud", "vice", "adjunct", "anti", "non", "semi"}
_DIGRAPHS = {"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ij", "oe", "oi", "oo", "ou", "ui", "uu"}
_TREMA = str.maketrans("aeiou", "äëïöü")


def repair_hyphenation(s: str, vocabulary: Vocabulary | None = None) -> str:
    """A word broken over two lines with a hyphen is joined ("arbeids-\\nmarkt" -> "arbeidsmarkt").
    The hyphen is a real one, and stays (the line break goes), when
    the next part is capitalised or a number ("Zuid-West-\\nVlaanderen"), the first part is an
    acronym, a number or one letter ("OCMW-\\ntrajectbegeleiders", "e-\\nmail"), a prefix Dutch
    always hyphenates ("niet-\\nactieven"), the joint would put two vowels together that read as
    one ("re-\\nintegratie", "sociale-\\neconomie"), or the document itself writes the word with
    its hyphen. Where the document writes the word whole, or with a trema at the joint (a Dutch
    break at a trema drops it: "financi-\\nele" for "financiële"), that form wins.
    A suspended hyphen before "en"/"of"/"tot" stays with its space
    ("vracht-\\nen verzendkosten" -> "vracht- en verzendkosten").

    >>> repair_hyphenation("de arbeids-\\nmarkt en de OCMW-\\ntrajectbegeleiders")
    'de arbeidsmarkt en de OCMW-trajectbegeleiders'
    >>> repair_hyphenation("vracht-\\nen verzendkosten; werkgroep re-\\nintegratie")
    'vracht- en verzendkosten; werkgroep re-integratie'
    >>> repair_hyphenation("het sociaal-circulair loket en het sociaal-\\ncirculair atelier")
    'het sociaal-circulair loket en het sociaal-circulair atelier'
    """
    if "-" not in s:
        return s
    vocab = build_vocabulary([s]) if vocabulary is None else vocabulary

    def fix(match: re.Match[str]) -> str:
        first, initial, rest = match.groups()
        return first + _joint(first, initial + rest, vocab)

    return _BREAK.sub(fix, s)


def _joint(first: str, second: str, vocab: Vocabulary) -> str:
    """The joint and the first letter of `second`: "m" (joined), "-m" (real hyphen), "- e"
    (suspended hyphen) or "ë" (joined with the trema the break had dropped)."""
    last, initial = first.rsplit("-", 1)[-1], second[0]
    if second.lower() in _SUSPENDED_NEXT:
        return "- " + initial
    if (
        not initial.isalpha() or initial.isupper()
        or not last[-1].isalpha() or any(c.isdigit() for c in last)
        or len(last) == 1 or last.isupper() or last.lower() in _HYPHEN_PREFIXES
    ):
        return "-" + initial
    accented = initial.translate(_TREMA)
    readings = {initial: f"{first}{second}", "-" + initial: f"{first}-{second}"}
    if accented != initial:
        readings[accented] = f"{first}{accented}{second[1:]}"
    seen = {joint: vocab.get(word.lower(), 0) for joint, word in readings.items()}
    best = max(seen, key=lambda joint: seen[joint])
    if seen[best]:
        return best
    if (last[-1] + initial).lower() in _DIGRAPHS:
        return "-" + initial
    return initial


# --------------------------------------------------------------------------------------------
# Whitespace

_MANY_BREAKS = re.compile(r"\n{3,}")


def normalize_whitespace(s: str) -> str:
    """Within a line, runs of spaces and tabs become one space, and lines are trimmed; line breaks
    stay (at most one blank line in a row); CR and form feeds become line breaks.

    >>> normalize_whitespace("  Netwerking\\top het   grondgebied \\r\\n\\n\\n\\nCommentaar:  ok ")
    'Netwerking op het grondgebied\\n\\nCommentaar: ok'
    """
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    s = "\n".join(_HSPACE.sub(" ", line).strip() for line in s.split("\n"))
    return _MANY_BREAKS.sub("\n\n", s).strip("\n")


# --------------------------------------------------------------------------------------------
# Composition


def clean_text(s: str, vocabulary: Vocabulary | None = None) -> str:
    """Every fixer, in order. `vocabulary`: the document's words (see `build_vocabulary`); without
    it, the words of `s` itself.

    >>> clean_text("  \uf0b7 De ﬁnanciële  codrdinatie van de arbeids-\\nmarkt\u00a0in 2022 ")
    '• De financiële coördinatie van de arbeidsmarkt in 2022'
    """
    s = replace_ligatures(normalize_invisible(s))
    vocab = build_vocabulary([s]) if vocabulary is None else vocabulary
    s = repair_ligature_marks(s, vocab)
    s = normalize_apostrophes(repair_ocr_diacritics(s))
    s = normalize_bullets(s)
    s = repair_hyphenation(s, vocab)
    return normalize_whitespace(s)


def clean_pages(pages: Sequence[Page]) -> list[Page]:
    """The pages of one document with every block, table cell, header and footer cleaned.

    The vocabulary for the choices fixers make is the whole document's. A block that is empty
    after cleaning goes; a block that holds only a bullet glyph is glued to the block after it;
    a "text" block that starts with a bullet becomes a "list_item". Table anchors follow.
    """
    vocabulary = build_vocabulary(
        replace_ligatures(normalize_invisible(text)) for page in pages for text in _page_texts(page)
    )

    def fix(text: str | None) -> str | None:
        return None if text is None else (clean_text(text, vocabulary) or None)

    cleaned = []
    for page in pages:
        blocks, before = _clean_blocks(page.blocks, vocabulary, {t.anchor for t in page.tables})
        tables = tuple(
            replace(t, rows=tuple(tuple(clean_text(c, vocabulary) for c in row) for row in t.rows),
                    anchor=before[min(t.anchor, len(before) - 1)])
            for t in page.tables
        )
        cleaned.append(replace(page, blocks=blocks, tables=tables, header=fix(page.header), footer=fix(page.footer)))
    return cleaned


def _page_texts(page: Page) -> Iterable[str]:
    yield from (b.text for b in page.blocks)
    yield from (cell for t in page.tables for row in t.rows for cell in row)


_ENDS_IN_BREAK = re.compile(r"\w-[ \t]*$")
_STARTS_LOWER = re.compile(r"^[ \t]*[a-zà-ÿ]")


def _clean_blocks(
    blocks: Sequence[Block], vocabulary: Vocabulary, anchors: Container[int] = ()
) -> tuple[tuple[Block, ...], list[int]]:
    """Cleaned blocks, and for each old position i the number of new blocks made from blocks[:i]
    (so that a table anchored after old block i is anchored after the same text).

    A block that ends in a hyphenated word half and a block that goes on in lower case are one
    paragraph a reader split at a blank line (as text extracted from PDF tables often is): they
    are merged first, so that the hyphenation repair sees the word, unless a table or a heading
    stands between them.
    """
    merged: list[tuple[Block, int]] = []  # (block, how many old blocks it holds)
    for i, block in enumerate(blocks):
        if merged:
            previous, count = merged[-1]
            if (
                i not in anchors and "heading" not in (previous.kind, block.kind)
                and _ENDS_IN_BREAK.search(previous.text) and _STARTS_LOWER.match(block.text)
            ):
                merged[-1] = (replace(previous, text=f"{previous.text}\n{block.text}", bbox=_union(previous.bbox, block.bbox)), count + 1)
                continue
        merged.append((block, 1))
    out: list[Block] = []
    before = [0]
    pending_marker: str | None = None
    for block, count in merged:
        text = clean_text(block.text, vocabulary)
        if text in (_BULLET, _CHECK):
            pending_marker = text
        elif text:
            if pending_marker:
                text = f"{pending_marker} {text}" if not text.startswith((_BULLET, _CHECK)) else text
                pending_marker = None
            kind = "list_item" if block.kind == "text" and text.startswith((f"{_BULLET} ", f"{_CHECK} ")) else block.kind
            out.append(replace(block, text=text, kind=kind))
        before.extend([len(out)] * count)  # no table is anchored inside a merged group
    return tuple(out), before


def _union(a: BBox | None, b: BBox | None) -> BBox | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


__all__ = [
    "build_vocabulary", "normalize_invisible", "replace_ligatures", "repair_ligature_marks",
    "repair_ocr_diacritics", "normalize_apostrophes", "normalize_bullets", "repair_hyphenation",
    "normalize_whitespace", "clean_text", "clean_pages",
]
