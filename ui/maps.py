"""Maps on the pages: a cached base map per basemap, dynamic layers, the on-screen legend.

The map is streamlit-folium's component. ``st_folium`` renders the whole folium map to
JavaScript on every run (about half of a filter change's server time, measured under load).
Here the base map's script is rendered once per basemap and language, and each dynamic layer's
script once per content (its ``Layer.key``), and both are handed to the same component with
the arguments ``st_folium`` would give it (``tests/test_maps.py`` holds the two to equal).
What changes goes in as the component's feature groups with ``center``/``zoom``, so the map is
never remounted.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Callable

import folium
import geopandas as gpd
import streamlit as st
import streamlit_folium as component

from geo.maps import DISTRICT_VIEWS, display_point, new_map, to_display, vector_base

from . import data
from .i18n import district_label, lang
from .inputs import fingerprint, map_click, new_value

RETURNED = ["last_active_drawing"]
GESTURES = "/app/static/planmap-gestures.js"  # our own small script: see the file


@dataclass(frozen=True)
class Layer:
    """One dynamic map layer. ``key`` names everything it shows (ids, selection, basemap, language):
    equal keys draw the same layer, so its script is rendered once. ``build`` draws it with folium."""
    key: tuple
    build: Callable[[], folium.FeatureGroup] = field(compare=False, repr=False)


OURS = ("370103", "370104", "370105")


@st.cache_data(show_spinner=False, max_entries=8)
def _base_frames(basemap: str, language: int):
    """The basemap's GeoJSON and its labels (districts, rivers and roads, landmarks), in the
    basemap's datum and the session's language."""
    frame = data.districts().copy()
    frame["label"] = [district_label(code) if code in OURS else name
                      for code, name in zip(frame["district_code"], frame["name"])]
    from geo.layers import around_study_area, points_layer, simplified
    from geo.maps import base_labels, vector_base_data

    districts = to_display(simplified(around_study_area(frame)), basemap)
    lines = to_display(simplified(around_study_area(data.lines()), 20), basemap)
    if language:
        lines = lines.assign(name=[en or zh for en, zh in zip(lines["name_en"], lines["name"])])
    landmarks = points_layer(data.cached_query("landmarks"))
    landmarks = to_display(landmarks.assign(label=landmarks["label_en" if language else "label"]), basemap)
    labels = base_labels(districts, lines, landmarks, highlight=OURS)
    return (*vector_base_data(districts, lines, highlight=OURS), labels)


@st.cache_data(show_spinner=False, max_entries=8)
def _seats(basemap: str) -> gpd.GeoDataFrame:
    """The 48 street seats (for per-街道 counts), shifted for the basemap."""
    from geo.layers import points_layer

    return to_display(points_layer(data.cached_query("street_seats")), basemap)


def status_legend(family: str, rows=None) -> list[tuple[str, str, str]]:
    """Legend entries for one family: planned hollow, existing filled, in the family's colour; with
    the family's ``rows``, also the 街道-seat diamond and the count badge when the map draws them."""
    from geo.maps import FAMILY_COLOURS, aggregates

    from .i18n import t

    colour = FAMILY_COLOURS.get(family, "#333333")
    entries = [(t("planned"), colour, "hollow"), (t("existing"), colour, "filled")]
    if rows is not None:
        located = rows.dropna(subset=["lon", "lat"])
        if aggregates(len(located)):
            return [(t("per_street"), colour, "stack")]
        seats = {(round(p.x, 6), round(p.y, 6)) for p in _seats_wgs84().geometry}
        spots = list(zip(located["lon"].round(6), located["lat"].round(6)))
        if any(spot in seats for spot in spots):
            entries.append((t("at_seat"), colour, "seat"))
        if len(spots) != len(set(spots)):
            entries.append((t("stacked"), colour, "stack"))
    return entries


def families_legend(families: dict) -> list[tuple[str, str, str]]:
    """Legend of several families on one map ({label: (family, rows)}): one colour entry per family, then
    the shapes (planned, existing, 街道 seat, several on one spot) once, in grey."""
    import pandas as pd

    from geo.maps import FAMILY_COLOURS

    entries = [(label, FAMILY_COLOURS.get(family, "#333333"), "filled") for label, (family, _rows) in families.items()]
    rows = [frame for _family, frame in families.values() if len(frame)]
    return entries + status_legend("", pd.concat(rows, ignore_index=True) if rows else None)


@st.cache_data(show_spinner=False)
def _seats_wgs84() -> gpd.GeoDataFrame:
    from geo.layers import points_layer

    return points_layer(data.cached_query("street_seats"))


def legend_layer(title: str, entries: list[tuple[str, str, str]], note: str | None = None,
                 collapsed: bool = False) -> Layer:
    """The legend on the map itself (a Leaflet control, top right, collapsible; closed on a phone):
    one entry per group or status with the symbol the map draws."""
    from geo.maps import legend as legend_control

    key = ("legend", title, tuple(entries), note, collapsed)

    def build() -> folium.FeatureGroup:
        group = folium.FeatureGroup(name="legend", control=False)
        legend_control(title, entries, note=note, collapsed=collapsed).add_to(group)
        return group

    return Layer(key, build)


def base_map(basemap: str, language: int, center=None, zoom: int = 11) -> folium.Map:
    """Districts, rivers and main roads (+ tiles for online basemaps); shifted for Gaode.

    Built afresh on every run from cached frames: st_folium rewrites element ids while
    rendering, so a folium object must not be shared between runs. The script it yields
    is identical each time, so the map is not remounted.
    """
    districts, lines, labels = _base_frames(basemap, language)
    from .i18n import t

    fmap = new_map(basemap=basemap, tile_error=t("tiles_failed"),
                   **({"center": display_point(center, basemap), "zoom": zoom} if center else {}))
    fmap.default_js = [*fmap.default_js, ("planmap_gestures", GESTURES)]  # one finger scrolls the page on a phone
    vector_base(districts, lines, labels=labels).add_to(fmap)
    return fmap


def basemap() -> str:
    return st.session_state.get("basemap", "vector")


def view_for(district: str | None) -> tuple[tuple[float, float], int]:
    return DISTRICT_VIEWS.get(district, DISTRICT_VIEWS[None])


def show(layers: list[Layer], key: str, district: str | None = None, height: int = 560,
         center: tuple[float, float] | None = None, zoom: int | None = None) -> str | None:
    """Render the map with ``layers`` on top; return the entity id of a NEW click (validated), if any."""
    default_center, default_zoom = view_for(district)
    centre = display_point(center or default_center, basemap())  # views work in WGS-84
    result = component._component_func(**component_args(basemap(), lang(), layers, key, height, centre,
                                                        zoom or default_zoom))
    return new_value(key, map_click(result))


def pending_click(key: str) -> str | None:
    """The entity a NEW click on map ``key`` chose, read before the map is drawn (so the map can
    highlight it in the same run); :func:`show` still returns and records it."""
    from .inputs import map_click

    value = st.session_state.get(key)
    clicked = map_click(value) if value is not None else None
    return None if clicked is None or st.session_state.get(f"_last_{key}") == clicked else clicked


def component_args(basemap_key: str, language: int, layers: list[Layer], key: str, height: int,
                   center: tuple[float, float], zoom: int) -> dict:
    """The arguments ``st_folium(base_map(...), feature_group_to_add=[built layers], ...)`` passes
    to streamlit-folium's component, from cached scripts (``on_change`` left out: we read the value)."""
    base = _base_script(basemap_key, language, key)
    scripts = [_layer_script(layer.key, index, _build=layer.build) for index, layer in enumerate(layers)]
    links = {"css": dict.fromkeys(base["css_links"]), "js": dict.fromkeys(base["js_links"])}
    for _script, css, js in scripts:
        links["css"].update(dict.fromkeys(css))
        links["js"].update(dict.fromkeys(js))
    return {"script": base["script"], "header": base["header"], "html": base["html"], "id": base["id"],
            "key": base["hash_key"], "height": height, "width": None, "returned_objects": RETURNED,
            "default": base["default"], "zoom": zoom, "center": center,
            "feature_group": "".join(script for script, _css, _js in scripts),  # "" clears the old layers
            "return_on_hover": False, "layer_control": None, "pixelated": False,
            "css_links": list(links["css"]), "js_links": list(links["js"]), "wrap_longitude": False}


def _links(element) -> tuple[list[str], list[str]]:
    """CSS and JS the element and its children load (as ``st_folium`` collects them)."""
    css, js, stack = [], [], [element]
    while stack:
        item = stack.pop(0)
        css += [href for _name, href in getattr(item, "default_css", [])]
        js += [src for _name, src in getattr(item, "default_js", [])]
        stack = list(getattr(item, "_children", {}).values()) + stack
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


@st.cache_data(show_spinner=False, max_entries=64)
def _base_script(basemap_key: str, language: int, key: str) -> dict:
    """The base map's script, header, html and initial value, rendered once per basemap and language."""
    fmap = base_map(basemap_key, language)
    fmap.get_root().render()
    fmap.render()
    page_html, header = component._get_html(fmap), component._get_header(fmap)
    script = component._get_map_string(fmap)
    css, js = _links(fmap)
    return {"script": script, "header": header, "html": page_html, "id": component.get_full_id(fmap),
            "hash_key": component.generate_js_hash(script, key, False), "css_links": css, "js_links": js,
            "default": {name: None for name in RETURNED}}  # all None before the first click


@st.cache_data(show_spinner=False, max_entries=256)  # ≤ ~25 MB at seed scale (≤ 100 KB each)
def _layer_script(layer_key: tuple, index: int, _build) -> tuple[str, list[str], list[str]]:
    """One layer's script (as the component's feature group ``index``) and the assets it loads."""
    group = _build()
    script = component._get_feature_group_string(group, map=folium.Map(tiles=None), idx=index)
    return (script, *_links(group))


def points_group(frame, family: str, name: str, selected: str | None = None) -> Layer:
    """One family's located rows as one GeoJson layer (or counts per 街道 when there are very many),
    plus a ring and precision circle for the selection."""
    from geo.maps import aggregates

    from .i18n import t

    located = frame.dropna(subset=["lon", "lat"])
    if aggregates(len(located)):  # counts straight from the rows, and the screen says so
        st.info(t("aggregated"), icon=":material/bubble_chart:")
    if selected not in set(located["entity_id"]):
        selected = None
    key = ("points", family, name, fingerprint(located["entity_id"]), selected, basemap(), lang())
    return Layer(key, lambda: _points_group(located, family, name, selected, key[5]))


def _points_group(located, family: str, name: str, selected: str | None, basemap_key: str) -> folium.FeatureGroup:
    from geo.layers import points_layer
    from geo.maps import FAMILY_COLOURS, escape_frame, points_or_counts

    from .i18n import status_label, t

    group = folium.FeatureGroup(name=name)
    if located.empty:
        return group

    def points():
        from geo.labels import at_seats

        layer = points_layer(located.assign(status_text=[status_label(s) for s in located["status"]],
                                            precision_text=[f"±{int(p)} m" for p in located["precision_m"]]))
        layer = to_display(layer, basemap_key)
        layer["seat"] = at_seats(layer, _seats(basemap_key))
        seat_text = t("at_seat")
        layer["precision_text"] = [f"{p} · {seat_text}" if seat else p
                                   for p, seat in zip(layer["precision_text"], layer["seat"])]
        return escape_frame(layer, ["name", "status_text", "precision_text"])

    texts = {"stack": t("stack_list"), "seat": t("at_seat"), "more": t("stack_more")}
    geojson, _aggregated = points_or_counts(located, _seats(basemap_key), name, FAMILY_COLOURS.get(family, "#333333"),
                                            points, ["name", "status_text", "precision_text"],
                                            [name, t("status"), t("precision")], texts=texts, selected=selected)
    geojson.add_to(group)
    if selected is not None:
        row = to_display(points_layer(located[located["entity_id"] == selected]), basemap_key).iloc[0]
        precision = float(located.loc[located["entity_id"] == selected, "precision_m"].iloc[0] or 0)
        folium.Circle((row.geometry.y, row.geometry.x), radius=precision, color="#000000", weight=1,
                      dash_array="3 3", fill=False).add_to(group)
        folium.CircleMarker((row.geometry.y, row.geometry.x), radius=12, color="#000000", weight=3,
                            fill=False).add_to(group)
    return group


def layout_groups(parts, current: str | None = None, selected: str | None = None, labels: str = "all") -> list[Layer]:
    """Layout components coloured by group, each with its name on the map; in presentation mode all
    but ``current`` are dimmed and the current one carries a large permanent label; ``selected`` is
    drawn heavier. ``labels``: "all" shows every component's name (moved, never hidden, when names
    crowd), "room" only where there is room (the overview, with three layouts at once)."""
    if parts.empty:
        return []  # every group unticked: nothing to draw
    if current not in set(parts["entity_id"]):
        current = None
    if selected not in set(parts["entity_id"]):
        selected = None
    key = ("layout", fingerprint(parts["entity_id"]), fingerprint(parts["colour"]), basemap(), lang())
    layers = [Layer((*key, current, selected, labels),
                    lambda: _layout_group(parts, current, key[3], selected, labels == "all"))]
    if current is not None:
        layers.append(Layer(("focus", current, *key[2:]), lambda: _focus_group(parts, current, key[3])))
    return layers


def _layout_frame(parts, current: str | None, basemap_key: str, selected: str | None = None):
    from geo.layers import wkt_layer
    from geo.maps import escape_frame

    frame = to_display(wkt_layer(parts), basemap_key)
    frame["label"] = [f"{g}·{n}" for g, n in zip(frame["group_label"], frame["name"])]
    frame["dim"] = [current is not None and eid != current for eid in frame["entity_id"]]
    frame["sel"] = [eid == selected for eid in frame["entity_id"]]
    return escape_frame(frame, ["label", "basis"])


def _layout_group(parts, current: str | None, basemap_key: str, selected: str | None = None,
                  must: bool = True) -> folium.FeatureGroup:
    from geo.labels import LabelLayer, area_labels, readable
    from geo.maps import shape_layer

    from .i18n import t

    group = folium.FeatureGroup(name="layout")
    frame = _layout_frame(parts, current, basemap_key, selected)
    shape_layer(frame, "layout", "colour", ["label", "basis"],
                [t("layout"), "示意 / schematic"], dim_field="dim", selected_field="sel").add_to(group)
    names = frame.assign(css=["pm-dim" if d else "pm-sel" if s else "" for d, s in zip(frame["dim"], frame["sel"])])
    records = area_labels(names, "name", "component", must=must, css_field="css")
    for record, colour, dim in zip(records, names["colour"], names["dim"]):
        record["colour"] = readable(colour)
        if dim:  # presentation mode: the others' names step back
            record.update(must=False, priority=15)
    LabelLayer(records).add_to(group)
    return group


def _focus_group(parts, current: str, basemap_key: str) -> folium.FeatureGroup:
    """The current component of presentation mode, thick and with a large permanent label."""
    frame = _layout_frame(parts[parts["entity_id"] == current], current, basemap_key)
    focus = folium.FeatureGroup(name="focus")
    folium.GeoJson(
        frame[["label", "colour", "geometry"]].to_json(drop_id=True, to_wgs84=False),
        style_function=lambda f: {"color": f["properties"]["colour"], "weight": 9, "fillOpacity": 0.35,
                                  "fillColor": f["properties"]["colour"], "radius": 14},
        marker=folium.CircleMarker(radius=14),
    ).add_to(focus)
    # The label sits just north of the shape (not on it) and is readable on a projector (≥ 28 px).
    west, _south, east, north = frame.total_bounds
    folium.CircleMarker(((north), (west + east) / 2), radius=0, opacity=0, fill=False, interactive=False,
                        tooltip=folium.Tooltip(frame["label"].iloc[0], permanent=True, direction="top",
                                               offset=(0, -18), class_name="planmap-focus-label",
                                               style="font-size:30px;font-weight:700;padding:4px 12px")).add_to(focus)
    return focus


def colour_groups(parts):
    """Give each group of a layout its colour, and each component of a group of several a tint of it
    (so 三区's three zones differ); return the frame and the legend entries (one per group, with the
    symbol of each geometry the group draws: ``line``, ``area`` or ``core``)."""
    from geo.maps import GROUP_COLOURS, shape_of, tints

    order = list(dict.fromkeys(parts["group_label"]))
    colours = {group: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, group in enumerate(order)}
    shapes: dict[str, list[str]] = {}
    for group, kind in zip(parts["group_label"], parts["geometry_type"]):
        shape = shape_of(kind)
        if shape not in shapes.setdefault(group, []):
            shapes[group].append(shape)
    members = parts.groupby("group_label", sort=False)["entity_id"].apply(list).to_dict()
    tint = {eid: colour for group, ids in members.items()
            for eid, colour in zip(ids, tints(colours[group], len(ids)))}
    return parts.assign(colour=[tint[e] for e in parts["entity_id"]]), [
        (group, colours[group], "+".join(shapes[group])) for group in order]


def layout_view(parts) -> tuple[tuple[float, float] | None, int | None]:
    """Centre and zoom that show every component of a layout (the default view of the Layouts map)."""
    from geo.layers import wkt_layer
    from geo.maps import frame_view

    if parts.empty:
        return None, None
    return frame_view(wkt_layer(parts), min_extent_m=4000, width_px=700)


def focus_view(parts, entity_id: str) -> tuple[tuple[float, float], int]:
    """Centre and zoom that frame one component (presentation mode), never closer than a 4 km view."""
    from geo.layers import wkt_layer
    from geo.maps import frame_view

    return frame_view(wkt_layer(parts[parts["entity_id"] == entity_id]), min_extent_m=4000)


def fit_view(frame) -> tuple[tuple[float, float] | None, int | None]:
    """Centre and zoom that frame the located rows when a filter has narrowed them (≤ 150); else nothing,
    and the map keeps the district view."""
    from geo.layers import points_layer
    from geo.maps import frame_view

    located = frame.dropna(subset=["lon", "lat"])
    if located.empty or len(located) > 150:
        return None, None
    return frame_view(points_layer(located[["lon", "lat"]]))
