"""Every coordinate carries evidence; every base line passes within its precision of its evidence points.

Distances in EPSG:32650 (geo.crs.METRIC_CRS). The evidence points are data/gazetteer/line_evidence.csv:
public references (encyclopedia coordinates, public point lists converted from GCJ-02) and, where
nothing public was found, the reviewers' memory (then the line's precision is at least 1000 m).
"""
from __future__ import annotations

import copy

import geopandas as gpd
import pytest
from shapely import wkt
from shapely.geometry import LineString, Point

from geo.crs import METRIC_CRS, STORAGE_CRS, gcj02_to_wgs84
from ingest.check import _check_evidence
from ingest.dataset import TABLE_FILES, read_table

LINES = {row["name"]: row for row in read_table("lines")}
EVIDENCE = read_table("line_evidence")
TABLES = {name: read_table(name) for name in ("anchors", "locations", "lines", "line_evidence")}


def metric(geometry):
    return gpd.GeoSeries([geometry], crs=STORAGE_CRS).to_crs(METRIC_CRS).iloc[0]


@pytest.mark.parametrize("name", sorted(LINES))
def test_line_passes_within_its_precision_of_every_evidence_point(name):
    line = metric(wkt.loads(LINES[name]["geometry_wkt"]))
    points = [row for row in EVIDENCE if row["line_name"] == name]
    assert points, f"{name} has no evidence points"
    far = [(row["source"][:40], round(line.distance(metric(Point(row["lon"], row["lat"])))))
           for row in points if line.distance(metric(Point(row["lon"], row["lat"]))) > LINES[name]["precision_m"]]
    assert far == [], f"{name} (±{LINES[name]['precision_m']} m)"
    if all(row["evidence_kind"] == "memory" for row in points):
        assert LINES[name]["precision_m"] >= 1000, f"{name} rests on memory alone"


def test_converted_evidence_keeps_its_source_value():
    converted = [row for row in EVIDENCE if row["datum_converted_from"]]
    assert len(converted) >= 10
    for row in converted:
        assert row["datum_converted_from"] == "GCJ-02"
        lon, lat = gcj02_to_wgs84(row["source_lon"], row["source_lat"])
        assert abs(lon - row["lon"]) < 2e-6 and abs(lat - row["lat"]) < 2e-6, row["source"][:40]
        assert 400 < metric(Point(row["source_lon"], row["source_lat"])).distance(
            metric(Point(row["lon"], row["lat"]))) < 700  # the GCJ-02 offset in Jinan


def test_no_anchor_line_or_coordinate_lacks_evidence():
    assert _check_evidence(TABLES) == []
    counts = {kind: sum(row["evidence_kind"] == kind for row in TABLES["anchors"])
              for kind in ("public_reference", "memory")}
    assert counts["public_reference"] >= 30 and sum(counts.values()) == len(TABLES["anchors"])


def test_missing_or_overconfident_evidence_is_reported():
    tables = copy.deepcopy(TABLES)
    tables["anchors"][0]["evidence"] = None
    tables["lines"][0]["evidence_kind"] = "hearsay"
    memory = next(row for row in tables["anchors"][1:] if row["evidence_kind"] == "memory")
    memory["precision_m"] = 300
    problems = _check_evidence(tables)
    assert len(problems) == 3, problems
    assert any("no evidence" in p and tables["lines"][0]["name"] in p for p in problems)
    assert any("memory alone" in p and memory["anchor_id"] in p for p in problems)


def _side_of_river(lon: float, lat: float) -> str:
    river = metric(wkt.loads(LINES["黄河"]["geometry_wkt"]))
    point = metric(Point(lon, lat))
    probe = LineString([(point.x, point.y - 50000), (point.x, point.y + 50000)])
    crossing = probe.intersection(river)
    ys = [g.y for g in getattr(crossing, "geoms", [crossing]) if not g.is_empty]
    return "north" if point.y > max(ys) else "south"


@pytest.mark.parametrize("anchor_id, side", [("G1-a004", "north"),   # 鹊山
                                             ("G1-a006", "north"),   # 济南黄河森林公园
                                             ("G1-a005", "south"),   # 百里黄河风景区
                                             ("G1-a007", "south"),   # 泺口 old town
                                             ("370105017000", "north"), ("370105015000", "south")])
def test_banks_of_the_yellow_river(anchor_id, side):
    anchor = next(row for row in TABLES["anchors"] if row["anchor_id"] == anchor_id)
    assert _side_of_river(anchor["lon"], anchor["lat"]) == side


def test_no_anchor_was_snapped_away_from_its_own_evidence():
    anchors = {row["anchor_id"]: row for row in TABLES["anchors"]}
    assert not [a for a in anchors.values() if "Snapped" in (a["basis"] or "")]
    bridge = anchors["G1-a003"]  # the river at the 泺口 railway bridge: the bridge's own coordinates
    assert (bridge["lon"], bridge["lat"]) == (117.00056, 36.72611)


def test_one_anchor_for_each_of_yaoshan_kuangshan_and_luokou_market():
    names = [row["name"] for row in TABLES["anchors"]]
    for needle in ("药山（", "匡山（", "泺口服装城"):
        hits = [n for n in names if n.startswith(needle.rstrip("（")) and (needle.endswith("（") or n == needle)]
        assert len([n for n in hits if "都市" not in n and "街道" not in n]) == 1, hits
    located = {row["entity_id"]: row for row in TABLES["locations"]}
    expo = {located[e]["anchor_id"] for e in ("plc-003-0006", "prj-003-0086")}
    assert expo == {"G6-a005"}


def test_line_evidence_file_is_the_registered_table():
    assert TABLE_FILES["line_evidence"].name == "line_evidence.csv"


def test_a_stretch_point_claims_public_evidence_only_near_a_public_point_of_its_line():
    from geo.gazetteer import haversine_m
    stretch = [row for row in TABLES["anchors"] if row["evidence"].startswith("representative point of ")]
    assert len(stretch) >= 20
    for row in stretch:
        line = row["evidence"].split("representative point of ")[1].split(":")[0]
        near = [e for e in EVIDENCE if e["line_name"] == line and e["evidence_kind"] == "public_reference"
                and haversine_m(row["lon"], row["lat"], e["lon"], e["lat"]) <= 3000]
        assert (row["evidence_kind"] == "public_reference") == bool(near), row["anchor_id"]
        assert row["evidence_kind"] == "public_reference" or row["precision_m"] >= 1000, row["anchor_id"]
