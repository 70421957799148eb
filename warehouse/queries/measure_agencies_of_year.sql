-- Agencies with a result in a fiscal year (to generate every plan of that year).
SELECT a.agency_id, g.name
FROM assessments AS a
JOIN agencies AS g USING (agency_id)
WHERE a.fiscal_year = $fiscal_year
ORDER BY g.name, a.agency_id
