"""总览 Overview: the three districts with their headline layouts, key numbers, how to use."""
import streamlit as st

from ui import maps, search
from ui.data import cached_query
from ui.i18n import district_label, family_label, t
from ui.text import md
from ui.state import ident, read, write
from ui.sidebar import shared_params

url = read({"sel": ident, **search.SPEC})
pick = search.title_and_box(f"{t('app_title')} · {t('overview')}", "o", url, widths=(1.5, 1))

headlines = cached_query("headline_layouts")
numbers = cached_query("district_numbers").set_index("district_code")
groups, legend_entries = [], []
for layout in headlines.itertuples():
    parts, entries = maps.colour_groups(cached_query("layout_component_geometries", layout_id=layout.entity_id))
    groups += maps.layout_groups(parts, labels="room")
    legend_entries += [(f"{district_label(layout.district_code)} {group}", colour, shape)
                       for group, colour, shape in entries]

left, right = st.columns([3, 2])
center, zoom = search.view("o", pick, None, None)
with left:
    maps.show([*groups, maps.legend_layer(t("headline"), legend_entries, t("map_legend_note"), collapsed=True),
               *search.layer(pick)], key="overview_map", height=540, center=center, zoom=zoom)
    st.caption(t("schematic_note"))
selected = pick.entity_id if pick else None
with right:
    search.detail(pick, selected)
    with st.expander(t("how_to"), expanded=False, icon=":material/help:"):
        st.markdown(t("how_to_text"))
    st.subheader(t("key_numbers"))
    for code in ("370105", "370103", "370104"):
        row = numbers.loc[code]
        st.markdown(f"**{district_label(code)}**")
        cols = st.columns(4)
        for col, family, label in zip(cols, ["projects", "parks", "schools", "renewal_sites"],
                                      [t("projects"), family_label("park"), family_label("school"), family_label("renewal_site")]):
            col.metric(label, int(row[family]))
        for layout in headlines[headlines.district_code == code].itertuples():
            st.page_link("views/layouts.py", label=f"{t('open_layout')}: {md(layout.name)}", icon=":material/hub:",
                         query_params={**shared_params(), "d": code, "l": layout.entity_id})  # same tab and session, language kept
write({**shared_params(), "find": search.find_text("o"), "sel": selected if search.keeps(pick, selected) else None})
