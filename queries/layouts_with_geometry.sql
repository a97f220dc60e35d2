-- Layouts that have at least one drawable component. Parameters: none.
-- Columns: entity_id, name, scope, district_code, doc_id, n_components, n_drawn
SELECT l.entity_id, l.name, l.scope, l.district_code, l.doc_id, count(c.entity_id) AS n_components,
       count(g.entity_id) AS n_drawn
FROM layouts AS l
JOIN layout_components AS c ON c.layout_id = l.entity_id
LEFT JOIN layout_geometries AS g ON g.entity_id = c.entity_id
GROUP BY ALL
HAVING count(g.entity_id) > 0
ORDER BY l.doc_id, l.entity_id;
