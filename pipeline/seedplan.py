"""Seed a new region's action plan from what other regions did (precedents).

Per domain (the decree asks at least one action per priority per year) the most relevant
precedents: near-duplicate actions across regions and years (the same action reported in
two years, copied from plan to report, shared by two regions) are merged into one precedent
that keeps all its sources. Each precedent says what was done, who typically led it and with
whom, what came of it (results, figures, done/cancelled) and where it is written (region,
year, document, page).

Ranking = 0.7 relevance + 0.3 evidence when something is asked (themes, domains, --like);
evidence only otherwise. Relevance: how much the action's themes are the requested ones (0.5,
see `search.theme_match`) and text match of the request (the themes' cue words and the --like
text, 0.5). Evidence:
reported as done, with a result, with figures, in several regions, from several sources.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from pipeline.analyse import (
    DOMAINS,
    THEME_CUES,
    UNCLASSIFIED,
    Corpus,
    TextIndex,
    UsageError,
    action_text,
    load_corpus,
    shorten,
)
from pipeline.models import Action
from pipeline.search import query_themes, theme_match
from pipeline.store import Store

MERGE_SIMILARITY = 0.55  # text similarity at or above which two actions are one precedent
MERGE_TITLE = 90  # ... or fuzzy title match (token set ratio) at or above this, with similarity >= LINK_FLOOR
MERGE_HEAD = 0.7  # ... or similarity of the openings (title + HEAD_CHARS of text) at or above this
HEAD_CHARS = 300
LINK_FLOOR = 0.3  # no two actions of one precedent are less similar than this (text or opening)
MIN_RELEVANCE = 0.2  # below this a precedent does not answer the request
MAX_CANDIDATES = 1500  # actions considered for merging (the most relevant ones)


@dataclass(frozen=True)
class SourceRef:
    action_id: str
    region: str | None
    year: int | None
    doc_type: str | None
    source: str
    page: int
    status: str

    def cite(self) -> str:
        kind = f" ({self.doc_type})" if self.doc_type else ""
        return f"{self.region} {self.year or ''}{kind}, {self.source} p. {self.page} [{self.action_id}]".replace("  ", " ")


@dataclass
class Precedent:
    """One action as done (or planned) in one or more regions, with all its sources."""

    domain: str
    title: str
    what: str
    themes: list[str]
    lead: list[tuple[str, int]]
    partners: list[tuple[str, int]]
    results: list[str]
    figures: list[str]
    statuses: dict[str, int]
    regions: list[str]
    years: list[int]
    sources: list[SourceRef]
    relevance: float
    evidence: float
    score: float
    answers_request: bool = True

    @property
    def status_summary(self) -> str:
        return ", ".join(f"{s} ({n})" for s, n in self.statuses.items()) or "unknown"


@dataclass
class DomainSection:
    domain: str
    label: str
    precedents: list[Precedent]
    note: str = ""


@dataclass
class SeedPlan:
    region: str
    themes: list[str]
    domains: list[str]
    like: str | None
    sections: list[DomainSection]
    actions_considered: int
    regions_considered: list[str]
    generated: str = field(default_factory=lambda: _dt.date.today().isoformat())

    def ranked(self) -> list[Precedent]:
        """Every precedent of the plan, best first (across domains); those that answer the request first."""
        return sorted((p for s in self.sections for p in s.precedents), key=lambda p: (not p.answers_request, -p.score))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- building the plan ---------------------------------------------------------------------


def seed_plan(
    store: Store,
    region: str,
    themes: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    like: str | None = None,
    per_domain: int = 5,
    include_own: bool = False,
) -> SeedPlan:
    """A draft action plan for `region`: per domain, the best precedents of other regions."""
    themes = list(themes or [])
    unknown = [t for t in themes if t not in THEME_CUES]
    if unknown:
        raise UsageError(f"unknown theme(s): {', '.join(unknown)}", remedy=f"Themes: {', '.join(THEME_CUES)}.")
    corpus = load_corpus(store)
    present_domains = {a.domain or UNCLASSIFIED for a in corpus.actions}
    if domains:
        bad = [d for d in domains if d not in DOMAINS and d not in present_domains]
        if bad:
            raise UsageError(f"unknown domain(s): {', '.join(bad)}", remedy=f"Domains: {', '.join(DOMAINS)}.")
    wanted_domains = list(domains) if domains else [d for d in DOMAINS] + sorted(present_domains - set(DOMAINS) - {UNCLASSIFIED}) + (
        [UNCLASSIFIED] if UNCLASSIFIED in present_domains else []
    )
    candidates = [
        a for a in corpus.actions
        if (include_own or (a.region or "").casefold() != region.casefold()) and (a.domain or UNCLASSIFIED) in wanted_domains
    ]
    asked = bool(themes or like or domains)
    relevance = _relevance(candidates, themes, like)
    if len(candidates) > MAX_CANDIDATES:  # the most relevant, and some of every domain (for the fallback)
        ranked = np.argsort(-relevance, kind="stable")
        keep = list(ranked[:MAX_CANDIDATES])
        kept_domains = {candidates[i].domain or UNCLASSIFIED for i in keep}
        for domain in set(wanted_domains) - kept_domains:
            keep += [i for i in ranked if (candidates[i].domain or UNCLASSIFIED) == domain][:100]
        candidates = [candidates[i] for i in keep]
        relevance = relevance[keep]
    clusters = _merge(candidates)
    precedents = [_precedent(corpus, [candidates[i] for i in members], relevance[members], bool(themes or like), asked) for members in clusters]
    sections = []
    for domain in wanted_domains:
        in_domain = sorted((p for p in precedents if p.domain == domain), key=lambda p: (-p.score, p.title))
        if not in_domain:
            if domain in DOMAINS:
                sections.append(DomainSection(domain, DOMAINS[domain], [], "Geen precedent voor dit domein in de gegevens."))
            continue
        answering = [p for p in in_domain if p.answers_request]
        note = ""
        if not answering:  # the decree wants one action per priority: offer the best-evidenced one
            answering = sorted(in_domain, key=lambda p: (-p.evidence, p.title))[:1]
            note = "Geen precedent hier past bij de vraag; de best gedocumenteerde actie van dit domein staat er in de plaats."
        sections.append(DomainSection(domain, DOMAINS.get(domain, domain), answering[:per_domain], note))
    return SeedPlan(
        region=region, themes=themes, domains=list(domains or []), like=like, sections=sections,
        actions_considered=len(candidates), regions_considered=sorted({a.region or "" for a in candidates}),
    )


def _relevance(actions: Sequence[Action], themes: Sequence[str], like: str | None) -> np.ndarray:
    if not actions:
        return np.zeros(0)
    if like:  # themes the free text names count as asked for (`--like "fietsrijschool"` -> mobiliteit)

        themes = list(themes) + [t for t in query_themes(like) if t not in themes]
    query = " ".join([THEME_CUES[t] for t in themes] + ([like] if like else []))
    if not query.strip():
        return np.zeros(len(actions))
    text = TextIndex([action_text(a) for a in actions]).scores(query)
    if not themes:
        return text
    return 0.5 * np.array([theme_match(a.themes, themes) for a in actions]) + 0.5 * text


def _merge(actions: Sequence[Action]) -> list[list[int]]:
    """Groups of near-duplicate actions, each a list of indexes.

    Pairs are taken most similar first; a pair is a near-duplicate when its text similarity
    reaches MERGE_SIMILARITY, or the similarity of its openings (title and first sentences, where
    a plan's action statement and its report's usually agree while the comments differ) reaches
    MERGE_HEAD, or its titles (four words or more) match fuzzily and the texts are at least
    LINK_FLOOR similar. Two groups join only when every member of one is at least
    LINK_FLOOR similar to every member of the other, so that chains of loosely related
    actions do not snowball into one precedent.
    """
    n = len(actions)
    if n == 0:
        return []
    full = TextIndex([action_text(a) for a in actions]).similarity()
    head = TextIndex([_head(a) for a in actions]).similarity()
    sim = np.maximum(full, head)
    group = list(range(n))  # index -> group id
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    titles = [a.title for a in actions]
    long_title = np.array([len(t.split()) >= 4 for t in titles])
    fuzzy = process.cdist(titles, titles, scorer=fuzz.token_set_ratio, workers=1) >= MERGE_TITLE
    same = (full >= MERGE_SIMILARITY) | (head >= MERGE_HEAD) | (fuzzy & long_title[:, None] & long_title[None, :] & (sim >= LINK_FLOOR))
    rows, cols = np.nonzero(np.triu(same, k=1))
    order = np.argsort(-sim[rows, cols], kind="stable")
    for k in order.tolist():
        i, j = int(rows[k]), int(cols[k])
        gi, gj = group[i], group[j]
        if gi == gj or sim[np.ix_(members[gi], members[gj])].min() < LINK_FLOOR:
            continue
        for m in members[gj]:
            group[m] = gi
        members[gi].extend(members.pop(gj))
    return list(members.values())


def _head(action: Action) -> str:
    """Title and opening of an action: the statement that a plan and its report share."""
    text = action.text[len(action.title):] if action.text.startswith(action.title) else action.text
    return f"{action.title} {text[:HEAD_CHARS]}"


def _what(action: Action) -> str:
    """What was done: the action's text without its result (the comment); when that leaves
    little beyond the title (a report subsection whose body is its result), the body."""
    body = action.text
    if action.result and action.result in body:
        body = body.replace(action.result, " ")
    body = re.sub(r"\s+", " ", body).strip().lstrip("•·-–✓ ").strip()
    rest = body[len(action.title):] if body.startswith(action.title.strip()) else body
    if len(rest.strip(" .:;")) < 40 and action.result:
        return re.sub(r"\s+", " ", action.result).strip()
    return body or action.title


def _precedent(corpus: Corpus, members: list[Action], relevance: np.ndarray, matched_by_text: bool, asked: bool) -> Precedent:
    order = sorted(
        range(len(members)),
        key=lambda i: (members[i].doc_type == "report" and bool(members[i].result), float(relevance[i]), len(members[i].text)),
        reverse=True,
    )
    rep = members[order[0]]
    domains = Counter()
    for a, r in zip(members, relevance):
        domains[a.domain or UNCLASSIFIED] += 1 + float(r)
    lead = Counter(p.name for a in members for p in dict.fromkeys(a.partners) if p.role == "lead")
    partners = Counter(p.name for a in members for p in dict.fromkeys(a.partners) if p.role == "partner")
    results = list(dict.fromkeys(shorten(a.result, 500) for a in members if a.result))
    figures = list(dict.fromkeys(f.text for a in members for f in a.figures))
    reported = [a for a in members if a.doc_type == "report"]
    statuses = Counter(a.status for a in (reported or members))
    regions = sorted({a.region or "" for a in members})
    sources = sorted(
        (SourceRef(a.action_id, a.region, a.year, a.doc_type, corpus.source(a), a.page, a.status) for a in members),
        key=lambda s: (s.region or "", s.year or 0, s.source, s.page),
    )
    done = any(a.status == "done" for a in reported)
    ongoing = any(a.status == "ongoing" for a in reported)
    cancelled_only = bool(reported) and all(a.status in ("cancelled", "not_started") for a in reported)
    evidence = (
        0.35 * (1.0 if done else 0.4 if ongoing else 0.0)
        + 0.2 * bool(results)
        + 0.1 * bool(figures)
        + 0.2 * min(len(regions), 3) / 3
        + 0.15 * min(len(members), 4) / 4
        - (0.15 if cancelled_only else 0.0)
    )
    evidence = max(0.0, min(1.0, evidence))
    rel = float(relevance.max()) if len(relevance) else 0.0
    score = 0.7 * rel + 0.3 * evidence if asked else evidence
    what = _what(rep)
    if rep.result and what == re.sub(r"\s+", " ", rep.result).strip():  # a subsection: its body is what and result
        results = [r for r in results if r != shorten(rep.result, 500)]
    return Precedent(
        domain=domains.most_common(1)[0][0],
        title=shorten(rep.title, 200),
        what=shorten(what, 600),
        themes=sorted({t for a in members for t in a.themes}),
        lead=lead.most_common(3),
        partners=partners.most_common(8),
        results=results[:4],
        figures=figures[:10],
        statuses=dict(statuses.most_common()),
        regions=regions,
        years=sorted({a.year for a in members if a.year is not None}),
        sources=sources,
        relevance=round(rel, 3),
        evidence=round(evidence, 3),
        score=round(score, 3),
        answers_request=rel >= MIN_RELEVANCE if matched_by_text else True,
    )


# -- writing ---------------------------------------------------------------------------------

STATUS_NL = {"done": "uitgevoerd", "ongoing": "lopend", "cancelled": "geannuleerd", "not_started": "niet gestart",
             "planned": "gepland", "unknown": "onbekend"}


def _intro(plan: SeedPlan) -> list[str]:
    asked = []
    if plan.themes:
        asked.append("thema's " + ", ".join(plan.themes))
    if plan.domains:
        asked.append("domeinen " + ", ".join(plan.domains))
    if plan.like:
        asked.append(f"zoals “{plan.like}”")
    return [
        f"Voorstel van acties voor {plan.region}, op basis van wat andere regio's deden en planden"
        + (f" (gevraagd: {'; '.join(asked)})." if asked else "."),
        f"Bekeken: {plan.actions_considered} acties uit {len(plan.regions_considered)} regio's "
        f"({', '.join(plan.regions_considered)}); opgemaakt op {plan.generated}.",
        "Het decreet vraagt minstens één actie per prioriteit per jaar: per domein staan hieronder de meest "
        "relevante precedenten. Gelijkaardige acties uit verschillende regio's en jaren zijn samengevoegd; "
        "elke bron staat erbij (regio, jaar, document, pagina).",
    ]


def _fields(p: Precedent) -> list[tuple[str, str]]:
    out = [("Wat werd gedaan", p.what)]
    if p.lead:
        out.append(("Trekker", ", ".join(f"{n} ({c}×)" for n, c in p.lead)))
    if p.partners:
        out.append(("Partners", ", ".join(f"{n} ({c}×)" for n, c in p.partners)))
    if p.results:
        out.append(("Wat het opleverde", " / ".join(p.results)))
    if p.figures:
        out.append(("Cijfers", "; ".join(p.figures)))
    out.append(("Status", ", ".join(f"{STATUS_NL.get(s, s)} ({n})" for s, n in p.statuses.items()) or "onbekend"))
    out.append(("Regio's en jaren", f"{', '.join(p.regions)}; {', '.join(str(y) for y in p.years) or 'jaar onbekend'}"))
    if p.themes:
        out.append(("Thema's", ", ".join(p.themes)))
    out.append(("Score", f"{p.score:.2f} (relevantie {p.relevance:.2f}, bewijs {p.evidence:.2f})"))
    return out


def write_markdown(plan: SeedPlan, path: Path | str) -> Path:
    path = Path(path)
    lines = [f"# Actieplan {plan.region}: voorstel op basis van precedenten", ""]
    for para in _intro(plan):
        lines += [para, ""]
    for section in plan.sections:
        lines += [f"## {section.label} (`{section.domain}`)", ""]
        if section.note:
            lines += [f"*{section.note}*", ""]
        for n, p in enumerate(section.precedents, start=1):
            lines += [f"### {n}. {_md(p.title)}", ""]
            lines += [f"- **{label}:** {_md(value)}" for label, value in _fields(p)]
            lines += ["- **Bronnen:**"] + [f"  - {_md(s.cite())}" for s in p.sources] + [""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _md(text: str) -> str:
    return text.replace("\n", " ").replace("*", "\\*").replace("_", "\\_") if text else ""


def write_docx(plan: SeedPlan, path: Path | str) -> Path:
    from docx import Document as Docx
    from docx.shared import Pt

    path = Path(path)
    doc = Docx()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(f"Actieplan {plan.region}: voorstel op basis van precedenten", 0)
    for para in _intro(plan):
        doc.add_paragraph(para)
    for section in plan.sections:
        doc.add_heading(f"{section.label} ({section.domain})", 1)
        if section.note:
            doc.add_paragraph().add_run(section.note).italic = True
        for n, p in enumerate(section.precedents, start=1):
            doc.add_heading(f"{n}. {p.title}", 2)
            for label, value in _fields(p):
                para = doc.add_paragraph()
                para.add_run(f"{label}: ").bold = True
                para.add_run(value)
            doc.add_paragraph().add_run("Bronnen").bold = True
            for s in p.sources:
                doc.add_paragraph(s.cite(), style="List Bullet")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def check_plan_path(path: Path | str) -> Path:
    """The path, if a plan can be written there (by its suffix: .docx or .md)."""
    path = Path(path)
    if path.suffix.lower() not in (".docx", ".md", ".markdown"):
        raise UsageError(f"cannot write a plan as {path.suffix or 'a file without suffix'}", remedy="Use --out plan.docx or --out plan.md.")
    return path


def write_plan(plan: SeedPlan, path: Path | str) -> Path:
    """Write as DOCX or Markdown, by the file's suffix."""
    path = check_plan_path(path)
    return write_docx(plan, path) if path.suffix.lower() == ".docx" else write_markdown(plan, path)
