-- Free-text search over entity names and quotes; the text is bound, so SQL metacharacters are plain text.
-- Parameters: $text. Columns: entity_id, family, name, kind, district_code, doc_id, line, quote
SELECT entity_id, family, name, kind, district_code, doc_id, line, quote
FROM v_entities
WHERE contains(name, $text) OR contains(coalesce(quote, ''), $text)
ORDER BY family, doc_id, line
LIMIT 500;
