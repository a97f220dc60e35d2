"""设施 Facilities: parks, schools and renewal sites as layers; planned hollow, existing filled."""
import pandas as pd
import streamlit as st

from ui import detail, downloads, maps, search
from ui.data import cached_query
from ui.i18n import district_label, family_label, kind_label, t, table
from ui.sidebar import shared_params
from ui.state import ident, one_of, read, seed_widget, write

FAMILIES = ["park", "school", "renewal_site"]
streets = cached_query("street_counts", district_code=None)
url = read({"d": one_of(["370105", "370103", "370104"]), "s": one_of(streets["street_code"]),
            "f": one_of(["park", "school", "renewal_site", "park,school", "park,renewal_site",
                         "school,renewal_site", "park,school,renewal_site"]), "sel": ident, **search.SPEC})
seed_widget("f_district", url, "d")
seed_widget("f_street", url, "s")
if "f" in url:
    seed_widget("f_families", {"f": url["f"].split(",")}, "f")
pick = search.title_and_box(t("facilities"), "f", url)
cols = st.columns([1, 1.3, 1.8, 1.2])
district = cols[0].selectbox(t("district"), ["", "370105", "370103", "370104"], key="f_district",
                             format_func=district_label) or None
in_district = streets if district is None else streets[streets["district_code"] == district]
names = dict(zip(in_district["street_code"], in_district["name"]))
if st.session_state.get("f_street") not in names:
    st.session_state["f_street"] = ""
street = cols[1].selectbox(t("street"), ["", *names], key="f_street",
                           format_func=lambda c: names.get(c, t("all_streets"))) or None
chosen = cols[2].pills(t("facility_type"), FAMILIES, selection_mode="multi", default=FAMILIES, key="f_families",
                       format_func=family_label) or []
frames = {f: cached_query("facilities_filtered", family=f, district_code=district, street_code=street, kind=None)
          for f in chosen}
kinds = sorted({k for frame in frames.values() for k in frame["kind"].dropna()})
if st.session_state.get("f_kind") not in kinds:
    st.session_state["f_kind"] = ""
kind = cols[3].selectbox(t("kind"), ["", *kinds], key="f_kind", format_func=lambda k: kind_label(k) or "—") or None
if kind:  # the type filter is a bound query parameter too; the options above come from the unfiltered set
    frames = {f: cached_query("facilities_filtered", family=f, district_code=district, street_code=street,
                              kind=kind) for f in chosen}
rows = pd.concat([frame.assign(family=f) for f, frame in frames.items()], ignore_index=True) if frames else \
    pd.DataFrame(columns=["entity_id", "name", "kind", "status", "lon", "family", "doc_id", "line"])
st.caption(t("results", n=len(rows), m=int(rows["lon"].notna().sum()) if len(rows) else 0))
map_col, side = st.columns([2.4, 1])  # the detail beside the map, where the eye already is
center, zoom = search.view("f", pick, *(maps.fit_view(rows) if street else (None, None)))
legend = maps.legend_layer(t("facilities"), maps.families_legend({family_label(f): (f, frame) for f, frame in frames.items()}))
with map_col:
    clicked = maps.show([*[maps.points_group(frame, f, family_label(f), url.get("sel")) for f, frame in frames.items()],
                         legend, *search.layer(pick)], key="f_map", district=district, center=center, zoom=zoom,
                        height=460)
selected = clicked or (pick.entity_id if pick and pick.new else None) or url.get("sel")
in_rows = len(rows) and selected in set(rows["entity_id"])
with side:
    if not search.detail(pick, selected) and in_rows:
        detail.entity(selected)
    elif not search.keeps(pick, selected):
        st.caption(t("click_hint"))
if len(rows):
    st.dataframe(table(rows, ["name", "family", "kind", "status", "street_name", "doc_id", "line"]), hide_index=True,
                 width="stretch", key="f_table")
    downloads.render(rows, "facilities", [district and district_label(district), street and names[street], kind])
write({**shared_params(), "d": district, "s": street,
       "f": ",".join(chosen) if set(chosen) != set(FAMILIES) and chosen else None,
       "find": search.find_text("f"), "sel": selected if in_rows or search.keeps(pick, selected) else None})
