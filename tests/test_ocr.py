"""OCR of one page: rendering limits, Tesseract words to blocks, typed page errors, the fallback."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from pipeline.config import Settings
from pipeline.errors import OcrFailed, OcrTimeout, PageTooLarge
from pipeline.fixtures import PAGE_HEIGHT, PAGE_WIDTH, dutch_text, make_scan
from pipeline.models import Block, Page
from pipeline.readers.base import OcrJob
from pipeline.readers.ocr import fit_dpi, ocr_page
from pipeline.readers.pdf import PdfReader

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # as the executor sets it for its workers

PAGE = """Werkingsverslag 2021

De regisseur organiseerde drie infosessies voor werkgevers uit de regio.

• Jobcoaching voor kwetsbare werkzoekenden
• Een netwerkmoment met de lokale besturen"""


def job_for(path: Path, page: int = 1, **changes) -> OcrJob:
    result = PdfReader().read(path, path.read_bytes(), "doc", Settings())
    job = next(j for j in result.ocr_jobs if j.page == page)
    return OcrJob(**{**job.__dict__, **changes})


def normalized(text: str) -> str:
    return " ".join(text.split())


def test_scanned_page_becomes_blocks_in_points(tmp_path: Path) -> None:
    path = make_scan([PAGE], tmp_path / "scan.pdf", footer="pagina {page}")
    page = ocr_page(job_for(path))
    assert page.method == "ocr" and page.ocr_reason == "no_text" and page.error is None
    assert (page.width, page.height) == (round(PAGE_WIDTH, 2), round(PAGE_HEIGHT, 2))
    texts = [b.text for b in page.blocks]
    assert texts[0] == "Werkingsverslag 2021" and texts[-1] == "pagina 1"
    assert texts[1] == "De regisseur organiseerde drie infosessies voor werkgevers uit de regio."
    bullets = [b for b in page.blocks if b.kind == "list_item"]
    assert len(bullets) == 2
    assert bullets[0].text.endswith("Jobcoaching voor kwetsbare werkzoekenden")
    assert bullets[0].text[0] != "J"  # the glyph is kept as Tesseract read it, for clean.py
    for block in page.blocks:
        x0, top, x1, bottom = block.bbox
        assert 60 < x0 < x1 < PAGE_WIDTH and 20 < top < bottom < PAGE_HEIGHT
    assert 9 < page.blocks[1].font_size < 14


def test_two_column_scan_reads_column_by_column(tmp_path: Path) -> None:
    names = ["Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
    paragraphs = [f"{name} " + dutch_text(1, seed=i, words=(20, 30), bullets=0) for i, name in enumerate(names)]
    path = make_scan(["\n\n".join(paragraphs)], tmp_path / "kolommen.pdf", columns=2)
    page = ocr_page(job_for(path))
    seen = [b.text.split()[0] for b in page.blocks if b.text.split()[0] in names]
    assert seen == names
    assert min(b.bbox[0] for b in page.blocks) < 100 and max(b.bbox[0] for b in page.blocks) > 300


def test_fit_dpi_lowers_resolution_then_refuses() -> None:
    assert fit_dpi(300, 595, 842, 60_000_000) == 300
    assert 200 < fit_dpi(300, 2160, 2160, 60_000_000) < 300  # a 30-inch page: coarser, still readable
    with pytest.raises(PageTooLarge):
        fit_dpi(300, 8400, 8400, 60_000_000)  # 35000 x 35000 pixels at 300 dpi


def test_render_limit_is_a_page_error(tmp_path: Path) -> None:
    path = make_scan([PAGE], tmp_path / "scan.pdf", dpi=150)
    with pytest.raises(PageTooLarge) as info:
        ocr_page(job_for(path, max_pixels=100_000))
    assert info.value.reason.startswith("page_too_large: the page is 8 x 12 inches")


def test_timeout_and_tesseract_failure_are_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_scan([PAGE], tmp_path / "scan.pdf", dpi=150)
    with pytest.raises(OcrTimeout):
        ocr_page(job_for(path, timeout=0.01))
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'Error: kapotte taaldata' >&2\nexit 1\n")
    fake.chmod(0o755)
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(fake))
    with pytest.raises(OcrFailed) as info:
        ocr_page(job_for(path))
    assert "kapotte taaldata" in str(info.value)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "bestaat-niet"))
    with pytest.raises(OcrFailed):
        ocr_page(job_for(path))


def test_missing_file_is_ocr_failed(tmp_path: Path) -> None:
    with pytest.raises(OcrFailed):
        ocr_page(OcrJob(doc_id="doc", path=str(tmp_path / "weg.pdf"), page=1, dpi=300, reason="no_text"))


def test_text_layer_is_kept_when_ocr_finds_clearly_less(tmp_path: Path) -> None:
    path = make_scan([""], tmp_path / "leeg.pdf", dpi=100, noise=0.0001)  # an image with nothing to read
    fallback = Page(doc_id="doc", page=1, blocks=(Block(text=dutch_text(3, seed=1)),), ocr_reason="image_page")
    job = OcrJob(doc_id="doc", path=str(path), page=1, dpi=100, reason="image_page", fallback=fallback)
    page = ocr_page(job)
    assert page.method == "text" and page.text == fallback.text
    assert page.ocr_reason.startswith("image_page; OCR found less")


def test_ocr_text_is_close_to_the_source(tmp_path: Path) -> None:
    source = dutch_text(5, seed=9, bullets=0)
    page = ocr_page(job_for(make_scan([source], tmp_path / "scan.pdf")))
    expected, found = normalized(source), normalized(page.text)
    assert Levenshtein.distance(expected, found) / len(expected) <= 0.03
