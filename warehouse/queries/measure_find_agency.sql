-- Agencies matching what an officer typed: the agency id, the exact name, the same identity
-- key (ita.agency.agency_key), or — when nothing matches exactly — a key containing it.
WITH exact AS (
    SELECT agency_id, name, province
    FROM agencies
    WHERE agency_id = $text OR name = $text OR name_key = $name_key
)
SELECT agency_id, name, province FROM exact
UNION ALL
SELECT agency_id, name, province
FROM agencies
WHERE NOT EXISTS (SELECT 1 FROM exact)
  AND length($name_key) >= 3
  AND contains(name_key, $name_key)
ORDER BY name, agency_id
