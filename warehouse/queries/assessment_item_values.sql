SELECT item_code, score
FROM item_scores
WHERE assessment_id = $assessment_id
