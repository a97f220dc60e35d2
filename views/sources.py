"""资料来源 Sources: the documents, counts per family, licences and caveats, entities by section."""
import streamlit as st

from ingest.catalog import catalog
from ui.data import cached_query
from ui.i18n import t, table
from ui.sidebar import shared_params
from ui.state import read, write

url = read({})
st.title(t("sources"))
st.caption(t("sources_intro"))
docs = cached_query("document_counts")
st.subheader(t("documents"))
st.dataframe(table(docs, list(docs.columns)), hide_index=True, width="stretch", key="sources_docs")

st.subheader(t("licences"))
meta = catalog()
st.markdown(f"{meta['description']}\n\n**License**: {meta['license']}")
with st.expander("Tables, sources and caveats"):
    for name, spec in meta["tables"].items():
        caveat = f" — *{spec['caveats']}*" if spec.get("caveats") else ""
        st.markdown(f"- `{name}`: {spec['source']}{caveat}")
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
