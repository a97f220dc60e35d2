-- How many real things (canonical entities) each document mentions, per family. Parameters: none.
-- Columns: doc_id, family, n
SELECT doc_id, family, count(DISTINCT canonical_id) AS n
FROM v_entities
WHERE doc_id IS NOT NULL
GROUP BY doc_id, family
ORDER BY doc_id, family;
