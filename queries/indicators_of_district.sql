-- Indicator table rows (not prose targets) of one district's plan period. Parameters: $district_code.
-- Columns: entity_id, name, category, unit, base_year, base_value, target_year, target_value, growth, nature,
--          cumulative, cell_issue, table_ref, doc_id, line, quote
SELECT entity_id, name, category, unit, base_year, base_value, target_year, target_value, growth, nature,
       cumulative, cell_issue, table_ref, doc_id, line, quote
FROM indicators
WHERE district_code = $district_code AND table_ref IS NOT NULL AND table_ref <> 'prose'
  AND target_year = 2025
ORDER BY doc_id, line;
