"""Coordinate systems, owned in one place.

* storage: EPSG:4326 (WGS-84), geometry column ``geometry``;
* metric work (areas, buffers, distances): UTM zone 50N, EPSG:32650;
* Chinese web maps (Gaode/AMap, Tencent) and the reference boundaries use GCJ-02, the
  obfuscated datum of Chinese web maps, about 510 m east and 20 m north of WGS-84 in Jinan.
  Convert only at that boundary: ``wgs84_to_gcj02`` when drawing on Gaode tiles,
  ``gcj02_to_wgs84`` when reading GCJ-02 data.

The forward transform is the published GCJ-02 formula; the inverse iterates it to
below a millimetre.
"""
from __future__ import annotations

import math

__all__ = ["STORAGE_CRS", "METRIC_CRS", "GEOMETRY", "wgs84_to_gcj02", "gcj02_to_wgs84", "out_of_china"]

STORAGE_CRS = "EPSG:4326"
METRIC_CRS = "EPSG:32650"
GEOMETRY = "geometry"

_A = 6378245.0
_EE = 0.00669342162296594323


def out_of_china(lon: float, lat: float) -> bool:
    """GCJ-02 applies only inside (a box around) mainland China."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 → GCJ-02 (lon, lat in degrees)."""
    if out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → WGS-84 by fixed-point iteration of the forward transform (error < 1 mm).

    >>> lon, lat = gcj02_to_wgs84(*wgs84_to_gcj02(117.0, 36.65))
    >>> round(lon, 7), round(lat, 7)
    (117.0, 36.65)
    """
    if out_of_china(lon, lat):
        return lon, lat
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = glon - lon, glat - lat
        wlon, wlat = wlon - elon, wlat - elat
        if abs(elon) < 1e-10 and abs(elat) < 1e-10:
            break
    return wlon, wlat
