-- Orientation landmarks the basemap labels, at their anchors' positions. Parameters: none.
-- Columns: anchor_id, label, label_en, lon, lat, precision_m
SELECT m.anchor_id, m.label, m.label_en, a.lon, a.lat, a.precision_m
FROM landmarks AS m
JOIN anchors AS a USING (anchor_id)
WHERE a.lon IS NOT NULL AND a.lat IS NOT NULL
ORDER BY m.anchor_id;
