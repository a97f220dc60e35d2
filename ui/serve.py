"""Start the app with its heavy modules already imported: ``python -m ui.serve [streamlit options]``.

Streamlit imports a page's modules on the first script run, so the first visitor after a
restart would wait for geopandas, folium and DuckDB to load (~2 s on this machine). This
launcher imports them, builds the database if it is missing or stale, then hands over to
``streamlit run app.py`` without the development file watcher.
"""
from __future__ import annotations

import sys

import paths


def main(argv: list[str]) -> int:
    # Not streamlit_folium or ui.*: a custom component must be declared once the runtime is up.
    import duckdb  # noqa: F401
    import folium  # noqa: F401
    import geopandas  # noqa: F401

    import geo.maps  # noqa: F401
    import geo.render  # noqa: F401
    from ingest.build import build, needs_build

    if needs_build():
        build()
    from streamlit.web import cli

    # No source watcher when serving: Streamlit gives every session its own watcher over every
    # imported module, which costs CPU per session for a reload nobody needs outside development.
    serving = [] if any(arg.startswith("--server.fileWatcherType") for arg in argv) else [
        "--server.fileWatcherType", "none"]
    sys.argv = ["streamlit", "run", str(paths.ROOT / "app.py"), *serving, *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
