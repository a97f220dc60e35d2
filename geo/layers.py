"""Map layers as GeoDataFrames (EPSG:4326, geometry column ``geometry``), one function per layer.

The functions take plain tables (pandas DataFrames from ``queries``) and return
GeoDataFrames; they never touch the database themselves.
"""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely import wkt

from .boundaries import districts as _districts
from .crs import STORAGE_CRS

__all__ = ["district_layer", "points_layer", "wkt_layer"]


def district_layer(codes: list[str] | None = None) -> gpd.GeoDataFrame:
    """District polygons, optionally only ``codes``."""
    frame = _districts()
    return frame[frame["district_code"].isin(codes)].reset_index(drop=True) if codes else frame


def points_layer(frame: pd.DataFrame, lon: str = "lon", lat: str = "lat") -> gpd.GeoDataFrame:
    """Rows with coordinates as points; rows without coordinates are dropped (count them before)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"points_layer expects a pandas DataFrame, got {type(frame).__name__}")
    located = frame.dropna(subset=[lon, lat])
    return gpd.GeoDataFrame(located.drop(columns=[lon, lat]), crs=STORAGE_CRS,
                            geometry=gpd.points_from_xy(located[lon], located[lat]))


def wkt_layer(frame: pd.DataFrame, column: str = "geometry_wkt") -> gpd.GeoDataFrame:
    """Rows with a WKT geometry column as a GeoDataFrame."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"wkt_layer expects a pandas DataFrame, got {type(frame).__name__}")
    geometry = [wkt.loads(text) for text in frame[column]]
    return gpd.GeoDataFrame(frame.drop(columns=[column]), geometry=geometry, crs=STORAGE_CRS)
