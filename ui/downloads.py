"""Download buttons for a filtered set: CSV (every row) and GeoJSON (unlocated rows keep a null geometry).

Files speak the reader's language (headers and enumerations as on screen, with the codes in columns of
their own for machines) and are named after the view (``项目_天桥区_药山街道_2026-12-03.csv``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
import json
import re

import pandas as pd
import streamlit as st

from .i18n import (COLUMNS, district_label, family_label, lang, located_by_label, site_class_label, status_label,
                   street_basis_label, t)

# code column → (its label function, the header of the readable column in both languages)
_READABLE = {"status": (status_label, ("状态", "Status")), "district_code": (district_label, ("区", "District")),
             "family": (family_label, ("类", "Family")), "located_by": (located_by_label, ("定位方式", "Located by")),
             "site_class": (site_class_label, ("非场所类别", "Non-site class")),
             "street_basis": (street_basis_label, ("街道依据", "Street basis"))}
_HEADERS = {**COLUMNS, "entity_id": ("编号", "ID"), "street_code": ("街道代码", "Street office code"),
            "street_basis": ("街道依据", "Street basis"), "lon": ("经度 (WGS-84)", "Longitude (WGS-84)"),
            "lat": ("纬度 (WGS-84)", "Latitude (WGS-84)"), "precision_m": ("位置精度（米）", "Precision (m)"),
            "year": ("年份", "Year"), "investment_text": ("投资（原文）", "Investment (as written)"),
            "scale": ("规模", "Scale"), "build_method": ("建设方式", "How built"), "place": ("地点", "Place"),
            "street_name": ("街道", "Street office"), "is_site": ("实体场所", "Physical site"),
            "n_documents": ("提及文件数", "Documents mentioning it")}
_CODE = ("（代码）", " (code)")
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


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


def readable(rows: pd.DataFrame) -> Callable[[], pd.DataFrame]:
    """The rows with headers in the reader's language; an enumeration shows its label, and its code
    follows in a column of its own. Labels are looked up now, in the session's language (a download is
    built after the page's run, outside the session); the frame itself only when the file is asked for."""
    language, headers, labels = lang(), {}, {}
    for column in rows.columns:
        if column in _READABLE:
            label, header = _READABLE[column]
            labels[column] = {v: label(v) for v in rows[column].dropna().unique() if isinstance(v, str) and v}
            headers[column] = (header[language], header[language] + _CODE[language])
        else:
            headers[column] = (_HEADERS.get(column, (column, column))[language],)

    def build() -> pd.DataFrame:
        out = {}
        for column in rows.columns:
            if column in labels:
                readable_name, code_name = headers[column]
                out[readable_name] = [labels[column].get(v, "") for v in rows[column]]
                out[code_name] = rows[column].tolist()
            else:
                out[headers[column][0]] = rows[column].tolist()
        return pd.DataFrame(out)
    return build


def file_stem(kind: str, parts) -> str:
    """``项目_天桥区_药山街道_2026-12-03``: the page, the filters in force, today's date; safe as a file name.

    >>> file_stem("项目", ["天桥区", None, "药山街道", "a/b: c"])[:-10]
    '项目_天桥区_药山街道_a-b-c_'
    """
    words = [kind, *(str(p) for p in parts if p), dt.date.today().isoformat()]
    return "_".join(_UNSAFE_IN_NAMES.sub("-", w).strip("-")[:40] for w in words)


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


def render(rows: pd.DataFrame, page: str, parts=()) -> None:
    """CSV and GeoJSON of ``rows``; ``page`` names the page (a label key), ``parts`` the filters in force."""
    left, right = st.columns(2)
    stem, table = file_stem(t(page), parts), readable(rows)  # the session's language, read while the page runs
    # Built only when clicked (deferred), so a filter change does not serialise the whole set.
    left.download_button(t("download_csv"), lambda: csv_bytes(table()), f"{stem}.csv",
                         "text/csv", key=f"{page}_csv", icon=":material/download:")
    right.download_button(t("download_geojson"), lambda: geojson(rows).encode("utf-8"), f"{stem}.geojson",
                          "application/geo+json", key=f"{page}_geojson", icon=":material/download:")
