"""One real thing, one entity: reviewed merges, sites vs programmes, clean names, districts, plan → progress."""
from __future__ import annotations

import copy

import pytest

import queries
from ingest.catalog import ENTITY_TABLES
from ingest.check import check
from ingest.dataset import TABLE_FILES, read_table
from ingest.review import check_review, name_artefact


@pytest.fixture(scope="module")
def tables():
    return {name: read_table(name) for name in TABLE_FILES}


def canonical_of(con, entity_id):
    return con.execute("SELECT canonical_id FROM v_entities WHERE entity_id = ?", [entity_id]).fetchone()[0]


def ids_named(con, name, family, doc_id=None):
    rows = con.execute("SELECT entity_id FROM v_entities WHERE name = ? AND family = ? AND (? IS NULL OR doc_id = ?)",
                       [name, family, doc_id, doc_id]).fetchall()
    return [r[0] for r in rows]


def test_the_wetland_park_is_one_entity(con):
    (short,), (full,) = ids_named(con, "济西湿地", "park"), ids_named(con, "济西国家湿地公园", "park")
    assert canonical_of(con, short) == canonical_of(con, full)
    parks = queries.run_query(con, "facilities_filtered", family="park", district_code=None, street_code=None,
                              kind=None)
    assert short not in set(parks["entity_id"]) and full in set(parks["entity_id"])


def test_the_tianqiao_layout_of_2024_is_one_layout_in_two_documents(con):
    ids = ids_named(con, "一轴两带五组团", "layout")
    assert len(ids) == 2 and len({canonical_of(con, i) for i in ids}) == 1
    layouts = queries.run_query(con, "layouts_with_geometry", district_code="370105")
    assert list(layouts["name"]).count("一轴两带五组团") == 1
    timeline = queries.run_query(con, "entity_timeline", entity_id="lay-004-0001")
    assert list(timeline["doc_id"]) == ["002", "004"]


def test_the_urban_village_renewal_is_one_project_with_both_mentions(con):
    ids = ids_named(con, "张庄村刘庄村城中村改造", "project", "003")
    assert len(ids) == 2 and len({canonical_of(con, i) for i in ids}) == 1
    timeline = queries.run_query(con, "entity_timeline", entity_id=ids[0])
    projects = timeline[timeline["family"] == "project"]
    assert sorted(projects["line"]) == [1595, 3224] and projects["status"].notna().all()  # one status per mention
    listed = queries.run_query(con, "projects_filtered", district_code=None, street_code=None, category=None,
                               status=None, year=None, doc_id=None, text="张庄村刘庄村", programmes=False,
                               completed_later=False)
    assert list(listed["name"]).count("张庄村刘庄村城中村改造") == 1
    assert int(listed.loc[listed["name"] == "张庄村刘庄村城中村改造", "n_documents"].iloc[0]) == 1


@pytest.mark.parametrize("name, family, site_class", [
    ("智慧教育种子班培训", "project", "training"),
    ("“县管校聘”教师人事制度改革", "project", "policy"),
    ("山东康舜", "place", "company"),
    ("郑州", "place", "outside"),
])
def test_programmes_companies_and_far_cities_are_not_sites(con, name, family, site_class):
    (entity_id,) = ids_named(con, name, family)
    row = con.execute("SELECT is_site, site_class, lon, located_by FROM v_entities WHERE entity_id = ?",
                      [entity_id]).fetchone()
    assert row == (False, site_class, None, "not_a_site")


def test_programmes_are_off_the_projects_list_by_default_and_never_unlocated(con):
    def projects(programmes):
        return queries.run_query(con, "projects_filtered", district_code=None, street_code=None, category=None,
                                 status=None, year=None, doc_id=None, text=None, programmes=programmes,
                                 completed_later=False)
    sites, everything = projects(False), projects(True)
    assert sites["is_site"].all() and not everything["is_site"].all()
    assert "智慧教育种子班培训" in set(everything["name"]) and "智慧教育种子班培训" not in set(sites["name"])
    assert everything.loc[~everything["is_site"], "lon"].isna().all()
    # still searchable and citable
    found = queries.run_query(con, "search_entities", text="智慧教育种子班培训")
    assert len(found) == 1 and not found["is_site"].iloc[0]


def test_every_page_query_lists_a_real_thing_once(con):
    for name, params in [("entities_by_family", {"family": "park", "district_code": None}),
                         ("located_entities", {"family": "park"}),
                         ("search_entities", {"text": "济西"}),
                         ("projects_by_street", {"street_code": "370105013000"})]:
        frame = queries.run_query(con, name, **params)
        column = "entity_id <> canonical_id" if name == "search_entities" else "NOT family_rep"
        merged = con.execute(f"SELECT list(entity_id) FROM v_entities WHERE {column}").fetchone()[0]
        assert not set(frame["entity_id"]) & set(merged), name
        reps = con.execute("SELECT canonical_id FROM v_entities WHERE entity_id IN (SELECT unnest(?))",
                           [list(frame["entity_id"])]).fetchall()
        assert len(reps) == len(set(reps)), name  # no real thing twice


def test_layouts_pages_offer_spatial_layouts_only(con):
    names = set(queries.run_query(con, "layouts_with_geometry", district_code=None)["name"])
    assert not names & {"4+N", "北起、中优", "金街玉带、翡翠明珠"}
    assert not any("三级生活圈" in n for n in names)
    kinds = dict(con.execute("SELECT entity_id, layout_kind FROM v_entities WHERE family = 'layout'").fetchall())
    assert kinds["lay-002-0002"] == kinds["lay-004-0002"] == "industry_system"
    assert kinds["lay-003-0005"] == "spatial"


def test_no_name_carries_a_layout_artefact(con):
    rows = con.execute("SELECT entity_id, family, name FROM v_entities WHERE family <> 'street_office'").fetchall()
    assert [r for r in rows if name_artefact(r[2], r[1])] == []


@pytest.mark.parametrize("name, artefact", [
    ("专栏 重点类型专业市场转型升级", "box title"), ("#出口总额", "#"), ("新\\改建公厕", "backslash"),
    ("“校园足球”", "quotation"), ("打通泉城路商街、趵突泉景区与大观园商圈、老商埠街区之间的瓶颈", "clause"),
    ("黄台、凤凰山等", "等"), ("绣球灯等黄河流域非物质文化遗产项目", "等"),
])
def test_the_lint_recognises_each_artefact(name, artefact):
    assert artefact in (name_artefact(name, "project") or "")


@pytest.mark.parametrize("name", ["济南理工中等职业学校新校区", "山东大学高等医学研究院", "“四馆”（体育馆、档案馆、图书馆、文化馆）",
                                  "两核三区、三纵三横", "“县管校聘”教师人事制度改革"])
def test_the_lint_leaves_real_names_alone(name):
    assert name_artefact(name, "project") is None


def test_districts_the_text_supports(con):
    outside = con.execute("SELECT name, district_code FROM v_entities WHERE name IN "
                          "('趵突泉公园', '趵突泉景区', '泉城路商街', '千年古城', 'CBD')").fetchall()
    assert outside and {code for _n, code in outside} == {"370102"}
    assert con.execute("SELECT count(*) FROM v_entities WHERE family = 'school' AND doc_id = '000' "
                       "AND name = '济南大学' AND entity_id = canonical_id").fetchone()[0] == 0
    parks = con.execute("SELECT DISTINCT status FROM v_entities WHERE doc_id = '000' AND line = 1006 "
                        "AND family IN ('park', 'project') AND name LIKE '%山体公园%'").fetchall()
    assert parks == [("under_construction",)]


def test_all_stated_streets_are_kept(con):
    two = con.execute("SELECT street_codes FROM v_entities WHERE street_codes LIKE '%;%' AND family = 'project'"
                      ).fetchall()
    assert two, "some projects state two 街道"
    for (codes,) in two:
        assert len(set(codes.split(";"))) == len(codes.split(";")) >= 2


def test_current_status_comes_from_the_latest_document(con):
    rows = con.execute("""
        WITH m AS (SELECT canonical_id, family, status, doc_id, line,
                          CASE WHEN length(doc_date) = 4 THEN doc_date || '-01-01' ELSE doc_date END AS d
                   FROM entity_mentions WHERE status IS NOT NULL)
        SELECT v.entity_id, v.current_status, arg_max(m.status, (m.d, m.doc_id, m.line)) AS latest
        FROM v_entities AS v JOIN m ON m.canonical_id = v.canonical_id AND m.family = v.family
        WHERE v.family_rep GROUP BY ALL""").fetchall()
    assert rows and all(current == latest for _e, current, latest in rows)


def test_completed_in_a_later_report_is_a_filter(con):
    later = queries.run_query(con, "projects_filtered", district_code=None, street_code=None, category=None,
                              status=None, year=None, doc_id=None, text=None, programmes=True, completed_later=True)
    assert "prj-000-0174" in set(later["entity_id"])  # planned in the 2022 appendix, opened per the 2024 report
    for entity_id in later["entity_id"]:
        timeline = queries.run_query(con, "entity_timeline", entity_id=entity_id)
        completed = timeline[timeline["status"] == "completed"]["doc_date"].map(lambda d: d if len(d) > 4 else d + "-01-01")
        first = timeline["doc_date"].map(lambda d: d if len(d) > 4 else d + "-01-01").min()
        assert (completed > first).any(), entity_id


# --- ingest check's rules ----------------------------------------------------------------------------------------

def test_check_passes_with_the_decisions():
    problems, _notes = check()
    assert problems == []


def test_check_fails_on_an_undecided_same_name_pair(tables):
    broken = copy.deepcopy(tables)
    pair = {r["entity_id"] for r in tables["projects"] if r["name"] == "张庄村刘庄村城中村改造"}
    broken["aliases"] = [a for a in broken["aliases"] if a["entity_id"] not in pair]
    assert any("张庄村刘庄村城中村改造" in p and "no decision" in p for p in check_review(broken))
    distinct = copy.deepcopy(broken)  # a decision can also be "distinct": the row stands for itself
    distinct["aliases"].append({"entity_id": "prj-003-0125", "canonical_id": "prj-003-0125",
                                "reason": "two different renewals"})
    assert not any("张庄村刘庄村城中村改造" in p for p in check_review(distinct))


def test_check_fails_on_artefacts_chains_and_unknown_classes(tables):
    broken = copy.deepcopy(tables)
    broken["projects"][0]["name"] = "专栏3 " + broken["projects"][0]["name"]
    broken["aliases"].append({"entity_id": "lay-002-0001", "canonical_id": "lay-000-0003", "reason": "x"})
    broken["site_classes"].append({"entity_id": "prj-000-0001", "class": "shop", "reason": "x"})
    broken["fixes"].append({"entity_id": "prj-000-0002", "field": "name", "old": "a", "new": "b", "reason": "x"})
    problems = "\n".join(check_review(broken))
    assert "layout artefact (box title" in problems
    assert "lay-004-0001: canonical lay-002-0001 is itself a mention" in problems
    assert "class 'shop'" in problems
    assert "prj-000-0002 name: not applied" in problems


def test_every_decision_has_a_reason_and_known_rows(tables):
    known = {r["entity_id"] for t in ENTITY_TABLES for r in tables[t]}
    for table in ("aliases", "site_classes", "layout_kinds", "fixes"):
        for row in tables[table]:
            assert row["entity_id"] in known and row["reason"], (table, row)


def test_the_projects_page_shows_a_timeline_and_lists_programmes_on_request(db_path, monkeypatch):
    import paths
    from tests.test_pages import app

    monkeypatch.setattr(paths, "DATABASE", db_path)
    at = app("projects", sel="prj-000-0174", later="1")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "区疾控中心正式启用" in text and "天桥区药山社区医院" in text  # both mentions in the timeline
    hidden = app("projects", q="智慧教育种子班")
    shown = app("projects", q="智慧教育种子班", prog="1")
    assert not hidden.exception and not shown.exception
    names = lambda at: " ".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())  # noqa: E731
    assert "智慧教育种子班培训" not in names(hidden) and "智慧教育种子班培训" in names(shown)
