-- Figures one district's documents state in their prose (results and targets outside the indicator tables).
-- Parameters: $district_code.
-- Columns: entity_id, name, category, unit, base_year, base_value, target_year, target_value, growth, doc_id,
--          title, title_en, line, quote, value_line, value_quote
SELECT i.entity_id, i.name, i.category, i.unit, i.base_year, i.base_value, i.target_year, i.target_value, i.growth,
       i.doc_id, d.title, d.title_en, i.line, i.quote, i.value_line, i.value_quote
FROM indicators AS i
JOIN documents AS d USING (doc_id)
WHERE i.district_code = $district_code AND (i.table_ref = 'prose' OR i.table_ref IS NULL)
ORDER BY i.doc_id, i.line, i.entity_id;
