"""Check that a quote really occurs at its line (allowing for the source's line breaks)."""
from __future__ import annotations

import re

from .reader import Document

__all__ = ["quote_found", "squash"]


def squash(text: str) -> str:
    """Remove all white space (line breaks and spaces are layout, not text)."""
    return re.sub(r"\s+", "", text)


def quote_found(doc: Document, line: int, quote: str) -> bool:
    """True when ``quote`` starts on ``line`` of ``doc`` (it may run on into following lines).

    >>> d = Document("x", "x", "utf-8", ["第一行文字到", "", "下一行结束。"])
    >>> quote_found(d, 1, "文字到下一行"), quote_found(d, 3, "文字到下一行")
    (True, False)
    """
    if not quote or len(quote) > 30 or not 1 <= line <= len(doc.lines):
        return False
    own = squash(doc.lines[line - 1])
    if not own:
        return False
    window = squash("".join(doc.lines[line - 1: line + 12]))
    target = squash(quote)
    position = window.find(target)
    while position != -1:
        if position < len(own):
            return True
        position = window.find(target, position + 1)
    return False
