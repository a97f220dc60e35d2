"""A corpus of bad and tricky documents through `ingest extract` and `ingest build`.

Each bad document gets one clear line naming the file (exit code 2, never a traceback);
the tricky-but-valid ones (undeclared GBK, UTF-16, CRLF) extract normally; the database
is byte-identical afterwards.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ("第一章 总体要求\n到2025年，森林覆盖率达到35%。构建“一轴两园六大功能区”的产业空间格局。\n"
        "一轴，即黄河生态文化旅游轴。推进天桥区实验小学新建项目。" * 3)


def _pdf(text_layer: bool) -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def corpus(tmp: Path) -> dict[str, tuple[bytes | None, str]]:
    """name → (bytes, fragment expected in the message); None bytes: not a regular file."""
    utf8 = PLAN.encode()
    blank_pdf = _pdf(False)
    return {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b" \n\t\n  \r\n", "empty"),
        "random.bin": (bytes((i * 37 + 11) % 256 for i in range(50000)), "binary"),
        "nulls.txt": (utf8[:60] + b"\x00\x00\x00" + utf8[60:], "null bytes"),
        "bad_bom.txt": (b"\xef\xbb\xbf" + utf8[:90] + b"\xff\xfe\xfd" + utf8[90:], "declares UTF-8"),
        "truncated.txt": (utf8[:-1], "truncated"),
        "invalid_middle.txt": (utf8[:300] + b"\xc3\x28" + utf8[300:], "invalid UTF-8"),
        "page.html": (b"<!DOCTYPE html><html><head><title>t</title></head><body>" + utf8 + b"</body></html>", "HTML"),
        "page_nodoctype.html": (b"<html><body><p>" + utf8 + b"</p></body></html>", "HTML"),
        "english.txt": (b"The quick brown fox jumps over the lazy dog.\n" * 200, "Chinese"),
        "numbers.txt": (b"1 2 3 4 5 6 7 8 9 0\n" * 300, "Chinese"),
        "nostructure.txt": (("今天天气很好我们一起去散步看看风景吃点东西" * 20).encode(), "planning structure"),
        "tiny_json.json": ('{"标题": "规划"}'.encode(), "Chinese"),
        "huge.txt": (None, "MB"),
        "blank.pdf": (blank_pdf, "no text layer"),
        "truncated.pdf": (blank_pdf[: len(blank_pdf) // 3], "PDF"),
        "fake.pdf": (b"%PDF-1.7\n" + bytes(range(1, 200)) * 10, "PDF"),
        "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "null bytes"),
        "archive.zip": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(500), "null bytes"),
        "bad_utf16.txt": (b"\xff\xfe" + "规划".encode("utf-16-le") + b"\x00\xd8", "UTF-16"),
        "a_directory": (None, "no such file"),
        "missing.txt": (None, "no such file"),
    }


def _materialise(tmp: Path) -> list[Path]:
    files = []
    for name, (data, _fragment) in corpus(tmp).items():
        path = tmp / name
        if name == "huge.txt":
            with path.open("wb") as fh:
                fh.truncate(50 * 2**20)
        elif name == "a_directory":
            path.mkdir()
        elif data is not None:
            path.write_bytes(data)
        files.append(path)
    return files


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_corpus_has_at_least_twenty_bad_documents(tmp_path):
    assert len(corpus(tmp_path)) >= 20


def test_every_bad_document_gets_a_clear_message_and_nothing_changes(tmp_path, db_path):
    files = _materialise(tmp_path)
    before = _digest(db_path)
    env = {**os.environ, "PLANMAP_DB": str(db_path)}
    for path, (name, (_data, fragment)) in zip(files, corpus(tmp_path).items()):
        result = subprocess.run([sys.executable, "-m", "ingest", "extract", "--json", str(path)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 2, (name, result.stdout[:200], result.stderr[:500])
        assert "Traceback" not in result.stderr, name
        first = result.stderr.splitlines()[0]
        assert first.startswith("error: ") and path.name in first and fragment in first, (name, first)
        assert result.stdout == ""
    assert _digest(db_path) == before


def test_tricky_but_valid_encodings_extract_the_same(tmp_path):
    variants = {"plain.txt": PLAN.encode(), "gbk.txt": PLAN.encode("gbk"), "utf16.txt": PLAN.encode("utf-16"),
                "crlf_bom.txt": b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode()}
    outputs = {}
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        result = subprocess.run([sys.executable, "-m", "ingest", "extract", "--json", str(tmp_path / name)],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        outputs[name] = {k: [r["name"] for r in v] for k, v in data.items() if k not in ("documents", "sections")}
    assert outputs["gbk.txt"] == outputs["plain.txt"] == outputs["utf16.txt"] == outputs["crlf_bom.txt"]
    assert "一轴两园六大功能区" in outputs["plain.txt"]["layouts"]


def test_build_after_bad_documents_and_a_killed_build_leaves_a_working_database(tmp_path):
    target = tmp_path / "planmap.duckdb"
    env = {**os.environ, "PLANMAP_DB": str(target)}
    subprocess.run([sys.executable, "-m", "ingest", "build"], cwd=ROOT, env=env, check=True, capture_output=True,
                   timeout=120)
    before = _digest(target)
    killed = subprocess.Popen([sys.executable, "-m", "ingest", "build"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)  # imports done, the build under way
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert _digest(target) == before  # the old database is untouched
    again = subprocess.run([sys.executable, "-m", "ingest", "build"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert not list(tmp_path.glob(".planmap.duckdb.*"))  # the killed build's leftovers are cleaned up
    import duckdb
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM v_entities").fetchone()[0] > 2000
