"""The store: one transaction per document, analysis replaced as a whole, records round-trip."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.models import Action, Block, DateValue, DocMeta, Document, Figure, Page, Partner, Section, SourceFile, Table
from pipeline.store import Store

FILE = SourceFile(path="/x/a.pdf", source="a.pdf", size=3, mtime=1.0)


def _doc(doc_id: str = "d1") -> Document:
    return Document(doc_id=doc_id, source="a.pdf", path="/x/a.pdf", format="pdf", size=3, pages=1)


def test_pages_round_trip_with_blocks_and_tables(tmp_path: Path) -> None:
    page = Page(
        doc_id="d1", page=1, blocks=(Block("Kop", kind="heading", bbox=(1.0, 2.0, 3.0, 4.0), font_size=14.0, bold=True, level=1),),
        tables=(Table(rows=(("Actie", "Trekker"), ("Jobbeurs", "VDAB")), anchor=1),), header="Kop 2023", footer="3",
    )
    with Store(tmp_path / "m.db") as store:
        store.write_document(_doc(), [page], FILE)
        assert store.pages("d1") == [page]


def test_a_failing_write_leaves_nothing_behind(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db") as store:
        bad = Page(doc_id="d1", page=1)
        with pytest.raises(Exception):
            store.write_document(_doc(), [bad, bad], FILE)  # duplicate page: primary key violation
        assert store.documents() == [] and store.files() == []


def test_analysis_is_replaced_not_appended(tmp_path: Path) -> None:
    action = Action(
        action_id="d1-0000", doc_id="d1", page=1, title="Jobbeurs", text="Jobbeurs met VDAB.", themes=("werkgevers",),
        theme_evidence=(("werkgevers", "jobbeurs"),), partners=(Partner("VDAB", "lead"),), dates=(DateValue("mei 2022", "2022-05"),),
        figures=(Figure("23 werkgevers", 23.0, "organisations", "werkgevers"),), section_path=("Actieplan", "LR4"),
    )
    with Store(tmp_path / "m.db") as store:
        store.write_document(_doc(), [Page(doc_id="d1", page=1)], FILE)
        meta = DocMeta(region="W13", years=(2022,), doc_type="plan")
        store.write_analysis("d1", meta, [Section("Actieplan", 1, 1)], [action], [])
        store.write_analysis("d1", meta, [Section("Actieplan", 1, 1)], [action], [])
        assert store.actions() == [action]
        assert store.actions(theme="werkgevers") == [action] and store.actions(theme="taal") == []
        assert store.document("d1").meta.region == "W13"


def test_deleting_a_document_cascades(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db") as store:
        store.write_document(_doc(), [Page(doc_id="d1", page=1)], FILE)
        changed = SourceFile(path="/x/a.pdf", source="a.pdf", size=4, mtime=2.0)
        store.write_document(_doc("d2"), [Page(doc_id="d2", page=1)], changed)
        assert [d.doc_id for d in store.documents()] == ["d2"]
        assert store.pages("d1") == []
