"""The `mine` command: a thin skin over the library (each command parses, calls, renders).

Commands live in pipeline/commands/*: core (ingest, status, rebuild, export, actions, show,
evaluate), model (train), partners, analysis (compare, seed, search, serve).
"""
from __future__ import annotations

from typing import Annotated

import typer

from pipeline import __version__
from pipeline.cli_common import VerboseOption, set_verbose
from pipeline.commands import analysis, core, model, partners

app = typer.Typer(
    name="mine",
    help="Mine Flemish regierol sociale economie reports and action plans into comparable actions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mine {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: VerboseOption = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """mine: ingest reports, extract actions, compare regions, seed action plans."""
    set_verbose(verbose)


for module in (core, model, partners, analysis):
    module.register(app)

if __name__ == "__main__":
    app()
