-- Build step: the flat view every consumer uses (search, downloads, outside checks), over a table
-- materialised at build time.
-- One row per entity of every family. Parameters: none.
-- Columns: entity_id, family, name, kind, district_code, street_code, doc_id, line, quote, status,
--          review, note, section_id, lon, lat, precision_m, located_by, street_basis, evidence_kind, evidence
-- street_code: the first street the text states, else the entity's 街道 from entity_streets (geo/streets.py);
-- street_basis: text | community | gazetteer | position | none (NULL for layouts, indicators, street offices).
CREATE OR REPLACE TABLE entities_flat AS
WITH unioned AS (
    SELECT entity_id, 'layout' AS family, name, scope AS kind, district_code, NULL AS street_codes,
           doc_id, line, quote, NULL AS status, review, note FROM layouts
    UNION ALL
    SELECT entity_id, 'layout_component', name, kind, district_code, NULL, doc_id, line, quote, NULL, review, note
    FROM layout_components
    UNION ALL
    SELECT entity_id, 'place', name, kind, district_code, street_codes, doc_id, line, quote, status, review, note
    FROM places
    UNION ALL
    SELECT entity_id, 'park', name, kind, district_code, street_codes, doc_id, line, quote, status, review, note
    FROM parks
    UNION ALL
    SELECT entity_id, 'school', name, kind, district_code, street_codes, doc_id, line, quote, status, review, note
    FROM schools
    UNION ALL
    SELECT entity_id, 'renewal_site', name, kind, district_code, street_codes, doc_id, line, quote, status, review,
           note FROM renewal_sites
    UNION ALL
    SELECT entity_id, 'project', name, kind, district_code, street_codes, doc_id, line, quote, status, review, note
    FROM projects
    UNION ALL
    SELECT entity_id, 'indicator', name, category, district_code, NULL, doc_id, line, quote, NULL, review, note
    FROM indicators
    UNION ALL
    SELECT street_code, 'street_office', name, '街道', district_code, street_code, NULL, NULL, NULL, 'existing',
           'reference', NULL FROM street_offices
)
SELECT u.entity_id, u.family, u.name, u.kind, u.district_code,
       coalesce(NULLIF(split_part(coalesce(u.street_codes, ''), ';', 1), ''), loc.street_code) AS street_code,
       u.doc_id, u.line, u.quote, u.status, u.review, u.note,
       (SELECT s.section_id FROM sections AS s
         WHERE s.doc_id = u.doc_id AND u.line BETWEEN s.line_start AND s.line_end
         ORDER BY s.line_start DESC, s.level DESC LIMIT 1) AS section_id,
       coalesce(loc.lon, seat.lon) AS lon, coalesce(loc.lat, seat.lat) AS lat,
       coalesce(loc.precision_m, seat.precision_m) AS precision_m,
       CASE WHEN u.family = 'street_office' THEN CASE WHEN seat.lon IS NULL THEN 'unlocated' ELSE 'street_seat' END
            WHEN u.family IN ('layout', 'indicator') THEN NULL
            ELSE coalesce(loc.located_by, 'unlocated') END AS located_by,
       CASE WHEN u.family = 'street_office' THEN NULL
            ELSE loc.street_basis END AS street_basis,
       coalesce(loc.evidence_kind, seat.evidence_kind) AS evidence_kind,
       coalesce(loc.evidence, seat.evidence) AS evidence
FROM unioned AS u
LEFT JOIN entity_locations AS loc ON loc.entity_id = u.entity_id
LEFT JOIN anchors AS seat ON u.family = 'street_office' AND seat.anchor_id = u.entity_id;

-- The view everything reads; the table behind it is computed once at build time (section lookups and
-- location joins are not repeated on every query).
CREATE OR REPLACE VIEW v_entities AS SELECT * FROM entities_flat;
