-- README example (inline form): agencies below the pass line two years running.
SELECT agency_name, province, previous_year, previous_score, fiscal_year, score
FROM (SELECT *, lag(fiscal_year) OVER w AS previous_year, lag(score) OVER w AS previous_score
      FROM v_assessments WINDOW w AS (PARTITION BY agency_id ORDER BY fiscal_year))
WHERE score < CAST($pass_line AS DECIMAL(5, 2))
  AND previous_score < CAST($pass_line AS DECIMAL(5, 2))
  AND previous_year = fiscal_year - 1
