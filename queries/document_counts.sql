-- The documents with how many real things (canonical entities) of each family each mentions. Parameters: none.
-- Columns: doc_id, title, title_en, issuer, doc_number, date, kind, layouts, places, parks, schools, renewal_sites,
--          projects, indicators
SELECT d.doc_id, d.title, d.title_en, d.issuer, d.doc_number, d.date, d.kind,
       count(DISTINCT e.canonical_id) FILTER (WHERE e.family = 'layout') AS layouts,
       count(DISTINCT e.canonical_id) FILTER (WHERE e.family = 'place') AS places,
       count(DISTINCT e.canonical_id) FILTER (WHERE e.family = 'park') AS parks,
       count(DISTINCT e.canonical_id) FILTER (WHERE e.family = 'school') AS schools,
       count(DISTINCT e.canonical_id) FILTER (WHERE e.family = 'renewal_site') AS renewal_sites,
       count(DISTINCT e.canonical_id) FILTER (WHERE e.family = 'project') AS projects,
       count(DISTINCT e.canonical_id) FILTER (WHERE e.family = 'indicator') AS indicators
FROM documents AS d
LEFT JOIN v_entities AS e ON e.doc_id = d.doc_id
GROUP BY ALL
ORDER BY d.doc_id;
