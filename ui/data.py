"""Cached, read-only access to the database for the pages; builds it first when missing or stale."""
from __future__ import annotations

import logging

import duckdb
import geopandas as gpd
import streamlit as st

import paths
import queries
from geo.layers import district_layer, wkt_layer
from ingest.build import BuildError, build, needs_build

from .i18n import t

_log = logging.getLogger("planmap.data")


@st.cache_resource(show_spinner=False)
def connection() -> duckdb.DuckDBPyConnection:
    """One read-only connection per server process (a cursor is taken per query)."""
    if needs_build():
        with st.spinner(t("db_building")):
            build()
    return duckdb.connect(str(paths.DATABASE), read_only=True)


def query(name: str, **params):
    """Run a named query on a fresh cursor of the shared connection (thread-safe)."""
    return queries.run_query(connection().cursor(), name, **params)


@st.cache_resource(show_spinner=False, max_entries=256)
def _shared_query(name: str, **params):
    return query(name, **params)


def cached_query(name: str, **params):
    """``query`` for results that only change when the database does.

    One result is shared by every session, and each caller gets a shallow copy: under pandas'
    copy-on-write nothing a page does to its copy reaches the shared frame. (``st.cache_data``
    would pickle a fresh copy per call: 100k synthetic projects made that most of a rerun.)
    """
    return _shared_query(name, **params).copy(deep=False)


@st.cache_data(show_spinner=False)
def districts() -> gpd.GeoDataFrame:
    return district_layer()


@st.cache_data(show_spinner=False)
def lines() -> gpd.GeoDataFrame:
    return wkt_layer(query("lines"))


def ensure_database() -> bool:
    """Open (building if needed) the database; on failure show how to fix it and return False."""
    try:
        connection()
        return True
    except (BuildError, duckdb.Error, OSError) as exc:
        st.error(t("db_failed"))
        _log.error("the database could not be opened or built: %s", exc)  # paths stay in the server log
        return False
