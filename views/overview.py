"""总览 Overview: the three districts with their headline layouts, key numbers, how to use."""
import streamlit as st

from ui import maps
from ui.data import cached_query
from ui.i18n import district_label, family_label, t
from ui.text import md
from ui.state import write
from ui.sidebar import shared_params

st.title(f"{t('app_title')} · {t('overview')}")

headlines = cached_query("headline_layouts")
numbers = cached_query("district_numbers").set_index("district_code")
groups, legend_entries = [], []
for layout in headlines.itertuples():
    parts, entries = maps.colour_groups(cached_query("layout_component_geometries", layout_id=layout.entity_id))
    groups += maps.layout_groups(parts, labels="room")
    legend_entries += [(f"{district_label(layout.district_code)} {group}", colour, shape)
                       for group, colour, shape in entries]

left, right = st.columns([3, 2])
with left:
    maps.show([*groups, maps.legend_layer(t("headline"), legend_entries, t("map_legend_note"), collapsed=True)], key="overview_map",
              height=600)
    st.caption(t("schematic_note"))
with right:
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
                         query_params={"d": code, "l": layout.entity_id})  # same tab, same session and language
write(shared_params())
