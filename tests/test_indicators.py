"""Indicators a reader can verify: like-with-like comparison, figures inside their quotes (checked against the
seeds at the cited lines), the 2024 targets labelled beside the 2023 results, and the page in both languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import queries
from ingest.dataset import read_table
from ingest.quotes import quote_found
from ingest.reader import read_document

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def plain(cell) -> str:
    """A ``st.table`` cell without its Markdown escapes (ui.text.md)."""
    return re.sub(r"\\(.)", r"\1", str(cell)).replace("&#58;", ":")


def figures(*cells) -> set[str]:
    return {n for cell in cells for n in NUMBER.findall(cell or "")}


def test_comparison_never_pairs_different_units(con):
    rows = queries.run_query(con, "indicator_comparison")
    units = dict(con.execute("SELECT entity_id, coalesce(unit, '') FROM indicators").fetchall())
    assert all(units[e] == u for e, u in zip(rows["entity_id"], rows["unit"]))
    assert (rows.groupby(["indicator", "unit"])["district_code"].nunique() >= 2).all()
    # 槐荫's GDP growth (10 %, 专栏2 row 1) is never beside 市中's GDP in 亿元
    growth = con.execute("SELECT entity_id FROM indicators WHERE district_code = '370104' AND table_ref = '专栏2' "
                         "AND name = '地区生产总值增速'").fetchone()[0]
    assert growth not in set(rows["entity_id"])
    gdp = rows[rows["indicator"] == "地区生产总值"]
    assert set(gdp["unit"]) == {"亿元"}
    assert gdp.set_index("district_code").loc["370103", "base_value"] == "1059.6"
    assert "10" not in set(gdp["base_value"].dropna()) | set(gdp["target_value"].dropna())


def test_comparison_states_where_a_district_has_no_such_indicator(con):
    from ui import charts

    wide = charts.comparison(queries.run_query(con, "indicator_comparison")).set_index("指标")
    assert wide.loc["一般公共预算收入", "天桥区"] == "无同名同单位指标"
    assert wide.loc["一般公共预算收入", "市中区"] == "100.3 → 147"
    assert wide.loc["高新技术企业数量", "天桥区"] == "— → 300（正文）"  # 天桥's special plan (000 line 139)
    assert wide.loc["高新技术企业数量", "市中区"] == "— → 240（正文）"  # a prose target: no table row for it
    assert (wide == "").sum().sum() == 0  # no silent empty cell


def test_every_figure_is_inside_its_quotes_at_the_cited_lines(seeds_dir, seed):
    docs = {d: read_document(seed(d), d) for d in ("000", "001", "002", "003", "004")}
    rows = read_table("indicators")
    checked = 0
    for row in rows:
        wanted = figures(row["base_value"], row["target_value"], row["growth"])
        if not wanted:
            continue
        quoted = figures(row["quote"], row["value_quote"])
        assert wanted <= quoted, (row["entity_id"], wanted - quoted)
        doc = docs[row["doc_id"]]
        assert quote_found(doc, row["line"], row["quote"]), row["entity_id"]
        if row["value_quote"]:
            assert len(row["value_quote"]) <= 30
            assert quote_found(doc, row["value_line"], row["value_quote"]), row["entity_id"]
        checked += 1
    assert checked >= 400
    # 表1's GDP row: the cells are evidence, at the row's line and nowhere else
    gdp = next(r for r in rows if r["doc_id"] == "001" and r["table_ref"] == "表1" and r["name"] == "地区生产总值")
    assert {"1059.6", "1486.1"} <= figures(gdp["value_quote"]) and gdp["value_line"] == gdp["line"] == 597
    assert not quote_found(docs["001"], 599, gdp["value_quote"])


def test_2024_targets_are_labelled_beside_the_2023_results(con, seed):
    from ui import charts

    rows = queries.run_query(con, "indicator_targets", district_code="370105", target_year=2024)
    shown = charts.targets(rows).map(plain).set_index("名称")
    assert list(shown.columns[:3]) == ["单位", "2024年目标", "2023年完成"]
    assert tuple(shown.loc["一般公共预算收入增长", ["2024年目标", "2023年完成"]]) == ("7", "35.3")
    assert tuple(shown.loc["地区生产总值增长", ["2024年目标", "2023年完成"]]) == ("6.5", "6.5")
    assert "行 68" in shown.loc["一般公共预算收入增长", "原文依据"]
    assert "行 23" in shown.loc["一般公共预算收入增长", "原文依据"]
    # the text: 35.3 is the 2023 estimate (line 23), 7 the 2024 target (line 68)
    doc = read_document(seed("004"), "004")
    assert "一般公共预算收入增长35.3%" in doc.lines[22] and "预计全年" in doc.lines[22]
    assert "一般公共预算收入增长7%" in doc.lines[67]
    # the 2024 work plan's projects: started, continued and reserve, counts and total investment
    names = set(rows["name"])
    assert {"已启动项目", "已启动项目总投资", "续建项目", "新型智造组团储备项目总投资"} <= names


def test_growth_chart_names_every_bar(con):
    from ui import charts

    rows = queries.run_query(con, "indicators_of_district", district_code="370103")
    spec = charts.growth(rows).to_dict()
    bars = spec["layer"][0]
    data = spec["datasets"][next(iter(spec["datasets"]))]
    assert len(data) >= 10 and len({d["indicator"] for d in data}) == len(data)
    axis = bars["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False and axis["labelLimit"] == 0


@pytest.fixture()
def _database(db_path, monkeypatch):
    import paths
    monkeypatch.setattr(paths, "DATABASE", db_path)


@pytest.mark.parametrize("language, unit, nature, definition, other", [
    ("中文", "单位", "约束性", "约束性指标是必须完成的目标", "binding"),
    ("English", "Unit", "binding", "a binding indicator is a target that must be met", "约束性"),
])
def test_page_shows_units_and_explains_nature(_database, language, unit, nature, definition, other):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page("views/indicators.py")
    at.run()
    if language == "English":
        at.radio(key="lang").set_value("English").run()
    assert not at.exception, at.exception
    table = at.table[0].value  # every citation in full: st.table, its cells Markdown-escaped (ui.text.md)
    table = getattr(table, "data", table).map(plain)
    assert unit in table.columns and "亿元" in set(table[unit])
    natures = set(table[[c for c in table.columns if c in ("属性", "Nature")][0]])
    assert f"■ {nature}" in natures and not any(other in n for n in natures)
    notes = " ".join(m.value for m in at.markdown)
    assert definition in notes and ("001" in notes and "681" in notes)
    evidence = table[[c for c in table.columns if c in ("原文依据", "Evidence")][0]]
    gdp = evidence[table[[c for c in table.columns if c in ("名称", "Name")][0]] == "地区生产总值"].iloc[0]
    assert gdp.startswith("001 ") and "597" in gdp and "1059.6 1486.1" in gdp
