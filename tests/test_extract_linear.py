"""Extraction does linear work: the rewritten steps give what the old ones gave, without rescanning.

No timings here (they are in ``python -m bench``): the one-pass replacements are compared with the
patterns and loops they replaced, on random inputs and on the seeds, and the work that used to grow
with the square of the size (rows read again by overlapping tables) is counted.
"""
from __future__ import annotations

import random

import pytest

from bench.documents import synthetic_document
from ingest.extract.indicators import _numbered_rows, _table_regions
from ingest.extract.layouts import _TRAILING, trailing_lists
from ingest.reader import Document, read_document
from ingest.structure import _ends


def _doc(text: str) -> Document:
    return Document("syn", "syn.txt", "utf-8", text.split("\n"))


def _regex_trailing(stream: str) -> list[tuple[int, int, int, int]]:
    return [(m.start(1), m.end(1), m.start(2), m.end(2)) for m in _TRAILING.finditer(stream)]


@pytest.mark.parametrize("alphabet", [
    ["一", "两", "三", "五", "十", "大", "空间", "片区", "组团", "功能区", "板块", "甲", "乙", "丙", "、", "，", "a", "城市"],
    ["一", "三", "大", "空间", "片区", "甲", "乙", "丙丁", "、", "、", "、", "，", "a"],
])
def test_trailing_lists_match_the_pattern_they_replace(alphabet):
    rng = random.Random(14)
    found = 0
    for _ in range(20000):
        stream = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        expected = _regex_trailing(stream)
        assert trailing_lists(stream) == expected, stream
        found += bool(expected)
    assert found > 50  # the inputs do contain lists


def test_trailing_lists_on_the_seeds(seeds_dir):
    for path in sorted(seeds_dir.glob("00[0-4]_*.txt")):
        stream = read_document(path).stream
        assert trailing_lists(stream) == _regex_trailing(stream), path.name


def _naive_ends(headings: list[tuple[int, int]], last_line: int) -> list[int]:
    ends = []
    for i, (_line, level) in enumerate(headings):
        end = last_line
        for later_line, later_level in headings[i + 1:]:
            if level == 0 or (later_level != 0 and later_level <= level):
                end = later_line - 1
                break
        ends.append(end)
    return ends


def test_section_ends_match_the_nested_loop_they_replace():
    rng = random.Random(14)
    for _ in range(3000):
        headings = [(line, rng.randint(0, 6)) for line in sorted(rng.sample(range(1, 500), rng.randint(0, 40)))]
        assert _ends(headings, 600) == _naive_ends(headings, 600), headings


def test_a_long_run_of_bare_headings_holds_no_list():
    """Thousands of headings in a row (一、…二、…) are one 、-joined run without a counted group: nothing found."""
    text = synthetic_document("headings", 100_000)
    assert trailing_lists(_doc(text).stream) == []
    assert _regex_trailing(_doc(text[:5_000]).stream) == trailing_lists(_doc(text[:5_000]).stream) == []


def test_tables_do_not_overlap_so_each_row_is_read_once():
    """Rows found grow in proportion to the document (overlapping tables used to read each row many times)."""
    small, large = (_doc(synthetic_document("tables", size)) for size in (50_000, 200_000))
    for doc in (small, large):
        regions = _table_regions(doc)
        assert all(end <= following[0] for (_s, end, *_r), following in zip(regions, regions[1:]))
    rows_small, rows_large = _numbered_rows(small), _numbered_rows(large)
    for rows in (rows_small, rows_large):
        assert len({(row["line"], row["name"]) for row in rows}) == len(rows)  # no row read twice
    tables_small, tables_large = len(_table_regions(small)), len(_table_regions(large))
    assert 7 * tables_small <= len(rows_small) <= 7 * tables_small + 1  # seven numbered rows a table
    assert 7 * tables_large <= len(rows_large) <= 7 * tables_large + 1
    assert 3.5 < tables_large / tables_small < 4.5
