-- Indicator table rows (not prose targets) of one district's plan period, with their evidence.
-- Parameters: $district_code.
-- Columns: entity_id, name, category, unit, base_year, base_value, target_year, target_value, growth, nature,
--          cumulative, cell_issue, table_ref, doc_id, title, title_en, line, quote, value_line, value_quote
SELECT i.entity_id, i.name, i.category, i.unit, i.base_year, i.base_value, i.target_year, i.target_value, i.growth,
       i.nature, i.cumulative, i.cell_issue, i.table_ref, i.doc_id, d.title, d.title_en, i.line, i.quote,
       i.value_line, i.value_quote
FROM indicators AS i
JOIN documents AS d USING (doc_id)
WHERE i.district_code = $district_code AND i.table_ref IS NOT NULL AND i.table_ref <> 'prose'
  AND i.target_year = 2025
ORDER BY i.doc_id, i.line;
