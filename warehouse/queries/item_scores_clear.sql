DELETE FROM item_scores WHERE assessment_id = $assessment_id
