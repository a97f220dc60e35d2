"""资料来源 Sources: the documents, counts per family, licences and caveats, entities by section."""
import streamlit as st

from ingest.catalog import catalog
from ui.data import cached_query
from ui.i18n import lang, t, table
from ui.text import esc, show
from ui.sidebar import shared_params
from ui.state import read, write

url = read({})
st.title(t("sources"))
st.caption(t("sources_intro"))
docs = cached_query("document_counts")
if lang() == 1:  # the documents' English titles; the issuer stays as written
    docs = docs.assign(title=docs["title_en"].fillna(docs["title"]))
st.subheader(t("documents"))
st.dataframe(table(docs, [c for c in docs.columns if c != "title_en"]), hide_index=True, width="stretch",
             key="sources_docs")

st.subheader(t("licences"))
meta, suffix = catalog(), ("_zh", "")[lang()]
show(f"<div>{esc(meta['description' + suffix])}<br><b>{esc(t('licence'))}</b>: {esc(meta['license' + suffix])}</div>")
with st.expander(t("tables_caveats")):
    for name, spec in meta["tables"].items():
        caveat = f" — {esc(spec.get('caveats' + suffix) or spec.get('caveats'))}" if spec.get("caveats") else ""
        show(f"<div>• <code>{esc(name)}</code>: <code>{esc(spec['source'].split(' (')[0].split(',')[0])}</code>"
             f"{caveat}</div>")
st.caption(t("schematic_note"))

st.subheader(t("lookup"))
titles = dict(zip(docs["doc_id"], docs["title"]))
doc_id = st.selectbox(t("document"), docs["doc_id"], key="sources_doc", format_func=lambda d: f"{d} · {titles[d]}")
sections = cached_query("sections_of_document", doc_id=doc_id)
if sections.empty:
    st.info(t("no_rows"))
else:
    labels = {s: f"{title} {n}" for s, title, n in zip(sections["section_id"], sections["title"], sections["n"])}
    section_id = st.selectbox(t("section"), sections["section_id"], key="sources_section", format_func=labels.get)
    found = cached_query("entities_in_section", section_id=section_id)
    st.dataframe(table(found, list(found.columns)), hide_index=True, width="stretch", key="sources_entities")
write(shared_params())
