"""Rules for the reviewed entity decisions in ``data/review/``: merges, non-sites, layout kinds, fixes, names.

``check_review`` returns the problems ``ingest check`` reports; ``apply_fixes`` writes the corrections of
``data/review/fixes.csv`` into ``data/entities/*.csv`` (``python -m ingest fix``).
"""
from __future__ import annotations

import re
from collections import defaultdict

from .catalog import ENTITY_TABLES
from .dataset import read_table, write_table

__all__ = ["NAME_ARTEFACTS", "SITE_CLASSES", "LAYOUT_KINDS", "FIX_FIELDS", "name_artefact", "check_review",
           "apply_fixes"]

SITE_CLASSES = {"programme", "policy", "training", "event", "brand", "title", "platform", "partnership", "sector",
                "company", "outside"}
LAYOUT_KINDS = {"industry_system", "fragment", "slogan", "service_standard"}
FIX_FIELDS = {"name", "district_code", "status", "kind"}
SITE_FAMILIES = ("places", "parks", "schools", "renewal_sites", "projects", "layout_components")

# Layout artefacts a name must not carry (the quote keeps the text as written). Indicators are exempt from the
# list rules: a statistic is named as its table names it ("…等产业集群").
NAME_ARTEFACTS: dict[str, re.Pattern] = {
    "box title (专栏)": re.compile(r"^\s*专栏"),
    "leading #": re.compile(r"^#"),
    "backslash": re.compile(r"\\"),
    "wrapped in quotation marks": re.compile(r"^[“\"「『][^“”\"「」『』]*[”\"」』]$"),
    "a clause, not a name": re.compile(r"^(打通|推进|加快|着力|积极|大力|全面|持续|深入|推动|进一步)|之间的|[，。；！？]"),
    "trailing 等 (list fragment)": re.compile(r"(?<![中高同平对均初])等$"),
    "list fragment edge": re.compile(r"^[、，,;；]|[、，,;；]$"),
    "surrounding whitespace": re.compile(r"^\s|\s$"),
}
_LIST_FRAGMENT = re.compile(r"(?<![中高同平对均初])等(?![级])")  # "A、B等C" inside a name, entities only


def name_artefact(name: str, family: str | None = None) -> str | None:
    """The first artefact ``name`` carries, or None."""
    for label, pattern in NAME_ARTEFACTS.items():
        if pattern.search(name or ""):
            return label
    if family != "indicator" and _LIST_FRAGMENT.search(name or ""):
        return "等 inside a name (list fragment)"
    return None


def check_review(tables: dict) -> list[str]:
    """Problems with the review decisions and the names they govern."""
    problems: list[str] = []
    rows = {row["entity_id"]: (table, row) for table in ENTITY_TABLES for row in tables[table]}
    aliases = {}
    for row in tables["aliases"]:
        where = f"aliases.csv {row['entity_id']}"
        if row["entity_id"] in aliases:
            problems.append(f"{where}: more than one decision")
        aliases[row["entity_id"]] = row["canonical_id"]
        for key in ("entity_id", "canonical_id"):
            if row[key] not in rows:
                problems.append(f"{where}: unknown {key} {row[key]}")
        if not row.get("reason"):
            problems.append(f"{where}: no reason")
    for entity_id, canonical in aliases.items():
        if canonical != entity_id and aliases.get(canonical, canonical) != canonical:
            problems.append(f"aliases.csv {entity_id}: canonical {canonical} is itself a mention of {aliases[canonical]}")
    # one classification decision a line: (file, the tables its ids may come from, the column, its vocabulary)
    for table, families, column, allowed, what in (
            ("site_classes", SITE_FAMILIES, "class", SITE_CLASSES, "an entity of a locatable family"),
            ("layout_kinds", {"layouts"}, "layout_kind", LAYOUT_KINDS, "a layout")):
        for row in tables[table]:
            where = f"{table}.csv {row['entity_id']}"
            if rows.get(row["entity_id"], ("",))[0] not in families:
                problems.append(f"{where}: not {what}")
            if row[column] not in allowed:
                problems.append(f"{where}: {column} {row[column]!r} not in {sorted(allowed)}")
            if not row.get("reason"):
                problems.append(f"{where}: no reason")
    for row in tables["fixes"]:
        where = f"fixes.csv {row['entity_id']} {row['field']}"
        if row["entity_id"] not in rows:
            problems.append(f"{where}: unknown entity")
        elif row["field"] not in FIX_FIELDS:
            problems.append(f"{where}: field not in {sorted(FIX_FIELDS)}")
        elif rows[row["entity_id"]][1].get(row["field"]) != row["new"]:
            problems.append(f"{where}: not applied (run `python -m ingest fix`)")
        if not row.get("reason"):
            problems.append(f"{where}: no reason")
    # One real thing, one entity: the same name twice in one family and document needs a decision
    # (all rows but one merged, or recorded as distinct). Indicators are values, not things.
    groups: dict[tuple, list[str]] = defaultdict(list)
    for table, family in ENTITY_TABLES.items():
        if table == "indicators":
            continue
        for row in tables[table]:
            groups[(family, row["doc_id"], row["name"])].append(row["entity_id"])
    for (family, doc_id, name), ids in sorted(groups.items()):
        undecided = [i for i in ids if i not in aliases]
        if len(ids) > 1 and len(undecided) > 1:
            problems.append(f"{family} {name!r} appears {len(ids)} times in {doc_id} ({', '.join(ids)}) with no "
                            "decision in data/review/aliases.csv (merge, or canonical_id = entity_id for distinct)")
    for table, family in ENTITY_TABLES.items():
        for row in tables[table]:
            artefact = name_artefact(row["name"], family)
            if artefact:
                problems.append(f"{table}.csv {row['entity_id']}: name {row['name']!r} has a layout artefact "
                                f"({artefact}); clean it via data/review/fixes.csv")
    return problems


def apply_fixes() -> list[str]:
    """Write every fix of ``fixes.csv`` whose entity still holds the old value; return what changed."""
    fixes = defaultdict(list)
    for fix in read_table("fixes"):
        fixes[fix["entity_id"]].append(fix)
    changed = []
    for table in ENTITY_TABLES:
        rows = read_table(table)
        touched = False
        for row in rows:
            for fix in fixes.get(row["entity_id"], []):
                if fix["field"] in row and row[fix["field"]] == fix["old"] and fix["old"] != fix["new"]:
                    row[fix["field"]] = fix["new"]
                    changed.append(f"{row['entity_id']} {fix['field']}: {fix['old']!r} → {fix['new']!r}")
                    touched = True
        if touched:
            write_table(table, rows)
    return changed
