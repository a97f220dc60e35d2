-- Located entities of one family (all three districts). Parameters: $family.
-- Columns: entity_id, name, kind, status, district_code, street_code, lon, lat, precision_m, located_by
SELECT entity_id, name, kind, status, district_code, street_code, lon, lat, precision_m, located_by
FROM v_entities
WHERE family = $family AND lon IS NOT NULL
ORDER BY entity_id;
