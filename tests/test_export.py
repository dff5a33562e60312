"""The export matches ../shared/dataset-contract.md in all four formats (read back and checked)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.export import CONTRACT, FORMATS, export_dataset, read_back
from pipeline.models import Action, DateValue, DocMeta, Document, Figure, Mention, Page, Block, Partner, SourceFile
from pipeline.store import Store


def _fill(db: Path) -> None:
    with Store(db) as store:
        doc = Document(doc_id="d1", source="w13/verslag.pdf", path="/x/verslag.pdf", format="pdf", size=10, pages=2, ocr_pages=1)
        pages = [
            Page(doc_id="d1", page=1, blocks=(Block("Jaarverslag 2023"),), header="W13 jaarverslag", footer="1"),
            Page(doc_id="d1", page=2, method="ocr", blocks=(Block("Jobbeurs met VDAB op 12/05/2023: 44% werkzoekenden."),)),
        ]
        store.write_document(doc, pages, SourceFile(path="/x/verslag.pdf", source="w13/verslag.pdf", size=10, mtime=1.0))
        meta = DocMeta(region="W13", municipalities=("Kortrijk", "Menen"), doc_type="report", years=(2023,), framework="WSE-2023")
        action = Action(
            action_id="d1-0000", doc_id="d1", page=2, title="Jobbeurs", text="Jobbeurs met VDAB op 12/05/2023: 44% werkzoekenden.",
            year=2023, doc_type="report", status="done", region="W13", framework_heading="WSE-LR4", domain="samenwerking_vdab",
            domain_score=0.91, themes=("werkgevers",), partners=(Partner("VDAB", "partner"),),
            dates=(DateValue("12/05/2023", "2023-05-12"),), figures=(Figure("44%", 44.0, "%", "werkzoekenden"),),
        )
        bare = Action(action_id="d1-0001", doc_id="d1", page=2, title="Overleg", text="Overleg.", status="unknown")
        mentions = [Mention(doc_id="d1", type="ORG", text="VDAB", normalized="VDAB", page=2, start=13, end=17, action_id="d1-0000", role="partner")]
        store.write_analysis("d1", meta, [], [action, bare], mentions)


def _check_type(value, spec, fmt: str, where: str) -> None:
    if value is None:
        return
    if isinstance(spec, list) or spec.startswith("list"):
        if fmt in ("csv", "xlsx"):
            assert isinstance(value, str), where  # joined with "; "
        else:
            assert isinstance(value, list), where
            if isinstance(spec, list):
                for item in value:
                    assert set(spec[0]) <= set(item), where
        return
    if fmt == "csv":
        {"int": int, "float": float, "str": str}[spec](value)  # parses back
        return
    expected = {"str": str, "int": int, "float": (int, float)}[spec]
    assert isinstance(value, expected), f"{where}: {value!r} is not {spec}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_has_every_contract_field_with_its_type(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "mine.db"
    _fill(db)
    export_dataset(db, tmp_path / "out", fmt)
    tables = read_back(tmp_path / "out", fmt)
    for table, fields in CONTRACT.items():
        rows = tables[table]
        assert rows, f"{table} is empty"
        for row in rows:
            assert set(fields) <= set(row), f"{table} lacks {set(fields) - set(row)}"
            for name, spec in fields.items():
                _check_type(row[name], spec, fmt, f"{fmt}:{table}.{name}")
    action = next(r for r in tables["actions"] if r["action_id"] == "d1-0000")
    if fmt in ("jsonl", "parquet"):
        assert action["partners"] == [{"name": "VDAB", "role": "partner"}]
        assert action["figures"][0]["value"] == 44.0 and action["figures"][0]["unit"] == "%"
        assert action["themes"] == ["werkgevers"]
        bare = next(r for r in tables["actions"] if r["action_id"] == "d1-0001")
        assert bare["partners"] == [] and bare["domain"] is None  # never invented
    else:
        assert action["partners"] == "VDAB (partner)"
        assert action["dates"] == "12/05/2023 (2023-05-12)"
    page1 = next(r for r in tables["pages"] if int(r["page"]) == 1)
    assert page1["header"] == "W13 jaarverslag" and "W13 jaarverslag" not in page1["text"]


def test_xlsx_is_readable_for_people(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    db = tmp_path / "mine.db"
    _fill(db)
    (path,) = export_dataset(db, tmp_path / "out", "xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["documents", "pages", "actions", "entities"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert all(sheet.column_dimensions[c].width >= 10 for c in ("A", "B"))
