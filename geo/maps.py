"""Folium map building: our own offline vector base, one GeoJson layer per family, legends.

Rules kept here, once:

* the app serves Leaflet itself (``ASSET_BASE``); no CDN is referenced, so maps work
  with no internet at all;
* data is stored in WGS-84 and shifted to GCJ-02 only when drawn over Gaode tiles
  (:func:`to_display`);
* one ``GeoJson`` per layer, never one folium object per feature;
* every text that reaches a popup, tooltip or legend is HTML-escaped first;
* planned things are drawn hollow and dashed, existing things filled.
"""
from __future__ import annotations

import copy
import html
import json
import math
from collections.abc import Iterable

import folium
import geopandas as gpd
import numpy as np
import shapely
import xyzservices
from branca.element import MacroElement, Template

from .crs import METRIC_CRS, STORAGE_CRS, wgs84_to_gcj02

__all__ = ["ASSET_BASE", "BASEMAPS", "new_map", "to_display", "escape_frame", "vector_base", "point_layer",
           "shape_layer", "legend", "PLANNED", "FAMILY_COLOURS", "GROUP_COLOURS", "style_for_status",
           "map_html", "legend_entries_html", "frame_view", "display_point", "CENTER", "DISTRICT_VIEWS", "vector_base_data", "AGGREGATE_ABOVE", "aggregates", "aggregate_by_street", "count_layer",
           "points_or_counts", "street_counts_layer"]

ASSET_BASE = "/app/static/vendor"
CENTER = (36.655, 116.96)
DISTRICT_VIEWS = {"370105": ((36.74, 116.99), 11), "370103": ((36.59, 116.98), 11),
                  "370104": ((36.675, 116.87), 12), None: (CENTER, 11)}
BASEMAPS = {
    "vector": None,
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors", None),
    "gaode": ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
              "© 高德地图 AutoNavi (GCJ-02; our data shifted to match)", "1234"),
    # More providers through xyzservices (all WGS-84 web mercator, like OpenStreetMap).
    **{key: (provider.build_url(), provider.html_attribution, None) for key, provider in (
        ("topo", xyzservices.providers.OpenTopoMap), ("esri", xyzservices.providers.Esri.WorldImagery))},
}
PLANNED = {"planned", "under_construction"}
FAMILY_COLOURS = {"project": "#d95f02", "park": "#1b9e77", "school": "#7570b3", "renewal_site": "#e7298a",
                  "place": "#666666", "layout_component": "#1f78b4", "street_office": "#444444"}
GROUP_COLOURS = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999",
                 "#66c2a5", "#8da0cb"]


class TileErrorNotice(MacroElement):
    """A notice on the map, shown once, when an online basemap's tiles cannot be loaded (offline, blocked)."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var layer = {{ this.layer.get_name() }}, map = {{ this._parent.get_name() }}, shown = false;
  layer.on("tileerror", function () {
    if (shown) { return; }
    shown = true;
    var notice = L.control({position: "topright"});
    notice.onAdd = function () {
      var box = L.DomUtil.create("div", "planmap-tile-error");
      box.textContent = {{ this.message|tojson }};
      box.style.cssText = "background:#fff3cd;border:1px solid #c9a227;padding:6px 10px;border-radius:4px;"
        + "font:14px sans-serif;max-width:280px";
      return box;
    };
    notice.addTo(map);
  });
})();
{% endmacro %}
""")

    def __init__(self, layer: folium.TileLayer, message: str):
        super().__init__()
        self._name = "TileErrorNotice"
        self.layer, self.message = layer, message


def new_map(center: tuple[float, float] = CENTER, zoom: int = 11, basemap: str = "vector",
            asset_base: str = ASSET_BASE, tile_error: str | None = None) -> folium.Map:
    """An empty map that loads Leaflet from ``asset_base`` (the app's own static files); an online
    basemap says ``tile_error`` on the map when its tiles cannot be loaded."""
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}; choose one of {sorted(BASEMAPS)}")
    fmap = folium.Map(location=list(center), zoom_start=zoom, tiles=None, control_scale=True,
                      prefer_canvas=False, min_zoom=8, max_zoom=18)
    fmap.default_js = [("leaflet", f"{asset_base}/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{asset_base}/leaflet/leaflet.css")]
    tiles = BASEMAPS[basemap]
    if tiles:
        url, attribution, subdomains = tiles
        layer = folium.TileLayer(url, attr=attribution, name=basemap, subdomains=subdomains or "abc",
                                 max_zoom=18).add_to(fmap)
        if tile_error:
            TileErrorNotice(layer, tile_error).add_to(fmap)
    return fmap


def frame_view(frame: gpd.GeoDataFrame, min_extent_m: float = 0, width_px: int = 600,
               zooms: tuple[int, int] = (11, 15)) -> tuple[tuple[float, float], int]:
    """Centre (lat, lon) and the web-map zoom at which ``frame``'s bounds fill about two thirds of a
    ``width_px`` map; ``min_extent_m`` keeps small things in context.

    >>> import geopandas as gpd; from shapely.geometry import box
    >>> square = lambda km: gpd.GeoDataFrame(geometry=[box(116.98, 36.66, 116.98 + km / 89.4, 36.66 + km / 111.2)],
    ...                                      crs="EPSG:4326")
    >>> [frame_view(square(km))[1] for km in (1, 4, 9, 30)]
    [15, 13, 12, 11]
    >>> frame_view(square(1), min_extent_m=4000)[1]
    13
    """
    minx, miny, maxx, maxy = frame.to_crs(METRIC_CRS).total_bounds
    extent = max(maxx - minx, maxy - miny, min_extent_m, 1.0)
    west, south, east, north = frame.to_crs(STORAGE_CRS).total_bounds
    lat = (south + north) / 2
    metres_per_pixel_at_zoom_0 = 156543.03 * math.cos(math.radians(lat))
    zoom = math.floor(math.log2(metres_per_pixel_at_zoom_0 * width_px / (1.5 * extent)))
    return (lat, (west + east) / 2), min(zooms[1], max(zooms[0], zoom))


def to_display(frame: gpd.GeoDataFrame, basemap: str) -> gpd.GeoDataFrame:
    """Shift WGS-84 geometry to GCJ-02 when it will be drawn on Gaode tiles; otherwise unchanged."""
    if frame.crs is None or frame.crs.to_string() != STORAGE_CRS:
        raise ValueError(f"expected {STORAGE_CRS} geometry, got {frame.crs}")
    if basemap != "gaode" or frame.empty:
        return frame

    def shift(coords: np.ndarray) -> np.ndarray:
        return np.array([wgs84_to_gcj02(x, y) for x, y in coords]) if len(coords) else coords

    shifted = frame.copy()
    shifted["geometry"] = shapely.transform(frame.geometry.values, shift)
    return shifted


def display_point(point: tuple[float, float], basemap: str) -> tuple[float, float]:
    """A (lat, lon) map centre in the basemap's datum (GCJ-02 on Gaode tiles, else unchanged)."""
    if basemap != "gaode":
        return point
    lon, lat = wgs84_to_gcj02(point[1], point[0])
    return lat, lon


def escape_frame(frame: gpd.GeoDataFrame, columns: Iterable[str]) -> gpd.GeoDataFrame:
    """HTML-escape the text columns that will be shown in popups and tooltips."""
    out = frame.copy()
    for column in columns:
        out[column] = out[column].map(lambda v: "" if v is None or v != v else html.escape(str(v)))
    return out


def style_for_status(colour: str, status: str | None) -> dict:
    """Planned: hollow, dashed outline. Existing/completed: filled."""
    if status in PLANNED:
        return {"color": colour, "weight": 2.5, "dashArray": "4 3", "fill": True, "fillColor": "#ffffff",
                "fillOpacity": 0.9, "radius": 6}
    return {"color": "#ffffff", "weight": 1, "fill": True, "fillColor": colour, "fillOpacity": 0.9, "radius": 7}


def _geojson_data(frame: gpd.GeoDataFrame, properties: list[str]) -> dict:
    """A compact FeatureCollection (6-decimal coordinates, only the named properties).

    Built straight from the columns: points from their x/y arrays, other shapes from their
    ``__geo_interface__``; no round trip through a JSON string.
    """
    columns = [frame[name].tolist() for name in properties]
    records = [dict(zip(properties, values)) for values in zip(*columns)] if properties else [{}] * len(frame)
    for record in records:
        for key, value in record.items():
            if isinstance(value, float) and value != value:
                record[key] = None
    geometries = frame.geometry
    if len(frame) and (geometries.geom_type == "Point").all():
        shapes = [{"type": "Point", "coordinates": [round(x, 6), round(y, 6)]}
                  for x, y in zip(geometries.x.tolist(), geometries.y.tolist())]
    else:
        shapes = []
        for geometry in geometries:
            shape = dict(geometry.__geo_interface__)
            shape["coordinates"] = _round(shape["coordinates"])
            shapes.append(shape)
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": g, "properties": p} for g, p in zip(shapes, records)]}


def _round(value):
    if isinstance(value, float):
        return round(value, 6)
    return [_round(v) for v in value]


def point_layer(frame: gpd.GeoDataFrame, name: str, colour: str, tooltip_fields: list[str],
                tooltip_aliases: list[str], status_field: str = "status", id_field: str = "entity_id",
                show: bool = True) -> folium.GeoJson:
    """All points of one family as ONE GeoJson layer (circle markers styled by status)."""
    fields = list(dict.fromkeys([id_field, status_field, *tooltip_fields]))
    data = _geojson_data(frame, fields)
    return folium.GeoJson(
        data, name=name, show=show,
        marker=folium.CircleMarker(radius=6),
        style_function=lambda feature: style_for_status(colour, feature["properties"].get(status_field)),
        highlight_function=lambda feature: {"weight": 4, "radius": 9},
        tooltip=folium.GeoJsonTooltip(fields=tooltip_fields, aliases=tooltip_aliases, sticky=True),
    )


AGGREGATE_ABOVE = 3000
"""More located points than this are drawn as counts per 街道 (one bubble per street seat)."""


def aggregates(located: int) -> bool:
    """Whether a layer of ``located`` points is drawn as counts per 街道 (the one place that decides)."""
    return located > AGGREGATE_ABOVE


def aggregate_by_street(points: gpd.GeoDataFrame, seats: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Counts of ``points`` (column street_code) at each street seat; points without a street are left out."""
    counts = points.groupby("street_code").size().rename("n").reset_index()
    frame = seats.merge(counts, on="street_code", how="inner")
    return frame[frame["n"] > 0].reset_index(drop=True)


def count_layer(frame: gpd.GeoDataFrame, name: str, colour: str, label_field: str = "label") -> folium.GeoJson:
    """Aggregated counts as ONE GeoJson layer of circles sized by count (area ∝ n)."""
    data = _geojson_data(frame, [label_field, "n"])
    biggest = max(int(frame["n"].max()), 1) if len(frame) else 1
    return folium.GeoJson(
        data, name=name, marker=folium.CircleMarker(radius=8),
        style_function=lambda f: {"radius": 6 + 24 * (f["properties"]["n"] / biggest) ** 0.5, "color": "#ffffff",
                                  "weight": 1.5, "fill": True, "fillColor": colour, "fillOpacity": 0.75},
        tooltip=folium.GeoJsonTooltip(fields=[label_field], labels=False),
    )


def street_counts_layer(rows, seats: gpd.GeoDataFrame, name: str, colour: str) -> folium.GeoJson:
    """Counts per 街道 of ``rows`` (any table with a street_code column) at each seat, as ONE layer."""
    counts = aggregate_by_street(rows, seats)
    counts["label"] = [html.escape(f"{n}: {c}") for n, c in zip(counts["name"], counts["n"])]
    return count_layer(counts, name, colour)


def points_or_counts(rows, seats: gpd.GeoDataFrame, name: str, colour: str, points,
                     tooltip_fields: list[str], tooltip_aliases: list[str]) -> tuple[folium.GeoJson, bool]:
    """The layer the app draws for a family: every point, or counts per 街道 above ``AGGREGATE_ABOVE``.

    ``rows`` are the located rows; ``points()`` builds their escaped (and, for Gaode, shifted) point
    GeoDataFrame, and is only called when the points are drawn one by one. Returns ``(layer, aggregated)``.
    """
    if aggregates(len(rows)):
        return street_counts_layer(rows, seats, name, colour), True
    return point_layer(points(), name, colour, tooltip_fields, tooltip_aliases), False


def shape_layer(frame: gpd.GeoDataFrame, name: str, colour_field: str, tooltip_fields: list[str],
                tooltip_aliases: list[str], dim_field: str | None = None, show: bool = True) -> folium.GeoJson:
    """Lines and polygons (layout components) as ONE GeoJson layer, coloured per feature.

    Schematic geometry is drawn dashed; features whose ``dim_field`` is true are faded
    (presentation mode dims all but the current component).
    """
    fields = list(dict.fromkeys([*tooltip_fields, colour_field] + ([dim_field] if dim_field else [])))
    data = _geojson_data(frame, [f for f in fields if f in frame.columns] + (
        ["entity_id"] if "entity_id" in frame.columns and "entity_id" not in fields else []))

    def style(feature):
        props = feature["properties"]
        dimmed = bool(dim_field and props.get(dim_field))
        kind = feature["geometry"]["type"]
        linear = "LineString" in kind
        return {"color": props[colour_field], "weight": 7 if linear else 2, "opacity": 0.15 if dimmed else 0.9,
                "fill": not linear, "fillColor": props[colour_field], "fillOpacity": 0.03 if dimmed else 0.22, "dashArray": "8 6",
                "radius": 9}

    return folium.GeoJson(
        data, name=name, show=show, style_function=style, marker=folium.CircleMarker(radius=9),
        highlight_function=lambda feature: {"weight": 5, "fillOpacity": 0.35},
        tooltip=folium.GeoJsonTooltip(fields=tooltip_fields, aliases=tooltip_aliases, sticky=True),
    )


def vector_base_data(districts: gpd.GeoDataFrame, lines: gpd.GeoDataFrame, highlight: Iterable[str] = (),
                     label_field: str = "label") -> tuple[dict, dict]:
    """The basemap's GeoJSON (escaped labels): compute once, then build layers from it cheaply."""
    frame = escape_frame(districts.assign(in_scope=districts["district_code"].isin(set(highlight))), [label_field])
    district_data = _geojson_data(frame.rename(columns={label_field: "label"}), ["label", "in_scope"])
    line_data = _geojson_data(escape_frame(lines, ["name"]), ["name", "kind"]) if len(lines) else \
        {"type": "FeatureCollection", "features": []}
    return district_data, line_data


def vector_base(districts: gpd.GeoDataFrame | dict, lines: gpd.GeoDataFrame | dict, highlight: Iterable[str] = (),
                label_field: str = "label") -> folium.FeatureGroup:
    """Our own basemap: district boundaries with labels, rivers and main roads (works offline).

    Takes GeoDataFrames, or the two dicts :func:`vector_base_data` returns.
    """
    if not isinstance(districts, dict):
        districts, lines = vector_base_data(districts, lines, highlight, label_field)
    group = folium.FeatureGroup(name="base", control=False)
    folium.GeoJson(
        copy.deepcopy(districts), name="districts", control=False,
        style_function=lambda f: {"color": "#555555" if f["properties"]["in_scope"] else "#bbbbbb",
                                  "weight": 2 if f["properties"]["in_scope"] else 1,
                                  "fillColor": "#fbfaf4" if f["properties"]["in_scope"] else "#eeeeee",
                                  "fillOpacity": 1.0},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, permanent=False),
    ).add_to(group)
    if lines["features"]:
        folium.GeoJson(
            copy.deepcopy(lines), name="lines", control=False,
            style_function=lambda f: {"color": {"river": "#6baed6", "road": "#b0b0b0"}.get(
                f["properties"]["kind"], "#999999"), "weight": 3 if f["properties"]["kind"] == "river" else 2,
                "dashArray": "6 4" if f["properties"]["kind"] == "railway" else None, "opacity": 0.9},
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        ).add_to(group)
    return group


_LEGEND = Template("""
{% macro script(this, kwargs) %}
(function() {
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'planmap-legend');
    div.style.cssText = 'background:rgba(255,255,255,.94);padding:8px 10px;border-radius:6px;' +
      'box-shadow:0 1px 4px rgba(0,0,0,.3);font:{{ this.font_size }}px/1.35 sans-serif;max-width:260px';
    div.innerHTML = {{ this.html_json }};
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")


class _Legend(MacroElement):
    _template = _LEGEND

    def __init__(self, html_text: str, font_size: int):
        super().__init__()
        self._name = "Legend"
        self.html_json = json.dumps(html_text)
        self.font_size = int(font_size)


_SWATCHES = {
    "filled": "background:{c};border-radius:50%;width:11px;height:11px",
    "hollow": "border:2px dashed {c};border-radius:50%;width:9px;height:9px;background:#fff",
    "line": "background:{c};width:18px;height:4px",
    "area": "border:2px dashed {c};background:{c}38;width:16px;height:11px",
}


def legend_entries_html(entries: list[tuple[str, str, str]], item_style: str) -> list[str]:
    """One HTML item per (label, colour, shape) entry, shape 'filled', 'hollow', 'line' or 'area'
    (planned hollow, existing filled, as on the map). Labels are escaped; colours must be hex codes."""
    items = []
    for label, colour, shape in entries:
        if not (colour.startswith("#") and len(colour) in (4, 7)):
            raise ValueError(f"not a hex colour: {colour!r}")
        items.append(f'<span style="{item_style}"><span style="display:inline-block;'
                     f'{_SWATCHES[shape].format(c=colour)}"></span>{html.escape(label)}</span>')
    return items


def legend(title: str, entries: list[tuple[str, str, str]], font_size: int = 13) -> MacroElement:
    """A legend control on the map (for exports); the app shows the same entries beside the map."""
    rows = legend_entries_html(entries, "display:flex;align-items:center;gap:6px;margin-top:3px")
    return _Legend(f"<b>{html.escape(title)}</b>" + "".join(rows), font_size)


def map_html(fmap: folium.Map, inline_assets: dict[str, str] | None = None) -> str:
    """Standalone HTML of a map; with ``inline_assets`` ({url: file text}) the assets are embedded."""
    text = fmap.get_root().render()
    for url, content in (inline_assets or {}).items():
        if url.endswith(".js"):
            text = text.replace(f'<script src="{url}"></script>', f"<script>{content}</script>")
        else:
            text = text.replace(f'<link rel="stylesheet" href="{url}"/>', f"<style>{content}</style>")
    return text
