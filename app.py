"""Jinan PlanMap: router only. Page config, the shared sidebar, the explicit page list."""
import streamlit as st

from ui import sidebar
from ui.data import ensure_database
from ui.i18n import t

st.set_page_config(page_title="济南规划地图 Jinan PlanMap", page_icon="🗺️", layout="wide")
sidebar.render()
PAGES = [st.Page("pages/sources.py", title=t("sources"), icon="📚", url_path="sources", default=True)]
if ensure_database():
    st.navigation(PAGES).run()
