"""What every command shares: options defined once, consoles, rendering, error handling.

Data goes to stdout (`out`); progress, warnings and errors to stderr (`err`).
"""
from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Iterable, Optional, Sequence, TypeVar

import typer
from rich.console import Console
from rich.table import Table as RichTable

from pipeline.config import Settings
from pipeline.errors import ExitCode, MineError, NotFound, StoreError, UsageError

out = Console(soft_wrap=True)
err = Console(stderr=True)

DbOption = Annotated[
    Optional[Path], typer.Option("--db", help="SQLite store (default: $MINE_DB or outputs/mine.db).", show_default=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
RegionOption = Annotated[Optional[str], typer.Option("--region", help="Only this region (canonical name).")]
YearOption = Annotated[Optional[int], typer.Option("--year", help="Only this working year.")]
RegionsFileOption = Annotated[
    Optional[Path], typer.Option("--regions-file", help="Extra regions registry (TOML; default: $MINE_REGIONS).", show_default=False)
]
AliasesFileOption = Annotated[
    Optional[Path], typer.Option("--aliases", help="Your organisation alias file (TOML; default: $MINE_ALIASES).", show_default=False)
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks and debug logs.")]

F = TypeVar("F", bound=Callable[..., Any])
_verbose = False


def settings(**flags: Any) -> Settings:
    """Settings from the command's flags (None = not given), MINE_* variables and defaults."""
    try:
        return Settings.build(**flags)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(ExitCode.USAGE) from exc


def set_verbose(verbose: bool) -> None:
    global _verbose
    _verbose = verbose
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


def handle_errors(fn: F) -> F:
    """Turn typed errors into one line + remedy on stderr and the right exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except MineError as exc:
            if _verbose:
                err.print_exception()
            err.print(f"[red]error:[/red] {exc.reason}")
            if exc.remedy:
                err.print(f"  {exc.remedy}")
            if isinstance(exc, UsageError):
                code = ExitCode.USAGE
            elif isinstance(exc, (NotFound, StoreError)):
                code = ExitCode.NOT_FOUND
            else:
                code = ExitCode.FAILED_INPUTS
            raise typer.Exit(code) from exc
        except FileNotFoundError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(ExitCode.NOT_FOUND) from exc
        except Exception as exc:  # a bug: say so, and how to see more
            if _verbose:
                err.print_exception()
            err.print(f"[red]internal error:[/red] {type(exc).__name__}: {exc} (rerun with --verbose for the traceback)")
            raise typer.Exit(ExitCode.INTERNAL) from exc

    return wrapper  # type: ignore[return-value]


def print_json(data: Any) -> None:
    """JSON to stdout (records and paths made plain)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(rows: Iterable[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    """A readable table on stdout."""
    table = RichTable(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        count += 1
    out.print(table)
    if count == 0:
        err.print("(nothing to show)")
