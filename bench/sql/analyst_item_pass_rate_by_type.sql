-- For $fiscal_year: by agency type, the share of published (OIT) items each type fulfils.
SELECT g.agency_type, count(DISTINCT a.agency_id) AS agencies,
       round(100.0 * count(*) FILTER (WHERE s.score >= 100) / count(*), 1) AS percent_full
FROM item_scores AS s
JOIN assessments AS a USING (assessment_id)
JOIN agencies AS g USING (agency_id)
WHERE a.fiscal_year = CAST($fiscal_year AS INTEGER) AND s.item_code LIKE 'O%'
GROUP BY g.agency_type
ORDER BY percent_full
