-- The agencies page of `ita web`: each agency's latest result, the change from its previous
-- result (and that result's year), and how many of its measures are overdue on $as_of.
-- $province / $agency_type: NULL for all.
WITH results AS (
    SELECT agency_id, agency_name, agency_type, district, province, fiscal_year, score, grade,
           lag(fiscal_year) OVER by_year AS previous_year,
           lag(score) OVER by_year AS previous_score,
           row_number() OVER (PARTITION BY agency_id ORDER BY fiscal_year DESC) AS recency
    FROM v_assessments
    WINDOW by_year AS (PARTITION BY agency_id ORDER BY fiscal_year)
),
overdue AS (
    SELECT agency_id, count(*) AS overdue_count
    FROM overdue_measures_as_of(CAST($as_of AS DATE))
    GROUP BY agency_id
)
SELECT r.agency_id, r.agency_name AS name, r.agency_type, r.district, r.province,
       r.fiscal_year, r.score, r.grade, r.previous_year, r.previous_score,
       r.score - r.previous_score AS change,
       coalesce(o.overdue_count, 0) AS overdue_count
FROM results AS r
LEFT JOIN overdue AS o USING (agency_id)
WHERE r.recency = 1
  AND ($province IS NULL OR r.province = $province)
  AND ($agency_type IS NULL OR r.agency_type = $agency_type)
ORDER BY r.province NULLS LAST, r.agency_name
