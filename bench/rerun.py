"""Filter-change reruns of the Projects page under AppTest, at seed scale and with 100k synthetic projects."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

import paths

ROOT = Path(__file__).resolve().parent.parent
CHANGES = [("p_district", "370105"), ("p_district", "370104"), ("p_district", "370103"), ("p_district", ""),
           ("p_status", "planned"), ("p_status", ""), ("p_category", "教育"), ("p_category", "")]


def timings(database: Path, rounds: int) -> list[float]:
    paths.DATABASE = database
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.switch_page("views/projects.py")
    at.run()
    at.selectbox(key="p_district").set_value("370105").run()  # warm the caches once
    at.selectbox(key="p_district").set_value("").run()
    out = []
    for _ in range(rounds):
        for key, value in CHANGES:
            started = time.perf_counter()
            at.selectbox(key=key).set_value(value).run()
            out.append((time.perf_counter() - started) * 1000)
            if at.exception:
                raise RuntimeError(at.exception[0].message)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def run(seed_db: Path, big_db: Path | None, rounds: int):
    seed = timings(seed_db, rounds)
    yield {"metric": "rerun_p50_ms_seed", "value": round(statistics.median(seed), 1), "unit": "ms"}
    yield {"metric": "rerun_p95_ms_seed", "value": round(p95(seed), 1), "unit": "ms"}
    if big_db is not None:
        big = timings(big_db, max(1, rounds // 2))
        yield {"metric": "rerun_p50_ms_100k", "value": round(statistics.median(big), 1), "unit": "ms",
               "baseline": round(statistics.median(seed), 1)}
        yield {"metric": "rerun_p95_ms_100k", "value": round(p95(big), 1), "unit": "ms"}
    paths.DATABASE = seed_db
