-- Projects matching the Projects page filters; every filter is optional (NULL = any).
-- Parameters: $district_code, $street_code, $category, $status, $year, $doc_id, $text.
-- A street filter uses entity_streets: the streets the text states, else those of a reviewed official 社区/村,
-- the gazetteer or a clear position (geo/streets.py); projects whose 街道 cannot be told are under none.
-- Columns: entity_id, name, category, status, year, district_code, street_code, street_name, street_basis,
--          doc_id, line, quote, lon, lat, precision_m, located_by, investment_text, scale, build_method, place
SELECT v.entity_id, v.name, v.kind AS category, v.status, p.year, v.district_code, v.street_code,
       o.name AS street_name, v.street_basis, v.doc_id, v.line, v.quote, v.lon, v.lat, v.precision_m,
       v.located_by, p.investment_text, p.scale, p.build_method, p.place
FROM v_entities AS v
JOIN projects AS p USING (entity_id)
LEFT JOIN street_offices AS o ON o.street_code = v.street_code
WHERE v.family = 'project'
  AND ($district_code IS NULL OR v.district_code = $district_code)
  AND ($street_code IS NULL OR v.entity_id IN (SELECT entity_id FROM entity_streets WHERE street_code = $street_code))
  AND ($category IS NULL OR v.kind = $category)
  AND ($status IS NULL OR v.status = $status)
  AND ($year IS NULL OR p.year = $year)
  AND ($doc_id IS NULL OR v.doc_id = $doc_id)
  AND ($text IS NULL OR contains(v.name, $text) OR contains(coalesce(v.quote, ''), $text)
       OR contains(coalesce(p.place, ''), $text))
ORDER BY v.doc_id, v.line, v.entity_id;
