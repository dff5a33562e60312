"""`mine compare`, `mine seed`, `mine search`, `mine serve`: thin skins over the library.

Each command parses its options, makes one library call and renders: data on stdout,
progress and errors on stderr. `register(app)` adds them to the main Typer app.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.cli_common import DbOption, JsonOption, RegionOption, err, handle_errors, out, print_json, settings


def _store(db: Path | None):  # type: ignore[no-untyped-def]
    from pipeline.store import Store

    return Store(settings(db=db).db, readonly=True)


@handle_errors
def compare(
    regions: Annotated[Optional[str], typer.Option("--regions", help="Comma-separated regions (default: all).")] = None,
    years: Annotated[Optional[str], typer.Option("--years", help="Years, e.g. 2020-2023 or 2021,2023 (default: all).")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for compare.xlsx and compare.html.")] = Path("outputs") / "compare",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare regions: domains, themes, partners and their network, what only one region does,
    and what came of the plans (Excel workbook and an offline HTML report)."""
    from pipeline.analyse import parse_years, resolve_regions, split_list
    from pipeline.compare import compare as run_compare

    year_list = parse_years(years)
    with _store(db) as store:
        names = resolve_regions(store, split_list(regions) or []) if regions else None
        err.print(f"comparing {', '.join(names) if names else 'all regions'} …")
        paths = run_compare(store, regions=names, years=year_list, out_dir=out_dir)
    if as_json:
        print_json({k: str(v) for k, v in paths.items()})
    else:
        for path in paths.values():
            out.print(str(path))


@handle_errors
def seed(
    region: Annotated[str, typer.Option("--region", help="The region the plan is for (its own actions are left out).")],
    plan_out: Annotated[Path, typer.Option("--out", help="plan.docx or plan.md.")],
    themes: Annotated[Optional[str], typer.Option("--themes", help="Comma-separated theme codes, e.g. taal,mobiliteit.")] = None,
    domains: Annotated[Optional[str], typer.Option("--domains", help="Comma-separated domain codes (default: all five).")] = None,
    like: Annotated[Optional[str], typer.Option("--like", help="Free text describing the actions wanted.")] = None,
    per_domain: Annotated[int, typer.Option("--per-domain", min=1, help="Precedents per domain.")] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Draft an action plan for a region from other regions' precedents (DOCX or Markdown,
    headings per domain; each precedent with what came of it and its sources)."""
    from pipeline.analyse import split_list
    from pipeline.seedplan import check_plan_path, seed_plan, write_plan

    check_plan_path(plan_out)
    with _store(db) as store:
        plan = seed_plan(store, region, themes=split_list(themes), domains=split_list(domains), like=like, per_domain=per_domain)
    path = write_plan(plan, plan_out)
    err.print(f"wrote {path}")
    if as_json:
        print_json(plan.as_dict())
        return
    for n, p in enumerate(plan.ranked(), start=1):
        out.print(f"{n:>2}. [{p.score:.2f}] {p.domain}: {p.title[:100]}", markup=False, highlight=False)
        out.print(f"    {', '.join(p.regions)} · {len(p.sources)} source(s) · {p.status_summary}", markup=False, highlight=False)


@handle_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to look for (Dutch; stems and compounds match).")],
    region: RegionOption = None,
    domain: Annotated[Optional[str], typer.Option("--domain", help="Only this domain code.")] = None,
    theme: Annotated[Optional[str], typer.Option("--theme", help="Only actions with this theme code.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Number of results.")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search actions by text (offline, Dutch stemming, compound-aware), best first, with a
    snippet and the source page."""
    from pipeline.analyse import resolve_regions
    from pipeline.search import render_hits, search as run_search

    with _store(db) as store:
        name = resolve_regions(store, [region])[0] if region else None
        hits = run_search(store, query, region=name, domain=domain, theme=theme, k=limit)
    if as_json:
        print_json([h.as_dict() for h in hits])
    elif hits:
        out.print(render_hits(hits), markup=False, highlight=False)
    else:
        err.print("no matching actions")


@handle_errors
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8001,
    copy_dir: Annotated[Path, typer.Option("--out", help="Folder for the served copy of the store.")] = Path("outputs") / "serve",
    db: DbOption = None,
) -> None:
    """Browse the store in Datasette: a read-only copy with facets and full-text search, until Ctrl-C."""
    from pipeline.serve import serve as run_serve

    config = settings(db=db)
    err.print(f"serving a read-only copy of {config.db} on http://{host}:{port}/ (Ctrl-C stops)")
    raise typer.Exit(run_serve(config.db, host=host, port=port, out_dir=copy_dir))


def register(app: typer.Typer) -> None:
    """Add compare, seed, search and serve to the app."""
    app.command()(compare)
    app.command()(seed)
    app.command()(search)
    app.command()(serve)
