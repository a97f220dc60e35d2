"""``python -m bench [--quick]``: speed and memory figures, one JSON object per line.

Each line is ``{"metric", "value", "unit"}`` plus ``baseline`` and ``ratio``-style fields where a
comparison is made. Timings are medians of several runs in one process.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import paths


def emit(record: dict) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repetitions")
    args = parser.parse_args(argv)

    from ingest.build import build
    from ingest.reader import read_document
    from ingest.extract import extract_all

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        timings = []
        for _ in range(1 if args.quick else 3):
            timings.append(build(tmp / "bench.duckdb")["seconds"])
        emit({"metric": "db_build_s", "value": sorted(timings)[len(timings) // 2], "unit": "s"})
        seed = max(paths.seeds_dir().glob("00[0-4]_*.txt"), key=lambda p: p.stat().st_size) if paths.seeds_dir() \
            else None
        if seed:
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                extract_all(read_document(seed))
                runs.append(time.perf_counter() - started)
            emit({"metric": "extract_s", "value": round(sorted(runs)[1], 3), "unit": "s", "file": seed.name})
        from . import documents

        for record in documents.run((100, 200, 400) if args.quick else (100, 200, 400, 800, 1000),
                                    repeats=1 if args.quick else 2):
            emit(record)
        paths.DATABASE = tmp / "bench.duckdb"

        from . import browser, mapbuild, rerun
        from .synthetic import synthetic_database

        sizes = [1000, 10000] if args.quick else [1000, 10000, 100000]
        for record in mapbuild.run(sizes, naive_sizes=[1000, 10000], repeats=3 if args.quick else 5):
            emit(record)
        big = synthetic_database(20000 if args.quick else 100000, tmp / "big.duckdb")
        for record in rerun.run(tmp / "bench.duckdb", big, rounds=1 if args.quick else 3):
            if args.quick and "100k" in record["metric"]:
                record["metric"] = record["metric"].replace("100k", "20k")
            emit(record)
        if browser.CHROMIUM.exists():
            for record in browser.run(tmp / "bench.duckdb"):
                emit(record)
        else:
            emit({"metric": "browser", "value": None, "unit": "", "note": "chromium not installed: skipped"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
