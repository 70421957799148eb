-- Agencies whose name has the same identity key (one per province at most).
SELECT agency_id, province
FROM agencies
WHERE name_key = $name_key
ORDER BY agency_id
