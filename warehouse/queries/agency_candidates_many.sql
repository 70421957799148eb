-- Agencies whose name has one of the identity keys (the loader's look-up for a chunk).
SELECT name_key, agency_id, province
FROM agencies
WHERE list_contains($name_keys, name_key)
ORDER BY name_key, agency_id
