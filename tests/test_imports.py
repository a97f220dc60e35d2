"""Every module imports, so a broken import fails here and not when a user opens a page."""
import importlib
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["paths"] + [
    name for package in ("ingest", "queries", "geo", "ui")
    for name in [package] + [m.name for m in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}.")]
    if not name.endswith("__main__")
]


@pytest.mark.parametrize("name", MODULES)
def test_module_imports(name):
    assert importlib.import_module(name)


def test_backend_never_imports_streamlit():
    for package in ("ingest", "queries", "geo"):
        for path in (ROOT / package).rglob("*.py"):
            assert "import streamlit" not in path.read_text(encoding="utf-8"), path
