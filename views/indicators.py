"""指标 Indicators: each district's indicator table (unit, 2020 → 2025, 预期性 / 约束性 explained, evidence),
change chart, comparison of like with like across districts, the 2024 targets beside the 2023 results, and the
figures stated in the text."""
import streamlit as st

from ui import charts
from ui.data import cached_query
from ui.i18n import district_label, t
from ui.sidebar import shared_params
from ui.state import one_of, read, seed_widget, write

url = read({"d": one_of(["370105", "370103", "370104"])})
seed_widget("i_district", url, "d", "370103")
st.title(t("indicators"))
st.caption(t("indicators_intro"))
district = st.segmented_control(t("district"), ["370105", "370103", "370104"], key="i_district",
                                format_func=district_label) or "370103"
rows = cached_query("indicators_of_district", district_code=district)
widths = charts.column_widths()
st.table(charts.district_table(rows), border="horizontal", hide_index=True)
st.markdown(charts.nature_note())
st.caption(charts.documents_note(rows))
st.subheader(t("growth_chart"))
st.altair_chart(charts.growth(rows), key="i_growth", width="stretch")
st.subheader(t("compare"))
st.caption(t("compare_note"))
compared = cached_query("indicator_comparison")
wide = charts.comparison(compared)
st.dataframe(wide, hide_index=True, width="stretch", column_config=widths, key="i_compare", height=35 * len(wide) + 40)
with st.expander(t("evidence")):
    st.table(charts.comparison_evidence(compared), border="horizontal", hide_index=True)
    st.caption(charts.documents_note(compared))
st.subheader(t("targets_2024"))
st.caption(t("targets_2024_note"))
targets = cached_query("indicator_targets", district_code="370105", target_year=2024)
st.table(charts.targets(targets), border="horizontal", hide_index=True)
st.caption(charts.documents_note(targets))
with st.expander(t("prose_figures")):
    stated = cached_query("indicators_in_prose", district_code=district)
    st.dataframe(charts.prose(stated), hide_index=True, width="stretch", column_config=widths, key="i_prose")
    st.caption(charts.documents_note(stated))
write({**shared_params(), "d": district})
