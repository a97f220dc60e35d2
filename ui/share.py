"""The share control: the current view's link and its QR code (works offline)."""
from __future__ import annotations

import io
from urllib.parse import urlencode

import segno
import streamlit as st

from .i18n import t


def current_link() -> str:
    base = str(getattr(st.context, "url", "") or "").split("?")[0] or "http://localhost:8501/"
    query = urlencode({k: st.query_params.get(k) for k in st.query_params})
    return f"{base}?{query}" if query else base


@st.cache_data(show_spinner=False, max_entries=512)
def qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=5, border=2)
    return buffer.getvalue()


def render() -> None:
    with st.sidebar.expander(t("share"), icon=":material/share:"):
        link = current_link()
        st.caption(t("share_help"))
        st.code(link, language=None)
        st.image(qr_png(link), width=180)
