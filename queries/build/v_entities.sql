-- Build step: the flat view every consumer uses (search, downloads, outside checks), over a table
-- materialised at build time.
-- One row per entity of every family. Parameters: none.
-- Columns: entity_id, family, name, kind, district_code, street_code, doc_id, line, quote, status,
--          review, note, section_id, lon, lat, precision_m, located_by, street_basis, canonical_id, is_site,
--          site_class, layout_kind, street_codes, doc_date, current_status, n_documents, n_mentions,
--          family_rep, evidence_kind, evidence, position_from
-- One position per real thing: every mention takes the position of the thing's located mention with the
-- smallest precision_m (position_from names it; located_by 'same_thing' when it is another mention's).
-- Every row is a mention; the real thing is the row with entity_id = canonical_id (data/review/aliases.csv).
-- street_code: the first street the text states, else the entity's 街道 from entity_streets (geo/streets.py:
-- a reviewed official 社区/村, the gazetteer or a clear position; for non-sites only the first two);
-- street_codes: all of them (';'-separated); street_basis: text | community | gazetteer | position | none
-- (NULL for layouts, indicators, street offices and non-sites without one). is_site: false for layouts, indicators and the rows
-- data/review/site_classes.csv lists (programmes, companies, cities outside Jinan ...); those have no point.
-- status: as this mention states it. current_status: the status of the real thing's mention of the same family
-- in the latest document (documents.yaml date; a year alone counts as its first day; then the later line).
-- family_rep: the row that stands for the real thing on a family's pages (the canonical row, or, when the
-- canonical row is of another family, e.g. a project merged into its place, the first mention in this family).
-- n_documents, n_mentions: over all mentions of the real thing.
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
, dated AS (
    SELECT *, CASE WHEN length(doc_date) = 4 THEN doc_date || '-01-01' ELSE doc_date END AS doc_order
    FROM entity_mentions
), current AS (  -- per real thing and family: the status of its latest mention that states one
    SELECT canonical_id, family,
           arg_max(status, (doc_order, doc_id, line)) FILTER (WHERE status IS NOT NULL) AS current_status,
           -- the row that stands for the thing in this family: the canonical row, else its first mention here
           arg_min(entity_id, (entity_id <> canonical_id, doc_order, doc_id, line)) AS family_rep_id
    FROM dated GROUP BY canonical_id, family
), counted AS (
    SELECT canonical_id, count(DISTINCT doc_id) AS n_documents, count(*) AS n_mentions
    FROM dated GROUP BY canonical_id
), best AS (  -- one position per real thing: its located mention (a site) with the smallest uncertainty
    SELECT m.canonical_id,
           arg_min(l.entity_id, (l.precision_m, m.entity_id <> m.canonical_id, l.entity_id)) AS from_id
    FROM entity_mentions AS m
    JOIN entity_locations AS l USING (entity_id)
    WHERE l.lon IS NOT NULL AND m.entity_id NOT IN (SELECT entity_id FROM site_classes)
    GROUP BY m.canonical_id
), streets AS (  -- one basis per entity: geo/streets.py takes the first basis that gives a 街道
    SELECT entity_id, string_agg(street_code, ';' ORDER BY street_code) AS street_codes, min(basis) AS basis
    FROM entity_streets GROUP BY entity_id
), flagged AS (
    SELECT u.*, m.canonical_id, m.doc_date, sc.class AS site_class,
           CASE WHEN u.family IN ('layout', 'indicator') THEN false
                ELSE sc.entity_id IS NULL END AS is_site
    FROM unioned AS u
    LEFT JOIN entity_mentions AS m ON m.entity_id = u.entity_id
    LEFT JOIN site_classes AS sc ON sc.entity_id = u.entity_id
)
SELECT u.entity_id, u.family, u.name, u.kind, u.district_code,
       coalesce(NULLIF(split_part(coalesce(u.street_codes, ''), ';', 1), ''),
                CASE WHEN u.is_site OR st.basis IN ('text', 'community') THEN split_part(st.street_codes, ';', 1)
                END) AS street_code,
       u.doc_id, u.line, u.quote, u.status, u.review, u.note,
       (SELECT s.section_id FROM sections AS s
         WHERE s.doc_id = u.doc_id AND u.line BETWEEN s.line_start AND s.line_end
         ORDER BY s.line_start DESC, s.level DESC LIMIT 1) AS section_id,
       CASE WHEN u.is_site THEN coalesce(loc.lon, seat.lon) END AS lon,
       CASE WHEN u.is_site THEN coalesce(loc.lat, seat.lat) END AS lat,
       CASE WHEN u.is_site THEN coalesce(loc.precision_m, seat.precision_m) END AS precision_m,
       CASE WHEN u.family = 'street_office' THEN CASE WHEN seat.lon IS NULL THEN 'unlocated' ELSE 'street_seat' END
            WHEN u.family IN ('layout', 'indicator') THEN NULL
            WHEN NOT u.is_site THEN 'not_a_site'
            WHEN b.from_id IS NOT NULL AND b.from_id <> u.entity_id
                 AND (own.lon IS NULL OR own.lon <> loc.lon OR own.lat <> loc.lat) THEN 'same_thing'
            WHEN own.lon IS NOT NULL THEN own.located_by
            ELSE coalesce(loc.located_by, 'unlocated') END AS located_by,
       CASE WHEN u.family IN ('street_office', 'layout', 'indicator') THEN NULL
            WHEN u.is_site OR st.basis IN ('text', 'community') THEN coalesce(st.basis, 'none') END AS street_basis,
       coalesce(u.canonical_id, u.entity_id) AS canonical_id, u.is_site, u.site_class,
       CASE WHEN u.family = 'layout' THEN coalesce(lk.layout_kind, 'spatial') END AS layout_kind,
       CASE WHEN u.family = 'street_office' THEN u.entity_id
            WHEN u.is_site OR st.basis IN ('text', 'community') THEN st.street_codes END AS street_codes,
       u.doc_date, CASE WHEN c.family_rep_id IS NULL THEN u.status ELSE c.current_status END AS current_status,
       coalesce(n.n_documents, 0) AS n_documents, coalesce(n.n_mentions, 0) AS n_mentions,
       coalesce(c.family_rep_id, u.entity_id) = u.entity_id AS family_rep,
       CASE WHEN u.is_site THEN coalesce(loc.evidence_kind, seat.evidence_kind) END AS evidence_kind,
       CASE WHEN u.is_site THEN coalesce(loc.evidence, seat.evidence) END AS evidence,
       CASE WHEN u.is_site AND b.from_id IS NOT NULL THEN b.from_id END AS position_from
FROM flagged AS u
LEFT JOIN best AS b ON b.canonical_id = coalesce(u.canonical_id, u.entity_id)
LEFT JOIN entity_locations AS loc ON loc.entity_id = coalesce(b.from_id, u.entity_id)
LEFT JOIN entity_locations AS own ON own.entity_id = u.entity_id
LEFT JOIN anchors AS seat ON u.family = 'street_office' AND seat.anchor_id = u.entity_id
LEFT JOIN layout_kinds AS lk ON lk.entity_id = u.entity_id
LEFT JOIN current AS c ON c.canonical_id = coalesce(u.canonical_id, u.entity_id) AND c.family = u.family
LEFT JOIN counted AS n ON n.canonical_id = coalesce(u.canonical_id, u.entity_id)
LEFT JOIN streets AS st ON st.entity_id = u.entity_id;

-- The view everything reads; the table behind it is computed once at build time (section lookups and
-- location joins are not repeated on every query).
CREATE OR REPLACE VIEW v_entities AS SELECT * FROM entities_flat;
