"""项目 Projects: filters (district, all 48 街道 with counts, category, status, document, text); map and table
in step; detail with provenance and precision; CSV / GeoJSON downloads."""
import streamlit as st

from ui import detail, downloads, export, maps, search
from ui.data import cached_query
from ui.inputs import changed, fingerprint, table_pick
from ui.i18n import district_label, family_label, kind_label, lang, status_label, t, table
from ui.sidebar import shared_params
from ui.state import ident, one_of, read, seed_widget, text, write

DISTRICTS = ["", "370105", "370103", "370104"]
TABLE_LIMIT = 1000
streets = cached_query("street_counts", district_code=None)
docs = cached_query("document_counts")
CATEGORIES = list(cached_query("project_categories")["category"])
STATUSES = ["planned", "under_construction", "completed", "existing"]
YEARS = sorted(cached_query("project_years")["year"])
url = read({"d": one_of(DISTRICTS[1:]), "s": one_of(streets["street_code"]), "c": one_of(CATEGORIES),
            "st": one_of(STATUSES), "y": one_of(YEARS), "doc": one_of(docs["doc_id"]), "q": text, "sel": ident,
            "prog": one_of(["1"]), "later": one_of(["1"]), **search.SPEC})
for widget, key in [("p_district", "d"), ("p_street", "s"), ("p_category", "c"), ("p_status", "st"),
                    ("p_year", "y"), ("p_doc", "doc"), ("p_text", "q")]:
    seed_widget(widget, url, key)
for widget, key in [("p_programmes", "prog"), ("p_later", "later")]:
    seed_widget(widget, {key: True} if url.get(key) else {}, key, False)

found = search.title_and_box(t("projects"), "p", url)
if st.session_state.pop("p_reset", False):
    for widget in ("p_district", "p_street", "p_category", "p_status", "p_year", "p_doc", "p_text"):
        st.session_state[widget] = ""
    st.session_state["p_later"] = False
FILTERS = ("p_district", "p_street", "p_category", "p_status", "p_year", "p_doc", "p_text", "p_programmes", "p_later")
with st.container(key="p_filters_switch"):  # shown on narrow screens only (CSS in ui.sidebar): one control
    filters_open = st.toggle(f"{t('filters')} ({sum(bool(st.session_state.get(w)) for w in FILTERS)})",
                             key="p_filters_shown")
filters = st.container(key="p_filters_open" if filters_open else "p_filters")
cols = filters.columns([1, 1.4, 1, 1, 1, 1.2, 1.5])
district = cols[0].selectbox(t("district"), DISTRICTS, key="p_district", format_func=district_label) or None
in_district = streets if district is None else streets[streets["district_code"] == district]
labels = {r.street_code: f"{r.name} ({r.n_projects})" for r in in_district.itertuples()}
if st.session_state.get("p_street") not in labels:
    st.session_state["p_street"] = ""
street = cols[1].selectbox(t("street"), ["", *labels], key="p_street",
                           format_func=lambda c: labels.get(c, t("all_streets"))) or None
category = cols[2].selectbox(t("category"), ["", *CATEGORIES], key="p_category",
                             format_func=lambda c: kind_label(c) or "—") or None
status = cols[3].selectbox(t("status"), ["", *STATUSES], key="p_status",
                           format_func=lambda s: status_label(s) if s else "—") or None
year = cols[4].selectbox(t("year"), ["", *YEARS], key="p_year", format_func=lambda y: y or "—") or None
titles = dict(zip(docs["doc_id"], docs["title_en" if lang() else "title"]))
doc_id = cols[5].selectbox(t("source_doc"), ["", *docs["doc_id"]], key="p_doc",
                           format_func=lambda d: f"{d} {titles[d][:14 if not lang() else 40]}" if d else "—") or None
needle = cols[6].text_input(t("search"), key="p_text", placeholder=t("search_ph")).strip() or None
toggles = filters.columns([1, 1, 3])
programmes = toggles[0].toggle(t("show_programmes"), key="p_programmes")
later = toggles[1].toggle(t("completed_later"), key="p_later")

rows = cached_query("projects_filtered", district_code=district, street_code=street, category=category,
                    status=status, year=year, doc_id=doc_id, text=needle, programmes=programmes,
                    completed_later=later)
located = rows.dropna(subset=["lon"])
st.caption(t("results", n=len(rows), m=len(located)))
if rows.empty:
    st.info(t("empty"))
    if st.button(t("reset"), key="p_reset_button"):
        st.session_state["p_reset"] = True
        st.rerun()
    st.stop()

table_col, map_col = st.columns([1.2, 1.3])
detail_box = table_col.container()  # the detail above the table, beside the map: seen without scrolling
with table_col:
    shown = rows.head(TABLE_LIMIT)
    if len(rows) > TABLE_LIMIT:
        st.caption(t("table_limit", n=TABLE_LIMIT))
    ids = list(shown["entity_id"])  # a picked row becomes an id at once: row numbers change with the filter
    table_key = f"p_table_{fingerprint(ids)}"
    shown_table = table(shown, ["name", "street_name", "category", "status"])
    picked = st.dataframe(shown_table, hide_index=True, width="stretch", height=340,
                          key=table_key, on_select="rerun", selection_mode="single-row",
                          column_config=dict(zip(shown_table.columns, [st.column_config.TextColumn(width=w)
                                                                       for w in (136, 80, 72, 60)])))
selected = url.get("sel")
if changed(table_key, pick := table_pick(picked, ids)):
    selected = pick
with map_col:
    center, zoom = search.view("p", found, *(maps.fit_view(rows) if (street or needle or doc_id) else (None, None)))
    layers = [maps.points_group(rows, "project", family_label("project"), selected)]
    legend = maps.legend_layer(family_label("project"), maps.status_legend("project", rows))
    clicked = maps.show([*layers, legend, *search.layer(found)], key="p_map", height=440,
                        district=district, center=center, zoom=zoom)
selected = clicked or (found.entity_id if found and found.new else None) or selected
with detail_box:
    if not search.detail(found, selected) and selected in set(rows["entity_id"]):
        detail.entity(selected)
    elif not search.keeps(found, selected):
        st.caption(t("click_hint"))
downloads.render(rows, "projects", [district and district_label(district), street and labels[street].rsplit(" (", 1)[0],
                                     category, status and status_label(status), year, doc_id, needle])
export.points_controls(t("projects"), rows, layers,
                       maps.status_legend("project"), district)
unlocated = rows[rows["lon"].isna() & rows["is_site"]]
if programmes and (~rows["is_site"]).any():
    st.caption(t("programme_note", n=int((~rows["is_site"]).sum())))
if len(unlocated):
    with st.expander(t("unlocated_note", n=len(unlocated))):
        st.dataframe(table(unlocated, ["name", "category", "doc_id", "line"]), hide_index=True, key="p_unlocated")
write({**shared_params(), "d": district, "s": street, "c": category, "st": status, "y": year, "doc": doc_id,
       "q": needle, "prog": "1" if programmes else None, "later": "1" if later else None,
       "find": search.find_text("p"),
       "sel": selected if selected in set(rows["entity_id"]) or search.keeps(found, selected) else None})
