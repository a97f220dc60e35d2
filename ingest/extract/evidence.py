"""Provenance for an extracted row: where in which document, and a short verbatim quote."""
from __future__ import annotations

from ..reader import Document

QUOTE_MAX = 30


def evidence(doc: Document, offset: int, anchor: str | None = None) -> dict:
    """``doc_id``, ``line`` and a quote starting at stream ``offset``.

    With ``anchor`` (the matched name), the quote starts at the name when it is at
    most 30 characters, so the evidence names the thing itself.
    """
    length = QUOTE_MAX
    quote = doc.stream[offset: offset + length]
    if anchor and len(anchor) <= QUOTE_MAX and doc.stream.startswith(anchor, offset):
        quote = doc.stream[offset: offset + max(len(anchor), min(QUOTE_MAX, len(anchor) + 8))]
    quote = quote.strip()
    return {"doc_id": doc.doc_id, "line": doc.line_at(offset), "quote": quote}
