"""The detail panel: what an entity is, the sentence it came from, and how sure its location is."""
from __future__ import annotations

import streamlit as st

from .data import cached_query
from .i18n import (district_label, evidence_kind_label, kind_label, lang, located_by_label, one_label, site_class_label,
                   status_label, street_basis_label, t)
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
                 district_label(row["district_code"]) if row["district_code"] else None,
                 site_class_label(row["site_class"]) if row["site_class"] else None,
                 t("mentioned_in", n=int(row["n_documents"])) if row["n_documents"] > 1 else None]
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
                 f'<div class="planmap-caption">{esc(t("location_evidence"))}: {esc(evidence_kind_label(row["evidence_kind"]))}'
                 f'{" · " + esc(row["evidence"]) if row["evidence"] and lang() == 1 else ""}</div></div>')
        elif row["family"] not in ("layout", "indicator") and row["is_site"]:
            st.warning(t("unlocated") + (f": {md(row['location_basis'])}" if row["location_basis"] and lang() == 1 else ""))
        if row["street_names"] or row["street_name"]:  # every 街道 any mention states
            show(f'<div><b>{esc(t("street"))}</b>: {esc(row["street_names"] or row["street_name"])}<br>'
                 f'{esc(t("street_basis"))}: {esc(street_basis_label(row["street_basis"]))}</div>')
        if row["n_mentions"] > 1:
            timeline(row["entity_id"])


def timeline(entity_id: str) -> None:
    """Plan → progress: the thing's mentions across documents, oldest first, each with its status and quote."""
    rows = cached_query("entity_timeline", entity_id=entity_id)
    items = "".join(
        f'<li>{esc(t("timeline_item", date=r.doc_date, kind=kind_label(r.doc_kind), doc=r.doc_id, line=r.line))}'
        f'{" · " + esc(status_label(r.status)) if r.status else ""}: {esc(r.quote)}</li>' for r in rows.itertuples())
    show(f'<div><b>{esc(t("timeline"))}</b><ul class="planmap-timeline">{items}</ul></div>')


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
