-- Parks, schools or renewal sites (real things that are sites, once each) matching the Facilities page
-- filters (NULL = any); status is the current status (latest document).
-- Parameters: $family ('park' | 'school' | 'renewal_site'), $district_code, $street_code, $kind.
-- Columns: entity_id, name, kind, status, district_code, street_code, street_name, street_basis, doc_id,
--          line, quote, lon, lat, precision_m, located_by, n_documents
SELECT v.entity_id, v.name, v.kind, v.current_status AS status, v.district_code, v.street_code, o.name AS street_name,
       v.street_basis, v.doc_id, v.line, v.quote, v.lon, v.lat, v.precision_m, v.located_by, v.n_documents
FROM v_entities AS v
LEFT JOIN street_offices AS o ON o.street_code = v.street_code
WHERE v.family = $family AND v.family_rep AND v.is_site
  AND ($district_code IS NULL OR v.district_code = $district_code)
  AND ($street_code IS NULL OR v.canonical_id IN (SELECT m.canonical_id FROM entity_streets AS s JOIN entity_mentions AS m USING (entity_id)
                                                  WHERE s.street_code = $street_code))
  AND ($kind IS NULL OR v.kind = $kind)
ORDER BY v.doc_id, v.line, v.entity_id;
