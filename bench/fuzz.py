"""URL-state fuzzing: random and malformed query strings against every page through AppTest.

``python -m bench.fuzz [--n 10000] [--seed 0]`` prints one JSON line per page and a total;
the test suite runs a small sample of the same cases.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "layouts", "projects", "facilities", "indicators", "sources"]
KEYS = ["d", "l", "p", "step", "sel", "s", "c", "st", "doc", "q", "f", "lang", "base", "x", "", "d[]", "页"]
VALUES = [
    "370105", "370103", "370104", "370105013000", "lay-003-0005", "prj-000-0001", "1", "0", "-1", "99", "100000",
    "planned", "教育", "003", "park,school", "en", "gaode", "osm",
    "999999", "370199", "lay-999-9999", "nan", "inf", "1e309", "0x10", " 1", "1 ", "true",
    "' OR 1=1 --", "'; DROP TABLE projects; --", "\\\"; SELECT * FROM documents; --", "%27%20OR%201%3D1",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}",
    "药山街道", "😀🗺️", "\u202eevil", "a\u200bb", "\x00", "\n\r", "\t", "%00", "../../etc/passwd", "\\u0000",
]


def random_query(rng: random.Random) -> dict[str, str | list[str]]:
    query: dict[str, str | list[str]] = {}
    for _ in range(rng.randint(1, 5)):
        key = rng.choice(KEYS)
        roll = rng.random()
        if roll < 0.6:
            value = rng.choice(VALUES)
        elif roll < 0.75:
            value = "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 30)))
            value = "".join(ch for ch in value if not 0xD800 <= ord(ch) <= 0xDFFF)
        elif roll < 0.85:
            value = rng.choice(VALUES) * rng.randint(50, 2000)
        else:
            value = [rng.choice(VALUES) for _ in range(rng.randint(2, 4))]
        query[key] = value
    return query


def run_case(page: str, query: dict) -> tuple[bool, str]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page(f"views/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if at.exception:
        return False, at.exception[0].message
    return True, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz")
    parser.add_argument("--n", type=int, default=10000, help="total number of cases (spread over the pages)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    failures, started = [], time.perf_counter()
    per_page = {page: 0 for page in PAGES}
    for index in range(args.n):
        page = PAGES[index % len(PAGES)]
        query = random_query(rng)
        ok, message = run_case(page, query)
        per_page[page] += 1
        if not ok:
            failures.append({"page": page, "query": query, "error": message[:200]})
    for page, count in per_page.items():
        print(json.dumps({"metric": f"fuzz_cases_{page}", "value": count, "unit": "cases"}))
    print(json.dumps({"metric": "fuzz_exceptions", "value": len(failures), "unit": "cases",
                      "seconds": round(time.perf_counter() - started, 1)}, ensure_ascii=False))
    for failure in failures[:20]:
        print(json.dumps(failure, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
