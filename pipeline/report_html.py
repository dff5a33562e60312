"""The comparison as one self-contained HTML page: inline CSS and hand-written SVG charts,
no script, no external reference, so it opens offline and stays small.

Each count is a link to its entry in the appendix "Sources of the numbers", which lists the
actions behind it; each action links to the appendix "Actions" (region, year, document,
page, title).
"""
from __future__ import annotations

import datetime as _dt
import math
from collections import defaultdict
from html import escape
from typing import Sequence


from pipeline.analyse import DOMAINS, shorten
from pipeline.compare import Comparison, Matrix

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
DOMAIN_COLOURS = {
    "netwerking": "#4e79a7", "activering": "#f28e2b", "sociale_economie": "#59a14f",
    "mvo_ondernemen": "#b07aa1", "samenwerking_vdab": "#e15759",
}
NETWORK_MAX_ORGS = 60
UNIQUE_ITEMS = 25  # items per cell of the "only one region" table in the HTML
PLAN_ROWS = 300  # rows of the plan-by-plan table in the HTML (the workbook has all)

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1300px;padding:1em 2em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}td.z{color:#bbb;text-align:right}
a{color:#1a5fb4;text-decoration:none}a:hover{text-decoration:underline}
.note{color:#555;font-size:.92em}.small{font-size:.85em}.ids a{margin-right:.5em;white-space:nowrap}
.cell{margin:.2em 0;padding:.2em 0;border-bottom:1px dotted #eee}:target{background:#fff3b0}
svg text{font-family:system-ui,sans-serif}nav a{margin-right:1em}
"""


def render(c: Comparison) -> str:
    """The whole report as an HTML string."""
    r = _Renderer(c)
    return r.page()


class _Renderer:
    def __init__(self, c: Comparison) -> None:
        self.c = c
        self.cell_ids: dict[str, list[str]] = {}  # html id -> action ids
        self.cell_labels: dict[str, str] = {}
        self._by_content: dict[tuple[str, tuple[str, ...]], str] = {}
        # Actions are numbered 1..n in the appendix; links use the number (short, so big corpora stay small).
        self.number_of = {a.action_id: n for n, a in enumerate(c.corpus.actions, start=1)}
        self.region_colour = {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(c.regions)}

    # -- links ------------------------------------------------------------------------

    def cell(self, label: str, ids: Sequence[str]) -> str:
        """Register the ids behind a number; returns the html id of its appendix entry."""
        seen = self._by_content.get((label, tuple(ids)))
        if seen:
            return seen
        key = f"c{len(self.cell_ids) + 1}"
        self.cell_ids[key] = list(ids)
        self.cell_labels[key] = label
        self._by_content[(label, tuple(ids))] = key
        return key

    def number(self, label: str, ids: Sequence[str]) -> str:
        if not ids:
            return '<td class="z">·</td>'
        return f'<td class="n"><a href="#{self.cell(label, ids)}">{len(ids)}</a></td>'

    def id_links(self, ids: Sequence[str]) -> str:
        return " ".join(f"<a href=#a{self.number_of[i]}>{self.number_of[i]}</a>" for i in ids)

    def action_link(self, action_id: str, text: str) -> str:
        return f"<a href=#a{self.number_of[action_id]}>{text}</a>"

    # -- page -------------------------------------------------------------------------

    def page(self) -> str:
        c = self.c
        scope = ", ".join(c.regions) or "(no regions)"
        years = f"{c.years[0]}–{c.years[-1]}" if c.years else "all years"
        body = [
            f"<h1>Regions compared</h1><p class=note>{escape(scope)} · {escape(years)} · "
            f"{len(c.corpus.actions)} actions from {len({a.doc_id for a in c.corpus.actions})} documents · "
            f"generated {_dt.date.today().isoformat()}. Every number links to the actions behind it "
            "(appendix “Sources of the numbers”), and every action to its region, year, document and page (appendix “Actions”).</p>",
            "<nav class=small><a href=#domains>Domains</a><a href=#themes>Themes</a><a href=#partners>Partners</a>"
            "<a href=#network>Network</a><a href=#unique>Unique</a><a href=#plans>Planned vs reported</a>"
            "<a href=#sources>Sources of the numbers</a><a href=#actions>Actions</a></nav>",
            self.domains(), self.themes(), self.partners(), self.network_section(), self.unique(), self.plans(),
        ]
        appendix = [self.sources(), self.actions()]
        return (
            "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Regions compared</title>"
            f"<style>{CSS}</style></head><body>{''.join(body)}{''.join(appendix)}</body></html>"
        )

    def matrix_table(self, m: Matrix, col_labels: dict[str, str] | None = None, total: bool = False) -> str:
        col_labels = col_labels or {}
        head = "".join(f"<th>{escape(col_labels.get(col, col))}</th>" for col in m.cols)
        rows = []
        for r in m.rows:
            cells = "".join(self.number(f"{m.title}: {r} × {col_labels.get(col, col)}", m.ids(r, col)) for col in m.cols)
            every = list(dict.fromkeys(i for col in m.cols for i in m.ids(r, col)))
            rows.append(f"<tr><th>{escape(r)}</th>{cells}{self.number(f'{m.title}: {r}, all', every) if total else ''}</tr>")
        return f"<table><tr><th>{escape(m.row_label)}</th>{head}{'<th>all</th>' if total else ''}</tr>{''.join(rows)}</table>"

    # -- sections ---------------------------------------------------------------------

    def domains(self) -> str:
        m = self.c.region_domain
        return (
            "<h2 id=domains>Actions per region and domain</h2>"
            "<p class=note>Harmonised domains of both frameworks (SE-2020 and WSE-2023); an action counts once.</p>"
            + self.stacked_bars(m) + self.matrix_table(m, {k: v for k, v in DOMAINS.items()})
        )

    def stacked_bars(self, m: Matrix) -> str:
        if not m.rows or not m.cols:
            return "<p>No actions.</p>"
        label_w, bar_w, row_h = 230, 700, 26
        totals = {r: sum(m.count(r, col) for col in m.cols) for r in m.rows}
        top = max(totals.values()) or 1
        per_line = 3
        legend_h = 20 * math.ceil(len(m.cols) / per_line) + 6
        height = legend_h + row_h * len(m.rows) + 10
        parts = [f'<svg width="{label_w + bar_w + 60}" height="{height}" role="img" aria-label="{escape(m.title)}">']
        for k, col in enumerate(m.cols):
            x, y = label_w + (k % per_line) * 240, 4 + 20 * (k // per_line)
            colour = DOMAIN_COLOURS.get(col, "#bbb")
            label = DOMAINS.get(col, col)
            parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/><text x="{x + 16}" y="{y + 10}" font-size="11">{escape(shorten(label, 44))}</text>')
        for i, r in enumerate(m.rows):
            y = legend_h + i * row_h
            parts.append(f'<text x="{label_w - 8}" y="{y + 17}" font-size="12" text-anchor="end">{escape(shorten(r, 34))}</text>')
            x = float(label_w)
            for col in m.cols:
                n = m.count(r, col)
                if not n:
                    continue
                w = bar_w * n / top
                key = self.cell(f"{m.title}: {r} × {DOMAINS.get(col, col)}", m.ids(r, col))
                parts.append(
                    f'<a href="#{key}"><rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{DOMAIN_COLOURS.get(col, "#bbb")}">'
                    f"<title>{escape(r)} · {escape(DOMAINS.get(col, col))}: {n}</title></rect>"
                    + (f'<text x="{x + w / 2:.1f}" y="{y + 17}" font-size="11" fill="#fff" text-anchor="middle">{n}</text>' if w > 18 else "")
                    + "</a>"
                )
                x += w
            parts.append(f'<text x="{x + 5:.1f}" y="{y + 17}" font-size="11">{totals[r]}</text>')
        parts.append("</svg>")
        return "".join(parts)

    def themes(self) -> str:
        m = self.c.region_theme
        if not m.cols:
            return "<h2 id=themes>Theme coverage per region</h2><p>No themes were assigned to these actions.</p>"
        return (
            "<h2 id=themes>Theme coverage per region</h2>"
            "<p class=note>Number of actions per theme; darker is more. Click a cell for its actions.</p>" + self.heatmap(m)
        )

    def heatmap(self, m: Matrix) -> str:
        label_w, cell_w, cell_h, head_h = 230, 46, 26, 120
        width = label_w + cell_w * len(m.cols) + 90
        height = head_h + cell_h * len(m.rows) + 10
        top = max((m.count(r, col) for r in m.rows for col in m.cols), default=1) or 1
        parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{escape(m.title)}">']
        for j, col in enumerate(m.cols):
            x = label_w + j * cell_w + cell_w / 2
            parts.append(f'<text transform="translate({x + 4:.1f},{head_h - 6}) rotate(-55)" font-size="12">{escape(col)}</text>')
        for i, r in enumerate(m.rows):
            y = head_h + i * cell_h
            parts.append(f'<text x="{label_w - 8}" y="{y + 17}" font-size="12" text-anchor="end">{escape(shorten(r, 34))}</text>')
            for j, col in enumerate(m.cols):
                n = m.count(r, col)
                x = label_w + j * cell_w
                if not n:
                    parts.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="#f6f6f6"/>')
                    continue
                t = math.sqrt(n / top)
                fill = _blend("#deebf7", "#08306b", t)
                ink = "#fff" if t > 0.45 else "#111"
                key = self.cell(f"{m.title}: {r} × {col}", m.ids(r, col))
                parts.append(
                    f'<a href="#{key}"><rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}">'
                    f"<title>{escape(r)} · {escape(col)}: {n}</title></rect>"
                    f'<text x="{x + (cell_w - 2) / 2}" y="{y + 17}" font-size="12" fill="{ink}" text-anchor="middle">{n}</text></a>'
                )
        parts.append("</svg>")
        return "".join(parts)

    def partners(self) -> str:
        c = self.c
        out = ["<h2 id=partners>Partners</h2>"]
        if c.partners.empty:
            return out[0] + "<p>No partners were recorded for these actions.</p>"
        shared = c.shared_partners
        if shared.empty:
            out.append("<p>No organisation works with more than one of these regions.</p>")
        else:
            rows = []
            for row in shared.itertuples(index=False):
                ids = row.action_ids.split(", ")
                rows.append(f"<tr><td>{escape(row.partner)}</td><td class=n>{row.regions}</td><td>{escape(row.per_region)}</td>{self.number(f'Shared partner {row.partner}', ids)}</tr>")
            out.append("<h3>Partners the regions share</h3><table><tr><th>organisation</th><th>regions</th><th>per region (actions)</th><th>actions</th></tr>" + "".join(rows) + "</table>")
        out.append("<h3>Partners per region</h3><p class=note>The ten organisations each region names most (all of them in the workbook).</p>")
        rows = []
        for region, group in c.partners.groupby("region", sort=True):
            top = group.head(10)
            items = []
            for row in top.itertuples(index=False):
                key = self.cell(f"Partner {row.partner} in {region}", row.action_ids.split(", "))
                lead = f", lead in {row.as_lead}" if row.as_lead else ""
                items.append(f'{escape(row.partner)} (<a href="#{key}">{row.actions}</a>{lead})')
            rows.append(f"<tr><th>{escape(str(region))}</th><td class=n>{len(group)}</td><td>{'; '.join(items)}</td></tr>")
        out.append("<table><tr><th>region</th><th>organisations</th><th>most named (actions)</th></tr>" + "".join(rows) + "</table>")
        return "".join(out)

    def network_section(self) -> str:
        net = self.c.network
        if not net.edges:
            return "<h2 id=network>Partner network</h2><p>No partners were recorded for these actions.</p>"
        return (
            "<h2 id=network>Partner network</h2><p class=note>Regions (large circles) and the organisations they work with. "
            "Organisations shared by several regions sit in the middle; those of one region sit beside it. "
            "Line width: number of actions; click a line for its actions."
            + (f" Showing the {NETWORK_MAX_ORGS} most connected of {len(net.orgs)} organisations." if len(net.orgs) > NETWORK_MAX_ORGS else "")
            + "</p>" + self.network_svg()
        )

    def network_svg(self) -> str:
        """Regions on a circle; each region's own organisations fan out behind it (labels along
        the rays, so they do not overlap); shared organisations in between, near the regions
        they share, pushed apart until their labels clear each other."""
        net = self.c.network
        degree = {o: (len(net.org_regions(o)), sum(len(net.edges[(r, o)]) for r in net.org_regions(o))) for o in net.orgs}
        orgs = sorted(net.orgs, key=lambda o: (-degree[o][0], -degree[o][1], o))[:NETWORK_MAX_ORGS]
        regions = [r for r in net.regions if any((r, o) in net.edges for o in orgs)]
        n = max(len(regions), 1)
        ring = 0.0 if n == 1 else 240.0 + 30.0 * n
        pos: dict[str, tuple[float, float]] = {}
        angle: dict[str, float] = {}
        for i, r in enumerate(regions):
            a = -math.pi / 2 + 2 * math.pi * i / n
            angle["R:" + r] = a
            pos["R:" + r] = (ring * math.cos(a), ring * math.sin(a))
        own: dict[str, list[str]] = defaultdict(list)
        shared: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for o in orgs:
            rs = tuple(r for r in regions if (r, o) in net.edges)
            (own[rs[0]] if len(rs) == 1 else shared[rs]).append(o)
        for r, members in own.items():  # a fan behind the region, facing away from the centre
            base = angle["R:" + r] if n > 1 else -math.pi / 2
            spread = min(math.radians(200), max(math.radians(40), 0.11 * len(members))) if n > 1 else 2 * math.pi * (1 - 1 / max(len(members), 1))
            dist = max(110.0, 13.0 * len(members) / spread) if spread else 110.0
            for k, o in enumerate(members):
                a = base + (((k + 0.5) / len(members) - 0.5) * spread if len(members) > 1 else 0.0)
                x0, y0 = pos["R:" + r]
                pos["O:" + o] = (x0 + dist * math.cos(a), y0 + dist * math.sin(a))
                angle["O:" + o] = a
        middle = []
        for rs, members in shared.items():  # near the regions they share, inside the ring
            gx = sum(pos["R:" + r][0] for r in rs) / len(rs) * 0.5
            gy = sum(pos["R:" + r][1] for r in rs) / len(rs) * 0.5
            for k, o in enumerate(members):
                pos["O:" + o] = (gx + 3.0 * k, gy + 16.0 * k)
                middle.append(o)
        _spread_labels(pos, ["O:" + o for o in middle], {"O:" + o: 7.0 * min(len(o), 30) + 14 for o in middle})
        # Bounds, including a rough extent of the labels.
        xs, ys = [], []
        for key, (x, y) in pos.items():
            reach = 7.0 * min(len(key) - 2, 30) + 16
            a = angle.get(key) if key.startswith("O:") and key[2:] not in middle else None
            xs += [x - (reach if a is None else max(0.0, -reach * math.cos(a))), x + (reach if a is None else max(0.0, reach * math.cos(a)))]
            ys += [y - 30 - (0.0 if a is None else max(0.0, -reach * math.sin(a))), y + 20 + (0.0 if a is None else max(0.0, reach * math.sin(a)))]
        x0, y0 = min(xs) - 10, min(ys) - 10
        w, h = max(xs) - x0 + 10, max(ys) - y0 + 10
        parts = [f'<svg width="{min(w, 1250):.0f}" viewBox="{x0:.0f} {y0:.0f} {w:.0f} {h:.0f}" role="img" aria-label="Partner network">']
        top = max((len(net.edges[(r, o)]) for o in orgs for r in regions if (r, o) in net.edges), default=1)
        for o in orgs:
            for r in regions:
                ids = net.edges.get((r, o))
                if not ids:
                    continue
                (x1, y1), (x2, y2) = pos["R:" + r], pos["O:" + o]
                key = self.cell(f"{r} works with {o}", ids)
                parts.append(
                    f'<a href="#{key}"><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{self.region_colour[r]}" '
                    f'stroke-opacity="0.55" stroke-width="{1 + 5 * len(ids) / top:.1f}"><title>{escape(r)} – {escape(o)}: {len(ids)} actions</title></line></a>'
                )
        for o in orgs:
            x, y = pos["O:" + o]
            is_shared = o in middle
            tip = f"<title>{escape(o)}: {degree[o][0]} regions, {degree[o][1]} actions</title>"
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{6 if is_shared else 4}" fill="{"#333" if is_shared else "#999"}">{tip}</circle>')
            label = escape(shorten(o, 30))
            if is_shared:
                parts.append(f'<text x="{x + 9:.1f}" y="{y + 4:.1f}" font-size="12" font-weight="bold" fill="#222" stroke="#fff" '
                             f'stroke-width="3" paint-order="stroke">{label}</text>')
            else:  # along the ray, flipped on the left so it reads left to right
                deg = math.degrees(angle["O:" + o])
                left = math.cos(angle["O:" + o]) < 0
                rot, anchor_side, dx = (deg + 180, "end", -8) if left else (deg, "start", 8)
                parts.append(f'<text transform="translate({x:.1f},{y:.1f}) rotate({rot:.1f})" x="{dx}" y="3.5" font-size="10.5" '
                             f'text-anchor="{anchor_side}" fill="#333">{label}</text>')
        for r in regions:
            x, y = pos["R:" + r]
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="{self.region_colour[r]}" stroke="#fff" stroke-width="2"><title>{escape(r)}</title></circle>'
                f'<text x="{x:.1f}" y="{y - 22:.1f}" font-size="14" font-weight="bold" text-anchor="middle" fill="{self.region_colour[r]}" '
                f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(r)}</text>'
            )
        parts.append("</svg>")
        return "".join(parts)

    def unique(self) -> str:
        u = self.c.unique
        head = "<h2 id=unique>Only one region</h2>"
        if u.empty:
            return head + "<p>Nothing is unique to one region (or fewer than two regions are compared).</p>"
        out = [head, "<p class=note><b>themes</b>: themes only this region works on; <b>theme × partner</b>: a theme and an "
               "organisation that both occur in several regions, combined by this region only; <b>partners</b>: organisations only "
               f"this region names. Most actions first, at most {UNIQUE_ITEMS} per cell (all in the workbook, sheet unique).</p>"
               "<table><tr><th>region</th><th>only here</th><th>what (actions)</th></tr>"]
        kinds = {"theme": "themes", "theme × partner": "theme × partner", "partner": "partners"}
        for region, group in u.groupby("region", sort=True):
            for kind, label in kinds.items():
                rows = group[group.kind == kind]
                if rows.empty:
                    continue
                items = []
                for row in rows.head(UNIQUE_ITEMS).itertuples(index=False):
                    name = " × ".join(x for x in (row.theme, row.partner) if x)
                    key = self.cell(f"Only {region}: {name}", row.action_ids.split(", "))
                    items.append(f'{escape(name)} (<a href="#{key}">{row.actions}</a>)')
                more = f"; … {len(rows) - UNIQUE_ITEMS} more" if len(rows) > UNIQUE_ITEMS else ""
                out.append(f"<tr><td>{escape(str(region))}</td><td>{label}</td><td>{'; '.join(items)}{more}</td></tr>")
        out.append("</table>")
        return "".join(out)

    def plans(self) -> str:
        c = self.c
        head = "<h2 id=plans>Planned versus reported</h2>"
        if not c.plan_matches:
            return head + "<p>No planned actions among these documents.</p>"
        out = [head, "<p class=note>Each planned action is matched to the most similar action reported later by the same region "
               "(text similarity over title, text and result; one to one). Rows: region and the plan's year "
               "(for <i>reported, not in a plan</i>: the report's year).</p>", self.matrix_table(c.plan_report)]
        # Plans without any later report cannot be followed up yet: counted above, listed in the workbook.
        testable = [m for m in c.plan_matches if m.outcome != "no later report in the store"]
        testable.sort(key=lambda m: (m.report is None, m.plan.region or "", m.plan.year or 0))
        shown = testable[:PLAN_ROWS]
        untested = len(c.plan_matches) - len(testable)
        notes = ["Plans that a later report of the same region can tell about; matched ones first. Click a title for its source."]
        if untested:
            notes.append(f"{untested} planned actions have no later report in the store (counted above; listed in the workbook, sheet plan_matches).")
        if len(testable) > PLAN_ROWS:
            notes.append(f"The first {PLAN_ROWS} of {len(testable)} are shown; all are in the workbook.")
        if not testable:
            out.append("<h3>What came of each plan</h3><p class=note>" + " ".join(notes[1:]) + "</p>")
            return "".join(out)
        out.append(f"<h3>What came of each plan</h3><p class=note>{' '.join(notes)}</p>"
                   "<table><tr><th>region</th><th>year</th><th>planned</th><th>outcome</th><th>reported as</th><th>similarity</th></tr>")
        for m in shown:
            plan = self.action_link(m.plan.action_id, escape(shorten(m.plan.title, 110)))
            if m.report:
                rep = self.action_link(m.report.action_id, escape(shorten(m.report.title, 110))) + f" <span class=small>({m.report.year})</span>"
                if m.report.result:
                    rep += f"<br><span class=small>{escape(shorten(m.report.result, 200))}</span>"
            else:
                rep = ""
            score = f"{m.score:.2f}" if m.report else ""
            out.append(f"<tr><td>{escape(str(m.plan.region))}</td><td>{m.plan.year or ''}</td><td>{plan}</td><td>{escape(m.outcome)}</td><td>{rep}</td>"
                       f"<td class=n>{score}</td></tr>")
        out.append("</table>")
        return "".join(out)

    # -- appendix ---------------------------------------------------------------------

    def sources(self) -> str:
        out = ["<h2 id=sources>Sources of the numbers</h2>"]
        for key, ids in self.cell_ids.items():
            out.append(f'<div class=cell id="{key}"><b>{escape(self.cell_labels[key])}</b> ({len(ids)}): <span class=ids>{self.id_links(ids)}</span></div>')
        return "".join(out)

    def actions(self) -> str:
        """Every action by number, grouped by document (region, year, type, file), with page and title."""
        c = self.c
        out = ["<h2 id=actions>Actions</h2><p class=note>Numbered as linked above; grouped by document.</p>"
               "<table class=small><tr><th>#</th><th>page</th><th>domain</th><th>status</th><th>action</th><th>action id</th></tr>"]
        current = None
        for a in c.corpus.actions:
            if a.doc_id != current:
                current = a.doc_id
                out.append(f"<tr><th colspan=6>{escape(c.corpus.source(a))} — {escape(str(a.region))} · {a.year or '?'} · {escape(a.doc_type or '?')}</th></tr>")
            n = self.number_of[a.action_id]
            out.append(
                f"<tr id=a{n}><td>{n}</td><td>p.&nbsp;{a.page}</td><td>{escape(a.domain or '')}</td><td>{escape(a.status)}</td>"
                f"<td>{escape(shorten(a.title, 140))}</td><td>{escape(a.action_id)}</td></tr>"
            )
        out.append("</table>")
        return "".join(out)


def _spread_labels(pos: dict[str, tuple[float, float]], keys: list[str], widths: dict[str, float], rounds: int = 200) -> None:
    """Push apart nodes whose horizontal labels (to the right of the node) would overlap,
    each staying near where it was put. Deterministic; in place."""
    if len(keys) < 2:
        return
    import numpy as np

    p = np.array([pos[k] for k in keys], dtype=float)
    home = p.copy()
    w = np.array([widths[k] for k in keys])
    for _ in range(rounds):
        dx = p[:, None, 0] - p[None, :, 0]
        dy = p[:, None, 1] - p[None, :, 1]
        # overlap of the label boxes [x, x + w] x [y - 8, y + 8]
        need_x = np.where(dx >= 0, w[None, :], w[:, None]) - np.abs(dx)
        need_y = 18.0 - np.abs(dy)
        clash = (need_x > 0) & (need_y > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        # resolve along y (cheaper to move a label up or down than sideways)
        sign = np.where(dy > 0, 1.0, np.where(dy < 0, -1.0, np.sign(np.arange(len(keys))[:, None] - np.arange(len(keys))[None, :])))
        push = np.where(clash, sign * need_y * 0.5, 0.0).sum(axis=1)
        p[:, 1] += push * 0.5
        p += (home - p) * 0.01
    for k, (x, y) in zip(keys, p):
        pos[k] = (float(x), float(y))


def _blend(a: str, b: str, t: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))
