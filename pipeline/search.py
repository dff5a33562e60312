"""Full-text search over actions: offline, Dutch-stemmed, compound-aware.

Text score = 0.7 BM25 over Snowball-Dutch stems + 0.3 character n-gram TF-IDF cosine above a
noise floor (spelling and OCR variants). BM25 treats each query word as one concept whose
alternatives are its stem, the compounds that start or end with it (`taal` finds
`taalcoachingtraject`, `fiets` finds `deelfiets`) and the field's abbreviation of it
(`arbeidszorg` finds `AZ`); title words count twice (BM25F-style), and an action's score is
scaled by the idf-weighted share of the query's concepts it holds (COVERAGE).
When the query names a theme (by the classifier's cue table: "zichtbaarheid" -> zichtbaarheid),
the score is 0.7 text + 0.3 share of those themes the action carries: actions about the theme
in other words ("brochure", "communicatiestrategie") rank too. No model, no network.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Sequence

import numpy as np

from pipeline.analyse import Corpus, TextIndex, best_passage, load_corpus
from pipeline.models import Action
from pipeline.store import Store


THEME_WEIGHT = 0.3  # share of the score that comes from the action carrying the query's themes
TITLE_WEIGHT = 1.0  # extra count of a word in the title
COVERAGE = 0.5  # power of the share of query concepts an action holds
MIN_SCORE = 0.05  # relative to the best match: below this a "match" is character-n-gram noise


def query_themes(query: str) -> tuple[str, ...]:
    """The themes a query names, by the classifier's own cue table (`taalcoaching` -> taal,
    `sociale clausules` -> sociaal_aankopen), so that query and actions speak the same codes."""
    from pipeline.themes import load_cue_table

    return load_cue_table().assign(query, "")[0]


def theme_match(have: Sequence[str], wanted: Sequence[str]) -> float:
    """How much an action with themes `have` is about the themes `wanted`, 0-1: half the share
    of the wanted themes it carries, half the share of its own themes that are wanted (an
    action tagged with six themes is less about any one of them than one tagged with two)."""
    hit = len(set(have) & set(wanted))
    if not hit:
        return 0.0
    return 0.5 * hit / len(set(wanted)) + 0.5 * hit / len(set(have))


def _searchable(a: Action) -> str:
    """Title (once), text and result: the title field is weighted on top by the index."""
    parts = [a.title if a.title not in a.text else "", a.text]
    if a.result and a.result not in a.text:
        parts.append(a.result)
    return "\n".join(p for p in parts if p)


def _body(a: Action) -> str:
    """Text and result, for snippets (the title is shown on its own)."""
    return a.text + (" " + a.result if a.result and a.result not in a.text else "")


@dataclass(frozen=True)
class Hit:
    """One search result with where it comes from."""

    rank: int
    score: float
    action_id: str
    region: str | None
    year: int | None
    doc_type: str | None
    domain: str | None
    themes: tuple[str, ...]
    status: str
    title: str
    snippet: str
    source: str
    page: int
    doc_id: str

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["themes"] = list(self.themes)
        return data


class ActionSearcher:
    """An index over a corpus' actions; build once, query many times (evaluation, bench)."""

    def __init__(
        self,
        corpus: Corpus,
        theme_weight: float = THEME_WEIGHT,
        title_weight: float = TITLE_WEIGHT,
        coverage: float = COVERAGE,
    ) -> None:
        self.corpus = corpus
        self.actions: list[Action] = list(corpus.actions)
        self.index = TextIndex([_searchable(a) for a in self.actions], titles=[a.title for a in self.actions], title_weight=title_weight)
        self.theme_weight = theme_weight
        self.coverage = coverage

    def scores(self, query: str) -> np.ndarray:
        """Text relevance, blended with theme agreement when the query names a theme."""
        text = self.index.scores(query, coverage=self.coverage)
        wanted = set(query_themes(query))
        if not wanted or not self.theme_weight:
            return text
        themes = np.array([theme_match(a.themes, wanted) for a in self.actions])
        return (1 - self.theme_weight) * text + self.theme_weight * themes

    def search(
        self,
        query: str,
        region: str | None = None,
        domain: str | None = None,
        theme: str | None = None,
        doc_type: str | None = None,
        year: int | None = None,
        k: int = 10,
    ) -> list[Hit]:
        if not query.strip() or not self.actions:
            return []
        scores = self.scores(query)
        ranked = []
        for i in scores.argsort()[::-1]:
            score = float(scores[i])
            if score < MIN_SCORE:
                break
            a = self.actions[i]
            if region is not None and (a.region or "").casefold() != region.casefold():
                continue
            if domain is not None and a.domain != domain:
                continue
            if theme is not None and theme not in a.themes:
                continue
            if doc_type is not None and a.doc_type != doc_type:
                continue
            if year is not None and a.year != year:
                continue
            ranked.append((score, a))
            if len(ranked) >= k:
                break
        return [
            Hit(
                rank=n + 1, score=round(score, 4), action_id=a.action_id, region=a.region, year=a.year,
                doc_type=a.doc_type, domain=a.domain, themes=a.themes, status=a.status, title=a.title,
                snippet=best_passage(_body(a), query), source=self.corpus.source(a), page=a.page, doc_id=a.doc_id,
            )
            for n, (score, a) in enumerate(ranked)
        ]


def search(
    store: Store,
    query: str,
    region: str | None = None,
    domain: str | None = None,
    theme: str | None = None,
    k: int = 10,
    doc_type: str | None = None,
    year: int | None = None,
) -> list[Hit]:
    """The `k` actions that best match `query`, best first, with a snippet and their source.

    Filters narrow the results but not the statistics (IDF is over the whole store), so a
    score means the same with or without a filter.
    """
    return ActionSearcher(load_corpus(store)).search(query, region=region, domain=domain, theme=theme, doc_type=doc_type, year=year, k=k)


def render_hits(hits: Sequence[Hit]) -> str:
    """Plain-text listing for the terminal."""
    lines = []
    for h in hits:
        meta = " · ".join(str(x) for x in (h.region, h.year, h.doc_type, h.domain) if x)
        lines.append(f"{h.rank:>2}. [{h.score:.2f}] {h.title[:100]}")
        lines.append(f"    {meta} — {h.source} p. {h.page} — {h.action_id}")
        if h.snippet:
            lines.append(f"    {h.snippet}")
    return "\n".join(lines)
