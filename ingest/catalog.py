"""The data catalog (``data/catalog.yaml``): tables, column order and types, in one place."""
from __future__ import annotations

from functools import lru_cache

import yaml

import paths

__all__ = ["catalog", "columns", "column_types", "ENTITY_TABLES", "PROVENANCE"]

PROVENANCE = ("doc_id", "line", "quote", "review", "note")
ENTITY_TABLES = {  # table -> family name used in v_entities and the JSON schema
    "layouts": "layout", "layout_components": "layout_component", "places": "place", "parks": "park",
    "schools": "school", "renewal_sites": "renewal_site", "projects": "project", "indicators": "indicator",
}


@lru_cache(maxsize=1)
def catalog() -> dict:
    with paths.CATALOG.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def column_types(table: str) -> dict[str, str]:
    """Column → DuckDB type for ``table``, in the order the CSV files use."""
    spec = catalog()["tables"][table]["columns"]
    names = list(spec)
    if table in ENTITY_TABLES:  # entity tables: id, own columns, then provenance last
        names = ["entity_id"] + [n for n in names if n not in PROVENANCE and n != "entity_id"] + \
                [n for n in PROVENANCE if n in spec]
    return {name: spec[name]["type"] for name in names}


def columns(table: str) -> list[str]:
    return list(column_types(table))
