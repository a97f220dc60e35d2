-- Every entity extracted from one section. Parameters: $section_id.
-- Columns: family, name, kind, line, quote, review
SELECT family, name, kind, line, quote, review
FROM v_entities
WHERE section_id = $section_id
ORDER BY line, family;
