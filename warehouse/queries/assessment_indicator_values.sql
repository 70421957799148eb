SELECT indicator, score
FROM indicator_scores
WHERE assessment_id = $assessment_id
ORDER BY indicator
