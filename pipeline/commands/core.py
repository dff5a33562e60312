"""Core commands: ingest, status, rebuild, export, actions, show, evaluate."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.cli_common import (
    AliasesFileOption,
    DbOption,
    JsonOption,
    RegionOption,
    RegionsFileOption,
    YearOption,
    err,
    handle_errors,
    out,
    print_json,
    print_table,
    settings,
)
from pipeline.errors import ExitCode, NotFound


def register(app: typer.Typer) -> None:
    """Add the core commands to the app."""
    app.command()(ingest)
    app.command()(status)
    app.command()(rebuild)
    app.command()(export)
    app.command()(actions)
    app.command()(show)
    app.command()(evaluate)


@handle_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (recursive) to ingest.", exists=False)],
    db: DbOption = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", help="Worker processes for reading and OCR (default: all cores).")] = None,
    region: Annotated[Optional[str], typer.Option("--region", help="Region of these documents (overrides detection).")] = None,
    ocr_timeout: Annotated[Optional[float], typer.Option("--ocr-timeout", help="Seconds allowed per OCR page (default: 120; $MINE_OCR_TIMEOUT).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-read files even when unchanged.")] = False,
    regions_file: RegionsFileOption = None,
    aliases: AliasesFileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read a folder of reports and plans (PDF, scans, DOCX, TXT, MD) into the store.

    Each file ends ok, partial, failed, duplicate or unsupported with a one-line reason;
    unchanged files are skipped. Exit status 1 when any file failed.
    """
    from pipeline.ingest import ingest as run_ingest

    config = settings(db=db, workers=workers, region=region, ocr_timeout=ocr_timeout, regions_file=regions_file, aliases_file=aliases)
    with Progress(
        TextColumn("[bold]pages"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("pages", total=0)

        def progress(event: str, amount: int) -> None:
            if event == "total":
                bar.update(task, total=(bar.tasks[0].total or 0) + amount)
            else:
                bar.advance(task, amount)

        summary = run_ingest(paths, config, progress=progress, force=force)
    data = summary.as_dict()
    if as_json:
        print_json(data)
    else:
        problems = [f for f in summary.files if f.reason]
        if problems:
            print_table(
                ({"file": f.source, "status": f.status, "reason": f.reason} for f in problems),
                ["file", "status", "reason"],
                title="Files with problems",
            )
        totals = {**{f"files {k}": v for k, v in data["counts"].items()}, "pages": data["pages"],
                  "ocr pages": data["ocr_pages"], "actions": data["actions"], "seconds": data["seconds"]}
        print_table(({"": k, "count": v} for k, v in totals.items()), ["", "count"], title=f"Ingest into {config.db}")
    if summary.failed:
        raise typer.Exit(ExitCode.FAILED_INPUTS)


@handle_errors
def status(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the store holds: documents by format and status, pages, OCR pages, actions, last ingest."""
    from pipeline.store import Store

    config = settings(db=db)
    with Store(config.db, readonly=True) as store:
        data = store.status()
    if as_json:
        print_json(data)
        return
    rows = [{"what": k, "count": v} for k, v in data["documents_by_format_status"].items()]
    print_table(rows, ["what", "count"], title=f"Documents in {data['db']}")
    last = data["last_ingest"]
    print_table(
        [{
            "documents": data["documents"], "duplicates": data["files_duplicate"], "unsupported": data["files_unsupported"],
            "pages": data["pages"], "ocr pages": data["ocr_pages"], "actions": data["actions"], "entities": data["entities"],
            "regions": ", ".join(data["regions"]),
            "last ingest": "never" if last is None else _when(last["started_at"]),
        }],
        ["documents", "duplicates", "unsupported", "pages", "ocr pages", "actions", "entities", "regions", "last ingest"],
    )


def _when(timestamp: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M:%S")


@handle_errors
def rebuild(
    db: DbOption = None,
    region: Annotated[Optional[str], typer.Option("--region", help="Set this region on every document (overrides detection).")] = None,
    regions_file: RegionsFileOption = None,
    aliases: AliasesFileOption = None,
) -> None:
    """Redo structure, actions, classification and entities from the stored pages (no re-reading, no OCR).

    Use it after correcting the alias file or the regions registry.
    """
    from pipeline.ingest import rebuild as run_rebuild

    config = settings(db=db, regions_file=regions_file, aliases_file=aliases)
    count = run_rebuild(config, region=region)
    err.print(f"rebuilt {count} documents in {config.db}")


@handle_errors
def export(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the dataset to.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or xlsx.")] = "jsonl",
    db: DbOption = None,
) -> None:
    """Write documents, pages, actions and entities as the dataset contract says."""
    from pipeline.export import FORMATS, export_dataset

    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        raise typer.Exit(ExitCode.USAGE)
    config = settings(db=db)
    written = export_dataset(config.db, out_dir, fmt)
    for path in written:
        out.print(str(path))


@handle_errors
def actions(
    db: DbOption = None,
    region: RegionOption = None,
    year: YearOption = None,
    doc_type: Annotated[Optional[str], typer.Option("--type", help="report or plan.")] = None,
    domain: Annotated[Optional[str], typer.Option("--domain", help="Domain code (see taxonomy).")] = None,
    theme: Annotated[Optional[str], typer.Option("--theme", help="Theme code (see taxonomy).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List actions with their region, year, type, domain, themes and page."""
    from pipeline.models import to_dict
    from pipeline.store import Store

    config = settings(db=db)
    with Store(config.db, readonly=True) as store:
        found = store.actions(region=region, year=year, doc_type=doc_type, domain=domain, theme=theme)
        sources = {d.doc_id: d.source for d in store.documents()}
    if as_json:
        print_json([to_dict(a) | {"source": sources.get(a.doc_id)} for a in found])
        return
    print_table(
        (
            {
                "action_id": a.action_id, "region": a.region, "year": a.year, "type": a.doc_type, "domain": a.domain,
                "themes": ", ".join(a.themes), "status": a.status, "title": _short(a.title, 70),
                "source": f"{sources.get(a.doc_id, a.doc_id)} p.{a.page}",
            }
            for a in found
        ),
        ["action_id", "region", "year", "type", "domain", "themes", "status", "title", "source"],
        title=f"{len(found)} actions",
    )


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@handle_errors
def show(action_id: Annotated[str, typer.Argument(help="The action's id (see `mine actions`).")], db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show one action with everything known about it and the text of its source page."""
    from pipeline.models import to_dict
    from pipeline.store import Store

    config = settings(db=db)
    with Store(config.db, readonly=True) as store:
        action = store.action(action_id)
        if action is None:
            raise NotFound(f"no action {action_id!r}", remedy="List ids with `mine actions`.")
        doc = store.document(action.doc_id)
        page = store.page(action.doc_id, action.page)
    source = doc.source if doc else action.doc_id
    if as_json:
        print_json(to_dict(action) | {"source": source, "page_text": page.text if page else None})
        return
    out.rule(f"{action.action_id}  ·  {source}, page {action.page}")
    fields = {
        "region": action.region, "year": action.year, "type": action.doc_type, "status": action.status,
        "domain": f"{action.domain} ({action.domain_score:.2f})" if action.domain_score is not None else action.domain,
        "themes": ", ".join(f"{t} [{w}]" for t, w in action.theme_evidence) or ", ".join(action.themes),
        "framework heading": action.framework_heading, "partners": ", ".join(f"{p.name} ({p.role})" for p in action.partners),
        "dates": ", ".join(f"{d.text} → {d.value}" for d in action.dates),
        "figures": ", ".join(f"{f.text} → {f.value:g} {f.unit or ''} {f.counts or ''}".strip() for f in action.figures),
    }
    for key, value in fields.items():
        if value:
            out.print(f"[bold]{key}:[/bold] {value}")
    out.print(f"\n[bold]{action.title}[/bold]\n")
    out.print(action.text)
    if action.result:
        out.print(f"\n[bold]result:[/bold] {action.result}")
    if page is not None:
        out.rule(f"source page {action.page}")
        out.print(page.text)


@handle_errors
def evaluate(
    part: Annotated[Optional[list[str]], typer.Option("--part", help="actions, actions-pdf, actions-scan, classify, entities, search, negative, heldout (default: all but the PDF/scan variants).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Measure mining quality against the labelled seeds (eval/labels, ../shared/seeds) and print the figures."""
    from pipeline.evaluation.report import DEFAULT_PARTS, run_evaluation

    results = run_evaluation(part or list(DEFAULT_PARTS), progress=lambda msg: err.print(msg))
    if as_json:
        print_json(results)
        return
    from pipeline.evaluation.report import render

    for title, columns, rows in render(results):
        print_table(rows, columns, title=title)
