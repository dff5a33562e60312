"""The sample corpus: scripts/make_corpus.py regenerates what is committed, and every file ingests."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "scripts" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _docx_content(path: Path) -> list[object]:
    import docx

    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return [paragraphs, tables]


def _pdf_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _ocr_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium
    import pytesseract

    document = pdfium.PdfDocument(str(path))
    try:
        return [pytesseract.image_to_string(page.render(scale=300 / 72, grayscale=True).to_pil(), lang="nld") for page in document]
    finally:
        document.close()


def _same_scan(committed: Path, fresh: Path) -> bool:
    """Same bytes; or, where other library versions render the page a little differently, no
    text layer in either and the same text when both are read by Tesseract."""
    if committed.read_bytes() == fresh.read_bytes():
        return True
    if any(t.strip() for t in _pdf_text(committed) + _pdf_text(fresh)):
        return False
    return _ocr_text(committed) == _ocr_text(fresh)


def test_the_script_regenerates_the_committed_corpus(tmp_path: Path) -> None:
    written = _script().build(tmp_path)
    committed = sorted(p.name for p in CORPUS.iterdir() if not p.name.startswith("."))
    assert sorted(p.name for p in written) == committed
    for fresh in written:
        old = CORPUS / fresh.name
        if fresh.suffix in (".md", ".txt"):
            assert fresh.read_bytes() == old.read_bytes(), fresh.name
        elif fresh.suffix == ".docx":
            assert _docx_content(fresh) == _docx_content(old), fresh.name
        elif "scan" in fresh.name:
            assert _same_scan(old, fresh), fresh.name
        else:
            assert _pdf_text(fresh) == _pdf_text(old), fresh.name


def test_the_corpus_is_small_and_has_every_format() -> None:
    files = [p for p in CORPUS.iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 1_000_000
    suffixes = {p.suffix for p in files}
    assert {".pdf", ".docx"} <= suffixes and suffixes & {".md", ".txt"}
    pdfs = {p.name: _pdf_text(p) for p in files if p.suffix == ".pdf"}
    assert any(all(t.strip() for t in texts) for texts in pdfs.values()), "a born-digital PDF"
    assert any(not any(t.strip() for t in texts) for texts in pdfs.values()), "an image-only PDF"


def test_every_corpus_file_ingests_ok(tmp_path: Path) -> None:
    settings = Settings.build(env={}, db=tmp_path / "mine.db", workers=2)
    summary = ingest([CORPUS], settings)
    reports = {f.source: f for f in summary.files}
    assert {name: r.status for name, r in reports.items()} == {p.name: "ok" for p in CORPUS.iterdir() if p.is_file()}
    scan = reports["meetjesland-werkingsverslag-2021-scan.pdf"]
    assert (scan.pages, scan.ocr_pages) == (2, 2)
    digital = reports["meetjesland-werkingsverslag-2022.pdf"]
    assert (digital.pages, digital.ocr_pages) == (3, 0)
    with Store(settings.db) as store:
        pages = store.pages(digital.doc_id)
    script = _script()
    for page in pages:  # the running lines are metadata, not body text
        assert page.header == script.HEADER_2022
        assert page.footer == script.FOOTER_2022.format(page=page.page)
        assert "pagina" not in page.text and script.HEADER_2022 not in page.text
    body = "\n".join(p.text for p in pages)
    assert "zorgsector" in body and "OCMW-trajectbegeleiders" in body and "Oost-Vlaanderen" in body
    assert "taal- en rekenvaardigheden" in body


def test_the_corpus_texts_are_written_for_it_not_copied_from_the_seeds() -> None:
    """No run of 12 words in common with the seeds (the repository check's rule), in the script
    that holds the texts or in the corpus's text files."""
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds not beside the repository")

    def shingles(text: str) -> set[str]:
        words = re.findall(r"\w+", text.lower())
        return {" ".join(words[i : i + 12]) for i in range(len(words) - 11)}

    seed_shingles = set().union(*(shingles(p.read_text(encoding="utf-8", errors="replace")) for p in seeds.glob("*.txt")))
    ours = [ROOT / "scripts" / "make_corpus.py", *(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))]
    for path in ours:
        assert not shingles(path.read_text(encoding="utf-8")) & seed_shingles, path.name
