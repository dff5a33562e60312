"""The SQLite store: the only module that speaks SQL and the only place that writes.

One document (its pages) is written in one transaction; the analysis of a document (its
metadata, sections, actions and mentions) is replaced in one transaction too, so that
`mine rebuild` can redo segmentation, classification and entities without re-reading files.
"""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterator, Sequence

from pipeline.errors import StoreError
from pipeline.models import (
    Action,
    Block,
    DateValue,
    DocMeta,
    Document,
    Figure,
    Mention,
    Page,
    Partner,
    Section,
    SourceFile,
    Table,
)

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL DEFAULT 0,
    ocr_pages INTEGER NOT NULL DEFAULT 0,
    region TEXT,
    municipalities TEXT NOT NULL DEFAULT '[]',
    doc_type TEXT,
    years TEXT NOT NULL DEFAULT '[]',
    framework TEXT,
    title TEXT,
    status TEXT NOT NULL,
    error TEXT,
    seconds REAL NOT NULL DEFAULT 0,
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    doc_id TEXT,
    status TEXT NOT NULL,
    error TEXT,
    seen_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    method TEXT NOT NULL,
    text TEXT NOT NULL,
    header TEXT,
    footer TEXT,
    width REAL,
    height REAL,
    ocr_reason TEXT,
    error TEXT,
    blocks TEXT NOT NULL DEFAULT '[]',
    tables TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (doc_id, page)
);
CREATE TABLE IF NOT EXISTS sections (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    level INTEGER NOT NULL,
    number TEXT,
    page INTEGER NOT NULL,
    parent INTEGER,
    PRIMARY KEY (doc_id, position)
);
CREATE TABLE IF NOT EXISTS actions (
    action_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    region TEXT,
    year INTEGER,
    doc_type TEXT,
    domain TEXT,
    domain_score REAL,
    framework_heading TEXT,
    framework_code TEXT,
    section_path TEXT NOT NULL DEFAULT '[]',
    themes TEXT NOT NULL DEFAULT '[]',
    theme_evidence TEXT NOT NULL DEFAULT '[]',
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    result TEXT,
    status TEXT NOT NULL,
    partners TEXT NOT NULL DEFAULT '[]',
    dates TEXT NOT NULL DEFAULT '[]',
    figures TEXT NOT NULL DEFAULT '[]',
    page INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_doc ON actions(doc_id);
CREATE INDEX IF NOT EXISTS actions_region ON actions(region, year);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    action_id TEXT,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    normalized TEXT,
    role TEXT,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);
CREATE INDEX IF NOT EXISTS entities_action ON entities(action_id);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at REAL NOT NULL,
    finished_at REAL,
    summary TEXT
);
"""

JSON_ACTION_FIELDS = ("section_path", "themes", "theme_evidence", "partners", "dates", "figures")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def page_to_row(page: Page) -> dict[str, Any]:
    """A page as a row of the `pages` table (blocks and tables as JSON)."""
    return {
        "doc_id": page.doc_id,
        "page": page.page,
        "method": page.method,
        "text": page.text,
        "header": page.header,
        "footer": page.footer,
        "width": page.width,
        "height": page.height,
        "ocr_reason": page.ocr_reason,
        "error": page.error,
        "blocks": _json([asdict(b) for b in page.blocks]),
        "tables": _json([asdict(t) for t in page.tables]),
    }


def page_from_row(row: sqlite3.Row) -> Page:
    """The `Page` record back from its row."""
    blocks = tuple(
        Block(**{**b, "bbox": tuple(b["bbox"]) if b.get("bbox") else None}) for b in json.loads(row["blocks"])
    )
    tables = tuple(
        Table(
            rows=tuple(tuple(r) for r in t["rows"]),
            bbox=tuple(t["bbox"]) if t.get("bbox") else None,  # type: ignore[arg-type]
            anchor=t.get("anchor", 0),
        )
        for t in json.loads(row["tables"])
    )
    return Page(
        doc_id=row["doc_id"],
        page=row["page"],
        method=row["method"],
        blocks=blocks,
        tables=tables,
        header=row["header"],
        footer=row["footer"],
        width=row["width"],
        height=row["height"],
        ocr_reason=row["ocr_reason"],
        error=row["error"],
    )


def action_to_row(action: Action) -> dict[str, Any]:
    row = asdict(action)
    for name in JSON_ACTION_FIELDS:
        row[name] = _json(row[name])
    return row


def action_from_row(row: sqlite3.Row) -> Action:
    data = dict(row)
    for name in JSON_ACTION_FIELDS:
        data[name] = json.loads(data[name])
    return Action(
        action_id=data["action_id"],
        doc_id=data["doc_id"],
        page=data["page"],
        title=data["title"],
        text=data["text"],
        kind=data["kind"],
        result=data["result"],
        year=data["year"],
        doc_type=data["doc_type"],
        status=data["status"],
        region=data["region"],
        framework_heading=data["framework_heading"],
        framework_code=data["framework_code"],
        section_path=tuple(data["section_path"]),
        domain=data["domain"],
        domain_score=data["domain_score"],
        themes=tuple(data["themes"]),
        theme_evidence=tuple(tuple(e) for e in data["theme_evidence"]),  # type: ignore[misc]
        partners=tuple(Partner(**p) for p in data["partners"]),
        dates=tuple(DateValue(**d) for d in data["dates"]),
        figures=tuple(Figure(**f) for f in data["figures"]),
        position=data["position"],
    )


class Store:
    """A connection to the SQLite store. Use as a context manager or call `close()`."""

    def __init__(self, path: Path | str, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"no store at {self.path}", remedy="Run `mine ingest PATH` first, or pass --db.")
        try:
            if readonly:
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.executescript(SCHEMA)
            self.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            self.conn.commit()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Everything inside commits together or not at all."""
        try:
            self.conn.execute("BEGIN")
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # -- files and documents -------------------------------------------------------------

    def known_file(self, file: SourceFile) -> sqlite3.Row | None:
        """The stored record of this path when its size and mtime are unchanged (no work to do)."""
        row = self.conn.execute("SELECT * FROM files WHERE path = ?", (file.path,)).fetchone()
        if row is not None and row["size"] == file.size and row["mtime"] == file.mtime:
            return row
        return None

    def doc_id_of_path(self, path: str) -> str | None:
        """The document a stored file path currently holds (None when unknown or unreadable)."""
        row = self.conn.execute("SELECT doc_id FROM files WHERE path = ?", (path,)).fetchone()
        return None if row is None else row["doc_id"]

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def record_file(self, file: SourceFile, doc_id: str | None, status: str, error: str | None = None) -> None:
        """Remember a file that produced no new document (duplicate, unsupported, unreadable)."""
        with self.transaction() as conn:
            self._replace_file(conn, file, doc_id, status, error)

    def _replace_file(
        self, conn: sqlite3.Connection, file: SourceFile, doc_id: str | None, status: str, error: str | None
    ) -> None:
        old_id = self.doc_id_of_path(file.path)
        conn.execute(
            "INSERT OR REPLACE INTO files(path, source, size, mtime, doc_id, status, error, seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (file.path, file.source, file.size, file.mtime, doc_id, status, error, time.time()),
        )
        if old_id and old_id != doc_id:
            # The file changed: its old version goes, unless another path still holds it.
            others = conn.execute("SELECT 1 FROM files WHERE doc_id = ? LIMIT 1", (old_id,)).fetchone()
            if others is None:
                conn.execute("DELETE FROM documents WHERE doc_id = ?", (old_id,))

    def write_document(self, doc: Document, pages: Sequence[Page], file: SourceFile) -> None:
        """Store a document and its pages in one transaction (replacing an older version)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc.doc_id,))
            meta = doc.meta
            conn.execute(
                "INSERT INTO documents(doc_id, source, path, format, size, pages, ocr_pages, region,"
                " municipalities, doc_type, years, framework, title, status, error, seconds, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.doc_id, doc.source, doc.path, doc.format, doc.size, doc.pages, doc.ocr_pages,
                    meta.region, _json(list(meta.municipalities)), meta.doc_type, _json(list(meta.years)),
                    meta.framework, meta.title, doc.status, doc.error, doc.seconds, time.time(),
                ),
            )
            rows = [page_to_row(p) for p in pages]
            if rows:
                cols = list(rows[0])
                conn.executemany(
                    f"INSERT INTO pages({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                    [tuple(r[c] for c in cols) for r in rows],
                )
            self._replace_file(conn, file, doc.doc_id, doc.status, doc.error)

    def write_analysis(
        self,
        doc_id: str,
        meta: DocMeta,
        sections: Sequence[Section],
        actions: Sequence[Action],
        mentions: Sequence[Mention],
    ) -> None:
        """Replace a document's metadata, sections, actions and mentions in one transaction."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE documents SET region = ?, municipalities = ?, doc_type = ?, years = ?, framework = ?,"
                " title = ? WHERE doc_id = ?",
                (
                    meta.region, _json(list(meta.municipalities)), meta.doc_type, _json(list(meta.years)),
                    meta.framework, meta.title, doc_id,
                ),
            )
            for table in ("sections", "actions", "entities"):
                conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            conn.executemany(
                "INSERT INTO sections(doc_id, position, title, level, number, page, parent) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, i, s.title, s.level, s.number, s.page, s.parent) for i, s in enumerate(sections)],
            )
            rows = [action_to_row(a) for a in actions]
            if rows:
                cols = list(rows[0])
                conn.executemany(
                    f"INSERT INTO actions({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                    [tuple(r[c] for c in cols) for r in rows],
                )
            conn.executemany(
                'INSERT INTO entities(doc_id, action_id, type, text, normalized, role, page, start, "end")'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(m.doc_id, m.action_id, m.type, m.text, m.normalized, m.role, m.page, m.start, m.end) for m in mentions],
            )

    # -- reading ---------------------------------------------------------------------------

    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else document_from_row(row)

    def documents(self, status: Sequence[str] | None = None) -> list[Document]:
        sql = "SELECT * FROM documents"
        args: tuple[Any, ...] = ()
        if status:
            sql += f" WHERE status IN ({', '.join('?' for _ in status)})"
            args = tuple(status)
        return [document_from_row(r) for r in self.conn.execute(sql + " ORDER BY source", args)]

    def pages(self, doc_id: str) -> list[Page]:
        rows = self.conn.execute("SELECT * FROM pages WHERE doc_id = ? ORDER BY page", (doc_id,))
        return [page_from_row(r) for r in rows]

    def actions(
        self,
        region: str | None = None,
        year: int | None = None,
        doc_type: str | None = None,
        domain: str | None = None,
        theme: str | None = None,
        doc_id: str | None = None,
    ) -> list[Action]:
        """Actions matching every filter given, in document order."""
        clauses, args = [], []
        for column, value in (("region", region), ("year", year), ("doc_type", doc_type), ("domain", domain), ("doc_id", doc_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        if theme is not None:
            clauses.append("EXISTS (SELECT 1 FROM json_each(actions.themes) WHERE value = ?)")
            args.append(theme)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(f"SELECT * FROM actions{where} ORDER BY doc_id, position", args)
        return [action_from_row(r) for r in rows]

    def action(self, action_id: str) -> Action | None:
        row = self.conn.execute("SELECT * FROM actions WHERE action_id = ?", (action_id,)).fetchone()
        return None if row is None else action_from_row(row)

    def page(self, doc_id: str, page: int) -> Page | None:
        row = self.conn.execute("SELECT * FROM pages WHERE doc_id = ? AND page = ?", (doc_id, page)).fetchone()
        return None if row is None else page_from_row(row)

    def sections(self, doc_id: str) -> list[Section]:
        rows = self.conn.execute("SELECT * FROM sections WHERE doc_id = ? ORDER BY position", (doc_id,))
        return [Section(title=r["title"], level=r["level"], page=r["page"], number=r["number"], parent=r["parent"]) for r in rows]

    def mentions(self, doc_id: str | None = None) -> list[Mention]:
        sql = "SELECT * FROM entities" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY doc_id, page, start"
        rows = self.conn.execute(sql, (doc_id,) if doc_id else ())
        return [
            Mention(doc_id=r["doc_id"], type=r["type"], text=r["text"], normalized=r["normalized"], page=r["page"],
                    start=r["start"], end=r["end"], action_id=r["action_id"], role=r["role"])
            for r in rows
        ]

    def files(self) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT * FROM files ORDER BY source"))

    # -- runs and summaries ------------------------------------------------------------------

    def start_run(self) -> int:
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs(started_at) VALUES (?)", (time.time(),))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?", (time.time(), _json(summary), run_id))

    def status(self) -> dict[str, Any]:
        """What the store holds: documents by format and status, pages, OCR pages, actions, last run."""
        q = self.conn.execute
        by_format = {f"{r[0]}/{r[1]}": r[2] for r in q("SELECT format, status, COUNT(*) FROM documents GROUP BY 1, 2")}
        other = {r[0]: r[1] for r in q("SELECT status, COUNT(*) FROM files WHERE status IN ('duplicate', 'unsupported') GROUP BY 1")}
        pages, ocr = q("SELECT COUNT(*), COALESCE(SUM(method = 'ocr'), 0) FROM pages").fetchone()
        last = q("SELECT started_at, finished_at, summary FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return {
            "db": str(self.path),
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "documents_by_format_status": by_format,
            "files_duplicate": other.get("duplicate", 0),
            "files_unsupported": other.get("unsupported", 0),
            "pages": pages,
            "ocr_pages": ocr,
            "actions": q("SELECT COUNT(*) FROM actions").fetchone()[0],
            "entities": q("SELECT COUNT(*) FROM entities").fetchone()[0],
            "regions": [r[0] for r in q("SELECT DISTINCT region FROM documents WHERE region IS NOT NULL ORDER BY 1")],
            "last_ingest": None
            if last is None
            else {"started_at": last["started_at"], "finished_at": last["finished_at"], "summary": json.loads(last["summary"] or "null")},
        }


def document_from_row(row: sqlite3.Row) -> Document:
    return Document(
        doc_id=row["doc_id"],
        source=row["source"],
        path=row["path"],
        format=row["format"],
        size=row["size"],
        pages=row["pages"],
        ocr_pages=row["ocr_pages"],
        status=row["status"],
        error=row["error"],
        seconds=row["seconds"],
        meta=DocMeta(
            region=row["region"],
            municipalities=tuple(json.loads(row["municipalities"])),
            doc_type=row["doc_type"],
            years=tuple(json.loads(row["years"])),
            framework=row["framework"],
            title=row["title"],
        ),
    )
