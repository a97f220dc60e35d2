-- Build step: every row of the entity tables is one mention of a real thing (its canonical entity, from the
-- reviewed merges in data/review/aliases.csv; a row without a merge stands for itself).
-- Parameters: none. Columns: canonical_id, entity_id, family, name, doc_id, doc_date, line, quote, status
CREATE OR REPLACE TABLE entity_mentions AS
WITH rows_ AS (
    SELECT entity_id, 'layout' AS family, name, doc_id, line, quote, NULL AS status FROM layouts
    UNION ALL SELECT entity_id, 'layout_component', name, doc_id, line, quote, NULL FROM layout_components
    UNION ALL SELECT entity_id, 'place', name, doc_id, line, quote, status FROM places
    UNION ALL SELECT entity_id, 'park', name, doc_id, line, quote, status FROM parks
    UNION ALL SELECT entity_id, 'school', name, doc_id, line, quote, status FROM schools
    UNION ALL SELECT entity_id, 'renewal_site', name, doc_id, line, quote, status FROM renewal_sites
    UNION ALL SELECT entity_id, 'project', name, doc_id, line, quote, status FROM projects
    UNION ALL SELECT entity_id, 'indicator', name, doc_id, line, quote, NULL FROM indicators
)
SELECT coalesce(a.canonical_id, r.entity_id) AS canonical_id, r.entity_id, r.family, r.name, r.doc_id,
       d.date AS doc_date, r.line, r.quote, r.status
FROM rows_ AS r
LEFT JOIN aliases AS a ON a.entity_id = r.entity_id
LEFT JOIN documents AS d ON d.doc_id = r.doc_id
ORDER BY canonical_id, d.date, r.doc_id, r.line;
