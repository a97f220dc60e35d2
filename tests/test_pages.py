"""Every page under AppTest: no exception, and the key interactions."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import queries

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "layouts", "projects", "facilities", "indicators", "sources"]
YAOSHAN = "370105013000"


@pytest.fixture(autouse=True)
def _database(db_path, monkeypatch):
    import paths
    monkeypatch.setattr(paths, "DATABASE", db_path)


def app(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page(f"views/{page}.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_page_runs(page):
    at = app(page)
    assert not at.exception, at.exception
    assert at.title or at.markdown


def test_choosing_yaoshan_shows_exactly_its_projects(db_path):
    with duckdb.connect(str(db_path), read_only=True) as con:
        expected = queries.run_query(con, "projects_filtered", district_code=None, street_code=YAOSHAN,
                                     category=None, status=None, year=None, doc_id=None, text=None,
                                     programmes=False, completed_later=False)
    assert len(expected) > 5
    at = app("projects")
    at.selectbox(key="p_street").set_value(YAOSHAN).run()
    assert not at.exception
    assert f"共 {len(expected)} 项" in at.caption[0].value
    table = next(d for d in at.dataframe if (d.key or "").startswith("p_table_")).value
    assert sorted(table["名称"]) == sorted(expected["name"])


def test_street_selector_lists_all_48_with_counts():
    at = app("projects")
    options = at.selectbox(key="p_street").options
    assert len(options) == 49  # "all" + 48 street offices, zero-count ones included
    assert any(option.endswith("(0)") for option in options)


def map_layers(at) -> str:
    """The script of the layers the page hands to the map component (legend included)."""
    import json

    def find(node):
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else []):
            if getattr(child, "type", None) == "component_instance":
                return child
            found = find(child)
            if found is not None:
                return found

    return json.loads(find(at.main).proto.json_args)["feature_group"]


def legend_of(at) -> str:
    script = map_layers(at)
    start = script.index("planmap-legend")  # the on-map legend control's HTML follows its class name
    return script[start:]


def test_switching_layout_changes_the_legend():
    at = app("layouts", d="370104")
    assert not [m for m in at.markdown if "planmap-legend-bar" in m.value]  # the legend is on the map now
    legend = legend_of(at)
    assert "两核" in legend and 'data-shape=\\"core\\"' in legend and 'data-shape=\\"line\\"' in legend
    other = [o for o in at.selectbox(key="layouts_layout").options if "两核" not in o][0]
    at.selectbox(key="layouts_layout").select(other).run()
    after = legend_of(at)
    assert after != legend and "两核" not in after


def test_presentation_mode_steps():
    at = app("layouts", d="370104", l="lay-003-0005", p="1")
    assert not at.exception
    heading = [m.value for m in at.markdown if "第 1 / 11 项" in m.value]
    assert heading and "两核" in heading[0]
    assert at.button(key="layouts_prev").disabled and not at.button(key="layouts_next").disabled
    at.button(key="layouts_next").click().run()
    assert any("第 2 / 11 项" in m.value for m in at.markdown)
    assert at.query_params["step"] in ("2", ["2"])
    assert not at.button(key="layouts_prev").disabled  # enabled for the step shown, not one behind
    for _ in range(9):
        at.button(key="layouts_next").click().run()
    assert any("第 11 / 11 项" in m.value for m in at.markdown)
    assert at.button(key="layouts_next").disabled and not at.button(key="layouts_prev").disabled
    at.button(key="layouts_prev").click().run()
    assert any("第 10 / 11 项" in m.value for m in at.markdown)


def test_language_toggle_changes_labels():
    at = app("projects")
    assert at.title[0].value == "项目"
    at.radio(key="lang").set_value("English").run()
    assert at.title[0].value == "Projects"
    assert at.selectbox(key="p_street").label == "Street office"


def test_url_state_restores_filters():
    at = app("projects", s=YAOSHAN, st="planned")
    assert at.selectbox(key="p_street").value == YAOSHAN
    assert at.selectbox(key="p_status").value == "planned"
    assert not at.warning


@pytest.mark.parametrize("params", [{"s": "999"}, {"d": "<script>"}, {"st": "x" * 500}, {"q": "a<b>"}])
def test_bad_url_parameters_are_ignored_with_a_notice(params):
    at = app("projects", **params)
    assert not at.exception
    assert at.warning and "忽略" in at.warning[0].value


def test_empty_result_says_so_and_offers_reset():
    at = app("projects", q="不存在的项目名称")
    assert any("没有符合条件" in i.value for i in at.info)
    at.button(key="p_reset_button").click().run()
    assert at.text_input(key="p_text").value == ""
    assert "共 654 项" in at.caption[0].value or "共" in at.caption[0].value


def test_share_link_and_qr_follow_the_view():
    import base64
    import re

    at = app("projects", s=YAOSHAN, q='"><script>x</script>')
    link = at.sidebar.code[0].value
    assert f"s={YAOSHAN}" in link
    assert not any("data:image/png" in m.value for m in at.sidebar.markdown)  # the QR code only on demand
    at.sidebar.toggle(key="share_qr").set_value(True).run()
    qr = next(m.value for m in at.sidebar.markdown if "data:image/png;base64," in m.value)
    png = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", qr).group(1))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 200
    assert "<script>" not in qr and "<script>" not in link
