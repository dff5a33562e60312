from pathlib import Path

import pytest

from pipeline.config import DEFAULT_DB, Settings


def test_precedence_flag_over_env_over_default() -> None:
    assert Settings.build(env={}).db == DEFAULT_DB
    assert Settings.build(env={"MINE_DB": "/tmp/env.db"}).db == Path("/tmp/env.db")
    assert Settings.build(env={"MINE_DB": "/tmp/env.db"}, db="/tmp/flag.db").db == Path("/tmp/flag.db")
    assert Settings.build(env={"MINE_WORKERS": "3"}).workers == 3


def test_invalid_settings_are_refused_where_built() -> None:
    with pytest.raises(ValueError):
        Settings.build(env={}, workers=0)
    with pytest.raises(ValueError):
        Settings.build(env={}, ocr_timeout=-1.0)
