"""The CLI: every command has help and is documented in the README; errors and exit codes."""
from __future__ import annotations

from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import REPO_ROOT

runner = CliRunner()


def _commands() -> list[str]:
    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert get_command(app).commands[name].help, f"{name} has no help text"  # type: ignore[attr-defined]
        assert f"mine {name}" in readme, f"`mine {name}` is not documented in README.md"


def test_ingest_status_actions_export_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "verslag.txt").write_text("Jaarverslag 2023\n\nWe organiseerden een jobbeurs.\n", encoding="utf-8")
    (tmp_path / "in" / "leeg.pdf").write_bytes(b"")
    db = str(tmp_path / "m.db")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db, "--workers", "1", "--json"])
    assert result.exit_code == 1, result.output  # one file failed
    assert '"failed": 1' in result.stdout and "empty_file" in result.stdout
    result = runner.invoke(app, ["status", "--db", db, "--json"])
    assert result.exit_code == 0 and '"documents": 2' in result.stdout
    result = runner.invoke(app, ["export", "--db", db, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and (tmp_path / "out" / "documents.jsonl").exists()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 3
    assert "no store" in result.output


def test_unknown_action_is_not_found(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    from pipeline.store import Store

    Store(db).close()
    result = runner.invoke(app, ["show", "nope", "--db", str(db)])
    assert result.exit_code == 3 and "no action" in result.output


def test_a_user_alias_file_renames_partners_on_rebuild(tmp_path: Path) -> None:
    """Correcting a name in one's own alias file and rebuilding changes the stored partners."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "verslag.md").write_text(
        "# Jaarverslag 2023 regierol sociale economie en werk\n\n"
        "## WSE-LR2 Tewerkstelling van mensen met een afstand tot de arbeidsmarkt\n\n"
        "### Fietsproject voor werkzoekenden\n\n"
        "In samenwerking met VDAB en Fietspunt Zuid begeleidden we 12 werkzoekenden naar een job in de maatwerkbedrijven.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "m.db")
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db, "--workers", "1"]).exit_code == 0
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[same]\n"Fietspunt Zuid vzw" = ["Fietspunt Zuid"]\n', encoding="utf-8")
    result = runner.invoke(app, ["rebuild", "--db", db, "--aliases", str(aliases)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["actions", "--db", db, "--json"])
    partners = {p["name"] for action in __import__("json").loads(result.stdout) for p in action["partners"]}
    assert partners == {"VDAB", "Fietspunt Zuid vzw"}
