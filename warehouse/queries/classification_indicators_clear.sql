DELETE FROM classification_indicators WHERE assessment_id = $assessment_id
