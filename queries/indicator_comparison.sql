-- The same indicator in at least two of the three districts' indicator tables (plan targets for 2025),
-- matched by name (without bracketed units or a final 数) AND unit, so a growth rate (%) is never set
-- beside an amount (亿元); the first row per district, name and unit.
-- Parameters: none.
-- Columns: indicator, unit, district_code, base_value, target_value (one row per indicator and district)
WITH tabled AS (
    SELECT trim(regexp_replace(name, '（[^）]*）|\([^)]*\)|数$', '', 'g')) AS indicator, coalesce(unit, '') AS unit,
           district_code,
           base_value, target_value, doc_id, line
    FROM indicators
    WHERE district_code IN ('370103', '370104', '370105') AND table_ref IS NOT NULL AND table_ref <> 'prose'
      AND target_year = 2025
), firsts AS (
    SELECT * FROM tabled
    QUALIFY row_number() OVER (PARTITION BY indicator, unit, district_code ORDER BY doc_id, line) = 1
)
SELECT indicator, unit, district_code, base_value, target_value
FROM firsts
WHERE (indicator, unit) IN (SELECT (indicator, unit) FROM firsts GROUP BY indicator, unit HAVING count(*) >= 2)
ORDER BY indicator, unit, district_code;
