-- incoming_item_scores: an Arrow table registered by the loader for this statement.
INSERT INTO item_scores (assessment_id, item_code, score)
SELECT assessment_id, item_code, score
FROM incoming_item_scores
