-- The distinct project categories (项目类型 as reviewed). Parameters: none. Columns: category
SELECT DISTINCT kind AS category FROM v_entities WHERE family = 'project' AND kind IS NOT NULL AND family_rep ORDER BY category;
