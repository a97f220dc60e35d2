"""The committed, reviewed data and the database built from it."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import paths
import queries
from ingest import build as build_module
from ingest.build import BuildError, build
from ingest.catalog import ENTITY_TABLES, catalog, columns
from ingest.check import check
from ingest.dataset import TABLE_FILES

ROOT = Path(__file__).resolve().parent.parent


def test_every_csv_header_matches_the_catalog():
    for table, path in TABLE_FILES.items():
        assert path.exists(), path
        if path.suffix != ".csv":
            continue
        header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert header == columns(table), table


def test_database_tables_match_the_catalog(con):
    for table in catalog()["tables"]:
        described = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
        assert described == columns(table), table


def test_v_entities_has_the_agreed_columns(con):
    described = [row[0] for row in con.execute("DESCRIBE v_entities").fetchall()]
    assert described[:11] == ["entity_id", "family", "name", "kind", "district_code", "street_code", "doc_id",
                              "line", "quote", "status", "review"]
    families = {row[0] for row in con.execute("SELECT DISTINCT family FROM v_entities").fetchall()}
    assert families == set(ENTITY_TABLES.values()) | {"street_office"}


def test_every_row_has_provenance(con):
    missing = con.execute("SELECT count(*) FROM v_entities WHERE family <> 'street_office' AND "
                          "(doc_id IS NULL OR line IS NULL OR quote IS NULL OR length(quote) > 30)").fetchone()[0]
    assert missing == 0
    reviews = {r[0] for r in con.execute("SELECT DISTINCT review FROM v_entities").fetchall()}
    assert reviews <= {"auto", "reviewed", "manual", "reference"}


def test_reviewed_facts(con):
    cores = con.execute("SELECT c.name FROM layout_components c JOIN layouts l ON l.entity_id = c.layout_id "
                        "WHERE l.name = '两核三区、三纵三横' AND c.group_label = '两核' ORDER BY c.line").fetchall()
    assert [c[0] for c in cores] == ["济南国际医学科学中心", "央企总部城"]
    gdp = con.execute("SELECT base_value, target_value, growth, nature FROM indicators WHERE doc_id = '001' "
                      "AND table_ref = '表1' AND name LIKE '地区生产总值%'").fetchall()
    assert gdp == [("1059.6", "1486.1", "7", "预期性")]
    assert con.execute("SELECT count(*) FROM street_offices").fetchone()[0] == 48
    # The 天桥 appendix table: every one of its 40 projects has a stated street office.
    n = con.execute("SELECT count(DISTINCT p.entity_id) FROM projects p JOIN entity_streets s USING (entity_id) "
                    "WHERE p.doc_id = '000'").fetchone()[0]
    assert n >= 40


def test_every_family_has_rows_from_every_plan(con):
    rows = dict(((d, f), n) for d, f, n in queries.run_query(con, "counts_by_family_and_document").itertuples(
        index=False))
    for doc_id in ("000", "001", "003"):
        for family in ("layout", "project", "indicator", "place"):
            assert rows.get((doc_id, family), 0) > 0, (doc_id, family)
    assert rows[("004", "project")] > 20 and rows[("004", "indicator")] > 5


@pytest.mark.parametrize("name", [n for n in queries.names() if not n.startswith("build/")])
def test_every_query_runs_and_returns_its_declared_columns(con, name):
    sql = queries.load(name)
    header = " ".join(line for line in sql.splitlines() if line.startswith("--"))
    import re
    params = {"family": "project", "district_code": None, "street_code": "370105013000", "text": "公园",
              "doc_id": "003", "section_id": "003:1367", "layout_id": "lay-003-0005", "entity_id": "prj-000-0001",
              "kind": None, "target_year": 2024, "category": None, "status": None, "component_name": "央企总部城",
              "places": "济南西站;央企总部城", "year": None, "programmes": True, "completed_later": False}
    needed = set(re.findall(r"\$([a-z_]+)", sql))
    assert needed <= set(params), needed - set(params)
    frame = queries.run_query(con, name, **{p: params[p] for p in needed})
    declared = header.split("Columns:", 1)[1]
    for column in frame.columns:
        assert column in declared, (name, column)


def test_search_binds_text_so_sql_is_inert(con):
    hostile = "'; DROP TABLE projects; --"
    assert queries.run_query(con, "search_entities", text=hostile).empty
    assert con.execute("SELECT count(*) FROM projects").fetchone()[0] > 0
    assert not queries.run_query(con, "search_entities", text="两核").empty


def test_street_counts_list_all_48_including_zero(con):
    counts = queries.run_query(con, "street_counts", district_code=None)
    assert len(counts) == 48 and (counts["n_projects"] == 0).any()
    yaoshan = counts.set_index("name").at["药山街道", "n_projects"]
    assert yaoshan == len(queries.run_query(con, "projects_by_street", street_code="370105013000")) > 0


def test_query_names_cannot_escape_the_folder():
    with pytest.raises(ValueError):
        queries.load("../paths")


def test_check_passes():
    problems, notes = check()
    assert problems == [], problems[:20]


@pytest.mark.seeds
def test_check_verifies_quotes_against_the_seeds(seeds_dir):
    problems, notes = check()
    assert any("quotes checked against the seeds" in n for n in notes)


def test_check_cli_reports_and_exits_zero():
    result = subprocess.run([sys.executable, "-m", "ingest", "check"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 problem(s)" in result.stdout


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_build_leaves_the_previous_database_byte_identical(tmp_path, monkeypatch):
    target = tmp_path / "planmap.duckdb"
    build(target)
    before = _digest(target)
    broken = tmp_path / "projects.csv"
    broken.write_text("not,the,right,header\n1,2,3,4\n", encoding="utf-8")
    monkeypatch.setitem(build_module.TABLE_FILES, "projects", broken)
    with pytest.raises(BuildError, match="projects.csv"):
        build(target)
    assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["planmap.duckdb", "projects.csv"]


def test_build_counts_what_it_wrote(tmp_path):
    """(The build's speed is measured by `python -m bench`, not asserted here.)"""
    counts = build(tmp_path / "a.duckdb")
    con = duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM v_entities").fetchone()[0] == counts["v_entities"]
    con.close()


def test_database_is_rebuilt_when_data_is_newer(tmp_path, monkeypatch):
    target = tmp_path / "p.duckdb"
    assert build_module.needs_build(target)
    build(target)
    assert not build_module.needs_build(target)
    import os
    old = max(p.stat().st_mtime for p in build_module.data_files()) - 10
    os.utime(target, (old, old))
    assert build_module.needs_build(target)


def test_paths_do_not_depend_on_the_working_directory(tmp_path):
    result = subprocess.run([sys.executable, "-c", "import paths; print(paths.DATA)"], cwd=tmp_path,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert result.stdout.strip() == str(paths.DATA)


def test_cached_results_are_shared_but_a_page_cannot_change_them(db_path, monkeypatch):
    import paths
    from ui import data

    monkeypatch.setattr(paths, "DATABASE", db_path)
    first = data.cached_query("street_counts", district_code=None)
    first["name"] = "改掉"  # what a careless page might do to its copy
    first.loc[0, "n_projects"] = -1
    again = data.cached_query("street_counts", district_code=None)
    assert "改掉" not in set(again["name"]) and again["n_projects"].min() >= 0


def test_indicator_comparison_pairs_the_same_indicator_across_districts(con):
    rows = queries.run_query(con, "indicator_comparison")
    assert (rows.groupby(["indicator", "unit"])["district_code"].nunique() >= 2).all()
    revenue = rows[(rows["indicator"] == "一般公共预算收入") & (rows["district_code"] == "370103")].iloc[0]
    assert (revenue["unit"], revenue["base_value"], revenue["target_value"]) == ("亿元", "100.3", "147")
    assert "城镇居民人均可支配收入" in set(rows["indicator"])  # "（元）" stripped from the name
    # 槐荫's table gives only the GDP growth rate (%): it is not set beside 市中's GDP in 亿元 (tests/test_indicators.py)
    assert not ((rows["indicator"] == "地区生产总值") & (rows["unit"] == "%")).any()
