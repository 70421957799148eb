INSERT INTO item_scores (assessment_id, item_code, score)
SELECT assessment_id, item_code, score
FROM bench_item_scores
