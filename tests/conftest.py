"""Shared test helpers: a temporary store path and settings that never touch outputs/."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a temp store and one worker (fast, deterministic)."""
    return Settings.build(env={}, db=tmp_path / "mine.db", workers=1)
