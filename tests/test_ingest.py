"""Ingest orchestration: formats, duplicates, bad inputs, re-ingest, changed files."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from pipeline.config import Settings
from pipeline.ingest import content_id, find_files, ingest
from pipeline.store import Store

REPORT = """Werkingsverslag 2022

Acties voor de lokale sociale economie

• We organiseren een jobbeurs voor werkzoekenden met een afstand tot de arbeidsmarkt.

Commentaar: De jobbeurs vond plaats op 14 oktober met 23 werkgevers.
"""


def _status(summary, name):
    return next(f for f in summary.files if f.source == name)


def test_bad_inputs_get_typed_reasons_and_good_files_are_stored(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "verslag.txt").write_text(REPORT, encoding="utf-8")
    (folder / "sub" / "kopie.txt").write_text(REPORT, encoding="utf-8")  # same bytes, other name
    (folder / "leeg.pdf").write_bytes(b"")
    (folder / "nep.pdf").write_text("dit is geen pdf", encoding="utf-8")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n")
    (folder / "nep.docx").write_text("geen zip", encoding="utf-8")
    (folder / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    summary = ingest([folder], settings)
    assert _status(summary, "verslag.txt").status == "ok" or _status(summary, "sub/kopie.txt").status == "ok"
    statuses = sorted(f.status for f in summary.files if f.source.endswith(".txt"))
    assert statuses == ["duplicate", "ok"]
    assert _status(summary, "leeg.pdf").reason.startswith("empty_file:")
    assert _status(summary, "nep.pdf").reason.startswith("not_a_pdf:")
    assert _status(summary, "kapot.pdf").status == "failed"
    assert _status(summary, "kapot.pdf").reason.split(":")[0] in {"corrupt_pdf", "page_error"}
    assert _status(summary, "nep.docx").reason.startswith("corrupt_docx:")
    assert _status(summary, "foto.png").status == "unsupported"
    assert all("\n" not in (f.reason or "") for f in summary.files)
    assert summary.failed
    with Store(settings.db) as store:
        docs = {d.source: d for d in store.documents()}
        assert docs["leeg.pdf"].status == "failed"
        ok = [d for d in docs.values() if d.status == "ok"]
        assert len(ok) == 1 and "jobbeurs" in store.pages(ok[0].doc_id)[0].text


def test_reingest_of_unchanged_files_does_no_work(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    first = ingest([tmp_path / "a.txt"], settings)
    assert first.count("ok") == 1
    second = ingest([tmp_path / "a.txt"], settings)
    assert [f.status for f in second.files] == ["unchanged"]


def test_changed_file_replaces_its_old_version(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    ingest([path], settings)
    old_id = content_id(path.read_bytes())
    path.write_text(REPORT.replace("23 werkgevers", "31 werkgevers"), encoding="utf-8")
    summary = ingest([path], settings)
    assert summary.files[0].status == "ok"
    with Store(settings.db) as store:
        ids = [d.doc_id for d in store.documents()]
    assert old_id not in ids and content_id(path.read_bytes()) in ids and len(ids) == 1


def test_docx_headings_lists_and_tables(tmp_path: Path, settings: Settings) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Actieplan 2024", level=1)
    document.add_heading("WSE-LR2 Tewerkstelling bevorderen", level=2)
    document.add_paragraph("Een fietsproject voor werkzoekenden opstarten.", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Actie", "Trekker", "Partners"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Jobbeurs organiseren", "regisseur", "VDAB"]):
        cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    summary = ingest([path], settings)
    assert summary.files[0].status == "ok"
    with Store(settings.db) as store:
        (page,) = store.pages(summary.files[0].doc_id)
    headings = [(b.text, b.level) for b in page.blocks if b.kind == "heading"]
    assert headings == [("Actieplan 2024", 1), ("WSE-LR2 Tewerkstelling bevorderen", 2)]
    assert any(b.kind == "list_item" and "fietsproject" in b.text for b in page.blocks)
    assert page.tables[0].rows[1] == ("Jobbeurs organiseren", "regisseur", "VDAB")
    assert page.tables[0].anchor == 3


def test_find_files_is_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "y.txt").write_text("y")
    assert [f.source for f in find_files([tmp_path])] == ["a/b/x.txt"]


def test_summary_is_json_serialisable(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.md").write_text("# Jaarverslag 2023\n\nTekst.\n", encoding="utf-8")
    summary = ingest([tmp_path], settings)
    data = json.loads(json.dumps(summary.as_dict()))
    assert data["counts"]["ok"] == 1 and data["pages"] == 1


def test_not_a_zip_docx_is_detected_from_bytes(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "geen word-document")
    summary = ingest([path], settings)
    assert summary.files[0].status == "failed"
    assert summary.files[0].reason.startswith("corrupt_docx:")
