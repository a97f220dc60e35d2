-- Build step: one row per (entity, street office) the text ties it to; a project in
-- 南村街道、北村街道 counts in both. Parameters: none.
-- Columns: entity_id, family, street_code, basis
CREATE OR REPLACE TABLE entity_streets AS
SELECT entity_id, family, trim(code) AS street_code, 'stated' AS basis
FROM (
    SELECT entity_id, 'project' AS family, street_codes FROM projects
    UNION ALL SELECT entity_id, 'place', street_codes FROM places
    UNION ALL SELECT entity_id, 'park', street_codes FROM parks
    UNION ALL SELECT entity_id, 'school', street_codes FROM schools
    UNION ALL SELECT entity_id, 'renewal_site', street_codes FROM renewal_sites
), unnest(string_split(coalesce(street_codes, ''), ';')) AS t(code)
WHERE trim(code) <> '';
