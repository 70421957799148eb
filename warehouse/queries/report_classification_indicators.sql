-- The stored classification of one assessment, indicator by indicator (input of the report).
SELECT indicator, name, tool, score, score_rank, weight, category, to_improve, is_most_urgent,
       items_known, previous_score, score_change, peer_average, vs_peers
FROM classification_indicators
WHERE assessment_id = $assessment_id
ORDER BY score_rank, indicator
