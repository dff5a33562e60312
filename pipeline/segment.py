"""Actions from a document's unit stream and section tree.

An action is one thing a region did (report) or plans to do (plan). The documents of the genre
write them in a few shapes, all recognised from genre cues rather than from any one document's
words:

- **bullet** — a list item with the report's comment under it ("• De Nederlandse taal wordt
  gestimuleerd …" followed by "Commentaar: …"), or, in a plan, a list item followed by its own
  paragraphs of description. Items that come in a run (an overview list, sub-goals of an action)
  are not actions of their own: they belong to the text around them.
- **subsection** — the lowest titled unit with a body of its own in a jaarverslag ("Capacity
  building" + its paragraphs). A heading that only introduces its children is not an action, nor
  is a report section that only gives context (figures, calls of the government) without any
  activity of the region. A priority heading's own body is an action when, in a report, it tells
  what was done ("In 2023 sloten VDAB, de lokale besturen en W13 …").
- **checklist** — the ✓ items of a plan ("In 2022 willen we graag: ✓ …"). A plan subsection whose
  content a checklist item of the same priority restates is that item's motivation, not a second
  action.
- **table_row** — a row of an action-plan table (columns actie / beoogd resultaat / trekker /
  partners); a row continues until the next filled actie cell. Tables flattened to text (one cell
  fragment per line) are cut where a new actie cell starts after the trekker/partner fragments.
- **objective** — a numbered objective of a plan ("1.1.Ondersteunen en stimuleren van …").

Not actions: front matter (voorwoord, inhoudsopgave, inleiding), part and priority introductions
of a plan, context statistics, member lists, calendars, footnotes, and annexes (which repeat the
plan's actions).

Each action gets the part of the document it sits in: a "Jaarverslag 2021 / Actieplan 2022"
document has report actions for 2021 and plan actions for 2022 (`document_parts`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from pipeline import structure
from pipeline.models import Action, DocMeta, Page, Section
from pipeline.structure import Outline, Unit

# --------------------------------------------------------------------------------------------
# Cues

_COMMENT = re.compile(
    r"^\s*(?:commentaar|opmerking(?:en)?|stand van zaken|resultaat|resultaten|realisatie(?:s)?|evaluatie|"
    r"uitvoering|status|stavaza|toelichting|verslag|bereikt resultaat|opvolging)\s*(?:\d{4})?\s*:\s*",
    re.I,
)
_EXCLUDED_HEADING = re.compile(
    r"^(?:(?:de |onze )?(?:regionale |lokale )?arbeidsmarkt(?: in \d{4})?|(?:kern)?cijfers\b.*|statistieken?|"
    r"(?:jaar)?kalender\b.*|.*\bjaarkalender\b.*|samenstelling\b.*|leden\b.*|.*\bcontactgegevens\b.*|"
    r"overzicht (?:van de )?acties\b.*|.*\bbeheerscomit[eé] en stuurgroep\b.*|colofon|"
    r"(?:lijst van )?afkortingen|begrippenlijst|woordenlijst|bronnen|referenties|dankwoord)\s*[.:]?$",
    re.I,
)
_YEAR = re.compile(r"\b(20[0-3]\d)\b")
_RANGE = re.compile(r"\b(20[0-3]\d)\s*(?:-|–|—|tot(?: en met)?)\s*(20[0-3]\d)\b")
_PAST = re.compile(
    r"\b(?:werd|werden|vond|vonden|kwam|kwamen|was|waren|namen|nam|sloten|sloot|startte|startten|"
    r"organiseerde|organiseerden|deden|deed|hadden|had|volgde|volgden|gingen|ging|kregen|kreeg|"
    r"zaten|zat|bleek|leidde|gaven|gaf|stelden|stelde|brachten|bracht|hebben \w+ ge\w+|is \w+ ge\w+|"
    r"zijn \w+ ge\w+|ge\w+d(?: werd| werden)?|"
    # regular (weak) past with a subject pronoun, at a sentence start ("We begeleidden …") or
    # inverted after the verb ("In 2023 begeleidden we …"); not "hebben we verschillende …"
    r"(?:(?<![\w,] )(?<!\w)(?:we|wij)\s+\w{3,}(?:den|ten|de|te))|\w{3,}(?:dden|tten|den|ten|de|te)\s+(?:we|wij)(?=\s))\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:zal|zullen|willen|wil|plannen|gaan we|we gaan|beogen|streven|voorzien|"
                     r"nagestreefd|onderzocht worden|ingepland)\b", re.I)
_CAPTION = re.compile(r"^\s*(?:tabel|figuur|grafiek|bron|foto)\b", re.I)

# status cues (on the result/body of a reported action)
_CANCELLED = re.compile(r"\b(?:geannuleerd|afgelast|geschrapt|gaat niet door|ging niet door|gingen niet door|"
                        r"niet doorgegaan|niet door(?:gaan)?\b|afgeblazen|stopgezet|geen doorgang)", re.I)
_NOT_STARTED = re.compile(r"\b(?:nog niet (?:op)?gestart|niet (?:op)?gestart|bleef de opstart uit|opstart bleef uit|"
                          r"nog niet van start|nog niet uitgevoerd|nog niet gerealiseerd|werd uitgesteld|uitgesteld naar|"
                          r"nog niet aan bod|geen uitvoering|(?:werd|werden|is|zijn) niet (?:uitgevoerd|gerealiseerd|opgestart))",
                          re.I)
_ONGOING = re.compile(
    r"\b(?:loopt (?:nog|verder)|lopende?|verdergezet|verder ?gezet|wordt vervolgd|nog bezig|in uitvoering|in opbouw|"
    r"in voorbereiding|voorbereidingen|nog niet (?:gevonden|beslist|rond|afgerond|afgesloten|goedgekeurd)|voorbereidende?|verschoven naar|doorgeschoven|nog niet afgerond|streeft|"
    r"op de voet|blijft|doorlopend|continu|permanent|"
    r"verder (?:uitgewerkt|uitwerken|geconcretiseerd|concretiseren|bekeken|bekijken|ingezet|inzetten|opgevolgd|opvolgen|"
    r"afgewerkt|afwerken|uitgerold|uitrollen|ontwikkeld|ontwikkelen|gezet|zetten)|"
    r"volgde \w+ \w+ verder|gaan we (?:hiermee |hier |daar |daarmee )?verder|verdere stappen|"
    r"volgt\b.{0,80}\bop\b|volgen (?:we|wij)\b.{0,40}\bop\b|zullen we .{0,40}verder)",
    re.I,
)
_FRAGMENT_WORDS = re.compile(
    r"\b(?:regi\w*|expert|partners?|actiegroep|werkgroep|stuurgroep|besturen|organi\w*|"
    r"vzw|fabriek|netwerk|provincie|mutualiteiten|sector|zorgsector|diensthoofden|mentor|"
    r"trekker|innovatiemanager|koepel|werkgevers|toeleiders|ocmw|gemeenten|bedrijven)\b",
    re.I,
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
_TABLE_ACTION = re.compile(r"^(?:actie|acties|actiepunt|actiepunten|initiatief|project|wat|maatregel|activiteit)\b", re.I)
_TABLE_RESULT = re.compile(r"(?:beoogd|verwacht)e? (?:resultaat|effect)|resultaat|indicator|output|doel", re.I)
_TABLE_LEAD = re.compile(r"^(?:trekker|trekkers|verantwoordelijke|lead|wie|regisseur|eigenaar)\b", re.I)
_TABLE_PARTNERS = re.compile(r"^(?:partners?|betrokken|betrokkenen|samenwerking met|met wie)\b", re.I)
_TABLE_STATUS = re.compile(r"stand van zaken|realisatie|resultaat 20\d\d|status|evaluatie|uitvoering|opvolging", re.I)
_TABLE_TIME = re.compile(r"^(?:timing|planning|wanneer|periode|termijn|jaar)\b", re.I)


# --------------------------------------------------------------------------------------------
# Parts of a document


@dataclass(frozen=True)
class Part:
    """A stretch of the document with one doc_type and working year(s).

    kind: report | plan | front | annex | back | title (None: the document's own type applies)."""

    kind: str | None
    years: tuple[int, ...]
    start: int  # unit index of the part heading (or 0)
    heading: str | None = None


def _heading_years(title: str) -> tuple[int, ...]:
    ranges = _RANGE.findall(title)
    if ranges:
        a, b = int(ranges[0][0]), int(ranges[0][1])
        if a <= b <= a + 7:
            return tuple(range(a, b + 1))
    return tuple(sorted({int(y) for y in _YEAR.findall(title)}))


def _body_text(out: Outline, start: int, end: int) -> str:
    return "\n".join(u.text for u in out.units[start:end] if u.kind in ("para", "item", "row"))


def document_parts(pages: Sequence[Page]) -> list[Part]:
    """The document's parts in order, from its part headings ("Jaarverslag 2021", "Actieplan 2022",
    "Voorwoord", "Bijlage"); a general part ("Algemene informatie") is a plan when its text plans
    ("zullen worden uitgevoerd", "periode 2020-2025"), else it continues the part before it."""
    out = structure.outline(pages)
    parts: list[Part] = [Part(kind=None, years=(), start=0)]
    heads = [i for i, u in enumerate(out.units) if u.kind == "heading" and (u.closes_front or u.part
             and ((u.rank or 9) <= 1.5 or u.part in ("report", "plan", "annex")))]
    for n, i in enumerate(heads):
        u = out.units[i]
        if not u.part:  # the document's content begins after its front matter
            parts.append(Part(kind=None, years=(), start=i))
            continue
        title = u.title or u.text
        kind = u.part
        years = _heading_years(title)
        if kind in ("report", "plan") and structure.part_kind(title) and _both_kinds(title):
            kind = "title"
        if kind == "general":
            end = heads[n + 1] if n + 1 < len(heads) else len(out.units)
            text = _body_text(out, i + 1, min(end, i + 12))
            future, past = len(_FUTURE.findall(text)), len(_PAST.findall(text))
            ranges = [(int(a), int(b)) for a, b in _RANGE.findall(text) if int(a) < int(b) <= int(a) + 7]
            if future > past or ranges and future:
                kind = "plan"
                years = tuple(range(ranges[0][0], ranges[0][1] + 1)) if ranges else years
            else:
                prev = parts[-1]
                kind, years = prev.kind, prev.years
        parts.append(Part(kind=kind, years=years, start=i, heading=title))
    return parts


def _both_kinds(title: str) -> bool:
    t = title.lower()
    return bool(re.search(r"verslag|rapport", t)) and bool(re.search(r"plan", t))


def _part_at(parts: Sequence[Part], index: int) -> Part:
    current = parts[0]
    for p in parts:
        if p.start <= index:
            current = p
        else:
            break
    return current


def document_kinds(pages: Sequence[Page]) -> tuple[set[str], tuple[int, ...]]:
    """The doc_types ({report, plan}) and working years that the document's parts state."""
    kinds: set[str] = set()
    years: set[int] = set()
    for p in document_parts(pages):
        if p.kind in ("report", "plan"):
            kinds.add(p.kind)
            years.update(p.years)
    return kinds, tuple(sorted(years))


# --------------------------------------------------------------------------------------------
# Candidates


@dataclass
class _Candidate:
    start: int  # unit index where the action starts (for order)
    kind: str
    title: str
    text: str
    page: int
    section: int | None
    result: str | None = None
    units: tuple[int, ...] = ()
    table_cells: dict[str, str] = field(default_factory=dict)


def _first_sentence(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    match = re.search(r"(?<=[a-z0-9)\]’'”\"])[.!?](?=\s+[A-Z(“\"'‘])", text)
    sentence = text[: match.start() + 1] if match else text
    if len(sentence) > limit:
        cut = sentence[:limit].rsplit(" ", 1)[0]
        sentence = cut + " …"
    return sentence.strip()


def _join(units: Sequence[Unit]) -> str:
    parts = []
    for u in units:
        if u.kind == "item":
            parts.append(("✓ " if u.check else "• ") + u.text)
        elif u.kind in ("para", "row", "heading"):
            parts.append(u.text)
    return "\n".join(parts)


def _children(out: Outline) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in out.sections]
    for i, s in enumerate(out.sections):
        if s.parent is not None:
            kids[s.parent].append(i)
    return kids


def _excluded(out: Outline, section: int | None, parts: Sequence[Part], unit_index: int) -> bool:
    part = _part_at(parts, unit_index)
    if part.kind in ("front", "annex", "back"):
        return True
    for s in structure.section_path(out, section):
        title = out.sections[s].title
        if _EXCLUDED_HEADING.match(title.strip()) or structure.part_kind(title) in ("front", "annex", "back"):
            return True
    return False


def _is_fragment(u: Unit) -> bool:
    """A piece of a trekker/partners cell of a table flattened to text: org names, acronyms, dashes.
    A line that ends a sentence is the end of an actie or result cell, never a fragment."""
    if u.kind not in ("para", "item"):
        return False
    t = u.text.strip()
    if "\n" in t or len(t) > 60:
        return False
    if re.search(r"(?:->|→)\s*zie\b|\bzie (?:actie|hoger|verder|boven)", t, re.I):
        return True  # a cross-reference standing in a cell
    if t.endswith((".", "?", "!", ":")):
        return False
    words = t.replace("-", " ").split()
    if not words:
        return True
    if t.startswith("(") and t.endswith(")") and len(words) <= 4:
        return True
    if len(words) == 1 and len(t) <= 20:
        return True
    if len(words) <= 2 and t[:1].islower():
        return True
    dashed = " - " in f" {t} " or t.endswith(("-", "–")) or t.startswith(("-", "–"))
    orgish = bool(_FRAGMENT_WORDS.search(t)) or len(_ACRONYM.findall(t)) >= 1
    if dashed and orgish and len(t) <= 45:
        return True
    if orgish and len(words) <= 3 and not re.search(r"\b(?:de|het|een|van|met|op|in|tot|om|te)\b", t):
        return True
    return False


def _flattened_table(units: Sequence[Unit], plan: bool) -> bool:
    """Does a section read as an action table flattened to text (many trekker/partner fragments)?"""
    fragments = sum(1 for u in units if _is_fragment(u))
    return fragments >= 3 and fragments >= len(units) * (0.12 if plan else 0.25)


def _lines(out: Outline, idx: Sequence[int]) -> list[tuple[int, Unit]]:
    """The section's text as one unit per line (a flattened table puts one cell fragment on each
    line, and a PDF reader may have grouped several into one paragraph). Lines the layout wrapped
    (a full line followed by its continuation) are joined again. List items stay whole."""
    full = structure._full_line(out.units)
    lines: list[tuple[int, Unit]] = []
    for i in idx:
        u = out.units[i]
        if u.kind == "item" or u.kind not in ("para",):
            lines.append((i, u))
            continue
        parts = [line.strip() for line in u.text.split("\n") if line.strip()]
        merged: list[str] = []
        last = ""
        for line in parts:
            if merged and u.font_size is not None and structure.wrapped(last, line, full):
                merged[-1] += " " + line  # a line the PDF layout wrapped
            else:
                merged.append(line)
            last = line
        for line in merged:
            lines.append((i, Unit(page=u.page, text=line, kind="para", font_size=u.font_size, split=True)))
    return lines


def _table_row_candidates(lines: Sequence[tuple[int, Unit]], section: int | None) -> list[_Candidate]:
    """Rows of an action table flattened to text. A row starts at the first content line after a
    heading or after the trekker/partner fragments of the row before; or at a "We …" sentence once
    the current row has its result (a result bullet, a fragment, or a second sentence). Result
    bullets ("- …", "1) …") and explanatory notes ("X is een …") never start a row."""
    cands: list[_Candidate] = []
    current: list[tuple[int, Unit]] = []
    after_fragments = True
    complete = False  # the current row has gone past its actie cell
    for i, u in lines:
        if u.kind not in ("para", "item"):
            continue
        fragment = _is_fragment(u)
        bullet = u.kind == "item" or re.match(r"^\s*\d{1,2}\)\s", u.text) is not None
        first = u.text.split("\n", 1)[0]
        note = re.search(r"\b(?:is|zijn|wordt|worden)\b", first.split(". ")[0]) is not None and not re.match(
            r"^(?:is|zijn|wordt|worden|kan|kunnen)\b", first, re.I)
        starts = False
        n_words = len(first.split())
        substantial = n_words >= 4 or (n_words >= 2 and first[:1].isupper())
        if not fragment and not bullet and substantial:
            if after_fragments and not note:
                starts = True
            elif re.match(r"^We [a-zà-ÿ']", u.text) and (complete or not current):
                starts = True
        if starts:
            if current:
                cands.append(_row_candidate(current, section))
            current = [(i, u)]
            complete = len(re.findall(r"[a-z)][.!?](?:\s|$)", u.text)) >= 2
        elif current:
            current.append((i, u))
            if fragment or bullet or len(re.findall(r"[a-z)][.!?](?:\s|$)", u.text)) >= 2:
                complete = True
        after_fragments = fragment
    if current:
        cands.append(_row_candidate(current, section))
    return cands


def _row_candidate(rows: list[tuple[int, Unit]], section: int | None) -> _Candidate:
    units = [u for _, u in rows]
    content = [u for u in units if not _is_fragment(u)]
    text = " ".join(" ".join(u.text.split()) for u in units)
    lead = " ".join(" ".join(u.text.split()) for u in content) or text
    return _Candidate(start=rows[0][0], kind="table_row", title=_first_sentence(lead), text=_join(units) or text,
                      page=units[0].page, section=section, units=tuple(dict.fromkeys(i for i, _ in rows)))


def _table_columns(header: Sequence[str]) -> dict[str, int] | None:
    """Column roles of an action table's header row, or None when it is no action table."""
    roles: dict[str, int] = {}
    for c, cell in enumerate(header):
        name = " ".join(cell.split()).strip().lower()
        if not name:
            continue
        if "action" not in roles and _TABLE_ACTION.match(name):
            roles["action"] = c
        elif "lead" not in roles and _TABLE_LEAD.match(name):
            roles["lead"] = c
        elif "partners" not in roles and _TABLE_PARTNERS.match(name):
            roles["partners"] = c
        elif "status" not in roles and _TABLE_STATUS.search(name) and not name.startswith(("beoogd", "verwacht")):
            roles["status"] = c
        elif "result" not in roles and _TABLE_RESULT.search(name):
            roles["result"] = c
        elif "time" not in roles and _TABLE_TIME.match(name):
            roles["time"] = c
    if "action" in roles and len(roles) >= 2:
        return roles
    return None


def _table_candidates(out: Outline, idx: list[int], section: int | None, report: bool,
                      known: dict[int, dict[str, int]]) -> tuple[list[_Candidate], set[int]]:
    """Action-table rows (Table rows from PDF/DOCX, or tab-separated lines): one action per filled
    actie cell; rows with an empty actie cell continue the row before (a cell broken over lines or
    pages). A table without a header continues the column roles of the table before it."""
    cands: list[_Candidate] = []
    used: set[int] = set()
    by_table: dict[int, list[int]] = {}
    for i in idx:
        u = out.units[i]
        if u.kind == "row" and u.table is not None:
            by_table.setdefault(u.table, []).append(i)
    for table, rows in by_table.items():
        header = out.units[rows[0]].cells
        roles = _table_columns(header)
        body = rows[1:]
        if roles is None:
            previous = known.get(table - 1)
            if previous is not None and len(header) == max(previous.values()) + 1 or (
                    previous is not None and len(header) >= len(previous)):
                roles, body = previous, rows
            else:
                continue
        known[table] = roles
        current: list[int] = []
        for i in body:
            cells = out.units[i].cells
            action_cell = cells[roles["action"]].strip() if roles["action"] < len(cells) else ""
            if action_cell and not _is_heading_row(cells, roles):
                if current:
                    cands.append(_cell_candidate(out, current, roles, section, report))
                current = [i]
            elif current:
                current.append(i)
            used.add(i)
        if current:
            cands.append(_cell_candidate(out, current, roles, section, report))
        used.update(rows)
    return cands, used


def _is_heading_row(cells: Sequence[str], roles: dict[str, int]) -> bool:
    """A row with only its first cell filled, spanning the table: a theme line, not an action."""
    filled = [c for c in cells if c.strip()]
    return len(filled) == 1 and len(set(c.strip() for c in cells if c.strip())) == 1 and len(cells) > 2 and \
        roles["action"] != 0 and cells[0].strip() == filled[0]


def _cell_candidate(out: Outline, idx: list[int], roles: dict[str, int], section: int | None, report: bool) -> _Candidate:
    merged: dict[str, list[str]] = {}
    for i in idx:
        cells = out.units[i].cells
        for role, c in roles.items():
            if c < len(cells) and cells[c].strip():
                merged.setdefault(role, []).append(cells[c].strip())
    cells_text = {role: "\n".join(v) for role, v in merged.items()}
    action = cells_text.get("action", "")
    lines = [action]
    for role, label in (("result", "Beoogd resultaat"), ("lead", "Trekker"), ("partners", "Partners"),
                        ("time", "Timing"), ("status", "Stand van zaken")):
        if cells_text.get(role):
            lines.append(f"{label}: {cells_text[role]}")
    result = cells_text.get("status") if report else None
    if report and result is None and cells_text.get("result"):
        result = cells_text["result"]
    first = out.units[idx[0]]
    return _Candidate(start=idx[0], kind="table_row", title=_first_sentence(action), text="\n".join(lines),
                      page=first.page, section=section, result=result, units=tuple(idx), table_cells=cells_text)


def _bullet_candidates(out: Outline, idx: list[int], section: int | None, comment_mode: bool) -> tuple[list[_Candidate], set[int]]:
    """Items with their comment ("Commentaar: …") or their own description paragraphs. Items in a
    run of items are list members and stay in the text of the action around them."""
    cands: list[_Candidate] = []
    used: set[int] = set()
    n = len(idx)
    heads: set[int] = set()
    if comment_mode:
        # OCR may lose a bullet glyph: a comment with no item before it (since the previous
        # comment) belongs to the paragraph right before it
        last = -1
        for k, i in enumerate(idx):
            if out.units[i].kind == "para" and _COMMENT.match(out.units[i].text):
                stretch = idx[last + 1:k]
                if k > 0 and not any(out.units[x].kind == "item" for x in stretch) and out.units[idx[k - 1]].kind == "para" \
                        and not _COMMENT.match(out.units[idx[k - 1]].text):
                    heads.add(idx[k - 1])
                last = k
    if not comment_mode or not heads:
        # a plan's bullet with its description, whose bullet glyph OCR lost: a one-sentence statement
        # without a final stop, right before its description, among bullets of the same shape
        def shaped(k: int) -> bool:
            u = out.units[idx[k]]
            t = " ".join(u.text.split())
            return (u.kind == "para" and 30 <= len(t) <= 240 and u.text.count("\n") <= 2 and t[:1].isupper()
                    and not t.endswith((".", ":", ";", "!", "?")) and ". " not in t
                    and k + 1 < n and out.units[idx[k + 1]].kind == "para")

        described = [k for k in range(n) if out.units[idx[k]].kind == "item" and not out.units[idx[k]].check
                     and (k == 0 or out.units[idx[k - 1]].kind != "item") and _has_description(out, idx, k)]
        if described:
            heads |= {idx[k] for k in range(n) if shaped(k) and (k == 0 or out.units[idx[k - 1]].kind != "item")}

    def item(k: int) -> bool:
        return out.units[idx[k]].kind == "item" or idx[k] in heads

    k = 0
    while k < n:
        i = idx[k]
        u = out.units[i]
        if not item(k) or u.check:
            k += 1
            continue
        prev_item = k > 0 and item(k - 1)
        next_item = k + 1 < n and item(k + 1)
        if prev_item or next_item:
            k += 1
            continue
        # the item's own stretch: until the next single item that opens a new action, or the end
        j = k + 1
        stretch = [i]
        comment_at = None
        while j < n:
            v = out.units[idx[j]]
            if item(j) and not v.check:
                alone = not (j + 1 < n and item(j + 1)) and not item(j - 1)
                if alone and (comment_mode or _has_description(out, idx, j)):
                    break
            if v.kind in ("para", "item", "row"):
                if comment_at is None and v.kind == "para" and _COMMENT.match(v.text):
                    comment_at = len(stretch)
                stretch.append(idx[j])
            j += 1
        described = any(out.units[s].kind == "para" for s in stretch[1:])
        if comment_mode and comment_at is None and not described:
            k = j
            continue
        if not comment_mode and not described:
            k = j
            continue
        units = [out.units[s] for s in stretch]
        result = None
        if comment_at is not None:
            comment_units = units[comment_at:]
            result = _COMMENT.sub("", _join(comment_units), count=1).strip() or None
        text = _join(units)
        cands.append(_Candidate(start=i, kind="bullet", title=_first_sentence(u.text), text=text, page=u.page,
                                section=section, result=result, units=tuple(stretch)))
        used.update(stretch)
        k = j
    return cands, used


def _has_description(out: Outline, idx: list[int], j: int) -> bool:
    return j + 1 < len(idx) and out.units[idx[j + 1]].kind == "para" and not _COMMENT.match(out.units[idx[j + 1]].text)


def _checklist_candidates(out: Outline, idx: list[int], section: int | None) -> list[_Candidate]:
    cands = []
    for i in idx:
        u = out.units[i]
        if u.kind == "item" and u.check:
            cands.append(_Candidate(start=i, kind="checklist", title=_first_sentence(u.text), text=u.text, page=u.page,
                                    section=section, units=(i,)))
    return cands


def _activity(text: str, report_years: Sequence[int]) -> bool:
    """Does a report text tell what the region did (a year of the report or a past-tense verb)?"""
    if any(str(y) in text for y in report_years) and _PAST.search(text):
        return True
    return len(_PAST.findall(text)) >= 2


def _tokens(text: str) -> set[str]:
    words = re.findall(r"[a-zà-ÿ0-9]{4,}", structure.fold(text))
    stop = {"voor", "door", "naar", "deze", "zijn", "worden", "wordt", "binnen", "onze", "regio", "sociale", "economie",
            "waar", "ook", "meer", "met", "lokale", "verschillende", "samen", "zoals", "hebben", "kunnen", "willen",
            "graag", "organiseren", "zowel", "tussen", "over", "rond", "vanuit", "bij", "heel", "wat"}
    return {w[:7] for w in words if w not in stop}


# --------------------------------------------------------------------------------------------
# The stage


def find_actions(doc_id: str, pages: Sequence[Page], sections: Sequence[Section], meta: DocMeta) -> list[Action]:
    """The actions of one document in document order, with their part's year and doc_type.

    `sections` is the tree `structure.build_sections(pages)` gave; the unit stream behind it comes
    from the same (cached) `structure.outline(pages)`, so both always agree."""
    out = structure.outline(pages)
    if not out.units:
        return []
    parts = document_parts(pages)
    kids = _children(out)
    comment_mode = sum(1 for u in out.units if u.kind == "para" and _COMMENT.match(u.text)) >= 2
    actors = _actors(meta)
    doc_kind = _doc_kind(meta)
    report_years = [y for p in parts if p.kind == "report" for y in p.years] or list(meta.years)

    # the body of each section: its units up to its first child (or the next section)
    n_sec = len(out.sections)
    bodies: list[list[int]] = [[] for _ in range(n_sec)]
    preface: list[int] = []
    for i, owner in enumerate(out.owner):
        u = out.units[i]
        if u.kind == "heading":
            continue
        if owner is None:
            preface.append(i)
        else:
            bodies[owner].append(i)

    candidates: list[_Candidate] = []
    known_tables: dict[int, dict[str, int]] = {}
    checklists: list[tuple[_Candidate, int | None]] = []
    plan_subsections: list[tuple[_Candidate, int | None]] = []

    def priority_of(section: int | None) -> int | None:
        """The nearest priority heading above a section (for grouping a plan's checklist)."""
        path = structure.section_path(out, section)
        for s in path:
            if out.units[out.section_units[s]].priority:
                return s
        return path[0] if path else None

    groups: list[tuple[int | None, list[int]]] = [(None, preface)] + [(s, bodies[s]) for s in range(n_sec)]
    for section, idx in groups:
        if not idx or _excluded(out, section, parts, idx[0]):
            continue
        part = _part_at(parts, idx[0])
        kind = part.kind if part.kind in ("report", "plan") else doc_kind
        report = kind == "report"
        heading = out.units[out.section_units[section]] if section is not None else None
        leaf = section is None or not kids[section]
        found: list[_Candidate] = []
        used: set[int] = set()

        table_cands, table_used = _table_candidates(out, idx, section, report, known_tables)
        found += table_cands
        used |= table_used
        rest = [i for i in idx if i not in used]

        lines = _lines(out, rest) if not found and section is not None and leaf else []
        if lines and _flattened_table([u for _, u in lines], kind == "plan"):
            found += _table_row_candidates(lines, section)
            candidates += found
            continue

        bullet_cands, bullet_used = _bullet_candidates(out, rest, section, comment_mode)
        if bullet_cands and (comment_mode or len(bullet_cands) >= 2 or kind == "plan"):
            found += bullet_cands
            used |= bullet_used
        rest = [i for i in idx if i not in used]

        if kind == "plan":
            checks = _checklist_candidates(out, rest, section)
            found += checks
            used |= {c.start for c in checks}
            checklists.extend((c, priority_of(section)) for c in checks)
        rest = [i for i in idx if i not in used]

        candidates += found
        only_checks = bool(found) and all(c.kind == "checklist" for c in found)
        if (found and not only_checks) or heading is None or heading.part:
            continue  # a section whose items are the actions; text before the first heading; a part's introduction
        content = [out.units[i] for i in rest if out.units[i].kind in ("para", "item", "row")]
        body = _join(content)
        if len(body.split()) < 8:
            continue
        title = heading.title or heading.text
        if heading.priority:
            # a priority's own text: an action when a report tells what was done under it
            if report and _activity(body, report_years):
                candidates.append(_Candidate(start=rest[0], kind="subsection", title=_first_sentence(content[0].text),
                                             text=body, page=content[0].page, section=section, result=body,
                                             units=tuple(rest)))
            continue
        if not leaf:
            continue  # a parent heading's introduction
        if report and not _report_subsection_ok(content, body, actors):
            continue
        numbered = heading.number is not None and not heading.number[0].isalpha()
        cand = _Candidate(start=out.section_units[section], kind="objective" if numbered and kind == "plan" else "subsection",
                          title=title, text=title + "\n" + body, page=heading.page, section=section,
                          result=body if report else None, units=tuple(rest))
        candidates.append(cand)
        if kind == "plan":
            plan_subsections.append((cand, priority_of(section)))

    candidates = _drop_restated(out, candidates, checklists, plan_subsections)

    candidates.sort(key=lambda c: c.start)
    actions = []
    for position, c in enumerate(candidates, 1):
        part = _part_at(parts, c.start)
        kind = part.kind if part.kind in ("report", "plan") else doc_kind
        years = part.years if part.kind in ("report", "plan") and part.years else tuple(meta.years)
        year = _action_year(years, kind, meta)
        doc_type = kind if kind in ("report", "plan") else None
        status = _status(c, doc_type, year)
        path = tuple(out.sections[s].title for s in structure.section_path(out, c.section))
        fw_heading, fw_code = _framework(out, c.section, meta)
        actions.append(Action(
            action_id=f"{doc_id}-{position:04d}", doc_id=doc_id, page=c.page, title=c.title, text=c.text, kind=c.kind,
            result=c.result, year=year, doc_type=doc_type, status=status, region=meta.region,
            framework_heading=fw_heading, framework_code=fw_code, section_path=path, position=position,
        ))
    return actions


def _drop_restated(out: Outline, candidates: list[_Candidate], checklists: list[tuple[_Candidate, int | None]],
                   subsections: list[tuple[_Candidate, int | None]]) -> list[_Candidate]:
    """A plan subsection that a checklist item of the same priority restates is the item's
    motivation: keep the item. Similarity weighs the words by rarity in the document (IDF), so
    "12Work" or "Tea For Two" count and "organiseren" does not."""
    if not checklists or not subsections:
        return candidates
    docs = [_tokens(u.text) for u in out.units if u.kind in ("para", "item", "heading", "row")]
    df: dict[str, int] = {}
    for d in docs:
        for t in d:
            df[t] = df.get(t, 0) + 1
    n = len(docs) + 1

    def idf(t: str) -> float:
        return math.log(n / (1 + df.get(t, 0))) + 0.1

    drop: set[int] = set()
    for check, priority in checklists:
        ct = _tokens(check.text)
        total = sum(idf(t) for t in ct)
        if not total:
            continue
        scored = []
        for cand, p in subsections:
            if p != priority:
                continue
            shared = ct & _tokens(cand.text)
            scored.append((sum(idf(t) for t in shared) / total, id(cand)))
        if scored:
            score, best = max(scored)
            if score >= 0.3:
                drop.add(best)
    return [c for c in candidates if id(c) not in drop]


def _report_subsection_ok(content: Sequence[Unit], body: str, actors: Sequence[str]) -> bool:
    """A reported subsection is an action unless it only introduces what follows, or only gives
    context: a section with tables of figures in which the region's own organisation does nothing."""
    paras = [u for u in content if u.kind in ("para", "item")]
    if len(paras) == 1 and len(body.split()) <= 45 and not _YEAR.search(body) and not _PAST.search(body):
        return False  # "W13 heeft een netwerk met …": an introduction to the subsections below
    figures = 2 * sum(1 for u in content if re.match(r"^\s*(?:tabel|figuur|grafiek)\s*\d", u.text, re.I)) + sum(
        1 for u in content if u.kind == "row" or (len(u.text) < 80 and len(re.findall(r"\d", u.text)) >= 3))
    if figures >= 2 and not _org_agent(content, actors):
        return False
    return True


def _org_agent(units: Sequence[Unit], actors: Sequence[str]) -> bool:
    """Does the text name the region's own organisation (or its regisseur) outside captions?"""
    words = [re.escape(a) for a in actors if a] + [r"regisseurs?", r"projectmedewerker", r"interlokale vereniging"]
    pattern = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
    return any(u.kind in ("para", "item") and not _CAPTION.match(u.text) and pattern.search(u.text) for u in units)


@lru_cache(maxsize=1)
def _registry():  # type: ignore[no-untyped-def]
    from pipeline.docmeta import RegionRegistry

    return RegionRegistry.load()


def _actors(meta: DocMeta) -> list[str]:
    """Names of the region's own organisation ("ILV", "W13", "ISSE VMG")."""
    words = ["ILV"]
    if meta.region:
        from pipeline.docmeta import RegionsFileError

        try:
            words += list(_registry().actor_words(meta.region))
        except RegionsFileError:  # a broken registry file must not stop action finding
            pass
    return words


def _doc_kind(meta: DocMeta) -> str | None:
    if meta.doc_type in ("report", "plan"):
        return meta.doc_type
    if meta.doc_type == "report+plan":
        return "report"
    return None


def _action_year(years: Sequence[int], kind: str | None, meta: DocMeta) -> int | None:
    if not years:
        return None
    return min(years)


def _framework(out: Outline, section: int | None, meta: DocMeta) -> tuple[str | None, str | None]:
    """The document's own priority heading above the action (verbatim) and its framework code."""
    path = structure.section_path(out, section)
    chosen = None
    for s in path:
        u = out.units[out.section_units[s]]
        if u.priority and not u.part:
            chosen = s
            break
    if chosen is None:  # the document's own top-level numbered heading ("1. Beleidsvisie sociale economie")
        for s in path:
            u = out.units[out.section_units[s]]
            if not u.part and u.number and "." not in u.number and not u.number[0].isalpha():
                chosen = s
                break
    if chosen is None:
        for s in path:
            u = out.units[out.section_units[s]]
            if not u.part and (u.rank or 9) <= 2.0:
                chosen = s
                break
    if chosen is None:
        return None, None
    u = out.units[out.section_units[chosen]]
    heading = " ".join((u.title or u.text).split())  # verbatim, its numbering dropped
    code = structure.priority_code(u.title or heading)
    if code and code.startswith("SE-") and meta.framework == "WSE-2023" and not re.search(r"\bSE[\s-]\d", heading):
        code = None  # an SE priority's wording in a WSE document names no WSE code
    if code and code.startswith("WSE") and meta.framework == "SE-2020" and not re.search(r"WSE", heading, re.I):
        code = None
    if code == "SE-4":
        code = None  # the optional priority has no code of its own
    return heading, code


def _status(c: _Candidate, doc_type: str | None, year: int | None) -> str:
    if doc_type == "plan":
        return "planned"
    if doc_type != "report":
        return "unknown"
    text = c.result or c.text
    if not text.strip():
        return "unknown"
    cancelled = _CANCELLED.search(text)
    not_started = _NOT_STARTED.search(text)
    ongoing = _ONGOING.search(text)
    if cancelled and not ongoing:
        return "cancelled"
    if not_started and not ongoing:
        return "not_started"
    if ongoing:
        return "ongoing"
    return "done"  # a report tells what was done, unless it says otherwise


__all__ = ["find_actions", "document_parts", "document_kinds", "Part"]
