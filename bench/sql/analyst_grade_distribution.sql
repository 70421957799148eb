-- How many agencies got each grade, every fiscal year.
SELECT fiscal_year, grade, count(*) AS agencies,
       round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY fiscal_year), 1) AS percent
FROM assessments
GROUP BY fiscal_year, grade
ORDER BY fiscal_year, grade
