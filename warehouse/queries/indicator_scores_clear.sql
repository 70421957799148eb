DELETE FROM indicator_scores WHERE assessment_id = $assessment_id
