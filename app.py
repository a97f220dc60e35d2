"""Jinan PlanMap: router only. Page config, the shared sidebar, the explicit page list, the share control."""
import streamlit as st

import paths

from ui import errors, share, sidebar
from ui.data import ensure_database
from ui.i18n import t

st.set_page_config(page_title="济南规划地图 Jinan PlanMap", page_icon=str(paths.ROOT / "static" / "planmap-icon.png"), layout="wide")


def main() -> None:
    sidebar.render()
    pages = [
        st.Page("views/overview.py", title=t("overview"), icon=":material/map:", url_path="overview", default=True),
        st.Page("views/layouts.py", title=t("layouts"), icon=":material/hub:", url_path="layouts"),
        st.Page("views/projects.py", title=t("projects"), icon=":material/construction:", url_path="projects"),
        st.Page("views/facilities.py", title=t("facilities"), icon=":material/park:", url_path="facilities"),
        st.Page("views/indicators.py", title=t("indicators"), icon=":material/monitoring:", url_path="indicators"),
        st.Page("views/sources.py", title=t("sources"), icon=":material/menu_book:", url_path="sources"),
    ]
    if ensure_database():
        st.navigation(pages).run()
        share.render()


errors.guarded(main)  # a failing page shows a short message; the trace goes to the server log
