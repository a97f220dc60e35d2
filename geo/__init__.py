"""Pure geometry: coordinate systems, district boundaries (later: gazetteer, layers, map building).

One geometry column name (``geometry``) and one storage CRS (EPSG:4326, WGS-84) everywhere.
"""
