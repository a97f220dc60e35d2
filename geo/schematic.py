"""Schematic (示意) geometry for layout components, derived from the reviewed data.

* axes, belts and corridors follow the river or road they are named after
  (黄河, 小清河, 济泺路, 经十路 …), clipped to the component's district (plus 1 km);
* zones, clusters, parks and areas are drawn around their member places (convex hull
  plus 400 m; a single member or the component's own point gives a disc of its
  precision, at least 600 m);
* cores, centres and landmarks are points.

Every geometry says it is schematic and on what basis. Hand-drawn overrides in
``data/gazetteer/layout_geometries.geojson`` replace the derived ones.
"""
from __future__ import annotations

import geopandas as gpd
from shapely.geometry import MultiPoint, Point

from .crs import METRIC_CRS, STORAGE_CRS

__all__ = ["draw_layout_geometries", "LINEAR_KINDS", "POINT_KINDS"]

LINEAR_KINDS = {"axis", "belt", "corridor"}
POINT_KINDS = {"core", "center", "landmark", "platform"}


def _to_metric(geometry):
    return gpd.GeoSeries([geometry], crs=STORAGE_CRS).to_crs(METRIC_CRS).iloc[0]


def _to_storage(geometry):
    return gpd.GeoSeries([geometry], crs=METRIC_CRS).to_crs(STORAGE_CRS).iloc[0]


def _line_for(component: dict, lines: list[dict]) -> dict | None:
    text = f"{component['name']};{component.get('places') or ''}"
    named = sorted((line for line in lines if line["name"] and line["name"] in text),
                   key=lambda line: text.find(line["name"]))
    return named[0] if named else None


def draw_layout_geometries(components: list[dict], located: dict[str, dict], anchors_by_name: dict[str, dict],
                           lines: list[dict], districts: gpd.GeoDataFrame) -> list[dict]:
    """One row per drawable component: entity_id, geometry_wkt, geometry_type, schematic, basis.

    ``located`` maps entity_id → resolved location (lon, lat, precision_m); ``anchors_by_name``
    maps a place name → anchor (lon, lat, precision_m); ``lines`` are rows with name and geometry_wkt.
    """
    from shapely import wkt

    shapes = districts.set_index("district_code").geometry
    rows = []
    for component in components:
        district = shapes.get(component.get("district_code"))
        own = located.get(component["entity_id"]) or {}
        kind = component.get("kind") or "zone"
        geometry, basis = None, None
        if kind in LINEAR_KINDS:
            line = _line_for(component, lines)
            if line is not None:
                geometry = wkt.loads(line["geometry_wkt"])
                if district is not None:
                    clip = _to_storage(_to_metric(district).buffer(1000))
                    geometry = geometry.intersection(clip) if geometry.intersects(clip) else geometry
                basis = f"follows {line['name']} (schematic line) within the district"
        if geometry is None and kind not in POINT_KINDS:
            members = [anchors_by_name[name] for name in (component.get("places") or "").split(";")
                       if name in anchors_by_name]
            points = [Point(m["lon"], m["lat"]) for m in members]
            if len(points) >= 2:
                hull = _to_metric(MultiPoint(points).convex_hull).buffer(400)
                geometry, basis = _to_storage(hull), "drawn around member places: " + "、".join(
                    m["name"] for m in members)
            elif own.get("lon") is not None or points:
                centre = points[0] if points else Point(own["lon"], own["lat"])
                radius = max(600, int(own.get("precision_m") or 600))
                geometry = _to_storage(_to_metric(centre).buffer(radius))
                basis = f"disc of {radius} m around the component's location (no boundary known)"
        if geometry is None and own.get("lon") is not None:
            geometry, basis = Point(own["lon"], own["lat"]), "the component's located point"
        if geometry is None or geometry.is_empty:
            continue
        if district is not None and geometry.geom_type in ("Polygon", "MultiPolygon"):
            clipped = geometry.intersection(_to_storage(_to_metric(district).buffer(300)))
            geometry = clipped if not clipped.is_empty else geometry
        rows.append({"entity_id": component["entity_id"], "geometry_wkt": geometry.wkt,
                     "geometry_type": geometry.geom_type, "schematic": True, "basis": basis})
    return rows
