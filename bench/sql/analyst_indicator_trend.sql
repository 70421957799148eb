-- The national mean of each indicator, every fiscal year.
SELECT a.fiscal_year, s.indicator, CAST(avg(s.score) AS DECIMAL(5, 2)) AS mean_score,
       count(*) AS agencies
FROM indicator_scores AS s
JOIN assessments AS a USING (assessment_id)
GROUP BY a.fiscal_year, s.indicator
ORDER BY a.fiscal_year, s.indicator
