"""Read a planning document into text lines, refusing bad input with a clear message.

The five seeds are UTF-8 text extracted from PDFs, but the reader accepts what a
user might hand it: UTF-8 with or without BOM, GB18030/GBK, CRLF or LF line ends,
or a PDF with a text layer. Anything else raises :class:`DocumentError` whose
message names the file and the problem.

Lines are kept as the source has them (numbered from 1, blank lines included), so
that ``line`` in every extracted row points at the same place a reader sees with
``sed -n``. :class:`Document` also offers a *stream*: the non-blank lines joined
without their breaks, which is what the extractors search, so that re-wrapping a
document changes line numbers but not what is found.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Document", "DocumentError", "MAX_BYTES", "read_document", "decode"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest file accepted. The biggest seed is 0.2 MB; a 50 MB 'plan' is refused."""

_CJK = re.compile(r"[\u4e00-\u9fff]")
_PLAN_MARKERS = re.compile(r"第[一二三四五六七八九十]+章|十四五|规划|工作报告|政府|项目|发展")


class DocumentError(ValueError):
    """A document could not be read; the message says which file and why."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{Path(self.path).name}: {problem}")


@dataclass
class Document:
    """A document's text lines plus the stream the extractors search."""

    doc_id: str
    path: str
    encoding: str
    lines: list[str]
    stream: str = field(init=False, repr=False)
    _starts: list[int] = field(init=False, repr=False)
    _line_of: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parts: list[str] = []
        starts: list[int] = []
        line_of: list[int] = []
        pos = 0
        for number, raw in enumerate(self.lines, start=1):
            text = raw.strip()
            if not text:
                continue
            if parts and _needs_space(parts[-1][-1], text[0]):
                parts.append(" ")
                pos += 1
            starts.append(pos)
            line_of.append(number)
            parts.append(text)
            pos += len(text)
        self.stream = "".join(parts)
        self._starts = starts
        self._line_of = line_of

    def line_at(self, offset: int) -> int:
        """Return the 1-based source line holding stream position ``offset``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._line_of[max(index, 0)] if self._line_of else 1

    def offset_of_line(self, line: int) -> int:
        """Return the stream position where source line ``line`` (or the next non-blank one) starts."""
        index = bisect.bisect_left(self._line_of, line)
        if index >= len(self._starts):
            return len(self.stream)
        return self._starts[index]

    def quote_at(self, offset: int, length: int = 30) -> str:
        """A verbatim quote of at most ``length`` characters starting at ``offset``."""
        return self.stream[offset: offset + length].strip()


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…"


def _needs_space(left: str, right: str) -> bool:
    """Joining two wrapped lines: no space between Chinese characters, one space otherwise (2.7 | 2.7, — | —)."""
    return not (_is_cjk(left) and _is_cjk(right))


def decode(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode document bytes, detecting the encoding; return ``(text, encoding)``.

    >>> decode("十四五规划".encode("gb18030"))[1]
    'gb18030'
    """
    if not data.strip():
        raise DocumentError(path, "the file is empty or blank")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Windows "Unicode" text)
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DocumentError(path, f"the file declares UTF-16 but is damaged at byte {exc.start}") from None
    if b"\x00" in data:
        raise DocumentError(path, "the file contains null bytes: it is binary, not a text document")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if bom:
        raise DocumentError(
            path, f"the file declares UTF-8 (byte-order mark) but has invalid UTF-8 at byte {utf8_error.start}")
    if utf8_error.start >= len(data) - 3 and _mostly_utf8(data[: utf8_error.start]):
        raise DocumentError(path, "the file ends in the middle of a UTF-8 character: it looks truncated")
    if _mostly_utf8(data[: utf8_error.start]) and utf8_error.start > 64:
        raise DocumentError(path, f"invalid UTF-8 at byte {utf8_error.start} in a file that is otherwise UTF-8")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"neither UTF-8 nor GB18030/GBK (undecodable byte at {exc.start})") from None
    if not _looks_chinese(text):
        raise DocumentError(path, "the bytes decode as neither UTF-8 text nor Chinese GB18030 text: binary?")
    return text, "gb18030"


def _mostly_utf8(prefix: bytes) -> bool:
    text = prefix.decode("utf-8", errors="ignore")
    return len(_CJK.findall(text)) >= max(4, len(text) // 20)


def _looks_chinese(text: str) -> bool:
    sample = text[:20000]
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    common = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fa5" or ch.isascii() or ch in "，。、；：（）“”《》")
    return printable >= 0.97 * len(sample) and common >= 0.8 * len(sample)


def normalise(text: str) -> str:
    """Unify line ends and Unicode form, strip a BOM; keep every line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def _check_plausible(text: str, path: str | Path) -> None:
    head = text[:4000].lower()
    if re.search(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", head):
        raise DocumentError(path, "this is an HTML page, not a planning document (save the text or PDF instead)")
    binaryish = sum(1 for ch in text[:20000] if not (ch.isprintable() or ch in "\n\t"))
    if binaryish > 0.05 * min(len(text), 20000):
        raise DocumentError(path, "the text is mostly control characters: binary, not a document")
    if len(_CJK.findall(text)) < 20:
        raise DocumentError(path, "no Chinese planning text found (fewer than 20 Chinese characters)")
    if not _PLAN_MARKERS.search(text):
        raise DocumentError(path, "no recognisable planning structure (no chapters, plan terms or projects)")


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is pinned in requirements
        raise DocumentError(path, "PDF support needs the pypdf package") from None
    import logging
    import warnings

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its repair notes would precede our one clear line
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path))
            pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError, TypeError, AttributeError) as exc:
        raise DocumentError(path, f"the PDF cannot be read ({type(exc).__name__}): damaged or truncated") from None
    text = "\n".join(pages)
    if len(_CJK.findall(text)) < 50:
        raise DocumentError(path, "the PDF has no text layer (scanned images?): run OCR first")
    return text


def doc_id_for(path: Path) -> str:
    """The seeds are named ``NNN_<hash>.txt``; other files use their stem."""
    match = re.match(r"(\d{3})_[0-9a-f]{16}$", path.stem)
    return match.group(1) if match else path.stem


def read_document(path: str | Path, doc_id: str | None = None) -> Document:
    """Read ``path`` into a :class:`Document`, or raise :class:`DocumentError`."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(path, "no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(path, f"the file is {size / 1e6:.0f} MB; documents over {MAX_BYTES // 2**20} MB are refused")
    with path.open("rb") as fh:
        head = fh.read(5)
    if head.startswith(b"%PDF"):
        text, encoding = _read_pdf(path), "pdf"
    else:
        text, encoding = decode(path.read_bytes(), path)
    text = normalise(text)
    _check_plausible(text, path)
    return Document(doc_id or doc_id_for(path), str(path), encoding, text.split("\n"))
