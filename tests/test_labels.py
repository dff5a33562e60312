"""The gold labels (eval/labels/*.json) follow eval/GUIDELINES.md.

Checks the schema, the codes against ../shared/taxonomy.md, that every anchor lies at its line of
the seed, that dates and figures are written in the action's own text, and that no seed sentence
was copied into a label file. Seed-dependent checks skip when ../shared is not there.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import REPO_ROOT
from pipeline.evaluation.labels import LABELS_DIR, SEEDS_DIR, normalise

TAXONOMY = (REPO_ROOT / ".." / "shared" / "taxonomy.md").resolve()
LABEL_FILES = sorted(LABELS_DIR.glob("*.json"))

REGIONS = {"Vilvoorde-Machelen-Grimbergen", "Rivierenland", "W13", "IGO"}
DOC_TYPES = {"report", "plan", "report+plan"}
FRAMEWORKS = {"SE-2020", "WSE-2023", None}
STATUSES = {"done", "ongoing", "cancelled", "not_started", "unknown", "planned"}
ROLES = {"lead", "partner"}
UNITS = {"%", "EUR", "VTE", "persons", "organisations", "hours", "times", "days", "other"}
ACTION_KEYS = {"line", "anchor", "year", "doc_type", "status", "framework_heading", "domain", "themes",
               "partners", "dates", "figures"}
OPTIONAL_ACTION_KEYS = {"duplicate_of"}
# Generic role words and the regions' own consultation bodies are not partner organisations
# (GUIDELINES.md section 4), compared after normalise().
NOT_ORGANISATIONS = {
    "regisseur", "regie", "regisseur sociale economie", "lokale besturen", "lokaal bestuur", "lb",
    "se organisaties", "sociale economie organisaties", "lde organisaties", "az organisaties",
    "sociale partners", "partners", "andere partners", "werkgevers", "wg s", "mutualiteiten",
    "ocmw", "ocmw s", "ocmw trajectbegeleiders", "trajectbegeleiders", "gemeente", "gemeenten",
    "de 3 gemeenten", "extern expert", "innovatiemanager", "expert werk", "rose", "actiegroep",
    "actiegroep rose", "lde fabriek", "az fabriek", "roa", "rwa", "ln", "lerend netwerk",
    "stuurgroep", "werkgroep", "regioraad", "beheerscomite",
}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MONTHS = re.compile(r"jan|feb|maa|apr|mei|jun|jul|aug|sep|okt|oct|nov|dec|\d{1,2}\s*/\s*\d{2,4}|\d{1,2}/\d{1,2}")


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def seed_lines(label: dict[str, Any]) -> list[str]:
    path = SEEDS_DIR / label["seed"]
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not there")
    assert path.is_file(), f"seed {label['seed']} not found in {SEEDS_DIR}"
    return path.read_text(encoding="utf-8").splitlines()


def taxonomy_codes() -> tuple[set[str], set[str]]:
    """Domain and theme codes: the first-column codes of the two tables in taxonomy.md."""
    if not TAXONOMY.is_file():
        pytest.skip("../shared/taxonomy.md is not there")
    text = TAXONOMY.read_text(encoding="utf-8")
    domains_part = text.split("## Themes")[0].split("single label")[-1]
    themes_part = text.split("## Themes")[1].split("## Entities")[0]
    code = re.compile(r"^\|\s*`([a-z0-9_]+)`\s*\|", re.M)
    return set(code.findall(domains_part)), set(code.findall(themes_part))


def at_line(anchor: str, line: str) -> bool:
    """The anchor starts the line, after bullet glyphs and section numbers ('1.1.', 'a.', OCR 'e ')."""
    a, t = normalise(anchor), normalise(line)
    i = t.find(a)
    return bool(a) and i >= 0 and all(len(tok) <= 2 or tok.isdigit() for tok in t[:i].split())


def spans(label: dict[str, Any], lines: list[str]) -> list[str]:
    """Each action's own text: from its line up to the next action's line, normalised."""
    starts = [a["line"] for a in label["actions"]] + [len(lines) + 1]
    return [normalise(" ".join(lines[s - 1:e - 1])) for s, e in zip(starts, starts[1:])]


def words(s: str) -> int:
    return len(s.split())


def test_label_files_exist():
    assert LABEL_FILES, f"no label files in {LABELS_DIR}"


@pytest.fixture(params=LABEL_FILES, ids=lambda p: p.stem)
def label(request) -> dict[str, Any]:
    data = load(request.param)
    assert request.param.stem == Path(data["seed"]).stem, "file name must be the seed's stem"
    return data


def test_document(label):
    assert set(label) == {"seed", "document", "actions", "non_actions"}
    doc = label["document"]
    assert set(doc) == {"region", "municipalities", "doc_type", "years", "framework"}
    assert doc["region"] in REGIONS
    assert isinstance(doc["municipalities"], list) and all(isinstance(m, str) and m for m in doc["municipalities"])
    assert doc["doc_type"] in DOC_TYPES
    years = doc["years"]
    assert years and all(isinstance(y, int) and 2015 <= y <= 2030 for y in years)
    assert years == sorted(set(years)), "years sorted, no repeats"
    assert doc["framework"] in FRAMEWORKS
    if doc["framework"]:
        assert doc["framework"] == ("SE-2020" if years[0] <= 2022 else "WSE-2023"), "framework follows the first year"


def test_actions_schema(label):
    domains, themes = taxonomy_codes()
    doc = label["document"]
    assert label["actions"], "a seed without actions?"
    for a in label["actions"]:
        where = f"action at line {a.get('line')}"
        assert ACTION_KEYS <= set(a) <= ACTION_KEYS | OPTIONAL_ACTION_KEYS, where
        assert isinstance(a["line"], int) and a["line"] >= 1, where
        assert isinstance(a["anchor"], str) and 1 <= words(a["anchor"]) <= 8, where
        assert a["year"] in doc["years"], where
        assert a["doc_type"] in {"report", "plan"}, where
        if doc["doc_type"] != "report+plan":
            assert a["doc_type"] == doc["doc_type"], where
        assert a["status"] in STATUSES, where
        assert (a["status"] == "planned") == (a["doc_type"] == "plan"), f"{where}: plans are planned, reports not"
        assert a["domain"] in domains, f"{where}: domain {a['domain']!r} not in taxonomy.md"
        assert len(set(a["themes"])) == len(a["themes"]) and set(a["themes"]) <= themes, f"{where}: themes {a['themes']}"
        h = a["framework_heading"]
        assert h is None or (isinstance(h, str) and words(h) <= 10), f"{where}: heading at most 10 words (+ '…')"
        if "duplicate_of" in a:
            earlier = {b["line"] for b in label["actions"] if b["line"] < a["line"]}
            assert a["duplicate_of"] in earlier, f"{where}: duplicate_of must name an earlier action"


def test_partners(label):
    for a in label["actions"]:
        names = [p["name"] for p in a["partners"]]
        assert len(set(names)) == len(names), f"action at line {a['line']}: a partner twice"
        for p in a["partners"]:
            assert set(p) == {"name", "role"} and p["role"] in ROLES, p
            assert isinstance(p["name"], str) and 1 <= words(p["name"]) <= 8, p
            assert normalise(p["name"]) not in NOT_ORGANISATIONS, f"line {a['line']}: {p['name']!r} is not an organisation"


def test_dates_are_iso_and_never_more_precise_than_their_text(label):
    for a in label["actions"]:
        seen = set()
        for d in a["dates"]:
            where = f"line {a['line']}: {d}"
            assert set(d) == {"text", "value"} and d["text"] and words(d["text"]) <= 8, where
            key = (normalise(d["text"]), d["value"])
            assert key not in seen, f"{where}: listed twice"
            seen.add(key)
            parts = d["value"].split("/")
            assert len(parts) in (1, 2) and all(ISO_DATE.match(p) for p in parts), where
            assert all(2000 <= int(p[:4]) <= 2035 for p in parts), where
            if len(parts) == 2:
                assert parts[0] <= parts[1], f"{where}: range runs backwards"
            for p in parts:
                if len(p) == 10:
                    assert re.search(r"(?<!\d)\d{1,2}(?!\d)", d["text"]), f"{where}: a day the text does not give"
                elif len(p) == 7:
                    assert MONTHS.search(d["text"].lower()), f"{where}: a month the text does not give"


def test_figures(label):
    for a in label["actions"]:
        for f in a["figures"]:
            where = f"line {a['line']}: {f}"
            assert {"text", "value", "unit", "counts"} <= set(f) <= {"text", "value", "unit", "counts", "max"}, where
            assert isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool), where
            assert f["unit"] in UNITS, where
            assert f["text"] and words(f["text"]) <= 6, where
            assert f["counts"] and words(f["counts"]) <= 6, where
            if "max" in f:
                assert f["max"] > f["value"], where
            assert not re.fullmatch(r"(19|20)\d\d", f["text"].strip()), f"{where}: a year is not a figure"


def test_anchors_lie_at_their_lines(label):
    lines = seed_lines(label)
    for kind in ("actions", "non_actions"):
        for item in label[kind]:
            n = item["line"]
            assert 1 <= n <= len(lines), f"{kind} line {n} outside the seed"
            assert at_line(item["anchor"], lines[n - 1]), f"{kind} line {n}: {item['anchor']!r} not at {lines[n - 1][:80]!r}"


def test_lines_increase(label):
    for kind in ("actions", "non_actions"):
        numbers = [item["line"] for item in label[kind]]
        assert numbers == sorted(set(numbers)), f"{kind}: lines must increase"
    both = {a["line"] for a in label["actions"]} & {n["line"] for n in label["non_actions"]}
    assert not both, f"lines both action and non-action: {sorted(both)}"


def test_non_actions_schema(label):
    for n in label["non_actions"]:
        assert set(n) == {"line", "anchor", "why"}, n
        assert 1 <= words(n["anchor"]) <= 8 and 1 <= words(n["why"]) <= 12, n


def test_dates_and_figures_are_in_the_actions_own_text(label):
    lines = seed_lines(label)
    for a, span in zip(label["actions"], spans(label, lines)):
        for item in a["dates"] + a["figures"]:
            assert normalise(item["text"]) in span, f"line {a['line']}: {item['text']!r} not in the action's text"


def test_framework_headings_are_the_documents_own(label):
    text = normalise(" ".join(seed_lines(label)))
    for a in label["actions"]:
        h = a["framework_heading"]
        if h:
            assert normalise(h.rstrip("…")) in text, f"line {a['line']}: heading {h!r} not in the seed"


def test_no_seed_sentences_copied():
    """No run of 12 words of any seed in a label file (the repository check's rule)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not there")
    tokens = lambda s: re.findall(r"\w+", s.lower())
    shingles = set()
    for seed in SEEDS_DIR.glob("*.txt"):
        w = tokens(seed.read_text(encoding="utf-8"))
        shingles.update(" ".join(w[i:i + 12]) for i in range(len(w) - 11))
    for path in LABEL_FILES + [LABELS_DIR.parent / "GUIDELINES.md"]:
        w = tokens(path.read_text(encoding="utf-8"))
        hits = [" ".join(w[i:i + 12]) for i in range(len(w) - 11) if " ".join(w[i:i + 12]) in shingles]
        assert not hits, f"{path.name} copies seed text: {hits[0]!r}"
