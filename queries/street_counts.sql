-- Every one of the 48 street offices with its number of projects (zero-count streets included): real things
-- that are sites, counted once whichever of their mentions (of any family) states the street.
-- Parameters: $district_code (NULL = all three districts).
-- Columns: street_code, name, district_code, n_projects
SELECT o.street_code, o.name, o.district_code, count(s.entity_id) AS n_projects
FROM street_offices AS o
LEFT JOIN (SELECT DISTINCT s.street_code, v.entity_id
           FROM entity_streets AS s
           JOIN entity_mentions AS m USING (entity_id)
           JOIN v_entities AS v ON v.canonical_id = m.canonical_id
           WHERE v.family = 'project' AND v.family_rep AND v.is_site) AS s ON s.street_code = o.street_code
WHERE $district_code IS NULL OR o.district_code = $district_code
GROUP BY ALL
ORDER BY o.street_code;
