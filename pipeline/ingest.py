"""The ingest orchestrator: files in, documents (pages, then actions) in the store.

Reading and OCR run on an `Executor` (a local process pool today); everything here is the
bookkeeping between them: which files are new, which pages go to OCR, what failed and why.
Only the store writes.
"""
from __future__ import annotations

import functools
import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from pipeline import clean, layout
from pipeline.config import Settings
from pipeline.errors import MineError, UnsupportedFormat
from pipeline.executor import Executor, make_executor
from pipeline.extract import Resources, analyse
from pipeline.models import Document, Page, SourceFile
from pipeline.readers import SUPPORTED_SUFFIXES, OcrJob, ReadResult, detect
from pipeline.store import Store

Progress = Callable[[str, int], None]  # (event, amount): "total" pages expected, "advance" pages done


@dataclass
class FileReport:
    """How one file ended: status ok | partial | failed | duplicate | unsupported | unchanged."""

    source: str
    status: str
    doc_id: str | None = None
    pages: int = 0
    ocr_pages: int = 0
    actions: int = 0
    reason: str | None = None
    seconds: float = 0.0


@dataclass
class IngestSummary:
    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def ocr_pages(self) -> int:
        return sum(f.ocr_pages for f in self.files)

    @property
    def failed(self) -> bool:
        return any(f.status == "failed" for f in self.files)

    def as_dict(self) -> dict[str, object]:
        statuses = ("ok", "partial", "failed", "duplicate", "unsupported", "unchanged")
        return {
            "counts": {s: self.count(s) for s in statuses},
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
            "actions": sum(f.actions for f in self.files),
            "seconds": round(self.seconds, 3),
            "files": [vars(f) for f in self.files],
        }


def find_files(paths: Sequence[Path]) -> list[SourceFile]:
    """Every file under the given files and folders (recursive, hidden files skipped), sorted."""
    found: list[SourceFile] = []
    for given in paths:
        given = Path(given)
        if given.is_dir():
            candidates = sorted(p for p in given.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(given).parts))
            base = given
        elif given.exists():
            candidates, base = [given], given.parent
        else:
            raise FileNotFoundError(f"no such file or folder: {given}")
        for path in candidates:
            stat = path.stat()
            found.append(SourceFile(path=str(path.resolve()), source=str(path.relative_to(base)), size=stat.st_size, mtime=stat.st_mtime))
    return found


def content_id(data: bytes) -> str:
    """A document's id: the first 16 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class _Pending:
    """A document read from its text layer, waiting for its OCR pages."""

    file: SourceFile
    doc_id: str
    format: str
    pages: dict[int, Page]
    waiting: set[int]
    started: float
    ocr_pages: int = 0
    page_errors: list[str] = field(default_factory=list)


def read_file(task: tuple[SourceFile, Settings]) -> tuple[str, str, ReadResult]:
    """Read one file (in a worker): returns (doc_id, format, pages + OCR jobs). Raises typed errors."""
    file, settings = task
    path = Path(file.path)
    data = path.read_bytes()
    reader = detect(path, data[:4096])
    doc_id = content_id(data)
    return doc_id, reader.format, reader.read(path, data, doc_id, settings)


def run_ocr(job: OcrJob) -> Page:
    """OCR one page (in a worker)."""
    from pipeline.readers.ocr import ocr_page

    return ocr_page(job)


def ingest(
    paths: Sequence[Path],
    settings: Settings,
    progress: Progress | None = None,
    force: bool = False,
    executor: Executor | None = None,
    analyse_documents: bool = True,
) -> IngestSummary:
    """Ingest files and folders into the store; never raises for a bad input file."""
    started = time.perf_counter()
    progress = progress or (lambda event, n: None)
    summary = IngestSummary()
    files = find_files(paths)
    own_executor = executor is None
    executor = executor or make_executor(settings.workers)
    # Loaded on first use: a re-ingest of an unchanged corpus loads no model at all.
    resources = functools.cache(lambda: Resources.load(settings)) if analyse_documents else None
    try:
        with Store(settings.db) as store:
            run_id = store.start_run()
            todo: list[SourceFile] = []
            for file in files:
                if Path(file.path).suffix.lower() not in SUPPORTED_SUFFIXES:
                    reason = UnsupportedFormat(f"unsupported file type {Path(file.path).suffix or '(no suffix)'}").reason
                    store.record_file(file, None, "unsupported", reason)
                    summary.files.append(FileReport(file.source, "unsupported", reason=reason))
                elif not force and (row := store.known_file(file)) is not None and (row["doc_id"] is None or store.has_document(row["doc_id"]) or row["status"] == "duplicate"):
                    summary.files.append(FileReport(file.source, "unchanged", doc_id=row["doc_id"]))
                else:
                    todo.append(file)
            for batch in _batches(todo, max(4, settings.workers * 4)):
                for report in _ingest_batch(batch, settings, store, executor, progress, resources):
                    summary.files.append(report)
            summary.files.sort(key=lambda f: f.source)
            summary.seconds = time.perf_counter() - started
            store.finish_run(run_id, {k: v for k, v in summary.as_dict().items() if k != "files"})
    finally:
        if own_executor:
            executor.close()
    return summary


def _batches(items: list[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _ingest_batch(
    batch: list[SourceFile],
    settings: Settings,
    store: Store,
    executor: Executor,
    progress: Progress,
    resources: Callable[[], Resources] | None,
) -> Iterable[FileReport]:
    pending: dict[str, _Pending] = {}
    seen_in_batch: set[str] = set()
    reports: list[FileReport] = []
    jobs: list[OcrJob] = []
    for outcome in executor.map_unordered(read_file, [(f, settings) for f in batch]):
        file = outcome.item[0]
        if outcome.error is not None:
            reports.append(_record_failure(store, file, outcome.error))
            continue
        doc_id, fmt, result = outcome.value  # type: ignore[misc]
        if doc_id in seen_in_batch or (store.has_document(doc_id) and not _same_path_holds(store, file, doc_id)):
            store.record_file(file, doc_id, "duplicate", f"duplicate: same content as document {doc_id}")
            reports.append(FileReport(file.source, "duplicate", doc_id=doc_id, reason=f"same content as document {doc_id}"))
            continue
        seen_in_batch.add(doc_id)
        progress("total", len(result.pages))
        pages = {p.page: p for p in result.pages}
        progress("advance", len(result.pages) - len(result.ocr_jobs))
        pending[doc_id] = _Pending(
            file, doc_id, fmt, pages, {j.page for j in result.ocr_jobs}, time.perf_counter(),
            page_errors=[f"page {p.page}: {p.error}" for p in result.pages if p.error],
        )
        jobs.extend(result.ocr_jobs)
    for outcome in executor.map_unordered(run_ocr, jobs):
        job = outcome.item
        doc = pending[job.doc_id]
        doc.waiting.discard(job.page)
        progress("advance", 1)
        if outcome.error is not None:
            error = outcome.error
            reason = error.reason if isinstance(error, MineError) else f"ocr_failed: {type(error).__name__}: {error}"
            doc.page_errors.append(f"page {job.page}: {reason}")
            base = job.fallback or doc.pages.get(job.page) or Page(doc_id=job.doc_id, page=job.page)
            doc.pages[job.page] = replace(base, error=reason)
        else:
            doc.pages[job.page] = outcome.value  # type: ignore[assignment]
            doc.ocr_pages += 1
    for doc in pending.values():
        reports.append(_finish(doc, store, resources, settings))
    return reports


def _same_path_holds(store: Store, file: SourceFile, doc_id: str) -> bool:
    """True when the stored copy of doc_id came from this very path (re-ingest with --force)."""
    return store.doc_id_of_path(file.path) == doc_id


def _record_failure(store: Store, file: SourceFile, error: BaseException) -> FileReport:
    reason = error.reason if isinstance(error, MineError) else f"read_error: {type(error).__name__}: {error}"
    try:
        data = Path(file.path).read_bytes()
    except OSError:
        data = b""
    doc_id = content_id(data) if data else "empty-" + hashlib.sha256(file.path.encode()).hexdigest()[:10]
    fmt = Path(file.path).suffix.lower().lstrip(".") or "unknown"
    doc = Document(doc_id=doc_id, source=file.source, path=file.path, format=fmt, size=file.size, status="failed", error=reason)
    if store.has_document(doc_id) and not _same_path_holds(store, file, doc_id):
        store.record_file(file, doc_id, "failed", reason)
    else:
        store.write_document(doc, [], file)
    return FileReport(file.source, "failed", doc_id=doc_id, reason=reason)


def _finish(doc: _Pending, store: Store, resources: Callable[[], Resources] | None, settings: Settings) -> FileReport:
    pages = [doc.pages[n] for n in sorted(doc.pages)]
    pages = layout.separate_running_lines(clean.clean_pages(pages))
    failed_pages = [p for p in pages if p.error]
    if pages and len(failed_pages) == len(pages):
        status, error = "failed", "; ".join(doc.page_errors) or "no page could be read"
    elif failed_pages:
        status, error = "partial", "; ".join(doc.page_errors)
    else:
        status, error = "ok", None
    record = Document(
        doc_id=doc.doc_id, source=doc.file.source, path=doc.file.path, format=doc.format, size=doc.file.size,
        pages=len(pages), ocr_pages=sum(1 for p in pages if p.method == "ocr"), status=status, error=error,
        seconds=time.perf_counter() - doc.started,
    )
    store.write_document(record, pages, doc.file)
    actions = 0
    if resources is not None and status != "failed":
        analysis = analyse(record, pages, resources(), region=settings.region)
        store.write_analysis(record.doc_id, analysis.meta, analysis.sections, analysis.actions, analysis.mentions)
        actions = len(analysis.actions)
    return FileReport(doc.file.source, status, doc_id=doc.doc_id, pages=len(pages), ocr_pages=record.ocr_pages,
                      actions=actions, reason=error, seconds=record.seconds)


def rebuild(settings: Settings, doc_ids: Sequence[str] | None = None, region: str | None = None) -> int:
    """Redo the analysis (structure, actions, classes, entities) from stored pages; no re-reading, no OCR.

    Returns the number of documents analysed.
    """
    resources = Resources.load(settings)
    count = 0
    with Store(settings.db) as store:
        for doc in store.documents(status=("ok", "partial")):
            if doc_ids and doc.doc_id not in doc_ids:
                continue
            analysis = analyse(doc, store.pages(doc.doc_id), resources, region=region)
            store.write_analysis(doc.doc_id, analysis.meta, analysis.sections, analysis.actions, analysis.mentions)
            count += 1
    return count


__all__ = ["ingest", "rebuild", "find_files", "content_id", "IngestSummary", "FileReport"]
