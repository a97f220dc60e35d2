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
import stat
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Document", "DocumentError", "MAX_BYTES", "MAX_CHARS", "MAX_LINE", "MAX_PAGES", "read_document", "decode"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest file accepted. The biggest seed is 0.2 MB; a 50 MB 'plan' is refused."""
MAX_CHARS = 3_000_000
"""Longest text accepted (about 9 MB of Chinese in UTF-8; a 纲要 with its annexes has about 0.4 million)."""
MAX_LINE = 100_000
"""Longest line accepted: evidence cites lines, and a document on one line could cite nothing (seeds: < 300)."""
MAX_PAGES = 2000
"""Most PDF pages read (a 纲要 with its annexes has about 200)."""
MAX_STREAM = 4 * 2**20
"""Largest decompressed PDF stream (a page of text is well under 1 MB; a flate bomb is hundreds)."""
MAX_DECOMPRESSED = 32 * 2**20
"""Most decompressed page content read from one PDF, all pages together."""
MAX_PDF_OPERATIONS = 500_000
"""Most operands and operators parsed in one page's content (a page of text has a few thousand)."""
PDF_SECONDS = 120
"""Longest time spent reading one PDF's text layer (pypdf parses about 1 MB of page content a second)."""

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
        order = _utf16_without_bom(data)
        if order:
            raise DocumentError(path, f"the file looks like UTF-16 ({order}) without a byte-order mark: "
                                      "save it as UTF-8 (or UTF-16 with a byte-order mark)")
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


def _utf16_without_bom(data: bytes) -> str | None:
    """'little-endian' or 'big-endian' when ``data`` decodes as UTF-16 Chinese text without a BOM."""
    sample = data[:20000]
    sample = sample[: len(sample) - len(sample) % 2]
    for codec, order in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(_CJK.findall(text)) >= 10 and _looks_chinese(text):
            return order
    return None


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
    """The text layer of a PDF, within limits: pages, decompressed bytes per stream, total text."""
    try:
        from pypdf import PdfReader, apply_configuration
        from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError
    except ImportError:  # pragma: no cover - pypdf is pinned in requirements
        raise DocumentError(path, "PDF support needs the pypdf package") from None
    import logging
    import warnings

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its repair notes would precede our one clear line
    limits = {"zlib_maximum_output_length": MAX_STREAM, "maximum_declared_stream_length": MAX_BYTES,
              "array_based_stream_maximum_output_length": MAX_STREAM, "lzw_maximum_output_length": MAX_STREAM,
              "run_length_maximum_output_length": MAX_STREAM, "stream_decoding_work_maximum_length": 4 * MAX_STREAM,
              "page_tree_maximum_page_entries": 10 * MAX_PAGES,
              "stream_parsing_work_maximum_count": MAX_PDF_OPERATIONS, "zlib_maximum_recovery_input_length": 2**20}
    pages: list[str] = []
    stage = "opened"
    try:
        with warnings.catch_warnings(), apply_configuration(**limits):
            warnings.simplefilter("ignore")
            stage = "opened: its cross-reference table or trailer is damaged"
            reader = PdfReader(str(path))
            stage = "read: its page tree or page content is damaged"
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (DependencyError, NotImplementedError):
                    raise DocumentError(path, f"the PDF is encrypted ({_cipher(reader)}) and cannot be opened here: "
                                              "save an unprotected copy") from None
                if not opened:
                    raise DocumentError(path, "the PDF is encrypted with a password: save an unprotected copy")
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise DocumentError(path, f"the PDF has {count} pages; more than {MAX_PAGES} are refused")
            decompressed = characters = 0
            deadline = time.monotonic() + PDF_SECONDS
            for page in reader.pages:
                contents = page.get_contents()  # decoded here, where a limit raises (extract_text hides it)
                decompressed += len(contents.get_data()) if contents is not None else 0
                if decompressed > MAX_DECOMPRESSED:
                    raise DocumentError(path, f"the PDF's pages decompress to more than {MAX_DECOMPRESSED // 2**20} MB: "
                                              "refused (a decompression bomb?)")
                pages.append(page.extract_text() or "")
                if time.monotonic() > deadline:
                    raise DocumentError(path, f"reading the PDF's text took over {PDF_SECONDS} s "
                                              f"({len(pages)} of {count} pages): refused")
                characters += len(pages[-1])
                if characters > MAX_CHARS:
                    raise DocumentError(path, f"the PDF's text exceeds {MAX_CHARS:,} characters; larger documents are refused")
    except DocumentError:
        raise
    except LimitReachedError as exc:
        reason = (f"a stream decompresses to more than {MAX_STREAM // 2**20} MB (a decompression bomb?)"
                  if "decompress" in str(exc).lower() else "its structure or a page's content is too large")
        raise DocumentError(path, f"the PDF exceeds a safety limit: {reason}; refused") from None
    except DependencyError:  # raised while opening: pypdf tries the empty password on AES without the cipher
        raise DocumentError(path, "the PDF is encrypted (AES) and cannot be opened here: save an unprotected copy") from None
    except FileNotDecryptedError:
        raise DocumentError(path, "the PDF is encrypted with a password: save an unprotected copy") from None
    except RecursionError:
        raise DocumentError(path, "the PDF cannot be read: its objects are nested too deeply") from None
    except MemoryError:
        raise DocumentError(path, "the PDF cannot be read: it needs too much memory") from None
    except Exception as exc:  # noqa: BLE001 - a damaged PDF can raise anything inside pypdf; one line, no traceback
        cycle = "cyclic" in str(exc).lower() or "cycle" in str(exc).lower()
        problem = "read: its page tree refers to itself" if cycle else stage
        raise DocumentError(path, f"the PDF cannot be {problem} ({type(exc).__name__})") from None
    text = "\n".join(pages)
    if len(_CJK.findall(text)) < 50 and not text.strip():
        raise DocumentError(path, "the PDF has no text layer (scanned images?): run OCR first")
    if len(_CJK.findall(text)) < 50:
        raise DocumentError(path, "the PDF has no text layer with Chinese text (scanned images?): run OCR first")
    return text


def _cipher(reader) -> str:
    """'AES-256', 'AES-128' or 'RC4' from the PDF's /Encrypt dictionary."""
    try:
        encrypt = reader.trailer["/Encrypt"].get_object()
        version = int(encrypt.get("/V", 0))
    except Exception:  # noqa: BLE001 - only used in a message
        return "unknown cipher"
    return {5: "AES-256", 4: "AES-128"}.get(version, "RC4")


def doc_id_for(path: Path) -> str:
    """The seeds are named ``NNN_<hash>.txt``; other files use their stem."""
    match = re.match(r"(\d{3})_[0-9a-f]{16}$", path.stem)
    return match.group(1) if match else path.stem


def _unusable(path: Path) -> str | None:
    """Why ``path`` cannot be read as a document (missing, a directory, a device …), or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "no such file"
    except PermissionError:
        return "permission denied"
    except OSError as exc:
        return f"cannot be opened ({exc.strerror or type(exc).__name__})"
    if stat.S_ISDIR(info.st_mode):
        return "is a directory, not a document"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a device, pipe or socket): refused"
    return None


def read_document(path: str | Path, doc_id: str | None = None) -> Document:
    """Read ``path`` into a :class:`Document`, or raise :class:`DocumentError`."""
    path = Path(path)
    problem = _unusable(path)
    if problem:
        raise DocumentError(path, problem)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(path, f"the file is {size / 1e6:.0f} MB; documents over {MAX_BYTES // 2**20} MB are refused")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # bounded even if the file grows after the size check
    except OSError as exc:
        raise DocumentError(path, f"cannot read ({exc.strerror or type(exc).__name__})") from None
    if len(data) > MAX_BYTES:
        raise DocumentError(path, f"the file grew past {MAX_BYTES // 2**20} MB while being read: refused")
    if data.startswith(b"%PDF"):
        text, encoding = _read_pdf(path), "pdf"
    else:
        text, encoding = decode(data, path)
    if len(text) > MAX_CHARS:
        raise DocumentError(path, f"the text has {len(text):,} characters; documents over {MAX_CHARS:,} are refused")
    text = normalise(text)
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    if len(lines[longest]) > MAX_LINE:
        raise DocumentError(path, f"line {longest + 1} has {len(lines[longest]):,} characters (over {MAX_LINE:,}): "
                                  "evidence could not cite a line; break the text into lines")
    _check_plausible(text, path)
    return Document(doc_id or doc_id_for(path), str(path), encoding, lines)
