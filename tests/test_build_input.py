"""`ingest build` on bad data: one readable report, exit code 2, the previous database byte-identical.

Each test builds from a copy of data/ in a tmp folder (``data_copy`` points paths and the table
files at it), damages one file the way a careless edit or a hostile contribution would, and runs
the command line in-process. Concurrent builds keep their own temporary files.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import paths
from ingest import catalog as catalog_module
from ingest.__main__ import main
from ingest.dataset import TABLE_FILES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def data_copy(tmp_path, monkeypatch, db_path):
    """A copy of data/ that the build reads, and a copy of a built database as its target."""
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA, copy, ignore=shutil.ignore_patterns("*.duckdb*", ".*"))
    for name in ("CATALOG", "DOCUMENTS", "ENTITIES", "REFERENCE", "REVIEW", "GAZETTEER"):
        monkeypatch.setattr(paths, name, copy / getattr(paths, name).relative_to(paths.DATA))
    for table, path in list(TABLE_FILES.items()):
        monkeypatch.setitem(TABLE_FILES, table, copy / path.relative_to(paths.DATA))
    monkeypatch.setattr(paths, "DATA", copy)
    target = tmp_path / "db" / "planmap.duckdb"
    target.parent.mkdir()
    shutil.copyfile(db_path, target)
    monkeypatch.setattr(paths, "DATABASE", target)
    catalog_module.catalog.cache_clear()
    yield copy
    catalog_module.catalog.cache_clear()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(capsys, fragment: str) -> list[str]:
    """Run the build; assert exit 2, a first line with ``fragment``, no traceback, no server path, db unchanged."""
    before = _digest(paths.DATABASE)
    assert main(["build"]) == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines and lines[0].startswith("error: ") and fragment in err, err
    assert "Traceback" not in err and str(paths.DATA.parent) not in err, err
    assert _digest(paths.DATABASE) == before
    assert sorted(p.name for p in paths.DATABASE.parent.iterdir()) == ["planmap.duckdb"]  # no leftovers
    return lines


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_copy_builds(data_copy, capsys):
    assert main(["build"]) == 0
    assert "built planmap.duckdb" in capsys.readouterr().out


def test_yaml_syntax_error(data_copy, capsys):
    _edit(data_copy / "documents.yaml", "documents:\n", "documents:\n  - doc_id: [\"000\"\n")
    lines = _refused(capsys, "documents.yaml: YAML syntax error at line")
    assert len(lines) == 1


@pytest.mark.parametrize("content", ["", "documents:\n", "documents: 000\n", "- 1\n- 2\n", "documents:\n  - title: x\n"])
def test_empty_or_malformed_documents_yaml(data_copy, capsys, content):
    (data_copy / "documents.yaml").write_text(content, encoding="utf-8")
    lines = _refused(capsys, "documents.yaml: ")
    assert len(lines) == 1


@pytest.mark.parametrize("content", ["", "tables: []\n", "tables:\n  projects:\n    columns:\n      x: {type: BLOB}\n"])
def test_empty_or_malformed_catalog(data_copy, capsys, content):
    (data_copy / "catalog.yaml").write_text(content, encoding="utf-8")
    _refused(capsys, "catalog.yaml: ")


def test_geojson_feature_without_geometry(data_copy, capsys):
    _edit(data_copy / "gazetteer" / "lines.geojson", '"geometry"', '"geometry_gone"')
    _refused(capsys, "gazetteer/lines.geojson: feature 0 has no geometry")


def test_geojson_that_is_not_a_feature_collection(data_copy, capsys):
    (data_copy / "gazetteer" / "lines.geojson").write_text("[1, 2", encoding="utf-8")
    _refused(capsys, "gazetteer/lines.geojson: not a GeoJSON FeatureCollection")


def test_csv_row_with_an_extra_field(data_copy, capsys):
    path = data_copy / "entities" / "projects.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(capsys, "entities/projects.csv:4: ")


def test_csv_row_with_a_bad_number(data_copy, capsys):
    path = data_copy / "entities" / "projects.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines()
    column = header.split(",").index("line")
    cells = first.split(",")
    cells[column] = "twelve"
    path.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", encoding="utf-8")
    _refused(capsys, "entities/projects.csv:2: invalid literal")


def test_csv_that_is_not_utf8(data_copy, capsys):
    path = data_copy / "entities" / "parks.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    _refused(capsys, "entities/parks.csv: not UTF-8")


def _first_row_value(path: Path, column: str) -> tuple[list[str], int, list[str]]:
    import csv
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows, rows[0].index(column), rows[1]


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    import csv
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_data_rules_are_checked_before_building(data_copy, capsys):
    """Duplicate id, unknown doc_id, unknown anchor, NUL in a name: one report listing each, as check lists them."""
    from ingest.check import check

    projects = data_copy / "entities" / "projects.csv"
    rows, _, first = _first_row_value(projects, "entity_id")
    header = rows[0]
    duplicate = list(rows[2])
    duplicate[header.index("entity_id")] = first[header.index("entity_id")]
    rows[3][header.index("doc_id")] = "999"
    rows[4][header.index("name")] = "滨河\x00商务中心"
    _write_rows(projects, rows[:2] + [duplicate] + rows[3:])
    locations = data_copy / "gazetteer" / "locations.csv"
    loc_rows = _first_row_value(locations, "anchor_id")[0]
    column = loc_rows[0].index("anchor_id")
    row = next(r for r in loc_rows[1:] if r[column])
    row[column] = "no-such-anchor"
    _write_rows(locations, loc_rows)

    lines = _refused(capsys, "rule(s) of `python -m ingest check`")
    report = "\n".join(lines)
    for fragment in ("duplicate entity_id", "unknown doc_id '999'", "unknown anchor no-such-anchor",
                     "control character in name ('\\x00')"):
        assert fragment in report, (fragment, report)
    problems, _notes = check()
    assert [line.strip() for line in lines[1:]] == [p for p in problems if "quote" not in p][:len(lines) - 1]


def test_a_running_builds_temporary_files_are_kept_and_a_dead_ones_removed(data_copy):
    from ingest import build as build_module

    target = paths.DATABASE
    running_tmp, running_handle = build_module._temporary(target)  # as if another build were writing
    running_tmp.write_bytes(b"half a database")
    dead_tmp, dead_handle = build_module._temporary(target)  # a build that was killed: its lock is free
    dead_tmp.write_bytes(b"left behind")
    os.close(dead_handle)
    try:
        build_module.build(target)
        assert running_tmp.read_bytes() == b"half a database"
        assert Path(str(running_tmp)[: -len(".tmp")] + ".lock").exists()
        assert not dead_tmp.exists() and not Path(str(dead_tmp)[: -len(".tmp")] + ".lock").exists()
    finally:
        build_module._release(running_tmp, running_handle)
    assert sorted(p.name for p in target.parent.iterdir()) == ["planmap.duckdb"]


def test_two_builds_at_once_both_succeed(tmp_path):
    target = tmp_path / "planmap.duckdb"
    env = {**os.environ, "PLANMAP_DB": str(target)}
    builds = [subprocess.Popen([sys.executable, "-m", "ingest", "build"], cwd=ROOT, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    for build in builds:
        build.stdout.close()
        build.stderr.close()
    assert [code for code, _err in results] == [0, 0], results
    assert sorted(p.name for p in tmp_path.iterdir()) == ["planmap.duckdb"]
