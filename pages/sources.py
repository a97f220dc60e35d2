"""资料来源 Sources: the documents, counts per family, and a lookup of entities by section."""
import streamlit as st

from ui.data import cached_query
from ui.i18n import t

st.title(t("sources"))
st.caption(t("sources_intro"))

docs = cached_query("document_counts")
st.subheader(t("documents"))
st.dataframe(docs, hide_index=True, width="stretch", key="sources_docs")

st.subheader(t("lookup"))
doc_id = st.selectbox(t("document"), docs["doc_id"], key="sources_doc",
                      format_func=lambda d: f"{d} · {docs.set_index('doc_id').at[d, 'title']}")
sections = cached_query("sections_of_document", doc_id=doc_id)
if sections.empty:
    st.info(t("no_rows"))
else:
    section_id = st.selectbox(t("section"), sections["section_id"], key="sources_section",
                              format_func=lambda s: " ".join(
                                  str(v) for v in sections.set_index("section_id").loc[s, ["title", "n"]]))
    st.dataframe(cached_query("entities_in_section", section_id=section_id), hide_index=True,
                 width="stretch", key="sources_entities")
