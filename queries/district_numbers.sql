-- Key numbers per district for the Overview: real things (canonical entities) that are sites; spatial layouts.
-- Parameters: none.
-- Columns: district_code, projects, parks, schools, renewal_sites, layouts
SELECT district_code,
       count(*) FILTER (WHERE family = 'project') AS projects,
       count(*) FILTER (WHERE family = 'park') AS parks,
       count(*) FILTER (WHERE family = 'school') AS schools,
       count(*) FILTER (WHERE family = 'renewal_site') AS renewal_sites,
       count(*) FILTER (WHERE family = 'layout' AND kind IN ('district', 'sub') AND layout_kind = 'spatial') AS layouts
FROM v_entities
WHERE district_code IN ('370103', '370104', '370105') AND family_rep
  AND (is_site OR family = 'layout')
GROUP BY district_code
ORDER BY district_code;
