"""Place search on the map pages: type part of a name, pick one of the matches (any family, any
document); the map flies to it, marks it, and its detail opens. An unlocated match says so and shows
its citation.

Matches are offered in a drop-down list (one line high, so the map keeps its place). Typing reruns only the search box (a fragment, ``queries/search_entities.sql`` with the text bound);
picking a match reruns the page. The URL keeps the text (``find``) and the page keeps the pick as its
selection (``sel``), so a shared link reopens the same search and place.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import folium
import pandas as pd
import streamlit as st

from .data import query
from .i18n import district_label, family_label, t
from .inputs import ENTITY_ID, fingerprint
from .maps import Layer, basemap
from .state import seed_widget, text

__all__ = ["SPEC", "Pick", "box", "title_and_box", "view", "layer", "detail", "keeps", "find_text"]

SPEC = {"find": text}  # the page merges this into its URL spec
SHOWN = 50  # matches offered at once; more typing narrows them


@dataclass(frozen=True)
class Pick:
    """The match the visitor picked. ``new`` is true on the run right after picking it."""
    entity_id: str
    name: str
    family: str
    lon: float | None
    lat: float | None
    precision_m: float | None
    new: bool

    @property
    def located(self) -> bool:
        return self.lon is not None and self.lat is not None


@st.cache_data(show_spinner=False, max_entries=256)
def matches(needle: str):
    """Matches for one typed text, best first (the query binds it)."""
    return query("search_entities", text=needle[:80])


def _label(row) -> str:
    """A match as a drop-down option (plain text: options are never Markdown)."""
    where = district_label(row.district_code) if row.district_code else ""
    unlocated = "" if row.lon == row.lon and row.lon is not None else f" · {t('unlocated')}"
    return f"{row.name} · {family_label(row.family)}{' · ' + where if where else ''}{unlocated}"


def _state(prefix: str) -> str:
    return f"_search_pick_{prefix}"


@st.fragment
def _box(prefix: str, url_sel: str | None) -> None:
    """Text box and matches. Typing reruns only this fragment; a change of pick reruns the page."""
    needle = (st.text_input(t("place_search"), key=f"{prefix}_find", type="search", live="300ms",
                            placeholder=t("place_search_ph"), label_visibility="collapsed",
                            icon=":material/search:") or "").strip()
    choice = None
    if needle:
        found = matches(needle)
        if found.empty:
            st.caption(t("search_none"))
        else:
            shown = found.head(SHOWN)
            ids = list(shown["entity_id"])
            labels = {row.entity_id: _label(row) for row in shown.itertuples()}
            key = f"{prefix}_hit_{fingerprint([needle])}"
            seed_widget(key, {"sel": url_sel} if url_sel in ids else {}, "sel")
            more = t("search_more", n=len(found), m=SHOWN) if len(found) > SHOWN else t("search_count", n=len(found))
            choice = st.selectbox(more, ids, index=None, key=key, format_func=labels.get, placeholder=more,
                                  label_visibility="collapsed")  # one line high, however many matches
            choice = choice if choice in labels else None
            if choice:
                row = shown[shown["entity_id"] == choice].iloc[0]
                choice = (choice, str(row["name"]), str(row["family"]), *(None if pd.isna(row[c]) else float(row[c])
                                                                          for c in ("lon", "lat", "precision_m")))
    if st.session_state.get(_state(prefix)) != choice:
        st.session_state[_state(prefix)] = choice
        st.session_state[f"{_state(prefix)}_new"] = True
        if not st.session_state.get("_search_in_page"):
            st.rerun(scope="app")  # a pick changes the map and the detail: the page runs again


def box(prefix: str, url: dict) -> Pick | None:
    """The search box on a page (``prefix`` names its widgets); the current pick, or None."""
    seed_widget(f"{prefix}_find", url, "find")
    st.session_state["_search_in_page"] = True
    try:
        _box(prefix, url.get("sel") if isinstance(url.get("sel"), str) else None)
    finally:
        st.session_state["_search_in_page"] = False
    picked = st.session_state.get(_state(prefix))
    new = st.session_state.pop(f"{_state(prefix)}_new", False)
    if not picked or not ENTITY_ID.fullmatch(picked[0]):
        return None
    return Pick(*picked, new=bool(new))


def title_and_box(title: str, prefix: str, url: dict, widths=(1, 1.4)) -> Pick | None:
    """The page title with the search box beside it (above the map on a phone, and no map height lost)."""
    title_col, search_col = st.columns(list(widths), vertical_alignment="bottom")
    title_col.title(title)
    with search_col:
        return box(prefix, url)


def find_text(prefix: str) -> str | None:
    """The search text for the page's URL."""
    return (st.session_state.get(f"{prefix}_find") or "").strip()[:80] or None


def view(prefix: str, pick: Pick | None, center, zoom):
    """The map's centre and zoom: the pick's for as long as the page's own view stays the same (so
    clicking around after a search does not jump back), else the page's."""
    store = f"_search_view_{prefix}"
    held = st.session_state.get(store)
    if pick is not None and pick.new and pick.located:
        from geo.layers import points_layer
        from geo.maps import frame_view

        point = points_layer(pd.DataFrame({"lon": [pick.lon], "lat": [pick.lat]}))
        held = {"view": frame_view(point, min_extent_m=max(3000.0, 2 * (pick.precision_m or 0))),
                "page": (center, zoom)}
    elif held and (pick is None or held["page"] != (center, zoom)):
        held = None
    st.session_state[store] = held
    return held["view"] if held else (center, zoom)


def layer(pick: Pick | None) -> list[Layer]:
    """The pick on the map: a ring, its precision circle and its name (escaped), or nothing."""
    if pick is None or not pick.located:
        return []
    key = ("search", pick.entity_id, pick.name, pick.lon, pick.lat, pick.precision_m, basemap())
    return [Layer(key, lambda: _pick_group(pick, key[-1]))]


def _pick_group(pick: Pick, basemap_key: str) -> folium.FeatureGroup:
    from geo.maps import display_point

    lat, lon = display_point((pick.lat, pick.lon), basemap_key)
    group = folium.FeatureGroup(name="search")
    if pick.precision_m:
        folium.Circle((lat, lon), radius=pick.precision_m, color="#c0392b", weight=1, dash_array="4 4",
                      fill=True, fill_opacity=0.06).add_to(group)
    folium.CircleMarker((lat, lon), radius=10, color="#c0392b", weight=4, fill=True, fill_color="#ffffff",
                        fill_opacity=0.9,
                        tooltip=folium.Tooltip(html.escape(pick.name), permanent=True, direction="right",
                                               offset=(12, 0), class_name="planmap-search-label",
                                               style="font-size:15px;font-weight:700")).add_to(group)
    return group


def detail(pick: Pick | None, selected: str | None) -> bool:
    """The picked entity's detail when it is the page's selection; True when shown."""
    if pick is None or selected != pick.entity_id:
        return False
    from . import detail as panel

    if not pick.located:
        st.info(t("search_unlocated"), icon=":material/location_off:")
    panel.entity(pick.entity_id)
    return True


def keeps(pick: Pick | None, selected: str | None) -> bool:
    """Whether the page's selection is the search's pick (then the URL keeps it)."""
    return pick is not None and selected == pick.entity_id
