"""Read and write the committed data files (CSV, YAML) as typed rows.

CSV files are the diff-friendly, human-editable form: UTF-8, a header row in the
catalog's column order, one entity per row, sorted by id.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

import paths

from .catalog import column_types, columns

__all__ = ["TABLE_FILES", "read_table", "write_table", "read_documents", "coerce"]

TABLE_FILES: dict[str, Path] = {
    "districts": paths.REFERENCE / "districts.csv",
    "street_offices": paths.REFERENCE / "street_offices.csv",
    "communities": paths.REFERENCE / "communities.csv",
    "community_matches": paths.REVIEW / "community_matches.csv",
    "street_variants": paths.REVIEW / "street_variants.csv",
    "aliases": paths.REVIEW / "aliases.csv",
    "site_classes": paths.REVIEW / "site_classes.csv",
    "layout_kinds": paths.REVIEW / "layout_kinds.csv",
    "fixes": paths.REVIEW / "fixes.csv",
    "rejections": paths.REVIEW / "rejections.csv",
    "sections": paths.ENTITIES / "sections.csv",
    "anchors": paths.GAZETTEER / "anchors.csv",
    "locations": paths.GAZETTEER / "locations.csv",
    "lines": paths.GAZETTEER / "lines.geojson",
    "line_evidence": paths.GAZETTEER / "line_evidence.csv",
    "layout_geometries": paths.GAZETTEER / "layout_geometries.geojson",
    "street_mentions": paths.ENTITIES / "street_mentions.csv",
    **{name: paths.ENTITIES / f"{name}.csv" for name in (
        "layouts", "layout_components", "places", "parks", "schools", "renewal_sites", "projects", "indicators")},
}


def coerce(value: object, kind: str) -> object:
    """Convert a CSV cell to the catalog type; empty cells become None."""
    if value is None or value == "":
        return None
    if kind == "INTEGER":
        return int(value)
    if kind == "DOUBLE":
        return float(value)
    if kind == "BOOLEAN":
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in {"true", "1", "yes"}
    return str(value)


def read_table(table: str, path: Path | None = None) -> list[dict]:
    """Rows of ``table`` as dicts of typed values; raises ValueError on a wrong header."""
    path = path or TABLE_FILES[table]
    if not path.exists():
        return []
    types = column_types(table)
    if path.suffix == ".geojson":
        return _read_geojson(path, types)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != list(types):
            raise ValueError(f"{path.name}: header {reader.fieldnames} does not match the catalog {list(types)}")
        rows = []
        for number, row in enumerate(reader, start=2):
            try:
                rows.append({name: coerce(row[name], kind) for name, kind in types.items()})
            except ValueError as exc:
                raise ValueError(f"{path.name}:{number}: {exc}") from None
    return rows


def _read_geojson(path: Path, types: dict[str, str]) -> list[dict]:
    """Features as rows: their properties plus ``geometry_wkt`` and ``geometry_type``."""
    from shapely.geometry import shape

    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (ValueError, KeyError) as exc:
        raise ValueError(f"{path.name}: not a GeoJSON FeatureCollection ({exc})") from None
    rows = []
    for number, feature in enumerate(features):
        geometry = shape(feature["geometry"])
        props = {**feature.get("properties", {}), "geometry_wkt": geometry.wkt, "geometry_type": geometry.geom_type}
        missing = [name for name in types if name not in props]
        if missing:
            raise ValueError(f"{path.name}: feature {number} lacks {missing}")
        rows.append({name: coerce(props[name], kind) for name, kind in types.items()})
    return rows


def write_table(table: str, rows: list[dict], path: Path | None = None) -> None:
    """Write rows in catalog column order (missing columns empty)."""
    path = path or TABLE_FILES[table]
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(table), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else ("true" if v is True else "false" if v is False else v))
                         for k, v in row.items()})
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_documents() -> tuple[list[dict], list[dict]]:
    """``(documents, document_parts)`` from ``data/documents.yaml``."""
    with paths.DOCUMENTS.open(encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)["documents"]
    doc_columns = columns("documents")
    documents = [{c: (None if d.get(c) is None else str(d.get(c))) for c in doc_columns} for d in spec]
    parts = [{"doc_id": d["doc_id"], **part} for d in spec for part in d.get("parts", [])]
    return documents, parts
