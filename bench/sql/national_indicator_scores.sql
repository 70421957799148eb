-- An indicator is the mean of its items; one without items in the catalog that year is drawn
-- around the agency's level.
INSERT INTO indicator_scores (assessment_id, indicator, score)
WITH from_items AS (
    SELECT assessment_id, indicator, avg(score) AS mean_score
    FROM bench_item_scores
    GROUP BY assessment_id, indicator
)
SELECT b.assessment_id, i.indicator,
       CAST(coalesce(f.mean_score,
                     greatest(0, least(100, b.level
                         + ((hash(b.assessment_id, i.indicator) % 1000) / 1000.0 - 0.5)
                           * 2 * b.spread)))
            AS DECIMAL(5, 2))
FROM bench_base AS b
JOIN bench_indicators AS i ON i.fiscal_year = b.fiscal_year
LEFT JOIN from_items AS f ON f.assessment_id = b.assessment_id AND f.indicator = i.indicator
