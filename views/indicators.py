"""指标 Indicators: each district's indicator table, base → target, 预期性 / 约束性, comparison, 2024 targets."""
import streamlit as st

from ui import charts
from ui.data import cached_query
from ui.i18n import district_label, t, table
from ui.sidebar import shared_params
from ui.state import one_of, read, seed_widget, write

url = read({"d": one_of(["370105", "370103", "370104"])})
seed_widget("i_district", url, "d", "370103")
st.title(t("indicators"))
st.caption(t("indicators_intro"))
district = st.segmented_control(t("district"), ["370105", "370103", "370104"], key="i_district",
                                format_func=district_label) or "370103"
rows = cached_query("indicators_of_district", district_code=district)
st.dataframe(charts.mark_binding(rows[["category", "name", "base_value", "target_value", "growth", "nature",
                                       "cell_issue", "table_ref", "line"]]), hide_index=True, width="stretch",
             key="i_table", height=420)
st.subheader(t("growth_chart"))
st.altair_chart(charts.growth(rows), key="i_growth")
st.subheader(t("compare"))
st.dataframe(charts.comparison(cached_query("indicator_comparison")), hide_index=True, width="stretch",
             key="i_compare")
st.subheader(t("targets_2024"))
st.dataframe(table(cached_query("indicator_targets", district_code="370105", target_year=2024),
                   ["name", "base_value", "target_value", "growth", "nature", "line", "quote"]),
             hide_index=True, width="stretch", key="i_2024")
write({**shared_params(), "d": district})
