SELECT a.assessment_id, a.document_id, a.kind, a.score, a.grade, a.iit_score, a.eit_score,
       a.oit_score, d.file_name
FROM assessments AS a
LEFT JOIN documents AS d USING (document_id)
WHERE a.assessment_id = $assessment_id
