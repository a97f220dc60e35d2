-- The same 2025 target in at least two of the three districts, matched by name (without bracketed units or a
-- final 人数 / 数量 / 数) AND unit, so a growth rate (%) is never set beside an amount (亿元). Plan-table rows
-- come first; a prose target stands in where a district's documents have no table row (天桥区 has no 纲要:
-- its figures are in special plans and prose). One row per indicator, unit and district, with its evidence.
-- Parameters: none.
-- Columns: indicator, unit, district_code, entity_id, name, base_value, target_value, table_ref, doc_id, title,
--          title_en, line, quote, value_line, value_quote
WITH targets AS (
    SELECT trim(regexp_replace(regexp_replace(name, '（[^）]*）|\([^)]*\)', '', 'g'), '(人数|数量|数)$', ''))
               AS indicator,
           coalesce(unit, '') AS unit, district_code, entity_id, name, base_value, target_value, table_ref, doc_id, line,
           quote, value_line, value_quote
    FROM indicators
    WHERE district_code IN ('370103', '370104', '370105') AND target_year = 2025 AND target_value IS NOT NULL
), firsts AS (
    SELECT * FROM targets
    QUALIFY row_number() OVER (PARTITION BY indicator, unit, district_code
                               ORDER BY table_ref = 'prose', doc_id, line) = 1
)
SELECT indicator, unit, f.district_code, entity_id, name, base_value, target_value, table_ref, doc_id, d.title,
       d.title_en, line, quote, value_line, value_quote
FROM firsts AS f
JOIN documents AS d USING (doc_id)
WHERE (indicator, unit) IN (SELECT (indicator, unit) FROM firsts GROUP BY indicator, unit HAVING count(*) >= 2)
ORDER BY indicator, unit, f.district_code;
