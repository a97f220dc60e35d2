"""The detail panel: what an entity is, the sentence it came from, and how sure its location is."""
from __future__ import annotations

import streamlit as st

from .data import cached_query
from .i18n import district_label, kind_label, lang, located_by_label, one_label, status_label, street_basis_label, t
from .text import esc, md, show


def entity(entity_id: str) -> None:
    rows = cached_query("entity_detail", entity_id=entity_id)
    if rows.empty:
        return
    row = rows.iloc[0]
    with st.container(border=True):
        show(f'<h4 class="planmap-name">{esc(row["name"])}</h4>')
        facts = [one_label(row["family"]), kind_label(row["kind"]) or None,
                 status_label(row["status"]) if row["family"] not in ("layout", "layout_component", "indicator") else None,
                 district_label(row["district_code"]) if row["district_code"] else None]
        show(f'<div class="planmap-caption">{" · ".join(esc(f) for f in facts if f)}</div>')
        if row["note"] and lang() == 1:  # reviewers' working notes are in English: not interface text in Chinese
            show(f'<div class="planmap-caption">{esc(t("reviewer_note"))}: {esc(row["note"])}</div>')
        section = f"{t('section_sep')}{esc(row['section_title'])}" if row["section_title"] else ""
        show(f'<div><b>{esc(t("evidence"))}</b><blockquote class="planmap-quote">{esc(row["quote"])}</blockquote>'
             f'<div class="planmap-caption">{esc(t("citation_line", title=row["doc_title"], doc=row["doc_id"], line=row["line"]))}'
             f'{section}</div></div>')
        if row["lon"] == row["lon"] and row["lon"] is not None:
            basis = f'<div class="planmap-caption">{esc(row["location_basis"])}</div>' \
                if row["location_basis"] and lang() == 1 else ""  # the gazetteer's notes are English working notes
            show(f'<div><b>{esc(t("precision"))}</b>: ±{int(row["precision_m"])} m · {esc(t("located_by"))}: '
                 f'{esc(located_by_label(row["located_by"]))}{basis}'
                 f'<div class="planmap-caption">{esc(t("location_evidence"))}: {esc(row["evidence_kind"])} · '
                 f'{esc(row["evidence"])}</div></div>')
        elif row["family"] not in ("layout", "indicator"):
            st.warning(t("unlocated") + (f": {md(row['location_basis'])}" if row["location_basis"] and lang() == 1 else ""))
        if row["street_name"]:
            show(f'<div><b>{esc(t("street"))}</b>: {esc(row["street_name"])}<br>'
                 f'{esc(t("street_basis"))}: {esc(street_basis_label(row["street_basis"]))}</div>')


def members_and_projects(name: str, places, district: str | None) -> None:
    members = [p for p in (places or "").split(";") if p] if isinstance(places, str) else []
    if members:
        show(f'<div><b>{esc(t("members"))}</b>: {"、".join(esc(m) for m in members)}</div>')
    related = cached_query("related_projects", component_name=name, places=places if isinstance(places, str)
                           else None, district_code=district)
    if not related.empty:
        st.markdown(f"**{t('related_projects')}** ({len(related)})")
        st.dataframe(related[["name", "category", "status", "doc_id", "line"]], hide_index=True,
                     width="stretch", key=f"related_{name}")
