INSERT INTO item_score_history (assessment_id, document_id, item_code, score)
SELECT s.assessment_id, a.document_id, s.item_code, s.score
FROM item_scores AS s
JOIN assessments AS a USING (assessment_id)
WHERE s.assessment_id = $assessment_id
