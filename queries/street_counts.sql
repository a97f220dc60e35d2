-- Every one of the 48 street offices with its number of projects (zero-count streets included).
-- Parameters: $district_code (NULL = all three districts).
-- Columns: street_code, name, district_code, n_projects
SELECT o.street_code, o.name, o.district_code, count(s.entity_id) AS n_projects
FROM street_offices AS o
LEFT JOIN entity_streets AS s ON s.street_code = o.street_code AND s.family = 'project'
WHERE $district_code IS NULL OR o.district_code = $district_code
GROUP BY ALL
ORDER BY o.street_code;
