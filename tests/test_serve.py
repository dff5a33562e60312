"""serve: a read-only Datasette over a copy of the store, with facets and full-text search."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.errors import StoreError
from pipeline.models import Action, DocMeta, Document, Page, SourceFile
from pipeline.serve import DB_NAME, command, prepare
from pipeline.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "mine.db"
    with Store(path) as s:
        for doc_id, region in (("d1", "Kempenland"), ("d2", "Zuiderkust")):
            s.write_document(Document(doc_id=doc_id, source=f"{doc_id}.pdf", path=f"/in/{doc_id}.pdf", format="pdf", size=1, pages=2),
                             [Page(doc_id=doc_id, page=1)], SourceFile(path=f"/in/{doc_id}.pdf", source=f"{doc_id}.pdf", size=1, mtime=0.0))
            actions = [
                Action(action_id=f"{doc_id}-{i}", doc_id=doc_id, page=1, position=i, region=region, year=2022, doc_type="report",
                       domain="activering", themes=("taal",) if i == 0 else ("mobiliteit", "opleiding"), title=title, text=title + ".")
                for i, title in enumerate(["Taalcoaching op de werkvloer", "Fietslessen voor nieuwkomers"])
            ]
            if region == "Kempenland":
                actions = actions[:1]
            s.write_analysis(doc_id, DocMeta(region=region, doc_type="report", years=(2022,)), [], actions, [])
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_prepare_copies_the_store_and_adds_full_text_search(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    files = prepare(db, tmp_path / "serve")
    assert db.read_bytes() == before  # the store itself is untouched
    import sqlite3

    con = sqlite3.connect(files.db)
    rows = con.execute("SELECT action_id FROM actions WHERE rowid IN (SELECT rowid FROM actions_fts WHERE actions_fts MATCH 'fiets*')").fetchall()
    assert rows == [("d2-1",)]
    meta = json.loads(files.metadata.read_text())
    assert meta["databases"][DB_NAME]["tables"]["actions"]["fts_table"] == "actions_fts"
    with pytest.raises(StoreError):
        prepare(tmp_path / "missing.db", tmp_path / "serve")


def test_datasette_answers_with_facets_and_search(db: Path, tmp_path: Path) -> None:
    port = _free_port()
    cmd = command(prepare(db, tmp_path / "serve"), host="127.0.0.1", port=port)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/{DB_NAME}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                data = _get(f"{base}/actions.json?_facet=region&_facet_array=themes&_shape=objects")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"datasette did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
                time.sleep(0.2)
        regions = {r["value"]: r["count"] for r in data["facet_results"]["region"]["results"]}
        assert regions == {"Zuiderkust": 2, "Kempenland": 1}
        themes = {r["value"]: r["count"] for r in data["facet_results"]["themes"]["results"]}
        assert themes["taal"] == 2 and themes["mobiliteit"] == 1
        found = _get(f"{base}/actions.json?_search=fietslessen&_shape=objects")
        assert [r["action_id"] for r in found["rows"]] == ["d2-1"]
        # immutable: writes are refused
        request = urllib.request.Request(f"http://127.0.0.1:{port}/{DB_NAME}/actions/-/insert", data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=5)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
