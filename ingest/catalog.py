"""The data catalog (``data/catalog.yaml``): tables, column order and types, in one place."""
from __future__ import annotations

from functools import lru_cache

import paths

__all__ = ["catalog", "columns", "column_types", "ENTITY_TABLES", "PROVENANCE"]

PROVENANCE = ("doc_id", "line", "quote", "review", "note")
ENTITY_TABLES = {  # table -> family name used in v_entities and the JSON schema
    "layouts": "layout", "layout_components": "layout_component", "places": "place", "parks": "park",
    "schools": "school", "renewal_sites": "renewal_site", "projects": "project", "indicators": "indicator",
}


TYPES = ("VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN")


@lru_cache(maxsize=1)
def catalog() -> dict:
    """The catalog, checked for shape: every table a mapping of columns, every column a known type."""
    from .dataset import DataError, load_yaml, shown

    content = load_yaml(paths.CATALOG)
    tables = content.get("tables") if isinstance(content, dict) else None
    if not isinstance(tables, dict) or not tables:
        raise DataError(f"{shown(paths.CATALOG)}: expected a mapping under 'tables:'"
                        + (" (the file is empty)" if content is None else ""))
    for table, spec in tables.items():
        columns = spec.get("columns") if isinstance(spec, dict) else None
        if not isinstance(columns, dict) or not columns:
            raise DataError(f"{shown(paths.CATALOG)}: table {table} has no columns")
        for column, about in columns.items():
            if not isinstance(about, dict) or about.get("type") not in TYPES:
                raise DataError(f"{shown(paths.CATALOG)}: {table}.{column}: type must be one of {', '.join(TYPES)}")
    return content


def column_types(table: str) -> dict[str, str]:
    """Column → DuckDB type for ``table``, in the order the CSV files use."""
    from .dataset import DataError

    tables = catalog()["tables"]
    if table not in tables:
        raise DataError(f"catalog.yaml: no table {table}")
    spec = tables[table]["columns"]
    names = list(spec)
    if table in ENTITY_TABLES:  # entity tables: id, own columns, then provenance last
        names = ["entity_id"] + [n for n in names if n not in PROVENANCE and n != "entity_id"] + \
                [n for n in PROVENANCE if n in spec]
    return {name: spec[name]["type"] for name in names}


def columns(table: str) -> list[str]:
    return list(column_types(table))
