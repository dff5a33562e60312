"""The dataset export of ../shared/dataset-contract.md: documents, pages, actions, entities.

JSONL and Parquet keep lists as lists; CSV and XLSX join them with "; " (partners as
"name (role)", dates as "text (value)", figures as "text (value unit, counts)").
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Callable, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.models import to_dict
from pipeline.store import Store

FORMATS = ("jsonl", "csv", "parquet", "xlsx")
TABLES = ("documents", "pages", "actions", "entities")

# The contract: field -> type. Types: str, int, float, "list[str]", "list[int]", and record lists.
PARTNER = {"name": "str", "role": "str"}
DATE = {"text": "str", "value": "str"}
FIGURE = {"text": "str", "value": "float", "unit": "str", "counts": "str"}
CONTRACT: dict[str, dict[str, Any]] = {
    "documents": {
        "doc_id": "str", "source": "str", "format": "str", "pages": "int", "ocr_pages": "int", "region": "str",
        "municipalities": "list[str]", "doc_type": "str", "years": "list[int]", "framework": "str", "status": "str",
        "error": "str",
    },
    "pages": {"doc_id": "str", "page": "int", "method": "str", "text": "str", "header": "str", "footer": "str"},
    "actions": {
        "action_id": "str", "doc_id": "str", "region": "str", "year": "int", "doc_type": "str", "domain": "str",
        "domain_score": "float", "framework_heading": "str", "themes": "list[str]", "title": "str", "text": "str",
        "result": "str", "status": "str", "partners": [PARTNER], "dates": [DATE], "figures": [FIGURE], "page": "int",
    },
    "entities": {
        "doc_id": "str", "action_id": "str", "type": "str", "text": "str", "normalized": "str", "page": "int",
        "start": "int", "end": "int",
    },
}
EXTRA: dict[str, dict[str, Any]] = {
    "documents": {"title": "str", "size": "int"},
    "pages": {"ocr_reason": "str", "error": "str"},
    "actions": {"source": "str", "kind": "str", "framework_code": "str", "section_path": "list[str]", "position": "int"},
    "entities": {"role": "str"},
}


def _arrow_type(spec: Any) -> pa.DataType:
    if isinstance(spec, list):
        return pa.list_(pa.struct([(k, _arrow_type(v)) for k, v in spec[0].items()]))
    return {
        "str": pa.string(), "int": pa.int64(), "float": pa.float64(),
        "list[str]": pa.list_(pa.string()), "list[int]": pa.list_(pa.int64()),
    }[spec]


def schema(table: str) -> pa.Schema:
    """The Arrow schema of an exported table (contract fields first, then extras)."""
    fields = {**CONTRACT[table], **EXTRA[table]}
    return pa.schema([(name, _arrow_type(spec)) for name, spec in fields.items()])


def records(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every exported table as a list of plain records with the contract's field names."""
    docs = store.documents()
    sources = {d.doc_id: d.source for d in docs}
    documents = [
        {
            "doc_id": d.doc_id, "source": d.source, "format": d.format, "pages": d.pages, "ocr_pages": d.ocr_pages,
            "region": d.meta.region, "municipalities": list(d.meta.municipalities), "doc_type": d.meta.doc_type,
            "years": list(d.meta.years), "framework": d.meta.framework, "status": d.status, "error": d.error,
            "title": d.meta.title, "size": d.size,
        }
        for d in docs
    ]
    pages = [
        {
            "doc_id": p.doc_id, "page": p.page, "method": p.method, "text": p.text, "header": p.header,
            "footer": p.footer, "ocr_reason": p.ocr_reason, "error": p.error,
        }
        for d in docs
        for p in store.pages(d.doc_id)
    ]
    actions = []
    for a in store.actions():
        row = to_dict(a)
        row["source"] = sources.get(a.doc_id)
        actions.append({k: row[k] for k in schema("actions").names})
    entities = [
        {
            "doc_id": m.doc_id, "action_id": m.action_id, "type": m.type, "text": m.text, "normalized": m.normalized,
            "page": m.page, "start": m.start, "end": m.end, "role": m.role,
        }
        for m in store.mentions()
    ]
    return {"documents": documents, "pages": pages, "actions": actions, "entities": entities}


def _flat(value: Any, key: str) -> Any:
    """A value for CSV/XLSX: lists joined with '; ', records as readable text."""
    if not isinstance(value, list):
        return value
    if key == "partners":
        return "; ".join(f"{p['name']} ({p['role']})" for p in value)
    if key == "dates":
        return "; ".join(f"{d['text']} ({d['value']})" for d in value)
    if key == "figures":
        return "; ".join(
            f"{f['text']} ({f['value']:g}{' ' + f['unit'] if f.get('unit') else ''}{', ' + f['counts'] if f.get('counts') else ''})"
            for f in value
        )
    return "; ".join(str(v) for v in value)


def _flat_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: _flat(v, k) for k, v in row.items()} for row in rows]


def _write_jsonl(path: Path, rows: list[dict[str, Any]], table: str) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(path: Path, rows: list[dict[str, Any]], table: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=schema(table).names)
        writer.writeheader()
        writer.writerows(_flat_rows(rows))


def _write_parquet(path: Path, rows: list[dict[str, Any]], table: str) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=schema(table)), path)


EXCEL_CELL_LIMIT = 32_000  # Excel refuses cells over 32,767 characters


def _write_xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table, rows in tables.items():
        sheet = book.create_sheet(table)
        names = schema(table).names
        sheet.append(names)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in _flat_rows(rows):
            sheet.append([_excel_value(row.get(n)) for n in names])
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, name in enumerate(names, start=1):
            longest = max([len(name)] + [len(str(r.get(name) or "")) for r in rows[:200]])
            sheet.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)
    book.save(path)


def _excel_value(value: Any) -> Any:
    if isinstance(value, str):
        value = "".join(c for c in value if c in "\t\n" or ord(c) >= 32)  # control characters break XLSX
        if len(value) > EXCEL_CELL_LIMIT:
            return value[:EXCEL_CELL_LIMIT] + " […]"
    return value


WRITERS: dict[str, Callable[[Path, list[dict[str, Any]], str], None]] = {
    "jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet,
}


def export_dataset(db: Path, out_dir: Path, fmt: str = "jsonl") -> list[Path]:
    """Write the four tables of the dataset to `out_dir` in `fmt`; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with Store(db, readonly=True) as store:
        tables = records(store)
    if fmt == "xlsx":
        path = out_dir / "dataset.xlsx"
        _write_xlsx(path, tables)
        return [path]
    written = []
    for table, rows in tables.items():
        path = out_dir / f"{table}.{fmt}"
        WRITERS[fmt](path, rows, table)
        written.append(path)
    return written


def read_back(out_dir: Path, fmt: str) -> dict[str, list[dict[str, Any]]]:
    """An export read back as records (for validation and tests)."""
    import pandas as pd

    if fmt == "xlsx":
        frames = pd.read_excel(out_dir / "dataset.xlsx", sheet_name=None, dtype=object)
        return {t: _nan_to_none(frames[t].to_dict("records")) for t in TABLES}
    result: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        path = out_dir / f"{table}.{fmt}"
        if fmt == "jsonl":
            result[table] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        elif fmt == "csv":
            with path.open(encoding="utf-8", newline="") as fh:
                result[table] = [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(fh)]
        else:
            result[table] = pq.read_table(path).to_pylist()
    return result


def _nan_to_none(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()} for row in rows]
