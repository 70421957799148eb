INSERT INTO indicator_score_history (assessment_id, document_id, indicator, score)
SELECT s.assessment_id, a.document_id, s.indicator, s.score
FROM indicator_scores AS s
JOIN assessments AS a USING (assessment_id)
WHERE s.assessment_id = $assessment_id
