DELETE FROM classification_weak_items WHERE assessment_id = $assessment_id
