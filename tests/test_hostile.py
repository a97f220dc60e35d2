"""Hostile input: malformed URL state, SQL metacharacters, HTML in names, a corrupt database."""
from __future__ import annotations

import random
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import paths
from bench.fuzz import PAGES, random_query, run_case
from ui.state import ident, integer, one_of, parse, text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _database(db_path, monkeypatch):
    monkeypatch.setattr(paths, "DATABASE", db_path)


def test_parse_survives_10000_random_query_strings():
    rng = random.Random(1)
    spec = {"d": one_of(["370105", "370103", "370104"]), "step": integer(1, 99), "q": text, "sel": ident,
            "l": ident, "s": one_of(["370105013000"])}
    for _ in range(10000):
        query = {k: (v if isinstance(v, list) else [v]) for k, v in random_query(rng).items()}
        values, bad = parse(spec, query)
        assert set(values) | set(bad) <= set(spec)
        for key, value in values.items():  # whatever got through is valid
            assert spec[key](str(value)) == value


@pytest.mark.parametrize("case", range(36))
def test_random_url_state_never_raises_on_any_page(case):
    rng = random.Random(1000 + case)
    ok, message = run_case(PAGES[case % len(PAGES)], random_query(rng))
    assert ok, message


@pytest.mark.parametrize("needle", ["'; DROP TABLE projects; --", "%' OR '1'='1", "\\", "\"; --", "_", "%"])
def test_sql_metacharacters_in_the_text_filter_are_plain_text(db_path, needle):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page("views/projects.py")
    at.run()
    at.text_input(key="p_text").input(needle).run()
    assert not at.exception
    with duckdb.connect(str(db_path), read_only=True) as con:
        total = con.execute("SELECT count(*) FROM projects").fetchone()[0]
        matching = con.execute("SELECT count(*) FROM projects WHERE contains(name, ?) OR contains(quote, ?)",
                               [needle, needle]).fetchone()[0]
    assert total > 600
    caption = at.caption[0].value if at.caption else ""
    if matching == 0:
        assert any("没有符合条件" in i.value for i in at.info)
    else:
        assert f"共 {matching}" in caption or "共" in caption


def test_corrupt_database_gives_a_friendly_page(tmp_path, monkeypatch):
    broken = tmp_path / "planmap.duckdb"
    broken.write_bytes(b"this is not a duckdb file" * 100)
    monkeypatch.setattr(paths, "DATABASE", broken)
    import streamlit as st
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    st.cache_resource.clear()
    assert not at.exception
    assert at.error and "python -m ingest build" in at.error[0].value


def test_missing_database_is_built_on_start(tmp_path, monkeypatch):
    target = tmp_path / "fresh.duckdb"
    monkeypatch.setattr(paths, "DATABASE", target)
    import streamlit as st
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    st.cache_resource.clear()
    assert not at.exception and target.exists()
