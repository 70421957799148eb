-- An agency by its exact name as printed, or by its agency_id.
SELECT agency_id, name
FROM agencies
WHERE name = $key OR agency_id = $key
ORDER BY agency_id
