"""The gazetteer's sanity rules, on the committed data (no seeds needed)."""
from __future__ import annotations

import geopandas as gpd
import pytest
from shapely import wkt
from shapely.geometry import LineString, Point

from geo.boundaries import districts
from geo.crs import METRIC_CRS
from geo.gazetteer import LOCATED_BY, haversine_m
from ingest.dataset import read_table

THREE = ("370103", "370104", "370105")


def metric(geometry):
    return gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]


@pytest.fixture(scope="module")
def shapes():
    return districts().set_index("district_code").to_crs(METRIC_CRS).geometry


@pytest.fixture(scope="module")
def lines(con_module):
    return {name: metric(wkt.loads(text)) for name, text in con_module.execute(
        "SELECT name, geometry_wkt FROM lines").fetchall()}


@pytest.fixture(scope="module")
def con_module(db_path):
    import duckdb
    connection = duckdb.connect(str(db_path), read_only=True)
    yield connection
    connection.close()


def test_every_locatable_entity_has_exactly_one_location():
    locations = read_table("locations")
    ids = [row["entity_id"] for row in locations]
    assert len(ids) == len(set(ids))
    expected = {row["entity_id"] for table in ("places", "parks", "schools", "renewal_sites", "projects",
                                               "layout_components") for row in read_table(table)}
    assert set(ids) == expected
    for row in locations:
        assert row["located_by"] in LOCATED_BY, row
        assert row["basis"], row["entity_id"]  # how it was located, or why not
        if row["located_by"] == "unlocated":
            assert row["lon"] is None and row["anchor_id"] is None, row["entity_id"]


def test_located_entities_carry_precision_and_method(con_module):
    bad = con_module.execute("SELECT entity_id FROM v_entities WHERE lon IS NOT NULL AND "
                             "(precision_m IS NULL OR precision_m <= 0 OR located_by IS NULL "
                             "OR located_by = 'unlocated')").fetchall()
    assert bad == []
    unlocated = con_module.execute("SELECT count(*) FROM v_entities WHERE located_by = 'unlocated' "
                                   "AND lon IS NULL").fetchone()[0]
    assert unlocated > 0  # shown as such, not dropped on a centroid


def test_located_points_lie_in_their_district(con_module, shapes):
    rows = con_module.execute("SELECT entity_id, district_code, lon, lat, precision_m FROM v_entities "
                              "WHERE lon IS NOT NULL AND district_code IN ('370103', '370104', '370105')").fetchall()
    assert len(rows) > 500
    outside = [(eid, code, round(shapes[code].distance(metric(Point(lon, lat)))))
               for eid, code, lon, lat, precision in rows
               if shapes[code].distance(metric(Point(lon, lat))) > min(precision, 1000)]
    assert outside == []


def test_nothing_sits_on_a_district_centroid(con_module):
    centroids = [(row.district_code, row.geometry.centroid) for row in districts().itertuples()]
    rows = con_module.execute("SELECT entity_id, lon, lat FROM v_entities WHERE lon IS NOT NULL").fetchall()
    on_centroid = [eid for eid, lon, lat in rows for code, c in centroids if haversine_m(lon, lat, c.x, c.y) < 30]
    assert on_centroid == []


def test_all_48_street_seats_lie_inside_their_districts(shapes):
    streets = {row["street_code"]: row["district_code"] for row in read_table("street_offices")}
    seats = {row["anchor_id"]: row for row in read_table("anchors") if row["method"] == "street_seat"}
    assert set(seats) == set(streets)
    for code, seat in seats.items():
        assert shapes[streets[code]].contains(metric(Point(seat["lon"], seat["lat"]))), code


def test_points_tied_to_a_street_lie_near_its_seat(con_module):
    rows = con_module.execute(
        "SELECT e.entity_id, e.lon, e.lat, e.precision_m, a.lon, a.lat, a.precision_m FROM v_entities e "
        "JOIN entity_streets s ON s.entity_id = e.entity_id AND s.basis = 'text' "
        "JOIN anchors a ON a.anchor_id = s.street_code WHERE e.lon IS NOT NULL").fetchall()
    assert len(rows) > 50
    far = [r[0] for r in rows if haversine_m(r[1], r[2], r[4], r[5]) > r[3] + r[6] + 1000]
    assert far == []


def _north_of(point, river: LineString) -> bool:
    probe = LineString([(point.x, point.y - 50000), (point.x, point.y + 50000)])
    crossing = probe.intersection(river)
    ys = [g.y for g in getattr(crossing, "geoms", [crossing]) if not g.is_empty]
    return bool(ys) and point.y > max(ys)


@pytest.mark.parametrize("needle", ["桑梓店", "大桥街道", "新材料产业园"])
def test_north_of_the_yellow_river(con_module, lines, needle):
    rows = con_module.execute("SELECT entity_id, lon, lat FROM v_entities WHERE lon IS NOT NULL AND "
                              "contains(name, $n) AND family <> 'layout_component'", {"n": needle}).fetchall()
    assert rows, needle
    south = [eid for eid, lon, lat in rows if not _north_of(metric(Point(lon, lat)), lines["黄河"])]
    assert south == []


def test_seats_of_the_northern_streets_are_north_of_the_river(lines):
    seats = {row["anchor_id"]: row for row in read_table("anchors")}
    for code in ("370105016000", "370105017000"):  # 桑梓店街道, 大桥街道
        assert _north_of(metric(Point(seats[code]["lon"], seats[code]["lat"])), lines["黄河"])


@pytest.mark.parametrize("name", ["济泺路", "小清河", "二环西路", "经十路"])
def test_points_on_a_named_road_or_river_lie_on_its_line(lines, name):
    anchors = [row for row in read_table("anchors") if row["method"] == "road_segment"
               and row["name"].startswith(name) and not row["name"][len(name):].startswith(("西路", "路"))]
    assert anchors, name
    far = [(a["anchor_id"], round(lines[name].distance(metric(Point(a["lon"], a["lat"])))))
           for a in anchors if lines[name].distance(metric(Point(a["lon"], a["lat"]))) > 300]
    assert far == []


def test_axes_follow_the_line_they_are_named_after(con_module, lines):
    rows = con_module.execute("SELECT c.name, g.geometry_wkt, g.basis FROM layout_components c JOIN "
                              "layout_geometries g USING (entity_id) WHERE c.kind IN ('axis', 'belt', 'corridor') "
                              "AND g.geometry_type LIKE '%LineString' AND g.basis LIKE 'follows %'").fetchall()
    assert len(rows) >= 8  # the others are straight lines through members or a 横/纵 point (tests/test_labels.py)
    for name, text, basis in rows:
        line_name = next(n for n in lines if n in basis)
        assert line_name in name or line_name in basis
        assert metric(wkt.loads(text)).hausdorff_distance(lines[line_name].intersection(
            metric(wkt.loads(text)).buffer(50))) < 100


def test_members_lie_within_or_next_to_their_component(con_module):
    anchors = {row["name"]: row for row in read_table("anchors")}
    rows = con_module.execute("SELECT c.entity_id, c.places, g.geometry_wkt FROM layout_components c "
                              "JOIN layout_geometries g USING (entity_id) WHERE c.places IS NOT NULL").fetchall()
    checked, far = 0, []
    for eid, places, text in rows:
        shape = metric(wkt.loads(text))
        for name in places.split(";"):
            anchor = anchors.get(name)
            if anchor is None:
                continue
            checked += 1
            distance = shape.distance(metric(Point(anchor["lon"], anchor["lat"])))
            if distance > anchor["precision_m"] + 1500:
                far.append((eid, name, round(distance)))
    assert checked > 20
    assert far == []


def test_every_layout_geometry_is_schematic_with_a_basis(con_module):
    rows = con_module.execute("SELECT entity_id, schematic, basis FROM layout_geometries").fetchall()
    assert len(rows) > 60
    assert all(schematic is True and basis for _eid, schematic, basis in rows)


def test_one_position_per_real_thing(con):
    """Every mention of a real thing stands at one point: the located mention with the smallest precision."""
    several = con.execute("""SELECT canonical_id, count(DISTINCT (lon, lat)) FROM v_entities
                             WHERE lon IS NOT NULL GROUP BY 1 HAVING count(DISTINCT (lon, lat)) > 1""").fetchall()
    assert several == []
    inherited = con.execute("""SELECT v.entity_id, v.precision_m, src.precision_m FROM v_entities v
                               JOIN entity_locations own ON own.entity_id = v.entity_id
                               JOIN entity_locations src ON src.entity_id = v.position_from
                               WHERE v.located_by = 'same_thing'""").fetchall()
    assert len(inherited) > 50
    assert all(mine == theirs for _id, mine, theirs in inherited)
    best = con.execute("""SELECT count(*) FROM v_entities v JOIN entity_mentions m ON m.canonical_id = v.canonical_id
                          JOIN entity_locations l ON l.entity_id = m.entity_id
                          WHERE v.lon IS NOT NULL AND l.lon IS NOT NULL AND l.precision_m < v.precision_m
                            AND m.entity_id NOT IN (SELECT entity_id FROM site_classes)""").fetchone()[0]
    assert best == 0  # no mention of the thing is located more precisely than the position shown
    points = con.execute("SELECT DISTINCT lon, lat FROM v_entities WHERE name LIKE '泺口服装城%'").fetchall()
    assert len(points) == 1
