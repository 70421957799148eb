-- The ten items with the lowest national mean score in $fiscal_year.
SELECT s.item_code, CAST(avg(s.score) AS DECIMAL(5, 2)) AS mean_score, count(*) AS agencies
FROM item_scores AS s
JOIN assessments AS a USING (assessment_id)
WHERE a.fiscal_year = CAST($fiscal_year AS INTEGER)
GROUP BY s.item_code
ORDER BY mean_score, s.item_code
LIMIT 10
