-- Everything the detail panel shows about one real thing; a merged mention's id opens the row that stands
-- for the thing in its family (family_rep).
-- Parameters: $entity_id.
-- Columns: entity_id, family, name, kind, status, district_code, street_code, street_name, street_basis,
--          doc_id, doc_title, line, quote, section_title, note, review, lon, lat, precision_m, located_by,
--          location_basis, is_site, site_class, street_names, n_documents, n_mentions, evidence_kind,
--          evidence
SELECT v.entity_id, v.family, v.name, v.kind, v.current_status AS status, v.district_code, v.street_code,
       o.name AS street_name, v.street_basis, v.doc_id, d.title AS doc_title, v.line, v.quote,
       s.title AS section_title, v.note, v.review, v.lon, v.lat, v.precision_m, v.located_by,
       l.basis AS location_basis, v.is_site, v.site_class,
       (SELECT string_agg(so.name, '、' ORDER BY so.street_code)
          FROM (SELECT DISTINCT es.street_code FROM entity_streets AS es JOIN entity_mentions AS m USING (entity_id)
                WHERE m.canonical_id = v.canonical_id) AS x
          JOIN street_offices AS so USING (street_code)) AS street_names,
       v.n_documents, v.n_mentions, v.evidence_kind, v.evidence
FROM v_entities AS v
LEFT JOIN documents AS d ON d.doc_id = v.doc_id
LEFT JOIN sections AS s ON s.section_id = v.section_id
LEFT JOIN street_offices AS o ON o.street_code = v.street_code
LEFT JOIN entity_locations AS l ON l.entity_id = coalesce(v.position_from, v.entity_id)
WHERE v.entity_id = (SELECT coalesce(max(r.entity_id), $entity_id)
                     FROM v_entities AS e
                     JOIN v_entities AS r ON r.canonical_id = e.canonical_id AND r.family = e.family AND r.family_rep
                     WHERE e.entity_id = $entity_id);
