"""Shareable state in the URL: each page declares its parameters; bad values are ignored with a notice.

A parameter spec maps a short URL key to a validator returning the clean value or
raising ``ValueError``. Widgets take their initial value from the URL once per
session (their ``key`` in session state then wins), and the page writes its
current state back, so a copied link reopens the same view.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import streamlit as st

from .i18n import param_label, t

__all__ = ["one_of", "text", "ident", "integer", "parse", "read", "write", "seed_widget", "step_by"]

_MAX_LEN = 200


def one_of(allowed: Iterable[str]) -> Callable[[str], str]:
    allowed = set(allowed)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError("unknown value")
        return value
    return check


def text(value: str) -> str:
    if len(value) > 80 or re.search(r"[\x00-\x1f<>]", value):
        raise ValueError("unusable text")
    return value


def ident(value: str) -> str:
    """An entity id (prj-000-0001, lay-003-0005, a 12-digit street code, syn-000001)."""
    if not re.fullmatch(r"[a-z]{3}-\d{3}-\d{4}|\d{12}|syn-\d{6}", value):
        raise ValueError("not an id")
    return value


def integer(low: int, high: int) -> Callable[[str], int]:
    def check(value: str) -> int:
        if not re.fullmatch(r"\d{1,6}", value) or not low <= int(value) <= high:
            raise ValueError("out of range")
        return int(value)
    return check


def parse(spec: dict[str, Callable[[str], object]], params: dict[str, list[str]]) -> tuple[dict, list[str]]:
    """Pure core of :func:`read`: ``(valid values, keys that were present but bad)``.

    >>> parse({"step": integer(1, 9)}, {"step": ["3"], "x": ["1"]})
    ({'step': 3}, [])
    >>> parse({"step": integer(1, 9)}, {"step": ["99"]})
    ({}, ['step'])
    """
    values: dict[str, object] = {}
    bad: list[str] = []
    for key in spec:
        raw = params.get(key) or []
        if not raw:
            continue
        value = raw[-1]
        try:
            if not isinstance(value, str) or len(value) > _MAX_LEN:
                raise ValueError("too long")
            values[key] = spec[key](value)
        except (ValueError, TypeError):
            bad.append(key)
    return values, bad


def read(spec: dict[str, Callable[[str], object]]) -> dict[str, object]:
    """Valid values of the page's URL parameters; each bad one shows a notice and is dropped."""
    values, bad = parse(spec, {key: st.query_params.get_all(key) for key in spec if key in st.query_params})
    for key in bad:
        st.warning(t("ignored_param", name=param_label(key)), icon=":material/warning:")
    return values


def seed_widget(widget_key: str, url_values: dict, url_key: str, default=None) -> None:
    """Give a widget its initial value from the URL (only the first time this session sees the page)."""
    marker = f"_seeded_{widget_key}"
    if marker not in st.session_state:
        st.session_state[marker] = True
        if url_key in url_values:
            st.session_state[widget_key] = url_values[url_key]
        elif default is not None and widget_key not in st.session_state:
            st.session_state[widget_key] = default


def write(values: dict[str, object]) -> None:
    """Replace the URL's parameters with the page's current state (empty values left out)."""
    clean = {k: str(v) for k, v in values.items() if v not in (None, "", [], False)}
    if dict(st.query_params) != clean:
        st.query_params.from_dict(clean)


def step_by(key: str, delta: int) -> None:
    """A button callback: move the integer in ``st.session_state[key]`` by ``delta`` before the next run
    (so the run draws the buttons for the step it shows, not the one before)."""
    st.session_state[key] = int(st.session_state.get(key, 1)) + delta
