"""Browse the store in Datasette: read-only, local, with facets and full-text search.

Datasette gets a *copy* of the store, never the store itself. The copy (`serve.db` under
`outputs/serve/` by default) is made with SQLite's backup API from the store opened
read-only, then gains one derived table, the FTS5 index `actions_fts` over the actions'
title, text and result. This module writes only that copy, which is why it speaks SQL
(the one exception to "only store.py speaks SQL": nothing here touches the store file).
The copy is rebuilt at each `serve`, so it never goes stale, and served immutable (`-i`).
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import StoreError

DEFAULT_OUT = Path("outputs") / "serve"
DB_NAME = "mine"  # the database's name in Datasette URLs: /mine/actions

FTS_SQL = """
CREATE VIRTUAL TABLE actions_fts USING fts5(
    title, text, result, content='actions', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO actions_fts(actions_fts) VALUES ('rebuild');
"""

ACTION_COLUMNS = {
    "action_id": "Stable id: document id and position",
    "doc_id": "The document the action comes from",
    "region": "Canonical region name",
    "year": "Working year (for a multi-year plan, its first year)",
    "doc_type": "report (what was done) or plan (what is planned)",
    "domain": "Harmonised priority domain (taxonomy.md)",
    "domain_score": "Classifier confidence in the domain, 0-1",
    "framework_heading": "The document's own heading above the action",
    "framework_code": "WSE-LR1..4 or SE-1..3 where the document states one",
    "themes": "Theme codes (JSON list)",
    "title": "The action's own short statement",
    "text": "Full text of the action, comment included",
    "result": "What the report says happened",
    "status": "planned, done, ongoing, cancelled, not_started or unknown",
    "partners": "Organisations with role lead or partner (JSON list)",
    "dates": "Dates with ISO values (JSON list)",
    "figures": "Numbers with unit and what they count (JSON list)",
    "page": "Page where the action starts (1-based)",
}


@dataclass(frozen=True)
class ServeFiles:
    db: Path
    metadata: Path


def metadata() -> dict:
    """Titles, descriptions, facets and search settings for Datasette."""
    return {
        "title": "mine: regierol sociale economie",
        "description": "Actions that Flemish regions reported and planned under the regierol sociale economie (en werk), "
        "mined from their werkingsverslagen and actieplannen. Read-only copy of the mine store.",
        "databases": {
            DB_NAME: {
                "description": "Documents, pages, actions and entity mentions. Search actions with the search box (SQLite FTS5; "
                "add * for a prefix: taal*).",
                "tables": {
                    "actions": {
                        "description": "One row per action: a thing a region did (report) or plans to do (plan), with its "
                        "domain, themes, partners, dates, figures and the page it starts on.",
                        "facets": ["region", "domain", {"array": "themes"}, "year", "doc_type", "status"],
                        "fts_table": "actions_fts",
                        "fts_pk": "rowid",
                        "sort": "action_id",
                        "columns": ACTION_COLUMNS,
                    },
                    "documents": {
                        "description": "One row per ingested file: region, document type, years, framework, status.",
                        "label_column": "source",
                        "facets": ["region", "doc_type", "framework", "format", "status"],
                    },
                    "pages": {"description": "Page text in reading order, with running header and footer.", "facets": ["method"]},
                    "sections": {"description": "Each document's section tree (headings with level and page)."},
                    "entities": {"description": "Entity mentions (ORG, PERSON, PLACE, DATE, FIGURE) with page and offsets.",
                                 "facets": ["type", "role"]},
                    "files": {"description": "Every file seen by ingest, with its outcome.", "facets": ["status"]},
                    "runs": {"description": "Ingest runs and their summaries."},
                    "meta": {"hidden": True},
                },
            }
        },
    }


def prepare(db: Path | str, out_dir: Path | str = DEFAULT_OUT) -> ServeFiles:
    """Copy the store (read-only) to `out_dir/mine.db`, add the FTS index, write metadata.json."""
    db, out = Path(db), Path(out_dir)
    if not db.exists():
        raise StoreError(f"no store at {db}", remedy="Run `mine ingest PATH` first, or pass --db.")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{DB_NAME}.db"
    tmp = out / f".{DB_NAME}.db.tmp"
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            if dst.execute("SELECT 1 FROM sqlite_master WHERE name = 'actions'").fetchone() is None:
                raise StoreError(f"{db} is not a mine store (no actions table)")
            dst.execute("DROP TABLE IF EXISTS actions_fts")
            dst.executescript(FTS_SQL)
            dst.commit()
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot copy the store {db} for serving: {exc}") from exc
    os.replace(tmp, target)
    meta = out / "metadata.json"
    meta.write_text(json.dumps(metadata(), indent=2, ensure_ascii=False), encoding="utf-8")
    return ServeFiles(db=target, metadata=meta)


def arguments(files: ServeFiles, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """Datasette's command-line arguments: immutable database, our metadata, no write access."""
    return [
        "serve", "--immutable", str(files.db), "--metadata", str(files.metadata), "--host", host, "--port", str(port),
        "--setting", "default_facet_size", "30", "--setting", "sql_time_limit_ms", "3000",
    ]


def command(files: ServeFiles, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The same as a command line of its own (to run Datasette in a child process, e.g. in tests)."""
    return [sys.executable, "-m", "datasette", *arguments(files, host, port)]


def serve(db: Path | str, host: str = "127.0.0.1", port: int = 8001, out_dir: Path | str = DEFAULT_OUT) -> int:
    """Prepare the copy and run Datasette in this process until Ctrl-C or SIGTERM (uvicorn
    handles both, so no child process is left behind); returns 0."""
    from datasette.cli import cli

    files = prepare(db, out_dir)
    cli.main(args=arguments(files, host, port), prog_name="datasette", standalone_mode=False)
    return 0
