"""Synthetic projects placed inside the three districts, and a database copy that holds them."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from shapely import contains_xy

import paths
from geo.boundaries import districts

STATUSES = np.array(["planned", "under_construction", "completed", "existing"])
CATEGORIES = np.array(["产业", "教育", "交通", "城市更新", "生态环保", "商贸"])


def synthetic_projects(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` projects uniformly inside 天桥/市中/槐荫, each with the nearest street seat of its district."""
    rng = np.random.default_rng(seed)
    shapes = districts().set_index("district_code").geometry
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        seats = con.execute("SELECT anchor_id, district_code, lon, lat FROM anchors WHERE method = 'street_seat'").df()
    parts = []
    for code in ("370103", "370104", "370105"):
        shape = shapes[code]
        minx, miny, maxx, maxy = shape.bounds
        want = n // 3 + (1 if code == "370105" else 0) * (n - 3 * (n // 3))
        found = np.empty((0, 2))
        while len(found) < want:
            xy = rng.uniform((minx, miny), (maxx, maxy), size=(want * 2, 2))
            found = np.vstack([found, xy[contains_xy(shape, xy[:, 0], xy[:, 1])]])
        xy = found[:want]
        local = seats[seats["district_code"] == code]
        distance = (xy[:, None, 0] - local["lon"].to_numpy()[None]) ** 2 + (xy[:, None, 1] - local["lat"].to_numpy()[None]) ** 2
        parts.append(pd.DataFrame({"lon": xy[:, 0].round(6), "lat": xy[:, 1].round(6), "district_code": code,
                                   "street_code": local["anchor_id"].to_numpy()[distance.argmin(axis=1)]}))
    frame = pd.concat(parts, ignore_index=True)
    frame.insert(0, "entity_id", [f"syn-{i:06d}" for i in range(len(frame))])
    frame.insert(1, "name", [f"合成项目 {i}" for i in range(len(frame))])
    frame["status"] = STATUSES[rng.integers(0, len(STATUSES), len(frame))]
    frame["category"] = CATEGORIES[rng.integers(0, len(CATEGORIES), len(frame))]
    frame["precision_m"] = 500
    return frame


def synthetic_database(n: int, target: Path) -> Path:
    """A copy of the database with ``n`` synthetic projects added (located, with stated streets)."""
    shutil.copyfile(paths.DATABASE, target)
    return insert_projects(target, synthetic_projects(n))


def insert_projects(target: Path, rows: pd.DataFrame) -> Path:
    """Add projects (columns of :func:`synthetic_projects`) to a database and refresh v_entities."""
    import queries

    with duckdb.connect(str(target)) as con:
        con.register("syn", rows)
        con.execute("""INSERT INTO projects BY NAME SELECT entity_id, name, category AS kind, status, district_code,
                       street_code AS street_codes, '000' AS doc_id, 1 AS line, '合成' AS quote, 'auto' AS review FROM syn""")
        con.execute("""INSERT INTO entity_locations BY NAME SELECT entity_id, lon, lat, precision_m,
                       'manual' AS located_by, 'synthetic' AS basis, street_code, 'text' AS street_basis FROM syn""")
        con.execute("""INSERT INTO entity_streets SELECT entity_id, 'project', street_code, 'text', 'synthetic' FROM syn""")
        con.execute(queries.load("build/entity_mentions"))  # each synthetic project is one mention of itself
        con.execute(queries.load("build/v_entities"))  # v_entities is materialised at build time
        con.execute("CHECKPOINT")
    return target
