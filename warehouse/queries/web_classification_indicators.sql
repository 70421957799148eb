-- The stored classification of one assessment, indicator by indicator, with its weak items
-- (the agency page of `ita web`).
SELECT ci.indicator, ci.name, ci.tool, ci.score, ci.score_rank, ci.category, ci.to_improve,
       ci.is_most_urgent,
       list(w.item_code) FILTER (WHERE w.item_code IS NOT NULL) AS weak_items
FROM classification_indicators AS ci
LEFT JOIN classification_weak_items AS w
       ON w.assessment_id = ci.assessment_id AND w.indicator = ci.indicator
WHERE ci.assessment_id = $assessment_id
GROUP BY ALL
ORDER BY ci.score_rank, ci.indicator
