"""Every SQL statement of the project, one ``.sql`` file per question, loaded by name.

Each file starts with a comment giving its purpose, parameters and output columns.
Parameters are always bound (``$name``), never formatted into the text.

>>> "FROM v_entities" in load("entities_by_family")
True
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb

__all__ = ["load", "run_query", "names", "QUERY_DIR"]

QUERY_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of ``queries/<name>.sql`` (``build/<name>`` for build steps)."""
    if not name.replace("/", "").replace("_", "").isalnum():
        raise ValueError(f"not a query name: {name!r}")
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    """All query names, build steps included (``build/…``)."""
    return sorted(str(p.relative_to(QUERY_DIR).with_suffix("")) for p in QUERY_DIR.rglob("*.sql"))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params):
    """Run a named query with bound parameters; return a pandas DataFrame.

    Text columns come back as plain Python strings (object dtype), not pandas 3's Arrow-backed
    ``str``: the frames are small, and under many concurrent sessions each Arrow kernel call gives
    up and re-takes the GIL, which made row selection the largest cost of a rerun.
    """
    frame = con.execute(load(name), params or None).df()
    text = [column for column, dtype in frame.dtypes.items() if dtype == "str"]
    return frame.astype({column: object for column in text}) if text else frame
