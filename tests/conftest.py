"""Shared fixtures: the seeds (skip with a reason when absent, fail under CI) and a built test database."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import paths  # noqa: E402
from ingest.build import build  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"
# Under AppTest a failing page must fail its test: ui.errors re-raises after showing its short message.
# (Live servers started by bench.browser.start_server run without it, as visitors see them.)
os.environ["PLANMAP_RAISE_ERRORS"] = "1"


def _require(found, what: str):
    if found is None:
        message = f"{what} not found: put ../shared beside the checkout or set PLANMAP_SEEDS / PLANMAP_REFERENCE"
        if IN_CI:
            pytest.fail(f"under CI nothing may skip: {message}")
        pytest.skip(message)
    return found


def need(condition: bool, why: str) -> None:
    """Skip with ``why`` when ``condition`` is false; under CI (nothing may skip) fail instead."""
    if not condition:
        if IN_CI:
            pytest.fail(f"under CI nothing may skip: {why}")
        pytest.skip(why)


def planted_database(db_path: Path, target: Path, names: list[str], spacing: float = 1 / 300) -> Path:
    """A copy of the test database with one planned project in 药山街道 per name (ids syn-000000 …), spaced
    eastwards so each has its own point: for names that are HTML, Markdown, formulas …"""
    import shutil

    import pandas as pd

    from bench.synthetic import insert_projects

    shutil.copyfile(db_path, target)
    rows = pd.DataFrame({"entity_id": [f"syn-{i:06d}" for i in range(len(names))], "name": names,
                         "lon": [116.98 + i * spacing for i in range(len(names))], "lat": [36.68] * len(names),
                         "district_code": "370105", "street_code": "370105013000", "status": "planned",
                         "category": "产业", "precision_m": 500})
    return insert_projects(target, rows)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _require(paths.seeds_dir(), "the source documents (seeds)")


@pytest.fixture(scope="session")
def seed(seeds_dir):
    """``seed('003')`` → path of that seed file."""
    return lambda doc_id: paths.seed_path(doc_id)


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return _require(paths.reference_dir(), "the reference data (../shared/reference)")


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("db") / "planmap.duckdb"
    build(target)
    return target


@pytest.fixture()
def con(db_path):
    connection = duckdb.connect(str(db_path), read_only=True)
    yield connection
    connection.close()
