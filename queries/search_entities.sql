-- Place search: real things (canonical entities) any of whose mentions has a name containing the typed text,
-- across families and documents (indicators left out: they are numbers, not places); each listed once, by its
-- canonical row. The text is bound, so SQL metacharacters are plain text.
-- Best first: exact name, then names starting with the text, located before unlocated, shorter names first.
-- Parameters: $text. Columns: entity_id, family, name, kind, district_code, doc_id, line, quote, lon, lat,
--          precision_m, is_site, n_documents
WITH matches AS (
    SELECT canonical_id, min(CASE WHEN name = $text THEN 0 WHEN starts_with(name, $text) THEN 1 ELSE 2 END) AS fit
    FROM v_entities
    WHERE family <> 'indicator' AND length($text) > 0 AND contains(name, $text)
    GROUP BY canonical_id
)
SELECT v.entity_id, v.family, v.name, v.kind, v.district_code, v.doc_id, v.line, v.quote, v.lon, v.lat,
       v.precision_m, v.is_site, v.n_documents
FROM v_entities AS v
JOIN matches AS m ON m.canonical_id = v.canonical_id
WHERE v.entity_id = v.canonical_id
ORDER BY m.fit, v.lon IS NULL, length(v.name), v.name, v.family, v.doc_id, v.line
LIMIT 200;
