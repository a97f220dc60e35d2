"""Find a document's headings (章 / 节 / numbered sub-headings / 专栏 / 表) and their line ranges.

Each heading becomes a :class:`Section` that ends where the next heading of the
same or a higher level starts (boxes, 专栏 and 表, end at the next heading of any
kind). Entities are tied to the innermost section that contains their line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .reader import Document

__all__ = ["Section", "find_sections", "innermost"]

_NUM = "一二三四五六七八九十百零〇"
# (level, kind, pattern); level 0 is a box (专栏 / 表), which nests inside anything.
_RULES: list[tuple[int, str, re.Pattern[str]]] = [
    (1, "part", re.compile(r"^济南市\S{2,4}区\s*“十四五”\s*\S*\s*专项规划$")),
    (2, "chapter", re.compile(rf"^第[{_NUM}]+[章篇](?:\s|$)")),
    (3, "section", re.compile(rf"^第[{_NUM}]+节(?:\s|$)")),
    (4, "heading", re.compile(rf"^[{_NUM}]+、\s*\S")),
    (5, "subheading", re.compile(rf"^（[{_NUM}]+）\s*\S")),
    (6, "item", re.compile(r"^\d{1,2}(?:\.\d{1,2})?[.．、]\s*\D")),
    (0, "box", re.compile(r"^专栏(?:\s*[:：]?\s*\d+|\s+\S)")),
    (0, "table", re.compile(r"^(?:表\s*\d+|附表|附录\s*$)")),
]
_MAX_TITLE = 60


@dataclass(frozen=True)
class Section:
    doc_id: str
    section_id: str
    kind: str
    level: int
    label: str
    title: str
    line_start: int
    line_end: int
    parent_id: str | None


def _classify(text: str) -> tuple[int, str] | None:
    if len(text) > _MAX_TITLE * 3:
        return None
    for level, kind, pattern in _RULES:
        if pattern.match(text):
            # A numbered heading is short; a long line that merely starts with "一、" is prose.
            if kind in {"heading", "subheading", "item"} and len(text) > _MAX_TITLE and "。" in text[:_MAX_TITLE]:
                return None
            return level, kind
    return None


def _label(text: str, kind: str) -> str:
    if kind in {"box", "table"}:
        match = re.match(r"^(专栏\s*[:：]?\s*\d*|表\s*\d+|附表|附录)", text)
    else:
        match = re.match(rf"^(第[{_NUM}]+[章节篇]|[{_NUM}]+、|（[{_NUM}]+）|\d{{1,2}}(?:\.\d{{1,2}})?[.．、])", text)
    return re.sub(r"\s+", "", match.group(1)).rstrip("：:") if match else ""


def _ends(headings: list[tuple[int, int]], last_line: int) -> list[int]:
    """The last line of each heading's section, in one pass: ``headings`` are ``(line, level)``.

    A heading ends before the next heading of the same or a higher level (boxes, level 0, do
    not end one); a box ends before the next heading of any kind. Open headings wait on a stack
    whose levels rise from the bottom, so each is closed once.
    """
    ends = [last_line] * len(headings)
    open_headings: list[int] = []
    open_box: int | None = None
    for j, (line, level) in enumerate(headings):
        if open_box is not None:
            ends[open_box] = line - 1
            open_box = None
        if level == 0:
            open_box = j
            continue
        while open_headings and headings[open_headings[-1]][1] >= level:
            ends[open_headings.pop()] = line - 1
        open_headings.append(j)
    return ends


def find_sections(doc: Document) -> list[Section]:
    """Return the document's sections in line order.

    >>> from ingest.reader import Document
    >>> d = Document("x", "x", "utf-8", ["第一章 总体思路", "正文", "第一节 目标", "专栏 1 重点工程"])
    >>> [(s.label, s.line_start, s.line_end) for s in find_sections(d)]
    [('第一章', 1, 4), ('第一节', 3, 4), ('专栏1', 4, 4)]
    """
    found: list[tuple[int, str, int, str]] = []  # (line, kind, level, text)
    for number, raw in enumerate(doc.lines, start=1):
        text = raw.strip()
        if not text:
            continue
        hit = _classify(text)
        if hit:
            found.append((number, hit[1], hit[0], text))
    last_line = len(doc.lines)
    while last_line > 1 and not doc.lines[last_line - 1].strip():
        last_line -= 1
    ends = _ends([(line, level) for line, _kind, level, _text in found], last_line)
    sections: list[Section] = []
    stack: list[tuple[int, str, int]] = []  # (level, section_id, index)
    for i, (line, kind, level, text) in enumerate(found):
        end = ends[i]
        effective = level if level else 99
        while stack and stack[-1][0] >= effective:
            stack.pop()
        # a box nests inside the innermost open heading; close a previous box first
        parent = stack[-1][1] if stack else None
        section_id = f"{doc.doc_id}:{line}"
        sections.append(Section(doc.doc_id, section_id, kind, level, _label(text, kind),
                                text[:_MAX_TITLE], line, max(end, line), parent))
        stack.append((effective, section_id, len(sections) - 1))
    return sections


def innermost(sections: list[Section], line: int) -> Section | None:
    """The deepest section whose range holds ``line`` (boxes win over headings)."""
    best: Section | None = None
    for section in sections:
        if section.line_start <= line <= section.line_end:
            if best is None or section.line_start >= best.line_start:
                best = section
    return best
