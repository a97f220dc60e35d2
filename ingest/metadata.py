"""Document-level facts: title, district, issuer, document number, date, kind, period, parts.

The automatic guess is checked against the reviewed ``data/documents.yaml``; a
gazette issue such as seed 003 holds several documents, each found as a *part*
from the document number that opens it.
"""
from __future__ import annotations

import re
from collections import Counter

from .reader import Document

__all__ = ["DISTRICTS", "guess_metadata", "find_parts"]

DISTRICTS = {"天桥区": "370105", "市中区": "370103", "槐荫区": "370104"}
_DOCNO = re.compile(r"([\u4e00-\u9fa5]{2,8}〔\d{4}〕\s*\d+\s*号)")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISSUER = re.compile(r"(济南市(?:天桥|市中|槐荫)区人民政府(?:办公室)?|中共(?:天桥|市中|槐荫)区委办公室|(?:天桥|市中|槐荫)区人民政府)")


def _kind(title: str) -> str:
    for needle, kind in (("纲要", "纲要"), ("专项规划", "专项规划"), ("工作报告", "政府工作报告"),
                         ("行动计划", "行动计划"), ("工作要点", "工作要点")):
        if needle in title:
            return kind
    return "报道"


def guess_metadata(doc: Document) -> dict[str, str | None]:
    """Best automatic guess of a document's metadata (reviewed values live in data/documents.yaml)."""
    head = doc.stream[:4000]
    counts = Counter({name: doc.stream.count(name) for name in DISTRICTS})
    district = counts.most_common(1)[0][0] if counts and max(counts.values()) else None
    numbers = [re.sub(r"\s+", "", line) for line in doc.lines[:60]]
    number = next((n for n in numbers if n and _DOCNO.fullmatch(n)), None)
    title_match = re.search(r"《([^》]{6,60})》", head)
    if "政府工作报告" in re.sub(r"\s+", "", head[:60]):
        title = f"{district or ''}政府工作报告"
    elif title_match and number:
        title = title_match.group(1)
    else:
        firsts = [line.strip() for line in doc.lines if line.strip()][:6]
        title = max(firsts, key=len)[:80] if firsts else ""
    date = _DATE.search(head) if number or "报告" in title else None
    issuer = _ISSUER.search(head)
    return {
        "doc_id": doc.doc_id,
        "title": re.sub(r"\s+", "", title),
        "district": district,
        "district_code": DISTRICTS.get(district or ""),
        "issuer": issuer.group(1) if issuer else None,
        "doc_number": number,
        "date": f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None,
        "kind": _kind(title),
        "period": "2021-2025" if "十四五" in doc.stream[:20000] else None,
    }


def find_parts(doc: Document) -> list[tuple[int, str]]:
    """Lines where a new document starts inside a compilation: ``[(line, label)]``.

    A line carrying a document number (…〔2021〕4号) after the first one opens a
    new part; so does a special-plan title line (济南市天桥区“十四五”…专项规划).
    """
    parts: list[tuple[int, str]] = []
    seen_number = False
    for number, raw in enumerate(doc.lines, start=1):
        text = re.sub(r"\s+", "", raw)
        if not text:
            continue
        if _DOCNO.fullmatch(text):
            if seen_number:
                parts.append((number, text))
            seen_number = True
        elif re.fullmatch(r"济南市\S{2,4}区“十四五”\S*专项规划", text):
            parts.append((number, text))
    return parts
