"""Document parsing and extraction for Jinan PlanMap.

Reads planning documents (text or PDF), finds their structure and extracts the
entities the map shows, every row with its provenance (document, line, quote).
Builds the DuckDB database from the reviewed data in ``data/``. Knows nothing of
Streamlit or maps.
"""
