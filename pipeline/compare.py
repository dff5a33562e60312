"""Compare regions: what they do (domains, themes), with whom, what only one does, and what
came of their plans. Writes an Excel workbook and a self-contained HTML report.

Every number refers back to the actions behind it: each view keeps, per cell, the list of
action ids; the workbook has an `actions` sheet (region, year, document, page per id) and a
`cells` sheet (the ids behind every count), the HTML report links each count to an appendix.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from pipeline.analyse import DOMAINS, UNCLASSIFIED, Corpus, TextIndex, action_text, load_corpus, shorten
from pipeline.models import Action
from pipeline.store import Store

MATCH_THRESHOLD = 0.3  # plan/report similarity below this is "not found" (see match_plans)

OUTCOMES = (
    "planned",
    "reported: done",
    "reported: ongoing",
    "reported: cancelled or not started",
    "reported: status unknown",
    "not found in a later report",
    "no later report in the store",
    "reported, not in a plan",
)


@dataclass
class Matrix:
    """Counts of actions per (row, column), each cell keeping its action ids."""

    name: str
    title: str
    rows: list[str]
    cols: list[str]
    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    row_label: str = "region"

    def ids(self, row: str, col: str) -> list[str]:
        return self.cells.get((row, col), [])

    def count(self, row: str, col: str) -> int:
        return len(self.ids(row, col))

    def frame(self) -> pd.DataFrame:
        data = [[r] + [self.count(r, c) for c in self.cols] for r in self.rows]
        return pd.DataFrame(data, columns=[self.row_label] + self.cols)

    def long(self) -> pd.DataFrame:
        rows = [
            {"view": self.name, "row": r, "column": c, "actions": self.count(r, c), "action_ids": ", ".join(self.ids(r, c))}
            for r in self.rows
            for c in self.cols
            if self.count(r, c)
        ]
        return pd.DataFrame(rows, columns=["view", "row", "column", "actions", "action_ids"])


@dataclass(frozen=True)
class PlanMatch:
    """A planned action and the later reported action that best matches it (or none)."""

    plan: Action
    report: Action | None
    score: float
    outcome: str


@dataclass
class Network:
    """Regions and organisations; an edge per (region, organisation) with its actions."""

    regions: list[str]
    orgs: list[str]
    edges: dict[tuple[str, str], list[str]]  # (region, org) -> action ids

    def org_regions(self, org: str) -> list[str]:
        return [r for r in self.regions if (r, org) in self.edges]


@dataclass
class Comparison:
    corpus: Corpus
    regions: list[str]
    years: list[int] | None
    region_domain: Matrix
    region_theme: Matrix
    partners: pd.DataFrame
    shared_partners: pd.DataFrame
    network: Network
    unique: pd.DataFrame
    plan_report: Matrix
    plan_matches: list[PlanMatch]
    actions: pd.DataFrame

    @property
    def matrices(self) -> list[Matrix]:
        return [self.region_domain, self.region_theme, self.plan_report]

    def plan_matches_frame(self) -> pd.DataFrame:
        rows = []
        for m in self.plan_matches:
            rows.append({
                "region": m.plan.region,
                "plan_year": m.plan.year,
                "plan_action_id": m.plan.action_id,
                "planned": shorten(m.plan.title, 160),
                "outcome": m.outcome,
                "similarity": round(m.score, 3),
                "report_action_id": m.report.action_id if m.report else "",
                "report_year": m.report.year if m.report else None,
                "reported": shorten(m.report.title, 160) if m.report else "",
                "result": shorten(m.report.result or "", 240) if m.report else "",
                "plan_source": self.corpus.cite(m.plan),
                "report_source": self.corpus.cite(m.report) if m.report else "",
            })
        return pd.DataFrame(rows, columns=[
            "region", "plan_year", "plan_action_id", "planned", "outcome", "similarity", "report_action_id",
            "report_year", "reported", "result", "plan_source", "report_source",
        ])


# -- the views -------------------------------------------------------------------------


def build(store: Store, regions: Sequence[str] | None = None, years: Iterable[int] | None = None,
          match_threshold: float = MATCH_THRESHOLD) -> Comparison:
    """All comparison views over the chosen regions and years (all when None)."""
    years_list = sorted(set(years)) if years is not None else None
    corpus = load_corpus(store, regions=regions, years=years_list)
    actions = corpus.actions
    region_names = corpus.regions
    matches = match_plans(corpus, threshold=match_threshold)
    return Comparison(
        corpus=corpus,
        regions=region_names,
        years=years_list,
        region_domain=region_domain(actions, region_names),
        region_theme=region_theme(actions, region_names),
        partners=partners_by_region(actions),
        shared_partners=shared_partners(actions),
        network=network(actions, region_names),
        unique=unique_to_one_region(actions, region_names),
        plan_report=plan_report_matrix(matches, actions),
        plan_matches=matches,
        actions=actions_frame(corpus),
    )


def region_domain(actions: Sequence[Action], regions: list[str]) -> Matrix:
    present = {a.domain or UNCLASSIFIED for a in actions}
    cols = [d for d in DOMAINS if d in present] + sorted(present - set(DOMAINS) - {UNCLASSIFIED})
    if UNCLASSIFIED in present:
        cols.append(UNCLASSIFIED)
    m = Matrix("region_domain", "Actions per region and domain", regions, cols)
    for a in actions:
        m.cells.setdefault((a.region or "", a.domain or UNCLASSIFIED), []).append(a.action_id)
    return m


def region_theme(actions: Sequence[Action], regions: list[str]) -> Matrix:
    counts = Counter(t for a in actions for t in a.themes)
    cols = [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    m = Matrix("region_theme", "Theme coverage per region", regions, cols)
    for a in actions:
        for t in dict.fromkeys(a.themes):
            m.cells.setdefault((a.region or "", t), []).append(a.action_id)
    return m


def _partner_index(actions: Sequence[Action]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """partner -> region -> role -> action ids."""
    index: dict[str, dict[str, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for a in actions:
        seen = set()
        for p in a.partners:
            if (p.name, p.role) in seen:
                continue
            seen.add((p.name, p.role))
            index[p.name][a.region or ""][p.role].append(a.action_id)
    return index


def partners_by_region(actions: Sequence[Action]) -> pd.DataFrame:
    rows = []
    for partner, by_region in _partner_index(actions).items():
        for region, roles in by_region.items():
            ids = list(dict.fromkeys(i for role_ids in roles.values() for i in role_ids))
            rows.append({
                "region": region, "partner": partner, "actions": len(ids),
                "as_lead": len(roles.get("lead", [])), "as_partner": len(roles.get("partner", [])),
                "action_ids": ", ".join(ids),
            })
    df = pd.DataFrame(rows, columns=["region", "partner", "actions", "as_lead", "as_partner", "action_ids"])
    return df.sort_values(["region", "actions", "partner"], ascending=[True, False, True], ignore_index=True)


def shared_partners(actions: Sequence[Action]) -> pd.DataFrame:
    rows = []
    for partner, by_region in _partner_index(actions).items():
        if len(by_region) < 2:
            continue
        per_region = {r: list(dict.fromkeys(i for ids in roles.values() for i in ids)) for r, roles in by_region.items()}
        ids = [i for r in sorted(per_region) for i in per_region[r]]
        rows.append({
            "partner": partner, "regions": len(per_region),
            "per_region": "; ".join(f"{r} ({len(v)})" for r, v in sorted(per_region.items())),
            "actions": len(ids), "action_ids": ", ".join(ids),
        })
    df = pd.DataFrame(rows, columns=["partner", "regions", "per_region", "actions", "action_ids"])
    return df.sort_values(["regions", "actions", "partner"], ascending=[False, False, True], ignore_index=True)


def network(actions: Sequence[Action], regions: list[str]) -> Network:
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in actions:
        for name in dict.fromkeys(p.name for p in a.partners):
            edges[(a.region or "", name)].append(a.action_id)
    orgs = sorted({o for _, o in edges})
    return Network(regions=list(regions), orgs=orgs, edges=dict(edges))


def unique_to_one_region(actions: Sequence[Action], regions: list[str]) -> pd.DataFrame:
    """What only one of the compared regions has.

    kind `theme`: a theme only this region works on; `theme × partner`: a theme and an
    organisation that both occur in several regions, combined by this region only (the
    combination is what is unique, e.g. VDAB on language); `partner`: an organisation only
    this region names. With fewer than two regions nothing is unique.
    """
    columns = ["region", "kind", "theme", "partner", "actions", "action_ids"]
    if len(regions) < 2:
        return pd.DataFrame(columns=columns)
    theme_regions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    partner_regions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    combo_regions: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in actions:
        region = a.region or ""
        names = list(dict.fromkeys(p.name for p in a.partners))
        for t in dict.fromkeys(a.themes):
            theme_regions[t][region].append(a.action_id)
            for n in names:
                combo_regions[(t, n)][region].append(a.action_id)
        for n in names:
            partner_regions[n][region].append(a.action_id)
    rows = []
    for t, by in theme_regions.items():
        if len(by) == 1:
            (region, ids), = by.items()
            rows.append({"region": region, "kind": "theme", "theme": t, "partner": "", "actions": len(ids), "action_ids": ", ".join(ids)})
    for (t, n), by in combo_regions.items():
        if len(by) == 1 and len(theme_regions[t]) > 1 and len(partner_regions[n]) > 1:
            (region, ids), = by.items()
            rows.append({"region": region, "kind": "theme × partner", "theme": t, "partner": n, "actions": len(ids), "action_ids": ", ".join(ids)})
    for n, by in partner_regions.items():
        if len(by) == 1:
            (region, ids), = by.items()
            rows.append({"region": region, "kind": "partner", "theme": "", "partner": n, "actions": len(ids), "action_ids": ", ".join(ids)})
    order = {"theme": 0, "theme × partner": 1, "partner": 2}
    rows.sort(key=lambda r: (r["region"], order[r["kind"]], -r["actions"], r["theme"], r["partner"]))
    return pd.DataFrame(rows, columns=columns)


# -- planned versus reported -----------------------------------------------------------------


def _title_similarity(plans: Sequence[Action], reports: Sequence[Action]) -> np.ndarray:
    """Fuzzy title similarity 0-1: token-set ratio (word order and extra words ignored) when
    both titles have three words or more, plain ratio otherwise (short titles match too easily)."""
    a = [p.title.lower() for p in plans]
    b = [r.title.lower() for r in reports]
    token_set = process.cdist(a, b, scorer=fuzz.token_set_ratio, workers=1) / 100.0
    plain = process.cdist(a, b, scorer=fuzz.ratio, workers=1) / 100.0
    long_a = np.array([len(t.split()) >= 3 for t in a])[:, None]
    long_b = np.array([len(t.split()) >= 3 for t in b])[None, :]
    return np.where(long_a & long_b, token_set, plain)


def match_plans(corpus: Corpus, threshold: float = MATCH_THRESHOLD) -> list[PlanMatch]:
    """Each planned action matched to at most one later reported action of the same region.

    Similarity = 0.75 text similarity (stemmed TF-IDF + character n-grams over title, text and
    result) + 0.25 fuzzy title similarity, at least `threshold`. A report qualifies when it may
    tell what came of the plan (`_later`); pairs are taken greedily, best first, one to one.
    """
    by_region: dict[str, list[Action]] = defaultdict(list)
    for a in corpus.actions:
        by_region[a.region or ""].append(a)
    out: list[PlanMatch] = []
    for region in sorted(by_region):
        plans = [a for a in by_region[region] if a.doc_type == "plan"]
        reports = [a for a in by_region[region] if a.doc_type == "report"]
        if not plans:
            continue
        score = np.zeros((len(plans), len(reports)))
        if reports:
            index = TextIndex([action_text(a) for a in plans + reports])
            sim = index.similarity(rows=range(len(plans)), cols=range(len(plans), len(plans) + len(reports)))
            score = 0.75 * sim + 0.25 * _title_similarity(plans, reports)
            score[~_later(plans, reports)] = 0.0
        pairs = sorted(
            ((score[i, j], -abs((reports[j].year or 0) - (plans[i].year or 0)), i, j) for i, j in zip(*np.nonzero(score >= threshold))),
            reverse=True,
        )
        taken_p: dict[int, tuple[int, float]] = {}
        taken_r: set[int] = set()
        for s, _, i, j in pairs:
            if i not in taken_p and j not in taken_r:
                taken_p[i] = (j, float(s))
                taken_r.add(j)
        later = _later(plans, reports).any(axis=1) if reports else np.zeros(len(plans), dtype=bool)
        for i, p in enumerate(plans):
            if i in taken_p:
                j, s = taken_p[i]
                out.append(PlanMatch(p, reports[j], s, _outcome(reports[j])))
            else:
                out.append(PlanMatch(p, None, 0.0, "not found in a later report" if later[i] else "no later report in the store"))
    return out


def _later(plans: Sequence[Action], reports: Sequence[Action]) -> np.ndarray:
    """plans x reports: may this report tell what came of this plan? A report of the plan's
    year or later from another document, or of a later year from the same document (a
    werkingsverslag that carries the multi-year plan it reports on). Unknown years: another
    document only."""
    p_doc = np.array([p.doc_id for p in plans], dtype=object)[:, None]
    r_doc = np.array([r.doc_id for r in reports], dtype=object)[None, :]
    p_year = np.array([np.nan if p.year is None else p.year for p in plans], dtype=float)[:, None]
    r_year = np.array([np.nan if r.year is None else r.year for r in reports], dtype=float)[None, :]
    known = ~np.isnan(p_year) & ~np.isnan(r_year)
    with np.errstate(invalid="ignore"):
        by_year = np.where(p_doc == r_doc, r_year > p_year, r_year >= p_year)
    return np.where(known, by_year, p_doc != r_doc)


def _outcome(report: Action) -> str:
    if report.status == "done":
        return "reported: done"
    if report.status == "ongoing":
        return "reported: ongoing"
    if report.status in ("cancelled", "not_started"):
        return "reported: cancelled or not started"
    return "reported: status unknown"


def plan_report_matrix(matches: Sequence[PlanMatch], actions: Sequence[Action]) -> Matrix:
    """Rows `region · year` (the plan's year); columns the outcomes of OUTCOMES."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    matched_reports = {m.report.action_id for m in matches if m.report}
    plan_years: dict[str, list[int]] = defaultdict(list)
    for m in matches:
        row = f"{m.plan.region} · {m.plan.year if m.plan.year is not None else '?'}"
        cells[(row, "planned")].append(m.plan.action_id)
        cells[(row, m.outcome)].append(m.plan.action_id)
        plan_years[m.plan.region or ""].append(m.plan.year if m.plan.year is not None else 0)
    for a in actions:
        region = a.region or ""
        if a.doc_type != "report" or a.action_id in matched_reports or region not in plan_years:
            continue
        if a.year is not None and a.year < min(plan_years[region]):
            continue  # before the first plan: nothing was planned then
        cells[(f"{region} · {a.year if a.year is not None else '?'}", "reported, not in a plan")].append(a.action_id)
    rows = sorted({r for r, _ in cells})
    cols = [c for c in OUTCOMES if any((r, c) in cells for r in rows)]
    return Matrix("plan_vs_report", "Planned versus reported", rows, cols, dict(cells), row_label="region · year")


# -- the actions sheet ----------------------------------------------------------------------


def actions_frame(corpus: Corpus) -> pd.DataFrame:
    rows = []
    for a in corpus.actions:
        rows.append({
            "action_id": a.action_id, "region": a.region, "year": a.year, "doc_type": a.doc_type,
            "domain": a.domain or "", "themes": "; ".join(a.themes), "status": a.status,
            "title": shorten(a.title, 300), "result": shorten(a.result or "", 400),
            "partners": "; ".join(f"{p.name} ({p.role})" for p in a.partners),
            "figures": "; ".join(f.text for f in a.figures),
            "source": corpus.source(a), "page": a.page, "doc_id": a.doc_id,
        })
    return pd.DataFrame(rows, columns=[
        "action_id", "region", "year", "doc_type", "domain", "themes", "status", "title", "result",
        "partners", "figures", "source", "page", "doc_id",
    ])


# -- writing ------------------------------------------------------------------------------


def write_xlsx(c: Comparison, path: Path) -> Path:
    """One sheet per view, header row frozen, columns sized to their content."""
    summary = pd.DataFrame(
        [{
            "region": r,
            "documents": len({a.doc_id for a in c.corpus.actions if a.region == r}),
            "actions": sum(1 for a in c.corpus.actions if a.region == r),
            "reported": sum(1 for a in c.corpus.actions if a.region == r and a.doc_type == "report"),
            "planned": sum(1 for a in c.corpus.actions if a.region == r and a.doc_type == "plan"),
            "years": ", ".join(str(y) for y in sorted({a.year for a in c.corpus.actions if a.region == r and a.year})),
            "partners": int((c.partners["region"] == r).sum()),
        } for r in c.regions],
        columns=["region", "documents", "actions", "reported", "planned", "years", "partners"],
    )
    edges = pd.DataFrame(
        [{"region": r, "organisation": o, "actions": len(ids), "action_ids": ", ".join(ids)} for (r, o), ids in sorted(c.network.edges.items())],
        columns=["region", "organisation", "actions", "action_ids"],
    )
    sheets: list[tuple[str, pd.DataFrame, int]] = [  # (name, frame, frozen columns)
        ("summary", summary, 1),
        ("region_domain", c.region_domain.frame(), 1),
        ("region_theme", c.region_theme.frame(), 1),
        ("partners", c.partners, 2),
        ("shared_partners", c.shared_partners, 1),
        ("network_edges", edges, 2),
        ("unique", c.unique, 2),
        ("plan_vs_report", c.plan_report.frame(), 1),
        ("plan_matches", c.plan_matches_frame(), 0),
        ("cells", pd.concat([m.long() for m in c.matrices], ignore_index=True), 0),
        ("actions", c.actions, 1),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame, frozen in sheets:
            frame.to_excel(writer, sheet_name=name, index=False)
            _format_sheet(writer.sheets[name], frame, frozen)
    return path


def _format_sheet(ws, frame: pd.DataFrame, frozen_cols: int) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = f"{get_column_letter(frozen_cols + 1)}2"
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, column in enumerate(frame.columns, start=1):
        sample = [str(column)] + [str(v) for v in frame[column].head(500).tolist()]
        width = min(max(len(s) for s in sample) + 2, 60)
        ws.column_dimensions[get_column_letter(i)].width = max(width, 8)
        if width >= 60:
            for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if frame.shape[0]:
        ws.auto_filter.ref = ws.dimensions


def compare(store: Store, regions: Sequence[str] | None = None, years: Iterable[int] | None = None,
            out_dir: Path | str = Path("outputs") / "compare") -> dict[str, Path]:
    """Write `compare.xlsx` and `compare.html` into `out_dir`; returns their paths."""
    from pipeline.report_html import render

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    c = build(store, regions=regions, years=years)
    xlsx = write_xlsx(c, out / "compare.xlsx")
    html = out / "compare.html"
    html.write_text(render(c), encoding="utf-8")
    return {"xlsx": xlsx, "html": html}
