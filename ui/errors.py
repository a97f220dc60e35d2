"""What a visitor sees when a page fails: a short message in their language, never a traceback.

The full trace goes to the server log (``planmap.errors``). Streamlit's own control flow
(``st.rerun``, ``st.stop``, page switches) raises ``BaseException`` subclasses and passes
through untouched; ``client.showErrorDetails = "none"`` in ``.streamlit/config.toml`` covers
anything raised outside the guarded call.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable

import streamlit as st

from .i18n import t

__all__ = ["guarded", "RAISE_ENV"]

RAISE_ENV = "PLANMAP_RAISE_ERRORS"

_log = logging.getLogger("planmap.errors")


def guarded(run: Callable[[], None]) -> None:
    """Run ``run``; on an exception log it with its trace and show a friendly message instead."""
    try:
        run()
    except Exception:  # noqa: BLE001 - the boundary between the app and the visitor
        _log.exception("a page failed; the visitor saw a short message")
        st.error(t("page_error"), icon=":material/error:")
        if os.environ.get(RAISE_ENV) == "1":  # the test suite sets it, so a failing page fails its test
            raise
