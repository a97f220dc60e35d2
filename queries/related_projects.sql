-- Projects (real things, once each) whose name or place mentions a layout component or one of its member places.
-- Parameters: $component_name, $places (';'-separated), $district_code.
-- Columns: entity_id, name, category, status, doc_id, line
SELECT p.entity_id, p.name, p.kind AS category, v.current_status AS status, p.doc_id, p.line
FROM projects AS p
JOIN v_entities AS v ON v.entity_id = p.entity_id AND v.family_rep
WHERE ($district_code IS NULL OR p.district_code = $district_code)
  AND (contains(p.name || coalesce(p.place, ''), $component_name)
       OR EXISTS (SELECT 1 FROM unnest(string_split(coalesce($places, ''), ';')) AS t(place)
                  WHERE length(trim(place)) >= 2 AND contains(p.name || coalesce(p.place, ''), trim(place))))
ORDER BY p.doc_id, p.line
LIMIT 50;
