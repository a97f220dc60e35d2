"""Rewrite the automatic tables (sections, street mentions) from the seeds."""
from __future__ import annotations

from dataclasses import asdict

import paths

from .dataset import read_documents, write_table
from .extract.streets import extract_street_mentions
from .reader import read_document
from .structure import find_sections

__all__ = ["refresh"]


def refresh() -> dict[str, int]:
    documents, _ = read_documents()
    sections: list[dict] = []
    mentions: list[dict] = []
    for meta in documents:
        seed = paths.seed_path(meta["doc_id"])
        if seed is None:
            continue
        doc = read_document(seed, meta["doc_id"])
        sections += [asdict(s) for s in find_sections(doc)]
        mentions += [{"street_code": m["street_code"], "as_written": m["name"], "doc_id": m["doc_id"],
                      "line": m["line"], "quote": m["quote"]} for m in extract_street_mentions(doc)]
    write_table("sections", sections)
    write_table("street_mentions", mentions)
    return {"sections": len(sections), "street_mentions": len(mentions)}
