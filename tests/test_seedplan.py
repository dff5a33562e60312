"""seed_plan: relevance and evidence ranking, near-duplicate merging with all sources, DOCX/Markdown."""
from __future__ import annotations

from pathlib import Path

import pytest
import typer
from docx import Document as Docx
from typer.testing import CliRunner

from pipeline.analyse import DOMAINS, UsageError
from pipeline.commands.analysis import register
from pipeline.models import Action, DocMeta, Document, Figure, Page, Partner, SourceFile
from pipeline.seedplan import seed_plan, write_docx, write_markdown
from pipeline.store import Store


def write_doc(store: Store, doc_id: str, region: str, doc_type: str, year: int, actions: list[dict]) -> None:
    source = f"{region.lower()}_{doc_type}_{year}.pdf"
    store.write_document(Document(doc_id=doc_id, source=source, path=f"/in/{source}", format="pdf", size=1, pages=9),
                         [Page(doc_id=doc_id, page=1)], SourceFile(path=f"/in/{source}", source=source, size=1, mtime=0.0))
    records = []
    for i, a in enumerate(actions):
        a = dict(a)
        records.append(Action(
            action_id=f"{doc_id}-{i}", doc_id=doc_id, page=a.pop("page", i + 3), position=i, region=region, year=year, doc_type=doc_type,
            partners=tuple(Partner(n, r) for n, r in a.pop("partners", [])), figures=tuple(Figure(t, v) for t, v in a.pop("figures", [])),
            themes=tuple(a.pop("themes", [])), **a,
        ))
    store.write_analysis(doc_id, DocMeta(region=region, doc_type=doc_type, years=(year,)), [], records, [])


TAAL_TEXT = ("Met Ligo loopt een taalcoachingtraject in drie maatwerkbedrijven: een taalcoach begeleidt anderstalige "
             "medewerkers op de werkvloer en het bedrijf bouwt een eigen taalbeleid uit.")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "mine.db") as s:
        # The same action in a report and, one year later, almost word for word in the plan: one precedent.
        write_doc(s, "k21", "Kempenland", "report", 2021, [
            dict(title="Taalcoaching op de werkvloer", text=TAAL_TEXT, result="Drie bedrijven schreven een taalbeleid; 18 medewerkers gecoacht.",
                 domain="sociale_economie", themes=["taal"], status="done", partners=[("Ligo", "partner"), ("OCMW Kempen", "lead")],
                 figures=[("18 medewerkers", 18)]),
            dict(title="Fietsrijschool voor nieuwkomers", text="Nieuwkomers leren fietsen in een fietsrijschool; de vervoersregio betaalt de fietsen.",
                 result="25 cursisten behaalden hun fietsdiploma.", domain="activering", themes=["mobiliteit"], status="done",
                 partners=[("Vervoersregio Kempen", "partner")]),
        ])
        write_doc(s, "k22", "Kempenland", "plan", 2022, [
            dict(title="Taalcoaching op de werkvloer verderzetten", text=TAAL_TEXT + " We breiden uit naar twee bedrijven.",
                 domain="sociale_economie", themes=["taal"], status="planned", partners=[("Ligo", "partner")]),
        ])
        # A weaker language action: cancelled, no result.
        write_doc(s, "z22", "Zuiderkust", "report", 2022, [
            dict(title="Taalcafé voor werkzoekenden", text="Een wekelijks taalcafé om Nederlands te oefenen.", domain="activering",
                 themes=["taal"], status="cancelled"),
            dict(title="Jobbeurs met werkgevers", text="Werkgevers en werkzoekenden ontmoeten elkaar op een jobbeurs.", result="200 bezoekers.",
                 domain="mvo_ondernemen", themes=["werkgevers"], status="done", partners=[("Voka", "lead")]),
        ])
        # The region the plan is for: its own actions are not precedents.
        write_doc(s, "n21", "Nieuwland", "report", 2021, [
            dict(title="Taalcoaching in Nieuwland", text=TAAL_TEXT, domain="sociale_economie", themes=["taal"], status="done"),
        ])
    s = Store(tmp_path / "mine.db", readonly=True)
    yield s
    s.close()


def test_the_right_precedent_ranks_first_and_merges_its_sources(store: Store) -> None:
    plan = seed_plan(store, "Nieuwland", themes=["taal"])
    best = plan.ranked()[0]
    assert best.domain == "sociale_economie" and "Taalcoaching" in best.title
    assert {s.action_id for s in best.sources} == {"k21-0", "k22-0"}  # report 2021 + plan 2022, one precedent
    assert {(s.year, s.doc_type, s.source) for s in best.sources} == {(2021, "report", "kempenland_report_2021.pdf"), (2022, "plan", "kempenland_plan_2022.pdf")}
    assert best.lead == [("OCMW Kempen", 1)] and ("Ligo", 2) in best.partners
    assert best.results and "18 medewerkers" in best.figures and best.statuses == {"done": 1}
    titles = [p.title for p in plan.ranked()]
    assert titles.index("Taalcafé voor werkzoekenden") > 0  # cancelled without result ranks below
    assert all(s.region != "Nieuwland" for p in plan.ranked() for s in p.sources)


def test_like_text_and_domains_steer_the_ranking(store: Store) -> None:
    plan = seed_plan(store, "Nieuwland", like="fietsen naar het werk", domains=["activering"])
    assert [s.domain for s in plan.sections] == ["activering"]
    assert plan.sections[0].precedents[0].title == "Fietsrijschool voor nieuwkomers"


def test_every_domain_gets_at_least_one_action(store: Store) -> None:
    plan = seed_plan(store, "Nieuwland", themes=["taal"])
    by_domain = {s.domain: s for s in plan.sections}
    assert list(by_domain) == list(DOMAINS)
    assert by_domain["mvo_ondernemen"].precedents[0].title == "Jobbeurs met werkgevers"  # no taal here: best-evidenced instead
    assert by_domain["mvo_ondernemen"].note and not by_domain["mvo_ondernemen"].precedents[0].answers_request
    assert by_domain["netwerking"].precedents == [] and by_domain["netwerking"].note


def test_unknown_theme_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError):
        seed_plan(store, "Nieuwland", themes=["taalles"])


def test_docx_has_a_heading_per_domain_and_the_sources(store: Store, tmp_path: Path) -> None:
    plan = seed_plan(store, "Nieuwland", themes=["taal"])
    doc = Docx(str(write_docx(plan, tmp_path / "plan.docx")))
    headings1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings1 == [f"{label} ({code})" for code, label in DOMAINS.items()]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "kempenland_report_2021.pdf p. 3 [k21-0]" in text and "kempenland_plan_2022.pdf" in text
    md = write_markdown(plan, tmp_path / "plan.md").read_text(encoding="utf-8")
    assert md.count("\n## ") == len(DOMAINS) and "Bronnen" in md and "k22-0" in md


def test_seed_command_writes_the_plan_and_prints_the_ranking(store: Store, tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    out = tmp_path / "plan.md"
    result = CliRunner().invoke(app, ["seed", "--db", str(store.path), "--region", "Nieuwland", "--themes", "taal", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and result.stdout.splitlines()[0].startswith(" 1.") and "Taalcoaching" in result.stdout.splitlines()[0]
    bad = CliRunner().invoke(app, ["seed", "--db", str(store.path), "--region", "Nieuwland", "--out", str(tmp_path / "plan.pdf")])
    assert bad.exit_code == 2
