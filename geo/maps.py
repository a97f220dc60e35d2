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
           "map_html", "legend_entries_html", "legend_html", "shape_of", "SHAPES", "tints", "base_labels", "frame_view", "display_point", "CENTER", "DISTRICT_VIEWS", "vector_base_data", "AGGREGATE_ABOVE", "aggregates", "aggregate_by_street", "count_layer",
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


def tints(colour: str, n: int) -> list[str]:
    """``n`` distinguishable tints of a hex colour (the colour itself first, then darker and lighter).

    >>> tints("#377eb8", 1), tints("#377eb8", 3)
    (['#377eb8'], ['#377eb8', '#1c3f5c', '#9bbedc'])
    """
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    steps = [0, -0.5, 0.5, -0.3, 0.3, -0.65, 0.65, -0.15, 0.15]
    out = []
    for i in range(n):
        step = steps[i % len(steps)]
        mix = (lambda c: c + (255 - c) * step) if step > 0 else (lambda c: c * (1 + step))
        out.append("#" + "".join(f"{int(round(mix(c))):02x}" for c in (red, green, blue)))
    return out


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


STACK_TEXTS = {"stack": "{n} 项在同一位置 · {n} at this spot", "seat": "街道驻地：位置只到街道 · 街道 seat, not a site",
               "more": "… 另 {n} 项 · {n} more"}


LABELLED_POINTS = 300
"""A point layer with more single points than this gets no name labels (they could not be placed anyway)."""


def point_layer(frame: gpd.GeoDataFrame, name: str, colour: str, tooltip_fields: list[str],
                tooltip_aliases: list[str], status_field: str = "status", id_field: str = "entity_id",
                show: bool = True, texts: dict[str, str] | None = None, label_field: str | None = None,
                selected: str | None = None) -> MacroElement:
    """All points of one family as ONE GeoJson layer.

    A point on its own is a circle (planned hollow and dashed, existing filled); a point whose
    ``seat`` column is true (its only location is its 街道's seat) gets a dark dotted ring; several
    points on one coordinate are one bigger circle with their count that opens the list of their names.
    Text columns must be escaped already (:func:`escape_frame`); with ``label_field`` the points
    get labels where there is room (see :mod:`geo.labels`).
    """
    from .labels import LabelLayer, point_labels, stack_points

    texts = {**STACK_TEXTS, **(texts or {})}
    if not (colour.startswith("#") and len(colour) in (4, 7)):
        raise ValueError(f"not a hex colour: {colour!r}")
    frame = frame if "seat" in frame.columns else frame.assign(seat=False)
    singles, stacks = stack_points(frame, [tooltip_fields[0], "status_text" if "status_text" in frame.columns
                                           else status_field, status_field])
    fields = list(dict.fromkeys([id_field, status_field]))
    columns = [singles[f].tolist() for f in fields]
    seat = singles["seat"].astype(bool).tolist()
    tip_columns = [singles[f].tolist() for f in tooltip_fields]
    aliases = [html.escape(alias) for alias in tooltip_aliases]
    features = []
    for index, point in enumerate(singles.geometry):
        properties = {f: (None if c[index] != c[index] else c[index]) for f, c in zip(fields, columns)}
        values = [c[index] for c in tip_columns]
        tip = "<br>".join([f"<b>{values[0] or ''}</b>"] + [f"{a}: {v or ''}" for a, v in zip(aliases[1:], values[1:])])
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]},
                         "properties": {**properties, "seat": seat[index], "tip": tip}})
    limit = 40
    for row, point in zip(stacks.to_dict("records") if len(stacks) else [], stacks.geometry):
        items = row["items"]
        planned = all(status in PLANNED for _n, _t, status in items)
        head = html.escape(texts["stack"].format(n=row["n"])) + (
            f"<br><i>{html.escape(texts['seat'])}</i>" if row["seat"] else "")
        lines = "".join(f"<li>{item_name} <span style='color:#777'>{status_text or ''}</span></li>"
                        for item_name, status_text, _s in items[:limit])
        more = f"<div>{html.escape(texts['more'].format(n=len(items) - limit))}</div>" if len(items) > limit else ""
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]},
                         "properties": {"n": int(row["n"]), "seat": bool(row["seat"]),
                                        status_field: "planned" if planned else "existing",
                                        "list": f"<b>{head}</b>"
                                                f"<ol class='pm-list'>{lines}</ol>{more}",
                                        "tip": html.escape(texts["stack"].format(n=row["n"]))}})
    data = {"type": "FeatureCollection", "features": features}
    layer = _PointLayer(data, name, colour, status_field, show, selected)
    if label_field and len(singles) <= LABELLED_POINTS:  # stacks show their count; singles their name
        LabelLayer(point_labels(singles, label_field)).add_to(layer)
    return layer


class _PointLayer(folium.map.Layer):
    """One ``L.geoJson`` whose points are circles: a site as styled by status, a 街道 seat with a dark dotted
    ring, several on one spot one bigger circle with their count on it (see :func:`point_layer`)."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson({{ this.data_json }}, {
  pointToLayer: function (feature, latlng) {
    var p = feature.properties, colour = {{ this.colour_json }};
    var planned = {{ this.planned_json }}.indexOf(p[{{ this.status_json }}]) >= 0;
    var style = planned ?
      {radius: 6, color: colour, weight: 2.5, dashArray: '4 3', fill: true, fillColor: '#ffffff', fillOpacity: 0.9} :
      {radius: 7, color: '#ffffff', weight: 1, fill: true, fillColor: colour, fillOpacity: 0.9};
    if (p.seat) {  /* located only at its 街道's seat: a dark dotted ring, never read as a site */
      style.color = '#333333'; style.weight = 3; style.dashArray = '2 3'; style.radius += 2;
    }
    if (p.n) {
      style.radius = Math.min(20, 10 + 1.6 * Math.sqrt(p.n)); style.fillOpacity = 1; style.className = 'pm-stack';
      if (!p.seat) { style.color = planned ? colour : '#333333'; style.weight = 2.5; }
    }
    var marker = L.circleMarker(latlng, style);
    if (!p.n) { return marker; }
    var count = L.marker(latlng, {interactive: false, keyboard: false, icon: L.divIcon({iconSize: null,
      className: 'pm-count', html: '<span style="position:absolute;transform:translate(-50%,-50%);font:700 12px sans-serif;' +
        'color:' + (planned ? colour : '#ffffff') + ';pointer-events:none">' + p.n + '</span>'})});
    marker.on('add', function () { count.addTo(marker._map); });
    marker.on('remove', function () { count.remove(); });
    return marker;
  },
  onEachFeature: function (feature, layer) {
    var p = feature.properties;
    if (p.tip) { layer.bindTooltip(p.tip, {sticky: !p.n}); }
    if (p.list) { layer.bindPopup(p.list, {maxHeight: 260, maxWidth: 320, className: 'pm-stack-popup'}); }
  }
});
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
""")

    def __init__(self, data: dict, name: str, colour: str, status_field: str, show: bool, selected: str | None):
        super().__init__(name=name, show=show)
        self._name = "PointLayer"
        safe = lambda value: json.dumps(value, ensure_ascii=False).replace("</", "<\\/")  # noqa: E731
        self.data_json = safe(data)
        self.colour_json = json.dumps(colour)
        self.status_json = json.dumps(status_field)
        self.planned_json = json.dumps(sorted(PLANNED))
        self.selected_json = json.dumps(selected)


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
                     tooltip_fields: list[str], tooltip_aliases: list[str], texts: dict[str, str] | None = None,
                     selected: str | None = None) -> tuple[folium.GeoJson, bool]:
    """The layer the app draws for a family: every point, or counts per 街道 above ``AGGREGATE_ABOVE``.

    ``rows`` are the located rows; ``points()`` builds their escaped (and, for Gaode, shifted) point
    GeoDataFrame, and is only called when the points are drawn one by one. Returns ``(layer, aggregated)``.
    """
    if aggregates(len(rows)):
        return street_counts_layer(rows, seats, name, colour), True
    return point_layer(points(), name, colour, tooltip_fields, tooltip_aliases, texts=texts,
                       label_field=tooltip_fields[0], selected=selected), False


_DRAW_ORDER = {"Polygon": 0, "MultiPolygon": 0, "LineString": 1, "MultiLineString": 1, "Point": 2, "MultiPoint": 2}


def shape_layer(frame: gpd.GeoDataFrame, name: str, colour_field: str, tooltip_fields: list[str],
                tooltip_aliases: list[str], dim_field: str | None = None, show: bool = True,
                selected_field: str | None = None) -> folium.GeoJson:
    """Layout components as ONE GeoJson layer, coloured per feature, each drawn as its kind implies.

    Areas are tinted with a dashed outline, axes and belts dashed lines, cores filled dots with a
    dark ring; areas go underneath, then lines, then points on top (so a core inside a zone can be
    clicked). Features whose ``dim_field`` is true are faded (presentation mode); the one whose
    ``selected_field`` is true is drawn heavier with a dark outline.
    """
    extra = [f for f in (dim_field, selected_field) if f]
    fields = list(dict.fromkeys([*tooltip_fields, colour_field, *extra]))
    order = sorted(range(len(frame)), key=lambda i: _DRAW_ORDER.get(frame.geometry.iloc[i].geom_type, 0))
    frame = frame.iloc[order]
    data = _geojson_data(frame, [f for f in fields if f in frame.columns] + (
        ["entity_id"] if "entity_id" in frame.columns and "entity_id" not in fields else []))

    def style(feature):
        props = feature["properties"]
        dimmed = bool(dim_field and props.get(dim_field))
        chosen = bool(selected_field and props.get(selected_field))
        kind = feature["geometry"]["type"]
        colour = props[colour_field]
        if "Point" in kind:
            return {"color": "#111111" if chosen else "#333333", "weight": 4 if chosen else 2,
                    "opacity": 0.25 if dimmed else 1, "fill": True, "fillColor": colour,
                    "fillOpacity": 0.25 if dimmed else 1, "radius": 13 if chosen else 10}
        if "LineString" in kind:
            return {"color": colour, "weight": 11 if chosen else 7, "opacity": 0.15 if dimmed else 0.9,
                    "dashArray": None if chosen else "10 6", "lineCap": "butt"}
        return {"color": "#111111" if chosen else colour, "weight": 4 if chosen else 2,
                "opacity": 0.15 if dimmed else 0.9, "fill": True, "fillColor": colour,
                "fillOpacity": 0.03 if dimmed else 0.32 if chosen else 0.2, "dashArray": "8 6"}

    return folium.GeoJson(
        data, name=name, show=show, style_function=style, marker=folium.CircleMarker(radius=10),
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


def base_labels(districts: gpd.GeoDataFrame, lines: gpd.GeoDataFrame, landmarks: gpd.GeoDataFrame | None = None,
                highlight: Iterable[str] = (), label_field: str = "label", line_field: str = "name") -> list[dict]:
    """Labels of the vector basemap: districts (ours above the neighbours), rivers, main roads and
    railways along their lines, and the orientation landmarks (column ``label``)."""
    from .labels import area_labels, label_records, line_labels

    ours = districts["district_code"].isin(set(highlight))
    records = area_labels(districts[ours], label_field, "district") + area_labels(
        districts[~ours], label_field, "neighbour")
    records += line_labels(lines, line_field)
    if landmarks is not None and len(landmarks):
        records += label_records(list(landmarks["label"]), list(landmarks.geometry), "landmark", anchor="point",
                                 min_zoom=11)
    return records


def vector_base(districts: gpd.GeoDataFrame | dict, lines: gpd.GeoDataFrame | dict, highlight: Iterable[str] = (),
                label_field: str = "label", labels: list[dict] | None = None) -> folium.FeatureGroup:
    """Our own basemap: district boundaries, rivers and main roads (works offline), with ``labels``
    (see :func:`base_labels`) always visible where there is room.

    Takes GeoDataFrames, or the two dicts :func:`vector_base_data` returns.
    """
    from .labels import LabelEngine, LabelLayer

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
    LabelEngine().add_to(group)
    if labels:
        LabelLayer(labels).add_to(group)
    return group


_LEGEND = Template("""
{% macro script(this, kwargs) %}
(function () {
  var parent = {{ this._parent.get_name() }};
  var control = L.control({position: 'topright'});
  control.onAdd = function (map) {
    var div = L.DomUtil.create('div', 'planmap-legend leaflet-bar');
    div.style.cssText = 'background:rgba(255,255,255,.95);padding:6px 9px;border-radius:6px;' +
      'font:{{ this.font_size }}px/1.35 sans-serif;max-width:270px;max-height:70%;overflow:auto';
    div.innerHTML = {{ this.html_json }};
    var details = div.querySelector('details');
    if (details && ({{ this.collapsed_json }} || map.getSize().x < 400)) { details.open = false; }
    L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  function show(map) { if (window.__planmapLegend) { window.__planmapLegend.remove(); }
                       window.__planmapLegend = control; control.addTo(map); }
  if (parent instanceof L.Map) { show(parent); } else {
    if (parent._map) { show(parent._map); }
    parent.on('add', function () { show(parent._map); });
    parent.on('remove', function () { control.remove(); if (window.__planmapLegend === control) { window.__planmapLegend = null; } });
  }
})();
{% endmacro %}
""")


class _Legend(MacroElement):
    _template = _LEGEND

    def __init__(self, html_text: str, font_size: int, collapsed: bool = False):
        super().__init__()
        self._name = "Legend"
        self.collapsed_json = json.dumps(bool(collapsed))
        self.html_json = json.dumps(html_text, ensure_ascii=False).replace("</", "<\\/")
        self.font_size = int(font_size)


_SWATCHES = {
    "filled": "background:{c};border:1px solid #fff;outline:1px solid {c};border-radius:50%;width:12px;height:12px",
    "hollow": "border:2px dashed {c};border-radius:50%;width:10px;height:10px;background:#fff",
    "line": "border-top:6px dashed {c};width:24px;height:0",
    "area": "border:2px dashed {c};background:{c}33;width:20px;height:13px",
    "core": "background:{c};border:2px solid #333;border-radius:50%;width:14px;height:14px",
    "seat": "background:#fff;border:3px dotted #333;border-radius:50%;width:10px;height:10px",
    "stack": "background:#fff;border:2px solid {c};border-radius:50%;width:18px;height:18px;font:700 10px/18px "
             "sans-serif;text-align:center;color:{c}",
}
SHAPES = tuple(_SWATCHES)
"""Legend symbols: ``filled``/``hollow`` points (existing/planned), ``line`` (axes, belts), ``area``
(zones), ``core`` (cores and centres), ``seat`` (located only by its 街道's seat), ``stack``
(several on one spot)."""


def shape_of(geometry_type: str) -> str:
    """The legend symbol of a drawn layout geometry type.

    >>> [shape_of(t) for t in ("LineString", "MultiPolygon", "Point")]
    ['line', 'area', 'core']
    """
    return "line" if "Line" in geometry_type else "core" if "Point" in geometry_type else "area"


def legend_entries_html(entries: list[tuple[str, str, str]], item_style: str) -> list[str]:
    """One HTML item per (label, colour, shape) entry, shape one of :data:`SHAPES` (several joined
    by ``+`` draw several symbols), as on the map. Labels are escaped; colours must be hex codes."""
    items = []
    for label, colour, shape in entries:
        if not (colour.startswith("#") and len(colour) in (4, 7)):
            raise ValueError(f"not a hex colour: {colour!r}")
        symbols = "".join(
            f'<span class="pm-swatch pm-swatch-{kind}" data-shape="{kind}" style="display:inline-block;'
            f'flex:none;{_SWATCHES[kind].format(c=colour)}">{"3" if kind == "stack" else ""}</span>'
            for kind in shape.split("+"))
        items.append(f'<span style="{item_style}">{symbols}<span>{html.escape(label)}</span></span>')
    return items


def legend_html(title: str, entries: list[tuple[str, str, str]], note: str | None = None) -> str:
    """The legend's inner HTML: a collapsible block titled with what the map draws."""
    rows = legend_entries_html(entries, "display:flex;align-items:center;gap:7px;margin-top:4px")
    extra = f'<div style="color:#666;font-size:11px;margin-top:4px">{html.escape(note)}</div>' if note else ""
    return (f'<details open><summary style="cursor:pointer;font-weight:700">{html.escape(title)}</summary>'
            f'{"".join(rows)}{extra}</details>')


def legend(title: str, entries: list[tuple[str, str, str]], font_size: int = 13, note: str | None = None,
           collapsed: bool = False) -> MacroElement:
    """The legend as a Leaflet control on the map (top right, collapsible; closed on a narrow screen,
    or from the start with ``collapsed``). Its title says what the map draws.

    Added to a map, it stays; added to a feature group, it comes and goes with the group."""
    return _Legend(legend_html(title, entries, note), font_size, collapsed)


def map_html(fmap: folium.Map, inline_assets: dict[str, str] | None = None) -> str:
    """Standalone HTML of a map; with ``inline_assets`` ({url: file text}) the assets are embedded."""
    text = fmap.get_root().render()
    for url, content in (inline_assets or {}).items():
        if url.endswith(".js"):
            text = text.replace(f'<script src="{url}"></script>', f"<script>{content}</script>")
        else:
            text = text.replace(f'<link rel="stylesheet" href="{url}"/>', f"<style>{content}</style>")
    return text
