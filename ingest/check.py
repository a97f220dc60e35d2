"""Validate the committed data: quotes at their lines, codes, references, duplicates.

Returns a list of problems (empty when all is well). Quotes are checked against
the seeds only when they are available; the report says so when they are not.
"""
from __future__ import annotations

import re
from collections import Counter

import paths

from .catalog import ENTITY_TABLES
from .dataset import TABLE_FILES, read_documents, read_table
from .reader import DocumentError, read_document
from .quotes import quote_found
from .review import check_review

__all__ = ["check", "data_problems", "VOCABULARY"]

VOCABULARY = {
    "status": {None, "existing", "planned", "under_construction", "completed"},
    "review": {"auto", "reviewed", "manual"},
    "scope": {"district", "sub", "city", "province"},
    "nature": {None, "预期性", "约束性"},
}


def check() -> tuple[list[str], list[str]]:
    """Return ``(problems, notes)``: the data rules, then the quotes against the seeds."""
    notes: list[str] = []
    try:
        documents, parts = read_documents()
        tables = {name: read_table(name) for name in TABLE_FILES}
    except (OSError, ValueError) as exc:
        return [f"cannot read data files: {exc}"], notes
    problems = data_problems(documents, tables)
    if paths.seeds_dir() is not None:
        from .communities import undecided_candidates

        undecided = len(undecided_candidates())
        notes.append(f"{undecided} 社区/村 match candidate(s) without a decision (python -m ingest communities)")
    problems += _check_quotes(tables, {d["doc_id"] for d in documents}, notes)
    return problems, notes


def data_problems(documents: list[dict], tables: dict[str, list[dict]]) -> list[str]:
    """Every rule on the committed data itself (no seeds needed); ``ingest build`` refuses data that breaks one."""
    problems: list[str] = []
    problems += _check_text(documents, tables)
    doc_ids = {d["doc_id"] for d in documents}
    streets = {r["street_code"]: r for r in tables["street_offices"]}
    districts = {r["district_code"] for r in tables["districts"]}
    if len(streets) != 48:
        problems.append(f"street_offices.csv has {len(streets)} streets, expected 48")
    ids: Counter[str] = Counter()
    for table in ENTITY_TABLES:
        keys: Counter[tuple] = Counter()
        for row in tables[table]:
            where = f"{table}.csv {row.get('entity_id')}"
            ids[row["entity_id"]] += 1
            if row["doc_id"] not in doc_ids:
                problems.append(f"{where}: unknown doc_id {row['doc_id']!r}")
            if not row.get("name"):
                problems.append(f"{where}: empty name")
            if not row.get("quote") or len(row["quote"]) > 30:
                problems.append(f"{where}: quote missing or longer than 30 characters")
            if (row.get("value_quote") is None) != (row.get("value_line") is None) or \
                    len(row.get("value_quote") or "") > 30:
                problems.append(f"{where}: value_quote and value_line go together; the quote at most 30 characters")
            if row.get("district_code") and row["district_code"] not in districts:
                problems.append(f"{where}: unknown district_code {row['district_code']}")
            for code in filter(None, (row.get("street_codes") or "").split(";")):
                if code not in streets:
                    problems.append(f"{where}: unknown street code {code}")
                elif row.get("district_code") and streets[code]["district_code"] != row["district_code"]:
                    problems.append(f"{where}: street {code} is not in district {row['district_code']}")
            for column, allowed in VOCABULARY.items():
                if column in row and row[column] not in allowed:
                    problems.append(f"{where}: {column}={row[column]!r} not in {sorted(map(str, allowed))}")
            line = None if table == "layouts" else row["line"]  # one layout per document and name
            keys[(row["doc_id"], row["name"], row.get("kind"), row.get("layout_id"), row.get("base_year"),
                  row.get("target_year"), row.get("status"), row.get("group_label"), line)] += 1
        problems += [f"{table}.csv: duplicate row {key[:2]} at line {key[-1]}" for key, n in keys.items() if n > 1]
    problems += [f"duplicate entity_id {entity_id}" for entity_id, n in ids.items() if n > 1]
    layout_ids = {r["entity_id"] for r in tables["layouts"]}
    for row in tables["layout_components"]:
        if row["layout_id"] not in layout_ids:
            problems.append(f"layout_components.csv {row['entity_id']}: dangling layout_id {row['layout_id']}")
    for row in tables["layouts"]:
        if row.get("parent_id") and row["parent_id"] not in layout_ids:
            problems.append(f"layouts.csv {row['entity_id']}: dangling parent_id {row['parent_id']}")
    problems += check_review(tables)  # merges, non-sites, layout kinds, fixes, name artefacts
    problems += _check_gazetteer(tables, ids, streets)
    problems += _check_communities(tables, streets)
    return problems


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_text(documents: list[dict], tables: dict[str, list[dict]]) -> list[str]:
    """No control characters (NUL, escape …) in any text cell: they break exports and terminals."""
    problems = []
    for table, rows in [("documents", documents), *tables.items()]:
        for number, row in enumerate(rows, start=2):
            for column, value in row.items():
                if isinstance(value, str) and _CONTROL.search(value):
                    key = row.get("entity_id") or row.get("doc_id") or f"row {number}"
                    problems.append(f"{table} {key}: control character in {column} "
                                    f"({_CONTROL.search(value).group(0)!r})")
    return problems


def _check_gazetteer(tables: dict, ids: Counter, streets: dict) -> list[str]:
    """Every locatable entity has one location; anchors exist; vocabularies hold; coordinates near Jinan."""
    from geo.gazetteer import LOCATED_BY

    problems: list[str] = []
    anchors = {row["anchor_id"]: row for row in tables["anchors"]}
    seen: Counter[str] = Counter(row["entity_id"] for row in tables["locations"])
    locatable = {row["entity_id"] for table in ("places", "parks", "schools", "renewal_sites", "projects",
                                                "layout_components") for row in tables[table]}
    problems += [f"locations.csv: {e} listed {n} times" for e, n in seen.items() if n > 1]
    problems += [f"locations.csv: no row for {e}" for e in sorted(locatable - set(seen))]
    problems += [f"locations.csv: unknown entity {e}" for e in sorted(set(seen) - locatable)]
    for row in tables["locations"]:
        if row["located_by"] not in LOCATED_BY:
            problems.append(f"locations.csv {row['entity_id']}: located_by {row['located_by']!r}")
        if row["anchor_id"] and row["anchor_id"] not in anchors:
            problems.append(f"locations.csv {row['entity_id']}: unknown anchor {row['anchor_id']}")
        if row["located_by"] != "unlocated" and row["lon"] is None and not row["anchor_id"]:
            problems.append(f"locations.csv {row['entity_id']}: located but no coordinates and no anchor")
    for row in tables["anchors"]:
        if row["lon"] is None or not (116.2 < row["lon"] < 117.9 and 36.0 < row["lat"] < 37.6):
            problems.append(f"anchors.csv {row['anchor_id']}: coordinates missing or outside Jinan")
        if row["method"] == "street_seat" and row["anchor_id"] not in streets:
            problems.append(f"anchors.csv {row['anchor_id']}: street seat for an unknown street")
        if not row.get("precision_m") or row["precision_m"] <= 0:
            problems.append(f"anchors.csv {row['anchor_id']}: precision_m must be positive")
    problems += _check_evidence(tables)
    return problems


EVIDENCE_KINDS = {"public_reference", "official_dataset", "memory"}
MEMORY_MIN_PRECISION_M = 1000


def _check_evidence(tables: dict) -> list[str]:
    """Every coordinate says what it rests on; memory alone keeps a point's precision wide."""
    problems: list[str] = []
    rows = [(f"anchors.csv {r['anchor_id']}", r, True) for r in tables["anchors"]]
    rows += [(f"locations.csv {r['entity_id']}", r, True) for r in tables["locations"] if r.get("lon") is not None]
    rows += [(f"lines.geojson {r['name']}", r, False) for r in tables["lines"]]
    rows += [(f"line_evidence.csv {r['line_name']} {r['lon']},{r['lat']}", {**r, "evidence": r["source"]}, False)
             for r in tables["line_evidence"]]
    for where, row, is_point in rows:
        if row.get("evidence_kind") not in EVIDENCE_KINDS or not row.get("evidence"):
            problems.append(f"{where}: no evidence (evidence_kind one of {sorted(EVIDENCE_KINDS)} and a citation)")
        elif (is_point and row["evidence_kind"] == "memory" and row.get("precision_m") is not None
              and row["precision_m"] < MEMORY_MIN_PRECISION_M):
            problems.append(f"{where}: rests on memory alone but claims ±{row['precision_m']} m "
                            f"(at least {MEMORY_MIN_PRECISION_M} m)")
    names = {r["name"] for r in tables["lines"]}
    problems += [f"line_evidence.csv: unknown line {r['line_name']}" for r in tables["line_evidence"]
                 if r["line_name"] not in names]
    problems += [f"lines.geojson {name}: no evidence points in line_evidence.csv" for name in sorted(
        names - {r["line_name"] for r in tables["line_evidence"]})]
    return problems


def _check_communities(tables: dict, streets: dict) -> list[str]:
    """Official 社区/村 under the 48 街道; every match decision names a known entity and 社区/村, in its district,
    with words that occur in the entity's name or (when the seeds are present) its sentence."""
    from .communities import FAMILIES, DECISIONS, clause_of, _document

    problems: list[str] = []
    communities = {row["community_code"]: row for row in tables["communities"]}
    for code, row in communities.items():
        if len(code) != 12 or not code.startswith(row["street_code"][:9]) or row["street_code"] not in streets:
            problems.append(f"communities.csv {code}: not under one of the 48 街道")
    if tables["communities"] and len({row["street_code"] for row in tables["communities"]}) != len(streets):
        problems.append("communities.csv: some 街道 have no 社区/村")
    entities = {row["entity_id"]: row for table in FAMILIES for row in tables[table]}
    seen: set[tuple[str, str]] = set()
    for match in tables["community_matches"]:
        key = (match["entity_id"], match["community_code"])
        where = f"community_matches.csv {key[0]} {key[1]}"
        entity, community = entities.get(key[0]), communities.get(key[1])
        if key in seen:
            problems.append(f"{where}: decided twice")
        seen.add(key)
        if match["decision"] not in DECISIONS or not match.get("reason"):
            problems.append(f"{where}: decision must be accept or reject, with a reason")
        if entity is None or community is None:
            problems.append(f"{where}: unknown entity or 社区/村")
            continue
        if (match["decision"] == "accept" and entity.get("district_code")
                and entity["district_code"] != community["district_code"]):
            problems.append(f"{where}: 社区/村 of another district")
        text = match.get("matched_text") or ""
        if not text or text not in community["short_name"]:
            problems.append(f"{where}: matched_text {text!r} is not part of {community['short_name']}")
        elif text not in entity["name"]:
            doc = _document(entity["doc_id"])
            if doc is not None and text not in clause_of(doc, entity["line"], entity["quote"]):
                problems.append(f"{where}: {text!r} is neither in the name nor in the sentence")
    return problems


def _check_quotes(tables: dict, doc_ids: set[str], notes: list[str]) -> list[str]:
    problems: list[str] = []
    loaded = {}
    for doc_id in sorted(doc_ids):
        seed = paths.seed_path(doc_id)
        if seed is None:
            continue
        try:
            loaded[doc_id] = read_document(seed, doc_id)
        except DocumentError as exc:
            problems.append(f"seed {doc_id}: {exc}")
    if not loaded:
        notes.append("seeds not found (../shared/seeds or PLANMAP_SEEDS): quotes were not checked against the text")
        return problems
    checked = 0
    for table in [*ENTITY_TABLES, "street_mentions"]:
        for row in tables[table]:
            doc = loaded.get(row["doc_id"])
            if doc is None:
                continue
            checked += 1
            if not quote_found(doc, row["line"], row["quote"]):
                problems.append(f"{table}.csv {row.get('entity_id', '')}: quote {row['quote']!r} "
                                f"not found at {row['doc_id']} line {row['line']}")
            if row.get("value_quote") and not quote_found(doc, row["value_line"] or 0, row["value_quote"]):
                problems.append(f"{table}.csv {row['entity_id']}: value_quote {row['value_quote']!r} "
                                f"not found at {row['doc_id']} line {row['value_line']}")
    notes.append(f"{checked} quotes checked against the seeds in {paths.seeds_dir()}")
    return problems
