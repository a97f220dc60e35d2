-- How many projects of each district can be found under any 街道, and how many by each basis
-- (text, community, gazetteer, position; none = under no 街道). Parameters: none.
-- Columns: district_code, projects, under_a_street, text, community, gazetteer, position, none
SELECT p.district_code, count(*) AS projects,
       count(*) FILTER (WHERE v.street_basis <> 'none') AS under_a_street,
       count(*) FILTER (WHERE v.street_basis = 'text') AS text,
       count(*) FILTER (WHERE v.street_basis = 'community') AS community,
       count(*) FILTER (WHERE v.street_basis = 'gazetteer') AS gazetteer,
       count(*) FILTER (WHERE v.street_basis = 'position') AS position,
       count(*) FILTER (WHERE v.street_basis = 'none') AS none
FROM projects AS p
JOIN v_entities AS v USING (entity_id)
WHERE p.district_code IS NOT NULL
GROUP BY ALL
ORDER BY p.district_code;
