"""The Streamlit layer shared by the pages: cached data access, labels in two languages, the sidebar.

Backend packages (ingest, queries, geo) never import Streamlit; this package is where
Streamlit meets them.
"""
