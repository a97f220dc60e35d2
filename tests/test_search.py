"""Place search: the query (ranking, one row per entity, bound text) and the pages under AppTest."""
from __future__ import annotations

import pytest

import queries

from .test_pages import app, _database  # noqa: F401 (fixture)


@pytest.mark.parametrize("text, first", [("药山", "药山"), ("西站", "济南西站"), ("医学科学中心", "济南国际医学科学中心")])
def test_exact_and_partial_names_find_the_place_first(con, text, first):
    found = queries.run_query(con, "search_entities", text=text)
    assert found.iloc[0]["name"] == first  # 医学科学中心 is a mention of 济南国际医学科学中心: listed by its real name
    mentions = con.execute("SELECT DISTINCT canonical_id FROM v_entities WHERE contains(name, ?) "
                           "AND family <> 'indicator'", [text]).fetchall()
    assert sorted(found["entity_id"]) == sorted(c for (c,) in mentions)  # every real thing once, nothing else


def test_one_row_per_real_thing_located_first(con):
    found = queries.run_query(con, "search_entities", text="药山")
    canonical = con.execute("SELECT entity_id, canonical_id FROM v_entities").fetchall()
    assert set(found["entity_id"]) <= {e for e, c in canonical if e == c}
    assert con.execute("SELECT count(*) FROM v_entities WHERE name = '药山'").fetchone()[0] >= 2  # two documents
    assert list(found["name"]).count("药山") == 1
    rank = [(0 if name == "药山" else 1 if name.startswith("药山") else 2, lon != lon or lon is None)
            for name, lon in zip(found["name"], found["lon"])]
    assert rank == sorted(rank)  # exact, then prefix, then the rest; located before unlocated within each


@pytest.mark.parametrize("text", ["", "'; DROP TABLE projects; --", "%", "_", "<script>"])
def test_odd_text_is_plain_text(con, text):
    found = queries.run_query(con, "search_entities", text=text)
    assert text != "" or found.empty
    assert con.execute("SELECT count(*) FROM projects").fetchone()[0] > 0


@pytest.mark.parametrize("page, key", [("overview", "o"), ("layouts", "l"), ("projects", "p"), ("facilities", "f")])
def test_typing_and_picking_opens_the_detail(page, key):
    at = app(page)
    at.text_input(key=f"{key}_find").input("药山").run()
    picker = next(s for s in at.selectbox if (s.key or "").startswith(f"{key}_hit_"))
    assert picker.options[0].startswith("药山 · ")
    picker.set_value("plc-000-0119").run()
    assert not at.exception, at.exception
    assert any('<h4 class="planmap-name">药山</h4>' in m.value for m in at.markdown)
    assert at.query_params["find"] in ("药山", ["药山"]) and at.query_params["sel"] in ("plc-000-0119", ["plc-000-0119"])


def test_a_shared_search_link_reopens_the_place():
    at = app("facilities", find="药山", sel="plc-000-0119")
    assert not at.exception
    assert any('<h4 class="planmap-name">药山</h4>' in m.value for m in at.markdown)


def test_bad_search_parameters_are_ignored_with_a_notice():
    at = app("projects", find="<script>alert(1)</script>", sel="../../etc/passwd")
    assert not at.exception
    assert len(at.warning) >= 2
