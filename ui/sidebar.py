"""The one shared sidebar: language, basemap, the data-sources footer."""
from __future__ import annotations

import streamlit as st

from .i18n import t

BASEMAP_KEYS = ["vector", "osm", "gaode", "topo", "esri"]


_CSS = """<style>
.block-container {padding-top: 2.2rem; padding-bottom: 1rem;}
h1 {padding-top: 0.2rem;}
.planmap-name {margin: 0 0 0.2rem; padding: 0;}
.planmap-caption {font-size: 0.85rem; color: rgba(49, 51, 63, 0.65); margin: 0.1rem 0 0.4rem;}
.planmap-quote {border-left: 3px solid #c0392b; margin: 0.3rem 0; padding: 0.1rem 0.7rem;}
.st-key-p_filters_switch {display: none;}
@media (max-width: 640px) {  /* phone: the seven filters fold behind one switch, so the map comes sooner */
  .st-key-p_filters_switch {display: block;}
  .st-key-p_filters {display: none;}
}
</style>"""


def render() -> None:
    st.markdown(_CSS, unsafe_allow_html=True)  # our own layout tweaks: more map on a 720-px projector
    with st.sidebar:
        if "lang" not in st.session_state and st.query_params.get("lang") == "en":
            st.session_state["lang"] = "English"
        st.radio(t("language"), ["中文", "English"], key="lang", horizontal=True)
        if "basemap" not in st.session_state and st.query_params.get("base") in BASEMAP_KEYS:
            st.session_state["basemap"] = st.query_params.get("base")
        st.selectbox(t("basemap"), BASEMAP_KEYS, key="basemap", format_func=lambda k: t(f"base_{k}"))
        st.caption(t("footer"))


def shared_params() -> dict[str, str]:
    """App-wide parameters every page keeps in its URL."""
    params = {}
    if st.session_state.get("lang") == "English":
        params["lang"] = "en"
    if st.session_state.get("basemap", "vector") != "vector":
        params["base"] = st.session_state["basemap"]
    return params
