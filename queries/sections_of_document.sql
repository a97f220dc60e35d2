-- Headings of one document that have at least one entity under them. Parameters: $doc_id.
-- Columns: section_id, label, title, line_start, n
SELECT s.section_id, s.label, s.title, s.line_start, count(e.entity_id) AS n
FROM sections AS s
JOIN v_entities AS e ON e.section_id = s.section_id
WHERE s.doc_id = $doc_id
GROUP BY ALL
ORDER BY s.line_start;
