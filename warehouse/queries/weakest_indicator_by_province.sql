-- For one fiscal year: in each province, the indicator with the lowest mean score.
-- $fiscal_year: B.E. year, e.g. 2566.
WITH source AS (
    SELECT g.province, s.indicator, s.score
    FROM indicator_scores AS s
    JOIN assessments AS a USING (assessment_id)
    JOIN agencies AS g USING (agency_id)
    WHERE a.fiscal_year = CAST($fiscal_year AS INTEGER)
),
by_indicator AS (
    SELECT province, indicator, CAST(avg(score) AS DECIMAL(5, 2)) AS mean_score,
           count(*) AS agencies
    FROM source
    GROUP BY province, indicator
)
SELECT province, indicator, mean_score, agencies
FROM by_indicator
QUALIFY row_number() OVER (PARTITION BY province ORDER BY mean_score, indicator) = 1
ORDER BY mean_score, province
