"""Odd real-world PDFs (OCRmyPDF's test files): every one ends with a status, never a crash or hang.

The ingest runs in a child process with the default settings and two workers, so that the
whole run is bounded in time (a hang is killed and fails the test) and the peak memory of the
workers and their Tesseract processes can be read back (ru_maxrss of the children: an upper
bound, as Linux carries it over exec; the orchestrator's own peak from VmHWM).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import errors
from pipeline.config import REPO_ROOT

CORPUS = REPO_ROOT.parent / "shared" / "robustness" / "ocrmypdf-tests"
TIME_LIMIT = 600  # seconds for the whole batch (about 80 s on 2 cores)
MEMORY_LIMIT_MB = 1500  # peak of any one process: worker, Tesseract or the orchestrator

CHILD = """
import json, re, resource, sys
from pathlib import Path
from pipeline.config import Settings
from pipeline.ingest import ingest

settings = Settings.build(env={}, db=sys.argv[2], workers=2)
files = sorted(Path(sys.argv[1]).glob("*.pdf"))
summary = ingest(files, settings, analyse_documents=False)
print(json.dumps({
    "files": [vars(f) for f in summary.files],
    "peak_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "peak_self_mb": int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024,
}))
"""

CODES = {cls.code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.MineError)}


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"robustness corpus not found at {CORPUS}")
def test_every_odd_pdf_gets_a_status_and_a_typed_reason(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(CORPUS), str(tmp_path / "mine.db")],
        capture_output=True, text=True, timeout=TIME_LIMIT, cwd=REPO_ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    files = {f["source"]: f for f in result["files"]}
    assert len(files) == len(list(CORPUS.glob("*.pdf"))) == 42
    for name, report in files.items():
        assert report["status"] in ("ok", "partial", "failed"), name
        if report["status"] == "ok":
            assert report["reason"] is None, name
            continue
        reasons = report["reason"].split("; ")
        for reason in reasons:  # "code: message" or "page N: code: message", one line each
            match = re.match(r"^(?:page \d+: )?([a-z_]+): \S", reason)
            assert match and match.group(1) in CODES and "\n" not in reason, (name, reason)
    # what each kind of oddity must give
    assert files["invalid.pdf"]["reason"].startswith("corrupt_pdf: ")
    assert files["livecycle.pdf"]["reason"].startswith("unsupported_format: ")
    assert files["hugemono.pdf"]["status"] == "failed" and "page_too_large" in files["hugemono.pdf"]["reason"]
    for scan in ("skew.pdf", "rotated_skew.pdf", "jbig2.pdf", "ccitt.pdf", "cmyk.pdf", "enormous.pdf", "2400dpi.pdf", "vector.pdf"):
        assert files[scan]["status"] == "ok" and files[scan]["ocr_pages"] == files[scan]["pages"] >= 1, scan
    for born_digital in ("link.pdf", "tagged.pdf", "toc.pdf", "formxobject.pdf", "overlay.pdf"):
        assert files[born_digital]["status"] == "ok" and files[born_digital]["ocr_pages"] == 0, born_digital
    for garbled in ("truetype_font_nomapping.pdf", "type3_font_nomapping.pdf"):
        assert files[garbled]["ocr_pages"] == 1, garbled
    assert result["peak_children_mb"] < MEMORY_LIMIT_MB and result["peak_self_mb"] < MEMORY_LIMIT_MB, result
