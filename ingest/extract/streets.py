"""Mentions of the 48 official 街道 (street offices), OCR variants included.

The reference list lives in ``data/reference/street_offices.csv``; the variants
(OCR damage such as 涿口 / 涅口 for 泺口, and informal forms such as 宝华街街道)
in ``data/review/street_variants.csv``. A bare name without 街道 (“药山”) is not
counted: it usually names a park or a mountain, not the street office.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import paths

from ..reader import Document
from .evidence import evidence

__all__ = ["street_lookup", "extract_street_mentions", "resolve_street"]


@lru_cache(maxsize=1)
def street_lookup() -> dict[str, str]:
    """Written form → 12-digit street code, official names and reviewed variants."""
    lookup: dict[str, str] = {}
    with (paths.REFERENCE / "street_offices.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lookup[row["name"]] = row["street_code"]
    variants = paths.REVIEW / "street_variants.csv"
    if variants.exists():
        with variants.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                lookup[row["as_written"]] = row["street_code"]
    return lookup


def resolve_street(text: str) -> list[str]:
    """Street codes named in a cell such as ``南村街道、北村街道`` (in order, unique).

    >>> resolve_street("南村街道、北村街道")
    ['370105005000', '370105004000']
    >>> resolve_street("涿口街道")
    ['370105015000']
    """
    found: list[tuple[int, str]] = []
    lookup = street_lookup()
    for name in sorted(lookup, key=len, reverse=True):
        start = text.find(name)
        while start != -1:
            found.append((start, lookup[name]))
            text = text[:start] + "\0" * len(name) + text[start + len(name):]
            start = text.find(name)
    codes: list[str] = []
    for _position, code in sorted(found):
        if code not in codes:
            codes.append(code)
    return codes


def extract_street_mentions(doc: Document) -> list[dict]:
    lookup = street_lookup()
    names = sorted(lookup, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names))
    rows = []
    for match in pattern.finditer(doc.stream):
        rows.append({"name": match.group(0), "street_code": lookup[match.group(0)],
                     "ocr_variant": match.group(0) not in _official(), **evidence(doc, match.start(), match.group(0))})
    return rows


@lru_cache(maxsize=1)
def _official() -> frozenset[str]:
    with (paths.REFERENCE / "street_offices.csv").open(encoding="utf-8", newline="") as fh:
        return frozenset(row["name"] for row in csv.DictReader(fh))
