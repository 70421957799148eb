-- Provinces and agency types that have at least one result (filters of the agencies page).
SELECT DISTINCT 'province' AS facet, province AS value
FROM v_assessments
WHERE province IS NOT NULL
UNION
SELECT DISTINCT 'agency_type' AS facet, agency_type AS value
FROM v_assessments
WHERE agency_type IS NOT NULL
ORDER BY facet, value
