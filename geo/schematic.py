"""Schematic (示意) geometry for layout components, derived from the reviewed data.

* axes, belts and corridors follow the river or road they are named after
  (黄河, 小清河, 济泺路, 经十路 …), clipped to the component's district (plus 1 km);
* zones, clusters, parks and areas are drawn around their member places (convex hull
  plus 400 m; a single member or the component's own point gives a disc of its
  precision, at least 600 m);
* an axis or belt named after no known line is still drawn as a line: through its member
  places when two or more are known, otherwise through its own point, east-west for a group
  named 横 (horizontal) and north-south for one named 纵, half as long as its precision each way
  (at least 1.5 km); with no direction to go on it stays a point;
* cores, centres and landmarks are points.

Every geometry says it is schematic and on what basis. Hand-drawn overrides in
``data/gazetteer/layout_geometries.geojson`` replace the derived ones.
"""
from __future__ import annotations

import geopandas as gpd
from shapely.geometry import LineString, MultiPoint, Point

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


def _line_through(component: dict, own: dict, members: list[dict]):
    """A straight schematic line for an axis or belt with no named line, and its basis (or None, None)."""
    if len(members) >= 2:
        metric = [_to_metric(Point(m["lon"], m["lat"])) for m in members]
        xs, ys = [p.x for p in metric], [p.y for p in metric]
        along_x = max(xs) - min(xs) >= max(ys) - min(ys)
        ordered = sorted(metric, key=lambda p: p.x if along_x else p.y)
        return (_to_storage(LineString(ordered)),
                "line through member places: " + "、".join(m["name"] for m in members))
    group = component.get("group_label") or ""
    if own.get("lon") is None or ("横" in group) == ("纵" in group):
        return None, None
    half = max(1500, int(own.get("precision_m") or 0))
    centre = _to_metric(Point(own["lon"], own["lat"]))
    east_west = "横" in group
    dx, dy = (half, 0) if east_west else (0, half)
    line = LineString([(centre.x - dx, centre.y - dy), (centre.x + dx, centre.y + dy)])
    direction = "east-west (group 横 = horizontal)" if east_west else "north-south (group 纵 = vertical)"
    return _to_storage(line), (f"straight {direction} line through the component's point, {half} m each way; "
                               "no line of this name is known, direction from the group name")


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
            else:
                members = [anchors_by_name[name] for name in (component.get("places") or "").split(";")
                           if name in anchors_by_name]
                geometry, basis = _line_through(component, own, members)
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
