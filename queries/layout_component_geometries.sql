-- Components of one layout with their schematic geometry. Parameters: $layout_id.
-- Columns: entity_id, group_label, name, kind, places, geometry_wkt, geometry_type, schematic, basis
SELECT c.entity_id, c.group_label, c.name, c.kind, c.places, g.geometry_wkt, g.geometry_type, g.schematic,
       g.basis
FROM layout_components AS c
JOIN layout_geometries AS g USING (entity_id)
WHERE c.layout_id = $layout_id
ORDER BY c.entity_id;
