-- Plan → progress: every mention of the real thing an entity stands for, oldest document first, with the
-- status as that sentence states it. Parameters: $entity_id (any of its rows).
-- Columns: entity_id, family, name, doc_id, doc_title, doc_kind, doc_date, line, quote, status
SELECT m.entity_id, m.family, m.name, m.doc_id, d.title AS doc_title, d.kind AS doc_kind, m.doc_date, m.line,
       m.quote, m.status
FROM entity_mentions AS m
LEFT JOIN documents AS d USING (doc_id)
WHERE m.canonical_id = (SELECT canonical_id FROM entity_mentions WHERE entity_id = $entity_id)
ORDER BY CASE WHEN length(m.doc_date) = 4 THEN m.doc_date || '-01-01' ELSE m.doc_date END, m.doc_id, m.line;
