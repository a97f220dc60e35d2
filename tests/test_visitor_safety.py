"""What a visitor can send never crashes a page: the two reported clicks, forged component and table
values on every page, and a failing page shows a short message without a traceback or a server path."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import paths

from .conftest import planted_database
from .test_pages import app

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "layouts", "projects", "facilities", "indicators", "sources"]
FORGED = ["x", ["a", 1], 0, {"last_active_drawing": "junk"}, {"last_active_drawing": {"properties": [1, 2]}},
          {"last_active_drawing": {"properties": {"entity_id": "../../etc/passwd"}}},
          {"last_active_drawing": {"properties": {"entity_id": ["prj-000-0001"]}}},
          {"last_active_drawing": {"properties": {"entity_id": "prj-999-9999"}}},
          {"nested": [{"deep": [[[{}]]]}] * 50}, "y" * 200_000]
PAGE_ERROR = "这个页面出了问题"


@pytest.fixture(autouse=True)
def _database(db_path, monkeypatch):
    monkeypatch.setattr(paths, "DATABASE", db_path)


def visible_text(at: AppTest) -> str:
    """Everything the page shows as text (markdown, captions, alerts, titles)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return "\n".join(parts)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    text = visible_text(at)
    assert PAGE_ERROR not in text
    assert "Traceback" not in text and str(ROOT) not in text and "/usr/" not in text


def table_key(at: AppTest) -> str:
    return next(d.key for d in at.dataframe if (d.key or "").startswith("p_table_"))


def detail_name(at: AppTest) -> str | None:
    import html
    import re

    headings = [re.fullmatch(r'<h4 class="planmap-name">(.*)</h4>', m.value) for m in at.markdown]
    return next((html.unescape(h.group(1)) for h in headings if h), None)


def test_unticking_every_group_of_a_layout_says_so():
    at = app("layouts", d="370105")
    layout = next(o for o in at.selectbox(key="layouts_layout").options if "一轴两园六大功能区" in o)
    at.selectbox(key="layouts_layout").select(layout).run()
    layout_id = at.selectbox(key="layouts_layout").value
    groups = at.button_group(key=f"groups_{layout_id}")
    assert groups.options == ["一轴", "两园", "六大功能区"]
    groups.set_value([]).run()
    assert_clean(at)
    assert any("没有选中任何组成部分" in i.value for i in at.info)
    at.toggle(key="layouts_present").set_value(True).run()  # presentation mode with nothing to present
    assert_clean(at)


def test_a_picked_row_stays_the_same_project_when_the_filter_changes():
    at = app("projects")
    frame = next(d for d in at.dataframe if d.key == table_key(at)).value
    picked = frame.iloc[10]["名称"]
    at.session_state[table_key(at)] = {"selection": {"rows": [10], "columns": []}}
    at.run()
    assert_clean(at)
    assert detail_name(at) == picked
    at.text_input(key="p_text").input("滨河商务中心").run()  # the reported crash: IndexError
    assert_clean(at)
    assert detail_name(at) in (None, picked)  # never another project than the one picked
    at.text_input(key="p_text").input("").run()
    at.selectbox(key="p_district").set_value("370104").run()
    assert_clean(at)
    assert detail_name(at) in (None, picked)


@pytest.mark.parametrize("rows", [[999999], [-1], ["0"], [0, 1], None, "x", [True]])
def test_forged_table_selections_are_ignored(rows):
    at = app("projects")
    at.session_state[table_key(at)] = {"selection": {"rows": rows, "columns": []}}
    at.run()
    assert_clean(at)
    assert detail_name(at) is None


@pytest.mark.parametrize("page", PAGES)
def test_forged_map_values_are_ignored_on_every_page(page, monkeypatch):
    import streamlit_folium

    values = iter(FORGED * 3)
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: next(values))
    at = app(page)
    assert_clean(at)
    for _ in range(len(FORGED) - 1):
        at.run()
        assert_clean(at)


def test_a_failing_page_shows_a_short_message_and_no_path(monkeypatch):
    import ui.data

    def broken(name, **params):
        raise RuntimeError(f"disk error in {ROOT}/data/secret.duckdb")

    monkeypatch.delenv("PLANMAP_RAISE_ERRORS")
    monkeypatch.setattr(ui.data, "_shared_query", broken)
    at = app("projects")
    assert not at.exception
    text = visible_text(at)
    assert PAGE_ERROR in text
    assert "secret.duckdb" not in text and str(ROOT) not in text and "RuntimeError" not in text
    at.radio(key="lang").set_value("English").run()
    assert "Sorry, something went wrong" in visible_text(at)


def test_the_server_config_hides_error_details():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


HOSTILE = ["![px](http://203.0.113.9/pixel.png)", "[详情](http://203.0.113.9/x)", "投资$x^2$亿",
           ":material/home: :red[红色]", '=HYPERLINK("http://203.0.113.9","详情")', "+1", "-2", "@SUM(A1)",
           "\tTAB", "<img src=x onerror=alert(1)>"]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, db_path):
    """A copy of the database with projects whose names are Markdown, maths, shortcodes, formulas, HTML."""
    return planted_database(db_path, tmp_path_factory.mktemp("hostile_names") / "planmap.duckdb", HOSTILE)


@pytest.mark.parametrize("page,params", [("projects", {"s": "370105013000", "sel": "syn-000000"}),
                                         ("projects", {"s": "370105013000", "sel": "syn-000003"}),
                                         ("overview", {}), ("facilities", {}), ("layouts", {})])
def test_planted_names_stay_text_on_the_pages(hostile_db, monkeypatch, page, params):
    monkeypatch.setattr(paths, "DATABASE", hostile_db)
    import streamlit as st
    st.cache_resource.clear()
    at = app(page, **params)
    st.cache_resource.clear()
    assert_clean(at)
    for element in at.markdown:  # Markdown that Streamlit would interpret holds no planted syntax
        source = element.value
        if source.lstrip().startswith("<"):  # an escaped HTML block (ui.text.show)
            assert "<img" not in source and ":material/" not in source and ":red[" not in source
        else:
            assert not any(raw in source for raw in ("](http", ":material/home:", "$x^2$", "<img"))
    if page == "projects":
        names = {"syn-000000": HOSTILE[0], "syn-000003": HOSTILE[3]}
        assert any(names[params["sel"]] == detail_name_in(m.value) for m in at.markdown)


def detail_name_in(source: str) -> str | None:
    import html
    import re

    match = re.fullmatch(r'<h4 class="planmap-name">(.*)</h4>', source)
    return html.unescape(match.group(1)) if match else None


def test_downloaded_csv_neutralises_formulas(hostile_db):
    import csv
    import io

    import duckdb

    import queries
    from ui.downloads import csv_bytes

    with duckdb.connect(str(hostile_db), read_only=True) as con:
        rows = queries.run_query(con, "projects_filtered", district_code=None, street_code="370105013000",
                                 category=None, status=None, year=None, doc_id=None, text=None,
                                 programmes=False, completed_later=False)
    table = list(csv.DictReader(io.StringIO(csv_bytes(rows).decode("utf-8-sig"))))
    assert len(table) == len(rows)
    names = {row["entity_id"]: row["name"] for row in table}
    for index, name in enumerate(HOSTILE):
        cell = names[f"syn-{index:06d}"]
        if name[0] in "=+-@\t\r":
            assert cell == "'" + name  # a spreadsheet shows it as text, never runs it
        else:
            assert cell == name
