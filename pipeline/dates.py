"""Dutch dates, months, years and periods in running text, normalised to ISO 8601.

Rule-based on purpose: general date parsers miss Dutch quarters, seasons, "eind 2023" and
"schooljaar 2022-2023", and they over-specify "in 2023" (a day in 2023). Here a value is never
more precise than its text:

    12/05/2021, 12 mei 2021          -> 2021-05-12
    september 2021, midden sept 2021 -> 2021-09
    in 2023                          -> 2023
    2020-2025, van 2020 tot 2025     -> 2020/2025
    19-20/05/2021                    -> 2021-05-19/2021-05-20
    van 07/06/2021 tot en met 11/06/2021 -> 2021-06-07/2021-06-11

Vague parts of a year are intervals of months (a documented convention, not a guess):

    Q1 2024, eerste kwartaal 2024    -> 2024-01/2024-03   (Q2 04/06, Q3 07/09, Q4 10/12)
    eerste semester / jaarhelft 2022 -> 2022-01/2022-06   (tweede: 2022-07/2022-12)
    voorjaar, lente 2022             -> 2022-03/2022-05
    zomer 2022                       -> 2022-06/2022-08
    najaar, herfst 2022              -> 2022-09/2022-11
    winter 2022                      -> 2022-12/2023-02   (the winter that starts in 2022)
    schooljaar 2022-2023             -> 2022-09/2023-06
    academiejaar, werkjaar 2022-2023 -> 2022-09/2023-09

A qualifier never adds precision: "begin 2021", "eind 2023", "voor 2021" are the year (2021,
2023), "midden november 2019" is the month (2019-11); the qualifier stays in the text.

A date written without its year ("12 mei", "september", "in het najaar") takes the last year
written before it in the same sentence, else the working year passed in (the action's year, or
the document's first year). Without either, the value has no year: `--05-12`, `--09`.

Never a date: "ESF 510", "ESF-oproep 2020", "artikel 60§7", section numbers (1.1, 2.2),
amounts (€ 2 025, 2000 euro), page numbers (p. 12), phone numbers (02/123 45 67), postcodes
("2000 Antwerpen"), "24/7", times (14u, 14:00).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

__all__ = ["DateMatch", "find_dates", "normalise_date", "phone_spans"]


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its span, the words as written and the ISO value."""

    start: int
    end: int
    text: str
    value: str


MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "maa": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}
FULL_MONTHS = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# A month name: full names anywhere (lower case, or capitalised), abbreviations only next to a
# day or a year (`_month_ok`), so "Jan Peeters" is no date.
MONTH = rf"(?P<month>(?i:{_MONTH_ALT}))\.?"
WEEKDAY = r"(?:(?i:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+)"
YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
DAY = r"(?:[0-2]?\d|3[01])"
ORD = r"(?:ste|de|e)?"
SEASONS = {
    "voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "herfst": (9, 11),
    "winter": (12, 2), "zomervakantie": (7, 8),
}
QUARTER_WORDS = {"eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": 4}
HALF_YEAR = {"eerste helft van": (1, 6), "tweede helft van": (7, 12)}

# Words before a number that make it a code, never a year or a date.
_CODE_BEFORE = re.compile(
    r"(?i:\b(?:esf|oproep|esf-oproep|artikel|art|nr|nummer|p|pag|pagina|blz|tel|telefoon|gsm|fax|postcode|bus|sdg|iso|tabel|figuur|bijlage|annex|versie|kb|fase|stap|prioriteit|doelstelling|actie|punt|hoofdstuk|code|rekening|rek|project|contingent|oproepnummer|dossier|dossiernummer))[\s.:°#-]*$"
)
_UNIT_AFTER = re.compile(r"^\s*(?:€|euro\b|eur\b|vte\b|fte\b|%|procent\b|uur\b|uren\b|deelnemers\b|personen\b|mensen\b|werkzoekenden\b|m²|m2\b|km\b|kg\b|ton\b)", re.I)

_PHONE = re.compile(
    r"(?<![\d/.])(?:\+32\s?\(?0?\)?\s?|0032\s?|\b0)(?:\d[\s./-]?){7,9}\d(?![\d])"
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Belgian phone numbers (02/123 45 67, 0475 12 34 56, +32 15 28 12 12).

    >>> phone_spans("Bel 015 28 12 12 of 0475/12.34.56")
    [(4, 16), (20, 33)]
    """
    spans = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if m.group().startswith(("+", "00")) or (digits.startswith("0") and len(digits) in (9, 10)):
            # 12/05/2021 has 8 digits and no leading 0-area form; a date is never a phone number.
            if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", m.group().strip()):
                continue
            spans.append((m.start(), m.end()))
    return spans


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str  # day | month | year | period
    # value parts: (year, month, day) for points; explicit value for periods
    year: int | None = None
    month: int | None = None
    day: int | None = None
    value: str | None = None  # fixed value (periods with their years)
    relative: tuple[str, int, int] | None = None  # ("months", m1, m2) a period without its year
    year_span: int = 0  # for "winter": the end month is in the next year
    pair: tuple["_Hit", "_Hit"] | None = None  # a period of two points that still need a year


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    y = f"{year:04d}" if year is not None else "-"
    if month is None:
        return y
    if day is None:
        return f"{y}-{month:02d}"
    return f"{y}-{month:02d}-{day:02d}"


def _valid(year: int | None, month: int, day: int | None = None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    if not 1 <= day <= 31:
        return False
    if month in (4, 6, 9, 11) and day > 30:
        return False
    if month == 2 and day > 29:
        return False
    return True


def _year2(text: str) -> int:
    value = int(text)
    return value if value >= 100 else 2000 + value


_NOT_BEFORE_NUM = r"(?<![\w./§€-])"
_NOT_AFTER_NUM = r"(?![\w]|[./-]\d|,\d)"

# The patterns, most specific first. Each returns hits; overlaps are resolved longest-first.
_P_NUM_RANGE = re.compile(
    rf"{_NOT_BEFORE_NUM}(?P<d1>{DAY})\s*(?:-|–|en|t/m|tot(?:\s+en\s+met)?)\s*(?P<d2>{DAY})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}}){_NOT_AFTER_NUM}"
)
_P_NUM = re.compile(rf"{_NOT_BEFORE_NUM}(?P<d>{DAY})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}}){_NOT_AFTER_NUM}")
# "12/05" without a year only after a word that announces a date, or opening a line or a comment.
_P_NUM_NOYEAR = re.compile(
    rf"(?:(?i:\b(?:op|vanaf|van|tot|tem|t\.e\.m\.|t/m|en|dd\.?|datum:?|tussen)\s+)|(?:^|\n|:)[ \t]*){WEEKDAY}?(?P<d>{DAY})/(?P<m>\d{{1,2}})(?![\w/]|[.,-]?\d)"
)
_P_TEXT_RANGE = re.compile(
    rf"{_NOT_BEFORE_NUM}(?P<d1>{DAY}){ORD}\s*(?:-|–|tot(?:\s+en\s+met)?|t\.e\.m\.|t/m|en)\s*(?P<d2>{DAY}){ORD}\s+{MONTH}(?:\s+(?P<y>{YEAR}))?(?![\w])"
)
_P_TEXT = re.compile(rf"{_NOT_BEFORE_NUM}(?P<d>{DAY}){ORD}\s+{MONTH}(?:\s+(?P<y>{YEAR}))?(?![\w])")
_P_MONTH_RANGE = re.compile(
    rf"(?:\b(?i:van|vanaf)\s+)?\b(?P<m1>(?i:{_MONTH_ALT}))\.?(?:\s+(?P<y1>{YEAR}))?\s*(?:-|–|tot(?:\s+en\s+met)?|t\.e\.m\.|t/m)\s*(?P<m2>(?i:{_MONTH_ALT}))\.?(?:\s+(?P<y2>{YEAR}))?(?![\w])"
)
_P_MONTH = re.compile(
    rf"(?:(?P<qual>(?i:begin|start|midden|medio|half|eind|einde|eind-|eerste helft van|tweede helft van))\s*)?\b{MONTH}(?:\s+(?P<y>{YEAR}))?(?![\w])"
)
_P_SCHOOLYEAR = re.compile(rf"(?P<kind>(?i:schooljaar|academiejaar|werkjaar))\s+(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d)")
_P_QUARTER = re.compile(
    rf"(?:\b(?P<q>[QK])(?P<qn>[1-4])(?:\s*[-/]?\s*(?P<y>{YEAR}))?\b|\b(?P<y0>{YEAR})\s*[-/]?\s*Q(?P<qn0>[1-4])\b"
    rf"|\b(?P<qw>(?i:eerste|tweede|derde|vierde|laatste|1e|2e|3e|4e|1ste|2de|3de|4de))\s+(?i:kwartaal|trimester)(?:\s+(?:van\s+)?(?P<y2>{YEAR}))?(?![\w]))"
)
_P_SEMESTER = re.compile(
    rf"\b(?P<w>(?i:eerste|tweede|1e|2e|1ste|2de))\s+(?i:semester|jaarhelft)(?:\s+(?:van\s+)?(?P<y>{YEAR}))?(?![\w])"
)
_P_SEASON = re.compile(
    rf"\b(?P<s>(?i:voorjaar|lente|zomer|najaar|herfst|winter|zomervakantie))(?:\s+(?:van\s+)?(?P<y>{YEAR}))?(?![\w])"
)
_P_PART_YEAR = re.compile(
    rf"\b(?P<p>(?i:begin|start|midden|medio|half|eind|einde|eind-|eerste helft van|tweede helft van))\s*(?P<y>{YEAR})(?![\w]|[./,-]\d)"
)
_P_YEAR_RANGE = re.compile(
    rf"(?<![\w./§€-])(?P<y1>{YEAR})\s*(?:-|–|—|/|t\.e\.m\.|t/m|tot(?:\s+en\s+met)?)\s*(?P<y2>{YEAR}|\d{{2}})(?![\w]|[./,-]\d)"
)
_P_YEAR = re.compile(rf"(?<![\w./§€,-])(?P<y>{YEAR})(?![\w%€]|[.,]\d|[/-]\d)")

# Joining two dates into one period: "van X tot en met Y", "X - Y", "tussen X en Y".
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|tot en met|tot|t\.e\.m\.|tem|t/m)\s*$", re.I)
_RANGE_JOIN_BETWEEN = re.compile(r"^\s*en\s*$", re.I)
_RANGE_OPEN = re.compile(r"(?i:\b(?:van|vanaf)\s*)$")
_RANGE_OPEN_BETWEEN = re.compile(r"(?i:\btussen\s*)$")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(•\-])|\n\s*\n|\n\s*[•\-–*]")


def _postcode(text: str, start: int, end: int) -> bool:
    """"Stationsstraat 12, 2800 Mechelen" or a line "2000 Antwerpen": a postcode, not a year."""
    if not re.match(r"\s+[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*\s*(?:[,\n)]|$)", text[end : end + 40]):
        return False
    before = text[max(0, start - 40) : start]
    return bool(re.search(r"(?i:(?:straat|laan|plein|weg|lei|steenweg|dreef|kaai|markt|bus)\s*\d*\w?,?\s*)$|(?:^|\n)\s*$", before))


def _code_before(text: str, start: int) -> bool:
    return bool(_CODE_BEFORE.search(text[max(0, start - 25) : start]))


def _month_ok(match: re.Match[str], text: str, has_day: bool, has_year: bool) -> bool:
    """Full month names stand alone; abbreviations need a day or a year beside them."""
    word = match.group("month")
    if word.lower() not in FULL_MONTHS and not (has_day or has_year):
        return False
    if word[0].isupper() and not has_day and not has_year:
        # A capitalised month alone mid-sentence is more often a name ("Mei", "Augustus").
        before = text[max(0, match.start("month") - 3) : match.start("month")]
        if before.strip() and not re.search(r"[.:!?(\n]\s*$", before):
            return False
    return True


def _hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    add = hits.append
    for m in _P_NUM_RANGE.finditer(text):
        y = _year2(m.group("y"))
        d1, d2, mo = int(m.group("d1")), int(m.group("d2")), int(m.group("m"))
        if d1 < d2 and _valid(y, mo, d1) and _valid(y, mo, d2) and not _code_before(text, m.start()):
            add(_Hit(m.start(), m.end(), "period", value=f"{_iso(y, mo, d1)}/{_iso(y, mo, d2)}"))
    for m in _P_NUM.finditer(text):
        raw_y = m.group("y")
        if len(raw_y) == 2 and m.group("sep") == ".":
            continue  # 12.05.21 is as often a version or a phone fragment
        y, mo, d = _year2(raw_y), int(m.group("m")), int(m.group("d"))
        if _valid(y, mo, d) and 1950 <= y <= 2049 and not _code_before(text, m.start()):
            add(_Hit(m.start(), m.end(), "day", year=y, month=mo, day=d))
    for m in _P_NUM_NOYEAR.finditer(text):
        mo, d = int(m.group("m")), int(m.group("d"))
        if _valid(None, mo, d) and (d, mo) != (24, 7):  # "24/7" is round the clock
            add(_Hit(m.start("d"), m.end(), "day", month=mo, day=d))
    for m in _P_TEXT_RANGE.finditer(text):
        if not _month_ok(m, text, True, bool(m.group("y"))):
            continue
        d1, d2, mo = int(m.group("d1")), int(m.group("d2")), MONTHS[m.group("month").lower()]
        joiner = text[m.end("d1") : m.start("d2")]
        if re.search(r"\ben\b", joiner) and d2 != d1 + 1:
            continue  # "3 en 10 mei" are two dates, not a period
        if d1 < d2 and _valid(None, mo, d2):
            y = int(m.group("y")) if m.group("y") else None
            add(_Hit(m.start(), m.end(), "period", year=y, month=mo, day=d1, relative=("days", d1, d2)))
    for m in _P_TEXT.finditer(text):
        if not _month_ok(m, text, True, bool(m.group("y"))):
            continue
        mo, d = MONTHS[m.group("month").lower()], int(m.group("d"))
        if _valid(None, mo, d) and not _code_before(text, m.start()):
            y = int(m.group("y")) if m.group("y") else None
            add(_Hit(m.start(), m.end(), "day", year=y, month=mo, day=d))
    for m in _P_MONTH_RANGE.finditer(text):
        m1, m2 = MONTHS[m.group("m1").lower()], MONTHS[m.group("m2").lower()]
        y1 = int(m.group("y1")) if m.group("y1") else None
        y2 = int(m.group("y2")) if m.group("y2") else None
        if not (y1 or y2) and (m.group("m1").lower() not in FULL_MONTHS or m.group("m2").lower() not in FULL_MONTHS):
            continue
        if y1 and y2:
            add(_Hit(m.start(), m.end(), "period", value=f"{_iso(y1, m1)}/{_iso(y2, m2)}"))
        elif m1 < m2:
            add(_Hit(m.start(), m.end(), "period", year=y2 or y1, relative=("months", m1, m2)))
    for m in _P_MONTH.finditer(text):
        has_year = bool(m.group("y"))
        if not _month_ok(m, text, False, has_year):
            continue
        mo = MONTHS[m.group("month").lower()]
        y = int(m.group("y")) if has_year else None
        add(_Hit(m.start(), m.end(), "month", year=y, month=mo))
    for m in _P_SCHOOLYEAR.finditer(text):
        y1, raw = int(m.group("y1")), m.group("y2")
        y2 = (y1 // 100) * 100 + int(raw) if len(raw) == 2 else int(raw)  # "2022-23"
        if y2 == y1 + 1:
            end = 6 if m.group("kind").lower() == "schooljaar" else 9
            add(_Hit(m.start(), m.end(), "period", value=f"{_iso(y1, 9)}/{_iso(y2, end)}"))
    for m in _P_QUARTER.finditer(text):
        if m.group("qn"):
            q, y = int(m.group("qn")), m.group("y")
        elif m.group("qn0"):
            q, y = int(m.group("qn0")), m.group("y0")
        else:
            q, y = QUARTER_WORDS[m.group("qw").lower()], m.group("y2")
        if m.group("q") and not y and m.group("q") == "K":
            continue  # "K1" alone is as often a room or a code
        add(_Hit(m.start(), m.end(), "period", year=int(y) if y else None, relative=("months", 3 * q - 2, 3 * q)))
    for m in _P_SEMESTER.finditer(text):
        half = 1 if m.group("w").lower() in ("eerste", "1e", "1ste") else 2
        y = int(m.group("y")) if m.group("y") else None
        add(_Hit(m.start(), m.end(), "period", year=y, relative=("months", 1, 6) if half == 1 else ("months", 7, 12)))
    for m in _P_SEASON.finditer(text):
        m1, m2 = SEASONS[m.group("s").lower()]
        y = int(m.group("y")) if m.group("y") else None
        add(_Hit(m.start(), m.end(), "period", year=y, relative=("months", m1, m2), year_span=1 if m2 < m1 else 0))
    for m in _P_PART_YEAR.finditer(text):
        half = HALF_YEAR.get(re.sub(r"\s+", " ", m.group("p").lower()))
        y = int(m.group("y"))
        value = f"{_iso(y, half[0])}/{_iso(y, half[1])}" if half else _iso(y)
        add(_Hit(m.start(), m.end(), "period", value=value))
    for m in _P_YEAR_RANGE.finditer(text):
        y1 = int(m.group("y1"))
        raw = m.group("y2")
        y2 = (y1 // 100) * 100 + int(raw) if len(raw) == 2 else int(raw)
        if y1 < y2 <= y1 + 20 and not _code_before(text, m.start()) and not _UNIT_AFTER.match(text[m.end() :]):
            add(_Hit(m.start(), m.end(), "period", value=f"{y1}/{y2}"))
    for m in _P_YEAR.finditer(text):
        if _code_before(text, m.start()) or _UNIT_AFTER.match(text[m.end() :]):
            continue
        if _postcode(text, m.start(), m.end()):
            continue
        add(_Hit(m.start(), m.end(), "year", year=int(m.group("y"))))
    return hits


def _resolve(hits: Iterable[_Hit]) -> list[_Hit]:
    """Longest hits win; the rest that overlap them go."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _value(hit: _Hit, year: int | None) -> str:
    """The ISO value of a hit, with `year` for what its text leaves open."""
    if hit.value is not None:
        return hit.value
    if hit.pair is not None:
        return f"{_value(hit.pair[0], year)}/{_value(hit.pair[1], year)}"
    y = hit.year if hit.year is not None else year
    if hit.relative is not None:
        unit, a, b = hit.relative
        if unit == "days":
            return f"{_iso(y, hit.month, a)}/{_iso(y, hit.month, b)}"
        end_year = None if y is None else y + hit.year_span
        return f"{_iso(y, a)}/{_iso(end_year, b)}"
    if hit.kind == "year":
        return _iso(y)
    return _iso(y, hit.month, hit.day)


def _explicit_year(hit: _Hit) -> int | None:
    if hit.year is not None:
        return hit.year
    if hit.value:
        return int(hit.value.split("/")[-1][:4]) if hit.value[:1].isdigit() else None
    return None


def find_dates(text: str, year: int | None = None) -> list[DateMatch]:
    """Every date, month, year and period in `text`, in order, with its ISO value.

    `year` is the working year that completes dates written without one ("12 mei").

    >>> [d.value for d in find_dates("Op 12/05/2021 en in het najaar 2022, tegen eind 2023.")]
    ['2021-05-12', '2022-09/2022-11', '2023']
    >>> [d.value for d in find_dates("De screening was op 12 mei.", year=2021)]
    ['2021-05-12']
    >>> find_dates("ESF 510 en artikel 60§7, zie 1.1 en p. 12, tel. 02/123 45 67")
    []
    """
    blocked = phone_spans(text)
    hits = [h for h in _hits(text) if not any(h.start < e and s < h.end for s, e in blocked)]
    hits = _resolve(hits)
    hits = _join_ranges(text, hits)
    starts = _sentence_starts(text)
    out: list[DateMatch] = []
    last_year: int | None = None
    sentence = 0
    for hit in hits:
        while sentence + 1 < len(starts) and starts[sentence + 1] <= hit.start:
            sentence += 1
            last_year = None
        context = last_year if last_year is not None else year
        value = _value(hit, context)
        out.append(DateMatch(hit.start, hit.end, text[hit.start : hit.end], value))
        explicit = _explicit_year(hit)
        if explicit is not None:
            last_year = explicit
    return out


def _join_ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    """`van X tot en met Y`, `X - Y`, `tussen X en Y`: one period from two points."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        if i + 1 < len(hits) and a.kind in ("day", "month", "year") and hits[i + 1].kind == a.kind:
            b = hits[i + 1]
            between = text[a.end : b.start]
            before = text[max(0, a.start - 12) : a.start]
            opened = _RANGE_OPEN.search(before)
            between_open = _RANGE_OPEN_BETWEEN.search(before)
            if _RANGE_JOIN.match(between) or (between_open and _RANGE_JOIN_BETWEEN.match(between)):
                start = a.start
                if opened or between_open:
                    start = a.start - len((opened or between_open).group())  # type: ignore[union-attr]
                # The first date borrows the year of the second ("7 tot 11 juni 2021").
                ay = a.year if a.year is not None else b.year
                first = _Hit(a.start, a.end, a.kind, year=ay, month=a.month, day=a.day)
                if b.year is None and ay is not None:
                    b = _Hit(b.start, b.end, b.kind, year=ay, month=b.month, day=b.day)
                if first.year is not None and b.year is not None:
                    value = f"{_value(first, None)}/{_value(b, None)}"
                    out.append(_Hit(start, b.end, "period", value=value))
                    i += 2
                    continue
                out.append(_Hit(start, b.end, "period", pair=(first, b)))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def normalise_date(text: str, year: int | None = None) -> str | None:
    """The ISO value of a text that is one date ("12 mei 2021" -> "2021-05-12"), else None."""
    found = find_dates(text, year)
    return found[0].value if len(found) == 1 else None
