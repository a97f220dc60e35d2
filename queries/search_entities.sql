-- Free-text search over entity names and quotes of every mention; each real thing (canonical entity) is listed
-- once. The text is bound, so SQL metacharacters are plain text.
-- Parameters: $text. Columns: entity_id, family, name, kind, district_code, doc_id, line, quote, is_site, n_documents
SELECT entity_id, family, name, kind, district_code, doc_id, line, quote, is_site, n_documents
FROM v_entities
WHERE entity_id = canonical_id
  AND canonical_id IN (SELECT canonical_id FROM v_entities WHERE contains(name, $text) OR contains(coalesce(quote, ''), $text))
ORDER BY family, doc_id, line
LIMIT 500;
