-- The schematic rivers, roads and railways. Parameters: none.
-- Columns: name, name_en, kind, precision_m, basis, geometry_wkt
SELECT name, name_en, kind, precision_m, basis, geometry_wkt FROM lines ORDER BY kind, name;
