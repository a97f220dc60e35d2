"""The one shared sidebar: language toggle and the data-sources footer."""
from __future__ import annotations

import streamlit as st

from .i18n import t


def render() -> None:
    with st.sidebar:
        st.radio(t("language"), ["中文", "English"], key="lang", horizontal=True)
        st.caption(t("footer"))
