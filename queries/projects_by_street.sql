-- Projects the documents tie to one street office (all its stated streets count).
-- Parameters: $street_code. Columns: entity_id, name, kind, status, doc_id, line, quote
SELECT p.entity_id, p.name, p.kind, p.status, p.doc_id, p.line, p.quote
FROM projects AS p
JOIN entity_streets AS s ON s.entity_id = p.entity_id
WHERE s.street_code = $street_code
ORDER BY p.doc_id, p.line;
