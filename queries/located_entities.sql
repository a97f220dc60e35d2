-- Located real things (canonical sites) of one family (all three districts). Parameters: $family.
-- Columns: entity_id, name, kind, status, district_code, street_code, lon, lat, precision_m, located_by
SELECT entity_id, name, kind, current_status AS status, district_code, street_code, lon, lat, precision_m, located_by
FROM v_entities
WHERE family = $family AND lon IS NOT NULL AND family_rep AND is_site
ORDER BY entity_id;
