-- Build step: one row per (entity, street office). Streets the text states come first (a project in
-- 南村街道、北村街道 counts in both); a located entity with no stated street gets the one inferred from
-- its point (basis 'inferred'; not for non-sites, see site_classes). Parameters: none. Columns: entity_id, family, street_code, basis
CREATE OR REPLACE TABLE entity_streets AS
WITH stated AS (
    SELECT entity_id, family, trim(code) AS street_code, 'stated' AS basis
    FROM (
        SELECT entity_id, 'project' AS family, street_codes FROM projects
        UNION ALL SELECT entity_id, 'place', street_codes FROM places
        UNION ALL SELECT entity_id, 'park', street_codes FROM parks
        UNION ALL SELECT entity_id, 'school', street_codes FROM schools
        UNION ALL SELECT entity_id, 'renewal_site', street_codes FROM renewal_sites
    ), unnest(string_split(coalesce(street_codes, ''), ';')) AS t(code)
    WHERE trim(code) <> ''
),
families AS (
    SELECT entity_id, 'project' AS family FROM projects
    UNION ALL SELECT entity_id, 'place' FROM places
    UNION ALL SELECT entity_id, 'park' FROM parks
    UNION ALL SELECT entity_id, 'school' FROM schools
    UNION ALL SELECT entity_id, 'renewal_site' FROM renewal_sites
    UNION ALL SELECT entity_id, 'layout_component' FROM layout_components
)
SELECT * FROM stated
UNION ALL
SELECT l.entity_id, f.family, l.street_code, 'inferred'
FROM entity_locations AS l
JOIN families AS f USING (entity_id)
WHERE l.street_basis LIKE 'inferred%' AND l.entity_id NOT IN (SELECT entity_id FROM stated)
  AND l.entity_id NOT IN (SELECT entity_id FROM site_classes);  -- a programme has no point to infer from
