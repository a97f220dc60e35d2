"""Static PNG renderings of the layers, for reviewing geometry the way a reader sees it.

``python -m geo render [OUT_DIR]`` writes one PNG per layout (its components over the
district boundaries, rivers and roads) and one per entity family (located points with
their precision circles; planned hollow, existing filled). Chinese labels need a CJK
font (Debian: fonts-wqy-microhei); without one the labels show as boxes.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from .crs import METRIC_CRS  # noqa: E402
from .layers import district_layer  # noqa: E402
from .maps import FAMILY_COLOURS, GROUP_COLOURS, PLANNED  # noqa: E402

__all__ = ["render_layout", "render_family"]

_CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC")


@lru_cache(maxsize=1)
def _font() -> None:
    """Register a CJK font once per process (scanning the system fonts takes a while)."""
    for path in font_manager.findSystemFonts():
        if any(tag in path.lower() for tag in ("wqy", "cjk", "sourcehan")):
            font_manager.fontManager.addfont(path)
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in _CJK_FONTS:
        if name in names:
            plt.rcParams["font.family"] = name
            return


def _base(ax, codes: list[str], lines: gpd.GeoDataFrame) -> None:
    codes = [c for c in codes if isinstance(c, str) and c] or ["370103", "370104", "370105"]
    frame = district_layer().to_crs(METRIC_CRS)
    frame.plot(ax=ax, color="#f2f2f2", edgecolor="#bbbbbb", linewidth=0.6)
    frame[frame.district_code.isin(codes)].plot(ax=ax, color="#fbfaf4", edgecolor="#555555", linewidth=1.2)
    if len(lines):
        metric = lines.to_crs(METRIC_CRS)
        metric[metric.kind == "river"].plot(ax=ax, color="#6baed6", linewidth=1.6)
        metric[metric.kind == "road"].plot(ax=ax, color="#bdbdbd", linewidth=1.0)
    bounds = frame[frame.district_code.isin(codes)].total_bounds
    pad = 1500
    ax.set_xlim(bounds[0] - pad, bounds[2] + pad)
    ax.set_ylim(bounds[1] - pad, bounds[3] + pad)
    ax.set_axis_off()


def _plain(text) -> str:
    """Text as text: a ``$`` would start matplotlib's mathtext (and ``$…$`` in a name made the export fail).

    >>> print(_plain("投资$5$亿"))
    投资\\$5\\$亿
    """
    return str(text).replace("$", "\\$")


def _finish(fig, ax, title: str, source: str, out, handles=None) -> None:
    ax.set_title(_plain(title), fontsize=14)
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=9, framealpha=0.92)
    fig.text(0.01, 0.005, source, fontsize=7.5, color="#555555", ha="left", va="bottom", wrap=True)
    if hasattr(out, "write"):
        fig.savefig(out, bbox_inches="tight", format="png")
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, bbox_inches="tight")
    plt.close(fig)


SOURCE = ("来源 Source: 济南市天桥区/市中区/槐荫区公开规划文件; 区界 echarts-china-cities (MIT), GCJ-02→WGS-84; "
          "图形为示意 (schematic), 位置标注精度 (approximate). Jinan PlanMap")


def render_layout(title: str, components: gpd.GeoDataFrame, lines: gpd.GeoDataFrame, codes: list[str],
                  out, source: str = SOURCE) -> object:
    """Components (columns group_label, name, geometry) of one layout, coloured by group.

    With a ``colour`` column (the app's colours, as on screen and in its legend) each group keeps
    that colour; without one, groups take ``GROUP_COLOURS`` in order, and a single-group layout
    colours each member apart (for reviewing the geometry)."""
    _font()
    fig, ax = plt.subplots(figsize=(10, 9), dpi=110)
    _base(ax, codes, lines)
    from matplotlib.patches import Patch

    metric = components.to_crs(METRIC_CRS)
    given = "colour" in metric.columns
    key = "group_label" if given or metric["group_label"].nunique() > 1 else "name"
    groups = list(metric.groupby(key, sort=False))
    colours = [part["colour"].iloc[0] for _key, part in groups] if given else \
        [GROUP_COLOURS[i % len(GROUP_COLOURS)] for i in range(len(groups))]
    handles = []
    for colour, (_key, part) in zip(colours, groups):
        handles.append(Patch(facecolor=colour, edgecolor=colour, alpha=0.6, label=_plain(_key)))
        polys = part[part.geom_type.isin(["Polygon", "MultiPolygon"])]
        if len(polys):
            polys.plot(ax=ax, color=colour, alpha=0.25, edgecolor=colour, linewidth=1.2, linestyle="--")
        linear = part[part.geom_type.isin(["LineString", "MultiLineString"])]
        if len(linear):
            linear.plot(ax=ax, color=colour, linewidth=4, alpha=0.8)
        points = part[part.geom_type == "Point"]
        if len(points):
            points.plot(ax=ax, color=colour, markersize=90, edgecolor="white")
        for row in part.itertuples():
            anchor = row.geometry.representative_point()
            ax.annotate(_plain(f"{row.group_label}·{row.name}"), (anchor.x, anchor.y), fontsize=8, color=colour,
                        ha="center", bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": colour, "alpha": 0.8})
    _finish(fig, ax, f"{title}（示意 schematic）", source, out, handles)
    return out


def render_family(title: str, points: gpd.GeoDataFrame, lines: gpd.GeoDataFrame, codes: list[str],
                  out, source: str = SOURCE, colour: str = FAMILY_COLOURS["project"]) -> object:
    """Located entities (columns status, precision_m, geometry): planned hollow, existing filled."""
    _font()
    fig, ax = plt.subplots(figsize=(10, 9), dpi=110)
    _base(ax, codes, lines)
    metric = points.to_crs(METRIC_CRS)
    circles = metric.copy()
    circles["geometry"] = metric.buffer(metric["precision_m"].fillna(0).astype(float))
    circles.plot(ax=ax, color="#9ecae1", alpha=0.12, edgecolor="#9ecae1", linewidth=0.3)
    from matplotlib.lines import Line2D

    planned = metric["status"].isin(PLANNED)
    if planned.any():
        metric[planned].plot(ax=ax, facecolor="white", edgecolor=colour, markersize=30, linewidth=1.4)
    if (~planned).any():
        metric[~planned].plot(ax=ax, color=colour, markersize=30)
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=colour,
                      label="规划/在建 planned"),
               Line2D([], [], marker="o", linestyle="", color=colour, label="现有/已完成 existing"),
               Line2D([], [], marker="o", linestyle="", markersize=14, color="#9ecae1", alpha=0.4,
                      label="位置精度 precision")]
    _finish(fig, ax, f"{title}（{len(metric)}）", source, out, handles)
    return out
