SELECT name
FROM agencies
WHERE agency_id = $agency_id
