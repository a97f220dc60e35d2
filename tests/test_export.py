"""Map export for slides: standalone HTML with Leaflet inlined (no network) and a PNG."""
from __future__ import annotations

import re

import pytest

import paths
import queries


@pytest.fixture(autouse=True)
def _database(db_path, monkeypatch):
    monkeypatch.setattr(paths, "DATABASE", db_path)


@pytest.fixture()
def parts(con):
    from ui.maps import colour_groups
    return colour_groups(queries.run_query(con, "layout_component_geometries", layout_id="lay-003-0005"))


def test_standalone_html_has_everything_inline_and_escapes_the_title(parts):
    if not (paths.ROOT / "static/vendor/leaflet/leaflet.js").exists():
        from .conftest import IN_CI
        (pytest.fail if IN_CI else pytest.skip)("Leaflet assets missing: run `make install` (npm ci)")
    from ui import export, maps
    frame, entries = parts
    html = export._html("两核<script>alert(1)</script>", maps.layout_groups(frame), entries, (36.67, 116.88), 12,
                        "vector", 0, "来源")
    text = html.decode("utf-8")
    assert not re.search(r'<script src="|<link rel="stylesheet" href="', text)  # nothing fetched
    assert "L.map" in text and "两核" in text
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text


def test_png_export_renders(parts, tmp_path):
    from geo.layers import wkt_layer
    from geo.render import render_layout
    from ui import data
    frame, _entries = parts
    out = render_layout("两核三区、三纵三横", wkt_layer(frame), data.lines(), ["370104"], tmp_path / "x.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20000


def test_png_export_keeps_the_colours_shown_on_screen(parts, tmp_path):
    """The slide PNG colours each group as the map and its legend do (the frame's colour column)."""
    import numpy as np
    from matplotlib import image

    from geo.layers import wkt_layer
    from geo.render import render_layout
    from ui import data
    frame, _entries = parts
    frame = frame.assign(colour=["#00ff00" if g == frame["group_label"].iloc[0] else "#0000ff"
                                 for g in frame["group_label"]])
    pixels = image.imread(render_layout("两核三区", wkt_layer(frame), data.lines(), ["370104"], tmp_path / "c.png"))
    rgb = (pixels[..., :3] * 255).astype(int)
    green = (rgb[..., 1] > 200) & (rgb[..., 0] < 100) & (rgb[..., 2] < 100)
    blue = (rgb[..., 2] > 200) & (rgb[..., 0] < 100) & (rgb[..., 1] < 100)
    assert green.sum() > 50 and blue.sum() > 50


def test_html_export_follows_the_session_language_and_basemap(parts):
    """The export runs when the button is clicked, outside the page's run: it gets the session's choices."""
    from ui import export, maps
    frame, entries = parts
    english = export._html("Layout", maps.layout_groups(frame), entries, (36.67, 116.88), 12, "osm", 1,
                           "Data: public planning documents").decode("utf-8")
    assert "tile.openstreetmap.org" in english and "Data: public planning documents" in english
    chinese = export._html("布局", maps.layout_groups(frame), entries, (36.67, 116.88), 12, "vector", 0,
                           "数据").decode("utf-8")
    assert "tile.openstreetmap.org" not in chinese


def test_png_export_shows_dollar_signs_as_text(parts, tmp_path):
    """A name with ``$…$`` made matplotlib's mathtext fail silently; it is plain text now."""
    from geo.layers import wkt_layer
    from geo.render import render_layout
    from ui import data
    frame, _entries = parts
    hostile = frame.assign(name=["$\\frac{1}{0}$ 投资$5$亿" for _ in range(len(frame))],
                           group_label=["$x^{$" for _ in range(len(frame))])
    out = render_layout("$\\undefinedcommand$", wkt_layer(hostile), data.lines(), ["370104"], tmp_path / "x.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20000
