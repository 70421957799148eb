-- One agency with a result in every fiscal year (the first by name), for single-agency queries.
SELECT g.name
FROM agencies AS g
JOIN assessments AS a USING (agency_id)
GROUP BY g.agency_id, g.name
HAVING count(*) = (SELECT count(DISTINCT fiscal_year) FROM assessments)
ORDER BY g.name
LIMIT 1
