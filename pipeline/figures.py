"""Numbers in Dutch running text, with their unit and what they count.

    44%                      -> 44, "%"
    €16 500, 16.500 euro     -> 16500, "EUR"
    10.50 VTE, 10,5 VTE      -> 10.5, "VTE"
    66 ingeschreven          -> 66, "persons", counts "ingeschreven"
    6 sociale-economiebedrijven -> 6, "organisations", counts "sociale-economiebedrijven"
    een 30-tal aanwezigen    -> 30, "persons", counts "aanwezigen"
    ongeveer 40 deelnemers   -> 40, "persons"
    drie keer, vijf maal, 2 x -> 3 / 5 / 2, "times"

A thousands separator is a dot followed by exactly three digits (1.522) or a space between
digit groups (16 500); a decimal is a comma (10,5), or a dot before a unit (10.50 VTE). A
bare "2.2" is a section number, not a figure.

Units: `%`, `EUR`, `VTE`, `hours`, `days`, `times`, `persons`, `organisations`, `other`.
`counts` is the noun phrase after the number, as written ("geselecteerde kandidaten").

Never a figure: years and dates (`dates.find_dates` spans are passed in), section and list
numbers (1.1, "1." or "2)" at a line start, "(1)"), article numbers (artikel 60§7, art. 60),
codes (ESF 510, WSE-LR2, W13, NT2), references (Tabel 8, Fase 1, p. 12), phone numbers,
times of day (om 14u, 14:00), ordinals (3de editie), and a number that neither has a unit nor
counts anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

__all__ = ["FigureMatch", "find_figures", "parse_number", "unit_of"]


@dataclass(frozen=True)
class FigureMatch:
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    counts: str | None


WORD_NUMBERS = {
    "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30,
    "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
    "honderd": 100, "duizend": 1000,
}
_UNITS_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_TENS_WORDS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90}
# eenentwintig … negenennegentig
COMPOUND_NUMBERS = {
    f"{u}{'ën' if u.endswith('e') else 'en'}{t}": uv + tv for u, uv in _UNITS_WORDS.items() for t, tv in _TENS_WORDS.items()
}
TAL_WORDS = {"tiental": 10, "twintigtal": 20, "dertigtal": 30, "veertigtal": 40, "vijftigtal": 50, "zestigtal": 60,
             "zeventigtal": 70, "tachtigtal": 80, "negentigtal": 90, "honderdtal": 100, "vijftiental": 15, "twaalftal": 12,
             "drietal": 3, "viertal": 4, "vijftal": 5, "zestal": 6, "zevental": 7, "achttal": 8, "negental": 9, "tweetal": 2}
ALL_WORDS = {**WORD_NUMBERS, **COMPOUND_NUMBERS}

PERSON_WORDS = {
    "personen", "persoon", "deelnemers", "deelnemer", "werkzoekenden", "werkzoekende", "kandidaten", "kandidaat",
    "jongeren", "jongere", "medewerkers", "medewerker", "werknemers", "werknemer", "cliënten", "client", "clienten",
    "cliënt", "mensen", "mens", "leefloners", "leefloongerechtigden", "ingeschreven", "inschrijvingen", "gescreend",
    "aanwezigen", "aanwezig", "bezoekers", "doelgroepmedewerkers", "doelgroepwerknemers", "trajectbegeleiders",
    "begeleiders", "jobcoaches", "coaches", "vrijwilligers", "studenten", "leerlingen", "cursisten", "inwoners",
    "kinderen", "ouders", "nieuwkomers", "anderstaligen", "vluchtelingen", "stagiairs", "ondernemers", "zelfstandigen",
    "werklozen", "arbeidskrachten", "sollicitanten", "geactiveerd", "tewerkgesteld", "tewerkgestelden", "doorstromers",
    "vrouwen", "mannen", "experten", "experts", "collega's", "mandatarissen", "schepenen", "burgemeesters",
    "ambtenaren", "trajecten", "jobmatchers", "taalcoaches", "artikel 60-ers", "art. 60-ers", "inschrijvers",
    "gebruikers", "klanten", "geïnteresseerden", "professionals", "maatschappelijk werkers", "deelnames",
}
ORG_WORDS = {
    "bedrijven", "bedrijf", "ondernemingen", "onderneming", "organisaties", "organisatie", "werkgevers", "werkgever",
    "partners", "partner", "besturen", "bestuur", "gemeenten", "gemeente", "steden", "stad", "ocmw's", "vzw's",
    "maatwerkbedrijven", "maatwerkbedrijf", "sociale-economiebedrijven", "actoren", "scholen", "kringwinkels",
    "winkels", "initiatieven", "werkplaatsen", "werkvloeren", "diensten", "instanties", "verenigingen", "kmo's",
    "ondernemers-organisaties", "uitzendkantoren", "bureaus", "lokale besturen", "ocmws", "centra",
}
_ORG_SUFFIXES = ("bedrijven", "organisaties", "ondernemingen", "besturen", "werkgevers", "initiatieven", "winkels", "werkplaatsen", "werkvloeren")
_PERSON_SUFFIXES = ("medewerkers", "werknemers", "begeleiders", "deelnemers", "zoekenden", "gerechtigden", "coaches", "jongeren", "leerlingen", "cursisten", "bezoekers")
# Meetings and events counted are occurrences: "één inspiratiemoment", "drie lerende netwerken".
EVENT_WORDS = {"keer", "maal", "netwerken", "netwerk", "overleg", "overleggen", "vergadering", "vergaderingen", "sessie",
               "sessies", "bijeenkomst", "bijeenkomsten", "evenement", "evenementen", "workshop", "workshops",
               "infosessie", "infosessies", "overlegtafel", "overlegtafels", "rondetafel", "rondetafels", "editie",
               "edities", "jobbeurs", "jobbeurzen", "ontmoeting", "ontmoetingen", "meet", "opleidingssessies"}
_EVENT_SUFFIXES = ("moment", "momenten", "evenement", "evenementen", "vergadering", "vergaderingen", "sessie", "sessies",
                   "bijeenkomst", "bijeenkomsten", "overleg", "overlegtafel", "overlegtafels", "netwerken")
HOUR_WORDS = {"uur", "uren", "u", "werkuren", "opleidingsuren", "lesuren", "begeleidingsuren", "contacturen"}
DAY_WORDS = {"dag", "dagen", "werkdagen", "halve dagen", "opleidingsdagen", "studiedagen", "halve", "dagdelen"}
TIME_WORDS = {"keer", "maal", "x", "×", "keren"}
OTHER_DURATION = {"week", "weken", "maand", "maanden", "semesters", "kwartalen"}
YEAR_WORDS = {"jaar", "jaren", "jarigen", "jarige", "-jarigen"}  # durations in years and age limits are no figures
EUR_WORDS = {"euro", "eur", "€"}
VTE_WORDS = {"vte", "fte", "vte's", "voltijdse equivalenten", "voltijds equivalenten", "voltijdsequivalenten"}
PCT_WORDS = {"%", "procent", "percent"}
MULTIPLIERS = {"miljoen": 1_000_000, "mio": 1_000_000, "miljard": 1_000_000_000, "duizend": 1000, "k": 1000}

# Function words that end a counted noun phrase (and that, right after a number, mean it counts nothing).
_STOP = {
    "de", "het", "een", "en", "of", "van", "in", "op", "met", "per", "voor", "die", "dat", "te", "tot", "aan", "bij",
    "uit", "om", "over", "naar", "door", "als", "zijn", "is", "was", "werd", "werden", "wordt", "worden", "hebben",
    "heeft", "had", "konden", "kon", "kunnen", "zal", "zullen", "zich", "ze", "we", "wij", "er", "niet", "ook", "nog",
    "al", "zo", "dan", "maar", "want", "waar", "wat", "wie", "welke", "deze", "dit", "die", "onder", "tussen", "na",
    "voor", "sinds", "tegen", "zonder", "binnen", "buiten", "via", "vanaf", "tijdens", "rond", "omtrent", "ten",
    "ter", "hun", "haar", "zijn", "onze", "ons", "jullie", "u", "je", "ik", "hij", "zij", "men", "meer", "minder",
    "andere", "extra", "samen", "telkens", "jaarlijks", "maandelijks", "wekelijks", "daarvan", "hiervan", "waarvan",
}
# Adjective-like words that may precede the counted noun.
_ADJ_END = ("e", "ende", "de", "te")
_ADJ_LIKE_ENDINGS = ("end", "lijk", "ig", "isch", "aal", "ief", "baar")
_WORD_RE = re.compile(r"([A-Za-zÀ-ÿ][\w'’À-ÿ-]*|[A-Z]{2,}'s)")
_PRONOUN_AFTER = re.compile(r"\s+(?:ze|zij|we|wij|hij|er|zich|men|ik|je)\b")

_NUM_DIGITS = r"""
(?:
    \d{1,3}(?:\.\d{3})+(?:,\d+)?                  # 1.522   16.500,50
  | \d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d])   # 16 500
  | \d+,\d+                                       # 10,5
  | \d+\.\d{1,2}(?=\s*(?:VTE|FTE|vte|%|procent|euro|EUR|uur|u\b|dagen|keer|miljoen))  # 10.50 VTE
  | \d+
)"""
_APPROX = r"(?:(?:ongeveer|ca\.|circa|bijna|ruim|meer\s+dan|minder\s+dan|minstens|minimaal|maximaal|max\.|min\.|zo'n|zowat|nagenoeg|een\s+kleine|\+/-|±|~)\s*)"
_WORD_ALT = "|".join(sorted(ALL_WORDS, key=len, reverse=True))
_TAL_ALT = "|".join(sorted(TAL_WORDS, key=len, reverse=True))

_FIGURE = re.compile(
    rf"""
    (?P<approx>{_APPROX})?
    (?:
        (?P<eur_before>(?:€|EUR)\s?)(?P<eur_num>{_NUM_DIGITS})(?:\s?(?P<eur_mult>miljoen|mio|miljard|k)\b)?
      | (?:tussen\s+(?:de\s+)?)?(?P<range_a>\d+)\s*(?:[-–]|\ben\b|\bof\b|\btot\b)\s*(?P<range_b>\d+)(?!\s*[-/.]\d)(?=\s+[A-Za-zéë%])
      | (?P<freq_num>\d+|twee|drie|vier|zes)\s?-?(?P<freq>maandelijks|wekelijks|jaarlijks)\b
      | (?P<of_num>\d+|[Éé]én|[Ee]én|twee|drie|vier|vijf)(?=\s+(?:daarvan|hiervan|ervan)\b)
      | (?P<tal_num>\d+)\s*-?\s*tal\b
      | (?P<tal_word>(?i:{_TAL_ALT}))\b
      | (?P<num>{_NUM_DIGITS})(?:\s?(?P<mult>miljoen|mio|miljard)\b)?
      | (?P<word>(?i:{_WORD_ALT}))\b
    )
    """,
    re.VERBOSE,
)
_AFTER_WORD = re.compile(r"\s*(%|€|x\b|×|[A-Za-zÀ-ÿ][\w'’À-ÿ-]*)")
_CODE_BEFORE = re.compile(
    r"(?i:\b(?:esf|oproep|esf-oproep|artikel|art|nr|nummer|p|pag|pagina|blz|tel|telefoon|gsm|fax|postcode|bus|sdg|iso|"
    r"tabel|figuur|grafiek|bijlage|annex|versie|kb|fase|stap|prioriteit|doelstelling|actie|punt|hoofdstuk|deel|module|"
    r"code|rekening|editie|niveau|level|paritair\s+comité|pc|zie|the|week|cao|lr|nt|q|kwartaal|§|nummer))[\s.:°#-]*$"
)
_ORDINAL_AFTER = re.compile(r"^(?:ste|de|e|ste|ème|°)\b")
_NAME_BEFORE = re.compile(r"[\w,;][ \t]+(?!(?:De|Het|Een|In|Op|Bij|Voor|Met|Na|Tot|Van|Zo|Er|Deze|Die|Dit|Ook|Alle|Elke|Sinds|Vanaf)\s)[A-Z][a-z]+[ \t]$")
_TIME_BEFORE = re.compile(r"(?i:\b(?:om|van|vanaf|tot|tussen|en|rond|tegen)\s*)$")
_LINE_NUMBERING = re.compile(r"(?:^|\n)[ \t]*(?:[•\-–*]\s*)?$")


def parse_number(text: str) -> float | None:
    """A Dutch number as written: "1.522" -> 1522, "16 500" -> 16500, "10,5" -> 10.5, "10.50" -> 10.5.

    >>> [parse_number(t) for t in ("1.522", "16 500", "10,5", "10.50", "drie", "44")]
    [1522.0, 16500.0, 10.5, 10.5, 3.0, 44.0]
    """
    raw = text.strip()
    low = raw.lower()
    if low in ALL_WORDS:
        return float(ALL_WORDS[low])
    raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        return float(raw.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", raw):
        return float(raw.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    return None


def unit_of(noun: str | None) -> str:
    """The unit of a counted noun phrase: persons, organisations, hours, days, times or other."""
    if not noun:
        return "other"
    words = noun.lower().split()
    head = words[-1] if words else ""
    whole = noun.lower()
    if whole in PERSON_WORDS or head in PERSON_WORDS or head.endswith(_PERSON_SUFFIXES):
        return "persons"
    if whole in ORG_WORDS or head in ORG_WORDS or head.endswith(_ORG_SUFFIXES):
        return "organisations"
    if head in HOUR_WORDS or head.endswith("uren"):
        return "hours"
    if head in DAY_WORDS or head.endswith("dagen"):
        return "days"
    if head in TIME_WORDS or head in EVENT_WORDS or head.endswith(_EVENT_SUFFIXES):
        return "times"
    return "other"


def _blocked(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _adjective_like(word: str) -> bool:
    low = word.lower()
    return low.endswith(_ADJ_END) and not low.endswith("heid") and word[:1].islower()


def _noun_phrase(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun phrase starting at `pos`: adjectives up to its noun, five words at most.

    "16 geselecteerde kandidaten ondersteund" -> "geselecteerde kandidaten"; "drie breed
    geformuleerde acties" -> "breed geformuleerde acties"; "Alle 3 leenden ze" -> None (a verb).
    """
    tokens = [(m.group(1), pos + m.start(1), pos + m.end(1)) for m in _WORD_RE.finditer(text[pos : pos + 120])]
    words: list[tuple[str, int, int]] = []
    for i, (word, start, end) in enumerate(tokens[:5]):
        if i == 0 and start - pos > 2:
            break
        if words and start - words[-1][2] > 2:
            break  # punctuation between: the phrase has ended
        low = word.lower()
        if low in _STOP and low not in PERSON_WORDS | ORG_WORDS:
            break
        words.append((word, start, end))
        if low in PERSON_WORDS or low in ORG_WORDS or low.endswith(_ORG_SUFFIXES + _PERSON_SUFFIXES + _EVENT_SUFFIXES) \
                or low in HOUR_WORDS | DAY_WORDS | OTHER_DURATION | YEAR_WORDS | EVENT_WORDS:
            break  # a known head noun ends the phrase
        if _adjective_like(word) or low.endswith(_ADJ_LIKE_ENDINGS):
            continue
        following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if following[:1].islower() and _adjective_like(following) and following.lower() not in _STOP and tokens[i + 1][1] - end <= 2:
            continue  # an adverb before an adjective: "breed geformuleerde"
        break
    if not words:
        return None, pos
    while len(words) > 1 and words[-1][0].lower().endswith(("lijks",)):
        words.pop()
    if words[0][0].lower().endswith("lijks"):
        return None, pos
    last = words[-1]
    rest = text[last[2] : last[2] + 12]
    if _PRONOUN_AFTER.match(rest):
        return None, pos  # "Alle 3 leenden ze zich": a verb, not a counted noun
    return text[words[0][1] : last[2]], last[2]


def _line_start_number(text: str, start: int, end: int) -> bool:
    """"1." / "2)" / "1.1" at the start of a line, or "(1)" in a sentence: numbering."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 3]
    if re.match(r"\)", after) and re.search(r"\(\s*$", before):
        return True  # (1)
    if _LINE_NUMBERING.search(before) and re.match(r"(?:[.)]|\.\d)", after):
        return True
    return False


def find_figures(text: str, skip: Sequence[tuple[int, int]] | None = None) -> list[FigureMatch]:
    """Every figure in `text`, in order. `skip`: spans already taken (by default the text's
    dates and phone numbers, found here).

    >>> [(f.value, f.unit, f.counts) for f in find_figures("66 ingeschreven, 54 gescreend en 44% (10.50 VTE)")]
    [(66.0, 'persons', 'ingeschreven'), (54.0, 'persons', 'gescreend'), (44.0, '%', None), (10.5, 'VTE', None)]
    """
    if skip is None:
        from pipeline.dates import find_dates, phone_spans

        skip = [(d.start, d.end) for d in find_dates(text)] + phone_spans(text)
    out: list[FigureMatch] = []
    for m in _FIGURE.finditer(text):
        start, end = m.start(), m.end()
        core_start = m.end("approx") if m.group("approx") else start
        if _blocked(core_start, end, skip):
            continue
        prev = text[core_start - 1] if core_start > 0 else " "
        nxt = text[end] if end < len(text) else " "
        if m.group("word") is None and m.group("tal_word") is None:
            if prev.isalpha() or prev in "§/_-.,'" or (prev.isdigit()):
                continue  # W13, 60§7, 24/7, 1.2.3
        elif prev.isalpha() or prev.isdigit() or prev in "-'":
            continue
        if nxt == "§" or (m.group("num") and re.match(r"[/:]\d|§|[A-Za-z]", text[end : end + 2]) and not re.match(r"(?:x\b|u\b|k\b|%)", text[end:end + 2])):
            if not re.match(r"(?i:u\b|x\b|tal\b)", text[end : end + 3]):
                continue  # 12Work, 60§7, 14:00, 3de
        if m.group("num") or m.group("range_a") or m.group("tal_num"):
            if _NAME_BEFORE.search(text[max(0, core_start - 40) : core_start]):
                continue  # "Food Act 13", "Teamwork 2": part of a name
            if _ORDINAL_AFTER.match(text[end:]):
                continue
            if _CODE_BEFORE.search(text[max(0, core_start - 30) : core_start]):
                continue
            if _line_start_number(text, core_start, end):
                continue
        if m.group("word") and m.group("word").lower() in ("één", "eén"):
            if re.match(r"\s*(?:/|\s(?:van|op|of)\b)", text[end:]):
                continue  # "één van de", "één op vijf", "één of meerdere", "één/enkele"
        figure = _figure(text, m, start, end)
        if figure is None:
            continue
        if re.search(r"\b(?:deze|die|dezelfde)\s+$", text[max(0, start - 12) : start], re.I) and any(f.value == figure.value for f in out):
            continue  # "1522 vacatures … deze 1522 betrekkingen": the same quantity restated
        out.append(figure)
    return out


def _figure(text: str, m: re.Match[str], start: int, end: int) -> FigureMatch | None:
    unit: str | None = None
    counts: str | None = None
    value: float | None
    if m.group("eur_num"):
        value = parse_number(m.group("eur_num"))
        if value is None:
            return None
        value *= MULTIPLIERS.get((m.group("eur_mult") or "").lower(), 1)
        return FigureMatch(start, end, text[start:end], value, "EUR", None)
    if m.group("freq"):
        n = m.group("freq_num").lower()
        value = float(ALL_WORDS.get(n, 0) or n)
        return FigureMatch(start, end, text[start:end], value, "other", m.group("freq"))  # every 2 months
    if m.group("of_num"):
        n = m.group("of_num").lower()
        value = float(ALL_WORDS.get(n, 0) or n)
        stop = re.match(r"\s+\w+", text[end:])
        return FigureMatch(start, end + stop.end(), text[start : end + stop.end()], value, "other", None)  # "2 daarvan"
    if m.group("range_a"):
        a, b = int(m.group("range_a")), int(m.group("range_b"))
        if not a < b:
            return None
        value = float(a)
    elif m.group("tal_num"):
        value = float(m.group("tal_num"))
    elif m.group("tal_word"):
        value = float(TAL_WORDS[m.group("tal_word").lower()])
    elif m.group("num"):
        raw = m.group("num")
        value = parse_number(raw)
        if value is None:
            return None
        value *= MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        if re.fullmatch(r"\d+\.\d{1,2}", raw) and not re.match(r"\s*(?:VTE|FTE|vte|%|procent|euro|EUR|uur|u\b|dagen|keer|miljoen)", text[end:]):
            return None  # 2.2 is a section, not a figure
    else:
        word = m.group("word")
        if word.islower() is False and not word[0].isupper():
            return None
        value = float(ALL_WORDS[word.lower()])
    after = text[end:]
    um = re.match(r"\s?(%|procent\b|percent\b)", after)
    if um:
        return FigureMatch(start, end + um.end(), text[start : end + um.end()], value, "%", None)
    um = re.match(r"\s?(?:€|euro\b|EUR\b|eur\b)", after)
    if um:
        return FigureMatch(start, end + um.end(), text[start : end + um.end()], value, "EUR", None)
    um = re.match(r"\s?(?:VTE|FTE|vte|voltijdse equivalenten|voltijds equivalenten)\b", after)
    if um:
        return FigureMatch(start, end + um.end(), text[start : end + um.end()], value, "VTE", None)
    um = re.match(r"\s?(?:keer|maal|keren|x|×)(?![\w])", after)
    if um:
        if _TIME_BEFORE.search(text[max(0, start - 12) : start]) and um.group().strip() == "x":
            return None
        return FigureMatch(start, end + um.end(), text[start : end + um.end()], value, "times", None)
    um = re.match(r"u(?:ur)?\b", after) or re.match(r"\s(?:uur|uren)\b", after)
    if um:
        plural = um.group().strip() == "uren"
        clock_range = bool(m.group("range_a")) and " tot " in f" {text[start:end]} " and re.search(r"\bvan(?:af)?\s+$", text[max(0, start - 8) : start])
        if (not plural and _TIME_BEFORE.search(text[max(0, start - 12) : start]) and not m.group("range_a")) or clock_range or re.match(r"\s?u(?:ur)?\s*\d", after):
            return None  # om 14u, van 9 tot 12 uur, 14u30: a time of day
        return FigureMatch(start, end + um.end(), text[start : end + um.end()], value, "hours", None)
    if m.group("word") and re.match(r"\s*[.,;:)]", after):
        return None  # a written number counting nothing ("alle drie.")
    counts, stop = _noun_phrase(text, end)
    if counts is None:
        return None
    if counts[0].isupper() and counts.lower() not in PERSON_WORDS | ORG_WORDS and not re.fullmatch(r"[A-Z]{2,}'s", counts):
        return None  # "The 18 en", "Fase 2 Groep": a name, not a count
    if m.group("word") and counts.lower() in ("van", "op"):
        return None
    if counts.lower().split()[-1] in YEAR_WORDS or counts.lower().endswith("jarigen"):
        return None  # "twee jaar", "min 25 jarigen": a duration in years or an age limit
    unit = unit_of(counts)
    if m.group("word") and m.group("word").lower() in ("één", "eén") and unit == "other":
        return None  # "één thema", "één gezamenlijk doel": an article, not a count
    if m.group("num") and re.fullmatch(r"(?:19[5-9]|20[0-4])\d", m.group("num")) and unit not in ("persons", "organisations"):
        return None  # a year the date finder left (e.g. "2023 kwam"), not a count
    return FigureMatch(start, stop, text[start:stop], value, unit, counts)
