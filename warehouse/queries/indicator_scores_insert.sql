-- incoming_indicator_scores: an Arrow table registered by the loader for this statement.
INSERT INTO indicator_scores (assessment_id, indicator, score)
SELECT assessment_id, indicator, score
FROM incoming_indicator_scores
