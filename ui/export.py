"""Export the current map for slides: a standalone HTML (Leaflet inlined, works offline) or a PNG with
title, legend and source line."""
from __future__ import annotations

import html
import io
import math
import threading
import time
from collections import deque

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


EXPORTS_PER_MINUTE = 6  # a PNG costs ~0.8 s of CPU; one visitor gets at most this many a minute
_RENDERING = threading.Lock()  # one export at a time per process (and matplotlib's pyplot is not thread-safe)


class Budget:
    """The exports one session may still make: at most ``limit`` in any ``window`` seconds.

    >>> now = [0.0]
    >>> budget = Budget(2, 60, clock=lambda: now[0])
    >>> budget.take(), budget.take(), budget.take(), budget.wait()
    (True, True, False, 60.0)
    >>> now[0] = 61.0
    >>> budget.wait(), budget.take()
    (0.0, True)
    """

    def __init__(self, limit: int = EXPORTS_PER_MINUTE, window: float = 60.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._times: deque[float] = deque()
        self._lock = threading.Lock()  # the download callables run in Streamlit's worker threads

    def _expire(self, now: float) -> None:
        while self._times and now - self._times[0] >= self.window:
            self._times.popleft()

    def take(self) -> bool:
        with self._lock:
            now = self.clock()
            self._expire(now)
            if len(self._times) >= self.limit:
                return False
            self._times.append(now)
            return True

    def wait(self) -> float:
        """Seconds until the next export is allowed (0 when one is)."""
        with self._lock:
            now = self.clock()
            self._expire(now)
            return 0.0 if len(self._times) < self.limit else self.window - (now - self._times[0])


class ExportRefused(RuntimeError):
    """Past the session's budget (the page says so; only a client that ignores it gets here)."""


def _budget(name: str) -> Budget:
    return st.session_state.setdefault(name, Budget())


def _button(column, label: str, make, file_name: str, mime: str, key: str) -> None:
    """A download button whose file ``make()`` builds on click, within this session's export budget.

    The budget is enforced where the work is done: the callable, which a client can request
    without clicking. The clicks are counted again in the rerun each click starts (``on_click``),
    so the notice shows as soon as the last allowed export was clicked.
    """
    budget = _budget("export_budget")

    def run() -> bytes:
        if not budget.take() or not _RENDERING.acquire(timeout=60):
            raise ExportRefused("export budget spent")
        try:
            return make()
        finally:
            _RENDERING.release()
    column.download_button(label, run, file_name, mime, key=key, on_click=_budget("export_clicks").take)


def _limit_notice() -> None:
    wait = _budget("export_clicks").wait()
    if wait > 0:
        st.caption(t("export_limit").format(n=EXPORTS_PER_MINUTE, s=math.ceil(wait)))


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
        _limit_notice()
        left, right = st.columns(2)
        _button(left, t("export_html"), lambda: _html(title, layers, entries, *view, *session),
                f"planmap_{district}.html", "text/html", "export_layout_html")
        _button(right, t("export_png"), png, f"planmap_{district}.png", "image/png", "export_layout_png")


def points_controls(title: str, rows, layers, entries, district: str | None) -> None:
    from geo.layers import points_layer

    from .maps import view_for

    session = _session()

    def png() -> bytes:
        buffer = io.BytesIO()
        render_family(title, points_layer(rows), data.lines(), [district] if district else [], buffer)
        return buffer.getvalue()

    with st.expander(t("export"), icon=":material/ios_share:"):
        _limit_notice()
        left, right = st.columns(2)
        _button(left, t("export_html"), lambda: _html(title, layers, entries, *view_for(district), *session),
                "planmap_projects.html", "text/html", "export_points_html")
        _button(right, t("export_png"), png, "planmap_projects.png", "image/png", "export_points_png")
