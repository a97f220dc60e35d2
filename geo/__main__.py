"""``python -m geo render [OUT_DIR]``: PNGs of every layout and entity layer (default artifacts/layers)."""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

import paths
import queries

from .layers import points_layer, wkt_layer
from .maps import FAMILY_COLOURS
from .render import render_family, render_layout


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "render":
        print(__doc__)
        return 2
    out = Path(argv[1]) if len(argv) > 1 else paths.ARTIFACTS / "layers"
    con = duckdb.connect(str(paths.DATABASE), read_only=True)
    lines = wkt_layer(queries.run_query(con, "lines"))
    layouts = queries.run_query(con, "layouts_with_geometry", district_code=None)
    for layout in layouts.itertuples():
        parts = wkt_layer(queries.run_query(con, "layout_component_geometries", layout_id=layout.entity_id))
        path = render_layout(f"{layout.name} ({layout.doc_id})", parts, lines, [layout.district_code],
                             out / f"layout_{layout.entity_id}.png")
        print(path)
    for family in ("project", "park", "school", "renewal_site", "place"):
        points = points_layer(queries.run_query(con, "located_entities", family=family))
        print(render_family(family, points, lines, ["370103", "370104", "370105"], out / f"family_{family}.png",
                            colour=FAMILY_COLOURS[family]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
