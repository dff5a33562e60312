"""`mine partners`: organisations, with the actions, regions and domains they appear in.

A thin skin over `entities.partner_summary` (which reads the store through `Store.actions`).
"""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from pipeline.cli_common import DbOption, JsonOption, RegionOption, err, handle_errors, print_json, print_table, settings


def register(app: typer.Typer) -> None:
    """Add `mine partners` to the app."""
    app.command()(partners)


@handle_errors
def partners(
    region: RegionOption = None,
    db: DbOption = None,
    aliases: Annotated[
        Optional[str], typer.Option("--aliases", help="Your organisation alias file (TOML; default: $MINE_ALIASES).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many organisations (0: all).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Organisations with the number of actions they appear in (as lead and as partner), and the
    regions and domains of those actions, most active first.

    Names are canonical (pipeline/data/aliases.toml plus your --aliases file): "Unizo" and
    "UNIZO" are one organisation, "OCMW Gent" and "OCMW Genk" are two.
    """
    from pipeline.entities import partner_summary
    from pipeline.orgs import OrgRegistry
    from pipeline.store import Store

    config = settings(db=db, aliases_file=aliases)
    registry = OrgRegistry.load(aliases_file=config.aliases_file)
    with Store(config.db, readonly=True) as store:
        rows = partner_summary(store, region=region, registry=registry)
    if limit:
        rows = rows[:limit]
    if as_json:
        print_json(rows)
        return
    if not rows:
        err.print("no partners found" + (f" in region {region}" if region else "") + " (ingest documents first: `mine ingest PATH`)")
    print_table(
        ({**r, "regions": ", ".join(r["regions"]), "domains": ", ".join(r["domains"]),
          "years": ", ".join(str(y) for y in r["years"])} for r in rows),
        ["organisation", "kind", "actions", "lead", "partner", "regions", "domains", "years"],
        title="Partners" + (f" in {region}" if region else ""),
    )
