"""Extractors on short real excerpts, then end to end on the five seeds."""
from __future__ import annotations

import pytest

from ingest.extract import extract_all
from ingest.extract.indicators import extract_indicators
from ingest.extract.layouts import extract_layouts
from ingest.extract.listings import extract_projects
from ingest.reader import Document, read_document
from ingest.structure import find_sections


def doc(text: str, doc_id: str = "x") -> Document:
    return Document(doc_id, doc_id, "utf-8", text.split("\n"))


def test_layout_formula_with_its_ji_definitions():
    d = doc("构建“两核三区、三纵三横”的城市发展新布局。\n\n“两核”，即济南国际医学科学中心\n\n和央企总部城。\n"
            "“三纵”，即纬十二路都市消费带、二环西路隆起轴、\n玉符河生态休闲带。")
    layouts, components = extract_layouts(d)
    assert [layout["name"] for layout in layouts] == ["两核三区、三纵三横"]
    cores = [(c["name"], c["kind"], c["line"]) for c in components if c["group_label"] == "两核"]
    assert cores == [("济南国际医学科学中心", "center", 3), ("央企总部城", "area", 5)]
    assert [c["name"] for c in components if c["group_label"] == "三纵"] == [
        "纬十二路都市消费带", "二环西路隆起轴", "玉符河生态休闲带"]


def test_layout_members_dealt_out_by_group_counts():
    d = doc("构建“一轴两带五组团”的产业空间格局，即黄河城市联动轴，济泺路黄金经济带和小清河创新产业带，"
            "新型智造组团、高科创新组团、特色商贸组团、高端服务组团、现代农业组团。")
    _, components = extract_layouts(d)
    assert [(c["group_label"], c["kind"]) for c in components][:3] == [("一轴", "axis"), ("两带", "belt"),
                                                                       ("两带", "belt")]
    assert sum(c["group_label"] == "五组团" for c in components) == 5


def test_city_formula_kept_but_marked():
    layouts, components = extract_layouts(doc("落实“东强、西兴、南美、北起、中优”城市发展新格局。"))
    assert [(x["name"], x["scope"]) for x in layouts] == [("东强、西兴、南美、北起、中优", "city")]
    assert components == []


def test_table_rows_with_merged_cells_are_explicit():
    d = doc("表 1 “十四五”时期经济社会发展主要指标\n类别 序号 指标名称\n2020年\n完成\n\n2025年\n目标\n年均增长\n（%）\n指标属性\n"
            "1 地区生产总值（亿元） 1059.6 1486.1 7 预期性\n"
            "13 实际利用外资（亿美元） [10] [16] - 预期性\n"
            "18 空气质量优良天数比率（%） 63.7 - 约束性\n注：①预期性指标")
    rows = {r["name"]: r for r in extract_indicators(d)}
    gdp = rows["地区生产总值（亿元）"]
    assert (gdp["base_year"], gdp["base_value"], gdp["target_year"], gdp["target_value"], gdp["growth"],
            gdp["nature"]) == (2020, "1059.6", 2025, "1486.1", "7", "预期性")
    assert rows["实际利用外资（亿美元）"]["cumulative"] is True
    air = rows["空气质量优良天数比率（%）"]
    assert air["target_value"] == "" and "uncertain" in air["cell_issue"]


def test_inline_list_gives_one_row_per_item():
    d = doc("幼儿园新建项目：天桥区第一幼儿园、北园幼儿园、泺口实验幼儿园。")
    names = [p["name"] for p in extract_projects(d) if p.get("list")]
    assert names == ["天桥区第一幼儿园", "北园幼儿园", "泺口实验幼儿园"]


def test_sections_nest_boxes_inside_headings():
    d = doc("第一章 发展基础\n正文\n第一节 目标\n专栏 1 重点工程\n项目\n第二章 任务")
    sections = find_sections(d)
    assert [(s.label, s.line_start, s.line_end) for s in sections] == [
        ("第一章", 1, 5), ("第一节", 3, 5), ("专栏1", 4, 5), ("第二章", 6, 6)]
    assert sections[2].parent_id == "x:3"


# ---- the five seeds, end to end -------------------------------------------------------------

@pytest.fixture(scope="module")
def extracted(seed):
    return {d: extract_all(read_document(seed(d), d)) for d in ("000", "001", "002", "003", "004")}


@pytest.mark.seeds
def test_seed_003_two_cores(extracted):
    cores = [c["name"] for c in extracted["003"]["layout_components"]
             if c["layout"] == "两核三区、三纵三横" and c["group_label"] == "两核"]
    assert cores == ["济南国际医学科学中心", "央企总部城"]
    groups = {c["group_label"] for c in extracted["003"]["layout_components"] if c["layout"] == "两核三区、三纵三横"}
    assert groups == {"两核", "三区", "三纵", "三横"}


@pytest.mark.seeds
def test_seed_001_gdp_row(extracted):
    gdp = next(r for r in extracted["001"]["indicators"] if r["name"] == "地区生产总值（亿元）")
    assert (gdp["base_value"], gdp["target_value"], gdp["growth"], gdp["nature"], gdp["table_ref"]) == (
        "1059.6", "1486.1", "7", "预期性", "表1")
    assert gdp["line"] == 597


@pytest.mark.seeds
def test_seed_000_appendix_gives_each_project_its_street(extracted):
    table = [p for p in extracted["000"]["projects"] if p.get("street_as_written")]
    assert len(table) == 40
    by_name = {p["name"]: p["street_as_written"] for p in table}
    assert by_name["天桥区药山社区医院（疾控中心）建设项目"] == "药山街道"
    assert by_name["时代未来城项目"] == "药山街道"
    assert all(p["street_as_written"].endswith("街道") for p in table)


@pytest.mark.seeds
def test_seed_000_ocr_variants_of_luokou_are_mentions_of_luokou(extracted):
    codes = {m["name"]: m["street_code"] for m in extracted["000"]["street_mentions"]}
    assert codes["涿口街道"] == "370105015000"


@pytest.mark.seeds
def test_seed_004_targets_for_2024(extracted):
    targets = {r["name"]: r for r in extracted["004"]["indicators"] if r["target_year"] == 2024}
    assert targets["地区生产总值"]["target_value"] == "增长6.5%"
    assert targets["实际使用外资"]["target_value"] == "7000万美元"


@pytest.mark.seeds
def test_seed_layouts_found_in_every_district(extracted):
    names = {d: {x["name"] for x in rows["layouts"]} for d, rows in extracted.items()}
    assert "一轴两园六大功能区" in names["000"] and "一路二中心三园区四平台" in names["000"]
    assert {"一埠一圈一广场", "一带一城一智谷", "一河两峪", "三大空间"} <= names["001"]
    assert "一轴两带五组团" in names["002"] and "两核三区、三纵三横" in names["003"]
