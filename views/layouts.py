"""空间布局 Layouts: choose district and layout; toggle groups; click a component; presentation mode."""
import streamlit as st

from ui import detail, export, maps, present as presentation, search
from ui.text import md
from ui.data import cached_query
from ui.i18n import district_label, t
from ui.sidebar import shared_params
from ui.state import ident, integer, one_of, read, seed_widget, write

url = read({"d": one_of(["370105", "370103", "370104"]), "l": ident, "p": one_of(["1"]), "step": integer(1, 99),
            "sel": ident, **search.SPEC})
seed_widget("layouts_district", url, "d", "370104")
seed_widget("layouts_present", {"p": True} if url.get("p") else {}, "p", False)
present = st.session_state.get("layouts_present", False)
if not present:
    st.title(t("layouts"))
    controls, main = st.columns([1.15, 2.6])  # controls beside the map: the map stays above the fold
    side = controls
else:  # map and the step's heading, buttons and quote side by side: all of it fits in 1280×720
    controls = st.expander(t("layout"), expanded=False, icon=":material/tune:")
    main, side = st.columns([2.7, 1])
with controls:
    pick = search.box("l", url)
    detail_box = st.container()  # what was found or clicked, under the search: above the fold
    district = st.segmented_control(t("district"), ["370105", "370103", "370104"], key="layouts_district",
                                    format_func=district_label) or "370104"
    layouts = cached_query("layouts_with_geometry", district_code=district)
    if layouts.empty:
        st.info(t("no_layout"))
        st.stop()
    ids = list(layouts["entity_id"])
    seed_widget("layouts_layout", {"l": url["l"]} if url.get("l") in ids else {}, "l")
    if st.session_state.get("layouts_layout") not in ids:
        st.session_state["layouts_layout"] = ids[0]
    names = dict(zip(layouts["entity_id"], layouts["name"]))
    layout_id = st.selectbox(t("layout"), ids, key="layouts_layout", format_func=lambda i: names[i])
    parts, entries = maps.colour_groups(cached_query("layout_component_geometries", layout_id=layout_id))
    all_groups = [group for group, _c, _s in entries]
    shown = st.pills(t("groups"), all_groups, selection_mode="multi", default=all_groups, key=f"groups_{layout_id}",
                     format_func=md)
    st.toggle(t("present"), key="layouts_present")
view = maps.layout_view(parts)  # the whole layout in view, whichever groups are ticked
parts = parts[parts["group_label"].isin(shown or [])]

current, (center, zoom) = None, view
with main:
    if parts.empty:
        st.info(t("no_groups"), icon=":material/layers_clear:")
    if present and not parts.empty:
        with side:
            current = presentation.stepper(parts, names[layout_id], url)
        center, zoom = maps.focus_view(parts, current)
    center, zoom = search.view("l", pick, center, zoom)

    layers = maps.layout_groups(parts, current, selected=maps.pending_click("layouts_map") or url.get("sel"))
    legend = maps.legend_layer(names[layout_id], [e for e in entries if e[0] in (shown or [])], t("map_legend_note"))
    clicked = maps.show([*layers, legend, *search.layer(pick)], key="layouts_map", district=district,
                        height=560 if present else 540, center=center, zoom=zoom)
st.caption(t("schematic_note"))
if not parts.empty:
    export.layout_controls(names[layout_id], parts, layers, entries, district, center, zoom)
selected = current or clicked or (pick.entity_id if pick and pick.new else None) or url.get("sel")
with side if present else detail_box:  # beside the map, where the eye already is
    found = search.detail(pick, selected)
    if not found and selected in set(parts["entity_id"]):
        detail.entity(selected)
if not found and selected in set(parts["entity_id"]):
    row = parts[parts["entity_id"] == selected].iloc[0]
    with side if not present else main:
        detail.members_and_projects(row["name"], row["places"], district)
write({**shared_params(), "d": district, "l": layout_id, "p": "1" if present else None,
       "step": st.session_state.get("layouts_step") if present else None,
       "find": search.find_text("l"), "sel": None if present else (
           selected if selected in set(parts["entity_id"]) or search.keeps(pick, selected) else None)})
