"""空间布局 Layouts: choose district and layout; toggle groups; click a component; presentation mode."""
import streamlit as st

from ui import detail, export, maps
from ui.text import esc, md, show
from ui.data import cached_query
from ui.i18n import district_label, t
from ui.sidebar import shared_params
from ui.state import ident, integer, one_of, read, seed_widget, step_by, write

url = read({"d": one_of(["370105", "370103", "370104"]), "l": ident, "p": one_of(["1"]), "step": integer(1, 99),
            "sel": ident})
seed_widget("layouts_district", url, "d", "370104")
seed_widget("layouts_present", {"p": True} if url.get("p") else {}, "p", False)
present = st.session_state.get("layouts_present", False)
if not present:
    st.title(t("layouts"))
    controls, main = st.columns([1.15, 2.6])  # controls beside the map: the map stays above the fold
else:
    controls, main = st.expander(t("layout"), expanded=False, icon=":material/tune:"), st.container()
with controls:
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
        steps = list(parts["entity_id"])
        seed_widget("layouts_step", url, "step", 1)
        step = min(max(int(st.session_state.get("layouts_step", 1)), 1), len(steps))
        prev_col, info_col, next_col = st.columns([1, 4, 1], vertical_alignment="center")
        st.session_state["layouts_step"] = step  # the buttons' callbacks move it before the next run, so
        prev_col.button(t("prev"), key="layouts_prev", disabled=step <= 1, width="stretch",  # each button is
                        on_click=step_by, args=("layouts_step", -1))  # enabled for the step actually shown
        next_col.button(t("next"), key="layouts_next", disabled=step >= len(steps), width="stretch",
                        on_click=step_by, args=("layouts_step", 1))
        current = steps[step - 1]
        row = parts[parts["entity_id"] == current].iloc[0]
        with info_col:
            show(f'<h2 class="planmap-name">{esc(row.group_label)} · {esc(row["name"])}</h2>'
                 f'<div>{esc(names[layout_id])} — {esc(t("step", i=step, n=len(steps)))}</div>')
        center, zoom = maps.focus_view(parts, current)

    layers = maps.layout_groups(parts, current, selected=maps.pending_click("layouts_map") or url.get("sel"))
    legend = maps.legend_layer(names[layout_id], [e for e in entries if e[0] in (shown or [])], t("map_legend_note"))
    clicked = maps.show([*layers, legend], key="layouts_map", district=district,
                        height=600 if present else 540, center=center, zoom=zoom)
st.caption(t("schematic_note"))
if not parts.empty:
    export.layout_controls(names[layout_id], parts, layers, entries, district, center, zoom)
selected = current or clicked or url.get("sel")
if selected in set(parts["entity_id"]):
    row = parts[parts["entity_id"] == selected].iloc[0]
    with controls if not present else st.container():  # beside the map, where the eye already is
        detail.entity(selected)
        detail.members_and_projects(row["name"], row["places"], district)
write({**shared_params(), "d": district, "l": layout_id, "p": "1" if present else None,
       "step": st.session_state.get("layouts_step") if present else None,
       "sel": None if present else (selected if selected in set(parts["entity_id"]) else None)})
