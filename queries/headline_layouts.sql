-- Each district's headline layouts (chosen by the reviewers), newest document first. Parameters: none.
-- Columns: entity_id, name, district_code, doc_id
SELECT entity_id, name, district_code, doc_id FROM layouts WHERE headline ORDER BY district_code, doc_id DESC;
