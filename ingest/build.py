"""Build ``data/planmap.duckdb`` from the committed data, atomically.

The database is written to a temporary file beside the target and moved into
place only when every step succeeded, so a failed build leaves the previous
database byte-identical. The database is a build artefact (git-ignored).
"""
from __future__ import annotations

import os
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


def build(target: Path | None = None, progress=None) -> dict[str, int]:
    """Build the database; return row counts per table. Raises :class:`BuildError`."""
    target = Path(target or paths.DATABASE)
    report = progress or (lambda message: None)
    started = time.perf_counter()
    try:
        documents, parts = read_documents()
        tables = {name: read_table(name) for name in TABLE_FILES}
    except (OSError, ValueError) as exc:
        raise BuildError(f"cannot read the data files: {exc}") from None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    for stale in target.parent.glob(f".{target.name}.*.tmp*"):  # left by a build that was killed
        stale.unlink(missing_ok=True)
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
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    counts["seconds"] = round(time.perf_counter() - started, 3)
    return counts
