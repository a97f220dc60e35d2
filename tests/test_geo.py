"""Coordinate systems and district boundaries."""
from __future__ import annotations

import pyproj
import pytest

import paths
from geo.boundaries import decode_echarts, districts
from geo.crs import METRIC_CRS, STORAGE_CRS, gcj02_to_wgs84, out_of_china, wgs84_to_gcj02

GEOD = pyproj.Geod(ellps="WGS84")
# (wgs lat, wgs lon, gcj lat, gcj lon): published test vectors of the eviltransform project
KNOWN = [(31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
         (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
         (39.911954, 116.377817, 39.91334545536069, 116.38404722455657)]


def metres(a, b) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


@pytest.mark.parametrize("wlat,wlon,glat,glon", KNOWN)
def test_wgs84_to_gcj02_matches_known_pairs(wlat, wlon, glat, glon):
    assert metres(wgs84_to_gcj02(wlon, wlat), (glon, glat)) < 0.01


@pytest.mark.parametrize("lon,lat", [(116.98, 36.68), (116.90, 36.65), (117.0, 36.60), (117.02, 36.75)])
def test_round_trip_below_one_metre_in_jinan(lon, lat):
    assert metres(gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat)), (lon, lat)) < 1.0


def test_offset_in_jinan_is_about_half_a_kilometre_east():
    lon, lat = 116.98, 36.68
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert 450 < metres((lon, lat), (glon, lat)) < 600 and glon > lon
    assert 0 < metres((lon, lat), (lon, glat)) < 60 and glat > lat


def test_outside_china_is_unchanged():
    assert out_of_china(2.35, 48.85) and wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)


@pytest.fixture(scope="module")
def frame():
    return districts()


def test_committed_boundaries_are_valid_wgs84(frame):
    assert frame.crs.to_string() == STORAGE_CRS and frame.geometry.name == "geometry"
    assert frame.is_valid.all() and len(frame) == 10
    assert {"370103", "370104", "370105"} <= set(frame["district_code"])


# Published areas (km²): 天桥区 259, 市中区 282, 槐荫区 151.
@pytest.mark.parametrize("code,published", [("370105", 259), ("370103", 282), ("370104", 151)])
def test_district_areas_within_three_percent(frame, code, published):
    area = frame[frame.district_code == code].to_crs(METRIC_CRS).area.iloc[0] / 1e6
    assert abs(area - published) / published < 0.03


@pytest.mark.parametrize("a,b", [("370105", "370104"), ("370105", "370103"), ("370104", "370103"),
                                 ("370103", "370102"), ("370105", "370112")])
def test_neighbours_meet_without_gaps_or_overlaps(frame, a, b):
    metric = frame.set_index("district_code").to_crs(METRIC_CRS).geometry
    overlap = metric[a].intersection(metric[b]).area
    assert overlap < 0.002 * min(metric[a].area, metric[b].area)  # well below the 100 m vertex resolution
    assert metric[a].distance(metric[b]) < 100
    shared = metric[a].buffer(100).intersection(metric[b].buffer(100)).area
    assert shared > 0


def test_government_seats_lie_inside_their_districts(frame):
    from shapely.geometry import Point
    for row in frame.itertuples():
        assert row.geometry.contains(Point(row.seat_lon, row.seat_lat)), row.name


def test_decoding_the_reference_reproduces_the_committed_file(reference_dir, frame):
    decoded = decode_echarts(reference_dir / "echarts_jinan_districts.js").set_index("district_code")
    committed = frame.set_index("district_code")
    for code in ("370103", "370104", "370105"):
        assert decoded.geometry[code].symmetric_difference(committed.geometry[code]).area < 1e-8
