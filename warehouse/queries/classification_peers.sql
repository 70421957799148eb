-- Averages over the other agencies of the same province and agency type in the same fiscal
-- year: the overall score (indicator NULL) and each indicator, with how many agencies.
WITH me AS (
    SELECT agency_id, fiscal_year, province, agency_type
    FROM v_assessments
    WHERE assessment_id = $assessment_id
),
peers AS (
    SELECT a.assessment_id, a.score
    FROM v_assessments AS a, me
    WHERE a.fiscal_year = me.fiscal_year
      AND a.province = me.province
      AND a.agency_type = me.agency_type
      AND a.agency_id <> me.agency_id
)
SELECT CAST(NULL AS INTEGER) AS indicator, count(*) AS n, avg(score) AS average
FROM peers
UNION ALL
SELECT s.indicator, count(*) AS n, avg(s.score) AS average
FROM indicator_scores AS s
JOIN peers USING (assessment_id)
GROUP BY s.indicator
ORDER BY indicator NULLS FIRST
