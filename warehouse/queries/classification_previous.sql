-- The same agency's result of an earlier fiscal year: overall (indicator NULL) and indicators.
WITH prev AS (
    SELECT assessment_id, score
    FROM assessments
    WHERE agency_id = $agency_id AND fiscal_year = $fiscal_year
)
SELECT CAST(NULL AS INTEGER) AS indicator, score
FROM prev
UNION ALL
SELECT s.indicator, s.score
FROM indicator_scores AS s
JOIN prev USING (assessment_id)
ORDER BY indicator NULLS FIRST
