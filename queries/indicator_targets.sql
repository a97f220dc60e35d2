-- Quantified targets stated in prose, optionally for one target year, with the result they are set beside
-- (base_year / base_value, e.g. the 2023 result next to a 2024 target) and the evidence of both.
-- Parameters: $district_code, $target_year.
-- Columns: entity_id, name, unit, base_year, base_value, target_year, target_value, growth, nature, doc_id, title,
--          title_en, line, quote, value_line, value_quote
SELECT i.entity_id, i.name, i.unit, i.base_year, i.base_value, i.target_year, i.target_value, i.growth, i.nature,
       i.doc_id, d.title, d.title_en, i.line, i.quote, i.value_line, i.value_quote
FROM indicators AS i
JOIN documents AS d USING (doc_id)
WHERE ($district_code IS NULL OR i.district_code = $district_code)
  AND ($target_year IS NULL OR i.target_year = $target_year)
  AND (i.table_ref = 'prose' OR i.table_ref IS NULL)
ORDER BY i.doc_id, i.line, i.entity_id;
