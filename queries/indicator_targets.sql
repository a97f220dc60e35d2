-- Quantified targets stated in prose, optionally for one target year. Parameters: $district_code, $target_year.
-- Columns: entity_id, name, unit, base_year, base_value, target_year, target_value, growth, nature, doc_id, line,
--          quote
SELECT entity_id, name, unit, base_year, base_value, target_year, target_value, growth, nature, doc_id, line, quote
FROM indicators
WHERE ($district_code IS NULL OR district_code = $district_code)
  AND ($target_year IS NULL OR target_year = $target_year)
  AND (table_ref = 'prose' OR table_ref IS NULL)
ORDER BY doc_id, line;
