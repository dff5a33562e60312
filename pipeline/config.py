"""Settings, validated once where they are built. Precedence: flag > MINE_* environment > default.

Nothing deeper in the package reads the environment: the CLI builds a `Settings` and passes it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

DEFAULT_DB = Path("outputs") / "mine.db"
PACKAGE_DATA = Path(__file__).parent / "data"
REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = REPO_ROOT / "models"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Build with `Settings.build(...)`."""

    db: Path = DEFAULT_DB
    workers: int = max(1, os.cpu_count() or 1)
    ocr_lang: str = "nld"
    ocr_timeout: float = 120.0  # seconds per page
    default_dpi: int = 300  # when a scan's own resolution is unknown
    max_dpi: int = 400
    max_render_pixels: int = 35_000_000  # bigger renders are refused (typed page error); keeps a worker < 500 MB
    region: str | None = None  # override region detection on ingest
    regions_file: Path | None = None  # extra regions registry (TOML) a user can add
    aliases_file: Path | None = None  # reviewable organisation alias file (TOML)
    model_dir: Path = MODELS_DIR

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.ocr_timeout <= 0:
            raise ValueError("ocr_timeout must be positive")
        if not 50 <= self.default_dpi <= self.max_dpi:
            raise ValueError(f"default_dpi must be between 50 and {self.max_dpi}")

    @classmethod
    def build(cls, env: Mapping[str, str] | None = None, **flags: Any) -> "Settings":
        """Settings from flags (None = not given), then MINE_* variables, then defaults."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        from_env = {
            "db": ("MINE_DB", Path),
            "workers": ("MINE_WORKERS", int),
            "ocr_lang": ("MINE_OCR_LANG", str),
            "ocr_timeout": ("MINE_OCR_TIMEOUT", float),
            "regions_file": ("MINE_REGIONS", Path),
            "aliases_file": ("MINE_ALIASES", Path),
            "model_dir": ("MINE_MODEL_DIR", Path),
        }
        for name, (var, cast) in from_env.items():
            if env.get(var):
                values[name] = cast(env[var])
        for name, value in flags.items():
            if value is not None:
                values[name] = Path(value) if name in ("db", "regions_file", "aliases_file", "model_dir") else value
        return replace(cls(), **values)
