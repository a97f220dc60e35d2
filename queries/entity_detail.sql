-- Everything the detail panel shows about one entity. Parameters: $entity_id.
-- Columns: entity_id, family, name, kind, status, district_code, street_code, street_name, street_basis,
--          doc_id, doc_title, line, quote, section_title, note, review, lon, lat, precision_m, located_by,
--          location_basis, evidence_kind, evidence
SELECT v.entity_id, v.family, v.name, v.kind, v.status, v.district_code, v.street_code, o.name AS street_name,
       v.street_basis, v.doc_id, d.title AS doc_title, v.line, v.quote, s.title AS section_title, v.note,
       v.review, v.lon, v.lat, v.precision_m, v.located_by, l.basis AS location_basis,
       v.evidence_kind, v.evidence
FROM v_entities AS v
LEFT JOIN documents AS d ON d.doc_id = v.doc_id
LEFT JOIN sections AS s ON s.section_id = v.section_id
LEFT JOIN street_offices AS o ON o.street_code = v.street_code
LEFT JOIN entity_locations AS l ON l.entity_id = v.entity_id
WHERE v.entity_id = $entity_id;
