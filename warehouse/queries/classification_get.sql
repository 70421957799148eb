SELECT * FROM v_classifications WHERE assessment_id = $assessment_id
