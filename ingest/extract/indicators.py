"""Indicator tables and quantified targets.

Three shapes occur in the documents:

* numbered table rows, ``1 地区生产总值（亿元） 1059.6 1486.1 7 预期性``, whose
  lines may be broken anywhere (the extractor reads the stream, so a row split over
  four lines reads the same as one on a single line);
* tab-separated rows, ``在园幼儿数（万人）\\t3.1\\t3.4\\t预期性``;
* targets in prose: ``到2025年，森林覆盖率稳定在34%左右`` and a work report's
  ``主要预期目标是：地区生产总值增长6.5%，……``.

Cells are kept as written (``[10]`` five-year totals, ``—``, ``完成上级下达任务``).
When extraction lost a cell (a merged cell in the PDF), the row says so in
``cell_issue`` and the missing value stays empty: nothing is guessed.
"""
from __future__ import annotations

import re

from ..reader import Document
from .evidence import evidence

__all__ = ["extract_indicators", "parse_cells", "parse_number"]

_NATURE = re.compile(r"(预期性|约束性)")
_CELL = re.compile(r"\[\s*[\d.]+\s*\]|\d+(?:\.\d+)?%?|——|—|--|-|完成(?:市|上级)?下达(?:任务)?")
_ROW = re.compile(r"(?<![\d.])(\d{1,2})\s*([^\d\s\[—\-][^\n]*?（[^）]{1,12}）(?:数)?)(?=\s*(?:[\d\[—\-]|完成|$))\s*(.*)$")
# Page furniture that the PDF extraction mixed into tables (running header + page number).
_FURNITURE = re.compile(r"济南市\S{2,3}区人民政府公报（\s*20\d\d\s*年第\s*\d+\s*期）\s*区政府文件\s*\d*")
_TABLE_TITLE = re.compile(r"(表\s*\d+|专栏\s*\d+)?[^。]{0,30}主要(?:规划)?(?:指标|目标)")
_YEARS = re.compile(r"(20\d\d)\s*年")
_PROSE = re.compile(
    r"到\s*(20\d\d)\s*年(?:底|末)?[，,]?\s*([^，。；]{2,30}?)(达到|稳定在|控制在|提高到|提升到|保持在|超过|不低于|不少于|力争达到|增长)"
    r"\s*(约)?\s*(\d+(?:\.\d+)?)\s*(%|万人|万亿元|亿元|万元|元|个|所|家|平方米|万平方米|公顷|公里|张|人|件|座)?")
_REPORT = re.compile(r"([\u4e00-\u9fa5]{2,16}?)(增长|达到)?\s*(\d+(?:\.\d+)?)\s*(%|万美元|亿美元|亿元)")


def parse_number(cell: str | None) -> float | None:
    """The number in a cell, or None for dashes and words.

    >>> parse_number("[9.6]"), parse_number("1059.6"), parse_number("—"), parse_number("完成上级下达任务")
    (9.6, 1059.6, None, None)
    """
    if not isinstance(cell, str) or not cell:
        return None
    match = re.fullmatch(r"\[?\s*(\d+(?:\.\d+)?)\s*\]?%?", cell.strip())
    return float(match.group(1)) if match else None


def parse_cells(text: str) -> list[str]:
    """The value cells of a row, in order.

    >>> parse_cells(" [26]完成市下达任务 - ")
    ['[26]', '完成市下达任务', '-']
    """
    return [re.sub(r"\s+", "", cell) for cell in _CELL.findall(text)]


def _unit(name: str) -> tuple[str, str]:
    match = re.search(r"（([^）]{1,12})）(?:数)?$", name)
    if match and not re.search(r"助理", match.group(1)):
        return name, match.group(1)
    match = re.search(r"（([^）]{1,12})）[^（]*$", name)
    return name, match.group(1) if match else ""


def _assign(cells: list[str]) -> tuple[str, str, str, str]:
    """Map a row's cells to (base, target, growth, cell_issue)."""
    if len(cells) >= 3:
        issue = "" if len(cells) == 3 else f"{len(cells)} value cells; the first three are used"
        return cells[0], cells[1], cells[2], issue
    if len(cells) == 2:
        return cells[0], "", cells[1], "only two value cells survived extraction: base/target assignment uncertain"
    if len(cells) == 1:
        return "", "", cells[0], "only one value cell survived extraction (merged cells)"
    return "", "", "", "no value cells survived extraction"


_TABLE_END = re.compile(r"注[：:]|第[一二三四五六七八九十]+章")
_ROW_SPAN = 400
"""A row is the text just before its 预期性/约束性 (at most 77 characters in the seeds): only this much is searched."""


def _table_regions(doc: Document) -> list[tuple[int, int, int, int, str]]:
    """(stream start, stream end, base year, target year, label) of every indicator table.

    A table ends at its note (注：) or the next chapter, else 3000 characters on, and never
    runs into the next table: regions do not overlap, so every row is read once.
    """
    titles = [match for match in _TABLE_TITLE.finditer(doc.stream)
              if _NATURE.search(doc.stream, match.end(), match.end() + 600)]
    regions = []
    for index, match in enumerate(titles):
        head = doc.stream[match.start(): match.start() + 160]
        years = [int(y) for y in _YEARS.findall(head)]
        limit = titles[index + 1].start() if index + 1 < len(titles) else len(doc.stream)
        end_match = _TABLE_END.search(doc.stream, match.end(), limit)
        end = min(end_match.start() if end_match else match.end() + 3000, limit)
        label = re.sub(r"\s+", "", match.group(1) or "表")
        base, target = (years[0], years[1]) if len(years) >= 2 else (None, years[0] if years else 2025)
        regions.append((match.end(), end, base, target, label))
    return regions


def _numbered_rows(doc: Document) -> list[dict]:
    rows: list[dict] = []
    for start, end, base_year, target_year, label in _table_regions(doc):
        chunk_start = start
        category = ""
        for nature in _NATURE.finditer(doc.stream, start, end):
            chunk_from = max(chunk_start, nature.start() - _ROW_SPAN)
            chunk = _FURNITURE.sub(lambda m: " " * len(m.group(0)), doc.stream[chunk_from: nature.start()])
            match = _ROW.search(chunk)
            chunk_start = nature.end()
            if not match:
                continue
            before = chunk[: match.start()]
            heading = re.findall(r"(?:[（(][一二三四五六][）)])?\s*([\u4e00-\u9fa5]{4,6})\s*$", before)
            if heading and not heading[0].endswith(("年", "属性", "增长", "目标", "完成")):
                category = re.sub(r"^(?:指标)?属性", "", heading[0])
            name, unit = _unit(re.sub(r"\s+", "", match.group(2)))
            cells = parse_cells(match.group(3))
            base, target, growth, issue = _assign(cells)
            offset = chunk_from + match.start(2)
            rows.append({"name": name, "category": category, "unit": unit, "base_year": base_year,
                         "base_value": base, "target_year": target_year, "target_value": target,
                         "growth": growth, "nature": nature.group(1),
                         "cumulative": any(c.startswith("[") for c in cells), "cell_issue": issue,
                         "table_ref": label, **evidence(doc, offset, name)})
    return rows


def _tab_rows(doc: Document) -> list[dict]:
    rows: list[dict] = []
    header_years: list[int] = []
    category = ""
    label = "表"
    for number, raw in enumerate(doc.lines, start=1):
        if "\t" not in raw:
            title = _TABLE_TITLE.search(raw)
            if title:
                label = re.sub(r"\s+", "", title.group(1) or "表")
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if any("属性" in c or "指标" == re.sub(r"\s", "", c) for c in cells):
            header_years = [int(y) for y in _YEARS.findall(raw)]
            continue
        if not _NATURE.fullmatch(cells[-1] or ""):
            if cells[0] and not any(cells[1:]):
                category = cells[0]
            continue
        nature = cells[-1]
        if len(cells) == 5:  # 分类 | 指标 | 单位 | 2025年规划值 | 属性
            category = cells[0] or category
            name, unit, values = cells[1], cells[2], [cells[3]]
        else:
            name, unit = _unit(cells[0])
            values = cells[1:-1]
        base, target = (values[0], values[1]) if len(values) >= 2 else ("", values[0] if values else "")
        years = header_years or [2025]
        line_offset = doc.offset_of_line(number)
        found = doc.stream.find(name, line_offset)
        offset = found if found >= 0 else line_offset - 1
        rows.append({"name": name, "category": category, "unit": unit,
                     "base_year": years[0] if len(years) >= 2 else None, "base_value": base,
                     "target_year": years[-1], "target_value": target, "growth": "", "nature": nature,
                     "cumulative": False, "cell_issue": "", "table_ref": label, **evidence(doc, offset, name)})
    return rows


_SENTENCE_SPAN = 1000
"""A work report's list of targets ends at its full stop, looked for this far (the seeds need 132 characters)."""


def _prose_targets(doc: Document) -> list[dict]:
    rows: list[dict] = []
    for match in _PROSE.finditer(doc.stream):
        year, subject, verb, approx, value, unit = match.groups()
        subject = re.sub(r"^(?:全区|我区|全面|基本|力争|努力|实现)", "", subject).strip()
        value_text = f"{'约' if approx else ''}{value}{unit or ''}"
        if verb == "增长":
            value_text = f"增长{value_text}"
        rows.append({"name": subject, "category": "", "unit": unit or "", "base_year": None, "base_value": "",
                     "target_year": int(year), "target_value": value_text, "growth": "", "nature": "",
                     "cumulative": False, "cell_issue": "", "table_ref": "prose",
                     **evidence(doc, match.start(), None)})
    for intro in re.finditer(r"主要预期目标是[：:]", doc.stream):
        sentence_end = doc.stream.find("。", intro.end(), intro.end() + _SENTENCE_SPAN)
        year_match = re.findall(r"(20\d\d)年", doc.stream[max(0, intro.start() - 400): intro.start()])
        year = int(year_match[-1]) if year_match else None
        for match in _REPORT.finditer(doc.stream, intro.end(), sentence_end):
            name, verb, value, unit = match.groups()
            name = name.lstrip("，、")
            rows.append({"name": name, "category": "年度预期目标", "unit": unit, "base_year": None,
                         "base_value": "", "target_year": year,
                         "target_value": f"{verb or ''}{value}{unit}", "growth":
                         f"{value}{unit}" if verb == "增长" else "", "nature": "预期性", "cumulative": False,
                         "cell_issue": "", "table_ref": "prose", **evidence(doc, match.start(), name)})
    return rows


def extract_indicators(doc: Document) -> list[dict]:
    """Every indicator table row and quantified prose target in ``doc``."""
    return _numbered_rows(doc) + _tab_rows(doc) + _prose_targets(doc)
