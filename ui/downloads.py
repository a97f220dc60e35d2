"""Download buttons for a filtered set: CSV (every row) and GeoJSON (unlocated rows keep a null geometry)."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from .i18n import t


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
    left.download_button(t("download_csv"), lambda: rows.to_csv(index=False).encode("utf-8-sig"), f"{stem}.csv",
                         "text/csv", key=f"{stem}_csv", icon=":material/download:")
    right.download_button(t("download_geojson"), lambda: geojson(rows).encode("utf-8"), f"{stem}.geojson",
                          "application/geo+json", key=f"{stem}_geojson", icon=":material/download:")
