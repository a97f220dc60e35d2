"""The gazetteer: resolve every entity's location from the reviewed anchors and locations.

Inputs are the reviewed files ``data/gazetteer/anchors.csv`` (named points with a
precision and a method) and ``data/gazetteer/locations.csv`` (one row per locatable
entity: an anchor, explicit coordinates, or ``unlocated`` with the reason). Output is
one resolved row per entity:

* coordinates from the row itself, else from its anchor (a 街道 seat when the anchor
  is a 12-digit street code); precision is the larger of the two;
* the district whose polygon contains the point;
* the first 街道 the text states; ``geo/streets.py`` then decides every entity's 街道 and its
  basis (text, official 社区/村, gazetteer, a clear position, or none) and overwrites both fields.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import geopandas as gpd
from shapely.geometry import Point

__all__ = ["resolve_locations", "LOCATED_BY", "haversine_m"]

LOCATED_BY = {"landmark", "road_segment", "member_centre", "inherited_place", "inherited_street", "manual",
              "unlocated"}


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres.

    >>> round(haversine_m(117.0, 36.6, 117.0, 36.7))
    11119
    """
    r = 6371000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _district_of(point: Point, districts: gpd.GeoDataFrame) -> str | None:
    hits = districts[districts.geometry.contains(point)]
    return str(hits["district_code"].iloc[0]) if len(hits) else None


def resolve_locations(anchors: Iterable[dict], locations: Iterable[dict], stated_streets: dict[str, str],
                      districts: gpd.GeoDataFrame) -> list[dict]:
    """Resolve ``locations`` against ``anchors``; return one row per location.

    ``stated_streets`` maps entity_id → the first 街道 code the text states.
    """
    anchor_by_id = {a["anchor_id"]: a for a in anchors}
    resolved = []
    for row in locations:
        anchor = anchor_by_id.get(row.get("anchor_id") or "")
        lon = row.get("lon") if row.get("lon") is not None else (anchor or {}).get("lon")
        lat = row.get("lat") if row.get("lat") is not None else (anchor or {}).get("lat")
        precisions = [p for p in (row.get("precision_m"), (anchor or {}).get("precision_m")) if p is not None]
        out = {"entity_id": row["entity_id"], "lon": None, "lat": None, "precision_m": None,
               "located_by": row["located_by"], "basis": row.get("basis"), "anchor_id": row.get("anchor_id"),
               "point_district_code": None, "street_code": stated_streets.get(row["entity_id"]),
               "street_basis": "stated" if stated_streets.get(row["entity_id"]) else None,
               "evidence_kind": None, "evidence": None}
        if row["located_by"] != "unlocated" and lon is not None and lat is not None:
            point = Point(lon, lat)
            district = _district_of(point, districts)
            source = row if row.get("lon") is not None else (anchor or {})
            out.update(evidence_kind=source.get("evidence_kind"), evidence=source.get("evidence"))
            out.update(lon=round(float(lon), 6), lat=round(float(lat), 6),
                       precision_m=int(max(precisions)) if precisions else None, point_district_code=district)
        elif row["located_by"] != "unlocated":
            out["located_by"] = "unlocated"
            out["basis"] = f"anchor {row.get('anchor_id')!r} has no coordinates; {row.get('basis') or ''}".strip()
        resolved.append(out)
    return resolved
