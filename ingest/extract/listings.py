"""Named things found by their endings: projects, schools, parks, renewal sites, places.

A name is the run of characters before a telling ending (…项目, …小学, …公园,
…片区), trimmed back to where a verb or a function word starts it
(“加快建设济南国际医学科学中心项目” → 济南国际医学科学中心项目). Inline lists
(“幼儿园新建项目：A、B、C”) give one row per item, and tab-separated project tables
(序号 | 项目类型 | 项目名称 | 项目区位 | 规模 | 建设方式) one row per line, with the
街道 from 项目区位. This is a recall-first pass; ``data/entities`` holds the reviewed rows.
"""
from __future__ import annotations

import re

from ..reader import Document
from .evidence import evidence

__all__ = ["extract_projects", "extract_schools", "extract_parks", "extract_renewal_sites", "extract_places",
           "clean_name", "parse_investment"]

_HAN = r"\u4e00-\u9fa5"
_NAME_CHARS = rf"[{_HAN}A-Za-z0-9（）“”·\-]"
_VERBS = ("加快推进", "加快建设", "高标准建设", "积极推进", "全面推进", "重点推进", "启动建设", "规划建设", "开工建设",
          "建成投用", "配套建设", "新建", "改扩建", "扩建", "改建", "续建", "建设", "推进", "推动", "打造", "实施", "启动",
          "完成", "依托", "围绕", "提升", "改造", "谋划", "建成", "开工", "竣工", "做好", "加快", "积极", "全面", "重点",
          "完善", "引进", "引入", "落地", "推出", "成立", "设立", "组建", "培育", "支持", "争创", "创建", "申报", "包括",
          "其中", "以及", "等", "的", "和", "与", "及", "在", "对", "将", "把", "以", "为", "是", "了", "有", "年")
_VERB_FIRSTS: dict[str, list[str]] = {}  # first character → verbs: only verbs whose first character occurs are looked for
for _verb in _VERBS:
    _VERB_FIRSTS.setdefault(_verb[0], []).append(_verb)
_GENERIC = re.compile(r"^(?:重点|重大|民生|基础设施|一批|若干|各类|相关|配套|全区|我区|城市|公共|市政|产业|这些|该|本|上述"
                      r"|中小学|中小学幼儿园|学校|幼儿园|小学|中学|公园|项目|工程|片区)")


def clean_name(raw: str) -> str:
    """Trim a candidate name back to its first real character.

    >>> clean_name("加快建设济南国际医学科学中心项目")
    '济南国际医学科学中心项目'
    """
    name = raw.strip("“”（）·- ")
    changed = True
    while changed and name:
        changed = False
        verbs = [verb for first in _VERB_FIRSTS.keys() & set(name) for verb in _VERB_FIRSTS[first]]
        cut = max((name.rfind(verb) + len(verb) for verb in verbs if 0 <= name.rfind(verb) < len(name) - 4), default=0)
        if cut and cut < len(name) - 3:
            name, changed = name[cut:], True
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")
    if name.count("（") != name.count("）"):
        name = name.split("（")[-1] if "）" not in name else name.replace("）", "")
    return name.strip("“”·- ")


def parse_investment(text: str) -> float | None:
    """An investment as written, in 亿元.

    >>> parse_investment("总投资50亿元"), parse_investment("投资3000万元"), parse_investment("—")
    (50.0, 0.3, None)
    """
    match = re.search(r"(\d+(?:\.\d+)?)\s*(亿元|万元|亿)", text or "")
    if not match:
        return None
    value = float(match.group(1))
    return round(value / 10000, 6) if match.group(2) == "万元" else value


def _find(doc: Document, pattern: re.Pattern[str], min_len: int = 4) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for match in pattern.finditer(doc.stream):
        name = clean_name(match.group(1))
        if len(name) < min_len or _GENERIC.fullmatch(name) or _GENERIC.match(name) and len(name) <= 6:
            continue
        found.append((name, match.start(1) + match.group(1).find(name)))
    return found


def _dedupe(rows: list[dict]) -> list[dict]:
    seen: set[str] = set()
    kept = []
    for row in rows:
        if row["name"] not in seen:
            seen.add(row["name"])
            kept.append(row)
    return kept


def _status_near(doc: Document, offset: int) -> str:
    before = doc.stream[max(0, offset - 40): offset]
    if re.search(r"建成|投用|完成|竣工|落成", before[-12:]):
        return "completed" if re.search(r"20\d\d|一年来|过去", before) else "existing"
    if re.search(r"在建|续建|加快推进|推进", before[-10:]):
        return "under_construction"
    return "planned"


_SCHOOL = re.compile(rf"({_NAME_CHARS}{{2,24}}?(?:九年一贯制学校|职业中等专业学校|职业学校|职业学院|实验学校|幼儿园|小学|初级中学"
                     rf"|中学|高级中学|学校|大学|学院))")
_LEVELS = [("九年一贯制", "九年一贯制"), ("幼儿园", "幼儿园"), ("小学", "小学"), ("初级中学", "初中"), ("高级中学", "高中"),
           ("高中", "高中"), ("职业", "职业"), ("大学", "高校"), ("学院", "高校"), ("中学", "初中"), ("学校", "其他")]


def extract_schools(doc: Document) -> list[dict]:
    rows = []
    for name, offset in _find(doc, _SCHOOL):
        before = doc.stream[max(0, offset - 8): offset]
        action = "改扩建" if re.search(r"改扩建|扩建|改建", before) else "新建" if "新建" in before else "existing"
        level = next(level for suffix, level in _LEVELS if suffix in name or name.endswith(suffix[-2:]))
        rows.append({"name": name, "level": level, "action": action,
                     "status": "planned" if action != "existing" else _status_near(doc, offset),
                     **evidence(doc, offset, name)})
    return _dedupe(rows)


_PARK = re.compile(rf"({_NAME_CHARS}{{2,16}}?(?:湿地公园|郊野公园|山体公园|口袋公园|公园|湿地|绿道))")


def extract_parks(doc: Document) -> list[dict]:
    rows = []
    for name, offset in _find(doc, _PARK):
        kind = next((k for k in ("湿地公园", "郊野公园", "山体公园", "口袋公园") if name.endswith(k)),
                    "湿地公园" if name.endswith("湿地") else "带状公园/绿道" if name.endswith("绿道") else "综合公园")
        before = doc.stream[max(0, offset - 8): offset]
        action = "新建" if re.search(r"新建|建设|打造", before) else "改造提升" if re.search(r"提升|改造", before) else "existing"
        rows.append({"name": name, "park_kind": kind, "action": action, "status": _status_near(doc, offset),
                     **evidence(doc, offset, name)})
    return _dedupe(rows)


_RENEWAL = re.compile(rf"({_NAME_CHARS}{{2,16}}?(?:城中村改造|棚户区改造|棚改|老旧小区改造|旧村改造|片区|城中村|棚户区|旧厂))")
_RENEWAL_KINDS = [("城中村", "城中村改造"), ("棚", "棚户区改造"), ("老旧小区", "老旧小区改造"), ("旧厂", "旧厂改造"),
                  ("片区", "城市更新片区")]


def extract_renewal_sites(doc: Document) -> list[dict]:
    rows = []
    for name, offset in _find(doc, _RENEWAL):
        context = doc.stream[max(0, offset - 20): offset + len(name) + 20]
        if not re.search(r"改造|更新|拆迁|征收|棚改|城中村|整治", context):
            continue
        kind = next(k for suffix, k in _RENEWAL_KINDS if suffix in name)
        rows.append({"name": name, "renewal_kind": kind, "status": _status_near(doc, offset),
                     **evidence(doc, offset, name)})
    return _dedupe(rows)


_PLACE = re.compile(rf"({_NAME_CHARS}{{2,16}}?(?:产业园区|产业园|工业园|园区|商圈|街区|医院|大学|火车站|高铁站|车站|站|大桥|黄河|小清河|河"
                    rf"|湖|山|泉|大街|路|广场|中心))")
_PLACE_KINDS = [("园", "industrial_park"), ("商圈", "business_district"), ("街区", "block"), ("医院", "hospital"),
                ("大学", "university"), ("站", "station"), ("桥", "bridge"), ("河", "river"), ("湖", "lake"),
                ("山", "mountain"), ("泉", "spring"), ("路", "road"), ("大街", "road"), ("广场", "landmark"),
                ("中心", "landmark")]


def extract_places(doc: Document) -> list[dict]:
    rows = []
    for name, offset in _find(doc, _PLACE, min_len=3):
        kind = next((k for suffix, k in _PLACE_KINDS if name.endswith(suffix) or suffix == "园" and "园" in name[-3:]),
                    "other")
        rows.append({"name": name, "kind": kind, **evidence(doc, offset, name)})
    return _dedupe(rows)


_PROJECT = re.compile(rf"({_NAME_CHARS}{{3,30}}?(?:项目|工程))(?![：:])")
_INLINE = re.compile(rf"([{_HAN}]{{2,16}}(?:项目|工程))[：:]([^。；]{{4,400}})")
_CATEGORIES = [("学|幼儿园|教育", "教育"), ("医院|卫生|医疗|康养", "医疗卫生"), ("公园|绿|生态|湿地|河道|治理", "生态环保"),
               ("路|桥|交通|地铁|停车|隧道", "交通"), ("老旧小区|城中村|棚|片区|更新|拆", "城市更新"),
               ("文化|旅游|博物馆|图书馆|体育", "文化旅游"), ("产业|园|智造|制造|总部|科技|创新", "产业"),
               ("商|市场|综合体", "商贸"), ("供热|供水|污水|燃气|管网|厕", "市政"), ("住房|安置|保障房", "住房")]


def _category(name: str, hint: str = "") -> str:
    for pattern, category in _CATEGORIES:
        if re.search(pattern, hint + name):
            return category
    return "其他"


def _table_projects(doc: Document) -> list[dict]:
    rows: list[dict] = []
    columns: list[str] = []
    category = ""
    for number, raw in enumerate(doc.lines, start=1):
        if "\t" not in raw:
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if "项目名称" in cells:
            columns = cells
            continue
        if not columns or len(cells) != len(columns) or not cells[0].isdigit():
            continue
        record = dict(zip(columns, cells))
        category = record.get("项目类型") or category
        name = record.get("项目名称", "")
        line_offset = doc.offset_of_line(number)
        found = doc.stream.find(name[:10], line_offset)  # not a slice of the rest: that copy made tables quadratic
        offset = found if found >= 0 else line_offset
        rows.append({"name": name, "category": re.sub(r"\s+", "", category), "street_as_written":
                     record.get("项目区位", ""), "place": "", "investment_text": record.get("投资", ""),
                     "investment_yi": parse_investment(record.get("投资", "")), "scale": record.get("规模", ""),
                     "build_method": record.get("建设方式", ""), "year": "", "status": "planned",
                     **evidence(doc, offset, name)})
    return rows


def extract_projects(doc: Document) -> list[dict]:
    rows = _table_projects(doc)
    for match in _INLINE.finditer(doc.stream):
        head = clean_name(match.group(1))
        position = match.start(2)
        for item in re.split(r"[、，,]", match.group(2)):
            item_name = clean_name(item.strip())
            offset = doc.stream.find(item_name, position, match.end(2)) if item_name else -1
            position += len(item) + 1
            if len(item_name) < 3 or offset < 0:
                continue
            rows.append({"name": item_name, "category": _category(item_name, head), "street_as_written": "",
                         "place": "", "investment_text": "", "investment_yi": None, "scale": "", "build_method":
                         "新建" if "新建" in head else "改扩建" if "改扩建" in head else "", "year": "",
                         "status": _status_near(doc, match.start()), "list": head, **evidence(doc, offset, item_name)})
    for name, offset in _find(doc, _PROJECT, min_len=5):
        after = doc.stream[offset + len(name): offset + len(name) + 60]
        investment = re.search(r"(?:总)?投资(?:约)?\s*\d+(?:\.\d+)?\s*(?:亿元|万元)", after)
        rows.append({"name": name, "category": _category(name), "street_as_written": "", "place": "",
                     "investment_text": investment.group(0) if investment else "",
                     "investment_yi": parse_investment(investment.group(0)) if investment else None, "scale": "",
                     "build_method": "", "year": "", "status": _status_near(doc, offset),
                     **evidence(doc, offset, name)})
    return _dedupe(rows)
