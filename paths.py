"""Every filesystem location the project uses, built on this file's own position.

Nothing in the project reads the working directory: import the constants from here.
The source documents live outside the repository (``../shared/seeds`` beside a
checkout, or wherever ``PLANMAP_SEEDS`` points); a fresh clone has none, and the
app runs on the committed data in ``data/`` alone.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
ENTITIES = DATA / "entities"
REFERENCE = DATA / "reference"
REVIEW = DATA / "review"
GAZETTEER = DATA / "gazetteer"
CATALOG = DATA / "catalog.yaml"
DOCUMENTS = DATA / "documents.yaml"
DATABASE = Path(os.environ.get("PLANMAP_DB", DATA / "planmap.duckdb"))
QUERIES = ROOT / "queries"
ARTIFACTS = ROOT / "artifacts"  # screenshots and bench output; git-ignored

SHARED = ROOT.parent / "shared"


def seeds_dir() -> Path | None:
    """Return the folder holding the five source documents, or None when absent."""
    env = os.environ.get("PLANMAP_SEEDS")
    candidates = [Path(env)] if env else []
    candidates.append(SHARED / "seeds")
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("00[0-4]_*.txt")):
            return candidate
    return None


def reference_dir() -> Path | None:
    """Return ``../shared/reference`` (or ``PLANMAP_REFERENCE``) when present."""
    env = os.environ.get("PLANMAP_REFERENCE")
    candidate = Path(env) if env else SHARED / "reference"
    return candidate if candidate.is_dir() else None


def seed_path(doc_id: str) -> Path | None:
    """Return the seed file for ``doc_id`` ('000' … '004'), or None when absent."""
    folder = seeds_dir()
    if folder is None:
        return None
    return next(iter(sorted(folder.glob(f"{doc_id}_*.txt"))), None)
