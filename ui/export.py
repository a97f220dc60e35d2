"""Export the current map for slides: a standalone HTML (Leaflet inlined, works offline) or a PNG with
title, legend and source line."""
from __future__ import annotations

import html
import io

import folium
import streamlit as st

import paths
from geo.maps import ASSET_BASE, legend, map_html
from geo.render import render_family, render_layout

from . import data
from .i18n import t

_ASSETS = {f"{ASSET_BASE}/leaflet/leaflet.js": paths.ROOT / "static/vendor/leaflet/leaflet.js",
           f"{ASSET_BASE}/leaflet/leaflet.css": paths.ROOT / "static/vendor/leaflet/leaflet.css"}


def _html(title: str, layers, entries, center, zoom) -> bytes:
    """``layers``: the ``ui.maps.Layer`` list shown on screen."""
    from .i18n import lang
    from .maps import base_map, basemap

    fmap = base_map(basemap(), lang(), center, zoom)  # the same basemap as on screen
    for layer in layers:
        layer.build().add_to(fmap)
    legend(title, entries, font_size=15).add_to(fmap)
    fmap.get_root().html.add_child(folium.Element(
        f'<div style="position:fixed;top:10px;left:60px;z-index:9999;background:#fff;padding:6px 12px;'
        f'border-radius:6px;font:600 20px sans-serif">{html.escape(title)}</div>'
        f'<div style="position:fixed;bottom:4px;left:8px;z-index:9999;font:11px sans-serif;color:#444;'
        f'background:rgba(255,255,255,.8)">{html.escape(t("footer"))}</div>'))
    inline = {url: path.read_text(encoding="utf-8") for url, path in _ASSETS.items() if path.exists()}
    return map_html(fmap, inline).encode("utf-8")


def layout_controls(title: str, parts, layers_fn, entries, district: str, center=None, zoom=None) -> None:
    """Download buttons for a layout map (built only when clicked)."""
    from geo.layers import wkt_layer

    from .maps import view_for

    view = (center, zoom) if center else view_for(district)

    def png() -> bytes:
        buffer = io.BytesIO()
        render_layout(title, wkt_layer(parts), data.lines(), [district], buffer)
        return buffer.getvalue()

    with st.expander(t("export"), icon=":material/ios_share:"):
        left, right = st.columns(2)
        left.download_button(t("export_html"), lambda: _html(title, layers_fn(), entries, *view),
                             f"planmap_{district}.html", "text/html", key="export_layout_html")
        right.download_button(t("export_png"), png, f"planmap_{district}.png", "image/png", key="export_layout_png")


def points_controls(title: str, rows, layers_fn, entries, district: str | None) -> None:
    from geo.layers import points_layer

    from .maps import view_for

    def png() -> bytes:
        buffer = io.BytesIO()
        render_family(title, points_layer(rows), data.lines(), [district] if district else [], buffer)
        return buffer.getvalue()

    with st.expander(t("export"), icon=":material/ios_share:"):
        left, right = st.columns(2)
        left.download_button(t("export_html"), lambda: _html(title, layers_fn(), entries, *view_for(district)),
                             "planmap_projects.html", "text/html", key="export_points_html")
        right.download_button(t("export_png"), png, "planmap_projects.png", "image/png", key="export_points_png")
