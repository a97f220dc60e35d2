"""Map build time and payload: our layer builder against one folium.Marker-with-popup per feature."""
from __future__ import annotations

import time

import folium
import geopandas as gpd
import pandas as pd

from geo.layers import points_layer
from geo.maps import escape_frame, new_map, point_layer, points_or_counts

from .synthetic import synthetic_projects


def _seats(rows: pd.DataFrame) -> gpd.GeoDataFrame:
    seats = rows.groupby("street_code")[["lon", "lat"]].mean().reset_index()
    seats["name"] = seats["street_code"]
    return points_layer(seats)


def ours(rows: pd.DataFrame, aggregate: bool = True) -> tuple[float, int]:
    started = time.perf_counter()
    fmap = new_map()
    def points():
        return escape_frame(points_layer(rows), ["name"])

    if aggregate:  # what the app draws
        points_or_counts(rows, _seats(rows), "项目", "#d95f02", points, ["name", "status"],
                         ["名称", "状态"])[0].add_to(fmap)
    else:  # every point, whatever the count
        point_layer(points(), "项目", "#d95f02", ["name", "status"], ["名称", "状态"]).add_to(fmap)
    html = fmap.get_root().render()
    return time.perf_counter() - started, len(html.encode("utf-8"))


def naive(rows: pd.DataFrame) -> tuple[float, int]:
    started = time.perf_counter()
    fmap = folium.Map(location=[36.66, 116.98], zoom_start=11)
    for row in rows.itertuples():
        folium.Marker([row.lat, row.lon], popup=folium.Popup(f"{row.name} · {row.status}")).add_to(fmap)
    html = fmap.get_root().render()
    return time.perf_counter() - started, len(html.encode("utf-8"))


def median_of(function, rows, repeats: int, **kwargs):
    runs = sorted((function(rows, **kwargs) for _ in range(repeats)), key=lambda r: r[0])
    return runs[len(runs) // 2]


def run(sizes: list[int], naive_sizes: list[int], repeats: int):
    for n in sizes:
        rows = synthetic_projects(n)
        t_ours, b_ours = median_of(ours, rows, repeats)
        t_points, b_points = median_of(ours, rows, max(1, repeats // 2), aggregate=False)
        label = f"{n // 1000}k"
        yield {"metric": f"map_build_ms_{label}", "value": round(t_ours * 1000, 1), "unit": "ms"}
        yield {"metric": f"payload_kb_map_{label}", "value": round(b_ours / 1024, 1), "unit": "KB"}
        yield {"metric": f"map_build_ms_{label}_all_points", "value": round(t_points * 1000, 1), "unit": "ms"}
        yield {"metric": f"payload_kb_map_{label}_all_points", "value": round(b_points / 1024, 1), "unit": "KB"}
        if n in naive_sizes:
            t_naive, b_naive = median_of(naive, rows, max(1, repeats // 3))
            yield {"metric": f"map_build_speedup_{label}", "value": round(t_naive / t_ours, 1), "unit": "x",
                   "baseline": round(t_naive * 1000, 1), "ours": round(t_ours * 1000, 1)}
            yield {"metric": f"payload_ratio_{label}", "value": round(b_ours / b_naive, 4), "unit": "ratio",
                   "baseline": b_naive, "ours": b_ours}
            yield {"metric": f"map_build_speedup_{label}_all_points", "value": round(t_naive / t_points, 1),
                   "unit": "x", "baseline": round(t_naive * 1000, 1), "ours": round(t_points * 1000, 1)}
            yield {"metric": f"payload_ratio_{label}_all_points", "value": round(b_points / b_naive, 4),
                   "unit": "ratio", "baseline": b_naive, "ours": b_points}
