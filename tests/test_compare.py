"""compare: the views, the workbook (sheets, frozen header) and the offline HTML report."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from pipeline.commands.analysis import register
from pipeline.compare import build, compare
from pipeline.models import Action, DocMeta, Document, Figure, Page, Partner, SourceFile
from pipeline.store import Store


def write_doc(store: Store, doc_id: str, source: str, region: str, doc_type: str, year: int, actions: list[dict]) -> None:
    """A document with its actions, as the pipeline would store it."""
    store.write_document(
        Document(doc_id=doc_id, source=source, path=f"/in/{source}", format="pdf", size=1, pages=4),
        [Page(doc_id=doc_id, page=1)],
        SourceFile(path=f"/in/{source}", source=source, size=1, mtime=0.0),
    )
    records = []
    for i, a in enumerate(actions):
        a = dict(a)
        records.append(Action(
            action_id=f"{doc_id}-{i:03d}", doc_id=doc_id, page=a.pop("page", i + 1), position=i, region=region, year=year,
            doc_type=doc_type, partners=tuple(Partner(n, r) for n, r in a.pop("partners", [])),
            figures=tuple(Figure(t, v) for t, v in a.pop("figures", [])), themes=tuple(a.pop("themes", [])), **a,
        ))
    store.write_analysis(doc_id, DocMeta(region=region, doc_type=doc_type, years=(year,)), [], records, [])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    path = tmp_path / "mine.db"
    with Store(path) as s:
        write_doc(s, "aa01", "kempen_plan_2021.pdf", "Kempenland", "plan", 2021, [
            dict(title="Taalcoaching op de werkvloer in maatwerkbedrijven", text="We starten met Ligo een taalcoachingtraject voor anderstalige medewerkers.",
                 domain="sociale_economie", themes=["taal"], status="planned", partners=[("Ligo", "partner"), ("OCMW Kempen", "lead")]),
            dict(title="Deelfietsen voor werkzoekenden", text="Werkzoekenden lenen een deelfiets om een opleiding te volgen.",
                 domain="activering", themes=["mobiliteit"], status="planned", partners=[("VDAB", "partner")]),
            dict(title="Het regionaal overleg sociale economie organiseren", text="Het overleg komt drie keer per jaar samen met de maatwerkbedrijven.",
                 domain="netwerking", themes=["overleg"], status="planned", partners=[("VDAB", "partner")]),
        ])
        write_doc(s, "aa02", "kempen_verslag_2021.pdf", "Kempenland", "report", 2021, [
            dict(title="Taalcoaching op de werkvloer", text="Het taalcoachingtraject met Ligo liep in drie maatwerkbedrijven.",
                 result="Twintig medewerkers volgden taalcoaching.", domain="sociale_economie", themes=["taal"], status="done",
                 partners=[("Ligo", "partner"), ("OCMW Kempen", "lead")], figures=[("twintig medewerkers", 20)]),
            dict(title="Regionaal overleg sociale economie", text="Het overleg kwam samen met de maatwerkbedrijven.",
                 result="Na de eerste vergadering stopgezet.", domain="netwerking", themes=["overleg"], status="cancelled", partners=[("VDAB", "partner")]),
            dict(title="Jobbeurs met lokale werkgevers", text="Een jobbeurs bracht werkgevers en werkzoekenden samen.",
                 domain="mvo_ondernemen", themes=["werkgevers"], status="done", partners=[("Voka", "lead")]),
        ])
        write_doc(s, "bb01", "zuid_jaarverslag_2022.docx", "Zuiderkust", "report", 2022, [
            dict(title="Taalcoach op de werkvloer", text="Een taalcoach ondersteunt anderstalige werknemers, samen met VDAB.",
                 domain="sociale_economie", themes=["taal"], status="done", partners=[("VDAB", "partner"), ("Ligo", "partner")]),
            dict(title="Fietsrijschool", text="Nieuwkomers leren fietsen; de vervoersregio steunt het project.", domain="activering",
                 themes=["mobiliteit"], status="done", partners=[("Vervoersregio Kust", "partner")]),
        ])
        write_doc(s, "cc01", "heuvel_actieplan_2023.pdf", "Heuvelland", "plan", 2023, [
            dict(title="Samenwerkingsovereenkomst met VDAB", text="Het bestuur en VDAB maken afspraken over werkzoekenden.",
                 domain="samenwerking_vdab", themes=["overleg"], status="planned", partners=[("VDAB", "partner")]),
        ])
    s = Store(path, readonly=True)
    yield s
    s.close()


def test_region_views_count_actions_and_keep_their_ids(store: Store) -> None:
    c = build(store)
    assert c.regions == ["Heuvelland", "Kempenland", "Zuiderkust"]
    assert c.region_domain.ids("Kempenland", "sociale_economie") == ["aa01-000", "aa02-000"]
    assert c.region_theme.count("Zuiderkust", "taal") == 1
    shared = c.shared_partners.set_index("partner")
    assert shared.loc["VDAB", "regions"] == 3 and shared.loc["Ligo", "regions"] == 2
    assert "Voka" not in shared.index


def test_unique_lists_what_only_one_region_has(store: Store) -> None:
    u = build(store).unique
    rows = {(r.region, r.kind, r.theme, r.partner) for r in u.itertuples()}
    assert ("Kempenland", "theme", "werkgevers", "") in rows
    assert ("Zuiderkust", "theme × partner", "taal", "VDAB") in rows  # taal and VDAB are not unique, the pair is
    assert ("Kempenland", "partner", "", "Voka") in rows
    assert not any(r[2] == "taal" and r[1] == "theme" for r in rows)


def test_plans_are_matched_to_later_reports_of_the_same_region(store: Store) -> None:
    matches = {m.plan.title: m for m in build(store).plan_matches}
    taal = matches["Taalcoaching op de werkvloer in maatwerkbedrijven"]
    assert taal.report is not None and taal.report.action_id == "aa02-000" and taal.outcome == "reported: done"
    assert matches["Het regionaal overleg sociale economie organiseren"].outcome == "reported: cancelled or not started"
    assert matches["Deelfietsen voor werkzoekenden"].report is None
    assert matches["Deelfietsen voor werkzoekenden"].outcome == "not found in a later report"
    assert matches["Samenwerkingsovereenkomst met VDAB"].outcome == "no later report in the store"
    m = build(store).plan_report
    assert m.ids("Kempenland · 2021", "reported, not in a plan") == ["aa02-002"]


def test_filters_by_region_and_year(store: Store) -> None:
    c = build(store, regions=["kempenland", "Zuiderkust"], years=[2022])
    assert c.regions == ["Zuiderkust"]
    assert set(c.actions["action_id"]) == {"bb01-000", "bb01-001"}


def test_workbook_has_every_view_with_a_frozen_header(store: Store, tmp_path: Path) -> None:
    paths = compare(store, out_dir=tmp_path / "out")
    wb = load_workbook(paths["xlsx"])
    for name in ("summary", "region_domain", "region_theme", "partners", "shared_partners", "network_edges", "unique",
                 "plan_vs_report", "plan_matches", "cells", "actions"):
        assert name in wb.sheetnames
        assert wb[name].freeze_panes is not None and wb[name].freeze_panes.endswith("2")
    actions = wb["actions"]
    header = [c.value for c in actions[1]]
    assert {"action_id", "region", "year", "source", "page"} <= set(header)
    assert actions.column_dimensions["H"].width >= 20  # the title column is readable
    cells = [[c.value for c in row] for row in wb["cells"].iter_rows(min_row=2)]
    assert ["region_domain", "Kempenland", "sociale_economie", 2, "aa01-000, aa02-000"] in cells


def test_html_is_self_contained_and_every_number_links_to_its_actions(store: Store, tmp_path: Path) -> None:
    html = compare(store, out_dir=tmp_path / "out")["html"].read_text(encoding="utf-8")
    assert html.count("<svg") >= 3  # bars, heatmap, network
    assert not re.search(r"<script|<link|<img|@import|url\(", html, re.I)
    assert not re.search(r"(src|href)=[\"']?https?:", html, re.I)
    assert len(html) < 200_000
    ids = set(re.findall(r'id="?([^" >]+)', html))
    targets = set(re.findall(r'href="?#([^" >]+)', html))
    assert targets <= ids | {"domains", "themes", "partners", "network", "unique", "plans", "sources", "actions"}
    # an appendix row per action, under its document (region, year, type), with its page and id
    assert re.search(r"kempen_verslag_2021\.pdf — Kempenland · 2021 · report</th></tr><tr id=a4><td>4</td><td>p.&nbsp;1</td>.*?aa02-000", html)
    assert "<a href=#a4>4</a>" in html


def test_compare_command(store: Store, tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    out = tmp_path / "cmp"
    result = CliRunner().invoke(app, ["compare", "--db", str(store.path), "--regions", "Kempenland,Zuiderkust", "--years", "2021-2022", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "compare.xlsx").is_file() and (out / "compare.html").is_file()
    bad = CliRunner().invoke(app, ["compare", "--db", str(store.path), "--regions", "Nergensland", "--out", str(out)])
    assert bad.exit_code == 3 and "Kempenland" in bad.output
    bad_years = CliRunner().invoke(app, ["compare", "--db", str(store.path), "--years", "twintig", "--out", str(out)])
    assert bad_years.exit_code == 2
