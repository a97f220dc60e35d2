-- Spatial layouts (not industry systems, slogans, fragments or service standards: data/review/layout_kinds.csv),
-- once each, that have at least one drawable component. Parameters: $district_code (NULL = all).
-- Columns: entity_id, name, scope, district_code, doc_id, headline, n_components, n_drawn
SELECT l.entity_id, l.name, l.scope, l.district_code, l.doc_id, l.headline, count(c.entity_id) AS n_components,
       count(g.entity_id) AS n_drawn
FROM layouts AS l
JOIN layout_components AS c ON c.layout_id = l.entity_id
LEFT JOIN layout_geometries AS g ON g.entity_id = c.entity_id
JOIN v_entities AS v ON v.entity_id = l.entity_id AND v.family_rep AND v.layout_kind = 'spatial'
WHERE $district_code IS NULL OR l.district_code = $district_code
GROUP BY ALL
HAVING count(g.entity_id) > 0
ORDER BY l.headline DESC, l.doc_id, l.entity_id;
