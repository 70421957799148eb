-- Agencies below $pass_line (the pass line is 85) in two consecutive fiscal years.
WITH source AS (
    SELECT agency_id, agency_name, province, fiscal_year, score,
           lag(fiscal_year) OVER w AS previous_year,
           lag(score) OVER w AS previous_score
    FROM v_assessments
    WINDOW w AS (PARTITION BY agency_id ORDER BY fiscal_year)
)
SELECT agency_name, province, previous_year, previous_score, fiscal_year, score
FROM source
WHERE previous_year = fiscal_year - 1
  AND previous_score < CAST($pass_line AS DECIMAL(5, 2))
  AND score < CAST($pass_line AS DECIMAL(5, 2))
ORDER BY fiscal_year DESC, score, agency_name
