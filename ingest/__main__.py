"""Command line: ``python -m ingest {extract,build,check,refresh}``.

* ``extract FILE... --json``  automatic extraction of any documents, JSON on stdout, no database touched;
* ``build``                   build data/planmap.duckdb from the committed data (atomic);
* ``check``                   validate data/ (quotes against the seeds when present); non-zero on problems;
* ``refresh``                 rewrite the automatic tables (sections, street mentions) from the seeds.

Bad input never produces a traceback: each failing file gets one line naming it
and the problem; exit code 2 when nothing could be extracted.
"""
from __future__ import annotations

import argparse
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


def _refresh(args: argparse.Namespace) -> int:
    from .refresh import refresh

    if paths.seeds_dir() is None:
        print("error: the seeds are not available (../shared/seeds or PLANMAP_SEEDS)", file=sys.stderr)
        return 2
    for table, n in refresh().items():
        print(f"wrote {table}: {n} rows")
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
    args = parser.parse_args(argv)
    handler = {"extract": _extract, "build": _build, "check": _check, "refresh": _refresh, "fix": _fix}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `... --json | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


if __name__ == "__main__":
    sys.exit(main())
