-- Projects matching the Projects page filters, each real thing once (its family_rep row); every filter is
-- optional (NULL = any).
-- Parameters: $district_code, $street_code, $category, $status, $year, $doc_id, $text, $programmes,
--             $completed_later.
-- $status filters the current status (the latest document's). $doc_id, $text and $street_code match any
-- mention of the thing. A street filter uses entity_streets: the streets the text states, else those of a reviewed
-- official 社区/村, the gazetteer or a clear position (geo/streets.py); projects whose 街道 cannot be told are
-- under none. $programmes: also list non-sites (programmes, policies,
-- trainings, companies …: data/review/site_classes.csv), which have no point. $completed_later: only things a
-- later document than their first mention states as completed.
-- Columns: entity_id, name, category, status, year, district_code, street_code, street_name, street_basis,
--          doc_id, line, quote, lon, lat, precision_m, located_by, investment_text, scale, build_method, place,
--          is_site, site_class, n_documents
WITH mentions AS (
    SELECT m.canonical_id, m.entity_id, m.doc_id, m.status, m.name, m.quote, p.place,
           CASE WHEN length(m.doc_date) = 4 THEN m.doc_date || '-01-01' ELSE m.doc_date END AS doc_order
    FROM entity_mentions AS m
    LEFT JOIN projects AS p USING (entity_id)
)
SELECT v.entity_id, v.name, v.kind AS category, v.current_status AS status, p.year, v.district_code, v.street_code,
       o.name AS street_name, v.street_basis, v.doc_id, v.line, v.quote, v.lon, v.lat, v.precision_m,
       v.located_by, p.investment_text, p.scale, p.build_method, p.place, v.is_site, v.site_class, v.n_documents
FROM v_entities AS v
JOIN projects AS p USING (entity_id)
LEFT JOIN street_offices AS o ON o.street_code = v.street_code
WHERE v.family = 'project' AND v.family_rep
  AND (v.is_site OR coalesce($programmes, false))
  AND ($district_code IS NULL OR v.district_code = $district_code)
  AND ($street_code IS NULL OR v.canonical_id IN (SELECT m.canonical_id FROM entity_streets AS s
                                               JOIN entity_mentions AS m USING (entity_id)
                                               WHERE s.street_code = $street_code))
  AND ($category IS NULL OR v.kind = $category)
  AND ($status IS NULL OR v.current_status = $status)
  AND ($year IS NULL OR p.year = $year)
  AND ($doc_id IS NULL OR v.canonical_id IN (SELECT canonical_id FROM mentions WHERE doc_id = $doc_id))
  AND ($text IS NULL OR v.canonical_id IN (SELECT canonical_id FROM mentions
                                        WHERE contains(name, $text) OR contains(coalesce(quote, ''), $text)
                                           OR contains(coalesce(place, ''), $text)))
  AND (NOT coalesce($completed_later, false) OR v.canonical_id IN (
        SELECT later.canonical_id FROM mentions AS later JOIN mentions AS earlier USING (canonical_id)
        WHERE later.status = 'completed' AND later.doc_order > earlier.doc_order))
ORDER BY v.doc_id, v.line, v.entity_id;
