-- Projects (real things that are sites, once each) the documents tie to one street office (all stated
-- streets of any mention count). Parameters: $street_code.
-- Columns: entity_id, name, kind, status, doc_id, line, quote
SELECT p.entity_id, p.name, p.kind, p.current_status AS status, p.doc_id, p.line, p.quote
FROM v_entities AS p
WHERE p.family = 'project' AND p.family_rep AND p.is_site
  AND p.canonical_id IN (SELECT m.canonical_id FROM entity_streets AS s JOIN entity_mentions AS m USING (entity_id)
                      WHERE s.street_code = $street_code)
ORDER BY p.doc_id, p.line;
