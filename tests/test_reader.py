"""Reading documents: encodings, line ends, re-wrapping, and every kind of bad input."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ingest.extract import extract_all
from ingest.reader import MAX_BYTES, DocumentError, decode, read_document

ROOT = Path(__file__).resolve().parent.parent
EXCERPT = (
    "第三章 空间布局\n\n构建“两核三区、三纵三横”的城市发展新布局。\n"
    "“两核”，即济南国际医学科学中心\n\n和央企总部城。\n"
)


def _names(doc) -> dict[str, list[tuple[str, str]]]:
    """What was extracted, without line numbers (those move when lines are re-wrapped)."""
    fields = ("name", "group_label", "base_value", "target_value", "growth", "nature", "street_code")
    return {family: sorted(tuple(str(r.get(f)) for f in fields) for r in rows)
            for family, rows in extract_all(doc).items()}


def test_gb18030_bom_and_crlf_read_the_same(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text(EXCERPT, encoding="utf-8")
    variants = {"gbk.txt": EXCERPT.encode("gb18030"), "bom.txt": b"\xef\xbb\xbf" + EXCERPT.encode(),
                "crlf.txt": EXCERPT.replace("\n", "\r\n").encode()}
    expected = read_document(plain)
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        doc = read_document(tmp_path / name)
        assert doc.lines == expected.lines, name
        assert doc.stream == expected.stream
    assert read_document(tmp_path / "gbk.txt").encoding == "gb18030"


@pytest.mark.seeds
@pytest.mark.parametrize("doc_id", ["001", "003"])
def test_seed_reencoded_and_rewrapped_extracts_the_same(tmp_path, seed, doc_id):
    original = read_document(seed(doc_id), doc_id)
    reference = _names(original)
    text = "\n".join(original.lines)
    (tmp_path / "gb.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert _names(read_document(tmp_path / "gb.txt", doc_id)) == reference
    # Re-wrap every line at another width (the PDF-extraction breaks move, the text does not).
    rewrapped = "\n".join("\n".join(textwrap.wrap(line, 17, break_on_hyphens=False)) if line.strip() else ""
                          for line in original.lines)
    (tmp_path / "wrapped.txt").write_text(rewrapped, encoding="utf-8")
    doc = read_document(tmp_path / "wrapped.txt", doc_id)
    assert doc.stream.replace(" ", "") == original.stream.replace(" ", "")
    wrapped = _names(doc)
    for family in ("layouts", "layout_components", "indicators", "street_mentions"):
        assert wrapped[family] == reference[family], family


BAD = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n\t \n", "empty"),
    "binary.bin": (bytes(range(256)) * 40, "null bytes"),
    "nulls.txt": ("十四五规划".encode() + b"\x00\x00" + "发展".encode() * 40, "null bytes"),
    "bad_bom.txt": (b"\xef\xbb\xbf" + "规划".encode() * 50 + b"\xff\xfe" + "发展".encode() * 20, "declares UTF-8"),
    "truncated.txt": (("第一章 规划发展" * 30).encode()[:-1], "truncated"),
    "page.html": (b"<!DOCTYPE html><html><head><title>x</title></head><body>" + "规划".encode() * 60, "HTML"),
    "latin.txt": (b"Just some English text about nothing in particular.\n" * 20, "Chinese"),
    "nostructure.txt": (("你好世界今天天气很好我们去公园散步吧" * 10).encode(), "planning structure"),
    "fake.pdf": (b"%PDF-1.4\n%broken", "PDF"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gets_a_clear_message(tmp_path, name):
    data, fragment = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert name in str(info.value) and fragment in str(info.value)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 50 * 2**20)  # a sparse 70 MB file
    with pytest.raises(DocumentError, match="MB"):
        read_document(path)


def test_decode_detects_gbk():
    assert decode("济南市天桥区十四五规划".encode("gbk"))[1] == "gb18030"


def test_cli_bad_inputs_exit_2_without_traceback(tmp_path):
    files = []
    for name, (data, _fragment) in BAD.items():
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    result = subprocess.run([sys.executable, "-m", "ingest", "extract", "--json", *files], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("error:")]) == len(BAD)
    assert result.stdout == ""


@pytest.mark.seeds
def test_cli_extract_json_schema(seed):
    result = subprocess.run([sys.executable, "-m", "ingest", "extract", "--json", str(seed("002"))], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for family in ("layouts", "layout_components", "places", "parks", "schools", "renewal_sites", "projects",
                   "indicators", "street_mentions"):
        assert isinstance(data[family], list)
        for row in data[family]:
            assert {"name", "doc_id", "line", "quote"} <= row.keys() and len(row["quote"]) <= 30
    assert data["documents"][0]["district_code"] == "370105"
