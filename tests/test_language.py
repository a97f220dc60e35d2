"""Every page in each language shows no interface text in the other one.

Data names stay as the documents write them (a park's name, a quote, a street office, a document's
title, a value "as written"); everything else — labels, enumerations, notes written for users — comes
from the label catalogue in the reader's language. The check renders each page under AppTest in both
languages, takes away the data strings found in the database and a short allow-list of names and
codes, and fails on any Chinese left in English mode or English words left in Chinese mode.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import paths

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "layouts", "projects", "facilities", "indicators", "sources"]
CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9_\-./])[A-Za-z]{3,}(?![A-Za-z0-9_\-./])")
# Names and codes that are the same in both languages
ALLOWED_LATIN = {"CSV", "GeoJSON", "PNG", "HTML", "WGS", "GCJ", "UTM", "npm", "NBS", "WTFPL", "OpenStreetMap", "OpenTopoMap", "Esri", "MIT",
                 "Leaflet", "ECharts", "pyecharts", "Language", "English", "PlanMap", "Jinan", "localhost",
                 "PLANMAP_PUBLIC_URL", "CBD", "TOD", "ATTRIBUTION"}
ALLOWED_CJK = {"中文", "语言"}  # the language switch names both languages in both


@pytest.fixture(autouse=True)
def _database(db_path, monkeypatch):
    monkeypatch.setattr(paths, "DATABASE", db_path)


@pytest.fixture(scope="module")
def data_strings(db_path) -> list[str]:
    """Every string the data itself holds for display: names, quotes, titles, values as written."""
    found: set[str] = set()
    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        wanted = {"name", "quote", "title", "issuer", "doc_number", "section_title", "group_label", "places",
                  "unit", "base_value", "target_value", "growth", "category", "table_ref", "street_as_written",
                  "investment_text", "scale", "build_method", "year", "place", "label", "value_quote",
                  "as_written", "period"}
        for table in sorted(tables):
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND data_type = 'VARCHAR'",
                [table]).fetchall()]
            if table == "indicators":
                columns = [c for c in columns if c not in ("nature", "cell_issue")]
            for column in (c for c in columns if c in wanted):
                found.update(v for (v,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
                             if isinstance(v, str) and v.strip())
    parts = {p for value in found for p in re.split(r"[;；、]", value) if p.strip()}
    meaningful = {v for v in found | parts if CJK.search(v) or len(re.findall(r"[A-Za-z]", v)) >= 3}
    return sorted(meaningful, key=len, reverse=True)  # not "-" or "%": they would cut words apart


def shown_text(at: AppTest) -> list[str]:
    """The text a visitor sees: elements, widget labels and options, metric labels, table headers and cells."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success"):
        out += [str(element.value) for element in getattr(at, kind)]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "toggle", "checkbox", "button", "button_group"):
        for widget in getattr(at, kind):
            out.append(str(widget.label))
            out += [str(option) for option in (getattr(widget, "options", None) or [])]
    out += [str(m.label) for m in at.metric] + [str(e.label) for e in at.expander]
    for frame in at.dataframe:
        value = frame.value
        out += [str(c) for c in value.columns]
        for column in value.columns:
            out += [str(cell) for cell in value[column].head(60)]
    for table in at.table:  # static tables: cells are Markdown, escaped with ui.text.md
        value = getattr(table.value, "data", table.value)
        out += [str(c) for c in value.columns]
        for column in value.columns:
            out += [re.sub(r"\\(.)", r"\1", str(cell)).replace("&#58;", ":") for cell in value[column].head(60)]
    return out


def leftover(text: str, data: list[str]) -> str:
    text = re.sub(r"<style>.*?</style>|<code>.*?</code>|`[^`]*`|<[^>]+>|https?://\S+|&#\d+;|&\w+;", " ", text,
                  flags=re.S)
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    return text


def render(page: str, english: bool) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page(f"views/{page}.py")
    if english:
        at.query_params["lang"] = "en"
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_show_no_chinese_interface_text(page, data_strings):
    at = render(page, english=True)
    assert not at.exception
    assert at.title and not CJK.search(at.title[0].value)
    problems = set()
    for text in shown_text(at):
        rest = leftover(text, data_strings)
        for allowed in ALLOWED_CJK:
            rest = rest.replace(allowed, " ")
        if CJK.search(rest):
            problems.add(text[:120])
    assert not problems, "\n".join(sorted(problems)[:40])


@pytest.mark.parametrize("page", PAGES)
def test_chinese_pages_show_no_english_interface_text(page, data_strings):
    at = render(page, english=False)
    assert not at.exception
    problems = set()
    for text in shown_text(at):
        rest = leftover(text, data_strings)
        words = [w for w in ENGLISH_WORD.findall(rest) if w not in ALLOWED_LATIN]
        if words:
            problems.add(f"{words[:4]} in {text[:100]!r}")
    assert not problems, "\n".join(sorted(problems)[:40])


def test_the_check_catches_both_directions(data_strings):
    """The rule itself: a label left in the other language is caught; a data name is not."""
    assert CJK.search(leftover("Status: 规划", data_strings))
    assert not CJK.search(leftover("Park: 济南黄河森林公园", data_strings).replace("Park", ""))
    assert ENGLISH_WORD.findall(leftover("定位方式：landmark", data_strings)) == ["landmark"]
    assert ENGLISH_WORD.findall(leftover("文件 data/entities/projects.csv", data_strings)) == []
