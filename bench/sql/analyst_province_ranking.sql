-- Provinces ranked by mean overall score in $fiscal_year, with their share at or above the pass line.
SELECT province, count(*) AS agencies, CAST(avg(score) AS DECIMAL(5, 2)) AS mean_score,
       round(100.0 * count(*) FILTER (WHERE score >= CAST($pass_line AS DECIMAL(5, 2)))
             / count(*), 1) AS percent_passing,
       rank() OVER (ORDER BY avg(score) DESC) AS rank
FROM v_assessments
WHERE fiscal_year = CAST($fiscal_year AS INTEGER)
GROUP BY province
ORDER BY rank
