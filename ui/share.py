"""The share control: the current view's link and its QR code (works offline)."""
from __future__ import annotations

import base64
import html
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


def qr_img(link: str) -> str:
    """The QR code as an inline image (~0.5 KB): no media file registered and cleaned up per rerun."""
    data = base64.b64encode(qr_png(link)).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" width="180" alt="QR: {html.escape(link)}">'



def render() -> None:
    with st.sidebar.expander(t("share"), icon=":material/share:"):
        link = current_link()
        st.caption(t("share_help"))
        st.code(link, language=None)
        if st.toggle(t("show_qr"), key="share_qr"):  # encoded only when asked for: ~8% of a rerun under load
            st.markdown(qr_img(link), unsafe_allow_html=True)
