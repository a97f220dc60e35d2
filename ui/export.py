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
           f"{ASSET_BASE}/leaflet/leaflet.css": paths.ROOT / "static/vendor/leaflet/leaflet.css",
           "/app/static/planmap-gestures.js": paths.ROOT / "static/planmap-gestures.js"}


def _html(title: str, layers, entries, center, zoom, basemap_key: str, language: int, footer: str) -> bytes:
    """``layers``: the ``ui.maps.Layer`` list shown on screen. Runs when the button is clicked, outside
    the page's run: everything that depends on the session (basemap, language) is passed in."""
    from .maps import base_map

    fmap = base_map(basemap_key, language, center, zoom)  # the same basemap as on screen
    for layer in layers:
        layer.build().add_to(fmap)
    legend(title, entries, font_size=15).add_to(fmap)
    fmap.get_root().html.add_child(folium.Element(
        f'<div style="position:fixed;top:10px;left:60px;z-index:9999;background:#fff;padding:6px 12px;'
        f'border-radius:6px;font:600 20px sans-serif">{html.escape(title)}</div>'
        f'<div style="position:fixed;bottom:4px;left:8px;z-index:9999;font:11px sans-serif;color:#444;'
        f'background:rgba(255,255,255,.8)">{html.escape(footer)}</div>'))
    inline = {url: path.read_text(encoding="utf-8") for url, path in _ASSETS.items() if path.exists()}
    return map_html(fmap, inline).encode("utf-8")


def _session() -> tuple[str, int, str]:
    """Basemap, language and footer of this session, read while the page runs."""
    from .i18n import lang
    from .maps import basemap

    return basemap(), lang(), t("footer")


def layout_controls(title: str, parts, layers, entries, district: str, center=None, zoom=None) -> None:
    """Download buttons for a layout map (built only when clicked); ``layers`` as shown on screen."""
    from geo.layers import wkt_layer

    from .maps import view_for

    view, session = ((center, zoom) if center else view_for(district)), _session()

    def png() -> bytes:
        buffer = io.BytesIO()
        render_layout(title, wkt_layer(parts), data.lines(), [district], buffer)
        return buffer.getvalue()

    with st.expander(t("export"), icon=":material/ios_share:"):
        left, right = st.columns(2)
        left.download_button(t("export_html"), lambda: _html(title, layers, entries, *view, *session),
                             f"planmap_{district}.html", "text/html", key="export_layout_html")
        right.download_button(t("export_png"), png, f"planmap_{district}.png", "image/png", key="export_layout_png")


def points_controls(title: str, rows, layers, entries, district: str | None) -> None:
    from geo.layers import points_layer

    from .maps import view_for

    session = _session()

    def png() -> bytes:
        buffer = io.BytesIO()
        render_family(title, points_layer(rows), data.lines(), [district] if district else [], buffer)
        return buffer.getvalue()

    with st.expander(t("export"), icon=":material/ios_share:"):
        left, right = st.columns(2)
        left.download_button(t("export_html"), lambda: _html(title, layers, entries, *view_for(district), *session),
                             "planmap_projects.html", "text/html", key="export_points_html")
        right.download_button(t("export_png"), png, "planmap_projects.png", "image/png", key="export_points_png")
