-- Real things (canonical entities) of one family, optionally one district.
-- Parameters: $family, $district_code (NULL = all).
-- Columns: entity_id, name, kind, district_code, street_code, doc_id, line, quote, status, review, is_site,
--          n_documents
SELECT entity_id, name, kind, district_code, street_code, doc_id, line, quote, current_status AS status, review,
       is_site, n_documents
FROM v_entities
WHERE family = $family AND family_rep AND ($district_code IS NULL OR district_code = $district_code)
ORDER BY doc_id, line, entity_id;
