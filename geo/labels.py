"""Always-visible map labels and honest point stacks (pure cartography: no Streamlit).

Labels are plain records ``{text, lon, lat, kind, priority, must, min_zoom, anchor}`` placed
on the map as non-interactive Leaflet markers in their own pane. A small placement pass in
the browser (:data:`ENGINE_JS`, added once per map by :class:`LabelEngine`) runs after every
zoom, pan or layer change: labels are taken in priority order, each tries a few positions
around its anchor and is shown at the first one that overlaps nothing already shown; a label
with ``must`` (a layout component on its own layout map) is always shown, at its least
crowded position; the rest are hidden when there is no room. The same text is not repeated
within 300 px (a long river gets one label per stretch of screen).

Every text is HTML-escaped here, before it reaches the browser.

Stacks: several entities on one coordinate are one marker with a count that opens a list
(:func:`stack_points`), and an entity whose coordinate is its 街道's seat is marked ``seat``
(:func:`at_seats`) so the map draws it as a seat, not as a site.
"""
from __future__ import annotations

import html
import json

import geopandas as gpd
from branca.element import MacroElement, Template
from shapely.geometry import LineString, MultiLineString, Point

from .crs import METRIC_CRS, STORAGE_CRS

__all__ = ["readable", "LabelEngine", "LabelLayer", "label_records", "line_labels", "area_labels", "point_labels",
           "shorten", "stack_points", "at_seats", "PRIORITY", "ENGINE_JS"]

PRIORITY = {"component": 90, "district": 80, "landmark": 60, "river": 50, "road": 40, "railway": 30,
            "point": 20, "neighbour": 10}
"""Who wins when two labels would overlap (higher first)."""


def shorten(text: str, limit: int = 18) -> str:
    """A label-length version of a long name.

    >>> shorten("济南国际医学科学中心"), shorten("一二三四五六七八九十一二三四五六七八九十", 8)
    ('济南国际医学科学中心', '一二三四五六七…')
    """
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def readable(colour: str) -> str:
    """A hex colour dark enough for text on white (light tints are darkened).

    >>> readable("#9bbedc"), readable("#1c3f5c")
    ('#607688', '#1c3f5c')
    """
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
    if luminance <= 0.5:
        return colour
    factor = 0.5 / luminance * 0.9
    return "#" + "".join(f"{int(c * factor):02x}" for c in (red, green, blue))


def label_records(texts, points, kind: str, must: bool = False, min_zoom: int = 0, anchor: str = "centre",
                  css: list[str] | None = None, priority: int | None = None) -> list[dict]:
    """Label records for ``texts`` at shapely ``points`` (WGS-84 or the display datum); texts are escaped."""
    css = css or [""] * len(texts)
    return [{"text": html.escape(str(text)), "lon": round(point.x, 6), "lat": round(point.y, 6), "kind": kind,
             "priority": PRIORITY[kind] if priority is None else priority, "must": bool(must),
             "min_zoom": int(min_zoom), "anchor": anchor, "css": style}
            for text, point, style in zip(texts, points, css) if point is not None and not point.is_empty]


def _metric(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return frame.geometry.to_crs(METRIC_CRS)


def line_labels(frame: gpd.GeoDataFrame, text_field: str, kind_field: str = "kind", spacing_m: float = 5000,
                min_zoom: int = 0) -> list[dict]:
    """Labels along lines: one at the middle of every part, plus one every ``spacing_m`` on long parts
    (the browser drops repeats that would be close on screen)."""
    if frame.empty:
        return []
    records = []
    metric = _metric(frame)
    for text, kind, line in zip(frame[text_field], frame[kind_field], metric):
        parts = list(line.geoms) if isinstance(line, MultiLineString) else [line] if isinstance(line, LineString) \
            else []
        points = []
        for part in parts:
            steps = max(1, int(part.length // spacing_m))
            points += [part.interpolate((i + 0.5) / steps, normalized=True) for i in range(steps)]
        points = list(gpd.GeoSeries(points, crs=METRIC_CRS).to_crs(frame.crs)) if points else []
        records += label_records([text] * len(points), points, kind if kind in PRIORITY else "road",
                                 min_zoom=min_zoom)
    return records


def _alternatives(geometry) -> list:
    """Candidate label anchors inside a shape (metric CRS), best first: the middle of a line then
    points along it; a point inside a polygon then inside each of its halves; a point itself."""
    from shapely.geometry import box

    if geometry.geom_type in ("LineString", "MultiLineString"):
        longest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.length)
        return [longest.interpolate(f, normalized=True) for f in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9)]
    if geometry.geom_type in ("Point", "MultiPoint"):
        return [geometry.centroid]
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area)
    west, south, east, north = largest.bounds
    mid_x, mid_y = (west + east) / 2, (south + north) / 2
    points = [largest.representative_point()]
    for half in (box(west, mid_y, east, north), box(west, south, east, mid_y), box(west, south, mid_x, north),
                 box(mid_x, south, east, north)):
        part = largest.intersection(half)
        if not part.is_empty and part.area > 0:
            points.append(part.representative_point())
    return points


def area_labels(frame: gpd.GeoDataFrame, text_field: str, kind: str, must: bool = False,
                css_field: str | None = None) -> list[dict]:
    """One label per shape, with alternative anchors the browser tries when the first is crowded:
    along a line, inside a polygon (and its halves), beside a point."""
    if frame.empty:
        return []
    candidates = [_alternatives(g) for g in _metric(frame)]
    flat = gpd.GeoSeries([p for points in candidates for p in points], crs=METRIC_CRS).to_crs(frame.crs)
    anchors, alternatives, at = [], [], 0
    for points in candidates:
        shown = list(flat.iloc[at:at + len(points)])
        at += len(points)
        anchors.append(shown[0])
        alternatives.append([[round(p.y, 6), round(p.x, 6)] for p in shown[1:]])
    css = list(frame[css_field]) if css_field else [""] * len(frame)
    records = label_records(list(frame[text_field]), anchors, kind, must=must, css=css)
    for record, geometry, alts in zip(records, frame.geometry, alternatives):
        record["anchor"] = "point" if geometry.geom_type == "Point" else "centre"
        record["alts"] = alts
    return records


def point_labels(frame: gpd.GeoDataFrame, text_field: str, few: int = 30, min_zoom: int = 15) -> list[dict]:
    """Labels beside points: always when the layer has at most ``few`` markers, else from ``min_zoom``."""
    if frame.empty:
        return []
    return label_records([shorten(t) for t in frame[text_field]], list(frame.geometry), "point",
                         min_zoom=0 if len(frame) <= few else min_zoom, anchor="point")


def at_seats(points: gpd.GeoDataFrame, seats: gpd.GeoDataFrame) -> list[bool]:
    """For each point: is it exactly on a 街道 seat (its only location is the seat)?"""
    spots = {(round(p.x, 6), round(p.y, 6)) for p in seats.geometry if p is not None and not p.is_empty}
    return [(round(p.x, 6), round(p.y, 6)) in spots for p in points.geometry]


def stack_points(points: gpd.GeoDataFrame, fields: list[str]) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Split ``points`` into singles and stacks (several rows on one coordinate, to 6 decimals).

    Returns ``(singles, stacks)``: singles keep their rows; stacks have one row per coordinate with
    ``n`` and ``items`` (a list of ``[value of each field]`` per entity, in the input order) and the
    first row's other columns.
    """
    if points.empty:
        return points, points.assign(n=[], items=[])
    keys = [(round(p.x, 6), round(p.y, 6)) for p in points.geometry]
    rows_at: dict[tuple, list[int]] = {}
    for index, key in enumerate(keys):
        rows_at.setdefault(key, []).append(index)
    single = [rows[0] for rows in rows_at.values() if len(rows) == 1]
    shared = [rows for rows in rows_at.values() if len(rows) > 1]
    singles = points.iloc[sorted(single)]
    values = [points[f].tolist() for f in fields]
    stacks = points.iloc[[rows[0] for rows in shared]].copy()
    stacks["n"] = [len(rows) for rows in shared]
    stacks["items"] = [[[column[i] for column in values] for i in rows] for rows in shared]
    return singles, stacks.reset_index(drop=True)


ENGINE_JS = r"""
(function () {
  if (window.pmLabels) { return; }
  /* Leaflet focuses the map on mousedown (for its keyboard controls); in an iframe below the fold the
     browser then scrolls the page, so the mouseup lands elsewhere and the click is lost. Focus without
     scrolling. */
  if (L.Map.Keyboard) {
    L.Map.Keyboard.prototype._onMouseDown = function () {
      if (this._focused) { return; }
      this._map._container.focus({preventScroll: true});
    };
  }
  var css = document.createElement('style');
  css.textContent = [
    '.pm-label{position:absolute;width:0;height:0;pointer-events:none}',
    '.pm-label>span{position:absolute;left:0;top:0;white-space:nowrap;font:600 14px/1.15 "WenQuanYi Micro Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;',
    'color:#222;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff,0 0 1px #fff;visibility:hidden}',
    '.pm-k-component>span{font-size:15px;font-weight:700;background:rgba(255,255,255,.82);border:2px solid currentColor;border-radius:4px;padding:1px 5px;text-shadow:none}',
    '.pm-k-district>span{font-size:18px;font-weight:700;color:#555;letter-spacing:2px}',
    '.pm-k-neighbour>span{font-size:13px;font-weight:600;color:#999}',
    '.pm-k-river>span{font-size:13px;font-style:italic;color:#2b7bb9}',
    '.pm-k-road>span{font-size:12px;color:#666}',
    '.pm-k-railway>span{font-size:11px;color:#777}',
    '.pm-k-landmark>span{font-size:12px;color:#333}',
    '.pm-k-landmark>span:before{content:"";display:inline-block;width:6px;height:6px;margin:0 4px 1px 0;background:#333;border-radius:1px;vertical-align:middle}',
    '.pm-k-point>span{font-size:12px;font-weight:600;color:#333}',
    '.pm-sel>span{outline:3px solid #111;font-size:17px}',
    '.pm-dim>span{opacity:.45}',
    '.pm-narrow .pm-label>span{font-size:11px}',
    '.pm-narrow .pm-label.pm-k-component>span{font-size:12px;padding:0 3px;border-width:1.5px}',
    '.pm-narrow .pm-label.pm-k-district>span{font-size:15px}',
    '.leaflet-container .planmap-legend{font:13px/1.35 sans-serif}'
  ].join('\n');
  document.head.appendChild(css);
  var CENTRE = [[0, 0], [0, -1], [0, 1], [1, 0], [-1, 0], [1, -1], [-1, -1], [1, 1], [-1, 1], [0, -2], [0, 2],
                [2, 0], [-2, 0], [1, -2], [-1, -2], [1, 2], [-1, 2], [0, -3], [0, 3], [2, -1], [-2, -1], [2, 1], [-2, 1]];
  var POINT = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];
  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return (w > 0 && h > 0) ? w * h : 0;
  }
  function attach(map) {
  if (!map || map.__pmLabels) { return; }
  if (map.keyboard && map.keyboard.enabled()) { map.keyboard.disable(); map.keyboard.enable(); }  /* the patch above */
  /* Pressing on a shape focuses it, and the browser scrolls the page to show it whole: with the map
     partly below the fold the page moves under the pointer and the click is lost. No focus scroll. */
  map.getContainer().addEventListener('mousedown', function (e) {
    if (e.target.closest && e.target.closest('.leaflet-overlay-pane, .leaflet-marker-pane')) {
      e.preventDefault(); map.getContainer().focus({preventScroll: true});
    }
  }, true);
  var timer = null;
  function schedule() { if (timer) { clearTimeout(timer); } timer = setTimeout(place, 40); }
  map.__pmLabels = schedule;
  function place() {
    timer = null;
    L.DomUtil[map.getSize().x < 480 ? 'addClass' : 'removeClass'](map.getContainer(), 'pm-narrow');  /* a phone */
    var box = map.getContainer().getBoundingClientRect();
    var zoom = map.getZoom();
    var spans = Array.prototype.slice.call(map.getContainer().querySelectorAll('.pm-label>span'));
    spans.sort(function (a, b) { return (+b.dataset.p) - (+a.dataset.p) || (+b.dataset.must) - (+a.dataset.must); });
    var taken = [], shown = [];
    map.getContainer().querySelectorAll('.pm-count>span, .leaflet-control').forEach(function (el) {  /* markers, legend */
      var r = el.getBoundingClientRect(); taken.push({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
    });
    spans.forEach(function (span) {
      span.style.visibility = 'hidden';
      if (zoom < +span.dataset.minz) { return; }
      var must = span.dataset.must === '1', point = span.dataset.anchor === 'point';
      var w = span.offsetWidth, h = span.offsetHeight;
      var origin = span.parentNode.getBoundingClientRect();
      var tries = point ? POINT : CENTRE, best = null, bestCost = Infinity;
      var bases = [[0, 0]], alts = span.dataset.alts ? JSON.parse(span.dataset.alts) : [];
      if (alts.length) {
        var home = map.latLngToContainerPoint(span.parentNode._pmLatLng || map.containerPointToLatLng([0, 0]));
        alts.forEach(function (a) { var q = map.latLngToContainerPoint(a); bases.push([q.x - home.x, q.y - home.y]); });
      }
      var plan = [];
      tries.forEach(function (t, i) { bases.forEach(function (b, j) { if (i < 5 || j === 0) { plan.push([t, b]); } }); });
      plan.sort(function (a, b) { return (Math.abs(a[0][0]) + Math.abs(a[0][1]) > 0) - (Math.abs(b[0][0]) + Math.abs(b[0][1]) > 0); });
      for (var i = 0; i < plan.length; i++) {
        var dx = plan[i][1][0] + (point ? plan[i][0][0] * (w / 2 + 12) : plan[i][0][0] * (w / 2 + 8));
        var dy = plan[i][1][1] + (point ? plan[i][0][1] * (h / 2 + 8) : plan[i][0][1] * (h * 0.75 + 4));
        var r = {left: origin.left + dx - w / 2, top: origin.top + dy - h / 2};
        r.right = r.left + w; r.bottom = r.top + h;
        var outside = r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
        var cost = outside ? 1e7 : 0;
        for (var j = 0; j < taken.length; j++) { cost += overlap(r, taken[j]); }
        if (cost < bestCost) { best = [dx, dy, r]; bestCost = cost; }
        if (cost === 0) { break; }
      }
      if (!best) { return; }
      if (bestCost > 0 && !must) { return; }
      if (bestCost >= 1e7 && must) {  /* off screen: keep it at its own place */ }
      var text = span.textContent, c = best[2];
      if (!must) {
        for (var k = 0; k < shown.length; k++) {
          if (shown[k].text === text && Math.abs(shown[k].x - c.left) < 300 && Math.abs(shown[k].y - c.top) < 300) { return; }
        }
      }
      span.style.transform = 'translate(' + (best[0] - w / 2) + 'px,' + (best[1] - h / 2) + 'px)';
      span.style.visibility = 'visible';
      taken.push({left: c.left - 2, right: c.right + 2, top: c.top - 1, bottom: c.bottom + 1});
      shown.push({text: text, x: c.left, y: c.top});
    });
  }
  map.on('zoomend moveend layeradd layerremove resize', schedule);
  schedule(); setTimeout(schedule, 600); setTimeout(schedule, 2000);  /* fonts and the frame settle */
  }
  window.pmLabels = function (group, records) {
    records.forEach(function (r) {
      var icon = L.divIcon({className: 'pm-label pm-k-' + r.kind + (r.css ? ' ' + r.css : ''), iconSize: null,
        html: '<span data-p="' + r.priority + '" data-must="' + (r.must ? 1 : 0) + '" data-minz="' + r.min_zoom +
              '" data-anchor="' + r.anchor + '" data-alts="' + JSON.stringify(r.alts || []) + '"' +
              (r.colour ? ' style="color:' + r.colour + '"' : '') + '>' + r.text + '</span>'});
      var marker = L.marker([r.lat, r.lon], {icon: icon, interactive: false, keyboard: false, zIndexOffset: 1000});
      marker.on('add', function () { marker._icon._pmLatLng = marker.getLatLng(); });
      marker.addTo(group);
    });
    function start() { var map = group._map; if (map) { attach(map); map.__pmLabels(); } }
    group.on('add', start);
    start();
  };
})();
"""
"""Defines ``window.pmLabels(group, records)``; the placement pass attaches to a map the first time
labels are added to it."""


class LabelEngine(MacroElement):
    """Adds :data:`ENGINE_JS` to a map (before any :class:`LabelLayer`)."""

    _template = Template("""
{% macro script(this, kwargs) %}
""" + ENGINE_JS + """
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "LabelEngine"


class LabelLayer(MacroElement):
    """Label records drawn into their parent (a map or a feature group); removed with it."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var group = L.layerGroup().addTo({{ this._parent.get_name() }});
  var records = {{ this.records_json }};
  if (window.pmLabels) { window.pmLabels(group, records); }
})();
{% endmacro %}
""")

    def __init__(self, records: list[dict]):
        super().__init__()
        self._name = "LabelLayer"
        colours = {r.get("colour") for r in records} - {None}
        if any(not (c.startswith("#") and len(c) in (4, 7)) for c in colours):
            raise ValueError("label colours must be hex codes")
        self.records_json = json.dumps(records, ensure_ascii=False).replace("</", "<\\/")
