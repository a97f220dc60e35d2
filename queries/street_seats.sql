-- The 48 street offices with their seat location (for per-street aggregation). Parameters: none.
-- Columns: street_code, name, district_code, lon, lat
SELECT o.street_code, o.name, o.district_code, a.lon, a.lat
FROM street_offices AS o
LEFT JOIN anchors AS a ON a.anchor_id = o.street_code
ORDER BY o.street_code;
