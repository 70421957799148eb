-- Which of these assessment ids already have a current result.
SELECT assessment_id
FROM assessments
WHERE list_contains($assessment_ids, assessment_id)
