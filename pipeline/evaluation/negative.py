"""Negative control: documents outside the genre (council minutes, decision lists) must yield
no regierol actions and must ingest without failing."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from pipeline.config import REPO_ROOT, Settings
from pipeline.ingest import ingest

EXTERNAL_DIR = (REPO_ROOT / ".." / "shared" / "eval-external").resolve()


def evaluate_negative_control(folder: Path = EXTERNAL_DIR) -> dict[str, Any]:
    """Ingest the out-of-genre folder into a temp store; count statuses and invented actions."""
    if not folder.is_dir():
        return {"skipped": f"no folder {folder}"}
    with tempfile.TemporaryDirectory() as tmp:
        summary = ingest([folder], Settings.build(env={}, db=Path(tmp) / "neg.db", workers=1))
    rows = [{"file": f.source, "status": f.status, "actions": f.actions} for f in summary.files]
    invented = sum(r["actions"] for r in rows)
    return {
        "documents": len(rows),
        "failed": sum(1 for r in rows if r["status"] == "failed"),
        "invented_actions": invented,
        "target_met": invented == 0 and all(r["status"] == "ok" for r in rows),
        "tables": {"per document": rows},
    }
