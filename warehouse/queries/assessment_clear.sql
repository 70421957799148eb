DELETE FROM assessments WHERE assessment_id = $assessment_id
