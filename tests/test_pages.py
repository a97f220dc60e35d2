"""Every page runs under AppTest without an exception."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _database(db_path, monkeypatch):
    import paths
    monkeypatch.setattr(paths, "DATABASE", db_path)


def test_app_runs_and_shows_sources():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "资料来源"
    assert len(at.dataframe) >= 2


def test_language_toggle_changes_labels():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.radio(key="lang").set_value("English").run()
    assert not at.exception
    assert at.title[0].value == "Sources"
