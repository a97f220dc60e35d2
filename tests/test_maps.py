"""Map building: offline assets, GCJ-02 shift at the tile boundary, escaping, one layer per family."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.crs import wgs84_to_gcj02
from geo.layers import points_layer
from geo.maps import escape_frame, legend, new_map, point_layer, style_for_status, to_display


def frame():
    return points_layer(pd.DataFrame({"entity_id": ["a", "b"], "name": ['<img src=x onerror="alert(1)">', "药山"],
                                      "status": ["planned", "existing"], "lon": [116.98, 117.0],
                                      "lat": [36.68, 36.69]}))


def test_vector_map_references_no_outside_url():
    html = new_map().get_root().render()
    assert not re.search(r"https?://", html)
    assert "/app/static/vendor/leaflet/leaflet.js" in html


def test_online_basemaps_are_options():
    assert "tile.openstreetmap.org" in new_map(basemap="osm").get_root().render()
    assert "autonavi" in new_map(basemap="gaode").get_root().render()
    with pytest.raises(ValueError):
        new_map(basemap="bing")


def test_gcj02_shift_only_for_gaode_tiles():
    points = frame()
    assert to_display(points, "vector").geometry.equals(points.geometry)
    assert to_display(points, "osm").geometry.equals(points.geometry)
    shifted = to_display(points, "gaode")
    for before, after in zip(points.geometry, shifted.geometry):
        assert (after.x, after.y) == pytest.approx(wgs84_to_gcj02(before.x, before.y), abs=1e-9)
        assert after.x > before.x  # ~520 m east in Jinan
    with pytest.raises(ValueError):
        to_display(points.to_crs("EPSG:32650"), "gaode")


def test_map_centres_follow_the_basemap_datum():
    from geo.maps import display_point

    centre = (36.66, 116.98)
    assert display_point(centre, "vector") == centre and display_point(centre, "osm") == centre
    lat, lon = display_point(centre, "gaode")
    lon_expected, lat_expected = wgs84_to_gcj02(116.98, 36.66)
    assert (lat, lon) == pytest.approx((lat_expected, lon_expected)) and lon > centre[1]


def test_names_with_html_are_escaped_in_the_layer():
    fmap = new_map()
    point_layer(escape_frame(frame(), ["name"]), "项目", "#d95f02", ["name"], ["名称"]).add_to(fmap)
    html = fmap.get_root().render()
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html.replace("\\u0026", "&")


def test_one_geojson_layer_for_all_points():
    fmap = new_map()
    many = points_layer(pd.DataFrame({"entity_id": [str(i) for i in range(500)], "name": ["x"] * 500,
                                      "status": ["planned"] * 500, "lon": [116.9 + i / 5000 for i in range(500)],
                                      "lat": [36.65] * 500}))
    point_layer(many, "项目", "#d95f02", ["name"], ["名称"]).add_to(fmap)
    html = fmap.get_root().render()
    assert html.count("L.geoJson(") == 1 and html.count("L.circleMarker(") <= 1


def test_planned_and_existing_look_different():
    planned, existing = style_for_status("#d95f02", "planned"), style_for_status("#d95f02", "existing")
    assert planned["dashArray"] and planned["fillColor"] == "#ffffff"
    assert "dashArray" not in existing and existing["fillColor"] == "#d95f02" and existing["fill"]


def test_legend_escapes_labels_and_rejects_non_colours():
    element = legend("图例", [("<b>x</b>", "#123456", "filled")])
    assert "&lt;b&gt;" in element.html_json
    with pytest.raises(ValueError):
        legend("图例", [("x", "red;background:url(x)", "filled")])


@pytest.mark.parametrize("basemap_key", ["vector", "gaode"])
def test_cached_map_arguments_equal_what_st_folium_would_send(db_path, monkeypatch, basemap_key):
    """ui.maps renders the base map and each layer once and calls streamlit-folium's component
    itself; the arguments must be exactly those st_folium computes from the same map and layers."""
    import paths
    import queries
    import streamlit_folium
    from ui import maps

    monkeypatch.setattr(paths, "DATABASE", db_path)
    monkeypatch.setattr(maps, "basemap", lambda: basemap_key)
    sent = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: sent.append(kwargs))
    import duckdb
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = queries.run_query(con, "projects_filtered", district_code="370104", street_code=None, category=None,
                                 status=None, year=None, doc_id=None, text=None,
                                 programmes=False, completed_later=False)
        parts, _entries = maps.colour_groups(queries.run_query(con, "layout_component_geometries",
                                                               layout_id="lay-003-0005"))
    selected = rows.dropna(subset=["lon"])["entity_id"].iloc[3]
    layers = [maps.points_group(rows, "project", "项目", selected),
              *maps.layout_groups(parts, parts["entity_id"].iloc[1])]
    ours = maps.component_args(basemap_key, 0, layers, "p_map", 560, (36.66, 116.92), 12)
    streamlit_folium.st_folium(maps.base_map(basemap_key, 0), key="p_map", height=560, use_container_width=True,
                               feature_group_to_add=[layer.build() for layer in layers], center=(36.66, 116.92),
                               zoom=12, returned_objects=maps.RETURNED)
    streamlit_folium.st_folium(maps.base_map(basemap_key, 0), key="f_map", height=560, use_container_width=True,
                               feature_group_to_add=[], center=(36.66, 116.92), zoom=12,
                               returned_objects=maps.RETURNED)  # no layers (every facility type unticked)
    nothing = maps.component_args(basemap_key, 0, [], "f_map", 560, (36.66, 116.92), 12)
    for ours, call in [(ours, sent[0]), (nothing, sent[1])]:
        theirs = {k: v for k, v in call.items() if k != "on_change"}
        assert set(ours) == set(theirs)
        for name in theirs:
            assert ours[name] == theirs[name], name
    assert "feature_group_2" in sent[0]["feature_group"] and "map_div" in sent[0]["script"]
    assert nothing["feature_group"] == ""


def _fail():
    raise AssertionError("a layer with a known key was drawn again")


def test_a_layer_is_drawn_once_per_key(monkeypatch):
    from ui import maps

    monkeypatch.setattr(maps, "basemap", lambda: "vector")
    rows = pd.DataFrame({"entity_id": ["a", "b"], "name": ["药山", "<b>x</b>"], "status": ["planned", "existing"],
                         "lon": [116.98, 117.0], "lat": [36.68, 36.69], "precision_m": [300, 100]})
    layer = maps.points_group(rows, "park", "公园")
    first = maps.component_args("vector", 0, [layer], "m", 500, (36.6, 116.9), 11)
    again = maps.component_args("vector", 0, [maps.Layer(layer.key, _fail)], "m", 500, (36.6, 116.9), 11)
    assert first == again
    other = maps.points_group(rows.iloc[:1], "park", "公园")
    assert other.key != layer.key
