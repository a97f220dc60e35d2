"""Values that come back from the browser, validated before use.

The browser side of a component or widget can send anything (a forged websocket message, a
stale selection after a filter change). Every such value passes through one of these
functions, which return a clean value or ``None``; anything unexpected is ignored and logged
once per session and kind, never shown to the visitor.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence

import streamlit as st

__all__ = ["map_click", "table_pick", "new_value", "changed", "fingerprint", "ENTITY_ID"]

_log = logging.getLogger("planmap.inputs")
ENTITY_ID = re.compile(r"[a-z]{3}-\d{3}-\d{4}|\d{12}|syn-\d{6}")


def _ignored(kind: str, value) -> None:
    """Log an unexpected browser value once per session and kind (a short repr, never the whole value)."""
    seen = st.session_state.setdefault("_ignored_inputs", set())
    if kind not in seen:
        seen.add(kind)
        _log.warning("ignored an unexpected %s value from the browser: %.120r", kind, value)


def map_click(result) -> str | None:
    """The entity id of the feature clicked on a map, from streamlit-folium's return value.

    >>> map_click({"last_active_drawing": {"properties": {"entity_id": "prj-000-0001"}}})
    'prj-000-0001'
    >>> [map_click(v) for v in (None, "x", [1], {"last_active_drawing": "x"}, {"last_active_drawing": None})]
    [None, None, None, None, None]
    """
    if result is None:
        return None
    drawing = result.get("last_active_drawing") if isinstance(result, dict) else None
    if drawing is None and isinstance(result, dict):
        return None  # no click yet
    properties = drawing.get("properties") if isinstance(drawing, dict) else None
    entity_id = properties.get("entity_id") if isinstance(properties, dict) else None
    if entity_id is None and isinstance(properties, dict) and "entity_id" not in properties:
        return None  # a feature without an id (a district, a per-街道 count)
    if isinstance(entity_id, str) and ENTITY_ID.fullmatch(entity_id):
        return entity_id
    _ignored("map", result)
    return None


def table_pick(event, ids: Sequence[str]) -> str | None:
    """The entity id of the row picked in a single-row table selection, or None.

    ``ids`` are the ids of the rows the table showed when it was clicked: a row number is only
    meaningful against the rows it was picked from, so it is turned into an id at once.

    >>> table_pick({"selection": {"rows": [1], "columns": []}}, ["a", "b"])
    'b'
    >>> [table_pick(e, ["a"]) for e in ({"selection": {"rows": [5]}}, {"selection": {"rows": ["0"]}}, "x", None)]
    [None, None, None, None]
    """
    selection = _get(event, "selection")
    rows = _get(selection, "rows")
    if rows is None or (isinstance(rows, (list, tuple)) and not rows):
        return None
    if (isinstance(rows, (list, tuple)) and len(rows) == 1 and isinstance(rows[0], int)
            and not isinstance(rows[0], bool) and 0 <= rows[0] < len(ids)):
        return ids[rows[0]]
    _ignored("table", event)
    return None


def _get(value, name: str):
    """``value[name]`` or ``value.name`` (Streamlit's selection state is both), else None."""
    if isinstance(value, dict):
        return value.get(name)
    try:
        return value[name] if hasattr(value, "__getitem__") and not isinstance(value, (str, bytes, list, tuple)) \
            else getattr(value, name, None)
    except (KeyError, TypeError, AttributeError):
        return getattr(value, name, None)


def new_value(key: str, value):
    """``value`` when it differs from what this key returned on the previous run, else None.

    A map component keeps returning its last click on every rerun; only a new click should
    change the selection (a filter or table pick made since then must not be overridden).
    """
    return value if changed(key, value) else None


def changed(key: str, value) -> bool:
    """True when ``value`` differs from what ``key`` held on the previous run (a first run counts as None)."""
    marker = f"_last_{key}"
    if st.session_state.get(marker) == value:
        return False
    st.session_state[marker] = value
    return True


def fingerprint(values) -> str:
    """A short digest of a column, for widget and layer keys (cheap to hash with 100k rows)."""
    return hashlib.blake2b("\x1f".join(map(str, values)).encode("utf-8"), digest_size=16).hexdigest()
