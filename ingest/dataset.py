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

__all__ = ["TABLE_FILES", "DataError", "read_table", "write_table", "read_documents", "coerce", "load_yaml"]


class DataError(ValueError):
    """A data file cannot be read; the message names the file (relative to data/) and the problem."""

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
    "landmarks": paths.GAZETTEER / "landmarks.csv",
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


def shown(path: Path) -> str:
    """A data file's name for messages: relative to data/ (never the server's folders)."""
    try:
        return path.relative_to(paths.DATA).as_posix()
    except ValueError:
        return path.name


def load_yaml(path: Path) -> object:
    """A YAML file's content; :class:`DataError` with the line on a syntax error."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataError(f"{shown(path)}: YAML syntax error{where}: {getattr(exc, 'problem', None) or 'unreadable'}") \
            from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{shown(path)}: not UTF-8 (byte {exc.start})") from None


def read_table(table: str, path: Path | None = None) -> list[dict]:
    """Rows of ``table`` as dicts of typed values; :class:`DataError` on a wrong header or a malformed row."""
    path = path or TABLE_FILES[table]
    if not path.exists():
        return []
    types = column_types(table)
    if path.suffix == ".geojson":
        return _read_geojson(path, types)
    rows = []
    number = 1
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames != list(types):
                raise DataError(f"{shown(path)}: header {reader.fieldnames} does not match the catalog {list(types)}")
            for number, row in enumerate(reader, start=2):
                if None in row or None in row.values():
                    raise DataError(f"{shown(path)}:{number}: {len(types)} fields expected, "
                                    f"{len(types) + len(row.get(None) or []) - list(row.values()).count(None)} found")
                try:
                    rows.append({name: coerce(row[name], kind) for name, kind in types.items()})
                except ValueError as exc:
                    raise DataError(f"{shown(path)}:{number}: {exc}") from None
    except csv.Error as exc:
        raise DataError(f"{shown(path)}:{number + 1}: malformed CSV ({exc})") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{shown(path)}: not UTF-8 (byte {exc.start})") from None
    return rows


def _read_geojson(path: Path, types: dict[str, str]) -> list[dict]:
    """Features as rows: their properties plus ``geometry_wkt`` and ``geometry_type``."""
    from shapely.geometry import shape

    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        if not isinstance(features, list):
            raise TypeError("features is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{shown(path)}: not a GeoJSON FeatureCollection ({type(exc).__name__}: {exc})") from None
    rows = []
    for number, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            raise DataError(f"{shown(path)}: feature {number} has no geometry")
        try:
            geometry = shape(feature["geometry"])
        except Exception as exc:  # noqa: BLE001 - shapely raises several kinds for a malformed geometry
            raise DataError(f"{shown(path)}: feature {number} has a malformed geometry ({exc})") from None
        if geometry.is_empty:
            raise DataError(f"{shown(path)}: feature {number} has an empty geometry")
        props = {**(feature.get("properties") or {}), "geometry_wkt": geometry.wkt,
                 "geometry_type": geometry.geom_type}
        missing = [name for name in types if name not in props]
        if missing:
            raise DataError(f"{shown(path)}: feature {number} lacks {missing}")
        try:
            rows.append({name: coerce(props[name], kind) for name, kind in types.items()})
        except (ValueError, TypeError) as exc:
            raise DataError(f"{shown(path)}: feature {number}: {exc}") from None
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
    name = shown(paths.DOCUMENTS)
    content = load_yaml(paths.DOCUMENTS)
    spec = content.get("documents") if isinstance(content, dict) else None
    if not isinstance(spec, list) or not spec:
        raise DataError(f"{name}: expected a non-empty list under 'documents:'"
                        + (" (the file is empty)" if content is None else ""))
    for number, d in enumerate(spec, start=1):
        if not isinstance(d, dict) or not d.get("doc_id"):
            raise DataError(f"{name}: document {number} is not a mapping with a doc_id")
        if not isinstance(d.get("parts", []), list) or not all(isinstance(p, dict) for p in d.get("parts", [])):
            raise DataError(f"{name}: document {d['doc_id']}: parts must be a list of mappings")
    doc_columns = columns("documents")
    documents = [{c: (None if d.get(c) is None else str(d.get(c))) for c in doc_columns} for d in spec]
    parts = [{"doc_id": d["doc_id"], **part} for d in spec for part in d.get("parts", [])]
    return documents, parts
