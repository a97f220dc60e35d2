"""A corpus of bad and tricky documents through `ingest extract` and `ingest build`.

Each bad document gets one clear line naming the file (exit code 2, never a traceback);
the tricky-but-valid ones (undeclared GBK, UTF-16, CRLF) extract normally; the database
is byte-identical afterwards.
"""
from __future__ import annotations

import functools
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


def _handmade_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from object bodies (object 1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


@functools.lru_cache(maxsize=1)
def _flate_bomb(megabytes: int = 200) -> bytes:
    """A page whose content stream is 0.2 MB compressed and ``megabytes`` MB decompressed."""
    import zlib
    compressor = zlib.compressobj(9)
    chunk = b"0 " * 2**19
    data = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return _handmade_pdf([_CATALOG, _PAGES, _PAGE.replace(b" >>", b" /Contents 4 0 R >>"), content])


def _aes256_pdf() -> bytes:
    """Encrypted with AES-256 (/V 5 /R 6); the keys are made up, so no password opens it."""
    encrypt = (b"<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 "
               b"/Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <" + b"41" * 48 + b"> /U <" + b"42" * 48 +
               b"> /OE <" + b"43" * 32 + b"> /UE <" + b"44" * 32 + b"> /P -4 /Perms <" + b"45" * 16 + b"> >>")
    return _handmade_pdf([_CATALOG, _PAGES, _PAGE, encrypt], b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef>"
                                                              b" <0123456789abcdef0123456789abcdef>] ")


def _password_pdf() -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _broken_xref_pdf() -> bytes:
    good = _handmade_pdf([_CATALOG, _PAGES, _PAGE])
    xref, trailer = good.index(b"xref\n"), good.index(b"trailer")
    return good[:xref] + b"xref\n0 4\nzzzzzzzzzz 65535 f \n" + b"99999999 00000 n \n" * 3 + good[trailer:]


def _startxref_beyond_the_end() -> bytes:
    """startxref points past the end of the file: pypdf rebuilds the table by scanning, finds a blank page."""
    return _handmade_pdf([_CATALOG, _PAGES, _PAGE]).replace(b"startxref\n", b"startxref\n9999999").rstrip()


HEADINGS_ONLY = "济南市天桥区“十四五”发展规划\n第一章 总体要求\n一、发展基础\n二、发展环境\n第二章 重点任务\n一、推动城市更新发展\n（一）完善公共服务\n"


def corpus(tmp: Path) -> dict[str, tuple[bytes | None, str]]:
    """name → (bytes, fragment expected in the message); None bytes: made by :func:`_materialise`."""
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
        "a_directory": (None, "is a directory"),
        "missing.txt": (None, "no such file"),
        # documents that attack the reader
        "flate_bomb.pdf": (_flate_bomb(), "decompression bomb"),
        "aes256.pdf": (_aes256_pdf(), "encrypted (AES)"),
        "password.pdf": (_password_pdf(), "encrypted with a password"),
        "broken_xref.pdf": (_broken_xref_pdf(), "cross-reference table"),
        "startxref_beyond.pdf": (_startxref_beyond_the_end(), "no text layer"),
        "xref_header_only.pdf": (b"%PDF-1.4\n", "cross-reference table"),
        "no_page_tree.pdf": (_handmade_pdf([b"<< /Type /Catalog >>"]), "page tree"),
        "page_cycle.pdf": (_handmade_pdf([_CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", _PAGE]),
                           "page tree refers to itself"),
        "deep_nesting.pdf": (_handmade_pdf([_CATALOG, _PAGES, _PAGE.replace(b" >>", b" /X " + b"[" * 100000 +
                                                                             b"]" * 100000 + b" >>")]), "PDF cannot be"),
        "empty_pages.pdf": (_handmade_pdf([_CATALOG, b"<< /Type /Pages /Kids [" + b"3 0 R " * 5000 + b"] /Count 5000 >>",
                                           _PAGE]), "5000 pages"),
        "one_line.txt": (("到2025年，森林覆盖率达到35%。" * 8000).encode(), "line 1 has"),
        "utf16le_nobom.txt": (PLAN.encode("utf-16-le"), "UTF-16 (little-endian) without a byte-order mark"),
        "utf16be_nobom.txt": (PLAN.encode("utf-16-be"), "UTF-16 (big-endian) without a byte-order mark"),
        "headings_only.txt": (HEADINGS_ONLY.encode(), "nothing extracted"),
        "too_long.txt": (None, "characters; documents over"),
        "a_fifo": (None, "not a regular file"),
        "device": (None, "not a regular file"),
        "symlink_loop.txt": (None, "cannot be opened"),
    }


def _materialise(path: Path, data: bytes | None) -> Path:
    if path.name == "huge.txt":
        with path.open("wb") as fh:
            fh.truncate(50 * 2**20)
    elif path.name == "too_long.txt":  # 3.1 million characters in 11 MB: under the byte limit, over the text limit
        path.write_bytes("十四五规划发展项目\n".encode() * 310_000)
    elif path.name == "a_directory":
        path.mkdir()
    elif path.name == "a_fifo":
        os.mkfifo(path)  # opening it would block for ever
    elif path.name == "device":
        path.symlink_to("/dev/zero")  # endless bytes
    elif path.name == "symlink_loop.txt":
        path.symlink_to(path.name)
    elif data is not None:
        path.write_bytes(data)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_corpus_has_at_least_thirty_kinds_of_bad_document(tmp_path):
    assert len(corpus(tmp_path)) >= 30


_IN_A_PROCESS = {"a_fifo", "device", "flate_bomb.pdf", "deep_nesting.pdf"}
"""Run as a separate process (a hang, a memory blow-up or a crash would show there); the rest in-process."""


@pytest.mark.parametrize("name", list(corpus(Path("."))))
def test_bad_document_gets_one_clear_line_and_the_database_is_untouched(name, tmp_path, db_path, capsys):
    data, fragment = corpus(tmp_path)[name]
    path = _materialise(tmp_path / name, data)
    before = _digest(db_path)
    if name in _IN_A_PROCESS:
        env = {**os.environ, "PLANMAP_DB": str(db_path)}
        result = subprocess.run([sys.executable, "-m", "ingest", "extract", "--json", str(path)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, env=env)
        code, out, err = result.returncode, result.stdout, result.stderr
    else:
        from ingest.__main__ import main
        code = main(["extract", "--json", str(path)])  # an exception here fails the test with its traceback
        out, err = capsys.readouterr()
    assert code == 2, (name, out[:200], err[:500])
    assert "Traceback" not in err, name
    first, *rest = err.splitlines()
    assert first.startswith("error: ") and path.name in first and fragment in first, (name, first)
    assert str(tmp_path) not in err  # the name as given, never the folder it sits in
    assert rest == ["nothing could be extracted"], rest
    assert out == ""
    assert _digest(db_path) == before


def test_an_unreadable_file_gets_one_line(tmp_path, monkeypatch, capsys):
    """Permission denied (tested in-process: root may read any file, so chmod alone proves nothing)."""
    from ingest.__main__ import main
    path = tmp_path / "secret.txt"
    path.write_text(PLAN, encoding="utf-8")
    real_open = Path.open

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    assert main(["extract", "--json", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "error: secret.txt: cannot read (Permission denied)", err


def test_pdf_limits_are_set_in_pypdf_while_reading(tmp_path, monkeypatch):
    """The reader applies its limits through pypdf's configuration, only while it reads (not globally)."""
    import pypdf
    from ingest import reader
    seen = {}
    real = pypdf.PdfReader

    def spy(*args, **kwargs):
        config = pypdf.get_configuration()
        seen.update(zlib=config.zlib_maximum_output_length, operations=config.stream_parsing_work_maximum_count)
        return real(*args, **kwargs)

    monkeypatch.setattr(pypdf, "PdfReader", spy)
    path = tmp_path / "blank.pdf"
    path.write_bytes(_pdf(False))
    with pytest.raises(reader.DocumentError, match="no text layer"):
        reader.read_document(path)
    assert seen == {"zlib": reader.MAX_STREAM, "operations": reader.MAX_PDF_OPERATIONS}
    assert pypdf.get_configuration().zlib_maximum_output_length > reader.MAX_STREAM  # restored afterwards


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


def test_extract_never_loads_the_database_engine(seed):
    """`extract` reads documents only: duckdb is not even imported, so no database can be touched."""
    code = ("import sys, io, contextlib\nfrom ingest.__main__ import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['extract', '--json', {str(seed('002'))!r}]) == 0\n"
            "assert 'duckdb' not in sys.modules, 'duckdb imported'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
