#!/usr/bin/env python3
"""Time `mine ingest` on generated PDFs, against plain `tesseract` measured in the same run.

    .venv/bin/python bench/ingest.py                 # workers=1 and workers=all (every core)
    .venv/bin/python bench/ingest.py --ocr-pages 4   # quicker, noisier
    .venv/bin/python bench/ingest.py --json          # figures as JSON on stdout

Figures (issue 2 targets in brackets):
- born-digital pages/s, reading + store, workers=1 and all [>= 15 with all workers];
- seconds per OCR page, workers=1 and all, and the ratio to bare `tesseract` (CLI, OMP_THREAD_LIMIT=1,
  same page images as PNG, one process per worker run in parallel) [>= 0.9 x workers x bare rate];
  wall time (best of --rounds) and CPU seconds per page, which other load on the machine hardly moves;
- re-ingest of an unchanged corpus, seconds per 100 documents [well under 1 s];
- peak memory of one worker process reading a 100-page and a 300-page PDF, and of one OCR
  worker plus its Tesseract process (a 300 dpi A4 page) [< 500 MB per worker; flat in page count].

The corpus is made by pipeline.fixtures (deterministic). Analysis (actions, classes, entities)
is left out so the figures are those of reading and OCR; --analyse puts it back in.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.config import Settings  # noqa: E402
from pipeline.fixtures import dutch_pages, make_pdf, make_scan  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402

OCR_DPI = 300


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its reaped children (workers, tesseract)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def born_digital_corpus(folder: Path, docs: int, pages: int) -> None:
    for d in range(docs):
        columns = 2 if d % 3 == 2 else 1
        texts = dutch_pages(pages, seed=d)
        if d % 4 == 1:  # some documents carry a ruled table (pdfplumber's table finder runs there)
            texts[0] += "\n\n|Actie|Partner|Budget|\n|Jobcoaching|VDAB|€ 12.000|\n|Strijkatelier|OCMW|€ 3.500|"
        make_pdf(texts, folder / f"verslag-{d:03d}.pdf", columns=columns, header=f"Werkingsverslag {2020 + d % 5}", footer="pagina {page}")


def time_ingest(folder: Path, workers: int, db: Path, analyse: bool, expect: str = "ok") -> tuple[float, int, int]:
    settings = Settings.build(env={}, db=db, workers=workers)
    started = time.perf_counter()
    summary = ingest([folder], settings, analyse_documents=analyse)
    seconds = time.perf_counter() - started
    bad = [f for f in summary.files if f.status != expect]
    if bad:
        raise SystemExit(f"bench: unexpected status {bad[0].status} for {bad[0].source}: {bad[0].reason}")
    return seconds, summary.pages, summary.ocr_pages


def page_images(scans: list[Path], folder: Path) -> list[Path]:
    """The scanned pages rendered as the OCR worker renders them, written as PNG for the CLI."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    images = []
    for scan in scans:
        document = pdfium.PdfDocument(scan)
        for i in range(len(document)):
            image = document[i].render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            path = folder / f"{scan.stem}-{i + 1}.png"
            image.save(path)
            images.append(path)
        document.close()
    return images


def bare_tesseract(images: list[Path], workers: int, lang: str) -> float:
    """Wall seconds for `tesseract IMAGE OUT -l nld tsv` over the images, `workers` at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def run(image: Path) -> None:
        subprocess.run(["tesseract", str(image), str(image.with_suffix("")), "-l", lang, "tsv"], env=env,
                       check=True, capture_output=True)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(run, images))
    return time.perf_counter() - started


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child started from this big
# process would report at least this process's size (the same holds for Tesseract started by a
# worker, hence `tesseract_peak`).
MEMORY_CHILD = """
import json, re, resource, sys
from pathlib import Path
from pipeline.config import Settings
from pipeline.ingest import ingest
summary = ingest([Path(sys.argv[1])], Settings.build(env={}, db=sys.argv[2], workers=1), analyse_documents=False)
assert all(f.status == "ok" for f in summary.files), summary.as_dict()
status = Path("/proc/self/status")
hwm = re.search(r"VmHWM:\\s+(\\d+) kB", status.read_text()) if status.exists() else None
print(json.dumps({"self_mb": (int(hwm.group(1)) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024}))
"""


def peak_memory(pdf: Path, db: Path) -> dict[str, float]:
    """Peak RSS of one worker process (workers=1: reading, OCR and store in one process),
    ingesting `pdf` from a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(pdf), str(db)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def tesseract_peak(image: Path, lang: str) -> float:
    """Peak RSS (MB) of bare `tesseract` on one page image, started from a tiny interpreter so
    that the figure is Tesseract's own."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-S", "-c", code, "tesseract", str(image), str(image.with_suffix("")), "-l", lang, "tsv"],
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"}, capture_output=True, text=True, check=True)
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers for the 'all' runs (default: every core)")
    parser.add_argument("--docs", type=int, default=20, help="born-digital documents (default 20)")
    parser.add_argument("--pages", type=int, default=15, help="pages per born-digital document (default 15)")
    parser.add_argument("--ocr-pages", type=int, default=8, help="scanned pages per worker (default 8)")
    parser.add_argument("--reingest-docs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2, help="OCR timing rounds, best kept (default 2)")
    parser.add_argument("--analyse", action="store_true", help="include the analysis stages in the born-digital runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    n = max(1, args.workers)
    lang = Settings().ocr_lang
    figures: dict[str, object] = {"workers_all": n, "cpu_count": os.cpu_count(), "load_before": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="mine-bench-") as tmp:
        root = Path(tmp)

        log(f"born-digital: {args.docs} documents x {args.pages} pages")
        born_digital_corpus(root / "digital", args.docs, args.pages)
        for workers in sorted({1, n}):
            seconds, pages, _ = time_ingest(root / "digital", workers, root / f"digital-{workers}.db", args.analyse)
            figures[f"born_digital_pages_per_s_w{workers}"] = round(pages / seconds, 1)
            log(f"  workers={workers}: {pages} pages in {seconds:.1f} s = {pages / seconds:.1f} pages/s")

        log(f"re-ingest: {args.reingest_docs} unchanged documents")
        for d in range(args.reingest_docs):
            make_pdf(dutch_pages(1, seed=500 + d), root / "reingest" / f"doc-{d:03d}.pdf")
        time_ingest(root / "reingest", n, root / "reingest.db", False)
        seconds, _, _ = time_ingest(root / "reingest", n, root / "reingest.db", False, expect="unchanged")
        figures["reingest_s_per_100_docs"] = round(seconds * 100 / args.reingest_docs, 3)
        log(f"  {seconds:.3f} s for {args.reingest_docs} documents")

        log(f"OCR: {args.ocr_pages} pages per worker at {OCR_DPI} dpi")
        scans = []
        for workers in sorted({1, n}):
            count = args.ocr_pages * workers
            folder = root / f"scan-{workers}"
            scans_w = [make_scan(dutch_pages(1, seed=100 + workers * 1000 + p), folder / f"scan-{p:03d}.pdf", dpi=OCR_DPI) for p in range(count)]
            scans.append((workers, folder, scans_w))
        images: list[Path] = []
        for workers, folder, scans_w in scans:
            images = page_images(scans_w, root / f"png-{workers}")
            bare_runs, our_runs, bare_cpu, our_cpu = [], [], [], []
            for r in range(args.rounds):  # alternate, keep the best of each: other load on the machine is noise
                cpu = cpu_seconds()
                bare_runs.append(bare_tesseract(images, workers, lang))
                bare_cpu.append(cpu_seconds() - cpu)
                cpu = cpu_seconds()
                ours, _, ocr_pages = time_ingest(folder, workers, root / f"scan-{workers}-{r}.db", False)
                our_cpu.append(cpu_seconds() - cpu)
                assert ocr_pages == len(images)
                our_runs.append(ours)
            bare, ours = min(bare_runs), min(our_runs)
            pages = len(images)
            figures[f"ocr_s_per_page_w{workers}"] = round(ours / pages, 3)
            figures[f"bare_tesseract_s_per_page_w{workers}"] = round(bare / pages, 3)
            figures[f"ocr_vs_bare_w{workers}"] = round(bare / ours, 3)  # our rate / bare rate, same workers
            # CPU seconds per page hardly depend on what else runs on the machine: the overhead itself
            figures[f"ocr_cpu_s_per_page_w{workers}"] = round(min(our_cpu) / pages, 3)
            figures[f"bare_cpu_s_per_page_w{workers}"] = round(min(bare_cpu) / pages, 3)
            figures[f"ocr_vs_bare_cpu_w{workers}"] = round(min(bare_cpu) / min(our_cpu), 3)
            log(f"  workers={workers}: ours {ours / pages:.2f} s/page, bare tesseract {bare / pages:.2f} s/page "
                f"(rate ratio {bare / ours:.2f}); CPU per page ours {min(our_cpu) / pages:.2f} s, bare {min(bare_cpu) / pages:.2f} s; "
                f"wall runs ours {[round(x, 1) for x in our_runs]}, bare {[round(x, 1) for x in bare_runs]}")
        if n > 1:
            # the target: OCR rate with all workers >= 0.9 x workers x bare single-process rate
            rate_all = 1 / figures[f"ocr_s_per_page_w{n}"]  # type: ignore[operator]
            bare_one = 1 / figures["bare_tesseract_s_per_page_w1"]  # type: ignore[operator]
            figures["ocr_all_vs_workers_x_bare_one"] = round(rate_all / (n * bare_one), 3)

        log("memory: one worker, 100 vs 300 born-digital pages, and 5 scanned pages")
        for count in (100, 300):
            pdf = make_pdf(dutch_pages(count, seed=7), root / "memory" / f"doc-{count}.pdf", header="Verslag", footer="pagina {page}")
            peak = peak_memory(pdf, root / f"memory-{count}.db")
            figures[f"worker_peak_mb_{count}_pages"] = round(peak["self_mb"], 1)
            log(f"  {count} pages: {peak['self_mb']:.0f} MB")
        scan = make_scan(dutch_pages(5, seed=8), root / "memory" / "scan-5.pdf", dpi=OCR_DPI)
        peak = peak_memory(scan, root / "memory-scan.db")
        figures["ocr_worker_peak_mb"] = round(peak["self_mb"], 1)
        figures["tesseract_peak_mb"] = round(tesseract_peak(images[0], lang), 1)
        log(f"  OCR worker {figures['ocr_worker_peak_mb']} MB, plus its tesseract process {figures['tesseract_peak_mb']} MB")
    figures["load_after"] = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        width = max(len(k) for k in figures)
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
