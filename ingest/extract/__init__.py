"""Automatic extractors: each takes a :class:`~ingest.reader.Document` and returns plain dict rows.

Every row carries ``name``, ``doc_id``, ``line`` and ``quote`` (at most 30 characters,
verbatim from the stream at that line). The extractors are deliberately simple and
favour recall; the reviewed rows in ``data/entities/`` are the last word.
"""
from __future__ import annotations

from ..reader import Document
from .indicators import extract_indicators
from .layouts import extract_layouts
from .listings import extract_parks, extract_places, extract_projects, extract_renewal_sites, extract_schools
from .streets import extract_street_mentions

__all__ = ["FAMILIES", "extract_all"]

FAMILIES = ("layout", "layout_component", "place", "park", "school", "renewal_site", "project", "indicator",
            "street_office")


def extract_all(doc: Document) -> dict[str, list[dict]]:
    """Run every extractor on ``doc``; keys are the JSON schema's top-level lists."""
    layouts, components = extract_layouts(doc)
    return {
        "layouts": layouts,
        "layout_components": components,
        "places": extract_places(doc),
        "parks": extract_parks(doc),
        "schools": extract_schools(doc),
        "renewal_sites": extract_renewal_sites(doc),
        "projects": extract_projects(doc),
        "indicators": extract_indicators(doc),
        "street_mentions": extract_street_mentions(doc),
    }
