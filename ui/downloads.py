"""Download buttons for a filtered set: CSV (every row) and GeoJSON (unlocated rows keep a null geometry)."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from .i18n import t


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice
    for CSV injection); numbers and other text stay as they are.

    >>> [spreadsheet_safe(v) for v in ["=1+1", "+1", "-", "@a", "黄河", -3.5, None]]
    ["'=1+1", "'+1", "'-", "'@a", '黄河', -3.5, None]
    >>> spreadsheet_safe(chr(9) + "x") == "'" + chr(9) + "x"
    True
    """
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV with a BOM (so Excel and WPS read the Chinese), formulas neutralised."""
    text_columns = [c for c in rows.columns if rows[c].dtype == object or pd.api.types.is_string_dtype(rows[c])]
    safe = rows.assign(**{c: rows[c].map(spreadsheet_safe) for c in text_columns})
    return safe.to_csv(index=False).encode("utf-8-sig")


def geojson(rows: pd.DataFrame) -> str:
    features = []
    for record in json.loads(rows.to_json(orient="records", force_ascii=False)):
        lon, lat = record.pop("lon", None), record.pop("lat", None)
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
        features.append({"type": "Feature", "properties": record, "geometry": geometry})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def render(rows: pd.DataFrame, stem: str) -> None:
    left, right = st.columns(2)
    # Built only when clicked (deferred), so a filter change does not serialise the whole set.
    left.download_button(t("download_csv"), lambda: csv_bytes(rows), f"{stem}.csv",
                         "text/csv", key=f"{stem}_csv", icon=":material/download:")
    right.download_button(t("download_geojson"), lambda: geojson(rows).encode("utf-8"), f"{stem}.geojson",
                          "application/geo+json", key=f"{stem}_geojson", icon=":material/download:")
