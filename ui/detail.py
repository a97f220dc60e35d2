"""The detail panel: what an entity is, the sentence it came from, and how sure its location is."""
from __future__ import annotations

import re

import streamlit as st

from .data import cached_query
from .i18n import district_label, family_label, located_by_label, status_label, t

_MD = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md(text) -> str:
    """Escape text for st.markdown (names from documents are data, not markup)."""
    return _MD.sub(r"\\\1", "" if text is None or text != text else str(text))


def entity(entity_id: str) -> None:
    rows = cached_query("entity_detail", entity_id=entity_id)
    if rows.empty:
        return
    row = rows.iloc[0]
    with st.container(border=True):
        st.markdown(f"#### {md(row['name'])}")
        facts = [family_label(row["family"]), md(row["kind"]) if row["kind"] else None,
                 status_label(row["status"]) if row["family"] not in ("layout", "layout_component", "indicator") else None,
                 district_label(row["district_code"]) if row["district_code"] else None]
        st.caption(" · ".join(f for f in facts if f))
        if row["note"]:
            st.write(row["note"])
        st.markdown(f"**{t('evidence')}**\n> {md(row['quote'])}")
        section = f"，{md(row['section_title'])}" if row["section_title"] else ""
        st.caption(f"{t('citation')}: {md(row['doc_title'])}（{row['doc_id']}），{t('line')} {row['line']}{section}")
        if row["lon"] == row["lon"] and row["lon"] is not None:
            st.markdown(f"**{t('precision')}**: ±{int(row['precision_m'])} m · {t('located_by')}: "
                        f"{located_by_label(row['located_by'])}")
            if row["location_basis"]:
                st.caption(md(row["location_basis"]))
        elif row["family"] not in ("layout", "indicator"):
            st.warning(f"{t('unlocated')}: {md(row['location_basis'] or '')}")
        if row["street_name"]:
            basis = md(row["street_basis"] or "")
            st.markdown(f"**{t('street')}**: {md(row['street_name'])}  \n{t('street_basis')}: {basis}")


def members_and_projects(name: str, places, district: str | None) -> None:
    members = [p for p in (places or "").split(";") if p] if isinstance(places, str) else []
    if members:
        st.markdown(f"**{t('members')}**: " + "、".join(md(m) for m in members))
    related = cached_query("related_projects", component_name=name, places=places if isinstance(places, str)
                           else None, district_code=district)
    if not related.empty:
        st.markdown(f"**{t('related_projects')}** ({len(related)})")
        st.dataframe(related[["name", "category", "status", "doc_id", "line"]], hide_index=True,
                     width="stretch", key=f"related_{name}")
