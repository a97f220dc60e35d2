"""District boundaries: decode the reference ECharts map, convert GCJ-02 → WGS-84, read and write GeoJSON.

The reference file (``../shared/reference/echarts_jinan_districts.js``) stores each ring
as a string: two characters per vertex, ``ord(c) - 64``, zig-zag decoded, accumulated
from ``encodeOffsets``, divided by 1024 (degrees, GCJ-02). Only the decoding needs
the reference; the converted polygons are committed as ``data/reference/districts.geojson``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

import paths

from .crs import GEOMETRY, STORAGE_CRS, gcj02_to_wgs84

__all__ = ["decode_ring", "decode_echarts", "districts", "write_geojson", "DISTRICTS_GEOJSON"]

DISTRICTS_GEOJSON = paths.REFERENCE / "districts.geojson"
ATTRIBUTION = ("District boundaries: echarts-china-cities-pypkg 0.0.9 (MIT, pyecharts), "
               "converted from GCJ-02 to WGS-84; ~100 m vertex resolution, vintage ~2018")


def decode_ring(encoded: str, offset: list[int]) -> list[tuple[float, float]]:
    """Decode one ECharts ring string into (lon, lat) pairs (GCJ-02 degrees).

    >>> decode_ring("@@BB", [0, 0])
    [(0.0, 0.0), (0.0009765625, 0.0009765625)]
    """
    x, y = offset
    coords = []
    for i in range(0, len(encoded) - 1, 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        dx, dy = (dx >> 1) ^ -(dx & 1), (dy >> 1) ^ -(dy & 1)
        x, y = x + dx, y + dy
        coords.append((x / 1024, y / 1024))
    return coords


def _features(js: str) -> list[dict]:
    start = js.index("features:") + len("features:")
    depth, end, in_string, escaped = 0, start, False, False
    for end in range(start, len(js)):  # brackets inside the encoded strings do not count
        ch = js[end]
        if in_string:
            in_string = not (ch == '"' and not escaped)
            escaped = ch == "\\" and not escaped
            continue
        if ch == '"':
            in_string = True
        elif ch in "[]":
            depth += 1 if ch == "[" else -1
            if depth == 0:
                break
    body = js[start:end + 1]
    # Keys are bare words in the JS; the encoded strings never contain ':' (all chars are >= '@').
    return json.loads(re.sub(r'([{,])([A-Za-z_]\w*):', r'\1"\2":', body))


def _ring(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return points if points[0] == points[-1] else points + [points[0]]


def decode_echarts(path: Path) -> gpd.GeoDataFrame:
    """All districts in the reference file, converted to WGS-84."""
    rows = []
    for feature in _features(path.read_text(encoding="utf-8")):
        geometry, offsets = feature["geometry"], feature["geometry"]["encodeOffsets"]
        if geometry["type"] == "Polygon":
            polygons = [[_ring(decode_ring(r, o)) for r, o in zip(geometry["coordinates"], offsets)]]
        else:
            polygons = [[_ring(decode_ring(r, o)) for r, o in zip(poly, poly_offsets)]
                        for poly, poly_offsets in zip(geometry["coordinates"], offsets)]
        shell = MultiPolygon([Polygon(p[0], p[1:]) for p in polygons])
        wgs = shapely.transform(shell, _to_wgs84)
        cp = feature["properties"].get("cp") or [None, None]
        cp_lon, cp_lat = gcj02_to_wgs84(*cp) if cp[0] is not None else (None, None)
        rows.append({"district_code": str(feature["id"]), "name": feature["properties"]["name"],
                     "seat_lon": round(cp_lon, 6), "seat_lat": round(cp_lat, 6),
                     GEOMETRY: wgs.buffer(0) if not wgs.is_valid else wgs})
    return gpd.GeoDataFrame(rows, geometry=GEOMETRY, crs=STORAGE_CRS)


def _to_wgs84(coords: np.ndarray) -> np.ndarray:
    return np.round(np.array([gcj02_to_wgs84(x, y) for x, y in coords]), 6)


def write_geojson(frame: gpd.GeoDataFrame, path: Path = DISTRICTS_GEOJSON) -> None:
    data = json.loads(frame.to_json(drop_id=True))
    data["attribution"] = ATTRIBUTION
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def districts(path: Path = DISTRICTS_GEOJSON) -> gpd.GeoDataFrame:
    """The committed district polygons (WGS-84), with district_code, name and the government seat."""
    frame = gpd.read_file(path)
    frame = frame.rename_geometry(GEOMETRY) if frame.geometry.name != GEOMETRY else frame
    if frame.crs is None or frame.crs.to_string() != STORAGE_CRS:
        frame = frame.set_crs(STORAGE_CRS, allow_override=True)
    return frame
