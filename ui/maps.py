"""Maps on the pages: a cached base map per basemap, dynamic layers, the on-screen legend.

The base map (our vector base, optional tiles) is built once per basemap and kept,
so ``st_folium`` never remounts it; what changes goes in through
``feature_group_to_add`` with ``center``/``zoom``.
"""
from __future__ import annotations

import html

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo.maps import DISTRICT_VIEWS, new_map, to_display, vector_base

from . import data
from .i18n import district_label, lang

RETURNED = ["last_active_drawing"]


@st.cache_data(show_spinner=False, max_entries=8)
def _base_frames(basemap: str, language: int):
    frame = data.districts().copy()
    frame["label"] = [district_label(code) if code in ("370103", "370104", "370105") else name
                      for code, name in zip(frame["district_code"], frame["name"])]
    from geo.layers import around_study_area, simplified
    from geo.maps import vector_base_data

    return vector_base_data(to_display(simplified(around_study_area(frame)), basemap),
                            to_display(simplified(around_study_area(data.lines()), 20), basemap),
                            highlight=("370103", "370104", "370105"))


@st.cache_data(show_spinner=False, max_entries=8)
def _seats(basemap: str) -> gpd.GeoDataFrame:
    """The 48 street seats (for per-街道 counts), shifted for the basemap."""
    from geo.layers import points_layer

    return to_display(points_layer(data.cached_query("street_seats")), basemap)


def status_legend(family: str) -> list[tuple[str, str, str]]:
    """Legend entries for one family: planned hollow, existing filled, in the family's colour."""
    from geo.maps import FAMILY_COLOURS

    from .i18n import t

    colour = FAMILY_COLOURS.get(family, "#333333")
    return [(t("planned"), colour, "hollow"), (t("existing"), colour, "filled")]


def base_map(basemap: str, language: int, center=None, zoom: int = 11) -> folium.Map:
    """Districts, rivers and main roads (+ tiles for online basemaps); shifted for Gaode.

    Built afresh on every run from cached frames: st_folium rewrites element ids while
    rendering, so a folium object must not be shared between runs. The script it yields
    is identical each time, so the map is not remounted.
    """
    districts, lines = _base_frames(basemap, language)
    fmap = new_map(basemap=basemap, **({"center": center, "zoom": zoom} if center else {}))
    vector_base(districts, lines).add_to(fmap)
    return fmap


def basemap() -> str:
    return st.session_state.get("basemap", "vector")


def view_for(district: str | None) -> tuple[tuple[float, float], int]:
    return DISTRICT_VIEWS.get(district, DISTRICT_VIEWS[None])


def show(groups: list[folium.FeatureGroup], key: str, district: str | None = None, height: int = 560,
         center: tuple[float, float] | None = None, zoom: int | None = None) -> dict | None:
    """Render the map with ``groups`` on top; return the clicked feature's properties, if any."""
    default_center, default_zoom = view_for(district)
    result = st_folium(base_map(basemap(), lang()), key=key, height=height, use_container_width=True,
                       feature_group_to_add=groups, center=center or default_center, zoom=zoom or default_zoom,
                       returned_objects=RETURNED)
    drawing = (result or {}).get("last_active_drawing") or {}
    return drawing.get("properties")


def display(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Shift to GCJ-02 if the chosen basemap needs it."""
    return to_display(frame, basemap())


def legend(title: str, entries: list[tuple[str, str, str]]) -> None:
    """The legend beside the map (labels escaped; colours are our own hex codes)."""
    swatches = {"filled": "background:{c};border-radius:50%;width:12px;height:12px",
                "hollow": "border:2px dashed {c};border-radius:50%;width:10px;height:10px;background:#fff",
                "line": "background:{c};width:20px;height:5px",
                "area": "border:2px dashed {c};background:{c}40;width:18px;height:12px"}
    rows = "".join(
        f'<span style="display:inline-flex;align-items:center;gap:6px;margin:2px 14px 2px 0">'
        f'<span style="display:inline-block;{swatches[shape].format(c=colour)}"></span>{html.escape(label)}</span>'
        for label, colour, shape in entries)
    st.markdown(f'<div class="planmap-legend-bar"><b>{html.escape(title)}</b><br>{rows}</div>',
                unsafe_allow_html=True)


def points_group(frame, family: str, name: str, selected: str | None = None) -> folium.FeatureGroup:
    """One family's located rows as one GeoJson layer (or counts per 街道 when there are very many),
    plus a ring and precision circle for the selection."""
    from geo.layers import points_layer
    from geo.maps import FAMILY_COLOURS, escape_frame, points_or_counts

    from .i18n import status_label, t

    group = folium.FeatureGroup(name=name)
    located = frame.dropna(subset=["lon", "lat"])
    if located.empty:
        return group

    def points():
        layer = points_layer(located.assign(status_text=[status_label(s) for s in located["status"]],
                                            precision_text=[f"±{int(p)} m" for p in located["precision_m"]]))
        return escape_frame(display(layer), ["name", "status_text", "precision_text"])

    geojson, aggregated = points_or_counts(located, _seats(basemap()), name, FAMILY_COLOURS.get(family, "#333333"), points,
                                           ["name", "status_text", "precision_text"],
                                           [name, t("status"), t("precision")])
    geojson.add_to(group)
    if aggregated:  # counts straight from the rows: no per-point work, and the screen says so
        st.info(t("aggregated"), icon=":material/bubble_chart:")
    if selected is not None and selected in set(located["entity_id"]):
        row = display(points_layer(located[located["entity_id"] == selected])).iloc[0]
        precision = float(located.loc[located["entity_id"] == selected, "precision_m"].iloc[0] or 0)
        folium.Circle((row.geometry.y, row.geometry.x), radius=precision, color="#000000", weight=1,
                      dash_array="3 3", fill=False).add_to(group)
        folium.CircleMarker((row.geometry.y, row.geometry.x), radius=12, color="#000000", weight=3,
                            fill=False).add_to(group)
    return group


def layout_groups(parts, current: str | None = None) -> list[folium.FeatureGroup]:
    """Layout components coloured by group; in presentation mode all but ``current`` are dimmed and the
    current one carries a large permanent label."""
    from geo.layers import wkt_layer
    from geo.maps import escape_frame, shape_layer

    from .i18n import t

    frame = display(wkt_layer(parts))
    frame["label"] = [f"{g}·{n}" for g, n in zip(frame["group_label"], frame["name"])]
    frame["dim"] = [current is not None and eid != current for eid in frame["entity_id"]]
    frame = escape_frame(frame, ["label", "basis"])
    group = folium.FeatureGroup(name="layout")
    shape_layer(frame, "layout", "colour", ["label", "basis"], [t("layout"), "示意 / schematic"],
                dim_field="dim").add_to(group)
    groups = [group]
    if current is not None and current in set(frame["entity_id"]):
        focus = folium.FeatureGroup(name="focus")
        row = frame[frame["entity_id"] == current]
        folium.GeoJson(
            row[["label", "colour", "geometry"]].to_json(drop_id=True, to_wgs84=False),
            style_function=lambda f: {"color": f["properties"]["colour"], "weight": 9, "fillOpacity": 0.35,
                                      "fillColor": f["properties"]["colour"], "radius": 14},
            marker=folium.CircleMarker(radius=14),
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, permanent=True, direction="center",
                                          style="font-size:22px;font-weight:700;padding:6px 10px"),
        ).add_to(focus)
        groups.append(focus)
    return groups


def colour_groups(parts):
    """Give each group of a layout its colour; return the frame and the legend entries."""
    from geo.maps import GROUP_COLOURS

    order = list(dict.fromkeys(parts["group_label"]))
    colours = {group: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, group in enumerate(order)}
    shapes = {}
    for group, kind in zip(parts["group_label"], parts["geometry_type"]):
        shapes.setdefault(group, "line" if "Line" in kind else "filled" if kind == "Point" else "area")
    return parts.assign(colour=[colours[g] for g in parts["group_label"]]), [
        (group, colours[group], shapes[group]) for group in order]


def focus_view(parts, entity_id: str) -> tuple[tuple[float, float], int]:
    """Centre and zoom that frame one component (presentation mode)."""
    from geo.layers import wkt_layer
    from geo.crs import METRIC_CRS

    frame = wkt_layer(parts[parts["entity_id"] == entity_id])
    centre = frame.to_crs(METRIC_CRS).geometry.iloc[0].centroid
    point = gpd.GeoSeries([centre], crs=METRIC_CRS).to_crs(frame.crs).iloc[0]
    minx, miny, maxx, maxy = frame.to_crs(METRIC_CRS).total_bounds
    extent = max(maxx - minx, maxy - miny, 1500)
    zoom = 13 if extent < 4000 else 12 if extent < 9000 else 11
    return (point.y, point.x), zoom


def fit_view(frame, district: str | None) -> tuple[tuple[float, float] | None, int | None]:
    """Centre and zoom that frame the located rows when a filter has narrowed them; else the district view."""
    located = frame.dropna(subset=["lon", "lat"])
    if located.empty or len(located) > 150:
        return None, None
    lat0, lat1 = located["lat"].min(), located["lat"].max()
    lon0, lon1 = located["lon"].min(), located["lon"].max()
    extent = max(lat1 - lat0, (lon1 - lon0) * 0.8)
    zoom = 15 if extent < 0.01 else 14 if extent < 0.02 else 13 if extent < 0.05 else 12 if extent < 0.1 else 11
    return ((lat0 + lat1) / 2, (lon0 + lon1) / 2), zoom
