"""Named spatial layout formulas (一轴两园六大功能区, 两核三区、三纵三横 …) and their components.

A formula is a quoted run of numbered groups (一轴 | 两园 | 六大功能区) whose groups
end in spatial words (轴, 带, 园, 区, 核, 纵, 横, 组团, 天际线 …). Components come
from the definitions that follow it:

* one sentence listing everything after 即, split and dealt out to the groups by
  their counts (一轴两带五组团，即A，B和C，D、E、F、G、H);
* a definition per group: “两核”，即A和B。 / 一轴，即A。 / “三纵”：A、B、C。

Formulas of the city or province that a district document merely quotes
(东强西兴南美北起中优, 一群两心三圈) are kept with ``scope`` city.
"""
from __future__ import annotations

import re

from ..reader import Document
from .evidence import evidence

__all__ = ["extract_layouts", "split_groups", "numeral_value"]

_NUMERALS = "一二两三四五六七八九十"
_SPATIAL = ("功能区", "组团", "天际线", "标志区", "片区", "园区", "空间", "中心", "平台", "智谷", "广场",
            "轴", "带", "园", "区", "路", "核", "纵", "横", "廊", "心", "圈", "城", "谷", "坊", "埠", "河", "峪", "环", "链",
            "极", "湾")
_KIND = [("天际线", "skyline"), ("标志区", "landmark"), ("组团", "cluster"), ("功能区", "zone"), ("片区", "zone"),
         ("园区", "park"), ("空间", "zone"), ("中心", "center"), ("平台", "platform"), ("轴", "axis"),
         ("带", "belt"), ("廊", "corridor"), ("纵", "corridor"), ("横", "corridor"), ("核", "core"), ("心", "core"),
         ("极", "core"), ("园", "park"), ("坊", "area"), ("区", "zone"), ("圈", "area"), ("城", "area"),
         ("谷", "area"), ("埠", "area"), ("河", "axis"), ("路", "axis"), ("峪", "zone"), ("环", "corridor"), ("链", "corridor")]
# Formulas of Jinan city or Shandong that the district plans quote, not their own layouts.
CITY_FORMULAS = {"一群两心三圈": "city", "东强西兴南美北起中优": "city", "中优北起": "city",
                 "东强、西兴、南美、北起、中优": "city"}
NOT_LAYOUTS = {"一带一路"}  # the national Belt and Road initiative, not a district layout
_LEADING_VERB = re.compile(r"^(?:统筹|重点建设|加快建设|加快|推进|建设|打造|优化)")
_QUOTED = re.compile(r"“([^”]{2,24})”")
_DIRECTIONS = re.compile(r"“?((?:[东西南北中][强兴美起优](?:、)?){2,5})”?")


def numeral_value(text: str) -> int | None:
    """Chinese count at the start of a group: 一 → 1, 两 → 2, 十二 → 12.

    >>> numeral_value("十二坊"), numeral_value("两核"), numeral_value("六大功能区")
    (12, 2, 6)
    """
    digits = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    match = re.match(rf"[{_NUMERALS}]+", text)
    if not match:
        return None
    token = match.group(0)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + digits.get(token[1], 0)
    if "十" in token:
        tens, _, units = token.partition("十")
        return digits.get(tens, 1) * 10 + (digits.get(units, 0) if units else 0)
    return digits.get(token)


def split_groups(formula: str) -> list[str] | None:
    """Split a formula into its groups, or None when it is not a spatial formula.

    >>> split_groups("一轴两园六大功能区")
    ['一轴', '两园', '六大功能区']
    >>> split_groups("两核三区、三纵三横")
    ['两核', '三区', '三纵', '三横']
    >>> split_groups("一网通办") is None
    True
    """
    text = re.sub(r"[、·，,\s]", "", formula)
    if not text or text[0] not in _NUMERALS or text.startswith("十") and text[1:2] in "三四五":
        return None
    groups = re.findall(rf"[{_NUMERALS}]+[^{_NUMERALS}]+", text)
    if "".join(groups) != text or not groups:
        return None
    for group in groups:
        body = re.sub(rf"^[{_NUMERALS}]+(?:大|条|个)?", "", group)
        if not body or len(body) > 4 or not body.endswith(_SPATIAL):
            return None
    if len(groups) == 1 and not groups[0].endswith(("空间", "片区", "组团", "功能区")):
        return None
    return groups


def _kind(group_or_name: str) -> str:
    for suffix, kind in _KIND:
        if group_or_name.endswith(suffix):
            return kind
    return "zone"


def _items(listing: str) -> list[str]:
    listing = re.sub(r"[（(][^）)]*[）)]", "", listing)
    parts = re.split(r"[，、；,]|以及|和|及|与", listing)
    return [p.strip(" “”\"") for p in parts if 2 <= len(p.strip(" “”\"")) <= 30]


def _definitions(doc: Document, start: int, groups: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Find each group's members in the text after the formula (within a few thousand characters)."""
    window_end = min(len(doc.stream), start + 6000)
    window = doc.stream[start:window_end]
    found: dict[str, list[tuple[str, int]]] = {}
    # One sentence listing all members after 即.
    head = re.match(r"[^。]{0,40}?即([^。]{4,300})。", window[window.find("”") + 1:] if "”" in window else window)
    if head:
        items = _items(head.group(1))
        counts = [numeral_value(g) or 0 for g in groups]
        if len(items) == sum(counts):
            offset = start + window.find(head.group(1))
            position = 0
            for group, count in zip(groups, counts):
                found[group] = [(name, offset + head.group(1).find(name)) for name in items[position:position + count]]
                position += count
            return found
    for group in groups:
        if group not in window:  # the pattern needs the group itself; skip compiling and scanning
            continue
        pattern = re.compile(rf"“?{re.escape(group)}”?\s*(?:，|,)?\s*(?:即|是指|指|：|:)\s*([^。]{{2,200}})。")
        match = pattern.search(window)
        if not match:
            continue
        items = _items(match.group(1))
        expected = numeral_value(group) or 0
        if expected and len(items) > expected:
            items = items[:expected]
        offset = start + match.start(1)
        found[group] = [(name, offset + max(match.group(1).find(name), 0)) for name in items]
    return found


_TRAILING = re.compile(rf"((?:[\u4e00-\u9fa5]{{2,10}}、)+[\u4e00-\u9fa5]{{2,10}})([{_NUMERALS}]+大(?:空间|片区|组团|功能区|板块))")
"""A list of 2–10-character names joined by 、 and closed by a counted group: 泉城、…、舜耕三大空间."""
_TRAILING_TAIL = re.compile(rf"([\u4e00-\u9fa5]{{2,10}})([{_NUMERALS}]+大(?:空间|片区|组团|功能区|板块))")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fa5"


def trailing_lists(stream: str) -> list[tuple[int, int, int, int]]:
    """``(start(1), end(1), start(2), end(2))`` of every ``_TRAILING`` match in ``stream``, in linear time.

    ``_TRAILING.finditer`` is quadratic on a long run of short 、-joined pieces (a document of
    bare headings reads 一、…二、…三、… in the stream): from every start it walks to the end of
    the run and back. The matches are the same: a match starts in the run of Chinese before some
    、 (``s``), takes every following piece of 2–10 characters up to the run's end, then backs off
    piece by piece to the last 、 followed by a tail (names and the counted group), which depends
    only on that 、. So each 、's tail is tried once, and each 、's best tail is carried from the
    right.
    """
    commas = [m.start() for m in re.finditer("、", stream)]
    n = len(commas)
    tails = [_TRAILING_TAIL.match(stream, c + 1) for c in commas]
    # the Chinese run just before each 、 (capped at 11 characters: only 2..10 matters)
    left = []
    for c in commas:
        length = 0
        while length < 11 and c - length - 1 >= 0 and _is_han(stream[c - length - 1]):
            length += 1
        left.append(length)
    # piece j (between 、 j-1 and 、 j) continues the list when it is 2..10 Chinese characters
    continues = [j > 0 and left[j] == commas[j] - commas[j - 1] - 1 and 2 <= left[j] <= 10 for j in range(n)]
    best: list[int | None] = [None] * n
    for j in range(n - 1, -1, -1):
        carried = best[j + 1] if j + 1 < n and continues[j + 1] else None
        best[j] = carried if carried is not None else (j if tails[j] else None)
    found = []
    pos = 0
    for s, c in enumerate(commas):
        if left[s] < 2 or best[s] is None:
            continue
        start = max(c - min(left[s], 10), pos)
        if c - start < 2:
            continue
        tail = tails[best[s]]
        found.append((start, tail.end(1), tail.start(2), tail.end(2)))
        pos = tail.end(2)
    return found


_MAX_MENTIONS = 20
"""Definitions are looked for after the first mentions of a formula only (the seeds need at most 3)."""


class _DefinedAt:
    """Where ``GROUP(，|,)?即`` first occurs, for any group: one pass over the 即s, built on first use.

    Searching the whole stream once per undefined group made documents with many formulas quadratic.
    """

    def __init__(self, stream: str):
        self.stream = stream
        self.index: dict[str, int] | None = None

    def get(self, group: str) -> int | None:
        if len(group) > 24:  # longer than any quoted formula: not indexed
            match = re.search(rf"{re.escape(group)}(?:，|,)?即", self.stream)
            return match.start() if match else None
        if self.index is None:
            self.index = {}
            for match in re.finditer("即", self.stream):
                end = match.start() - 1 if match.start() and self.stream[match.start() - 1] in "，," else match.start()
                for length in range(1, min(24, end) + 1):
                    self.index.setdefault(self.stream[end - length:end], end - length)
        return self.index.get(group)


def extract_layouts(doc: Document) -> tuple[list[dict], list[dict]]:
    """Return ``(layouts, components)`` found in ``doc``."""
    occurrences: dict[str, list[re.Match[str]]] = {}
    for match in _QUOTED.finditer(doc.stream):
        key = re.sub(r"[、·，,\s]", "", match.group(1))
        if split_groups(match.group(1)) is not None and key not in NOT_LAYOUTS:
            occurrences.setdefault(key, []).append(match)
    layouts: list[dict] = []
    components: list[dict] = []
    defined_at = _DefinedAt(doc.stream)
    for key, matches in occurrences.items():
        first = matches[0]
        formula, groups = first.group(1), split_groups(first.group(1)) or []
        scope = CITY_FORMULAS.get(key, "district")
        layouts.append({"name": formula, "scope": scope, "groups": groups, **evidence(doc, first.start(1), formula)})
        if scope != "district":
            continue
        members: dict[str, list[tuple[str, int]]] = {}
        for match in matches[:_MAX_MENTIONS]:
            for group, found in _definitions(doc, match.start(), groups).items():
                members.setdefault(group, found)
            if len(members) == len(groups):
                break
        # A group may also be defined where it heads its own section ("一轴，即…"), far from the formula.
        for group in groups:
            if group not in members:
                anchor = defined_at.get(group)
                if anchor is not None:
                    members.update({group: found for group2, found in
                                    _definitions(doc, anchor, [group]).items() if group2 == group})
        for group in groups:
            for name, offset in members.get(group, []):
                kind = _kind(name) if _kind(name) != "zone" else _kind(group)
                components.append({"layout": formula, "group_label": group, "name": name, "kind": kind,
                                   **evidence(doc, offset, name)})
    seen = set(occurrences)
    for start1, end1, start2, end2 in trailing_lists(doc.stream):
        items = [_LEADING_VERB.sub("", item) for item in doc.stream[start1:end1].split("、")]
        group = doc.stream[start2:end2]
        if numeral_value(group) != len(items) or group in seen:
            continue
        seen.add(group)
        layouts.append({"name": group, "scope": "district", "groups": [group],
                        **evidence(doc, start2, group)})
        for name in items:
            offset = doc.stream.find(name, start1)
            components.append({"layout": group, "group_label": group, "name": name, "kind": _kind(name),
                               **evidence(doc, offset, name)})
    for match in _DIRECTIONS.finditer(doc.stream):
        key = match.group(1).replace("、", "")
        if len(key) >= 4 and key not in seen:
            seen.add(key)
            layouts.append({"name": match.group(1), "scope": "city", "groups": [],
                            **evidence(doc, match.start(1), match.group(1))})
    return layouts, components
