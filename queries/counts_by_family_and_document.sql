-- How many entities each document contributed, per family. Parameters: none.
-- Columns: doc_id, family, n
SELECT doc_id, family, count(*) AS n
FROM v_entities
WHERE doc_id IS NOT NULL
GROUP BY doc_id, family
ORDER BY doc_id, family;
