DELETE FROM classifications WHERE assessment_id = $assessment_id
