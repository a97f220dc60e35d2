"""Map labels, honest stacks and kind-true layout geometry (pure cartography, no browser)."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely import wkt
from shapely.geometry import LineString, Point, box

import paths
import queries
from geo.labels import area_labels, at_seats, line_labels, stack_points
from geo.layers import points_layer
from geo.maps import legend, new_map, point_layer, shape_of, tints


@pytest.fixture(scope="module")
def con_module(db_path):
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        yield con


def _points(rows):
    return points_layer(pd.DataFrame(rows, columns=["entity_id", "name", "status", "lon", "lat"]))


def test_several_on_one_spot_become_one_stack_with_its_list():
    frame = _points([("a", "甲", "planned", 116.9, 36.6), ("b", "乙", "existing", 116.9, 36.6),
                     ("c", "丙", "planned", 116.95, 36.65)])
    singles, stacks = stack_points(frame, ["name", "status"])
    assert list(singles["entity_id"]) == ["c"]
    assert list(stacks["n"]) == [2] and stacks["items"].iloc[0] == [["甲", "planned"], ["乙", "existing"]]


def test_stacked_layer_draws_one_marker_per_spot_and_escapes_the_list():
    frame = _points([("a", "&lt;b&gt;x", "planned", 116.9, 36.6), ("b", "乙", "planned", 116.9, 36.6)])
    fmap = new_map()
    point_layer(frame.assign(status_text="规划"), "项目", "#d95f02", ["name", "status_text"], ["名称", "状态"]).add_to(fmap)
    html = fmap.get_root().render()
    assert html.count("L.geoJson(") == 1 and '"n": 2' in html and "<b>x" not in html
    with pytest.raises(ValueError):
        point_layer(frame, "项目", "red;x", ["name"], ["名称"])


def test_a_point_on_a_street_seat_is_marked_as_such():
    seats = _points([("370104014000", "兴福街道", "existing", 116.88, 36.673)])
    frame = _points([("a", "x", "planned", 116.88, 36.673), ("b", "y", "planned", 116.881, 36.673)])
    assert at_seats(frame, seats) == [True, False]


def test_lines_get_labels_along_them_and_shapes_inside_them():
    lines = gpd.GeoDataFrame({"name": ["黄河", "<b>路</b>"], "kind": ["river", "road"]}, crs="EPSG:4326",
                             geometry=[LineString([(116.7, 36.7), (117.1, 36.8)]), LineString([(116.9, 36.6), (116.91, 36.6)])])
    records = line_labels(lines, "name")
    assert sum(r["text"] == "黄河" for r in records) > 3  # a long river is named along its length
    assert any(r["text"] == "&lt;b&gt;路&lt;/b&gt;" for r in records)  # escaped
    zone = gpd.GeoDataFrame({"name": ["区"]}, geometry=[box(116.9, 36.6, 117.0, 36.7)], crs="EPSG:4326")
    (record,) = area_labels(zone, "name", "component", must=True)
    assert box(116.9, 36.6, 117.0, 36.7).contains(Point(record["lon"], record["lat"])) and record["must"]
    assert all(box(116.9, 36.6, 117.0, 36.7).contains(Point(lon, lat)) for lat, lon in record["alts"])


def test_group_tints_differ_and_legend_symbols_follow_geometry():
    assert len(set(tints("#377eb8", 3))) == 3
    assert [shape_of(t) for t in ("LineString", "MultiLineString", "Polygon", "MultiPolygon", "Point")] == \
        ["line", "line", "area", "area", "core"]
    html = legend("图例", [("三横", "#984ea3", "line"), ("两核", "#e41a1c", "core")]).html_json
    assert 'data-shape=\\"line\\"' in html and 'data-shape=\\"core\\"' in html


def test_every_axis_and_belt_is_drawn_as_a_line(con_module):
    """An axis is a line: named after a known line it follows it; otherwise it runs through its
    member places or, in a 三横/三纵 group, east-west or north-south through its point."""
    rows = con_module.execute("SELECT c.name, c.group_label, g.geometry_wkt, g.basis FROM layout_components c "
                              "JOIN layout_geometries g USING (entity_id) WHERE c.kind IN ('axis', 'belt')").fetchall()
    assert rows
    for name, group, text, basis in rows:
        assert "Line" in wkt.loads(text).geom_type, (name, basis)
    (axis,) = [r for r in rows if r[0] == "央企总部城中央商务轴"]
    line = wkt.loads(axis[2])
    west, south, east, north = line.bounds
    assert east - west > 0.03 and north - south < 0.001 and "east-west" in axis[3]  # group 三横: horizontal


def test_landmarks_take_their_positions_from_existing_anchors(con_module):
    chosen = pd.read_csv(paths.GAZETTEER / "landmarks.csv", dtype=str)
    anchors = set(r[0] for r in con_module.execute("SELECT anchor_id FROM anchors WHERE lon IS NOT NULL").fetchall())
    assert set(chosen["anchor_id"]) <= anchors
    shown = queries.run_query(con_module, "landmarks")
    assert len(shown) == len(chosen) and {"济南站", "济南西站"} <= set(shown["label"])
