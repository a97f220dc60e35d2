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

__all__ = ["district_layer", "points_layer", "wkt_layer", "simplified", "around_study_area", "STUDY_AREA"]


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


def simplified(frame: gpd.GeoDataFrame, metres: float = 40) -> gpd.GeoDataFrame:
    """Geometry simplified for display (tolerance in metres, topology kept); storage stays exact.

    The reference boundaries have ~100 m vertex resolution, so 40 m changes nothing a reader can see.
    """
    from .crs import METRIC_CRS

    out = frame.copy()
    out["geometry"] = frame.to_crs(METRIC_CRS).simplify(metres, preserve_topology=True).to_crs(frame.crs)
    return out


STUDY_AREA = (116.70, 36.45, 117.25, 36.90)
"""West, south, east, north (WGS-84) of what the maps show: the three districts and their surroundings."""


def around_study_area(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Clip to the study area (neighbouring districts shrink to what is on screen)."""
    from shapely.geometry import box

    clipped = frame.clip(box(*STUDY_AREA))
    return clipped[~clipped.geometry.is_empty].reset_index(drop=True)
