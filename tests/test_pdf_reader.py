"""The PDF reader: blocks and reading order from the text layer, tables, OCR routing, typed errors."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import CorruptPdf, EncryptedPdf
from pipeline.fixtures import PAGE_HEIGHT, PAGE_WIDTH, dutch_text, make_mixed, make_pdf, make_scan
from pipeline.ingest import ingest
from pipeline.readers.pdf import PdfReader, garbled_reason
from pipeline.store import Store

PAGE = """# Actieplan sociale economie

De regisseur coördineert één overleg over de arbeids-
markt en de vracht- en verzendkosten van de kringloopwinkel.

• Eerste actie: een infosessie voor werkgevers over maatschappelijk verantwoord ondernemen, met financiële steun van de provincie.
• Tweede actie: jobcoaching

Slotparagraaf over de evaluatie van het werkingsjaar."""


def read(path: Path, settings: Settings | None = None):
    return PdfReader().read(path, path.read_bytes(), "doc", settings or Settings())


def test_blocks_keep_lines_bullets_fonts_and_running_lines_apart(tmp_path: Path) -> None:
    path = make_pdf([PAGE, PAGE], tmp_path / "a.pdf", header="Werkingsverslag 2021", footer="pagina {page}")
    result = read(path)
    assert result.ocr_jobs == []
    page = result.pages[1]
    assert (page.width, page.height) == (round(PAGE_WIDTH, 2), round(PAGE_HEIGHT, 2))
    texts = [b.text for b in page.blocks]
    assert texts[0] == "Werkingsverslag 2021" and texts[-1] == "pagina 2"  # never merged into the body
    assert texts[1] == "Actieplan sociale economie"
    heading = page.blocks[1]
    assert heading.bold and heading.font_size == 16.0
    # source line breaks and the trailing hyphen are kept for clean.py
    assert texts[2] == "De regisseur coördineert één overleg over de arbeids-\nmarkt en de vracht- en verzendkosten van de kringloopwinkel."
    bullets = [b for b in page.blocks if b.kind == "list_item"]
    assert [b.text.split("\n")[0][:20] for b in bullets] == ["• Eerste actie: een ", "• Tweede actie: jobc"]
    assert "\n" in bullets[0].text and "provincie." in bullets[0].text  # the wrapped continuation stays in the item
    assert texts[-2] == "Slotparagraaf over de evaluatie van het werkingsjaar."
    body = page.blocks[2]
    assert body.font_size == 11.0 and not body.bold
    x0, top, x1, bottom = body.bbox
    assert 70 < x0 < 74 and top < bottom and x1 <= PAGE_WIDTH


def test_two_columns_read_column_by_column_whatever_the_stream_order(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    left = [f"Links {i} regel van de eerste kolom" for i in range(1, 21)]
    right = [f"Rechts {i} regel van de tweede kolom" for i in range(1, 21)]
    path = tmp_path / "kolommen.pdf"
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    canvas.setFont("Helvetica", 10)
    # the content stream interleaves the columns line by line, right column first
    for i in range(20):
        canvas.drawString(320, 760 - i * 13, right[i])
        canvas.drawString(72, 760 - i * 13, left[i])
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 790, "Titel over de volle breedte van de pagina")
    canvas.save()
    text = read(path).pages[0].text
    expected = ["Titel over de volle breedte van de pagina", *left, *right]
    assert [line for line in text.split("\n") if line] == expected


def test_two_column_fixture_keeps_paragraph_order(tmp_path: Path) -> None:
    paragraphs = [f"Paragraaf {i:02d} " + dutch_text(1, seed=i, bullets=0) for i in range(12)]
    path = make_pdf(["\n\n".join(paragraphs)], tmp_path / "twee.pdf", columns=2)
    result = read(path)
    seen = [int(b.text[10:12]) for p in result.pages for b in p.blocks if b.text.startswith("Paragraaf ")]
    assert seen == sorted(seen) and len(seen) >= 8
    lefts = [b.bbox[0] for b in result.pages[0].blocks]
    assert min(lefts) < 100 and max(lefts) > 300  # both columns used


def test_ruled_table_is_extracted_and_anchored(tmp_path: Path) -> None:
    page = "Inleiding bij de tabel.\n\n|Actie|Partner|Budget|\n|Jobcoaching|VDAB|€ 12.000|\n|Strijkatelier|OCMW|€ 3.500|\n\nTekst na de tabel."
    result = read(make_pdf([page], tmp_path / "tabel.pdf"))
    page_ = result.pages[0]
    assert len(page_.tables) == 1
    table = page_.tables[0]
    assert table.rows == (("Actie", "Partner", "Budget"), ("Jobcoaching", "VDAB", "€ 12.000"), ("Strijkatelier", "OCMW", "€ 3.500"))
    assert [b.text for b in page_.blocks] == ["Inleiding bij de tabel.", "Tekst na de tabel."]
    assert table.anchor == 1 and table.bbox is not None
    assert page_.blocks[0].bbox[3] <= table.bbox[1] <= table.bbox[3] <= page_.blocks[1].bbox[1]


def test_mixed_pdf_routes_scanned_pages_and_only_those(tmp_path: Path) -> None:
    pages = [(f"Pagina {i} " + dutch_text(2, seed=i), i in (2, 4)) for i in range(1, 6)]
    result = read(make_mixed(pages, tmp_path / "gemengd.pdf"))
    assert [p.page for p in result.pages] == [1, 2, 3, 4, 5]
    assert {j.page: j.reason for j in result.ocr_jobs} == {2: "no_text", 4: "no_text"}
    for job in result.ocr_jobs:
        assert job.dpi == 300 and job.lang == "nld" and job.fallback is not None and job.fallback.page == job.page
    assert all(p.blocks for p in result.pages if p.page not in (2, 4))


def test_scan_resolution_is_read_back_and_capped(tmp_path: Path) -> None:
    settings = Settings(max_dpi=400)
    low = read(make_scan(["Een korte gescande pagina."], tmp_path / "200.pdf", dpi=200), settings).ocr_jobs[0]
    assert low.dpi == 200
    high = read(make_scan(["Een korte gescande pagina."], tmp_path / "600.pdf", dpi=600), settings).ocr_jobs[0]
    assert high.dpi == 400


def test_mixed_pdf_end_to_end_ocrs_every_scanned_page(tmp_path: Path) -> None:
    pages = [("Digitaal " + dutch_text(2, seed=1), False), ("Gescand woord kringloopwinkel " + dutch_text(1, seed=2), True),
             ("Digitaal " + dutch_text(2, seed=3), False)]
    make_mixed(pages, tmp_path / "in" / "gemengd.pdf")
    settings = Settings.build(env={}, db=tmp_path / "mine.db", workers=2)
    summary = ingest([tmp_path / "in"], settings, analyse_documents=False)
    [report] = summary.files
    assert report.status == "ok" and report.pages == 3 and report.ocr_pages == 1
    with Store(settings.db) as store:
        stored = store.pages(report.doc_id)
    assert [p.method for p in stored] == ["text", "ocr", "text"]
    assert stored[1].ocr_reason == "no_text" and "kringloopwinkel" in stored[1].text


def _shifted_font_pdf(path: Path, lines: list[str], shift: int = 3) -> Path:
    """A PDF that shows the right glyphs but whose ToUnicode map is off by `shift` (a classic
    garbled text layer): written by hand, byte by byte."""
    content = "BT /F1 11 Tf 72 770 Td 14 TL\n" + "".join(f"({line}) Tj T*\n" for line in lines) + "ET"
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Shift def "
            "1 begincodespacerange <00> <FF> endcodespacerange "
            f"1 beginbfrange <21> <7E> <{0x21 + shift:04X}> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def test_garbled_text_layers_are_routed_to_ocr(tmp_path: Path) -> None:
    lines = textwrap.wrap(dutch_text(4, seed=3, bullets=0), 80)
    assert read(_shifted_font_pdf(tmp_path / "goed.pdf", lines, shift=0)).ocr_jobs == []
    [job] = read(_shifted_font_pdf(tmp_path / "verschoven.pdf", lines)).ocr_jobs
    assert job.reason.startswith("garbled_text: few real words")
    assert job.fallback is not None and job.fallback.blocks  # the text layer rides along
    ligatures = "De e?ciënte ?nanciering van de pro?elen en de af?ches voor de of?ciële e?ectieve ?lialen."
    [job] = read(make_pdf([ligatures + "\n\n" + dutch_text(2, seed=5)], tmp_path / "ligaturen.pdf")).ocr_jobs
    assert job.reason == "garbled_text: ligatures lost as '?'"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("De regisseur organiseerde in 2021 drie infosessies voor werkgevers en werkzoekenden.", None),
        ("(cid:12)(cid:34)(cid:56)(cid:78) (cid:90)", "(cid:NN) glyph codes"),
        ("\ufffd\ufffd\ufffd\ufffd tekst", "unmapped characters"),
        ("䴀甀氀琀椀挀漀氀漀爀 倀甀爀攀 䈀氀愀挀欀 倀甀爀攀 䴀愀最攀渀琀愀", "letters outside the Latin script"),
        ('"7+%- "7+%-', "symbols instead of letters"),
        ("Tabel 3: 12.000 € 3.500 € 2021 2022", None),
    ],
)
def test_garbled_reason(text: str, reason: str | None) -> None:
    assert garbled_reason(text) == reason


def test_encrypted_pdf_is_a_typed_error(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "geheim.pdf"
    canvas = Canvas(str(path), encrypt=StandardEncryption("wachtwoord", canPrint=0))
    canvas.drawString(72, 720, "Vertrouwelijk actieplan")
    canvas.save()
    with pytest.raises(EncryptedPdf):
        read(path)
    summary = ingest([path], Settings.build(env={}, db=tmp_path / "mine.db", workers=1), analyse_documents=False)
    assert summary.files[0].status == "failed" and summary.files[0].reason.startswith("encrypted_pdf: ")


def test_truncated_and_corrupt_pdfs_are_typed_errors(tmp_path: Path) -> None:
    whole = make_pdf([PAGE], tmp_path / "heel.pdf").read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "afgebroken.pdf").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "in" / "rommel.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    for name in ("afgebroken.pdf", "rommel.pdf"):
        with pytest.raises(CorruptPdf):
            read(tmp_path / "in" / name)
    summary = ingest([tmp_path / "in"], Settings.build(env={}, db=tmp_path / "mine.db", workers=1), analyse_documents=False)
    assert {f.status for f in summary.files} == {"failed"}
    assert all(f.reason.startswith("corrupt_pdf: ") and "\n" not in f.reason for f in summary.files)


def test_ocr_timeout_leaves_the_document_partial_with_other_pages_stored(tmp_path: Path) -> None:
    pages = [("Digitaal " + dutch_text(2, seed=1), False), ("Gescand " + dutch_text(2, seed=2), True), ("Digitaal " + dutch_text(2, seed=3), False)]
    make_mixed(pages, tmp_path / "in" / "traag.pdf")
    settings = Settings.build(env={}, db=tmp_path / "mine.db", workers=1, ocr_timeout=0.01)  # no page OCRs that fast
    summary = ingest([tmp_path / "in"], settings, analyse_documents=False)
    [report] = summary.files
    assert report.status == "partial"
    assert report.reason.startswith("page 2: ocr_timeout: ") and "\n" not in report.reason
    with Store(settings.db) as store:
        stored = store.pages(report.doc_id)
        assert store.document(report.doc_id).status == "partial"
    assert [p.error is None for p in stored] == [True, False, True]
    assert stored[0].text.startswith("Digitaal") and stored[2].text.startswith("Digitaal")


def test_one_line_paragraphs_stay_apart_given_the_documents_line_spacing(tmp_path: Path) -> None:
    # page 2 holds only one-line paragraphs: alone it cannot tell a paragraph gap from a line gap
    cells = [f"Regel {name} van de tabel" for name in ("alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")]
    path = make_pdf([dutch_text(4, seed=2, bullets=0), "\n\n".join(cells)], tmp_path / "regels.pdf")
    assert [b.text for b in read(path).pages[1].blocks] == cells


def test_rotated_page_reads_in_display_orientation(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    lines = ["Eerste regel van de liggende pagina", "Tweede regel van de liggende pagina", "Derde regel"]
    path = tmp_path / "liggend.pdf"
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    canvas.setPageRotation(90)  # reportlab then writes a landscape media box, shown turned to portrait
    canvas.setFont("Helvetica", 11)
    for i, line in enumerate(lines):  # upright once the page is turned: user x = display y, user y = display x
        canvas.saveState()
        canvas.translate(100 + 16 * i, 72)
        canvas.rotate(90)
        canvas.drawString(0, 0, line)
        canvas.restoreState()
    canvas.save()
    page = read(path).pages[0]
    assert (page.width, page.height) == (round(PAGE_WIDTH, 2), round(PAGE_HEIGHT, 2))
    assert page.text.split("\n") == lines
    assert 70 < page.blocks[0].bbox[0] < 74


def test_fixtures_are_deterministic(tmp_path: Path) -> None:
    for maker in (make_pdf, make_scan):
        first = maker([PAGE], tmp_path / "a.pdf").read_bytes()
        assert maker([PAGE], tmp_path / "b.pdf").read_bytes() == first
