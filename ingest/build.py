"""Build ``data/planmap.duckdb`` from the committed data, atomically.

The database is written to a temporary file beside the target and moved into
place only when every step succeeded, so a failed build leaves the previous
database byte-identical. The database is a build artefact (git-ignored).
"""
from __future__ import annotations

import fcntl
import os
import secrets
import time
from pathlib import Path

import duckdb
import pandas as pd

import paths
import queries

from .catalog import column_types
from .dataset import TABLE_FILES, read_documents, read_table

__all__ = ["build", "needs_build", "data_files", "BuildError"]

_PANDAS_TYPES = {"VARCHAR": "string", "INTEGER": "Int64", "DOUBLE": "Float64", "BOOLEAN": "boolean"}


class BuildError(RuntimeError):
    """The database could not be built; the previous one is untouched."""


def data_files() -> list[Path]:
    """Every committed file the database is built from."""
    return [paths.CATALOG, paths.DOCUMENTS, paths.REFERENCE / "districts.geojson",
            *[p for p in TABLE_FILES.values() if p.exists()],
            *sorted(paths.QUERIES.glob("build/*.sql"))]


def needs_build(target: Path | None = None) -> bool:
    """True when the database is missing or older than any file it is built from."""
    target = target or paths.DATABASE
    if not target.exists():
        return True
    built = target.stat().st_mtime
    return any(p.stat().st_mtime > built for p in data_files())


def _resolve_locations(tables: dict[str, list[dict]]) -> list[dict]:
    """Anchor coordinates filled in, the point's district (the 街道 comes from :func:`_assign_streets`)."""
    from geo.boundaries import districts
    from geo.gazetteer import resolve_locations

    stated = {row["entity_id"]: row["street_codes"].split(";")[0]
              for table in ("places", "parks", "schools", "renewal_sites", "projects")
              for row in tables[table] if row.get("street_codes")}
    return resolve_locations(tables["anchors"], tables["locations"], stated, districts())


def _assign_streets(tables: dict[str, list[dict]], located: list[dict]) -> list[dict]:
    """Every locatable entity's 街道 and its basis (geo/streets.py); the first one goes into its location row.

    Returns the rows of ``entity_streets`` (one per entity and 街道; entities with none have no row)."""
    from geo.streets import assign_streets

    families = {"places": "place", "parks": "park", "schools": "school", "renewal_sites": "renewal_site",
                "projects": "project", "layout_components": "layout_component"}
    entities = [{**row, "family": family} for table, family in families.items() for row in tables[table]]
    seats = {row["anchor_id"]: row for row in tables["anchors"]
             if row.get("method") == "street_seat" and row.get("lon") is not None}
    communities = {row["community_code"]: row for row in tables["communities"]}
    by_entity: dict[str, list[tuple[str, str]]] = {}
    for match in tables["community_matches"]:
        community = communities.get(match["community_code"])
        if match["decision"] == "accept" and community is not None:
            by_entity.setdefault(match["entity_id"], []).append(
                (community["street_code"], f"{community['short_name']} ({community['community_code']})"))
    locations = {row["entity_id"]: row for row in located}
    streets = {row["street_code"] for row in tables["street_offices"]}
    rows = assign_streets(entities, locations, seats, by_entity, streets)
    for row in rows:  # the first 街道 and the basis of every entity, in its location row
        location = locations.get(row["entity_id"])
        if location is not None and location.get("_street_set") is None:
            location.update(street_code=row["street_code"], street_basis=row["basis"], _street_set=True)
    for location in located:
        location.pop("_street_set", None)
    return [row for row in rows if row["street_code"] is not None]


def _layout_geometries(tables: dict[str, list[dict]], located: list[dict]) -> list[dict]:
    """Schematic geometry for every layout component; hand-drawn overrides win."""
    from geo.boundaries import districts
    from geo.schematic import draw_layout_geometries

    by_entity = {row["entity_id"]: row for row in located if row["lon"] is not None}
    anchors = {row["name"]: row for row in tables["anchors"] if row.get("lon") is not None}
    derived = draw_layout_geometries(tables["layout_components"], by_entity, anchors, tables["lines"], districts())
    overrides = {row["entity_id"]: row for row in tables["layout_geometries"]}
    return [overrides.get(row["entity_id"], row) for row in derived] + [
        row for entity_id, row in overrides.items() if entity_id not in {r["entity_id"] for r in derived}]


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    types = column_types(table)
    frame = pd.DataFrame(rows, columns=list(types))
    for name, kind in types.items():
        frame[name] = frame[name].astype(_PANDAS_TYPES[kind])
    return frame


def _load(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    con.from_df(_frame(table, rows)).create(table)


MAX_REPORTED = 30
"""Problems listed in a refused build's report (all of them: ``python -m ingest check``)."""


def _refuse(problems: list[str]) -> BuildError:
    listed = "\n".join(f"  {problem}" for problem in problems[:MAX_REPORTED])
    more = f"\n  ... and {len(problems) - MAX_REPORTED} more" if len(problems) > MAX_REPORTED else ""
    return BuildError(f"the data in data/ breaks {len(problems)} rule(s) of `python -m ingest check`; "
                      f"nothing was built, the previous database is kept:\n{listed}{more}")


def _temporary(target: Path) -> tuple[Path, int]:
    """A temporary database path of this build's own, and a lock held on it while the build runs.

    Two builds at once each get their own name; a leftover is removed only when no process holds
    its lock any more (its build was killed), never one that another build is still writing.
    """
    _remove_stale(target)
    stem = f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}"
    locking = target.with_name(stem + ".locking")
    handle = os.open(locking, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
    fcntl.flock(handle, fcntl.LOCK_EX)
    os.replace(locking, target.with_name(stem + ".lock"))  # visible to _remove_stale only once locked
    return target.with_name(stem + ".tmp"), handle


def _remove_stale(target: Path) -> None:
    for lock in target.parent.glob(f".{target.name}.*.lock"):
        try:
            handle = os.open(lock, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # a build is running
            os.close(handle)
            continue
        stem = lock.name[: -len(".lock")]
        for leftover in (f"{stem}.tmp", f"{stem}.tmp.wal"):
            target.with_name(leftover).unlink(missing_ok=True)
        lock.unlink(missing_ok=True)
        os.close(handle)


def _release(tmp: Path, handle: int) -> None:
    tmp.unlink(missing_ok=True)
    Path(str(tmp) + ".wal").unlink(missing_ok=True)
    Path(str(tmp)[: -len(".tmp")] + ".lock").unlink(missing_ok=True)
    os.close(handle)  # releases the lock


def build(target: Path | None = None, progress=None) -> dict[str, int]:
    """Build the database; return row counts per table. Raises :class:`BuildError`.

    The data is read and checked with ``ingest check``'s data rules first; data that breaks
    one is refused with the list of problems, and nothing is written.
    """
    from .check import data_problems

    target = Path(target or paths.DATABASE)
    report = progress or (lambda message: None)
    started = time.perf_counter()
    try:
        documents, parts = read_documents()
        tables = {name: read_table(name) for name in TABLE_FILES}
    except (OSError, ValueError) as exc:
        raise BuildError(f"cannot read the data files, the previous database is kept: {exc}") from None
    problems = data_problems(documents, tables)
    if problems:
        raise _refuse(problems)
    tmp, handle = _temporary(target)
    counts: dict[str, int] = {}
    try:
        con = duckdb.connect(str(tmp))
        try:
            report("documents")
            _load(con, "documents", documents)
            _load(con, "document_parts", parts)
            located = _resolve_locations(tables)
            streets = _assign_streets(tables, located)
            tables["layout_geometries"] = _layout_geometries(tables, located)
            for name, rows in tables.items():
                report(name)
                _load(con, name, rows)
            _load(con, "entity_locations", located)
            _load(con, "entity_streets", streets)
            con.execute(queries.load("build/entity_mentions"))
            con.execute(queries.load("build/v_entities"))
            for name in ["documents", "document_parts", *tables, "entity_locations", "entity_streets",
                         "entity_mentions", "v_entities"]:
                counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # noqa: S608 (catalog names)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    except Exception as exc:
        raise BuildError(f"build failed, previous database kept: {exc}") from exc
    finally:
        _release(tmp, handle)
    counts["seconds"] = round(time.perf_counter() - started, 3)
    return counts
