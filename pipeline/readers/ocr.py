"""OCR of one page, inside a worker process: render in memory, Tesseract, blocks in reading order.

The page is rendered by pdfium at the job's resolution straight into memory (no image files of
our own); pytesseract hands it to the `tesseract` binary as an uncompressed temp file. One
Tesseract thread per worker (the executor sets OMP_THREAD_LIMIT=1). The words Tesseract finds
go through the same layout as the text layer (`pdf.layout`), so columns, running lines and
bullets come out the same way. Bullet glyphs are kept as read ("e ", "¢ ", "o "): clean.py
normalises them.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import replace

from pipeline.errors import OcrFailed, OcrTimeout, PageTooLarge
from pipeline.models import Page
from pipeline.readers.base import OcrJob
from pipeline.readers.pdf import Word, layout_blocks, real_words

MIN_READABLE_DPI = 100  # a page too large for max_pixels is rendered coarser, but not below this
MIN_CONFIDENCE = 20  # words below this confidence that hold no letter or digit are noise (specks, rules)
RGB_RENDER_PIXELS = 20_000_000  # up to about A3 at 300 dpi
KEEP_FALLBACK = 0.5  # OCR finding under half the text layer's real words keeps the text layer


def fit_dpi(dpi: int, width_pt: float, height_pt: float, max_pixels: int) -> int:
    """The resolution to render at: `dpi`, lowered so the image stays within `max_pixels`;
    PageTooLarge when that would go below MIN_READABLE_DPI."""
    pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
    if pixels <= max_pixels:
        return dpi
    fitted = int(dpi * math.sqrt(max_pixels / pixels))
    if fitted < MIN_READABLE_DPI:
        raise PageTooLarge(
            f"the page is {width_pt / 72:.0f} x {height_pt / 72:.0f} inches: over {max_pixels:,} pixels even at {MIN_READABLE_DPI} dpi"
        )
    return fitted


def _render(job: OcrJob):  # type: ignore[no-untyped-def]
    """(grayscale PIL image, dpi used, page width and height in points)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(job.path)
    except (pdfium.PdfiumError, OSError) as exc:
        raise OcrFailed(f"cannot open the PDF to render the page ({exc})") from exc
    try:
        page = document[job.page - 1]
        try:
            width, height = page.get_size()
            dpi = fit_dpi(job.dpi, width, height, job.max_pixels)
            # pdfium's own grayscale rendering is twice as slow as colour plus PIL's conversion;
            # colour needs three bytes a pixel, so big pages are rendered in gray
            small = (width * dpi / 72) * (height * dpi / 72) <= RGB_RENDER_PIXELS
            bitmap = page.render(scale=dpi / 72, grayscale=not small, rev_byteorder=small)
            image = bitmap.to_pil()
            image = image.convert("L") if image.mode != "L" else image.copy()  # detached from pdfium's buffer
            bitmap.close()
        finally:
            page.close()
    except (PageTooLarge, OcrFailed):
        raise
    except Exception as exc:  # pdfium failed to load or draw the page
        raise OcrFailed(f"cannot render the page ({type(exc).__name__}: {exc})") from exc
    finally:
        document.close()
    return image, dpi, width, height


def _tesseract(image, job: OcrJob) -> dict[str, list]:  # type: ignore[no-untyped-def]
    import pytesseract

    # pytesseract hands Tesseract a temp file in this format: uncompressed TIFF is quick to write,
    # and Tesseract (leptonica) reads it faster than PNG or PGM (about 5% less CPU a page)
    image.format = "TIFF"
    try:
        return pytesseract.image_to_data(image, lang=job.lang, timeout=job.timeout, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrFailed("the tesseract program is not installed or not on PATH") from exc
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"tesseract failed ({exc.message or exc.status})") from exc
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise OcrTimeout(f"OCR took longer than {job.timeout:g} s") from exc
        raise OcrFailed(str(exc)) from exc


def _lines(data: dict[str, list], scale: float) -> list[list[Word]]:
    """Tesseract's words (level 5), grouped by its own line ids, in points."""
    lines: dict[tuple[int, int, int], list[tuple[float, float, float, float, str]]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if data["level"][i] != 5 or not text:
            continue
        conf = float(data["conf"][i])
        if conf < 0 or (conf < MIN_CONFIDENCE and data["word_num"][i] > 1 and not any(ch.isalnum() for ch in text)):
            continue  # (a line's first word may be a bullet read with low confidence: kept)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, top, width, height = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        lines.setdefault(key, []).append((left * scale, top * scale, (left + width) * scale, (top + height) * scale, text))
    # One size per Tesseract paragraph: word boxes are tight, so a line without ascenders or
    # descenders ("moet.") looks smaller than its neighbours; the paragraph's median line evens it.
    heights: dict[tuple[int, int], list[float]] = {}
    for key, words in lines.items():
        heights.setdefault(key[:2], []).append(max(w[3] - w[1] for w in words))
    out: list[list[Word]] = []
    for key, words in lines.items():
        size = round(statistics.median(heights[key[:2]]) / 0.9, 1)
        top = statistics.median(w[1] for w in words)
        bottom = statistics.median(w[3] for w in words)
        out.append([Word(w[0], min(w[1], top), w[2], max(w[3], bottom), w[4], size) for w in words])
    return out


def ocr_page(job: OcrJob) -> Page:
    """The page as Tesseract reads it (method "ocr"), or the job's text-layer fallback when OCR
    finds clearly less. Raises OcrTimeout, OcrFailed or PageTooLarge (page errors: the ingest
    keeps the other pages)."""
    image, dpi, width, height = _render(job)
    try:
        data = _tesseract(image, job)
    finally:
        image.close()
    lines = _lines(data, 72 / dpi)
    blocks, _ = layout_blocks([w for line in lines for w in line], [], height, runs=lines)
    page = Page(doc_id=job.doc_id, page=job.page, method="ocr", blocks=tuple(blocks), width=round(width, 2), height=round(height, 2),
                ocr_reason=job.reason)
    fallback = job.fallback
    if fallback is not None and fallback.blocks:
        found, kept = real_words(page.text), real_words(fallback.text)
        if found < KEEP_FALLBACK * kept:
            return replace(fallback, ocr_reason=f"{job.reason}; OCR found less ({found} vs {kept} words), text layer kept")
    return page
