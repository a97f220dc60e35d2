-- Entities of one family, optionally one district. Parameters: $family, $district_code (NULL = all).
-- Columns: entity_id, name, kind, district_code, street_code, doc_id, line, quote, status, review
SELECT entity_id, name, kind, district_code, street_code, doc_id, line, quote, status, review
FROM v_entities
WHERE family = $family AND ($district_code IS NULL OR district_code = $district_code)
ORDER BY doc_id, line, entity_id;
